//! The event-handler trait the application implements, in the style of serenity's
//! `EventHandler`: one method per kind of event, each with a default that ignores it.

use std::future::Future;

use super::webhook::{Event, EventKind, EventMeta, MessageContent, Postback};

/// Implemented by the application. `Context` is whatever the application needs to act
/// (its store handle, the clock reading); `Output` is what handling produced (the
/// application's effects). A method not overridden yields `Output::default()`, meaning
/// "nothing to do".
pub trait EventHandler: Send + Sync {
    type Context: Send + Sync;
    type Output: Default + Send;
    type Error: Send;

    /// A message from a user, group or room (text, image, file, location, sticker…).
    fn message(
        &self,
        _ctx: &Self::Context,
        _meta: &EventMeta,
        _message: &MessageContent,
    ) -> impl Future<Output = Result<Self::Output, Self::Error>> + Send {
        async { Ok(Self::Output::default()) }
    }

    /// A quick-reply or button tap that carries `data`.
    fn postback(
        &self,
        _ctx: &Self::Context,
        _meta: &EventMeta,
        _postback: &Postback,
    ) -> impl Future<Output = Result<Self::Output, Self::Error>> + Send {
        async { Ok(Self::Output::default()) }
    }

    /// Added as a friend, or unblocked (`is_unblocked`).
    fn follow(
        &self,
        _ctx: &Self::Context,
        _meta: &EventMeta,
        _is_unblocked: bool,
    ) -> impl Future<Output = Result<Self::Output, Self::Error>> + Send {
        async { Ok(Self::Output::default()) }
    }

    /// Blocked by the user.
    fn unfollow(
        &self,
        _ctx: &Self::Context,
        _meta: &EventMeta,
    ) -> impl Future<Output = Result<Self::Output, Self::Error>> + Send {
        async { Ok(Self::Output::default()) }
    }

    /// The bot was added to a group or room.
    fn join(
        &self,
        _ctx: &Self::Context,
        _meta: &EventMeta,
    ) -> impl Future<Output = Result<Self::Output, Self::Error>> + Send {
        async { Ok(Self::Output::default()) }
    }

    /// The bot was removed from a group, or left a room.
    fn leave(
        &self,
        _ctx: &Self::Context,
        _meta: &EventMeta,
    ) -> impl Future<Output = Result<Self::Output, Self::Error>> + Send {
        async { Ok(Self::Output::default()) }
    }

    /// Any other event, known or not: the default ignores it.
    fn other(
        &self,
        _ctx: &Self::Context,
        _event: &Event,
    ) -> impl Future<Output = Result<Self::Output, Self::Error>> + Send {
        async { Ok(Self::Output::default()) }
    }
}

/// Calls the handler method that matches the event.
pub async fn dispatch<H: EventHandler>(handler: &H, ctx: &H::Context, event: &Event) -> Result<H::Output, H::Error> {
    let meta = &event.meta;
    match &event.kind {
        EventKind::Message(m) => handler.message(ctx, meta, m).await,
        EventKind::Postback(p) => handler.postback(ctx, meta, p).await,
        EventKind::Follow { is_unblocked } => handler.follow(ctx, meta, *is_unblocked).await,
        EventKind::Unfollow => handler.unfollow(ctx, meta).await,
        EventKind::Join => handler.join(ctx, meta).await,
        EventKind::Leave => handler.leave(ctx, meta).await,
        _ => handler.other(ctx, event).await,
    }
}
