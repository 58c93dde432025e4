//! Case routing: from a case's answers to one primary queue, secondary flags, a priority and
//! an SLA deadline. Pure: `route(facts, rules, hours, now)`, no I/O or clock.
//!
//! The deadline counts office hours (`[hours]`), as what the resident is told after sending
//! does (`intake::sent`): a case sent on a Saturday afternoon is due on Monday morning for
//! staff, and its resident hears "Monday".
//!
//! Rules are tried in order; the first whose condition holds gives the primary queue (and
//! its priority); flag rules add secondary queues. Emergency or crisis raises the priority
//! to emergency in whatever queue. Without consent to share with partner organisations a
//! case stays with the consultation centre only.

mod partners;

use serde::Deserialize;

pub use partners::Partners;

use crate::{
    codes::codes,
    crisis::Level,
    hours::OfficeHours,
    i18n::Lang,
    intake::{
        answers::{Tonight, Topic},
        Answers,
    },
};

codes! {
    /// The queues staff work from.
    pub enum Queue labelled "queue-" {
        /// The living-support consultation centre: the default.
        Consultation => "consultation",
        /// Housing support: rentals, guarantors, arrears, eviction.
        Housing => "housing",
        /// Shelter coordinators: no safe place tonight.
        Shelter => "shelter",
        /// The multicultural centre.
        Interpreter => "interpreter",
    }
}

impl Queue {
    /// Queue codes from a stored comma-separated list; unknown codes are dropped.
    pub fn parse_list(codes: &str) -> Vec<Queue> {
        crate::codes::split(codes)
    }
}

codes! {
    /// How soon a case must be picked up, most urgent first.
    pub enum Priority labelled "priority-" {
        Emergency => "emergency",
        Urgent => "urgent",
        Normal => "normal",
    }
}

/// What routing looks at, taken from a case.
#[derive(Debug, Clone, Default)]
pub struct CaseFacts {
    pub lang: Option<Lang>,
    pub tonight: Option<Tonight>,
    pub topics: Vec<Topic>,
    pub interpreter: Option<bool>,
    pub emergency: bool,
    /// Crisis wording of the `Danger` level (intent, a method, violence).
    pub crisis: bool,
    /// Crisis wording of the `Concern` level (indirect warning signs): staff call first.
    pub concern: bool,
    pub consent_share: Option<bool>,
}

impl CaseFacts {
    /// The facts of a resident's answers, in their language.
    pub fn of(lang: Option<Lang>, a: &Answers) -> CaseFacts {
        CaseFacts {
            lang,
            tonight: a.tonight,
            topics: a.topics.clone(),
            interpreter: a.interpreter,
            emergency: a.emergency,
            crisis: a.crisis.is_some_and(|k| k.level() == Level::Danger),
            concern: a.crisis.is_some_and(|k| k.level() == Level::Concern),
            consent_share: a.consent_share,
        }
    }
}

/// A rule's condition: every field given must hold (an empty list means "any").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Condition {
    /// Tonight's place is one of these.
    pub tonight: Vec<Tonight>,
    /// At least one of these topics was chosen.
    pub topics: Vec<Topic>,
    /// The resident's language is none of these (tags, e.g. `["ja"]`).
    pub lang_not: Vec<String>,
    /// The resident asked for an interpreter.
    pub interpreter: Option<bool>,
}

impl Condition {
    fn holds(&self, f: &CaseFacts) -> bool {
        let tonight = self.tonight.is_empty() || f.tonight.is_some_and(|t| self.tonight.contains(&t));
        let topics = self.topics.is_empty() || f.topics.iter().any(|t| self.topics.contains(t));
        let lang = self.lang_not.is_empty() || f.lang.is_some_and(|l| !self.lang_not.iter().any(|x| x == l.tag()));
        let interpreter = self.interpreter.is_none_or(|want| f.interpreter == Some(want));
        tonight && topics && lang && interpreter
    }

    /// A condition that tests nothing would match every case: refused in a rules file.
    fn is_empty(&self) -> bool {
        self.tonight.is_empty() && self.topics.is_empty() && self.lang_not.is_empty() && self.interpreter.is_none()
    }
}

/// A primary-queue rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub when: Condition,
    pub queue: Queue,
    #[serde(default = "normal")]
    pub priority: Priority,
}

/// A secondary-flag rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagRule {
    pub when: Condition,
    pub flag: Queue,
}

fn normal() -> Priority {
    Priority::Normal
}

/// Office hours (`[hours]`, not calendar hours) until a case must have been picked up, by
/// priority: a person's first response.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sla {
    pub emergency_hours: u32,
    pub urgent_hours: u32,
    pub normal_hours: u32,
}

impl Default for Sla {
    fn default() -> Self {
        // normal: at most two business days of the city's 8:30–17:15 (2 × 8 h 45), what the
        // resident is told (`[centre] reply_days`).
        Sla { emergency_hours: 1, urgent_hours: 4, normal_hours: 16 }
    }
}

impl Sla {
    /// The office hours within which a case of `priority` gets a person's first response.
    pub fn hours(&self, priority: Priority) -> u32 {
        match priority {
            Priority::Emergency => self.emergency_hours,
            Priority::Urgent => self.urgent_hours,
            Priority::Normal => self.normal_hours,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    pub rules: Vec<Rule>,
    pub flags: Vec<FlagRule>,
    pub sla: Sla,
    /// Which queues partner organisations work.
    pub partners: Partners,
}

impl Default for Rules {
    /// The built-in rules: no safe place tonight → shelter (urgent); home at risk or a
    /// housing topic → housing; otherwise the consultation centre; a language other than
    /// Japanese or an interpreter asked for → also the multicultural centre.
    fn default() -> Self {
        let when = |tonight: Vec<Tonight>, topics: Vec<Topic>| Condition { tonight, topics, ..Condition::default() };
        Rules {
            rules: vec![
                Rule {
                    when: when(vec![Tonight::Car, Tonight::NetCafe, Tonight::Friend, Tonight::Outside], vec![]),
                    queue: Queue::Shelter,
                    priority: Priority::Urgent,
                },
                Rule { when: when(vec![], vec![Topic::Shelter]), queue: Queue::Shelter, priority: Priority::Urgent },
                Rule {
                    when: when(vec![Tonight::HomeAtRisk], vec![]),
                    queue: Queue::Housing,
                    priority: Priority::Normal,
                },
                Rule { when: when(vec![], vec![Topic::Housing]), queue: Queue::Housing, priority: Priority::Normal },
            ],
            flags: vec![
                FlagRule {
                    when: Condition { lang_not: vec!["ja".into()], ..Condition::default() },
                    flag: Queue::Interpreter,
                },
                FlagRule {
                    when: Condition { interpreter: Some(true), ..Condition::default() },
                    flag: Queue::Interpreter,
                },
            ],
            sla: Sla::default(),
            partners: Partners::default(),
        }
    }
}

impl Rules {
    /// Checks what serde cannot: a rule must test something.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(i) = self.rules.iter().position(|r| r.when.is_empty()) {
            return Err(format!("routing.rules[{i}].when tests nothing and would match every case"));
        }
        if let Some(i) = self.flags.iter().position(|r| r.when.is_empty()) {
            return Err(format!("routing.flags[{i}].when tests nothing and would match every case"));
        }
        Ok(())
    }
}

/// Where a case goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routing {
    pub queue: Queue,
    /// Secondary queues that should also see the case, in a stable order.
    pub flags: Vec<Queue>,
    pub priority: Priority,
    /// False when the resident did not consent to sharing: partner roles never see it.
    pub partner_visible: bool,
    /// When the case must have been picked up (ms): the priority's SLA in office hours; if
    /// the office never opens within a year (a schedule the settings refuse), in calendar hours.
    pub sla_deadline: i64,
    /// Shelter coordinators are alerted at once: a shelter or emergency case whose
    /// resident consented to sharing.
    pub alert_coordinators: bool,
}

/// The first rule that holds, or the consultation centre at normal priority.
fn first_rule(f: &CaseFacts, rules: &Rules) -> (Queue, Priority) {
    rules
        .rules
        .iter()
        .find(|r| r.when.holds(f))
        .map_or((Queue::Consultation, Priority::Normal), |r| (r.queue, r.priority))
}

/// How soon a case needs a person: its rule's priority, raised by words of concern
/// (urgent) and by danger or crisis wording (emergency).
pub fn priority(f: &CaseFacts, rules: &Rules) -> Priority {
    let ruled = first_rule(f, rules).1;
    if f.emergency || f.crisis {
        Priority::Emergency
    } else if f.concern && ruled == Priority::Normal {
        Priority::Urgent
    } else {
        ruled
    }
}

pub fn route(f: &CaseFacts, rules: &Rules, hours: &OfficeHours, now: i64) -> Routing {
    let mut queue = first_rule(f, rules).0;
    let priority = priority(f, rules);
    let mut flags: Vec<Queue> = rules.flags.iter().filter(|r| r.when.holds(f)).map(|r| r.flag).collect();
    let partner_visible = f.consent_share == Some(true);
    if !partner_visible {
        // No consent to share: the centre's own queues only.
        if rules.partners.contains(queue) {
            queue = Queue::Consultation;
        }
        flags.retain(|q| !rules.partners.contains(*q));
    }
    flags.retain(|q| *q != queue);
    flags.sort();
    flags.dedup();
    let sla = rules.sla.hours(priority);
    let sla_deadline = hours.after_open_minutes(now, sla * 60).unwrap_or(now + i64::from(sla) * 3_600_000);
    let alert_coordinators = partner_visible && (queue == Queue::Shelter || priority == Priority::Emergency);
    Routing { queue, flags, priority, partner_visible, sla_deadline, alert_coordinators }
}

#[cfg(test)]
mod tests;
