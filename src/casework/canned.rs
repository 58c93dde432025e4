//! Canned replies: messages staff pick instead of typing, sent in the resident's language
//! (Fluent `canned-*` in `locales/`), with dates written the way each language writes them.

use fluent_bundle::FluentArgs;

use super::CaseworkError;
use crate::line::message::{Message, MessageError};
use crate::{
    codes::codes,
    i18n::{Lang, Locales},
    intake::answers::Window,
};

/// A date as staff enter it (`<input type="date">`: `YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, CaseworkError> {
        let bad = CaseworkError::Invalid("日付は YYYY-MM-DD の形で入れてください");
        let mut it = s.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (it.next(), it.next(), it.next()) else { return Err(bad) };
        let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
            return Err(bad);
        };
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(bad),
        };
        if !(2000..=2100).contains(&year) || day == 0 || day > days_in_month {
            return Err(bad);
        }
        Ok(Date { year, month, day })
    }

    /// The date with its weekday, the way `lang` writes it (`date-md`).
    pub fn text(self, locales: &Locales, lang: Lang) -> String {
        let mut a = FluentArgs::new();
        a.set("month", self.month);
        a.set("day", self.day);
        a.set("weekday", locales.text(lang, &format!("weekday-{}", self.weekday()), None));
        locales.format(lang, "date-md", &a)
    }

    /// 0 = Sunday … 6 = Saturday (Howard Hinnant's `days_from_civil`, 1970-01-01 a Thursday).
    pub fn weekday(self) -> u32 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        (days + 4).rem_euclid(7) as u32
    }
}

/// A time of day as staff enter it (`<input type="time">`: `HH:MM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    pub hour: u32,
    pub minute: u32,
}

impl Time {
    pub fn parse(s: &str) -> Result<Time, CaseworkError> {
        let bad = CaseworkError::Invalid("時刻は HH:MM の形で入れてください");
        let (h, m) = s.trim().split_once(':').ok_or(bad.clone())?;
        let (Ok(hour), Ok(minute)) = (h.parse::<u32>(), m.get(..2).unwrap_or(m).parse::<u32>()) else {
            return Err(bad);
        };
        if hour > 23 || minute > 59 {
            return Err(bad);
        }
        Ok(Time { hour, minute })
    }
}

codes! {
    /// The canned replies, as the case page's form and the API name them; each label is the
    /// reply's name for staff.
    pub enum Template {
        Received => "received", "canned-received-name";
        Call => "call", "canned-call-name";
        Window => "window", "canned-window-name";
        Interpreter => "interpreter", "canned-interpreter-name";
    }
}

/// A canned reply with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Canned {
    /// "We received your message."
    Received,
    /// "We will call you on … at …."
    Call { date: Date, time: Time },
    /// "Please come to … on … at …."
    Window { date: Date, time: Time, window: Window },
    /// "An interpreter will join."
    Interpreter,
}

impl Canned {
    pub fn template(&self) -> Template {
        match self {
            Canned::Received => Template::Received,
            Canned::Call { .. } => Template::Call,
            Canned::Window { .. } => Template::Window,
            Canned::Interpreter => Template::Interpreter,
        }
    }

    pub fn code(&self) -> &'static str {
        self.template().code()
    }

    /// From a form or API request: the template's code and its fields.
    pub fn parse(
        code: &str,
        date: Option<&str>,
        time: Option<&str>,
        window: Option<&str>,
    ) -> Result<Canned, CaseworkError> {
        let date = || Date::parse(date.unwrap_or(""));
        let time = || Time::parse(time.unwrap_or(""));
        match Template::from_code(code) {
            Some(Template::Received) => Ok(Canned::Received),
            Some(Template::Interpreter) => Ok(Canned::Interpreter),
            Some(Template::Call) => Ok(Canned::Call { date: date()?, time: time()? }),
            Some(Template::Window) => {
                let window = window
                    .and_then(Window::from_code)
                    .filter(|w| *w != Window::Any)
                    .ok_or(CaseworkError::Invalid("窓口（市役所か社会福祉協議会）を選んでください"))?;
                Ok(Canned::Window { date: date()?, time: time()?, window })
            }
            None => Err(CaseworkError::Invalid("定型文の種類がわかりません")),
        }
    }

    /// The message in `lang`.
    pub fn render(&self, locales: &Locales, lang: Lang, case_number: &str) -> String {
        let date_text = |d: &Date| d.text(locales, lang);
        let time_text = |t: &Time| format!("{}:{:02}", t.hour, t.minute);
        let mut args = FluentArgs::new();
        let id = match self {
            Canned::Received => "canned-received",
            Canned::Interpreter => "canned-interpreter",
            Canned::Call { date, time } => {
                args.set("date", date_text(date));
                args.set("time", time_text(time));
                "canned-call"
            }
            Canned::Window { date, time, window } => {
                args.set("date", date_text(date));
                args.set("time", time_text(time));
                args.set("window", locales.text(lang, window.label(), None));
                args.set("number", case_number.to_owned());
                "canned-window"
            }
        };
        locales.format(lang, id, &args)
    }
}

/// A message from staff to a resident: shown as written by "相談員" / "Atendente" / "Nhân
/// viên tư vấn" (`sender-staff` in `lang`), with the configured icon, never a staff member's
/// name, so the resident sees that a person, not the bot, is writing. A message from an
/// account that opted in to a display name: `sender::staff_message`.
pub fn staff_message(locales: &Locales, lang: Lang, icon: Option<&str>, text: &str) -> Result<Message, MessageError> {
    super::sender::staff_message(locales, lang, icon, None, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::line::message::Sender;

    #[test]
    fn staff_messages_name_a_counsellor_in_the_residents_language_and_never_a_person() {
        let locales = Locales::load().unwrap();
        for lang in Lang::ALL {
            let m = staff_message(&locales, lang, Some("https://city.example/icon.png"), "Olá").unwrap();
            let json = serde_json::to_value(&m).unwrap();
            assert_eq!(json["sender"]["name"], locales.text(lang, "sender-staff", None), "{lang:?}");
            assert_eq!(json["sender"]["iconUrl"], "https://city.example/icon.png");
        }
        let vi = serde_json::to_value(staff_message(&locales, Lang::VI, None, "x").unwrap()).unwrap();
        assert_eq!(vi["sender"], serde_json::json!({"name": "Nhân viên tư vấn"}));
        assert!(Sender::new("LINE相談", None).is_err(), "LINE refuses the word in a sender's name");
        assert!(Sender::new("相談員", Some("http://insecure")).is_err());
        assert!(Sender::new(&"a".repeat(21), None).is_err());
    }

    #[test]
    fn dates_are_checked_and_know_their_weekday() {
        assert_eq!(Date::parse("2026-12-03").unwrap().weekday(), 4); // a Thursday
        assert_eq!(Date::parse("2024-02-29").unwrap().weekday(), 4);
        assert_eq!(Date::parse("1970-01-01").ok(), None); // outside the accepted range
        assert_eq!(Date::parse("2000-01-01").unwrap().weekday(), 6);
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "3 December", "", "2026-12-32"] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Time::parse("14:05").unwrap(), Time { hour: 14, minute: 5 });
        assert_eq!(Time::parse("09:30:00").unwrap(), Time { hour: 9, minute: 30 });
        assert!(Time::parse("24:00").is_err() && Time::parse("noon").is_err());
    }

    #[test]
    fn each_canned_reply_is_written_in_the_residents_language() {
        let locales = Locales::load().unwrap();
        let date = Date::parse("2026-12-03").unwrap();
        let time = Time::parse("14:00").unwrap();
        let window = Canned::Window { date, time, window: Window::Council };
        let ja = window.render(&locales, Lang::JA, "261203-0001");
        assert!(ja.contains("12月3日（木）") && ja.contains("14:00") && ja.contains("261203-0001"), "{ja}");
        let pt = window.render(&locales, Lang::PT_BR, "261203-0001");
        assert!(pt.contains("quinta-feira, 3/12") && pt.contains("14:00"), "{pt}");
        let vi = Canned::Call { date, time }.render(&locales, Lang::VI, "x");
        assert!(vi.contains("Thứ Năm, ngày 3/12"), "{vi}");
        for lang in Lang::ALL {
            for template in Template::ALL {
                let code = template.code();
                let c = Canned::parse(code, Some("2026-12-03"), Some("10:00"), Some("city_hall")).unwrap();
                let text = c.render(&locales, lang, "n");
                assert!(!text.starts_with("canned-") && !text.contains('{'), "{code} in {lang:?}: {text}");
            }
        }
        assert!(Canned::parse("window", Some("2026-12-03"), Some("10:00"), Some("any")).is_err());
        assert!(Canned::parse("call", None, Some("10:00"), None).is_err());
        assert!(Canned::parse("sing", None, None, None).is_err());
    }
}
