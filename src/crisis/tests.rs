//! Unit tests of the crisis detector: the embedded lists, the list parser and `detect` in each language.

use super::lists::Lists;
use super::*;
use CrisisKind::*;

use crate::text;

fn detect(text: &str) -> Option<CrisisKind> {
    // Built per call on purpose: it also checks that building is cheap enough.
    CrisisDetector::new().detect(text)
}

fn parse(source: &str) -> Result<Lists, lists::ListError> {
    let mut lists = Lists::default();
    lists.parse(source).map(|()| lists)
}

#[test]
fn every_language_has_every_kind_and_an_exclusion() {
    for lang in ["ja", "pt", "vi", "en"] {
        let mut lists = Lists::default();
        for (name, source) in LISTS.iter().filter(|(name, _)| name.starts_with(lang)) {
            lists.parse(source).unwrap_or_else(|e| panic!("{name}.txt: {e}"));
        }
        let labels: Vec<Label> = lists.written.iter().map(|w| w.label).collect();
        for &kind in CrisisKind::ALL {
            assert!(labels.contains(&Label::Risk(kind)), "{lang} lists have no {kind:?} entry");
        }
        assert!(labels.contains(&Label::Not), "{lang} lists have no exclusion");
    }
    let _ = CrisisDetector::default();
}

#[test]
fn malformed_lines_are_reported_with_their_line_number() {
    let bad_kind = parse("# comment\nsuicide\tquero morrer\nsadness\ttriste\n").err().unwrap();
    assert_eq!(bad_kind.line, 3);
    assert!(parse("suicide quero morrer\n").is_err(), "a space is not a tab");
    assert!(parse("suicide\tquero morrer\tloud\n").is_err(), "unknown flag");
    assert!(parse("suicide\t死にたい\tspaced\n").is_err(), "Japanese is always spaced");
    assert!(parse("suicide\t死ぬ\tgodan,verb\n").is_err(), "two word classes");
    assert!(parse("suicide\t[死ぬ] 時\n").is_err(), "brackets without a class");
    assert!(parse("suicide\t死ね\tgodan\n").is_err(), "not a dictionary form");
    assert!(parse("suicide\tquero\twill\n").is_err(), "will without a Japanese class");
    assert!(parse("never\tnunca pensei em\n").is_err(), "a denial without …");
    assert!(parse("# only comments\n\n").is_err());
    assert_eq!(parse("abuse\tabuso # trailing comment\n").unwrap().written.len(), 1);
}

#[test]
fn the_aligned_forms_agree_with_the_crate_normaliser() {
    for s in [
        "Não QUERO mais viver!!",
        "Tôi   muốn chết…",
        "ｼﾆﾀｲ　です",
        "ＤＶを受けています",
        "ti\u{0301}o e\u{0302}\u{0301}",
        "夫に殴られた😢😢 もう無理",
        "½ ㈱ ｶﾞｽ",
    ] {
        let p = prepared::Prepared::new(s);
        assert_eq!(p.folded.iter().collect::<String>(), text::normalize(s), "{s:?}");
        assert_eq!(p.folded.len(), p.exact.len());
    }
    let p = prepared::Prepared::new("Tự TỬ");
    assert_eq!(p.exact.iter().collect::<String>(), "tự tử");
}

#[test]
fn one_phrase_per_kind_is_found_in_each_language() {
    assert_eq!(detect("もう死にたい"), Some(Suicide));
    assert_eq!(detect("リスカがやめられない"), Some(SelfHarm));
    assert_eq!(detect("夫に殴られた"), Some(Violence));
    assert_eq!(detect("子どもへの虐待が心配です"), Some(Abuse));
    assert_eq!(detect("Eu quero morrer"), Some(Suicide));
    assert_eq!(detect("Às vezes eu me corto"), Some(SelfHarm));
    assert_eq!(detect("Meu marido me bate"), Some(Violence));
    assert_eq!(detect("Sofro violência doméstica"), Some(Abuse));
    assert_eq!(detect("Tôi muốn chết"), Some(Suicide));
    assert_eq!(detect("Tôi hay rạch tay"), Some(SelfHarm));
    assert_eq!(detect("Chồng tôi đánh tôi"), Some(Violence));
    assert_eq!(detect("Tôi bị bạo hành"), Some(Abuse));
}

#[test]
fn ordinary_requests_do_not_alarm() {
    for s in ["家賃が払えません", "Perdi meu emprego", "Tôi không có chỗ ở", "", "   ", "🙏"] {
        assert_eq!(detect(s), None, "{s:?}");
    }
}

#[test]
fn idioms_listed_as_exclusions_do_not_alarm() {
    for s in [
        "このラーメン死ぬほどおいしい",
        "昨日は死ぬほど笑った",
        "仕事に忙殺されています",
        "Estou morrendo de rir",
        "Vamos matar a saudade",
        "Ele matou aula ontem", // not a listed form at all
        "Só pra matar o tempo",
        "Vão me cortar a luz amanhã",
        "chết cười với con tôi",
        "Đi dạo để giết thời gian",
        "Tôi sẽ trả nợ từ từ",
        "Tôi muốn từ từ tìm việc",
        "Điện thoại còn bảo hành không?",
    ] {
        assert_eq!(detect(s), None, "{s:?}");
    }
}

#[test]
fn a_longer_risk_phrase_beats_a_shorter_exclusion_inside_it() {
    assert_eq!(detect("死ぬほど疲れた"), None);
    assert_eq!(detect("死ぬほどつらい"), Some(Suicide));
    assert_eq!(detect("死ぬほど疲れた。もう死にたい"), Some(Suicide));
}

#[test]
fn the_longest_phrase_decides_the_kind_and_then_severity() {
    assert_eq!(detect("ele vai me matar"), Some(Violence));
    assert_eq!(detect("vou me matar"), Some(Suicide));
    assert_eq!(detect("夫に死ねと言われた"), Some(Abuse));
    assert_eq!(detect("夫に殴られて、もう死にたい"), Some(Suicide));
    assert_eq!(detect("bị bạo lực gia đình"), Some(Abuse));
    assert_eq!(detect("chồng đánh tôi, bạo lực gia đình"), Some(Violence));
}

#[test]
fn spaced_out_letters_and_japanese_spacing_are_caught() {
    assert_eq!(detect("quero  m e  m a t a r"), Some(Suicide));
    assert_eq!(detect("s u i c i d i o"), Some(Suicide));
    assert_eq!(detect("toi m u o n c h e t"), Some(Suicide));
    assert_eq!(detect("死に たい"), Some(Suicide));
    assert_eq!(detect("し に た い"), Some(Suicide));
    assert_eq!(detect("わたしは しにたいです"), Some(Suicide));
}

#[test]
fn whole_words_only_for_latin_phrases() {
    assert_eq!(detect("vou matar"), Some(Violence));
    assert_eq!(detect("Matarazzo é o sobrenome dele"), None);
    assert_eq!(detect("sou de Matara"), None);
}

#[test]
fn vietnamese_and_portuguese_without_diacritics() {
    assert_eq!(detect("toi muon chet"), Some(Suicide));
    assert_eq!(detect("toi dinh tu tu"), Some(Suicide));
    assert_eq!(detect("toi hay tu lam hai ban than"), Some(SelfHarm));
    assert_eq!(detect("chong toi danh toi"), Some(Violence));
    assert_eq!(detect("toi bi bao luc gia dinh"), Some(Abuse));
    assert_eq!(detect("nao quero mais viver"), Some(Suicide));
    assert_eq!(detect("ele ameacou me matar"), Some(Violence));
    assert_eq!(detect("violencia domestica"), Some(Abuse));
    assert_eq!(detect("suicidio"), Some(Suicide));
}

#[test]
fn diacritics_tell_vietnamese_suicide_from_slowly() {
    assert_eq!(detect("Tôi muốn tự tử"), Some(Suicide));
    assert_eq!(detect("tự tử"), Some(Suicide));
    assert_eq!(detect("từ từ"), None);
    assert_eq!(detect("Tôi làm từ hai tháng"), None);
    assert_eq!(detect("Tôi hay tự hại"), Some(SelfHarm));
    // Without diacritics "tu tu" is read as suicide, except in everyday uses of "slowly"...
    assert_eq!(detect("tu tu"), Some(Suicide));
    assert_eq!(detect("toi se tra tu tu"), None);
    // ...which never silence it when the diacritics say it is suicide.
    assert_eq!(detect("tôi muốn tự tử thôi"), Some(Suicide));
    assert_eq!(detect("từ từ thôi"), None);
}

#[test]
fn full_width_half_width_and_kana_variants_of_japanese() {
    for s in ["ｼﾆﾀｲ", "シニタイ", "しにたい", "死にたぃ", "しにたーい", "死にたい！！", "ＤＶを受けています"]
    {
        assert!(detect(s).is_some(), "{s:?}");
    }
    assert_eq!(detect("ﾘｽｶしちゃった"), Some(SelfHarm));
    assert_eq!(detect("ＯＤしました"), Some(SelfHarm));
}

#[test]
fn japanese_hiragana_look_alikes_do_not_alarm() {
    assert_eq!(detect("わたしにたいして ひどいです"), None);
    assert_eq!(detect("わたしに たくさん てがみが きます"), None);
    assert_eq!(detect("しえんを うけられません"), None);
    assert_eq!(detect("こどもの ころ すんでいた ところ"), None);
}

#[test]
fn kinds_round_trip_their_codes_and_danger_outranks_concern() {
    for &k in CrisisKind::ALL {
        assert_eq!(CrisisKind::from_code(k.code()), Some(k));
        assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.code()));
        for &other in CrisisKind::ALL {
            if k.level() > other.level() {
                assert!(k.severity() > other.severity(), "{k:?} over {other:?}");
            }
        }
    }
}

#[test]
fn the_fast_fold_agrees_with_full_normalisation_for_every_character_it_handles() {
    let ranges = [0u32..0x80, 0x00C0..0x0250, 0x1E00..0x1F00, 0x3040..0x3100, 0x30A0..0x3100, 0x4E00..0xA000];
    let mut handled = 0;
    for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
        let Some((fast, fast_exact)) = prepared::fast_fold(c) else { continue };
        handled += 1;
        let full = prepared::Prepared::build(&c.to_string(), false);
        let slow: Vec<char> = full.folded.clone();
        if fast == ' ' {
            assert!(slow.is_empty(), "{c:?} (U+{:04X}): fast gap, full {slow:?}", c as u32);
        } else {
            assert_eq!(slow, [fast], "{c:?} (U+{:04X})", c as u32);
            assert_eq!(full.exact, [fast_exact], "{c:?} (U+{:04X})", c as u32);
        }
    }
    assert!(handled > 20_000, "the fast path handles the common scripts ({handled})");
}

#[test]
fn a_denial_next_to_the_wording_takes_it_back_but_not_across_a_sentence_or_a_comma() {
    assert_eq!(detect("死にたいと思ったことはないです"), None);
    assert_eq!(detect("しにたいと おもった ことは ありません"), None);
    assert_eq!(detect("暴力はありません、ただ口喧嘩が多い"), None);
    assert_eq!(detect("nunca pensei em me matar, só preciso de emprego"), None);
    assert_eq!(detect("não quero morrer, quero ajuda com o aluguel"), None);
    assert_eq!(detect("em không muốn chết đâu, chỉ mệt thôi"), None);
    // Negated wanting to live is risk, and a denial taken back is no denial.
    assert_eq!(detect("não quero mais viver"), Some(Suicide));
    assert_eq!(detect("tôi không muốn sống nữa"), Some(Suicide));
    assert_eq!(detect("死にたいと思ったことはないなんて嘘"), Some(Suicide));
    assert_eq!(detect("Não. Quero morrer"), Some(Suicide));
    assert_eq!(detect("Não, quero morrer"), Some(Suicide));
}

#[test]
fn a_report_about_others_hides_only_wording_that_is_not_the_writers_own() {
    assert_eq!(detect("ニュースで自殺の報道を見ました"), None);
    assert_eq!(detect("o filme fala de suicídio"), None);
    assert_eq!(detect("trên tin tức có người tự tử ở ga"), None);
    assert_eq!(detect("ニュースを見て死にたくなった"), Some(Suicide));
    assert_eq!(detect("vi um filme e quero morrer"), Some(Suicide));
    // Another sentence is not part of the report.
    assert_eq!(detect("ニュースを見た。自殺します"), Some(Suicide));
}

#[test]
fn loss_with_isolation_needs_both_halves_in_one_message() {
    assert_eq!(detect("母が亡くなって、もう誰もいない"), Some(LossIsolation));
    assert_eq!(detect("minha mãe morreu e não tenho mais ninguém"), Some(LossIsolation));
    assert_eq!(detect("chồng mất, em một mình ở Nhật không có ai"), Some(LossIsolation));
    assert_eq!(detect("母が亡くなりました。年金の手続きを知りたい"), None);
    assert_eq!(detect("meu pai morreu, como faço o pedido de pensão?"), None);
    assert_eq!(detect("ひとりぼっちです"), None);
}

#[test]
fn indirect_warning_signs_are_found_at_the_concern_level() {
    for (text, kind) in [
        ("薬をためている", Means),
        ("comprei uma corda", Means),
        ("今までありがとう", Farewell),
        ("adeus a todos", Farewell),
        ("もう何もかも終わりにしたい", Hopelessness),
        ("não vejo saída", Hopelessness),
        ("không còn lối thoát", Hopelessness),
        ("迷惑をかけるだけ", Burden),
        ("sou um peso", Burden),
        ("tôi chỉ là gánh nặng", Burden),
    ] {
        assert_eq!(detect(text), Some(kind), "{text}");
        assert_eq!(kind.level(), Level::Concern);
    }
}

#[test]
fn find_names_the_entry_and_the_sentence_in_the_original_text() {
    let detector = CrisisDetector::new();
    let text = "家賃が払えません。 今夜、首をつろうと思う！ よろしく";
    let finding = detector.find(text).expect("found");
    assert_eq!(finding.kind, Suicide);
    assert_eq!(&text[finding.sentence.clone()], "今夜、首をつろうと思う！");
    assert_eq!(
        finding.entry,
        "suicide 首/くび/クビ (を) 吊る/つる/くくる/括る (godan verb, wanting or meaning to): 首をつろう"
    );
    let text = "Oi!! Ｅｌｅ vai me mata\u{0301}r. Socorro";
    let finding = detector.find(text).expect("found");
    assert_eq!((finding.kind, &text[finding.sentence]), (Violence, "Ｅｌｅ vai me mata\u{0301}r."));
    assert_eq!(detector.find("Tudo bem, obrigado"), None);
}

#[test]
fn romaji_is_read_as_japanese_but_other_latin_words_are_not() {
    assert_eq!(detect("mou shinitai desu"), Some(Suicide));
    assert_eq!(detect("shinu tsumori"), Some(Suicide));
    assert_eq!(detect("quero sushi hoje"), None);
    assert_eq!(detect("toi muon an sushi"), None);
}

#[test]
fn an_everyday_reason_explains_a_goodbye_but_never_a_danger_sign() {
    assert_eq!(detect("今までありがとうございました。来月引っ越します"), None);
    assert_eq!(detect("cảm ơn mọi người, tạm biệt, hẹn gặp lại tuần sau"), None);
    assert_eq!(detect("今までありがとう"), Some(Farewell));
    assert_eq!(detect("引っ越します。今までありがとう。もう死にたい"), Some(Suicide));
    assert!(parse("explains:suicide\t引っ越\n").is_err());
    assert!(parse("explains:farewell\t引っ越\n").is_ok());
}

#[test]
fn combining_marks_and_half_width_voicing_marks_stay_with_their_letter() {
    for s in ["ti\u{0301}o e\u{0302}\u{0301}", "ｶﾞｽ ﾊﾟﾝ", "か\u{3099}す", "Tư\u{0323} tư\u{0309}"] {
        let fast = prepared::Prepared::new(s);
        assert_eq!(fast.folded.iter().collect::<String>(), text::normalize(s), "{s:?}");
        assert_eq!(fast.exact, prepared::Prepared::build(s, false).exact, "{s:?}");
    }
}
