//! `i` on the screen: who sent apologies and when the next meeting is, for the circulated
//! minutes. The apologies are a list, one name per line, shown as recorded to edit; the next
//! meeting's date left empty keeps what was there.

use super::app::App;
use super::decide::refused;
use super::forms::{parse_due, FieldId, FieldSpec, Prompt, SaveFailure};
use super::meeting::{listed, names};
use super::popup::{Popup, PromptKind};
use crate::store::decisions::FailureKind;

const FIELDS: [FieldSpec; 2] = [
    FieldSpec::new(FieldId::Apologies, "Apologies (one per line)", false, true),
    FieldSpec::new(
        FieldId::NextMeeting,
        "Next meeting (dd/mm/yyyy)",
        false,
        false,
    ),
];

impl App {
    pub(crate) fn ask_meeting_details(&mut self) {
        if self.session.is_read_only() {
            self.screen.say("read-only database: view only");
            return;
        }
        let Some(id) = self.meeting_id() else {
            self.screen
                .say("start the meeting first: give the chair's name");
            return;
        };
        let now = self
            .session
            .store()
            .and_then(|s| s.meeting_details(id).ok())
            .unwrap_or_default();
        let intro = vec![
            format!(
                "Meeting #{id}. Apologies: {}. Next meeting: {}.",
                listed(&now.apologies),
                now.next_meeting
                    .map(|d| d.format("%-d %b %Y").to_string())
                    .unwrap_or_else(|| "to be arranged".into())
            ),
            "The apologies as listed are saved; a next meeting left empty is kept.".into(),
        ];
        let mut prompt =
            Prompt::with_fields("Apologies and the next meeting", intro, &FIELDS).reviewed();
        prompt
            .fields
            .prefill(FieldId::Apologies, &now.apologies.join("\n"));
        self.screen
            .show_popup(Popup::Prompt(PromptKind::MeetingDetails(id), prompt));
    }

    pub(crate) fn meeting_details_now(
        &mut self,
        id: i64,
        apologies: &str,
        next: &str,
    ) -> Result<(), SaveFailure> {
        let apologies = names(apologies);
        let next = match next.trim() {
            "" => None,
            text => Some(parse_due(text).ok_or_else(|| {
                SaveFailure::new(
                    FailureKind::Input,
                    format!(
                        "`{text}` is not a date; type one such as {}",
                        crate::term::DAY_FORMATS
                    ),
                )
            })?),
        };
        let (store, clock) = self
            .session
            .store_and_clock()
            .ok_or_else(|| refused("no database"))?;
        let now = clock.now();
        store
            .set_meeting_details(id, Some(&apologies), next, now)
            .map_err(|e| SaveFailure::from(&e))?;
        self.screen
            .say(format!("meeting #{id}: apologies and next meeting saved"));
        Ok(())
    }
}
