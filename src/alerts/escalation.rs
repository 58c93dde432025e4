//! What to do with an alert whose next stage came due, pure: `(alert, case, now) -> step`.
//! The worker (`worker::alerts`) reads the alert and its case, asks `step`, and writes the
//! answer with a compare-and-set.
//!
//! Stages are counted from the first alert (`next_due`), so an alert found late (the
//! service was down) is sent once, not once per missed interval; when both the reminder and
//! the escalation are overdue, only the escalation is sent: the coordinators had the first
//! alert, and what matters now is that someone else hears of it.

use super::{first_targets, next_due, on_call::on_call_now, Level, Stage};
use crate::{config::AlertSettings, hours::OfficeHours, ids::ChatId};

/// The alert as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alert {
    pub level: Level,
    pub stage: Stage,
    pub sent_at: i64,
}

/// What matters of the alerted case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    /// Neither closed nor anonymised.
    pub open: bool,
    /// The resident consented to sharing with partners (the coordinators).
    pub partner_visible: bool,
}

/// What the worker does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Send `stage` to `targets` (none: only the stage is recorded) and wait for the next
    /// one until `next_at`.
    Send { stage: Stage, targets: Vec<ChatId>, next_at: Option<i64> },
    /// The case was closed or anonymised (or is gone): nothing is sent, the timer stops.
    Stop,
    /// Nothing is due under the settings as they are now (they changed since the timer was
    /// set): the timer is set again.
    Wait { next_at: Option<i64> },
}

/// The step for `alert` about `case` (`None`: no such case) at `now`.
pub fn step(settings: &AlertSettings, hours: &OfficeHours, alert: Alert, case: Option<Case>, now: i64) -> Step {
    let Some(case) = case.filter(|c| c.open) else { return Step::Stop };
    // The furthest stage whose time has come.
    let mut stage = alert.stage;
    let due = |stage| next_due(settings, alert.level, stage, alert.sent_at).is_some_and(|at| at <= now);
    while let Some(next) = stage.next().filter(|_| due(stage)) {
        stage = next;
    }
    let next_at = next_due(settings, alert.level, stage, alert.sent_at);
    if stage == alert.stage {
        return Step::Wait { next_at };
    }
    let targets = match stage {
        Stage::First | Stage::Reminder => first_targets(settings, alert.level, case.partner_visible),
        Stage::Escalated => escalation_targets(settings, hours, now),
    };
    Step::Send { stage, targets, next_at }
}

/// Who hears of an escalated alert: the on-call entries on call at `now` and the centre's
/// group(s), sorted, without repeats.
pub fn escalation_targets(settings: &AlertSettings, hours: &OfficeHours, now: i64) -> Vec<ChatId> {
    let mut targets = on_call_now(&settings.on_call, hours, now);
    targets.extend(settings.centre.iter().cloned());
    targets.sort();
    targets.dedup();
    targets
}

#[cfg(test)]
mod tests;
