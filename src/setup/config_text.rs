//! The `termly.toml` that `termly init` writes: the authority's own settings only (the rest
//! are the built-in defaults), every path relative to the file's folder, and comments that
//! say what to set next.

/// What goes into a new configuration.
pub struct NewConfig<'a> {
    pub authority: &'a str,
    pub la_code: &'a str,
    /// The register, relative to the config's folder.
    pub register: &'a str,
    /// The support workbook written beside it, relative to the config's folder.
    pub support: &'a str,
}

/// The text of a new `termly.toml`.
pub fn config_text(c: &NewConfig) -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    format!(
        r#"# termly configuration for {authority_comment}, written by `termly init`.
#
# Only what differs from termly's built-in defaults is here; every other setting (teams,
# scale, categories, policy rules) is the default, shown in full in the repository's
# config/termly.toml. Relative paths are relative to this file's folder. termly reads only
# the inputs named here: nothing falls back to the bundled example borough.

[data]
# The register: the GIAS download `termly init` was given, kept to one local authority.
register = {register}
la_code = {la}
# One folder per term, a workbook per team: scores/<term>/<team>.xlsx. `termly templates
# --term "<term>"` writes the next term's set.
scores = "scores"
database = "termly.db"
minutes = "minutes"
# Next: once the service has checked the starting categories in support.xlsx, remove the
# `#` below and run `termly import`. Until then schools have no category, and the first
# meeting establishes them ("Categories to establish").
# support = {support}
# inspections = "inspections.csv"   # the latest inspections, if you keep them apart

[backup]
folder = "backups"

[minutes]
authority = {authority}

# Next: per-school indicators from the DfE's files, one recipe per file. Copy the recipes
# you need from the built-in config/termly.toml ("Sources"), e.g.
#
# [[sources]]
# name = "absence"
# team = "attendance"
# file = "data/england_abs.csv"
# la = "LA"
# [sources.columns]
# overall_absence_pct = "PERCTOT"
# persistent_absence_pct = "PPERSABS10"
#
# and run `termly import --source absence --term "<term>"`. A [[policy.banding]] rule you
# add here adds to the built-in rules (the same `name` replaces one; `enabled = false`
# under a built-in rule's name switches it off).
#
# A team whose sheet heads its columns otherwise sets them in its [[teams]] entry (a
# [[teams]] list here replaces the built-in list, so list every team):
# score_column = "Finance RAG", comment_column = "Comments",
# words = {{ Red = 4, Amber = 3, Green = 1 }}
"#,
        authority_comment = c.authority.replace('\n', " "),
        register = quote(c.register),
        la = quote(c.la_code),
        support = quote(c.support),
        authority = quote(c.authority),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_config_loads_and_names_only_its_own_inputs() {
        let text = config_text(&NewConfig {
            authority: "Hampshire \"County\" Council",
            la_code: "850",
            register: "../downloads/gias.csv",
            support: "support.xlsx",
        });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("termly.toml");
        std::fs::write(&path, &text).unwrap();
        let config = crate::config::Config::load(Some(&path)).unwrap();
        assert_eq!(config.minutes.authority, "Hampshire \"County\" Council");
        assert_eq!(config.data.la_code.as_deref(), Some("850"));
        assert_eq!(config.data.not_configured(), ["support", "inspections"]);
        let base = std::path::absolute(dir.path()).unwrap();
        assert_eq!(
            config.resolve(config.data.register.as_ref().unwrap()),
            crate::config::tidy_path(&base.join("../downloads/gias.csv"))
        );
        assert_eq!(config.database_path(), base.join("termly.db"));
    }
}
