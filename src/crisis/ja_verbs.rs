//! Japanese conjugation for the word lists: every form of a verb or i-adjective, from its
//! dictionary form and its class, as the substrings the detector looks for.
//!
//! The classes are those of school grammar (五段・一段・サ変・カ変・形容詞). For `All`, the
//! stems are enough, because phrases match anywhere: 吊ら covers 吊らない and 吊られた, 吊っ
//! covers 吊った and 吊って. For `Will` (wanting or going to do it) whole endings are listed,
//! because the bare stems of verbs such as 死ぬ or 消える are everyday words (死んだ祖母,
//! 電気が消えた).

/// A conjugation class, as written in a list's flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum JaClass {
    /// 五段: 吊る, 死ぬ, 殺す, 殴る, 叩く, 切る.
    Godan,
    /// 一段: 消える, 飛び降りる, 終わらせる.
    Ichidan,
    /// サ変: 自殺する, する.
    Suru,
    /// カ変: 来る.
    Kuru,
    /// 形容詞: 辛い, 苦しい.
    Adjective,
}

impl JaClass {
    pub(super) fn from_flag(flag: &str) -> Option<Self> {
        Some(match flag {
            "godan" => JaClass::Godan,
            "ichidan" => JaClass::Ichidan,
            "suru" => JaClass::Suru,
            "kuru" => JaClass::Kuru,
            "adj" => JaClass::Adjective,
            _ => return None,
        })
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            JaClass::Godan => "godan verb",
            JaClass::Ichidan => "ichidan verb",
            JaClass::Suru => "suru verb",
            JaClass::Kuru => "kuru verb",
            JaClass::Adjective => "i-adjective",
        }
    }
}

/// Which forms an entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mood {
    /// Every form: for phrases whose every use is alarming (首を吊る, 手首を切る).
    All,
    /// Wanting, meaning or deciding to do it: 死にたい, 死のう, 死ぬつもり, 死んでしまいたい.
    Will,
}

/// The five vowel rows of a godan verb's last kana (a, i, u, e, o) and its euphonic stem
/// before た/て (音便), with the voiced ending that follows it (だ for ん and ぐ's い).
fn godan_row(last: char) -> Option<([char; 5], char, bool)> {
    Some(match last {
        'う' => (['わ', 'い', 'う', 'え', 'お'], 'っ', false),
        'く' => (['か', 'き', 'く', 'け', 'こ'], 'い', false),
        'ぐ' => (['が', 'ぎ', 'ぐ', 'げ', 'ご'], 'い', true),
        'す' => (['さ', 'し', 'す', 'せ', 'そ'], 'し', false),
        'つ' => (['た', 'ち', 'つ', 'て', 'と'], 'っ', false),
        'ぬ' => (['な', 'に', 'ぬ', 'ね', 'の'], 'ん', true),
        'ぶ' => (['ば', 'び', 'ぶ', 'べ', 'ぼ'], 'ん', true),
        'む' => (['ま', 'み', 'む', 'め', 'も'], 'ん', true),
        'る' => (['ら', 'り', 'る', 'れ', 'ろ'], 'っ', false),
        _ => return None,
    })
}

/// The stems a form is built on: a (negative, passive), i (continuative), u (plain),
/// e (conditional, potential), o (volitional, without its う) and the te-stem with its voiced flag.
struct Stems {
    a: String,
    i: String,
    u: String,
    e: String,
    o: String,
    te: String,
    voiced: bool,
}

fn stems(lemma: &str, class: JaClass) -> Result<Stems, String> {
    let last = lemma.chars().last().ok_or("empty word")?;
    let base = &lemma[..lemma.len() - last.len_utf8()];
    let join = |s: &str| format!("{base}{s}");
    match class {
        JaClass::Godan => {
            let (row, euphonic, voiced) = godan_row(last).ok_or(format!("{lemma}: a godan verb ends in u-row kana"))?;
            // 行く is the one godan verb in く with a っ euphonic stem (行った, not 行いた).
            let euphonic = if lemma.ends_with("行く") || lemma.ends_with("いく") { 'っ' } else { euphonic };
            let [a, i, u, e, o] = row.map(|k| format!("{base}{k}"));
            Ok(Stems { a, i, u, e, o, te: format!("{base}{euphonic}"), voiced })
        }
        JaClass::Ichidan => {
            if last != 'る' {
                return Err(format!("{lemma}: an ichidan verb ends in る"));
            }
            let s = base.to_owned();
            Ok(Stems {
                a: s.clone(),
                i: s.clone(),
                u: lemma.to_owned(),
                e: join("れ"),
                o: join("よ"),
                te: s,
                voiced: false,
            })
        }
        JaClass::Suru => {
            let noun = lemma.strip_suffix("する").ok_or(format!("{lemma}: a suru verb ends in する"))?;
            let n = |s: &str| format!("{noun}{s}");
            Ok(Stems {
                a: n("さ"),
                i: n("し"),
                u: lemma.to_owned(),
                e: n("すれ"),
                o: n("しよ"),
                te: n("し"),
                voiced: false,
            })
        }
        JaClass::Kuru => {
            let stem = lemma
                .strip_suffix("来る")
                .map(|s| (s, true))
                .or_else(|| lemma.strip_suffix("くる").map(|s| (s, false)));
            let (pre, kanji) = stem.ok_or(format!("{lemma}: a kuru verb ends in 来る or くる"))?;
            let k = |kana: &str| if kanji { format!("{pre}来{}", &kana[3..]) } else { format!("{pre}{kana}") };
            Ok(Stems {
                a: k("こ"),
                i: k("き"),
                u: lemma.to_owned(),
                e: k("くれ"),
                o: k("こよ"),
                te: k("き"),
                voiced: false,
            })
        }
        JaClass::Adjective => {
            if last != 'い' {
                return Err(format!("{lemma}: an i-adjective ends in い"));
            }
            let s = |x: &str| join(x);
            Ok(Stems {
                a: s("く"),
                i: s("そう"),
                u: lemma.to_owned(),
                e: s("けれ"),
                o: s("かろ"),
                te: s("かっ"),
                voiced: false,
            })
        }
    }
}

/// Every form of `lemma` (written in kanji, kana or both) for `mood`, without duplicates.
pub(super) fn forms(lemma: &str, class: JaClass, mood: Mood) -> Result<Vec<String>, String> {
    let s = stems(lemma, class)?;
    let mut out: Vec<String> = Vec::new();
    let mut add = |f: String| {
        if !out.contains(&f) {
            out.push(f);
        }
    };
    if class == JaClass::Adjective {
        // 辛い・辛く・辛かった・辛ければ・辛そう・辛すぎ・辛さ: the will forms make no sense here.
        let base = &lemma[..lemma.len() - 'い'.len_utf8()];
        for f in [lemma.to_owned(), s.a, s.te, s.e, s.i, format!("{base}すぎ"), format!("{base}さ")] {
            add(f);
        }
        return Ok(out);
    }
    let (te, ta) = if s.voiced { ("で", "だ") } else { ("て", "た") };
    match mood {
        Mood::All => {
            for f in [s.a, s.i, s.u, s.e, s.o, s.te] {
                add(f);
            }
        }
        Mood::Will => {
            let want = [
                format!("{}たい", s.i),     // 死にたい・消えたい (never the bare た: 消えた is past)
                format!("{}たく", s.i),     // 死にたくなる
                format!("{}たか", s.i),     // 死にたかった
                format!("{}たす", s.i),     // 死にたすぎる
                format!("{}たみ", s.i),     // 死にたみ (net slang)
                format!("{}てえ", s.i),     // 死にてえ (rough speech)
                format!("{}ます", s.i),     // 死にます
                format!("{}う", s.o),       // 死のう・消えよう
                format!("{}っか", s.o),     // 死のっかな
                format!("{}つもり", s.u),   // 死ぬつもり
                format!("{}しかない", s.u), // 死ぬしかない
                format!("{}ことにし", s.u), // 死ぬことにした
                format!("{}と決め", s.u),   // 死ぬと決めた
                format!("{}ば", s.e),       // 死ねば
                format!("{}たら", s.e),     // 死ねたら
                // 死なせて, 消えさせて (let me die, let me vanish)
                format!("{}{}せて", s.a, if matches!(class, JaClass::Ichidan | JaClass::Kuru) { "さ" } else { "" }),
                format!("{}{te}しまいたい", s.te),
                format!("{}{te}しまお", s.te),
                format!("{}{}ゃいたい", s.te, if s.voiced { "じ" } else { "ち" }),
                format!("{}{}ゃお", s.te, if s.voiced { "じ" } else { "ち" }),
                format!("{}{te}やる", s.te),
                format!("{}{ta}ほうが", s.te),
                format!("{}{ta}方が", s.te),
                format!("{}{ta}ら楽", s.te),
            ];
            for f in want {
                add(f);
            }
        }
    }
    Ok(out)
}
