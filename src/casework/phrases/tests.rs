use super::*;
use crate::line::message::{utf16_len, MAX_TEXT_UTF16};

fn settings() -> PhrasebookSettings {
    let place = Place {
        code: "city_hall".into(),
        name: "市役所 本庁舎1階 生活支援課".into(),
        names: BTreeMap::from([(
            "pt-BR".into(),
            "Prefeitura (市役所), 1º andar, Seção de Apoio à Vida (生活支援課)".into(),
        )]),
        address: "〒000-0000 みなと市中央1-1-1".into(),
        map_url: Some("https://maps.example/city-hall".into()),
    };
    PhrasebookSettings { places: vec![place], ..Default::default() }
}

/// A sample value for every slot a phrase may have.
fn samples() -> BTreeMap<String, String> {
    [
        ("date", "2026-12-10"),
        ("new_date", "2026-12-11"),
        ("time", "14:00"),
        ("new_time", "9:30"),
        ("place", "city_hall"),
        ("document", "residence_card"),
        ("documents", "residence_card, pay_slips, bank_book"),
        ("amount", "100000"),
        ("phone", "0120-000-000"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

#[test]
fn every_phrase_renders_in_every_language_with_its_slots_filled_and_fits_a_line_message() {
    let locales = Locales::load().unwrap();
    let s = settings();
    for phrase in phrases() {
        let filled = FilledPhrase::parse(&phrase.id, &samples(), &s).unwrap();
        for lang in Lang::ALL {
            let text = filled.render(&locales, lang, "261210-0001");
            assert!(
                !text.contains('{') && !text.contains("pb-") && !text.contains("doc-"),
                "{} {lang:?}: {text}",
                phrase.id
            );
            assert!(utf16_len(&text) <= MAX_TEXT_UTF16, "{} {lang:?}", phrase.id);
        }
    }
}

#[test]
fn dates_amounts_documents_and_places_are_written_as_each_language_writes_them() {
    let locales = Locales::load().unwrap();
    let s = settings();
    let come = FilledPhrase::parse("pb-appointment-come", &samples(), &s).unwrap();
    let pt = come.render(&locales, Lang::PT_BR, "261210-0001");
    assert!(pt.contains("quinta-feira, 10/12") && pt.contains("14:00") && pt.contains("261210-0001"), "{pt}");
    assert!(pt.contains("Prefeitura (市役所)"), "a place's name explained in Portuguese: {pt}");
    assert!(pt.ends_with("\n\n〒000-0000 みなと市中央1-1-1\nhttps://maps.example/city-hall"), "{pt}");
    let vi = come.render(&locales, Lang::VI, "261210-0001");
    assert!(
        vi.contains("Thứ Năm, ngày 10/12") && vi.contains("市役所 本庁舎1階 生活支援課"),
        "no Vietnamese name: the sign's: {vi}"
    );
    let ja = come.render(&locales, Lang::JA, "261210-0001");
    assert!(ja.starts_with("12月10日（木）の14:00に、市役所 本庁舎1階 生活支援課に来てください。"), "{ja}");

    let rent = FilledPhrase::parse("pb-housing-rent", &samples(), &s).unwrap();
    assert_eq!(rent.render(&locales, Lang::JA, "n"), "家賃は月100,000円です。");
    assert!(rent.render(&locales, Lang::PT_BR, "n").contains("¥100.000"));
    assert!(rent.render(&locales, Lang::VI, "n").contains("100.000 yên"));

    let list = FilledPhrase::parse("pb-documents-bring-list", &samples(), &s).unwrap();
    assert!(list.render(&locales, Lang::JA, "n").ends_with("在留カード、給与明細、預金通帳"));
    assert!(list.render(&locales, Lang::PT_BR, "n").contains("holerites (給与明細), caderneta do banco"));
}

#[test]
fn a_missing_or_unknown_slot_value_is_refused_in_words_staff_understand() {
    let s = settings();
    let mut entered = samples();
    entered.remove("place");
    assert_eq!(
        FilledPhrase::parse("pb-appointment-come", &entered, &s),
        Err(CaseworkError::Invalid("場所を選んでください"))
    );
    for (slot, bad, why) in [
        ("place", "the_moon", "その場所は設定の一覧にありません"),
        ("date", "12/10", "日付は YYYY-MM-DD の形で入れてください"),
        ("documents", "residence_card, diary", "その書類は一覧にありません"),
    ] {
        let mut entered = samples();
        entered.insert(slot.into(), bad.into());
        let id = if slot == "documents" { "pb-documents-bring-list" } else { "pb-appointment-come" };
        assert_eq!(FilledPhrase::parse(id, &entered, &s), Err(CaseworkError::Invalid(why)), "{slot}");
    }
    let mut entered = samples();
    entered.insert("amount".into(), "¥30,000".into());
    let rent = FilledPhrase::parse("pb-housing-rent", &entered, &s).unwrap();
    assert_eq!(rent.values, vec![("amount".to_owned(), SlotValue::Amount(30_000))]);
    entered.insert("amount".into(), "thirty".into());
    assert!(FilledPhrase::parse("pb-housing-rent", &entered, &s).is_err());
    assert_eq!(FilledPhrase::parse("pb-nonsense", &samples(), &s), Err(CaseworkError::Invalid("文例が見つかりません")));
    // The case number is the service's: a phrase that uses it needs nothing entered for it.
    let number = FilledPhrase::parse("pb-first-number", &BTreeMap::new(), &s).unwrap();
    assert!(number.values.is_empty());
}
