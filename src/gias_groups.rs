//! Which GIAS establishments the service follows. GIAS sorts every establishment into a
//! type group (`EstablishmentTypeGroup (name)`); termly splits two of them further, because
//! "Special schools" holds independent and non-maintained special schools beside the
//! authority's own. A download without the group column has it worked out from the type.

/// The groups a register keeps unless `[register] gias_groups` says otherwise.
pub const DEFAULT_GROUPS: [&str; 4] = [
    "Local authority maintained schools",
    "Academies",
    "Free Schools",
    "Special schools",
];

/// Every group termly knows, in the order the import summary lists them.
pub const ALL_GROUPS: [Group; 11] = [
    Group::LaMaintained,
    Group::Academies,
    Group::FreeSchools,
    Group::Special,
    Group::NonMaintainedSpecial,
    Group::ChildrensCentres,
    Group::Independent,
    Group::Universities,
    Group::Colleges,
    Group::Welsh,
    Group::Other,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    LaMaintained,
    Academies,
    FreeSchools,
    /// The authority's special schools (community and foundation special).
    Special,
    NonMaintainedSpecial,
    ChildrensCentres,
    /// Independent schools, independent special schools included.
    Independent,
    Universities,
    Colleges,
    Welsh,
    Other,
}

impl Group {
    /// The name written in `gias_groups` (GIAS's own group names, plus one of termly's).
    pub fn name(self) -> &'static str {
        match self {
            Group::LaMaintained => "Local authority maintained schools",
            Group::Academies => "Academies",
            Group::FreeSchools => "Free Schools",
            Group::Special => "Special schools",
            Group::NonMaintainedSpecial => "Non-maintained special schools",
            Group::ChildrensCentres => "Children's centres",
            Group::Independent => "Independent schools",
            Group::Universities => "Universities",
            Group::Colleges => "Colleges",
            Group::Welsh => "Welsh schools",
            Group::Other => "Other types",
        }
    }

    /// How the import summary counts skipped rows of this group.
    pub fn skipped_as(self) -> &'static str {
        match self {
            Group::Welsh => "Welsh establishments",
            Group::ChildrensCentres => "children's centres",
            Group::NonMaintainedSpecial => "non-maintained special schools",
            Group::Independent => "independent schools",
            Group::Universities => "universities",
            Group::Colleges => "colleges",
            Group::Other => "other types",
            Group::LaMaintained => "local authority maintained schools",
            Group::Academies => "academies",
            Group::FreeSchools => "free schools",
            Group::Special => "special schools",
        }
    }

    /// A configured name (any case, `LA` for "local authority").
    pub fn parse(name: &str) -> Option<Group> {
        let key = normalise(name);
        ALL_GROUPS.into_iter().find(|g| normalise(g.name()) == key)
    }

    /// Maintained by the authority: what termly assumes when the type is not in the file.
    pub fn maintained(self) -> bool {
        matches!(self, Group::LaMaintained | Group::Special)
    }

    /// The group of one row, from the group column when the file has it, the type otherwise.
    pub fn of(group: Option<&str>, establishment_type: Option<&str>) -> Group {
        let by_type = establishment_type.map(|t| t.to_ascii_lowercase());
        let by_type = by_type.as_deref().unwrap_or("");
        // "Special schools" holds three kinds the service treats differently.
        if by_type.contains("independent") {
            return Group::Independent;
        }
        if by_type.contains("non-maintained special") {
            return Group::NonMaintainedSpecial;
        }
        match group.filter(|g| !g.trim().is_empty()) {
            Some(g) => Group::parse(g).unwrap_or(Group::Other),
            None => from_type(by_type),
        }
    }
}

/// The group a type belongs to, for downloads without the group column.
fn from_type(t: &str) -> Group {
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if t.is_empty() {
        Group::Other
    } else if has(&["welsh"]) {
        Group::Welsh
    } else if has(&["children's centre", "childrens centre"]) {
        Group::ChildrensCentres
    } else if has(&["higher education"]) {
        Group::Universities
    } else if has(&["further education", "sixth form centre"]) {
        Group::Colleges
    } else if has(&[
        "free school",
        "studio school",
        "university technical college",
    ]) {
        Group::FreeSchools
    } else if has(&["academy"]) {
        Group::Academies
    } else if has(&["special"]) {
        Group::Special
    } else if has(&[
        "community",
        "voluntary",
        "foundation",
        "nursery",
        "pupil referral",
    ]) {
        Group::LaMaintained
    } else {
        Group::Other
    }
}

/// Lower case, `LA` spelled out, runs of spaces made one: GIAS has written both
/// "LA maintained schools" and "Local authority maintained schools".
fn normalise(name: &str) -> String {
    let lower = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    match lower.strip_prefix("la ") {
        Some(rest) => format!("local authority {rest}"),
        None => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_column_or_type() {
        let of = |g: Option<&str>, t: Option<&str>| Group::of(g, t);
        assert_eq!(
            of(
                Some("Special schools"),
                Some("Other independent special school")
            ),
            Group::Independent
        );
        assert_eq!(
            of(
                Some("Special schools"),
                Some("Non-maintained special school")
            ),
            Group::NonMaintainedSpecial
        );
        assert_eq!(
            of(Some("Special schools"), Some("Community special school")),
            Group::Special
        );
        assert_eq!(
            of(Some("LA maintained schools"), Some("Community school")),
            Group::LaMaintained
        );
        assert_eq!(
            of(Some("Children's Centres"), None),
            Group::ChildrensCentres
        );
        assert_eq!(of(None, Some("Pupil referral unit")), Group::LaMaintained);
        assert_eq!(
            of(None, Some("Academy special converter")),
            Group::Academies
        );
        assert_eq!(of(None, Some("Welsh establishment")), Group::Welsh);
        assert_eq!(of(None, None), Group::Other);
        assert_eq!(of(Some("Online provider"), None), Group::Other);
    }

    #[test]
    fn configured_names_parse() {
        assert_eq!(Group::parse("free schools"), Some(Group::FreeSchools));
        assert_eq!(
            Group::parse("LA  maintained schools"),
            Some(Group::LaMaintained)
        );
        assert_eq!(Group::parse("Schools"), None);
        for name in DEFAULT_GROUPS {
            assert!(Group::parse(name).is_some(), "{name}");
        }
    }
}
