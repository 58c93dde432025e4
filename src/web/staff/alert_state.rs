//! Where a case's coordinator alert stands, in the staff's words, for the queue, the case
//! page and the JSON API: sent and waiting, re-sent, escalated, or acknowledged by whom.

use fluent_bundle::FluentArgs;
use serde::Serialize;

use crate::{alerts::Stage, i18n::staff::StaffText, jst, store::AlertRow};

#[derive(Debug, Clone, Serialize)]
pub struct AlertView {
    /// `waiting` (sent, not acknowledged), `reminded`, `escalated` or `acked`.
    pub state: &'static str,
    /// E.g. 「通知 12:03 送信・未対応」, 「対応：山田（LINE）12:09」.
    pub label_ja: String,
    pub sent_at: i64,
    pub acked_at: Option<i64>,
    pub acked_by: Option<String>,
    /// `line` or `dashboard`.
    pub acked_via: Option<String>,
}

/// `HH:MM` in Japan.
fn time(ms: i64) -> String {
    jst::datetime(ms).split_once(' ').map(|(_, t)| t.to_owned()).unwrap_or_default()
}

impl AlertView {
    pub fn of(a: &AlertRow, t: &StaffText) -> Self {
        let mut args = FluentArgs::new();
        args.set("time", time(a.acked_at.unwrap_or(a.sent_at)));
        let state = match (a.acked_at, Stage::from_code(a.stage)) {
            (Some(_), _) => {
                args.set("name", a.acked_by_name.clone().unwrap_or_default());
                args.set("via", t.label("alert-via", a.acked_via.as_deref().unwrap_or("dashboard")));
                "acked"
            }
            (None, Some(Stage::Reminder)) => "reminded",
            (None, Some(Stage::Escalated)) => "escalated",
            (None, _) => "waiting",
        };
        AlertView {
            state,
            label_ja: t.format(&format!("alert-state-{state}"), Some(&args)),
            sent_at: a.sent_at,
            acked_at: a.acked_at,
            acked_by: a.acked_by_name.clone(),
            acked_via: a.acked_via.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(stage: i64, acked: Option<(&str, &str)>) -> AlertRow {
        // 2026-12-05 12:03 and 12:09 in Japan.
        let sent = 1_796_439_780_000;
        AlertRow {
            case_number: "261205-0001".into(),
            level: 1,
            stage,
            sent_at: sent,
            next_at: None,
            acked_at: acked.map(|_| sent + 6 * 60_000),
            acked_by: acked.map(|_| "id".into()),
            acked_by_name: acked.map(|(n, _)| n.into()),
            acked_via: acked.map(|(_, v)| v.into()),
        }
    }

    #[test]
    fn each_stage_of_an_alert_reads_in_japanese() {
        let t = StaffText::load().unwrap();
        assert_eq!(jst::datetime(row(0, None).sent_at), "2026-12-05 12:03");
        assert_eq!(AlertView::of(&row(0, None), &t).label_ja, "通知 12:03 送信・未対応");
        assert_eq!(AlertView::of(&row(1, None), &t).label_ja, "再通知済み・未対応");
        assert_eq!(AlertView::of(&row(2, None), &t).label_ja, "当番へ連絡済み・未対応");
        let acked = AlertView::of(&row(1, Some(("山田", "line"))), &t);
        assert_eq!((acked.state, acked.label_ja.as_str()), ("acked", "対応：山田（LINE）12:09"));
        assert_eq!(
            AlertView::of(&row(0, Some(("佐藤", "dashboard"))), &t).label_ja,
            "対応：佐藤（ダッシュボード）12:09"
        );
    }
}
