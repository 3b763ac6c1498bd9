//! Confidential comments on the shared screen: hidden until the chair presses R, and then
//! shown for that one school only. Moving to another school hides them again.

use crate::model::Urn;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reveal {
    urn: Option<Urn>,
}

impl Reveal {
    /// Whether `urn`'s confidential comments are on show.
    pub fn shows(&self, urn: Option<Urn>) -> bool {
        urn.is_some() && self.urn == urn
    }

    /// Show (or hide again) the confidential comments of `urn`.
    pub fn toggle(&mut self, urn: Option<Urn>) {
        self.urn = if self.shows(urn) { None } else { urn };
    }

    /// Hide everything once the cursor is on another school.
    pub fn follow(&mut self, selected: Option<Urn>) {
        if self.urn != selected {
            self.urn = None;
        }
    }

    pub fn active(&self) -> bool {
        self.urn.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lasts_for_one_school() {
        let mut r = Reveal::default();
        assert!(!r.shows(Some(1)));
        r.toggle(Some(1));
        assert!(r.shows(Some(1)) && !r.shows(Some(2)));
        r.follow(Some(1));
        assert!(r.shows(Some(1)));
        r.follow(Some(2));
        assert!(!r.active());
        r.follow(Some(1));
        assert!(!r.shows(Some(1)), "coming back does not reveal again");
        r.toggle(Some(1));
        r.toggle(Some(1));
        assert!(!r.active());
        r.toggle(None);
        assert!(!r.active());
    }
}
