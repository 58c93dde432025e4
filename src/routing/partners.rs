//! Which queues partner organisations work, a setting per queue (`[routing.partners]`):
//! a case whose resident did not consent to sharing never reaches them, and their accounts
//! never see it. The consultation centre is the city's own and is never a partner.

use serde::Deserialize;

use super::Queue;

/// Per queue: worked by a separate organisation (`true`) or by the centre itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Partners {
    /// Housing support.
    pub housing: bool,
    /// The shelter coordinators.
    pub shelter: bool,
    /// The multicultural centre's interpreters: a separate organisation unless the city
    /// says otherwise.
    pub interpreter: bool,
}

impl Default for Partners {
    fn default() -> Self {
        Partners { housing: true, shelter: true, interpreter: true }
    }
}

impl Partners {
    /// Whether `queue` is worked by a partner organisation.
    pub fn contains(&self, queue: Queue) -> bool {
        match queue {
            Queue::Consultation => false,
            Queue::Housing => self.housing,
            Queue::Shelter => self.shelter,
            Queue::Interpreter => self.interpreter,
        }
    }
}
