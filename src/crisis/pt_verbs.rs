//! Portuguese conjugation for the word lists: the forms of a verb from its infinitive, by
//! paradigm (-ar, -er, -ir, and the few irregular verbs the lists need), grouped by person.
//!
//! Forms are written without accents (the detector folds them away: "matará" is "matara").
//! Brazilian usage: the "tu" and "vós" forms are left out, "a gente" takes the "ele" forms.

/// Whose action the forms describe, as written in a list's flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Person {
    /// Every form.
    All,
    /// The speaker does it (`eu`): "me mato", "me matei", "me matar", "me matando".
    Me,
    /// Someone else does it (`ele`): "me mata", "me matou", "me mate", "vai me matar".
    Others,
}

impl Person {
    pub(super) fn from_flag(flag: &str) -> Option<Self> {
        Some(match flag {
            "verb" => Person::All,
            "verb-eu" => Person::Me,
            "verb-ele" => Person::Others,
            _ => return None,
        })
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Person::All => "verb",
            Person::Me => "verb, I do it",
            Person::Others => "verb, someone else does it",
        }
    }
}

/// Forms of the irregular verbs the lists use: (infinitive, shared, I, others).
const IRREGULAR: [(&str, &str, &str, &str); 8] = [
    ("ir", "ir indo ido", "vou vo fui ia irei iria va for fosse", "vai vao foi foram ia iam ira irao iria va vamos"),
    (
        "querer",
        "querer querendo querido",
        "quero queria quis quiser quisesse quereria",
        "quer querem queria queriam quis quiseram quiser quisesse quereria",
    ),
    (
        "ter",
        "ter tendo tido",
        "tenho tinha tive tiver tivesse terei teria",
        "tem tinha teve tiveram tiver tivesse tera",
    ),
    ("estar", "estar estando", "estou to tava estava estive estiver", "esta ta tava estava esteve estao estavam"),
    ("ser", "ser sendo sido", "sou era fui for fosse serei seria", "e era foi for fosse sera seria sao"),
    ("poder", "poder podendo", "posso podia pude puder pudesse poderei poderia", "pode podia pode puder pudesse podem"),
    (
        "fazer",
        "fazer fazendo feito",
        "faco fazia fiz fizer fizesse farei faria",
        "faz fazia fez fizer fizesse fara faria",
    ),
    ("dar", "dar dando dado", "dou dava dei der desse darei daria", "da dava deu der desse dara daria dao"),
];

/// The endings of the three regular paradigms after the stem: (shared, I, others).
fn endings(class: &str) -> Option<([&'static str; 5], [&'static str; 8], [&'static str; 16])> {
    Some(match class {
        "ar" => (
            ["ar", "ando", "ado", "ada", "amos"],
            ["o", "ei", "ava", "arei", "aria", "asse", "ava", "ar"],
            [
                "a", "ou", "ava", "ara", "aria", "e", "asse", "am", "aram", "avam", "arao", "ariam", "em", "assem",
                "ou", "a",
            ],
        ),
        "er" => (
            ["er", "endo", "ido", "ida", "emos"],
            ["o", "i", "ia", "erei", "eria", "esse", "ia", "er"],
            [
                "e", "eu", "ia", "era", "eria", "a", "esse", "em", "eram", "iam", "erao", "eriam", "am", "essem", "eu",
                "e",
            ],
        ),
        "ir" => (
            ["ir", "indo", "ido", "ida", "imos"],
            ["o", "i", "ia", "irei", "iria", "isse", "ia", "ir"],
            [
                "e", "iu", "ia", "ira", "iria", "a", "isse", "em", "iram", "iam", "irao", "iriam", "am", "issem", "iu",
                "e",
            ],
        ),
        _ => return None,
    })
}

/// The stem with the spelling changes Portuguese makes before the ending: "c" becomes "qu"
/// and "g" "gu" before e or i in -ar verbs (ataquei, enforquei); "c" becomes "ç" and "g" "j"
/// before a or o in -er and -ir verbs (esqueço, protejo); "ç" becomes "c" before e.
fn spell(stem: &str, class: &str, ending: &str) -> String {
    let front = ending.starts_with(['e', 'i']);
    let back = ending.starts_with(['a', 'o']);
    let swap = |from: char, to: &str| match stem.strip_suffix(from) {
        Some(s) => format!("{s}{to}"),
        None => stem.to_owned(),
    };
    match class {
        "ar" if front && stem.ends_with('c') => swap('c', "qu"),
        "ar" if front && stem.ends_with('g') => swap('g', "gu"),
        "ar" if front && stem.ends_with('ç') => swap('ç', "c"),
        "er" | "ir" if back && stem.ends_with('c') => swap('c', "ç"),
        "er" | "ir" if back && stem.ends_with('g') => swap('g', "j"),
        _ => stem.to_owned(),
    }
}

/// Every form of the verb `infinitive` for `person`, without duplicates.
pub(super) fn forms(infinitive: &str, person: Person) -> Result<Vec<String>, String> {
    let inf = infinitive.to_lowercase();
    let mut out: Vec<String> = Vec::new();
    let mut add = |f: String| {
        if !f.is_empty() && !out.contains(&f) {
            out.push(f);
        }
    };
    if let Some((_, shared, me, others)) = IRREGULAR.iter().find(|(i, ..)| *i == inf) {
        let mut groups = vec![*shared];
        if person != Person::Others {
            groups.push(me);
        }
        if person != Person::Me {
            groups.push(others);
        }
        groups.iter().flat_map(|g| g.split(' ')).for_each(|f| add(f.to_owned()));
        return Ok(out);
    }
    let class = inf.get(inf.len().saturating_sub(2)..).unwrap_or("");
    let (shared, me, others) =
        endings(class).ok_or(format!("{infinitive}: not an -ar, -er or -ir verb, nor a known irregular one"))?;
    let stem = &inf[..inf.len() - 2];
    let mut with = |ends: &[&str]| ends.iter().for_each(|e| add(format!("{}{e}", spell(stem, class, e))));
    with(&shared);
    if person != Person::Others {
        with(&me);
    }
    if person != Person::Me {
        with(&others);
    }
    Ok(out)
}
