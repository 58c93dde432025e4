//! Staff work on cases, the rules part: who may see a case, which status may follow which,
//! where a case may be transferred. Pure: no I/O or clock; `service` applies these rules
//! through the store.

pub mod ask;
pub mod canned;
pub mod compose;
pub mod labels;
pub mod phrases;
pub mod questions;
pub mod sender;
pub mod service;

use crate::{
    codes::codes,
    routing::{Partners, Queue},
};

#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum CaseworkError {
    #[error("no such case")]
    NotFound,
    #[error("not allowed for this account")]
    Forbidden,
    #[error("{0}")]
    Invalid(&'static str),
}

codes! {
    /// What an account may do.
    pub enum Role labelled "role-" {
        /// Works the cases of their queues.
        Staff => "staff",
        /// A shelter coordinator (a partner organisation): the shelter queue.
        Coordinator => "coordinator",
        /// Every queue, the accounts and the audit log.
        Admin => "admin",
    }
}

/// A signed-in staff member (or the API token's account).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// The queues the account was given; see `queues()` for what it works.
    pub assigned: Vec<Queue>,
    /// Which queues are partner organisations' (the deployment's setting).
    pub partners: Partners,
}

impl Actor {
    /// An account as stored: its role and queues as codes.
    pub fn from_stored(id: String, name: String, role: &str, queues: &str, partners: Partners) -> Actor {
        let role = Role::from_code(role).unwrap_or(Role::Staff);
        Actor { id, name, role, assigned: Queue::parse_list(queues), partners }
    }

    /// The queues this account works: an admin all of them, a coordinator the shelter
    /// queue unless given others.
    pub fn queues(&self) -> Vec<Queue> {
        match self.role {
            Role::Admin => Queue::ALL.to_vec(),
            Role::Coordinator if self.assigned.is_empty() => vec![Queue::Shelter],
            _ => self.assigned.clone(),
        }
    }

    /// Partner organisations (housing support, shelter) see only cases whose resident
    /// consented to sharing. An account is a partner's when it is a coordinator, or when
    /// every queue it works is a partner queue.
    pub fn is_partner(&self) -> bool {
        match self.role {
            Role::Admin => false,
            Role::Coordinator => true,
            Role::Staff => {
                let q = self.queues();
                !q.is_empty() && q.iter().all(|q| self.partners.contains(*q))
            }
        }
    }

    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Whether this account may see the case at all.
    pub fn sees(&self, case: &Access) -> bool {
        if self.is_admin() {
            return true;
        }
        if !case.partner_visible && self.is_partner() {
            return false;
        }
        let mine = self.queues();
        mine.contains(&case.queue) || case.flags.iter().any(|f| mine.contains(f))
    }
}

/// What access to a case depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub queue: Queue,
    /// Secondary queues, from routing and from staff.
    pub flags: Vec<Queue>,
    pub partner_visible: bool,
}

codes! {
    /// A case's place in its life.
    pub enum Status labelled "status-" {
        New => "new",
        InProgress => "in_progress",
        /// Waiting for the resident.
        Waiting => "waiting",
        Resolved => "resolved",
        /// Final: the bot takes the conversation back.
        Closed => "closed",
    }
}

codes! {
    /// Why a case was closed.
    pub enum Outcome labelled "outcome-" {
        /// Supported by the centre (or the partner) to a resolution.
        Supported => "supported",
        /// Handed on to another service.
        Referred => "referred",
        /// The resident could not be reached.
        NoContact => "no_contact",
        /// The resident withdrew.
        Withdrawn => "withdrawn",
        /// The same matter as another case.
        Duplicate => "duplicate",
        /// The resident's data was erased at their request.
        Erased => "erased",
    }
}

impl Outcome {
    /// The outcomes staff may choose (`Erased` is set by the erasure itself).
    pub const CHOOSABLE: [Outcome; 5] =
        [Outcome::Supported, Outcome::Referred, Outcome::NoContact, Outcome::Withdrawn, Outcome::Duplicate];
}

/// Whether a case may go from `from` to `to`; closing needs an outcome. A closed case is
/// final: a resident who writes again starts a new case.
pub fn check_transition(from: Status, to: Status, outcome: Option<Outcome>) -> Result<(), CaseworkError> {
    if from == Status::Closed {
        return Err(CaseworkError::Invalid("a closed case cannot change"));
    }
    if from == to {
        return Err(CaseworkError::Invalid("the case already has this status"));
    }
    match (to, outcome) {
        (Status::Closed, None) => Err(CaseworkError::Invalid("closing a case needs an outcome")),
        (Status::Closed, Some(Outcome::Erased)) => Err(CaseworkError::Invalid("that outcome is set by erasure only")),
        (Status::Closed, Some(_)) => Ok(()),
        (_, Some(_)) => Err(CaseworkError::Invalid("an outcome is given only when closing")),
        (Status::New, _) => Err(CaseworkError::Invalid("a case cannot go back to new")),
        _ => Ok(()),
    }
}

/// Whether a case may be moved to `to`: a case without consent to share never goes to a
/// partner organisation's queue.
pub fn check_transfer(case: &Access, to: Queue, partners: Partners) -> Result<(), CaseworkError> {
    if case.queue == to {
        return Err(CaseworkError::Invalid("the case is already in this queue"));
    }
    if partners.contains(to) && !case.partner_visible {
        return Err(CaseworkError::Invalid(
            "the resident did not consent to sharing: the case stays with the consultation centre",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
