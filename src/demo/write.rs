//! Writing a borough as termly's own files: register, support, inspections, one score file
//! per team per term, and a config that points at them.

use super::{generate, write_gias, Borough, DemoOptions};
use crate::config::Config;
use crate::files::PrivateFile;
use crate::model::InspectionOutcome;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// The files `write_demo` produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoFiles {
    pub config: PathBuf,
    pub register: PathBuf,
    pub support: PathBuf,
    pub inspections: PathBuf,
    pub scores: PathBuf,
    pub gias: Option<PathBuf>,
}

/// `termly demo-data`: generate, then write every file (and `gias.csv` when `gias_rows` > 0);
/// with `xlsx`, each term's scores as one workbook (`scores/<term>.xlsx`, a sheet per team).
pub fn write_demo(
    dir: &Path,
    opts: &DemoOptions,
    gias_rows: usize,
    xlsx: bool,
) -> io::Result<DemoFiles> {
    let borough = generate(opts);
    write_borough_as(dir, &borough, &|_| xlsx)?;
    let config = dir.join("termly.toml");
    crate::files::write_private(&config, config_text(&borough).as_bytes())?;
    let gias = if gias_rows > 0 {
        let path = dir.join("gias.csv");
        write_gias(&path, &borough, gias_rows)?;
        Some(path)
    } else {
        None
    };
    Ok(DemoFiles {
        config,
        register: dir.join("register.csv"),
        support: dir.join("support.csv"),
        inspections: dir.join("inspections.csv"),
        scores: dir.join("scores"),
        gias,
    })
}

fn csv_writer(path: &Path) -> io::Result<csv::Writer<BufWriter<PrivateFile>>> {
    let file = PrivateFile::create(path)?;
    Ok(csv::WriterBuilder::new().from_writer(BufWriter::with_capacity(1 << 16, file)))
}

fn finish(mut w: csv::Writer<BufWriter<PrivateFile>>) -> io::Result<()> {
    w.flush()?;
    let buffered = w.into_inner().map_err(|e| e.into_error())?;
    buffered.into_inner().map_err(|e| e.into_error())?.commit()
}

/// Write register.csv, support.csv, inspections.csv and scores/<term>/<team>.csv under `dir`.
pub fn write_borough(dir: &Path, b: &Borough) -> io::Result<()> {
    write_borough_as(dir, b, &|_| false)
}

/// As [`write_borough`], with the terms `as_workbook` picks (by index) written as one
/// workbook each, `scores/<term>.xlsx`.
pub fn write_borough_as(
    dir: &Path,
    b: &Borough,
    as_workbook: &dyn Fn(usize) -> bool,
) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    write_register(&dir.join("register.csv"), b)?;
    write_support(&dir.join("support.csv"), b)?;
    write_inspections(&dir.join("inspections.csv"), b)?;
    write_scores(&dir.join("scores"), b, as_workbook)
}

fn write_register(path: &Path, b: &Borough) -> io::Result<()> {
    let mut w = csv_writer(path)?;
    w.write_record([
        "urn",
        "name",
        "phase",
        "establishment_type",
        "pupils",
        "headteacher",
        "la_code",
    ])?;
    for s in &b.schools {
        let s = &s.school;
        w.write_record([
            s.urn.to_string().as_str(),
            &s.name,
            s.phase.key(),
            &s.establishment_type,
            &s.pupils.map(|p| p.to_string()).unwrap_or_default(),
            s.headteacher.as_deref().unwrap_or(""),
            s.la_code.as_deref().unwrap_or(""),
        ])?;
    }
    finish(w)
}

fn write_support(path: &Path, b: &Borough) -> io::Result<()> {
    let mut w = csv_writer(path)?;
    w.write_record(["urn", "category", "since", "sip", "lama"])?;
    for s in &b.schools {
        w.write_record([
            s.school.urn.to_string().as_str(),
            &s.category,
            &s.since.format("%Y-%m-%d").to_string(),
            s.school.sip.as_deref().unwrap_or(""),
            s.school.lama.as_deref().unwrap_or(""),
        ])?;
    }
    finish(w)
}

const INSPECTION_COLUMNS: [&str; 13] = [
    "urn",
    "date",
    "grade",
    "concern",
    "inclusion",
    "curriculum_teaching",
    "achievement",
    "attendance_behaviour",
    "personal_development",
    "leadership_governance",
    "early_years",
    "post16",
    "safeguarding",
];

fn write_inspections(path: &Path, b: &Borough) -> io::Result<()> {
    let mut w = csv_writer(path)?;
    w.write_record(INSPECTION_COLUMNS)?;
    for s in &b.schools {
        for i in &s.inspections {
            let mut row = vec![String::new(); INSPECTION_COLUMNS.len()];
            row[0] = i.urn.to_string();
            row[1] = i.date.format("%Y-%m-%d").to_string();
            match &i.outcome {
                InspectionOutcome::Legacy { grade, concern } => {
                    row[2] = grade.to_string();
                    row[3] = match concern {
                        Some(crate::model::Concern::SeriousWeaknesses) => "serious_weaknesses",
                        Some(crate::model::Concern::SpecialMeasures) => "special_measures",
                        None => "",
                    }
                    .to_string();
                }
                InspectionOutcome::ReportCard {
                    areas,
                    safeguarding_met,
                } => {
                    for (area, grade) in areas {
                        let col = INSPECTION_COLUMNS
                            .iter()
                            .position(|c| *c == area.key())
                            .expect("every area has a column");
                        row[col] = grade.key().to_string();
                    }
                    row[12] = if *safeguarding_met { "met" } else { "not_met" }.to_string();
                }
            }
            w.write_record(&row)?;
        }
    }
    finish(w)
}

fn write_scores(dir: &Path, b: &Borough, as_workbook: &dyn Fn(usize) -> bool) -> io::Result<()> {
    let mut buf = String::new();
    fs::create_dir_all(dir)?;
    for (ti, term) in b.terms.iter().enumerate() {
        if as_workbook(ti) {
            let path = dir.join(format!("{}.xlsx", term.key()));
            super::xlsx::write_term_workbook(&path, b, ti)?;
            continue;
        }
        let term_dir = dir.join(term.key());
        fs::create_dir_all(&term_dir)?;
        for (ki, team) in b.teams.iter().enumerate() {
            let mut w = csv_writer(&term_dir.join(format!("{}.csv", team.key)))?;
            w.write_field("urn")?;
            w.write_field("score")?;
            w.write_field("comment")?;
            for name in team.indicators {
                w.write_field(name)?;
            }
            w.write_record(None::<&[u8]>)?;
            for (si, school) in b.schools.iter().enumerate() {
                let row = b.row(ti, ki, si);
                buf.clear();
                let _ = write!(buf, "{}", school.school.urn);
                w.write_field(&buf)?;
                buf.clear();
                if let Some(score) = row.score {
                    let _ = write!(buf, "{score}");
                }
                w.write_field(&buf)?;
                w.write_field(&row.comment)?;
                for value in &row.indicators[..team.indicators.len()] {
                    buf.clear();
                    let _ = write!(buf, "{value:.1}");
                    w.write_field(&buf)?;
                }
                w.write_record(None::<&[u8]>)?;
            }
            finish(w)?;
        }
    }
    Ok(())
}

/// LaMA hours a term and reviews a year the borough's categories imply under the default
/// categories, so the demo's capacity is in proportion to its size.
fn implied_capacity(b: &Borough) -> (f64, u32) {
    let Ok(defaults) = Config::default_with_base(Path::new(".")) else {
        return (400.0, 30);
    };
    let mut hours = 0.0;
    let mut reviews = 0;
    for s in &b.schools {
        if let Some(c) = defaults.category(&s.category) {
            hours += c.lama_hours_per_term();
            reviews += c.reviews_year;
        }
    }
    // A little headroom: the meeting should see capacity tighten, not start over it.
    let hours = ((hours * 1.05 / 10.0).ceil() * 10.0).max(10.0);
    let reviews = ((reviews as f64 * 1.05).ceil() as u32).max(1);
    (hours, reviews)
}

/// The demo's `termly.toml`: its teams, capacity and files (relative to the config's folder).
pub fn config_text(b: &Borough) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# termly demo: the fictional borough of {} (LA {}), {} schools, {} terms, {} teams, seed {}.",
        b.la_name,
        b.la_code,
        b.schools.len(),
        b.terms.len(),
        b.teams.len(),
        b.seed
    );
    t.push_str(
        "# Written by `termly demo-data`. Open with `termly --config termly.toml` (from this folder).\n\
         # Anything not set here comes from the built-in defaults; [[teams]] replaces the default list.\n",
    );
    for team in &b.teams {
        let _ = write!(
            t,
            "\n[[teams]]\nkey = \"{}\"\nlabel = \"{}\"\nshort = \"{}\"\nweight = {:?}\n",
            team.key, team.label, team.short, team.weight
        );
    }
    let keys: Vec<&str> = b.teams.iter().map(|t| t.key).collect();
    if let Some(policy) = policy_for_teams(&keys) {
        t.push_str(
            "\n# The default policy without the rules that name teams this demo does not have.\n",
        );
        t.push_str(&policy);
    }
    let (hours, reviews) = implied_capacity(b);
    let _ = write!(
        t,
        "\n[capacity]\nlama_hours_term = {hours:?}\nreviews_year = {reviews}\n"
    );
    t.push_str(
        "\n[data]\n\
         register = \"register.csv\"\n\
         support = \"support.csv\"\n\
         inspections = \"inspections.csv\"\n\
         scores = \"scores\"\n\
         database = \"termly.db\"\n\
         minutes = \"minutes\"\n\
         \n[backup]\nfolder = \"backups\"\n",
    );
    t
}

/// The built-in `[policy]` without banding rules and rules that name a team not in `teams`,
/// as TOML; `None` when nothing needs dropping (the defaults then apply unchanged).
fn policy_for_teams(teams: &[&str]) -> Option<String> {
    let defaults: toml::Table = crate::config::DEFAULT_CONFIG.parse().ok()?;
    let mut policy = defaults.get("policy")?.as_table()?.clone();
    let mut dropped = false;
    for list in ["banding", "rules"] {
        if let Some(toml::Value::Array(items)) = policy.get_mut(list) {
            let before = items.len();
            items.retain(|item| !names_unknown_team(item, teams));
            dropped |= items.len() != before;
        }
    }
    if !dropped {
        return None;
    }
    let mut root = toml::Table::new();
    root.insert("policy".into(), toml::Value::Table(policy));
    toml::to_string(&root).ok()
}

fn names_unknown_team(value: &toml::Value, teams: &[&str]) -> bool {
    let unknown = |v: &toml::Value| v.as_str().is_some_and(|s| !teams.contains(&s));
    match value {
        toml::Value::Table(t) => t.iter().any(|(k, v)| match (k.as_str(), v) {
            ("team", v) if unknown(v) => true,
            ("teams", toml::Value::Array(list)) if list.iter().any(unknown) => true,
            _ => names_unknown_team(v, teams),
        }),
        toml::Value::Array(list) => list.iter().any(|v| names_unknown_team(v, teams)),
        _ => false,
    }
}
