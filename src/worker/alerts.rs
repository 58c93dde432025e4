//! The escalation of alerts nobody acknowledged: every `poll_millis`, on the app's clock,
//! the alerts whose next stage is due are each advanced by one transaction, a
//! compare-and-set of the stage with that stage's messages (`Store::advance_alert`), so two
//! instances never both send a stage and a crash loses none; the outbox sender then
//! delivers them with its own leases. What each alert gets is decided by the pure
//! `alerts::escalation::step`. Each round also sets the metrics' gauges of the alerts
//! waiting for an acknowledgement.

use std::{sync::Arc, time::Duration};

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::{
    alerts::{
        self,
        escalation::{self, Alert, Case, Step},
        Level, Stage, Summary,
    },
    clock::{now_ms, Clock},
    config::AlertSettings,
    hours::OfficeHours,
    i18n::staff::StaffText,
    ids::{CaseNumber, ChatId, IdError},
    line::message::MessageError,
    metrics::Metrics,
    store::{AlertAdvance, AlertRow, CaseRow, NewOutbox, Store, StoreError},
};

/// Alerts taken per round: far more than ever fall due at once.
const BATCH: i64 = 100;

#[derive(Debug, thiserror::Error)]
pub enum AlertWorkerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("alert message: {0}")]
    Message(#[from] MessageError),
    #[error("alert message: {0}")]
    Json(#[from] serde_json::Error),
    #[error("alert of {0:?}: {1}")]
    CaseNumber(String, IdError),
}

pub struct AlertWorker {
    pub store: Store,
    pub settings: AlertSettings,
    /// `[hours]`: the holidays of the on-call entries' `days`.
    pub hours: OfficeHours,
    pub text: Arc<StaffText>,
    /// Where staff open a case (`{dashboard_url}/staff/cases/{number}`).
    pub dashboard_url: String,
    pub metrics: Arc<Metrics>,
    /// The time stages fall due by: the wall clock, unless a test set it.
    pub clock: Arc<Clock>,
    pub wake_outbox: Arc<Notify>,
    pub every: Duration,
}

impl AlertWorker {
    pub async fn run(self, shutdown: CancellationToken) {
        self.log_escalation_targets();
        loop {
            if let Err(e) = self.round().await {
                tracing::error!(error = %e, "alert escalation round failed");
            }
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(self.every) => {}
            }
        }
        tracing::debug!("alert escalation worker stopped");
    }

    /// Says at startup where an escalation goes (counts only, no ids).
    fn log_escalation_targets(&self) {
        let a = &self.settings;
        let (on_call, centre) = (a.on_call.len(), a.centre.len());
        if a.coordinators.is_empty() && centre == 0 {
            tracing::info!("no [alerts] coordinators or centre: no alert is sent, none escalates");
        } else if on_call == 0 && centre == 0 {
            tracing::warn!(
                "no [[alerts.on_call]] entry and no [alerts] centre: an alert nobody acknowledges is re-sent \
                 to the coordinators and escalated to nobody"
            );
        } else if on_call == 0 {
            tracing::info!(
                centre,
                "no [[alerts.on_call]] entry: an alert nobody acknowledges escalates to the centre alone"
            );
        } else {
            tracing::info!(
                on_call,
                centre,
                "an alert nobody acknowledges escalates to the on-call entries on call then and the centre"
            );
        }
    }

    /// Advances every due alert, then sets the gauges, all as of one instant.
    async fn round(&self) -> Result<(), AlertWorkerError> {
        let now = self.clock.now();
        let mut written = 0;
        for alert in self.store.due_alerts(now, BATCH).await? {
            // One alert that cannot be advanced does not hold back the others.
            match self.advance(&alert, now).await {
                Ok(n) => written += n,
                Err(AlertWorkerError::Store(e)) => {
                    tracing::error!(case = %alert.case_number, error = %e, "advancing an alert failed; tried again");
                }
                // Not the database's doing: trying again every round would only repeat it. The
                // alert still waits on the admin page and in the gauges.
                Err(e) => {
                    tracing::error!(case = %alert.case_number, error = %e, "an alert cannot be advanced: timer stopped");
                    self.store.set_alert_timer(&alert.case_number, alert.stage, alert.sent_at, None).await?;
                }
            }
        }
        if written > 0 {
            self.wake_outbox.notify_one();
        }
        let waiting = self.store.waiting_alerts().await?;
        let oldest = waiting.iter().map(|a| a.sent_at).min().map_or(0, |sent| (now - sent).max(0) / 1000);
        self.metrics.set_alerts_waiting(waiting.len() as u64, oldest as u64);
        Ok(())
    }

    /// Takes one due alert a stage further, stops it or sets its timer again. Returns how
    /// many messages were written.
    async fn advance(&self, row: &AlertRow, now: i64) -> Result<usize, AlertWorkerError> {
        let (Some(level), Some(stage)) = (Level::from_code(row.level), Stage::from_code(row.stage)) else {
            tracing::error!(case = %row.case_number, level = row.level, stage = row.stage, "unknown alert level or stage: timer stopped");
            self.store.set_alert_timer(&row.case_number, row.stage, row.sent_at, None).await?;
            return Ok(0);
        };
        let number = CaseNumber::parse(&row.case_number)
            .map_err(|e| AlertWorkerError::CaseNumber(row.case_number.clone(), e))?;
        let case = self.store.case_by_number(&number).await?;
        let facts = case.as_ref().map(|c| Case {
            open: c.status != "closed" && c.anonymised_at.is_none(),
            partner_visible: c.partner_visible,
        });
        let alert = Alert { level, stage, sent_at: row.sent_at };
        let (to, targets, next_at, case) =
            match (escalation::step(&self.settings, &self.hours, alert, facts, now), case) {
                (Step::Send { stage, targets, next_at }, Some(case)) => (stage, targets, next_at, case),
                (Step::Wait { next_at }, _) => {
                    self.store.set_alert_timer(&row.case_number, row.stage, row.sent_at, next_at).await?;
                    return Ok(0);
                }
                (Step::Stop, _) | (Step::Send { .. }, None) => {
                    self.store.set_alert_timer(&row.case_number, row.stage, row.sent_at, None).await?;
                    return Ok(0);
                }
            };
        self.send(row, &case, level, to, &targets, next_at).await
    }

    /// Writes stage `to` of the alert, rebuilt from the case row (codes only), if the alert
    /// is still as read. Returns how many messages were written.
    async fn send(
        &self,
        row: &AlertRow,
        case: &CaseRow,
        level: Level,
        to: Stage,
        targets: &[ChatId],
        next_at: Option<i64>,
    ) -> Result<usize, AlertWorkerError> {
        let summary =
            Summary { number: &row.case_number, details: case, level, stage: to, dashboard_url: &self.dashboard_url };
        let messages = serde_json::to_string(&alerts::messages(&self.text, &summary)?)?;
        let advance = AlertAdvance {
            case_number: row.case_number.clone(),
            case_id: case.id.clone(),
            from_stage: row.stage,
            sent_at: row.sent_at,
            to_stage: to.code(),
            next_at,
            kind: if to == Stage::Escalated { "alert_escalated" } else { "alert_reminder" },
            rows: targets.iter().map(|t| NewOutbox::push(t, messages.clone())).collect(),
        };
        // The outbox's own times are the wall clock's: its sender claims by the wall clock.
        if !self.store.advance_alert(&advance, now_ms()).await? {
            return Ok(0);
        }
        if targets.is_empty() {
            tracing::warn!(case = %row.case_number, stage = ?to, "an alert nobody acknowledged had nobody to go to");
        } else {
            tracing::info!(case = %row.case_number, stage = ?to, targets = targets.len(), "an alert nobody acknowledged was sent on");
        }
        Ok(targets.len())
    }
}
