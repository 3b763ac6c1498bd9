-- Carrying an action forward at matters arising gives it a new due date. Actions are never
-- changed, so the new date is kept on the event that carried it; an action is due on the
-- date of its latest event that set one, or else on the date it was set with.
ALTER TABLE action_events ADD COLUMN due TEXT;
