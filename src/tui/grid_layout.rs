//! Which grid columns fit and where. At 80 columns Type and Flags go first, then Ofsted and
//! phase; on narrower screens the name shrinks, then the team columns scroll sideways.
//! Columns left out are listed so the screen can announce them, and scrolling right when
//! every team fits brings them in (the name narrows, Phase and Ofsted give way).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColKind {
    Mark,
    Name,
    Phase,
    Type,
    Ofsted,
    Category,
    Team(usize),
    Sep,
    Composite,
    Trend,
    Suggest,
    Flags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col {
    pub kind: ColKind,
    pub x: u16,
    pub w: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridLayout {
    pub cols: Vec<Col>,
    /// Team columns hidden to the left / right (horizontal scroll).
    pub hidden_left: bool,
    pub hidden_right: bool,
    /// Optional columns left out at this width, in screen order.
    pub hidden: Vec<ColKind>,
}

const MARK: u16 = 1;
const NAME_MIN: u16 = 10;
const NAME_COMFORT: u16 = 20;
const NAME_MAX: u16 = 36;
const PHASE: u16 = 3;
const TYPE: u16 = 5;
const OFSTED: u16 = 5;
const CATEGORY: u16 = 9;
const SEP: u16 = 2;
const COMPOSITE: u16 = 6;
const TREND: u16 = 2;
const SUGGEST: u16 = 10;
const FLAGS_MIN: u16 = 12;

/// Width of a team column from its heading.
pub fn team_width(short: &str) -> u16 {
    (short.chars().count() as u16).max(3) + 2
}

/// What fits at a width, before the columns are placed.
struct Plan {
    /// Every team fits and the user scrolled right, so what was left out comes in.
    far: bool,
    name_min: u16,
    /// The team columns shown: `first..last`.
    first: usize,
    last: usize,
    show_cat: bool,
    show_tail: bool,
    show_suggest: bool,
    /// Phase, Ofsted, Type and Flags: which of them fit.
    optional: [(ColKind, u16, bool); 4],
    /// Width taken by the fixed columns and the optional ones that fit.
    used: u16,
}

/// Width of the mark, the name at `name`, and the columns switched on.
fn core(name: u16, cat: bool, teams: u16, tail_on: bool, sugg: bool) -> u16 {
    let tail = SEP + COMPOSITE + TREND;
    MARK + name
        + if cat { CATEGORY } else { 0 }
        + teams
        + if tail_on { tail } else { 0 }
        + if sugg { SUGGEST } else { 0 }
}

impl Plan {
    fn new(width: u16, team_widths: &[u16], h_scroll: usize) -> Plan {
        let n = team_widths.len();
        let all_teams: u16 = team_widths.iter().sum();
        let far = h_scroll > 0 && core(NAME_MIN, true, all_teams, true, true) <= width;
        let mut name_min = if far { NAME_MIN } else { NAME_COMFORT };
        if core(name_min, true, all_teams, true, true) > width {
            name_min = NAME_MIN;
        }
        let show_suggest = core(name_min, true, all_teams, true, true) <= width;
        let (first, last) =
            if !far && core(name_min, true, all_teams, true, show_suggest) > width && n > 0 {
                scrolled_teams(width, team_widths, h_scroll, name_min)
            } else {
                (0, n)
            };
        let teams_w: u16 = team_widths[first..last].iter().sum();
        let show_cat = core(name_min, true, teams_w, true, show_suggest) <= width;
        let show_tail = core(name_min, show_cat, teams_w, true, show_suggest) <= width;
        let mut used = core(name_min, show_cat, teams_w, show_tail, show_suggest);
        let mut optional = [
            (ColKind::Phase, PHASE, false),
            (ColKind::Ofsted, OFSTED, false),
            (ColKind::Type, TYPE, false),
            (ColKind::Flags, FLAGS_MIN, false),
        ];
        if far {
            optional.reverse();
        }
        for opt in optional.iter_mut() {
            if used + opt.1 <= width {
                used += opt.1;
                opt.2 = true;
            }
        }
        Plan {
            far,
            name_min,
            first,
            last,
            show_cat,
            show_tail,
            show_suggest,
            optional,
            used,
        }
    }

    fn on(&self, kind: ColKind) -> bool {
        self.optional.iter().any(|o| o.0 == kind && o.2)
    }
}

/// The team columns that fit when they must scroll: from `h_scroll`, as many as fit (at
/// least one).
fn scrolled_teams(
    width: u16,
    team_widths: &[u16],
    h_scroll: usize,
    name_min: u16,
) -> (usize, usize) {
    let n = team_widths.len();
    let first = h_scroll.min(n - 1);
    let room = width.saturating_sub(core(name_min, true, 0, true, false));
    let mut used = 0;
    let mut last = first;
    while last < n && used + team_widths[last] <= room {
        used += team_widths[last];
        last += 1;
    }
    (first, last.max(first + 1))
}

impl GridLayout {
    pub fn compute(width: u16, team_widths: &[u16], h_scroll: usize) -> GridLayout {
        let plan = Plan::new(width, team_widths, h_scroll);
        let cols = place(&plan, width, team_widths);
        let hidden = [
            ColKind::Phase,
            ColKind::Type,
            ColKind::Ofsted,
            ColKind::Category,
            ColKind::Composite,
            ColKind::Suggest,
            ColKind::Flags,
        ]
        .into_iter()
        .filter(|k| !cols.iter().any(|c| c.kind == *k))
        .collect();
        GridLayout {
            cols,
            hidden_left: plan.first > 0 || plan.far,
            hidden_right: plan.last < team_widths.len(),
            hidden,
        }
    }

    pub fn has(&self, kind: ColKind) -> bool {
        self.cols.iter().any(|c| c.kind == kind)
    }
}

/// The columns of `plan`, left to right; the name takes the spare width up to its maximum
/// and Flags the rest of the line.
fn place(plan: &Plan, width: u16, team_widths: &[u16]) -> Vec<Col> {
    let spare = width.saturating_sub(plan.used);
    let name_w = if plan.used > width {
        width.saturating_sub(MARK)
    } else {
        plan.name_min + spare.min(NAME_MAX.saturating_sub(plan.name_min))
    };
    let mut cols = Vec::with_capacity(12 + team_widths.len());
    let mut x = 0u16;
    let mut push = |kind: ColKind, w: u16, cols: &mut Vec<Col>| {
        cols.push(Col { kind, x, w });
        x = x.saturating_add(w);
    };
    push(ColKind::Mark, MARK, &mut cols);
    push(ColKind::Name, name_w, &mut cols);
    for (kind, w) in [
        (ColKind::Phase, PHASE),
        (ColKind::Type, TYPE),
        (ColKind::Ofsted, OFSTED),
    ] {
        if plan.on(kind) {
            push(kind, w, &mut cols);
        }
    }
    if plan.show_cat {
        push(ColKind::Category, CATEGORY, &mut cols);
    }
    for (t, w) in team_widths
        .iter()
        .enumerate()
        .take(plan.last)
        .skip(plan.first)
    {
        push(ColKind::Team(t), *w, &mut cols);
    }
    if plan.show_tail {
        push(ColKind::Sep, SEP, &mut cols);
        push(ColKind::Composite, COMPOSITE, &mut cols);
        push(ColKind::Trend, TREND, &mut cols);
    }
    if plan.show_suggest {
        push(ColKind::Suggest, SUGGEST, &mut cols);
    }
    if plan.on(ColKind::Flags) {
        let end = cols.last().map(|c| c.x + c.w).unwrap_or(0);
        push(ColKind::Flags, width.saturating_sub(end), &mut cols);
    }
    cols.retain(|c| c.x < width && c.w > 0);
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(l: &GridLayout) -> Vec<ColKind> {
        l.cols.iter().map(|c| c.kind).collect()
    }

    #[test]
    fn wide_screens_show_everything() {
        let l = GridLayout::compute(160, &[5, 5, 5, 5], 0);
        for k in [
            ColKind::Type,
            ColKind::Ofsted,
            ColKind::Flags,
            ColKind::Phase,
        ] {
            assert!(l.has(k), "{k:?} missing: {:?}", kinds(&l));
        }
        assert!(!l.hidden_left && !l.hidden_right);
        let last = l.cols.last().unwrap();
        assert_eq!(last.x + last.w, 160);
    }

    #[test]
    fn at_80_type_and_flags_go_first() {
        let l = GridLayout::compute(80, &[5, 5, 5, 5], 0);
        assert!(
            !l.has(ColKind::Type) && !l.has(ColKind::Flags),
            "{:?}",
            kinds(&l)
        );
        assert!(l.has(ColKind::Category) && l.has(ColKind::Suggest));
        assert_eq!(
            l.cols
                .iter()
                .filter(|c| matches!(c.kind, ColKind::Team(_)))
                .count(),
            4
        );
        assert!(l.cols.iter().all(|c| c.x + c.w <= 80));
        assert_eq!(l.hidden, [ColKind::Type, ColKind::Flags]);
        // Scrolling right brings them in.
        let far = GridLayout::compute(80, &[5, 5, 5, 5], 1);
        assert!(
            far.has(ColKind::Type) && far.has(ColKind::Flags),
            "{:?}",
            kinds(&far)
        );
        assert!(far.has(ColKind::Suggest) && far.hidden_left);
        assert!(far.cols.iter().all(|c| c.x + c.w <= 80));
    }

    #[test]
    fn narrow_screens_scroll_the_teams() {
        let teams = [5u16; 8];
        let l = GridLayout::compute(60, &teams, 1);
        assert!(l.hidden_left && l.hidden_right, "{:?}", kinds(&l));
        assert_eq!(
            l.cols
                .iter()
                .find(|c| matches!(c.kind, ColKind::Team(_)))
                .unwrap()
                .kind,
            ColKind::Team(1)
        );
        for w in 0..12 {
            let l = GridLayout::compute(w, &teams, 0);
            assert!(l.cols.iter().all(|c| c.x < w.max(1)), "width {w}");
        }
    }
}
