//! A small builder for policy tests: fictional schools, terms, scores and inspections.
#![allow(dead_code)]

use chrono::NaiveDate;
use std::path::PathBuf;
use termly::config::Config;
use termly::dataset::{Dataset, IndicatorValue, TermScores};
use termly::model::{
    Area, AreaGrade, CategorySpell, Concern, Inspection, InspectionOutcome, Phase, School,
};
use termly::policy::{assess_term, SchoolAssessment, TermAssessment};
use termly::term::Term;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn t(s: &str) -> Term {
    s.parse().unwrap()
}

/// The shipped config, with a user file laid over it.
pub fn config_with(extra: &str) -> Result<Config, String> {
    Config::from_sources(Some(("test.toml".into(), extra.into())), PathBuf::from("."))
        .map_err(|e| e.to_string())
}

pub struct Borough {
    pub config: Config,
    pub schools: Vec<School>,
    pub terms: Vec<Term>,
    /// (term, urn, per-team scores)
    pub scores: Vec<(Term, u32, Vec<Option<u8>>)>,
    pub indicators: Vec<(Term, u32, String, String, f64)>,
    pub inspections: Vec<Inspection>,
    pub spells: Vec<CategorySpell>,
}

impl Borough {
    pub fn new() -> Borough {
        Borough::with_config(config_with("").unwrap())
    }

    pub fn with_config(config: Config) -> Borough {
        Borough {
            config,
            schools: Vec::new(),
            terms: Vec::new(),
            scores: Vec::new(),
            indicators: Vec::new(),
            inspections: Vec::new(),
            spells: Vec::new(),
        }
    }

    pub fn school(&mut self, urn: u32, name: &str, phase: Phase, maintained: bool) -> &mut Self {
        self.schools.push(School {
            urn,
            name: name.into(),
            phase,
            establishment_type: if maintained {
                "Community school".into()
            } else {
                "Academy converter".into()
            },
            maintained,
            pupils: None,
            headteacher: None,
            la_code: None,
            sip: None,
            lama: Some(format!("Adviser {}", urn % 3)),
        });
        self
    }

    /// Scores in config team order: finance, hr, attendance, standards by default.
    pub fn scores(&mut self, term: &str, urn: u32, scores: &[Option<u8>]) -> &mut Self {
        let term = t(term);
        if !self.terms.contains(&term) {
            self.terms.push(term);
        }
        self.scores.push((term, urn, scores.to_vec()));
        self
    }

    /// An empty term (no scores at all), so it exists in the dataset.
    pub fn term(&mut self, term: &str) -> &mut Self {
        let term = t(term);
        if !self.terms.contains(&term) {
            self.terms.push(term);
        }
        self
    }

    pub fn indicator(&mut self, term: &str, urn: u32, team: &str, name: &str, v: f64) -> &mut Self {
        self.term(term);
        self.indicators
            .push((t(term), urn, team.into(), name.into(), v));
        self
    }

    pub fn category(&mut self, urn: u32, category: &str, since: &str) -> &mut Self {
        self.spells
            .push(CategorySpell::imported(urn, category, d(since)));
        self
    }

    pub fn legacy(
        &mut self,
        urn: u32,
        date: &str,
        grade: u8,
        concern: Option<Concern>,
    ) -> &mut Self {
        self.inspections.push(Inspection {
            urn,
            date: d(date),
            outcome: InspectionOutcome::Legacy { grade, concern },
        });
        self
    }

    pub fn report_card(
        &mut self,
        urn: u32,
        date: &str,
        areas: &[(Area, AreaGrade)],
        safeguarding_met: bool,
    ) -> &mut Self {
        self.inspections.push(Inspection {
            urn,
            date: d(date),
            outcome: InspectionOutcome::ReportCard {
                areas: areas.to_vec(),
                safeguarding_met,
            },
        });
        self
    }

    pub fn dataset(&self) -> Dataset {
        let teams = self.config.team_keys();
        let mut schools = self.schools.clone();
        schools.sort_by_key(|s| s.urn);
        let idx = |urn: u32| {
            schools
                .iter()
                .position(|s| s.urn == urn)
                .expect("known urn")
        };
        let n = schools.len();
        let nt = teams.len();
        let mut terms = self.terms.clone();
        terms.sort();
        let mut matrices: Vec<TermScores> =
            terms.iter().map(|t| TermScores::new(*t, n, nt)).collect();
        for (term, urn, sc) in &self.scores {
            let m = matrices.iter_mut().find(|m| m.term == *term).unwrap();
            for (team, v) in sc.iter().enumerate() {
                m.scores[idx(*urn) * nt + team] = *v;
            }
        }
        for (term, urn, team, name, value) in &self.indicators {
            let m = matrices.iter_mut().find(|m| m.term == *term).unwrap();
            m.indicators.push(IndicatorValue {
                school: idx(*urn) as u32,
                team: teams.iter().position(|x| x == team).expect("known team") as u16,
                name: name.as_str().into(),
                value: *value,
            });
        }
        for m in &mut matrices {
            m.indicators
                .sort_by(|a, b| (a.school, a.team, &a.name).cmp(&(b.school, b.team, &b.name)));
        }
        let mut inspections = vec![Vec::new(); n];
        let mut ins = self.inspections.clone();
        ins.sort_by_key(|i| i.date);
        for i in ins {
            inspections[idx(i.urn)].push(i);
        }
        let mut categories = vec![Vec::new(); n];
        let mut spells = self.spells.clone();
        spells.sort_by_key(|s| s.position());
        for s in spells {
            categories[idx(s.urn)].push(s);
        }
        Dataset {
            teams,
            schools,
            inspections,
            categories,
            terms: matrices,
            decisions: Vec::new(),
            meetings: Vec::new(),
        }
    }

    /// Assess the latest term on a fixed "today" inside it.
    pub fn assess(&self) -> (Dataset, TermAssessment) {
        let data = self.dataset();
        let last = data.terms.len() - 1;
        let today = data.terms[last].term.start_date() + chrono::Days::new(50);
        let a = assess_term(&self.config, &data, last, today);
        (data, a)
    }

    /// Assessment of one school in the latest term.
    pub fn one(&self, urn: u32) -> SchoolAssessment {
        let (data, a) = self.assess();
        a.schools[data.school_index(urn).unwrap()].clone()
    }
}

pub fn s(v: [u8; 4]) -> Vec<Option<u8>> {
    v.iter().map(|x| Some(*x)).collect()
}

pub fn reasons(a: &SchoolAssessment) -> Vec<String> {
    a.reasons
        .iter()
        .map(|r| format!("{}: {}", r.rule, r.sentence))
        .collect()
}
