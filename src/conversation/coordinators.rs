//! Coordinators on LINE, beside the residents' conversation: a link code sent to the bot
//! one-on-one links the sender's LINE account to a staff account, and 「対応します <number>」
//! in a group (the alert's button, or typed) claims the case as the dashboard does.

use fluent_bundle::FluentArgs;

use super::{ConversationError, ConversationService};
use crate::{
    alerts,
    casework::service::{actor_of, LineClaim},
    credentials::digest,
    ids::{CaseNumber, ChatId, LineUserId},
    line::{message::Message, webhook::EventMeta},
    store::{Effects, LinkOutcome},
    worker::inbox::{EventCtx, Handled},
};

/// What the group is told about a tap and how it is audited.
struct TapAnswer {
    /// `staff.ftl` id of the reply, with the name and number it may name.
    reply: &'static str,
    name: Option<String>,
    /// `alert_ack`, or `alert_ack_refused` with a reason code.
    audit: (&'static str, &'static str),
    staff_id: Option<String>,
    case_id: Option<String>,
}

impl TapAnswer {
    fn refused(reply: &'static str, reason: &'static str) -> Self {
        TapAnswer { reply, name: None, audit: ("alert_ack_refused", reason), staff_id: None, case_id: None }
    }
}

impl ConversationService {
    /// A link code sent one-on-one: the sender's LINE account is linked (or they are told why
    /// not). The code never enters a resident's conversation, case or transcript.
    pub(super) async fn link(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        user_id: &LineUserId,
        code: &str,
    ) -> Result<Handled, ConversationError> {
        let outcome = ctx.store.link_line_user(&digest(code), user_id, ctx.now).await?;
        let mut args = FluentArgs::new();
        let id = match outcome {
            LinkOutcome::Linked(name) => {
                args.set("name", name);
                "line-link-done"
            }
            LinkOutcome::Unknown => "line-link-unknown",
            LinkOutcome::Expired => "line-link-expired",
            LinkOutcome::Used => "line-link-used",
        };
        tracing::info!(outcome = id, "a link code was sent to the bot");
        let message = Message::text(self.staff_text.format(id, Some(&args)))?;
        let reply = self.answer(ctx, meta, &ChatId::from(user_id), &[message])?;
        Ok(Handled::Effects(Box::new(Effects { outbox: vec![reply], ..Effects::default() })))
    }

    /// A text in a group or room: if it is 「対応します <number>」, the member who sent it
    /// claims the case, and the group is answered with the event's reply token. Any other
    /// group message is left alone.
    pub(super) async fn group_text(
        &self,
        ctx: &EventCtx,
        meta: &EventMeta,
        text: &str,
    ) -> Result<Handled, ConversationError> {
        let Some(source) = meta.source.as_ref().filter(|s| !s.is_user()) else { return Ok(Handled::Nothing) };
        let Some(number) = alerts::parse_ack(&self.staff_text.text("alert-ack-label"), text) else {
            return Ok(Handled::Nothing);
        };
        let Some(chat) = source.chat_id() else { return Ok(Handled::Nothing) };
        let answer = self.tap(ctx, source.user_id(), &number).await?;
        let (action, reason) = answer.audit;
        let detail = if action == "alert_ack" { format!("line:{number}") } else { format!("{reason}:{number}") };
        ctx.store.audit(answer.staff_id.as_deref(), answer.case_id.as_deref(), action, &detail, ctx.now).await?;
        tracing::info!(action, reason, "a coordinator tapped 対応します");
        let mut args = FluentArgs::new();
        args.set("number", number.to_string());
        args.set("name", answer.name.unwrap_or_default());
        let message = Message::text(self.staff_text.format(answer.reply, Some(&args)))?;
        let reply = self.answer(ctx, meta, &chat, &[message])?;
        Ok(Handled::Effects(Box::new(Effects { outbox: vec![reply], ..Effects::default() })))
    }

    /// Who tapped and what their tap does. Handled again after a crash (the claim written,
    /// the event not yet marked done), the case is found held by the same member: nothing is
    /// claimed twice and the group hears the same answer.
    async fn tap(
        &self,
        ctx: &EventCtx,
        member: Option<&LineUserId>,
        number: &CaseNumber,
    ) -> Result<TapAnswer, ConversationError> {
        // LINE leaves out `userId` for members who have not agreed to its terms (webhook
        // reference, "Source group").
        let Some(member) = member else { return Ok(TapAnswer::refused("alert-ack-link-first", "no_user_id")) };
        let Some(staff) = ctx.store.staff_by_line_user(member).await? else {
            return Ok(TapAnswer::refused("alert-ack-link-first", "not_linked"));
        };
        let actor = actor_of(&staff, self.desk.partners);
        let claim = self.desk.claim_from_line(&actor, number, ctx.now).await.map_err(ConversationError::from)?;
        let answer = |reply, audit, name: Option<String>, case_id: Option<String>| TapAnswer {
            reply,
            name,
            audit,
            staff_id: Some(actor.id.clone()),
            case_id,
        };
        Ok(match claim {
            LineClaim::Claimed { case_id } => {
                answer("alert-ack-claimed", ("alert_ack", ""), Some(actor.name.clone()), Some(case_id))
            }
            LineClaim::Held { case_id, by, mine: true } => {
                answer("alert-ack-claimed", ("alert_ack_refused", "already_yours"), Some(by), Some(case_id))
            }
            LineClaim::Held { case_id, by, mine: false } => {
                answer("alert-ack-held", ("alert_ack_refused", "held"), Some(by), Some(case_id))
            }
            LineClaim::NotAllowed { case_id } => {
                answer("alert-ack-not-allowed", ("alert_ack_refused", "not_allowed"), None, Some(case_id))
            }
            LineClaim::Closed { case_id } => {
                answer("alert-ack-closed", ("alert_ack_refused", "closed"), None, Some(case_id))
            }
            LineClaim::Unknown => answer("alert-ack-unknown", ("alert_ack_refused", "unknown_case"), None, None),
        })
    }
}
