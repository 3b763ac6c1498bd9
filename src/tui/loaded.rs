//! The data on screen: the settings, the dataset, the term shown and the policy's
//! assessment of it (with the meeting's agenda laid over), and the grid's view of it: the
//! rows after filter, sort and grouping.

use super::view::{build_rows, Filters, Grouping, Row, RowCache, Sort, ViewInput};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::meeting::MeetingAgenda;
use crate::model::Urn;
use crate::policy::{compiled_policy, Compiled, TermAssessment};
use crate::term::Term;

pub struct Loaded {
    config: Config,
    /// The config's policy, compiled once: views that score a term themselves (Trends)
    /// use it with the same function the assessment does.
    compiled: Compiled,
    data: Dataset,
    /// The term on screen, and its index in `data.terms` (None when it has no scores).
    term: Term,
    term_idx: Option<usize>,
    assessment: TermAssessment,
    cache: RowCache,
    filters: Filters,
    sort: Sort,
    grouping: Grouping,
    rows: Vec<Row>,
    /// Row of each school in `rows` (None when filtered out).
    row_of: Vec<Option<usize>>,
}

impl Loaded {
    /// Settings on a term, with no data yet (see [`Loaded::set_data`]).
    pub fn new(config: Config, term: Term) -> Loaded {
        Loaded {
            compiled: compiled_policy(&config),
            config,
            data: Dataset::default(),
            term,
            term_idx: None,
            assessment: TermAssessment {
                term,
                schools: Vec::new(),
                agenda: Vec::new(),
            },
            cache: RowCache::default(),
            filters: Filters::default(),
            sort: Sort::default(),
            grouping: Grouping::None,
            rows: Vec::new(),
            row_of: Vec::new(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }
    pub fn data(&self) -> &Dataset {
        &self.data
    }
    pub fn term(&self) -> Term {
        self.term
    }
    pub fn term_idx(&self) -> Option<usize> {
        self.term_idx
    }
    pub fn assessment(&self) -> &TermAssessment {
        &self.assessment
    }
    pub fn cache(&self) -> &RowCache {
        &self.cache
    }
    pub fn filters(&self) -> &Filters {
        &self.filters
    }
    pub fn sort(&self) -> Sort {
        self.sort
    }
    pub fn grouping(&self) -> Grouping {
        self.grouping
    }
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Take new data and its assessment (with the meeting's agenda laid over it), then
    /// rebuild the grid's rows.
    pub fn set_data(
        &mut self,
        data: Dataset,
        mut assessment: TermAssessment,
        agenda: &MeetingAgenda,
    ) {
        self.data = data;
        self.term_idx = self.data.term_index(self.term);
        agenda.apply_to(&mut assessment);
        self.assessment = assessment;
        self.cache = RowCache::build(&self.config, &self.data, &self.assessment);
        self.rebuild_rows();
    }

    /// Change the filters, then rebuild the rows.
    pub fn filter(&mut self, change: impl FnOnce(&mut Filters)) {
        change(&mut self.filters);
        self.rebuild_rows();
    }

    pub fn set_sort(&mut self, sort: Sort) {
        self.sort = sort;
        self.rebuild_rows();
    }

    pub fn next_grouping(&mut self) {
        self.grouping = self.grouping.next();
        self.rebuild_rows();
    }

    fn rebuild_rows(&mut self) {
        let input = ViewInput {
            config: &self.config,
            data: &self.data,
            assessment: &self.assessment,
            cache: &self.cache,
        };
        self.rows = build_rows(&input, &self.filters, self.sort, self.grouping);
        self.row_of.clear();
        self.row_of.resize(self.data.schools.len(), None);
        for (r, row) in self.rows.iter().enumerate() {
            if let Row::School(i) = row {
                self.row_of[*i] = Some(r);
            }
        }
    }

    /// The grid row showing the school, if it is shown.
    pub fn row_of(&self, school: usize) -> Option<usize> {
        self.row_of.get(school).copied().flatten()
    }

    /// The grid row showing the school with this URN, if it is shown.
    pub fn row_of_urn(&self, urn: Urn) -> Option<usize> {
        self.data.school_index(urn).and_then(|i| self.row_of(i))
    }

    /// Schools shown (rows that are not group headers).
    pub fn shown(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, Row::School(_)))
            .count()
    }

    /// The school's name, or its URN when it is not in the data.
    pub fn school_name(&self, urn: Urn) -> String {
        self.data
            .school_index(urn)
            .map_or_else(|| urn.to_string(), |i| self.data.schools[i].name.clone())
    }
}
