//! The English lists: what English writers say in danger or distress is found, at the right
//! level, also in wording the lists do not hold word for word; everyday English is not.

use super::*;
use CrisisKind::*;

fn detect(text: &str) -> Option<CrisisKind> {
    static D: std::sync::OnceLock<CrisisDetector> = std::sync::OnceLock::new();
    D.get_or_init(CrisisDetector::new).detect(text)
}

#[test]
fn english_danger_wording_is_found_at_the_danger_level() {
    let table: [(&str, CrisisKind); 22] = [
        ("I want to die", Suicide),
        ("i wanna die", Suicide),
        ("I don't want to live anymore", Suicide),
        ("I dont want to live any more.", Suicide),
        ("Sometimes I think I should kill myself", Suicide),
        ("I am thinking about suicide", Suicide),
        ("I feel suicidal tonight", Suicide),
        ("I want to end my life", Suicide),
        ("I will jump off the bridge", Suicide),
        ("I wish I was dead", Suicide),
        ("I have nothing to live for", Suicide),
        ("I cut myself again last night", SelfHarm),
        ("I took all my pills", SelfHarm),
        ("My husband hits me", Violence),
        ("he hit me", Violence),
        ("He hit me yesterday and I am scared", Violence),
        ("My boyfriend beats me when he drinks", Violence),
        ("He said he will kill me", Violence),
        ("I was beaten by my partner", Violence),
        ("He kicks my son", Violence),
        ("My husband is abusive", Abuse),
        ("He locks me in the apartment and won't let me go out", Abuse),
    ];
    let mut wrong = Vec::new();
    for (text, want) in table {
        let got = detect(text);
        if got != Some(want) {
            wrong.push(format!("{text:?}: {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn english_wording_not_written_in_the_lists_is_found_too() {
    // Word order, capitals, missing apostrophes and other words around the listed phrase.
    for text in [
        "HONESTLY I JUST WANT TO DIE",
        "im so tired of living like this",
        "my partner threatened me with a knife",
        "last week my husband punched me in the face",
        "Please help, he is hurting me",
        "i do not want to be alive",
        "Life isn't worth living without my kids",
        "i feel like dying every day",
        "my stepfather touched me and I am afraid to go home",
    ] {
        assert_eq!(detect(text).map(CrisisKind::level), Some(Level::Danger), "{text}");
    }
}

#[test]
fn english_warning_signs_are_found_at_the_concern_level() {
    for (text, want) in [
        ("I can't take it anymore", Hopelessness),
        ("There is no way out for me", Hopelessness),
        ("I am a burden to my family", Burden),
        ("Everyone would be better off without me", Burden),
        ("Goodbye everyone. This is my last message.", Farewell),
        ("I bought a rope", Means),
        ("I lost my job and I have no one to talk to", LossIsolation),
    ] {
        assert_eq!(detect(text), Some(want), "{text}");
    }
}

#[test]
fn everyday_english_and_reports_about_others_do_not_alarm() {
    for text in [
        "Hello, I need help with my rent",
        "My husband lost his job last month",
        "I live alone with my cat",
        "Can you hit me up tomorrow?",
        "My back is killing me after work",
        "I'm dying to see my family again",
        "I saw a movie about suicide yesterday",
        "Thank you for everything, we are moving to Osaka next month",
        "I don't want to die, I want to find a job",
        "The sun will shine tomorrow",
        "Please call me in the evening",
        "My daughter goes to school in the east area",
        "I never thought about killing myself",
    ] {
        assert_eq!(detect(text), None, "{text}");
    }
}
