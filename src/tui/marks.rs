//! The grid's symbols, each a full character cell and each named in the legend, so none
//! of them rests on a superscript, a dot or weight alone.

use crate::policy::{Flag, FlagLevel, SuggestionKind};

/// The school is on this term's agenda (first column).
pub const AGENDA: &str = "●";
/// The score was derived from an indicator, not sent (the cell after the score).
pub const FROM_INDICATOR: &str = "*";
/// No earlier term to compare with (trend column).
pub const NEW: &str = "+";
/// Before a major flag's text; minor flags have none.
pub const MAJOR: &str = "!!";

/// The suggestion's leading symbol: ▲ raise, ▼ step down, = already there.
pub fn suggestion(kind: SuggestionKind, differs: bool) -> &'static str {
    match (kind, differs) {
        (SuggestionKind::StepDown, _) => "▼",
        (SuggestionKind::AtLeast, true) => "▲",
        (SuggestionKind::AtLeast, false) => "=",
    }
}

/// Major flags first, then minor, each in the policy's order.
pub fn flags_in_order(flags: &[Flag]) -> impl Iterator<Item = &Flag> {
    let major = flags.iter().filter(|f| f.level == FlagLevel::Major);
    major.chain(flags.iter().filter(|f| f.level != FlagLevel::Major))
}

/// Cells the flags take in the grid: `!! ` before each major one, ` · ` between.
pub fn flags_width(flags: &[Flag]) -> usize {
    let text: usize = flags.iter().map(|f| f.text.chars().count()).sum();
    let major = flags.iter().filter(|f| f.level == FlagLevel::Major).count();
    text + major * (MAJOR.chars().count() + 1) + flags.len().saturating_sub(1) * 3
}

/// One legend entry: the symbol, the words that explain it, and a shorter form for narrow
/// screens (whole words only).
pub struct LegendItem {
    pub symbol: &'static str,
    pub word: &'static str,
    pub short: &'static str,
}

const fn item(symbol: &'static str, word: &'static str, short: &'static str) -> LegendItem {
    LegendItem {
        symbol,
        word,
        short,
    }
}

/// Everything the legend explains after the score levels, most needed first.
pub const LEGEND: &[LegendItem] = &[
    item("!!", "major flag", "major"),
    item("●", "on agenda", "agenda"),
    item("▲", "raise to", "raise"),
    item("▼", "step down", "down"),
    item("=", "stays", "stays"),
    item("↑", "worse", "worse"),
    item("↓", "better", "better"),
    item("→", "same", "same"),
    item("+", "new", "new"),
    item("*", "from indicator", "indicator"),
    item("Σ", "composite", "composite"),
    item("–", "no score", "none"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_in_use_is_in_the_legend() {
        let symbols: Vec<&str> = LEGEND.iter().map(|i| i.symbol).collect();
        for s in [AGENDA, FROM_INDICATOR, NEW, MAJOR] {
            assert!(symbols.contains(&s), "{s} missing from the legend");
        }
        for kind in [SuggestionKind::AtLeast, SuggestionKind::StepDown] {
            for differs in [true, false] {
                assert!(symbols.contains(&suggestion(kind, differs)));
            }
        }
    }

    #[test]
    fn major_flags_come_first() {
        let f = |level, text: &str| Flag {
            level,
            text: text.into(),
        };
        let flags = [f(FlagLevel::Minor, "a"), f(FlagLevel::Major, "b")];
        let order: Vec<&str> = flags_in_order(&flags).map(|f| f.text.as_str()).collect();
        assert_eq!(order, ["b", "a"]);
    }
}
