//! Shared by the ingest tests (included with `#[path]`): a tiny fictional borough written
//! to a temporary folder, with a config whose [data] paths point at it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use termly::config::Config;
use termly::ingest::{parse_all, ImportOptions, ParsedImport, Problems};

pub const REGISTER: &str = "urn,name,phase,establishment_type,pupils,headteacher,la_code
100001,Amberley Primary School,primary,Community school,412,A. Head,999
100002,Brackenfield Academy,secondary,Academy converter,1100,B. Head,999
100003,Coldharbour Special School,special,Community special school,90,,999
";

pub const SUPPORT: &str = "urn,category,since,sip,lama
100001,core,2024-09-01,Adviser One,
100002,enhanced,2025-01-06,Adviser Two,Adviser Three
";

pub const INSPECTIONS: &str = "urn,date,grade,concern,inclusion,curriculum_teaching,achievement,attendance_behaviour,personal_development,leadership_governance,early_years,post16,safeguarding
100001,2023-03-14,2,,,,,,,,,,
100002,2026-10-08,,,expected_standard,needs_attention,expected_standard,strong_standard,expected_standard,needs_attention,,,met
";

pub const FINANCE: &str = "urn,score,comment,balance_pct
100001,1,Healthy reserves,4.5
100002,3,Deficit plan agreed,-2.1
100003,,Indicators only,-6.0
";

pub const HR: &str = "urn,score,comment
100001,2,Two long-term absences
100002,1,
100003,4,Head on long-term leave
";

pub struct Borough {
    pub dir: tempfile::TempDir,
}

impl Default for Borough {
    fn default() -> Self {
        Borough::new()
    }
}

impl Borough {
    /// A clean borough: register, support, inspections, and finance + hr for one term.
    pub fn new() -> Borough {
        let b = Borough {
            dir: tempfile::tempdir().unwrap(),
        };
        b.write(
            "termly.toml",
            "[data]\nregister = \"register.csv\"\nsupport = \"support.csv\"\ninspections = \"inspections.csv\"\nscores = \"scores\"\ndatabase = \"termly.db\"\n",
        );
        b.write("register.csv", REGISTER);
        b.write("support.csv", SUPPORT);
        b.write("inspections.csv", INSPECTIONS);
        b.write("scores/2026-27-autumn/finance.csv", FINANCE);
        b.write("scores/2026-27-autumn/hr.csv", HR);
        b
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        let path = self.path(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
    }

    pub fn config(&self) -> Config {
        Config::load(Some(&self.path("termly.toml"))).unwrap()
    }

    pub fn parse(&self) -> Result<ParsedImport, Problems> {
        parse_all(
            &self.config(),
            &ImportOptions::default(),
            Some(&Default::default()),
        )
    }

    /// Every problem as printed.
    pub fn problems(&self) -> Vec<String> {
        match self.parse() {
            Ok(_) => Vec::new(),
            Err(p) => p.iter().map(|p| p.to_string()).collect(),
        }
    }

    /// The path as it appears in messages: `rel` is written with `/`, and each part is
    /// joined on, so on Windows the message's `\` separators are expected.
    pub fn shown(&self, rel: &str) -> String {
        rel.split('/')
            .fold(Path::new(self.dir.path()).to_path_buf(), |path, part| {
                path.join(part)
            })
            .display()
            .to_string()
    }
}
