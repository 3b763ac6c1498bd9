//! A first meeting's one item on the screen: `e` shows the schools with no category yet as a
//! list (those starting above the lowest category by name, with the policy's reason, and
//! how many start in it), and `y` records every starting category in one step, a decision
//! each (see [`crate::meeting::establish`]).

use super::app::App;
use super::decide::refused;
use super::forms::{Prompt, SaveFailure};
use super::popup::{Popup, PromptKind};
use crate::meeting::establish::{categories_to_establish, establish_categories, ToEstablish};

/// Schools listed by name in the popup; the rest are counted (the full list is in
/// `termly snapshot --agenda`).
const LISTED: usize = 14;

impl App {
    /// The schools still to establish (a school decided in this meeting is not).
    fn still_to_establish(&self) -> Vec<ToEstablish> {
        categories_to_establish(
            self.loaded.config(),
            self.loaded.data(),
            self.loaded.assessment(),
        )
    }

    /// Items for decision not yet done, the schools to establish counting as one item (a
    /// first meeting's time budget is not 427 items).
    pub(crate) fn items_left_for_decision(&self) -> usize {
        let agenda = self.session.agenda();
        let establishing = self.still_to_establish();
        let one_by_one = agenda
            .entries
            .iter()
            .filter(|e| e.for_decision() && !agenda.is_decided(e.school))
            .filter(|e| !establishing.iter().any(|x| x.school == e.school))
            .count();
        one_by_one + usize::from(!establishing.is_empty())
    }

    /// Show the list of categories to establish, and ask to record them.
    pub(crate) fn ask_establish_categories(&mut self) {
        let list = self.still_to_establish();
        if list.is_empty() {
            self.screen
                .say("every school has a category: none to establish");
            return;
        }
        let (config, data) = (self.loaded.config(), self.loaded.data());
        let lowest = config
            .categories
            .iter()
            .min_by_key(|c| c.level)
            .map(|c| c.key.as_str())
            .unwrap_or_default();
        let above: Vec<&ToEstablish> = list.iter().filter(|e| e.category != lowest).collect();
        let mut intro = vec![format!(
            "{} school(s) have no category yet. Each starts in the policy's suggestion, or {}:",
            list.len(),
            config.category_label(lowest)
        )];
        for e in above.iter().take(LISTED) {
            let s = &data.schools[e.school];
            intro.push(format!(
                "  {} {} → {}: {}",
                s.urn,
                s.name,
                config.category_label(&e.category),
                e.reason
            ));
        }
        if above.len() > LISTED {
            intro.push(format!(
                "  … and {} more above {} (termly snapshot --agenda lists them all)",
                above.len() - LISTED,
                config.category_label(lowest)
            ));
        }
        intro.push(format!(
            "  {} start in {}.",
            list.len() - above.len(),
            config.category_label(lowest)
        ));
        intro.push(
            "y records them all, a decision each with the policy's reasons; n leaves them for now (e brings the list back)."
                .into(),
        );
        self.screen.show_popup(Popup::Prompt(
            PromptKind::EstablishCategories,
            Prompt::confirm(&format!("Categories to establish ({})", list.len()), intro),
        ));
    }

    /// Record every starting category in the open meeting.
    pub(crate) fn establish_categories_now(&mut self) -> Result<(), SaveFailure> {
        let id = self
            .meeting_id()
            .ok_or_else(|| refused("no meeting is open"))?;
        let list = self.still_to_establish();
        let (config, data, assessment) = (
            self.loaded.config(),
            self.loaded.data(),
            self.loaded.assessment(),
        );
        let mut service = self
            .session
            .service(config)
            .ok_or_else(|| refused("no database"))?;
        let meeting = service.meeting(id).map_err(|e| SaveFailure::from(&e))?;
        let chair = meeting.chair.clone();
        let result = establish_categories(&mut service, &meeting, data, assessment, &list, &chair);
        // Whatever was recorded stands: show it, then say how far it got.
        self.reload();
        match result {
            Ok(saved) => {
                self.screen.say(format!(
                    "saved {} starting categor{}, a decision each",
                    saved.len(),
                    if saved.len() == 1 { "y" } else { "ies" }
                ));
                Ok(())
            }
            Err(e) => Err(SaveFailure::from(&e)),
        }
    }
}
