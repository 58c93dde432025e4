//! A reply's words before it leaves: the text in the resident's language, its Japanese beside
//! it for staff, the history's detail and the LINE message that carries it. One function
//! writes them for the preview staff read and for the message sent, so what the preview shows
//! is exactly what the resident receives.

use serde::Serialize;

use super::{
    sender,
    service::{lang_of, Casework, DeskError, Reply},
    CaseworkError,
};
use crate::{i18n::Lang, ids::CaseNumber, line::message::Message, store::CaseRow};

/// The longest text staff may type at once (LINE's limit is 5,000 characters).
const MAX_REPLY_CHARS: usize = 2000;

/// A reply, written.
#[derive(Debug, Clone)]
pub struct Composed {
    pub lang: Lang,
    /// What the resident reads.
    pub text: String,
    /// The same in Japanese, when the resident reads another language and the reply is one
    /// of ours (a phrase or a canned reply); free text has none.
    pub gloss: Option<String>,
    /// The history line's detail: `free`, `free:untranslated:<lang>`, `canned:<code>:<lang>`,
    /// `phrase:<id>:<lang>`.
    pub detail: String,
    pub message: Message,
}

/// What staff see before sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// The resident's language (its tag).
    pub lang: String,
    /// Exactly what the resident will read.
    pub text: String,
    /// Its Japanese meaning (the text itself for a Japanese reader).
    pub ja: String,
}

impl Casework {
    /// Writes `reply` for the resident of `c`, as sent by an account showing `display` (its
    /// opted-in display name, if any).
    pub(super) fn compose(&self, c: &CaseRow, reply: &Reply, display: Option<&str>) -> Result<Composed, CaseworkError> {
        let lang = lang_of(c);
        let number = c.number.as_str();
        let (text, gloss, detail) = match reply {
            Reply::Free { text, untranslated } => {
                let t = text.trim();
                if t.is_empty() || t.chars().count() > MAX_REPLY_CHARS {
                    return Err(CaseworkError::Invalid("返信は1〜2000文字で書いてください"));
                }
                if lang.is_japanese() {
                    (t.to_owned(), None, "free".to_owned())
                } else if *untranslated {
                    (t.to_owned(), None, format!("free:untranslated:{}", lang.tag()))
                } else {
                    return Err(CaseworkError::Invalid(
                        "この住民は日本語を読みません。入力した文は翻訳されずにそのまま届きます。確認の欄にチェックを入れてください",
                    ));
                }
            }
            Reply::Canned(k) => {
                let text = k.render(&self.locales, lang, number);
                let gloss = (lang != Lang::JA).then(|| k.render(&self.locales, Lang::JA, number));
                (text, gloss, format!("canned:{}:{}", k.code(), lang.tag()))
            }
            Reply::Phrase(p) => {
                if p.group() == "question" {
                    return Err(CaseworkError::Invalid(
                        "この文例は、答えのボタンと一緒に「質問」の欄から送ってください",
                    ));
                }
                let text = p.render(&self.locales, lang, number);
                let gloss = (lang != Lang::JA).then(|| p.render(&self.locales, Lang::JA, number));
                (text, gloss, format!("phrase:{}:{}", p.id, lang.tag()))
            }
        };
        let icon = self.sender_icon.as_deref();
        let message = sender::staff_message(&self.locales, lang, icon, display, &text)
            .map_err(|_| CaseworkError::Invalid("LINEで送れない文です"))?;
        Ok(Composed { lang, text, gloss, detail, message })
    }

    /// What `reply` would send to the resident of the case, without sending anything: the
    /// same words `reply` sends, in the resident's language and in Japanese.
    pub async fn preview(
        &self,
        actor: &super::Actor,
        number: &CaseNumber,
        reply: &Reply,
    ) -> Result<Preview, DeskError> {
        let c = self.case(actor, number).await?;
        let composed = self.compose(&c, reply, None)?;
        let ja = composed.gloss.unwrap_or_else(|| composed.text.clone());
        Ok(Preview { lang: composed.lang.tag().to_owned(), text: composed.text, ja })
    }
}
