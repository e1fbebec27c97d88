use super::*;

fn ivy() -> Sentinels {
    Sentinels {
        names: vec![
            "Ivy".into(),
            "Walker".into(),
            "Amir".into(),
            "Hussain".into(),
        ],
        address: vec!["Hebble".into(), "HX1".into(), "2AB".into()],
    }
}

fn kinds(text: &str) -> Vec<(FindingKind, String)> {
    check(text, &ivy())
        .into_iter()
        .map(|f| (f.kind, f.text))
        .collect()
}

#[test]
fn sentinels_typed_in_free_text_are_caught() {
    use FindingKind as K;
    let text = "ivy told me on 14/02/2026 that her NHS number 943 476 5919 was wrong. \
                She lives at 12 Hebble Lane, hx1 2ab, and her mobile is 07700 900123. \
                Dr Hussain referred her on 3rd March; by March 2026 she was walking.";
    let found = kinds(text);
    let want = vec![
        (K::Name, "ivy".to_string()),
        (K::Date, "14/02/2026".into()),
        (K::NhsNumber, "943 476 5919".into()),
        (K::Address, "Hebble".into()),
        (K::Postcode, "hx1 2ab".into()),
        (K::PhoneNumber, "07700 900123".into()),
        (K::Name, "Hussain".into()),
        (K::Date, "3rd March".into()),
        (K::Date, "March 2026".into()),
    ];
    for w in &want {
        assert!(found.contains(w), "{w:?} not found in {found:?}");
    }
    assert!(
        found
            .iter()
            .all(|(k, _)| k.blocking() || *k == K::PossibleName),
        "{found:?}"
    );
}

#[test]
fn more_sentinels_and_what_is_left_alone() {
    use FindingKind as K;
    assert_eq!(
        kinds("Seen 2026-11-03 and again"),
        vec![(K::Date, "2026-11-03".into())]
    );
    assert_eq!(
        kinds("NHS number 9434765919."),
        vec![(K::NhsNumber, "9434765919".into())]
    );
    assert_eq!(
        kinds("Postcode HX12AB here"),
        vec![(K::Postcode, "HX12AB".into())]
    );
    assert_eq!(
        kinds("on 14 February she"),
        vec![(K::Date, "14 February".into())]
    );
    assert_eq!(kinds("WALKER came"), vec![(K::Name, "WALKER".into())]);
    // Not identifiers: weeks, scores, small numbers, the start of a sentence, ONS4 and PAM.
    assert_eq!(
        kinds("In week 3 she scored 7 on ONS4. Her PAM level rose to 3. She may join."),
        vec![]
    );
    // A capitalised word mid-sentence is a warning, not a block; so is a year.
    let found = check("She joined the Calder choir in 1998.", &ivy());
    let w: Vec<_> = found.iter().map(|f| (f.kind, f.blocking)).collect();
    assert_eq!(w, vec![(K::PossibleName, false), (K::Number, false)]);
}

#[test]
fn strip_removes_every_blocking_finding_and_leaves_a_clean_text() {
    let text = "Ivy Walker (943 476 5919), seen 14/02/2026 at HX1 2AB, met the Calder choir.";
    let out = strip(text, &ivy());
    assert_eq!(
        out,
        "[name removed] [name removed] ([NHS number removed]), seen [date removed] at [postcode removed], met the Calder choir."
    );
    assert!(
        check(&out, &ivy()).iter().all(|f| !f.blocking),
        "{:?}",
        check(&out, &ivy())
    );
}

#[test]
fn non_ascii_text_never_panics() {
    let s = ivy();
    for t in ["Zoë Brontë’s café 12ª", "ñth Marzo", "é1 2ÀB", "…", "Ivy’s"] {
        let _ = check(t, &s);
        let _ = strip(t, &s);
    }
}

#[test]
fn weeks_count_from_the_referral() {
    let d = |n| NaiveDate::from_ymd_opt(2026, 10, 1).unwrap() + chrono::Duration::days(n);
    assert_eq!(week_of(d(0), d(0)), 1);
    assert_eq!(week_of(d(0), d(6)), 1);
    assert_eq!(week_of(d(0), d(7)), 2);
    assert_eq!(week_of(d(5), d(0)), 1);
}
