//! Staff operations on cases, shared by the dashboard and the JSON API: each checks access
//! and the rules, writes the change with its history and audit lines (and any message to the
//! resident) in one transaction, wakes the outbox sender and tells live pages.

use std::sync::Arc;

use tokio::sync::Notify;

use super::{
    canned::Canned, check_transfer, check_transition, phrases::FilledPhrase, Access, Actor, CaseworkError, Outcome,
    Status,
};
use crate::{
    i18n::{Lang, Locales},
    ids::{CaseNumber, ChatId},
    line::message::Message,
    live::{Change, Live},
    routing::{Partners, Queue},
    store::{
        CaseChange, CaseListing, CaseRow, CaseWork, Expect, HistoryLine, NewOutbox, StaffMessage, Store, StoreError,
    },
};

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Rule(#[from] CaseworkError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub(super) type Result<T> = std::result::Result<T, DeskError>;

/// What a staff member writes to a resident.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Sent as typed. To a resident who reads neither Japanese nor plain Japanese it goes
    /// untranslated, which staff must have confirmed (`untranslated`).
    Free {
        text: String,
        untranslated: bool,
    },
    Canned(Canned),
    /// A phrase from the phrasebook, written in the resident's language.
    Phrase(FilledPhrase),
}

/// What a 「対応します」 tap on LINE came to (`Casework::claim_from_line`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineClaim {
    /// The tapping coordinator holds the case now.
    Claimed {
        case_id: String,
    },
    /// Held already, by `by` (the account's name; `mine`: by the one who tapped).
    Held {
        case_id: String,
        by: String,
        mine: bool,
    },
    /// The account may not see the case (role, queue, the resident's consent).
    NotAllowed {
        case_id: String,
    },
    Closed {
        case_id: String,
    },
    /// No such case (or only its anonymised remains).
    Unknown,
}

/// Filters of the queue page and the API's case list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub queue: Option<Queue>,
    pub status: Option<Status>,
    pub lang: Option<String>,
}

/// Every staff operation on cases.
#[derive(Clone)]
pub struct Casework {
    pub store: Store,
    pub live: Live,
    pub locales: Arc<Locales>,
    pub wake_outbox: Arc<Notify>,
    /// Which queues partner organisations work.
    pub partners: Partners,
    /// The icon beside staff's messages (`[staff] sender_icon_url`).
    pub sender_icon: Option<String>,
    /// The places and documents phrases may name (`[phrasebook]`).
    pub phrasebook: Arc<crate::config::PhrasebookSettings>,
}

/// How a case row reads for access checks.
pub fn access_of(c: &CaseRow) -> Access {
    let mut flags = Queue::parse_list(&c.flags);
    flags.extend(Queue::parse_list(&c.staff_flags));
    Access {
        queue: Queue::from_code(&c.queue).unwrap_or(Queue::Consultation),
        flags,
        partner_visible: c.partner_visible,
    }
}

/// The resident's language, Japanese when they never chose one.
pub(super) fn lang_of(c: &CaseRow) -> Lang {
    c.lang.as_deref().and_then(Lang::from_tag).unwrap_or(Lang::JA)
}

pub fn status_of(c: &CaseRow) -> Status {
    Status::from_code(&c.status).unwrap_or(Status::New)
}

fn priority_rank(p: &str) -> u8 {
    match p {
        "emergency" => 0,
        "urgent" => 1,
        _ => 2,
    }
}

/// The longest internal note.
const MAX_NOTE_CHARS: usize = 5000;

impl Casework {
    /// The cases `actor` may see that match `filter`, by priority then age; the view is
    /// audited with the case numbers shown.
    pub async fn queue(&self, actor: &Actor, filter: &Filter, now: i64) -> Result<Vec<CaseRow>> {
        let closed = filter.status == Some(Status::Closed);
        let listing = if closed { CaseListing::Closed { limit: 500 } } else { CaseListing::Open };
        let mut cases: Vec<CaseRow> = self
            .store
            .list_cases(listing)
            .await?
            .into_iter()
            .filter(|c| {
                let access = access_of(c);
                actor.sees(&access) && filter.queue.is_none_or(|q| access.queue == q || access.flags.contains(&q))
            })
            .filter(|c| filter.status.is_none_or(|s| status_of(c) == s))
            .filter(|c| filter.lang.as_deref().is_none_or(|l| c.lang.as_deref().unwrap_or("") == l))
            .collect();
        if !closed {
            cases.sort_by(|a, b| {
                (priority_rank(&a.priority), a.created_at).cmp(&(priority_rank(&b.priority), b.created_at))
            });
        }
        let shown: Vec<&str> = cases.iter().map(|c| c.number.as_str()).collect();
        self.store.audit(Some(&actor.id), None, "view_queue", &format!("cases={}", shown.join(",")), now).await?;
        Ok(cases)
    }

    /// A case `actor` may see, without auditing (actions audit themselves).
    pub async fn case(&self, actor: &Actor, number: &CaseNumber) -> Result<CaseRow> {
        match self.store.case_by_number(number).await? {
            Some(c) if c.anonymised_at.is_none() && actor.sees(&access_of(&c)) => Ok(c),
            // Not visible is not found: nothing tells an account that a case exists.
            _ => Err(CaseworkError::NotFound.into()),
        }
    }

    /// A case opened for reading: audited, with what was shown (`what`: e.g. "page",
    /// "transcript", "api").
    pub async fn view(&self, actor: &Actor, number: &CaseNumber, what: &str, now: i64) -> Result<CaseRow> {
        let c = self.case(actor, number).await?;
        self.store.audit(Some(&actor.id), Some(&c.id), "view_case", what, now).await?;
        Ok(c)
    }

    pub(super) async fn apply(&self, work: CaseWork, number: &CaseNumber) -> Result<()> {
        let message = work.message.is_some();
        if !self.store.apply_case_work(&work).await? {
            return Err(CaseworkError::Invalid("ケースが変わりました。画面を読み込み直してください").into());
        }
        if message {
            self.wake_outbox.notify_one();
        }
        self.live.publish(vec![Change::case(number)]).await;
        Ok(())
    }

    /// A staff action by `actor` on `c`, applied only while its status is the one read.
    pub(super) fn work(&self, actor: &Actor, c: &CaseRow, now: i64, kind: &'static str, detail: String) -> CaseWork {
        CaseWork {
            case_id: c.id.clone(),
            staff_id: Some(actor.id.clone()),
            now,
            change: CaseChange::Touch,
            expect: Expect { status: Some(c.status.clone()), unassigned: false },
            history: HistoryLine { kind, detail, note: None },
            message: None,
            question: None,
            via: "dashboard",
        }
    }

    /// Takes an unclaimed case: the resident's messages now come to staff.
    pub async fn claim(&self, actor: &Actor, number: &CaseNumber, now: i64) -> Result<()> {
        let c = self.case(actor, number).await?;
        if c.assignee.as_deref() == Some(actor.id.as_str()) {
            return Err(CaseworkError::Invalid("すでに担当しています").into());
        }
        if c.assignee.is_some() {
            return Err(CaseworkError::Invalid("ほかの職員が担当しています（担当の変更を使ってください）").into());
        }
        self.apply(self.claim_work(actor, &c, now, "dashboard"), number).await
    }

    /// A coordinator's 「対応します」 on LINE: the case is claimed as on the dashboard (the
    /// same access rule, the same write), its alert acknowledged via `line`. Never an error
    /// for what the group is told instead: not visible, held already, closed, unknown.
    pub async fn claim_from_line(&self, actor: &Actor, number: &CaseNumber, now: i64) -> Result<LineClaim> {
        let Some(c) = self.store.case_by_number(number).await?.filter(|c| c.anonymised_at.is_none()) else {
            return Ok(LineClaim::Unknown);
        };
        let case_id = c.id.clone();
        if !actor.sees(&access_of(&c)) {
            return Ok(LineClaim::NotAllowed { case_id });
        }
        if status_of(&c) == Status::Closed {
            return Ok(LineClaim::Closed { case_id });
        }
        if let Some(holder) = &c.assignee {
            return Ok(LineClaim::Held { case_id, by: self.name_of(holder).await?, mine: holder == &actor.id });
        }
        match self.apply(self.claim_work(actor, &c, now, "line"), number).await {
            Ok(()) => Ok(LineClaim::Claimed { case_id }),
            // Someone was quicker between the read and the write: say who.
            Err(DeskError::Rule(CaseworkError::Invalid(_))) => {
                let now_held = self.store.case_by_number(number).await?.and_then(|c| c.assignee);
                let by = match &now_held {
                    Some(h) => self.name_of(h).await?,
                    None => String::new(),
                };
                Ok(LineClaim::Held { case_id, mine: now_held.as_deref() == Some(actor.id.as_str()), by })
            }
            Err(e) => Err(e),
        }
    }

    /// `actor` takes `c` while nobody holds it, on the dashboard or by a tap on LINE (`via`,
    /// also the history line's detail for a tap).
    fn claim_work(&self, actor: &Actor, c: &CaseRow, now: i64, via: &'static str) -> CaseWork {
        let detail = if via == "dashboard" { String::new() } else { via.to_owned() };
        let mut w = self.work(actor, c, now, "claim", detail);
        w.expect.unassigned = true;
        w.change = hold(c, &actor.id);
        w.via = via;
        w
    }

    async fn name_of(&self, staff_id: &str) -> Result<String> {
        let staff = self.store.list_staff().await?;
        Ok(staff.into_iter().find(|s| s.id == staff_id).map(|s| s.name).unwrap_or_default())
    }

    /// Gives the case to a colleague who can see it.
    pub async fn assign(&self, actor: &Actor, number: &CaseNumber, to_name: &str, now: i64) -> Result<()> {
        let c = self.case(actor, number).await?;
        let to = self.store.staff_by_name(to_name).await?.filter(|s| !s.disabled);
        let to = to.map(|s| actor_of(&s, self.partners)).ok_or(CaseworkError::Invalid("その職員はいません"))?;
        if !to.sees(&access_of(&c)) {
            return Err(CaseworkError::Invalid("その職員はこのケースの窓口を担当していません").into());
        }
        if c.assignee.as_deref() == Some(to.id.as_str()) {
            return Err(CaseworkError::Invalid("すでにその職員が担当しています").into());
        }
        let mut w = self.work(actor, &c, now, "assign", to.name.clone());
        w.change = hold(&c, &to.id);
        self.apply(w, number).await
    }

    /// Moves the case to another queue; routing no longer moves it, and whoever held it
    /// lets go (the new queue's staff claim it).
    pub async fn transfer(&self, actor: &Actor, number: &CaseNumber, to: Queue, now: i64) -> Result<()> {
        let c = self.case(actor, number).await?;
        check_transfer(&access_of(&c), to, self.partners)?;
        let mut w = self.work(actor, &c, now, "transfer", format!("{}>{}", c.queue, to.code()));
        w.change = CaseChange::Transfer { queue: to.code().to_owned() };
        self.apply(w, number).await
    }

    /// Changes the status; closing (with an outcome) gives the conversation back to the bot.
    pub async fn set_status(
        &self,
        actor: &Actor,
        number: &CaseNumber,
        to: Status,
        outcome: Option<Outcome>,
        now: i64,
    ) -> Result<()> {
        let c = self.case(actor, number).await?;
        check_transition(status_of(&c), to, outcome)?;
        let detail = match outcome {
            Some(o) => format!("{}>{}:{}", c.status, to.code(), o.code()),
            None => format!("{}>{}", c.status, to.code()),
        };
        let mut w = self.work(actor, &c, now, "status", detail);
        w.change = match to {
            Status::Closed => CaseChange::Close { outcome: outcome.map(|o| o.code().to_owned()) },
            _ => CaseChange::Status { status: to.code().to_owned() },
        };
        self.apply(w, number).await
    }

    /// An internal note: staff only, never sent.
    pub async fn note(&self, actor: &Actor, number: &CaseNumber, text: &str, now: i64) -> Result<()> {
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAX_NOTE_CHARS {
            return Err(CaseworkError::Invalid("メモは1〜5000文字で書いてください").into());
        }
        let c = self.case(actor, number).await?;
        let mut w = self.work(actor, &c, now, "note", String::new());
        w.history.note = Some(text.to_owned());
        w.expect.status = None;
        self.apply(w, number).await
    }

    /// Flags the case for the multicultural centre's interpreters.
    pub async fn request_interpreter(&self, actor: &Actor, number: &CaseNumber, now: i64) -> Result<()> {
        let c = self.case(actor, number).await?;
        let access = access_of(&c);
        if access.queue == Queue::Interpreter || access.flags.contains(&Queue::Interpreter) {
            return Err(CaseworkError::Invalid("すでに通訳の窓口に入っています").into());
        }
        if self.partners.contains(Queue::Interpreter) && !access.partner_visible {
            return Err(CaseworkError::Invalid(
                "住民が関係機関との共有に同意していないため、多文化センターの通訳には回せません",
            )
            .into());
        }
        let mut flags = Queue::parse_list(&c.staff_flags);
        flags.push(Queue::Interpreter);
        let codes: Vec<&str> = flags.iter().map(|q| q.code()).collect();
        let mut w = self.work(actor, &c, now, "interpreter", String::new());
        w.expect.status = None;
        w.change = CaseChange::StaffFlags { codes: codes.join(",") };
        self.apply(w, number).await
    }

    /// Sends a message to the resident by push (through the outbox), in their language for
    /// a canned reply or a phrase (`compose`). An unclaimed case is claimed by the one who
    /// replies.
    pub async fn reply(&self, actor: &Actor, number: &CaseNumber, reply: &Reply, now: i64) -> Result<()> {
        let c = self.case(actor, number).await?;
        let display = self.store.display_name_of(&actor.id).await?;
        let composed = self.compose(&c, reply, display.as_deref())?;
        const UNSENDABLE: CaseworkError = CaseworkError::Invalid("LINEで送れない文です");
        let messages = serde_json::to_string(&[composed.message]).map_err(|_| UNSENDABLE)?;
        let row = NewOutbox::push(&ChatId::from(&c.user_id), messages);
        let mut w = self.work(actor, &c, now, "reply", composed.detail);
        w.expect.status = None;
        if c.assignee.is_none() {
            w.expect.unassigned = true;
            w.change = hold(&c, &actor.id);
        }
        w.message = Some(StaffMessage { row, text: composed.text, gloss: composed.gloss });
        self.apply(w, number).await
    }

    /// Carries out a resident's erasure request: every case of theirs is anonymised and
    /// their data removed; they are told in their language. Only the centre's own accounts
    /// confirm it (a partner sees a part of the resident's cases and acts for another
    /// organisation); the answer names only the cases this account could see.
    pub async fn erase(&self, actor: &Actor, number: &CaseNumber, now: i64) -> Result<Vec<CaseNumber>> {
        let c = self.case(actor, number).await?;
        if actor.is_partner() {
            return Err(CaseworkError::Forbidden.into());
        }
        if c.erase_requested_at.is_none() {
            return Err(CaseworkError::Invalid("住民からデータ削除の依頼がありません").into());
        }
        let visible: Vec<CaseNumber> = self
            .store
            .cases_of(&c.user_id)
            .await?
            .iter()
            .filter(|c| c.anonymised_at.is_none() && actor.sees(&access_of(c)))
            .map(|c| c.number.clone())
            .collect();
        let text = self.locales.text(lang_of(&c), "erase-done", None);
        let farewell = Message::text(&text)
            .ok()
            .and_then(|m| serde_json::to_string(&[m]).ok())
            .map(|messages| NewOutbox::push(&ChatId::from(&c.user_id), messages));
        let numbers = self.store.erase_resident(&c.user_id, &actor.id, farewell.as_ref(), now).await?;
        self.wake_outbox.notify_one();
        self.live.publish(numbers.iter().map(Change::case).collect()).await;
        Ok(numbers.into_iter().filter(|n| visible.contains(n)).collect())
    }
}

/// `staff_id` holds the case; a new case starts being worked.
pub(super) fn hold(c: &CaseRow, staff_id: &str) -> CaseChange {
    let status = (status_of(c) == Status::New).then(|| Status::InProgress.code().to_owned());
    CaseChange::Hold { staff_id: staff_id.to_owned(), status }
}

/// The account a staff row describes.
pub fn actor_of(s: &crate::store::StaffRow, partners: Partners) -> Actor {
    Actor::from_stored(s.id.clone(), s.name.clone(), &s.role, &s.queues, partners)
}
