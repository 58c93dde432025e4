//! A transcript line as staff read it: its delivery state in words, a resident's tap as the
//! button they saw with its meaning in Japanese, the sentence that alarmed the crisis
//! detector marked, staff's untranslated words flagged.

use serde::Serialize;

use crate::{
    casework::labels::{self, ja},
    crisis::CrisisDetector,
    i18n::{staff::StaffText, Lang, Locales},
    store::TranscriptLine,
};

/// A transcript line with its delivery state in words.
#[derive(Debug, Clone, Serialize)]
pub struct LineView {
    pub id: i64,
    pub direction: String,
    pub kind: String,
    pub body: Option<String>,
    pub gloss: Option<String>,
    pub staff: Option<String>,
    pub at: i64,
    /// queued | sent | failed (outgoing lines only).
    pub delivery: Option<String>,
    pub delivery_ja: Option<String>,
    pub delivery_error: Option<String>,
    /// A resident's text whose wording the crisis detector finds: the sentence to mark.
    pub mark: Option<Marked>,
    /// A resident's tap: the button as they saw it, in their language (`body` keeps the
    /// postback data, `gloss` says what it means in Japanese).
    pub shown: Option<String>,
    /// Staff's free text to a resident who does not read Japanese: sent as typed.
    pub untranslated: bool,
}

/// A resident's text split around the sentence that alarmed, with the kind in Japanese.
#[derive(Debug, Clone, Serialize)]
pub struct Marked {
    pub before: String,
    pub sentence: String,
    pub after: String,
    pub kind_ja: String,
}

impl LineView {
    /// A resident's tap as they saw it and what it means (「Trong xe ô tô」 → 今夜の場所：車の中):
    /// the postback data alone is a code staff cannot read.
    pub fn tapped(mut self, t: &StaffText, locales: &Locales, lang: Option<Lang>) -> Self {
        if self.direction != "in" || self.kind != "postback" {
            return self;
        }
        if let Some(g) = self.body.as_deref().and_then(|data| labels::tap(t, locales, lang, data)) {
            self.shown = Some(g.shown);
            self.gloss = Some(g.meaning);
        }
        self
    }

    /// Marks the sentence of a resident's text that holds crisis wording, so staff see at
    /// once what opened or raised the case.
    pub fn marked(mut self, detector: &CrisisDetector, t: &StaffText) -> Self {
        if self.direction != "in" || self.kind != "text" {
            return self;
        }
        let Some(body) = self.body.as_deref() else { return self };
        let Some(found) = detector.find(body) else { return self };
        let r = found.sentence;
        if let (Some(before), Some(sentence), Some(after)) =
            (body.get(..r.start), body.get(r.clone()), body.get(r.end..))
        {
            self.mark = Some(Marked {
                before: before.to_owned(),
                sentence: sentence.to_owned(),
                after: after.to_owned(),
                kind_ja: ja(t, found.kind),
            });
        }
        self
    }
}

impl From<TranscriptLine> for LineView {
    fn from(l: TranscriptLine) -> Self {
        let delivery = l.delivery.as_deref().map(|s| match s {
            "pending" => "queued",
            "sent" => "sent",
            _ => "failed",
        });
        LineView {
            id: l.id,
            direction: l.direction,
            kind: l.kind,
            body: l.body,
            gloss: l.gloss,
            staff: l.staff_name,
            at: l.created_at,
            delivery: delivery.map(str::to_owned),
            delivery_ja: delivery.map(|d| {
                match d {
                    "queued" => "送信待ち",
                    "sent" => "送信済み",
                    _ => "送信できませんでした",
                }
                .to_owned()
            }),
            delivery_error: l.delivery_error,
            mark: None,
            shown: None,
            untranslated: false,
        }
    }
}
