//! The visible row order: filter, sort and group the schools. Pure functions of the data,
//! the policy's assessment and the view settings; rebuilt when any of them changes.

use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::{AreaGrade, InspectionOutcome, Phase, School};
use crate::policy::{SuggestionKind, TermAssessment, Trend};
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    None,
    Phase,
    Category,
    Lama,
}

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::None => Grouping::Phase,
            Grouping::Phase => Grouping::Category,
            Grouping::Category => Grouping::Lama,
            Grouping::Lama => Grouping::None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Grouping::None => "none",
            Grouping::Phase => "phase",
            Grouping::Category => "category",
            Grouping::Lama => "LaMA",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Urn,
    Phase,
    Type,
    Ofsted,
    Category,
    Team(usize),
    Composite,
    Trend,
    Suggestion,
    Flags,
    /// Agenda order: item 1 first.
    Agenda,
}

impl SortColumn {
    /// Every column, in screen order, for `n_teams` teams.
    pub fn all(n_teams: usize) -> Vec<SortColumn> {
        let mut v = vec![
            SortColumn::Name,
            SortColumn::Urn,
            SortColumn::Phase,
            SortColumn::Type,
            SortColumn::Ofsted,
            SortColumn::Category,
        ];
        v.extend((0..n_teams).map(SortColumn::Team));
        v.extend([
            SortColumn::Composite,
            SortColumn::Trend,
            SortColumn::Suggestion,
            SortColumn::Flags,
            SortColumn::Agenda,
        ]);
        v
    }

    /// Risk columns sort worst first unless reversed.
    pub fn descending_by_default(self) -> bool {
        matches!(
            self,
            SortColumn::Team(_)
                | SortColumn::Composite
                | SortColumn::Trend
                | SortColumn::Suggestion
                | SortColumn::Flags
                | SortColumn::Ofsted
        )
    }

    pub fn label(self, config: &Config) -> String {
        match self {
            SortColumn::Name => "name".into(),
            SortColumn::Urn => "URN".into(),
            SortColumn::Phase => "phase".into(),
            SortColumn::Type => "type".into(),
            SortColumn::Ofsted => "Ofsted".into(),
            SortColumn::Category => "category".into(),
            SortColumn::Team(t) => config
                .teams
                .get(t)
                .map(|t| t.label.clone())
                .unwrap_or_else(|| "team".into()),
            SortColumn::Composite => "composite".into(),
            SortColumn::Trend => "trend".into(),
            SortColumn::Suggestion => "suggestion".into(),
            SortColumn::Flags => "flags".into(),
            SortColumn::Agenda => "agenda order".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub reversed: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: SortColumn::Name,
            reversed: false,
        }
    }
}

impl Sort {
    pub fn descending(self) -> bool {
        self.column.descending_by_default() != self.reversed
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Case-insensitive part of the name, or digits of the URN.
    pub text: String,
    pub phase: Option<Phase>,
    /// A category key, or "" for schools with none.
    pub category: Option<String>,
    /// A LaMA name, or "" for schools with none.
    pub lama: Option<String>,
    /// Some(true) maintained only, Some(false) academies and others only.
    pub maintained: Option<bool>,
    pub agenda_only: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// One line of the grid body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Group { label: String, count: usize },
    School(usize),
}

/// Per-school text worked out once per reload, so filtering and drawing do not allocate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowCache {
    pub name_lower: Vec<String>,
    pub urn_text: Vec<String>,
    pub ofsted: Vec<String>,
    pub ofsted_rank: Vec<Option<u8>>,
    pub category: Vec<Option<usize>>,
    /// Distinct LaMA names, sorted.
    pub lamas: Vec<String>,
    /// Each school's place on the agenda (its item number less one), if on it.
    pub agenda_pos: Vec<Option<usize>>,
}

impl RowCache {
    pub fn build(config: &Config, data: &Dataset, assessment: &TermAssessment) -> RowCache {
        let n = data.schools.len();
        let mut c = RowCache {
            name_lower: Vec::with_capacity(n),
            urn_text: Vec::with_capacity(n),
            ofsted: Vec::with_capacity(n),
            ofsted_rank: Vec::with_capacity(n),
            category: Vec::with_capacity(n),
            lamas: Vec::new(),
            agenda_pos: vec![None; n],
        };
        for (pos, &i) in assessment.agenda.iter().enumerate() {
            if let Some(p) = c.agenda_pos.get_mut(i) {
                *p = Some(pos);
            }
        }
        for (i, s) in data.schools.iter().enumerate() {
            c.name_lower.push(s.name.to_lowercase());
            c.urn_text.push(s.urn.to_string());
            let insp = data.latest_inspection(i);
            c.ofsted.push(insp.map(|x| x.short()).unwrap_or_default());
            c.ofsted_rank.push(insp.map(|x| ofsted_rank(&x.outcome)));
            let cat = assessment
                .schools
                .get(i)
                .and_then(|a| a.current_category.as_deref());
            c.category.push(cat.and_then(|k| config.category_index(k)));
            if let Some(l) = s.lama.as_deref().filter(|l| !l.is_empty()) {
                c.lamas.push(l.to_string());
            }
        }
        c.lamas.sort();
        c.lamas.dedup();
        c
    }
}

/// Worse inspections rank higher: legacy 1–4 (×10, +5 with a concern), report cards by their
/// worst area, safeguarding not met above all.
fn ofsted_rank(outcome: &InspectionOutcome) -> u8 {
    match outcome {
        InspectionOutcome::Legacy { grade, concern } => {
            grade * 10 + if concern.is_some() { 5 } else { 0 }
        }
        InspectionOutcome::ReportCard {
            areas,
            safeguarding_met,
        } => {
            if !safeguarding_met {
                return 48;
            }
            match areas.iter().map(|(_, g)| *g).max() {
                Some(AreaGrade::UrgentImprovement) => 42,
                Some(AreaGrade::NeedsAttention) => 32,
                Some(AreaGrade::ExpectedStandard) => 22,
                Some(AreaGrade::StrongStandard) => 15,
                _ => 10,
            }
        }
    }
}

/// Short establishment type for the grid: maintained kinds by name, others by kind.
pub fn type_short(school: &School) -> &'static str {
    let t = school.establishment_type.to_ascii_lowercase();
    let table: [(&str, &str); 12] = [
        ("academy", "Acad"),
        ("free school", "Free"),
        ("university technical", "UTC"),
        ("studio", "Stud"),
        ("community", "Com"),
        ("voluntary aided", "VA"),
        ("voluntary controlled", "VC"),
        ("foundation", "Fdn"),
        ("nursery", "Nurs"),
        ("special", "Spec"),
        ("pupil referral", "PRU"),
        ("local authority", "LA"),
    ];
    table
        .iter()
        .find(|(k, _)| t.contains(k))
        .map(|(_, v)| *v)
        .unwrap_or(if school.maintained { "Mnt" } else { "Oth" })
}

/// What the row builder reads.
pub struct ViewInput<'a> {
    pub config: &'a Config,
    pub data: &'a Dataset,
    pub assessment: &'a TermAssessment,
    pub cache: &'a RowCache,
}

impl ViewInput<'_> {
    fn keep(&self, i: usize, f: &Filters, needle: &str) -> bool {
        let s = &self.data.schools[i];
        let a = self.assessment.schools.get(i);
        if f.agenda_only && !a.is_some_and(|a| a.on_agenda()) {
            return false;
        }
        if f.phase.is_some_and(|p| p != s.phase) {
            return false;
        }
        if f.maintained.is_some_and(|m| m != s.maintained) {
            return false;
        }
        if let Some(cat) = &f.category {
            let current = a.and_then(|a| a.current_category.as_deref()).unwrap_or("");
            if current != cat {
                return false;
            }
        }
        if let Some(lama) = &f.lama {
            if s.lama.as_deref().unwrap_or("") != lama {
                return false;
            }
        }
        needle.is_empty()
            || self.cache.name_lower[i].contains(needle)
            || self.cache.urn_text[i].contains(needle)
    }

    fn group_key(&self, i: usize, g: Grouping) -> usize {
        match g {
            Grouping::None => 0,
            Grouping::Phase => self.data.schools[i].phase as usize,
            Grouping::Category => self.cache.category[i].unwrap_or(usize::MAX),
            Grouping::Lama => self.data.schools[i]
                .lama
                .as_deref()
                .and_then(|l| {
                    self.cache
                        .lamas
                        .binary_search_by(|x| x.as_str().cmp(l))
                        .ok()
                })
                .unwrap_or(usize::MAX),
        }
    }

    fn group_label(&self, key: usize, g: Grouping) -> String {
        match g {
            Grouping::None => String::new(),
            Grouping::Phase => Phase::ALL
                .get(key)
                .map(|p| p.label().to_string())
                .unwrap_or_default(),
            Grouping::Category => self
                .config
                .categories
                .get(key)
                .map(|c| c.label.clone())
                .unwrap_or_else(|| "No category".into()),
            Grouping::Lama => self
                .cache
                .lamas
                .get(key)
                .cloned()
                .unwrap_or_else(|| "No LaMA".into()),
        }
    }

    /// Compare two schools by one column, ascending; `None` values are returned as such so
    /// the caller can keep them last whatever the direction.
    fn key_cmp(&self, col: SortColumn, a: usize, b: usize) -> Option<Ordering> {
        let sa = &self.data.schools[a];
        let sb = &self.data.schools[b];
        let aa = self.assessment.schools.get(a);
        let ab = self.assessment.schools.get(b);
        fn opt<T: PartialOrd>(x: Option<T>, y: Option<T>) -> Option<Ordering> {
            match (x, y) {
                (Some(x), Some(y)) => x.partial_cmp(&y),
                _ => None,
            }
        }
        match col {
            SortColumn::Name => Some(self.cache.name_lower[a].cmp(&self.cache.name_lower[b])),
            SortColumn::Urn => Some(sa.urn.cmp(&sb.urn)),
            SortColumn::Phase => Some(sa.phase.cmp(&sb.phase)),
            SortColumn::Type => Some(type_short(sa).cmp(type_short(sb))),
            SortColumn::Ofsted => opt(self.cache.ofsted_rank[a], self.cache.ofsted_rank[b]),
            SortColumn::Category => opt(self.cache.category[a], self.cache.category[b]),
            SortColumn::Team(t) => opt(
                aa.and_then(|x| x.scores.get(t)?.as_ref().map(|s| s.value)),
                ab.and_then(|x| x.scores.get(t)?.as_ref().map(|s| s.value)),
            ),
            SortColumn::Composite => opt(
                aa.and_then(|x| x.composite.as_ref().map(|c| c.value)),
                ab.and_then(|x| x.composite.as_ref().map(|c| c.value)),
            ),
            SortColumn::Trend => opt(
                aa.map(|x| trend_rank(x.trend)),
                ab.map(|x| trend_rank(x.trend)),
            ),
            SortColumn::Suggestion => opt(
                aa.and_then(|x| self.suggestion_rank(x.suggestion.as_ref())),
                ab.and_then(|x| self.suggestion_rank(x.suggestion.as_ref())),
            ),
            SortColumn::Flags => opt(aa.map(flag_rank), ab.map(flag_rank)),
            SortColumn::Agenda => opt(self.cache.agenda_pos[a], self.cache.agenda_pos[b]),
        }
    }

    fn suggestion_rank(&self, s: Option<&crate::policy::Suggestion>) -> Option<i32> {
        let s = s?;
        let level = self
            .config
            .category(&s.category)
            .map(|c| c.level as i32)
            .unwrap_or(0);
        Some(match s.kind {
            SuggestionKind::AtLeast => 100 + level,
            SuggestionKind::StepDown => level,
        })
    }
}

fn trend_rank(t: Trend) -> u8 {
    match t {
        Trend::Up => 3,
        Trend::Same => 2,
        Trend::Down => 1,
        Trend::New => 0,
    }
}

fn flag_rank(a: &crate::policy::SchoolAssessment) -> usize {
    a.flags
        .iter()
        .map(|f| 1 + 10 * (f.level == crate::policy::FlagLevel::Major) as usize)
        .sum()
}

/// Filter, group and sort the schools into grid rows.
pub fn build_rows(
    input: &ViewInput,
    filters: &Filters,
    sort: Sort,
    grouping: Grouping,
) -> Vec<Row> {
    let needle = filters.text.trim().to_lowercase();
    let mut idx: Vec<usize> = (0..input.data.schools.len())
        .filter(|&i| input.keep(i, filters, &needle))
        .collect();
    let desc = sort.descending();
    idx.sort_by(|&a, &b| {
        let g = input
            .group_key(a, grouping)
            .cmp(&input.group_key(b, grouping));
        if g != Ordering::Equal {
            return g;
        }
        let by_col = match input.key_cmp(sort.column, a, b) {
            Some(o) if desc => o.reverse(),
            Some(o) => o,
            // Missing values last in either direction.
            None => {
                let present = |i: usize| input.key_cmp(sort.column, i, i).is_some();
                present(b).cmp(&present(a))
            }
        };
        by_col
            .then_with(|| input.cache.name_lower[a].cmp(&input.cache.name_lower[b]))
            .then(a.cmp(&b))
    });
    if grouping == Grouping::None {
        return idx.into_iter().map(Row::School).collect();
    }
    let mut rows = Vec::with_capacity(idx.len() + 8);
    let mut start = 0;
    while start < idx.len() {
        let key = input.group_key(idx[start], grouping);
        let end = start
            + idx[start..]
                .iter()
                .take_while(|&&i| input.group_key(i, grouping) == key)
                .count();
        rows.push(Row::Group {
            label: input.group_label(key, grouping),
            count: end - start,
        });
        rows.extend(idx[start..end].iter().map(|&i| Row::School(i)));
        start = end;
    }
    rows
}
