//! A resident's answer to a structured question staff asked (`casework::ask`): a tap on one
//! of its buttons (postback `ask:<id>:<code>`), or typed words that read as one of its
//! answers. Read from the store before the step, like the case's status; the answer is
//! written with the event (`Effects::question_answer`), once. The intake stays out of it:
//! a tap is answered here, typed words go through the intake as usual (relayed to staff).

use super::{ConversationError, ConversationService};
use crate::{
    casework::{questions::stored_codes, questions::StaffQuestion, Status},
    i18n::Lang,
    ids::{ChatId, LineUserId},
    intake::Conversation,
    line::{message::Message, webhook::EventMeta},
    store::{Effects, QuestionAnswer, QuestionRow, TranscriptWrite},
    worker::inbox::{EventCtx, Handled},
};

/// What a resident who tapped a question's button is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TapReply {
    /// Recorded now, or the same answer tapped again.
    Thanks,
    /// Answered before with another button: the first answer stands.
    AlreadyAnswered,
    /// Expired, cancelled by a newer question, not theirs, or not a button it had.
    NotOpen,
    CaseClosed,
}

impl TapReply {
    fn id(self) -> &'static str {
        match self {
            TapReply::Thanks => "ask-thanks",
            TapReply::AlreadyAnswered => "ask-already-answered",
            TapReply::NotOpen => "ask-not-open",
            TapReply::CaseClosed => "ask-case-closed",
        }
    }
}

/// How a tap on question `q` (`None`: none of this resident's) with `code` is met, and the
/// answer to record, if any.
fn judge(q: Option<&QuestionRow>, code: &str, now: i64) -> (TapReply, Option<QuestionAnswer>) {
    let Some(q) = q else { return (TapReply::NotOpen, None) };
    if Status::from_code(&q.case_status) == Some(Status::Closed) {
        return (TapReply::CaseClosed, None);
    }
    match q.answer.as_deref() {
        Some(a) if a == code => return (TapReply::Thanks, None),
        Some(_) => return (TapReply::AlreadyAnswered, None),
        None => {}
    }
    if !q.is_open(now) || !stored_codes(&q.choices, q.items.as_deref()).iter().any(|c| c == code) {
        return (TapReply::NotOpen, None);
    }
    let answer = QuestionAnswer { question_id: q.id.clone(), code: code.to_owned(), via: "tap" };
    (TapReply::Thanks, Some(answer))
}

impl ConversationService {
    /// A tap on a question's button. Never silent and never an error for the resident: an
    /// answer that cannot be taken gets a gentle word in their language instead.
    pub(super) async fn question_tap(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        user_id: &LineUserId,
        data: &str,
    ) -> Result<Handled, ConversationError> {
        let mut parts = data.splitn(3, ':').skip(1);
        let (id, code) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let q = match id {
            "" => None,
            id => ctx.store.question(id).await?.filter(|q| q.user_id == user_id.as_str()),
        };
        let (reply, answer) = judge(q.as_ref(), code, ctx.now);
        let conv =
            ctx.conversations.get(user_id.as_str()).and_then(|s| serde_json::from_str::<Conversation>(&s.state).ok());
        let lang = conv
            .as_ref()
            .and_then(|c| c.lang)
            .or_else(|| q.as_ref().and_then(|q| Lang::from_tag(&q.lang)))
            .unwrap_or(Lang::JA);
        // The tap belongs to the question's case; another case's id is shown on the
        // resident's own case (if they have one), never on the other's.
        let case_number = q.as_ref().map(|q| q.case_number.clone()).or_else(|| conv?.case_number);
        let text = self.locales.text(lang, reply.id(), None);
        let messages = [Message::text(&text)?];
        let gloss = (!lang.is_japanese()).then(|| self.locales.text(Lang::JA, reply.id(), None));
        let line = |direction, kind, body: &str, gloss, outbox_index| TranscriptWrite {
            user_id: user_id.clone(),
            case_number: case_number.clone(),
            direction,
            kind,
            body: Some(body.to_owned()),
            gloss,
            outbox_index,
        };
        let effects = Effects {
            transcript: vec![line("in", "postback", data, None, None), line("out", "text", &text, gloss, Some(0))],
            outbox: vec![self.answer(ctx, meta, &ChatId::from(user_id), &messages)?],
            question_answer: answer,
            ..Effects::default()
        };
        Ok(Handled::Effects(Box::new(effects)))
    }

    /// Typed words while staff hold the case and a question is open on it: if they read as
    /// one of its answers ("sim", "có", "2"), the answer is recorded with the step's effects
    /// (the words are relayed to staff as usual all the same).
    pub(super) async fn typed_answer(
        &self,
        ctx: &EventCtx,
        user_id: &LineUserId,
        typed: &str,
        handled: &mut Handled,
    ) -> Result<(), ConversationError> {
        let Handled::Effects(effects) = handled else { return Ok(()) };
        let Some(case) = ctx.conversations.get(user_id.as_str()).and_then(|s| s.handoff_case.as_deref()) else {
            return Ok(());
        };
        let Some(q) = ctx.store.open_question(case, ctx.now).await? else { return Ok(()) };
        let asked = StaffQuestion::stored(
            &q.phrase,
            q.slots.as_deref(),
            &q.choices,
            q.items.as_deref(),
            &self.settings.phrasebook,
        );
        if let Some(code) = asked.and_then(|a| a.read_typed(typed, self.locales.as_ref())) {
            effects.question_answer = Some(QuestionAnswer { question_id: q.id, code, via: "typed" });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(answer: Option<&str>, closed_at: Option<i64>, case_status: &str) -> QuestionRow {
        QuestionRow {
            id: "q1".into(),
            case_id: "c1".into(),
            case_number: "261210-0001".into(),
            user_id: "U1".into(),
            case_status: case_status.into(),
            phrase: "pb-appointment-can-you-come".into(),
            slots: Some("{}".into()),
            choices: "yes_no".into(),
            items: Some("[]".into()),
            lang: "vi".into(),
            asked_by: None,
            asked_at: 0,
            expires_at: 100,
            closed_at,
            answered_at: answer.map(|_| 50),
            answer: answer.map(str::to_owned),
            answered_via: answer.map(|_| "tap".to_owned()),
        }
    }

    #[test]
    fn an_open_question_takes_one_of_its_answers_once() {
        let open = row(None, None, "in_progress");
        let (reply, answer) = judge(Some(&open), "yes", 10);
        assert_eq!(reply, TapReply::Thanks);
        assert_eq!(answer.map(|a| (a.code, a.via)), Some(("yes".to_owned(), "tap")));
        assert_eq!(judge(Some(&open), "3", 10), (TapReply::NotOpen, None), "not a button it had");
        let answered = row(Some("yes"), None, "in_progress");
        assert_eq!(judge(Some(&answered), "yes", 10), (TapReply::Thanks, None), "the same tap again");
        assert_eq!(judge(Some(&answered), "no", 10), (TapReply::AlreadyAnswered, None));
    }

    #[test]
    fn an_expired_cancelled_unknown_or_closed_question_is_met_gently_and_records_nothing() {
        assert_eq!(judge(Some(&row(None, None, "in_progress")), "yes", 100), (TapReply::NotOpen, None));
        assert_eq!(judge(Some(&row(None, Some(20), "in_progress")), "yes", 30), (TapReply::NotOpen, None));
        assert_eq!(judge(None, "yes", 10), (TapReply::NotOpen, None));
        assert_eq!(judge(Some(&row(None, None, "closed")), "yes", 10), (TapReply::CaseClosed, None));
    }
}
