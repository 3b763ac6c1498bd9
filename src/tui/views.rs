//! One function per pane builds the small borrowed view it renders from, so no widget
//! sees more of the App than it draws.

use super::app::App;
use super::filter_menu::FilterMenu;
use super::grid::GridView;
use super::header::HeaderLine;
use super::help::HelpOverlay;
use super::legend::Legend;
use super::status::{HintsLine, StatusLine};

impl App {
    pub fn header_view(&self) -> HeaderLine<'_> {
        HeaderLine {
            term: self.loaded.term(),
            meeting: self.session.meeting(),
            progress: self.session.progress(self.loaded.data()),
            read_only: self.session.is_read_only(),
            budgets: crate::policy::budgets(self.loaded.config(), self.session.capacity()),
            time: {
                let m = &self.loaded.config().meeting;
                let left = self.items_left_for_decision();
                (
                    left,
                    (left as u32).saturating_mul(m.minutes_per_item),
                    m.length_minutes,
                )
            },
            frozen: self.screen.is_frozen(),
            stale: self.screen.is_stale(),
            theme: self.screen.theme(),
        }
    }

    pub fn legend_view(&self) -> Legend<'_> {
        Legend {
            scale: &self.loaded.config().scale,
            theme: self.screen.theme(),
        }
    }

    pub fn grid_view(&self) -> GridView<'_> {
        GridView {
            config: self.loaded.config(),
            data: self.loaded.data(),
            assessment: self.loaded.assessment(),
            cache: self.loaded.cache(),
            rows: self.loaded.rows(),
            cursor: self.screen.cursor(),
            top: self.screen.top(),
            h_scroll: self.screen.h_scroll(),
            sort: self.loaded.sort(),
            decided: &self.session.agenda().decided,
            departs: self.session.departs(),
            theme: self.screen.theme(),
        }
    }

    pub fn status_view(&self) -> StatusLine<'_> {
        let selected = self.selected();
        let data = self.loaded.data();
        let revealed = selected
            .map(|i| &data.schools[i])
            .filter(|s| self.screen.reveal().shows(Some(s.urn)))
            .map(|s| s.name.as_str());
        StatusLine {
            status: self.screen.status(),
            shown: self.loaded.shown(),
            total: data.schools.len(),
            filtered: !self.loaded.filters().is_empty(),
            cursor: selected.and_then(|i| self.loaded.assessment().schools.get(i)),
            revealed,
            config: self.loaded.config(),
            h_scroll: self.screen.h_scroll(),
            theme: self.screen.theme(),
        }
    }

    pub fn hints_view(&self) -> HintsLine<'_> {
        HintsLine {
            // While a form or question is open, its keys (from the same table) are the hints.
            mode: self
                .screen
                .popup()
                .map_or(self.screen.mode(), super::popup::Popup::mode),
            filter_text: &self.loaded.filters().text,
            keymap: self.screen.keymap(),
            theme: self.screen.theme(),
        }
    }

    pub fn help_view(&self) -> HelpOverlay<'_> {
        HelpOverlay {
            keymap: self.screen.keymap(),
            scroll: self.screen.help_scroll(),
            theme: self.screen.theme(),
        }
    }

    pub fn filter_menu_view(&self) -> FilterMenu<'_> {
        FilterMenu {
            filters: self.loaded.filters(),
            config: self.loaded.config(),
            keymap: self.screen.keymap(),
            shown: self.loaded.shown(),
            theme: self.screen.theme(),
        }
    }
}
