//! A user's `[[policy.banding]]` entries are laid over the built-in rules, never in place
//! of them: an entry with a new `name` adds a rule (ahead of the built-in ones, so a
//! narrower rule of the user's is tried first), an entry with a built-in's `name` replaces
//! that rule, and `enabled = false` under a built-in's name switches it off.

/// Lay the user's banding entries (taken out of `user`) over the defaults' list. A built-in
/// rule for a team the user's file does not have is dropped with that team.
pub(super) fn lay_banding(
    defaults: &mut toml::Table,
    user: &mut toml::Table,
) -> Result<(), String> {
    let teams: Vec<String> = user
        .get("teams")
        .or_else(|| defaults.get("teams"))
        .and_then(toml::Value::as_array)
        .map(|teams| {
            teams
                .iter()
                .filter_map(|t| t.get("key").and_then(toml::Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let entries = match user.get_mut("policy").and_then(toml::Value::as_table_mut) {
        Some(user_policy) => match user_policy.remove("banding") {
            Some(toml::Value::Array(entries)) => entries,
            Some(other) => {
                // Not a list: put it back for the type error to name it.
                user_policy.insert("banding".into(), other);
                Vec::new()
            }
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let policy = defaults
        .entry("policy")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    let Some(policy) = policy.as_table_mut() else {
        return Ok(());
    };
    let built_in = match policy.remove("banding") {
        Some(toml::Value::Array(rules)) => rules,
        _ => Vec::new(),
    };
    let name_of = |v: &toml::Value| {
        v.get("name")
            .and_then(toml::Value::as_str)
            .map(str::to_string)
    };
    let has_team = |rule: &toml::Value| {
        rule.get("team")
            .and_then(toml::Value::as_str)
            .is_some_and(|t| teams.iter().any(|k| k == t))
    };
    let mut kept: Vec<Option<toml::Value>> =
        built_in.into_iter().filter(has_team).map(Some).collect();
    let mut added = Vec::new();
    for mut entry in entries {
        let enabled = match entry.as_table_mut().and_then(|t| t.remove("enabled")) {
            None => true,
            Some(toml::Value::Boolean(b)) => b,
            Some(other) => {
                return Err(format!(
                    "policy.banding: `enabled` must be true or false, found {other}"
                ))
            }
        };
        let name = name_of(&entry);
        let slot = kept.iter().position(|r| {
            r.as_ref()
                .and_then(name_of)
                .is_some_and(|n| Some(n) == name)
        });
        match (slot, enabled) {
            (Some(i), true) => kept[i] = Some(entry),
            (Some(i), false) => kept[i] = None,
            (None, true) => added.push(entry),
            (None, false) => {
                let names: Vec<String> = kept.iter().flatten().filter_map(name_of).collect();
                return Err(format!(
                    "policy.banding: `{}` has enabled = false, but no built-in banding rule has that name (built-in: {})",
                    name.unwrap_or_default(),
                    names.join(", ")
                ));
            }
        }
    }
    added.extend(kept.into_iter().flatten());
    policy.insert("banding".into(), toml::Value::Array(added));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use std::path::PathBuf;

    fn load(text: &str) -> Result<Config, String> {
        Config::from_sources(Some(("a.toml".into(), text.into())), PathBuf::from("."))
            .map_err(|e| e.to_string())
    }

    fn names(c: &Config) -> Vec<&str> {
        c.policy.banding.iter().map(|b| b.name.as_str()).collect()
    }

    const KS2: &str = "[[policy.banding]]\nname = \"standards-ks2\"\nteam = \"standards\"\nindicator = \"rwm_expected_pct\"\nranges = [{ min = 65, score = 1 }, { max = 65, score = 3 }]\n";

    #[test]
    fn a_users_rule_adds_to_the_built_in_rules() {
        let c = load(KS2).unwrap();
        assert_eq!(
            names(&c),
            [
                "standards-ks2",
                "attendance-special",
                "attendance",
                "finance-balance"
            ]
        );
    }

    #[test]
    fn the_same_name_replaces_and_enabled_false_switches_off() {
        let text = format!(
            "{KS2}[[policy.banding]]\nname = \"attendance\"\nteam = \"attendance\"\nindicator = \"persistent_absence_pct\"\nranges = [{{ min = 0, score = 2 }}]\n[[policy.banding]]\nname = \"finance-balance\"\nenabled = false\n"
        );
        let c = load(&text).unwrap();
        assert_eq!(
            names(&c),
            ["standards-ks2", "attendance-special", "attendance"]
        );
        assert_eq!(c.policy.banding[2].ranges.len(), 1, "replaced in place");
        let e = load("[[policy.banding]]\nname = \"nope\"\nenabled = false\n").unwrap_err();
        assert!(
            e.contains("no built-in banding rule") && e.contains("finance-balance"),
            "{e}"
        );
    }
}
