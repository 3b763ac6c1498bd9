//! Team comments in print. `[confidential]` in the config names the teams whose comments
//! (and the indicators whose values) stay off the shared screen and out of papers unless
//! asked for; the minutes never copy a team's comment at all.

use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::{sanitize_text, Score};
use crate::printout::md_line;
use std::fmt::Write;

/// What a confidential comment becomes when it is left out.
pub const OMITTED: &str = "confidential — left out (--include-confidential prints it)";

/// A comment as it may be printed: itself, or the placeholder when confidential.
pub fn printable<'a>(config: &Config, team: &str, comment: &'a str, include: bool) -> &'a str {
    if include || !config.confidential.team(team) {
        comment
    } else {
        OMITTED
    }
}

/// The "Team comments" section of a snapshot: each school (register order) with a comment,
/// then each team's comment in the configured team order.
pub fn comments_section(
    config: &Config,
    data: &Dataset,
    comments: &[Score],
    include: bool,
    md: bool,
) -> String {
    let mut by_school: Vec<Vec<&Score>> = vec![Vec::new(); data.schools.len()];
    for c in comments.iter().filter(|c| !c.comment.trim().is_empty()) {
        if let Some(i) = data.school_index(c.urn) {
            by_school[i].push(c);
        }
    }
    let rank = |team: &str| config.team_index(team).unwrap_or(usize::MAX);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        if md {
            "## Team comments\n"
        } else {
            "Team comments"
        }
    );
    for (i, mut list) in by_school.into_iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        list.sort_by_key(|c| (rank(&c.team), c.team.clone()));
        let s = &data.schools[i];
        let name = sanitize_text(&s.name, false);
        if md {
            let _ = writeln!(out, "- **{}** ({})", md_line(&name), s.urn);
        } else {
            let _ = writeln!(out, "  {name} ({})", s.urn);
        }
        for c in list {
            let team = config
                .team_index(&c.team)
                .map_or(c.team.as_str(), |t| config.teams[t].label.as_str());
            let text = sanitize_text(printable(config, &c.team, &c.comment, include), false);
            if md {
                let _ = writeln!(out, "  - {}: {}", md_line(team), md_line(&text));
            } else {
                let _ = writeln!(out, "      {team}: {text}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Phase, School};
    use std::path::Path;

    fn fixture() -> (Config, Dataset, Vec<Score>) {
        let config = Config::default_with_base(Path::new("config")).unwrap();
        let mut data = Dataset::default();
        data.schools.push(School {
            urn: 100001,
            name: "Alder Primary".into(),
            phase: Phase::Primary,
            establishment_type: "Community school".into(),
            maintained: true,
            pupils: None,
            headteacher: None,
            la_code: None,
            sip: None,
            lama: None,
        });
        let term = "2026-27 autumn".parse().unwrap();
        let score = |team: &str, comment: &str| Score {
            urn: 100001,
            term,
            team: team.into(),
            score: Some(3),
            comment: comment.into(),
            indicators: Vec::new(),
        };
        let comments = vec![
            score("hr", "Head on sick leave since October"),
            score("finance", "Deficit recovery plan agreed"),
        ];
        (config, data, comments)
    }

    #[test]
    fn hr_comments_are_left_out_unless_asked_for() {
        let (config, data, comments) = fixture();
        for md in [false, true] {
            let out = comments_section(&config, &data, &comments, false, md);
            assert!(!out.contains("sick leave"), "{out}");
            assert!(out.contains("Deficit recovery plan agreed"), "{out}");
            assert!(out.contains("confidential"), "{out}");
            let all = comments_section(&config, &data, &comments, true, md);
            assert!(all.contains("Head on sick leave since October"), "{all}");
        }
        let text = comments_section(&config, &data, &comments, false, false);
        let fin = text.find("Finance").unwrap();
        assert!(
            fin < text.find("HR").unwrap(),
            "team order follows the config"
        );
    }
}
