//! Every table termly keeps, in an order where each row's foreign keys point at rows
//! already copied, with its columns named (key columns first, so the last row read is the
//! next page's starting point). refinery's own history is not here: the destination keeps
//! the record of the migrations it ran itself.

/// One table to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    /// Every column, the primary key's first.
    pub columns: &'static [&'static str],
    /// How many of `columns`, from the start, make the primary key.
    pub key_len: usize,
    /// Part of the official record (meetings, decisions, actions and their history): its
    /// rows are checksummed on both sides as well as counted.
    pub record: bool,
}

impl Table {
    pub fn key(&self) -> &'static [&'static str] {
        &self.columns[..self.key_len]
    }
}

const fn table(
    name: &'static str,
    columns: &'static [&'static str],
    key_len: usize,
    record: bool,
) -> Table {
    Table {
        name,
        columns,
        key_len,
        record,
    }
}

/// The tables in foreign-key order. Decisions refer to earlier decisions (`revokes`), which
/// copying in id order keeps right; score packs come last, after the rows they pack.
pub const TABLES: &[Table] = &[
    table(
        "schools",
        &[
            "urn",
            "name",
            "phase",
            "establishment_type",
            "maintained",
            "pupils",
            "headteacher",
            "la_code",
            "sip",
            "lama",
        ],
        1,
        false,
    ),
    table(
        "inspections",
        &[
            "id",
            "urn",
            "date",
            "kind",
            "grade",
            "concern",
            "areas",
            "safeguarding_met",
        ],
        1,
        false,
    ),
    table(
        "imports",
        &[
            "id",
            "kind",
            "term",
            "team",
            "file",
            "hash",
            "rows",
            "imported_at",
        ],
        1,
        false,
    ),
    table(
        "scores",
        &["term", "team", "urn", "score", "comment"],
        3,
        false,
    ),
    table(
        "indicators",
        &["term", "team", "urn", "name", "value", "origin"],
        4,
        false,
    ),
    table(
        "meetings",
        &[
            "id",
            "term",
            "date",
            "chair",
            "attendees",
            "opened_at",
            "closed_at",
            "abandoned_at",
        ],
        1,
        true,
    ),
    table(
        "agenda_items",
        &["id", "meeting_id", "urn", "reason", "added_at"],
        1,
        true,
    ),
    table(
        "decisions",
        &[
            "id",
            "meeting_id",
            "urn",
            "kind",
            "from_category",
            "to_category",
            "rationale",
            "actions",
            "owner",
            "due",
            "recorded_by",
            "recorded_at",
            "revokes",
            "policy_reasons",
            "request_id",
        ],
        1,
        true,
    ),
    table(
        "decision_context",
        &["decision_id", "departure", "supersedes", "over_capacity"],
        1,
        true,
    ),
    table(
        "category_history",
        &[
            "id",
            "urn",
            "category",
            "since",
            "decision_id",
            "recorded_at",
        ],
        1,
        true,
    ),
    table(
        "actions",
        &[
            "id",
            "decision_id",
            "urn",
            "text",
            "owner",
            "due",
            "created_at",
        ],
        1,
        true,
    ),
    table(
        "action_events",
        &[
            "id",
            "action_id",
            "status",
            "carried",
            "note",
            "meeting_id",
            "by_whom",
            "at",
            "due",
        ],
        1,
        true,
    ),
    table(
        "meeting_details",
        &["meeting_id", "apologies", "next_meeting", "updated_at"],
        1,
        true,
    ),
    table("agenda_numbers", &["meeting_id", "number", "urn"], 2, true),
    table(
        "meeting_changes",
        &[
            "id",
            "meeting_id",
            "what",
            "old_value",
            "new_value",
            "changed_at",
        ],
        1,
        true,
    ),
    table("written_files", &["path", "sha256", "written_at"], 1, false),
    table(
        "score_packs",
        &[
            "id",
            "term",
            "team",
            "urns",
            "scores",
            "indicator_names",
            "indicators",
        ],
        1,
        false,
    ),
    table("score_packs_stale", &["term", "team"], 2, false),
];

/// Tables that belong to the migration tool, not to termly's data.
pub const NOT_COPIED: &[&str] = &["refinery_schema_history"];

/// The table called `name`, if termly copies it.
pub fn find(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}
