//! The to-code list: what is left, corrections when an entered line changes, lines the referrer
//! codes, and the "accepted?" question.

use super::*;

#[test]
fn the_checklist_lists_what_is_left_and_what_must_be_corrected() {
    let mut e = episode("e1");
    e.accepted_on = Some(d(2));
    e.contacts = vec![
        contact("c1", 3, ContactType::Phone, ContactOutcome::TookPlace),
        contact("c2", 4, ContactType::Phone, ContactOutcome::TookPlace),
    ];
    let r = record(ConsentToShare::No, e.clone());
    let all = checklist(std::slice::from_ref(&r), &[], &CodeMaps::single(map()));
    assert_eq!(all.pending, 3);
    let mark = |key: &str| EnteredMark {
        key: key.into(),
        person_id: "p1".to_string().into(),
        episode_id: "e1".to_string().into(),
        on: d(4),
        concept_id: Some("1362931000000106".into()),
        term: "Seen by social prescribing link worker".into(),
        value: None,
        value_known: true,
        entered_at: "2026-03-05T10:00:00Z".into(),
        corrected_at: None,
    };
    let marks = vec![mark("contact:c2:held")];
    let left = checklist(std::slice::from_ref(&r), &marks, &CodeMaps::single(map()));
    assert_eq!(left.pending, 2);
    assert!(left.to_correct.is_empty());
    // c2 entered in error after it was keyed in: a correction, until marked done.
    e.contacts[1].entered_in_error = Some(EnteredInError {
        on: d(6),
        reason: "Wrong person".into(),
    });
    let r = record(ConsentToShare::No, e);
    let fix = checklist(std::slice::from_ref(&r), &marks, &CodeMaps::single(map()));
    assert_eq!(fix.to_correct.len(), 1);
    assert_eq!(
        fix.to_correct[0].nhs_number.as_deref(),
        Some("943 476 5919")
    );
    assert!(fix.to_correct[0].why.contains("entered in error"));
    let mut done = marks.clone();
    done[0].corrected_at = Some("2026-03-07T09:00:00Z".into());
    assert!(checklist(&[r], &done, &CodeMaps::single(map()))
        .to_correct
        .is_empty());
}

/// A mark made from a line as it is now (what "Mark entered" stores).
fn mark_of(l: &CodedLine) -> EnteredMark {
    EnteredMark {
        key: l.key.clone(),
        person_id: "p1".to_string().into(),
        episode_id: l.episode_id.clone(),
        on: l.on,
        concept_id: l.concept_id.clone(),
        term: l.term.clone(),
        value: l.value.clone(),
        value_known: true,
        entered_at: "2026-03-20T10:00:00Z".into(),
        corrected_at: None,
    }
}

fn marked_all(r: &PersonRecord, map: &CodeMap) -> Vec<EnteredMark> {
    r.episodes
        .iter()
        .flat_map(|e| episode_lines(e, map))
        .filter(|l| l.concept_id.is_some())
        .map(|l| mark_of(&l))
        .collect()
}

/// The review's measured case: the first contact marked entered in error moves the entered
/// "accepted" line to the next contact. The GP record holds the old date: a correction, old → new.
#[test]
fn a_line_whose_date_changed_after_entry_comes_back_as_a_correction() {
    let mut e = episode("e1");
    e.accepted_on = Some(d(17));
    e.contacts = vec![
        contact("c1", 17, ContactType::Phone, ContactOutcome::TookPlace),
        contact("c2", 25, ContactType::Phone, ContactOutcome::TookPlace),
    ];
    let r = record(ConsentToShare::No, e.clone());
    let marks = marked_all(&r, &map());
    assert_eq!(
        checklist(std::slice::from_ref(&r), &marks, &CodeMaps::single(map())).to_correct,
        []
    );
    e.contacts[0].entered_in_error = Some(EnteredInError {
        on: d(26),
        reason: "Wrong person".into(),
    });
    let r = record(ConsentToShare::No, e);
    let list = checklist(std::slice::from_ref(&r), &marks, &CodeMaps::single(map()));
    assert_eq!(
        list.pending, 0,
        "a changed line is a correction, not a new line"
    );
    let mut keys: Vec<_> = list
        .to_correct
        .iter()
        .map(|c| c.mark.key.as_str())
        .collect();
    keys.sort();
    assert_eq!(keys, ["contact:c1:held", "episode:e1:accepted"]);
    let of = |k: &str| list.to_correct.iter().find(|c| c.mark.key == k).unwrap();
    let accepted = of("episode:e1:accepted");
    assert!(
        accepted.why.contains("date 17/03/2026 \u{2192} 25/03/2026"),
        "{}",
        accepted.why
    );
    assert_eq!(accepted.now.as_ref().unwrap().on, d(25));
    assert_eq!(of("contact:c1:held").now, None, "the seen line is gone");
}

#[test]
fn a_changed_code_or_value_comes_back_and_a_lost_code_says_remove_it() {
    // The asset's service type changed after the line was entered: a different concept.
    let mut e = episode("e1");
    e.onward = vec![onward(
        "o1",
        OnwardKind::Referral,
        NeedCategory::Heritage,
        Some(ServiceType::Counselling),
    )];
    let r = record(ConsentToShare::No, e.clone());
    let marks = marked_all(&r, &map());
    e.onward[0].service_type = Some(ServiceType::Bereavement);
    let r2 = record(ConsentToShare::No, e.clone());
    let c = &checklist(std::slice::from_ref(&r2), &marks, &CodeMaps::single(map())).to_correct[0];
    assert!(
        c.why.contains("code 306225008 \u{2192} 306249006"),
        "{}",
        c.why
    );
    assert_eq!(
        c.now.as_ref().unwrap().concept_id.as_deref(),
        Some("306249006")
    );
    // The service type cleared: heritage has no code, so the entered code must go.
    e.onward[0].service_type = None;
    let r3 = record(ConsentToShare::No, e);
    let c = &checklist(std::slice::from_ref(&r3), &marks, &CodeMaps::single(map())).to_correct[0];
    assert!(c.why.contains("remove the code"), "{}", c.why);
    assert_eq!(c.now, None);

    // A value (the practice's own ONS4 code) changed after entry.
    let local = CodeMap::new(vec![MapEntry {
        code_use: CodeUse::Ons4Anxiety,
        concept_id: "138875005".into(),
        term: "Practice: anxiety".into(),
        rule: String::new(),
        source: "Added by the practice".into(),
        local: true,
        practice_id: None,
    }]);
    let mut e = episode("e1");
    e.outcomes.ons4 = vec![ons4("r1", 5, [Some(6), Some(3), Some(4), Some(8)])];
    let r = record(ConsentToShare::No, e.clone());
    let mut marks = marked_all(&r, &local);
    e.outcomes.ons4 = vec![ons4("r1", 5, [Some(6), Some(3), Some(4), Some(2)])];
    let r = record(ConsentToShare::No, e);
    let c = &checklist(
        std::slice::from_ref(&r),
        &marks,
        &CodeMaps::single(local.clone()),
    )
    .to_correct;
    assert_eq!(c.len(), 1);
    assert!(c[0].why.contains("value 8 \u{2192} 2"), "{}", c[0].why);
    // A mark from before values were kept cannot tell.
    marks[0].value_known = false;
    marks[0].value = None;
    assert!(checklist(
        std::slice::from_ref(&r),
        &marks,
        &CodeMaps::single(local.clone())
    )
    .to_correct
    .is_empty());
}

#[test]
fn the_practices_own_code_for_the_same_event_is_no_correction() {
    let mut e = episode("e1");
    e.contacts = vec![contact(
        "c1",
        3,
        ContactType::Phone,
        ContactOutcome::TookPlace,
    )];
    let r = record(ConsentToShare::No, e);
    let marks = marked_all(&r, &map());
    let local = CodeMap::new(vec![MapEntry {
        code_use: CodeUse::ContactHeld,
        concept_id: "138875005".into(),
        term: "Practice template: seen".into(),
        rule: String::new(),
        source: "Added by the practice".into(),
        local: true,
        practice_id: None,
    }]);
    let list = checklist(
        std::slice::from_ref(&r),
        &marks,
        &CodeMaps::single(local.clone()),
    );
    assert!(list.to_correct.is_empty() && list.pending == 0);
}

#[test]
fn events_the_referrer_codes_are_shown_but_never_on_the_to_code_list() {
    let mut e = episode("e1");
    e.offered_on = Some(d(2));
    e.accepted_on = Some(d(2));
    e.contacts = vec![contact(
        "c1",
        3,
        ContactType::Phone,
        ContactOutcome::TookPlace,
    )];
    let r = record(ConsentToShare::Yes, e);
    let map = map().with_referrer_codes(&[
        CodeUse::EpisodeOffered,
        CodeUse::EpisodeAccepted,
        // Not a referrer's event: ignored.
        CodeUse::ContactHeld,
    ]);
    assert_eq!(
        map.by_referrer,
        [CodeUse::EpisodeOffered, CodeUse::EpisodeAccepted]
    );
    let list = checklist(
        std::slice::from_ref(&r),
        &[],
        &CodeMaps::single(map.clone()),
    );
    let keys: Vec<_> = list.people[0]
        .lines
        .iter()
        .map(|l| l.key.as_str())
        .collect();
    assert_eq!(keys, ["contact:c1:held"]);
    let s = summary(&r, &r.episodes[0], &map, SummaryMode::Full);
    let by_referrer: Vec<_> = s
        .lines
        .iter()
        .filter(|l| l.by_referrer)
        .map(|l| l.code_use)
        .collect();
    assert_eq!(
        by_referrer,
        [
            Some(CodeUse::EpisodeAccepted),
            Some(CodeUse::EpisodeOffered)
        ],
        "shown in the summary"
    );
    assert!(
        !s.text.contains("871731000000106") && !s.text.contains("871691000000100"),
        "not pasted"
    );
    let l = letter(
        &r,
        &r.episodes[0],
        &map,
        LetterTo::Gp,
        SummaryMode::Full,
        d(20),
        None,
    );
    assert!(
        l.body_html.contains("Coded by the referrer"),
        "{}",
        l.body_html
    );
}

/// Seen, with no answer to the offer: the accepted code has no date, so the link worker is asked
/// and the to-code list warns.
#[test]
fn a_person_seen_with_no_answer_recorded_is_asked_about_and_listed() {
    use crate::caseload::acceptance_missing;
    let mut e = episode("e1");
    e.contacts = vec![contact(
        "c1",
        5,
        ContactType::Phone,
        ContactOutcome::DidNotAttend,
    )];
    assert!(!acceptance_missing(&e), "not seen yet");
    e.contacts.push(contact(
        "c2",
        6,
        ContactType::Letter,
        ContactOutcome::TookPlace,
    ));
    assert!(!acceptance_missing(&e), "a letter is not seeing the person");
    e.contacts.push(contact(
        "c3",
        7,
        ContactType::Phone,
        ContactOutcome::TookPlace,
    ));
    assert!(acceptance_missing(&e));
    e.acceptance_missing = acceptance_missing(&e);
    let r = record(ConsentToShare::No, e.clone());
    let list = checklist(std::slice::from_ref(&r), &[], &CodeMaps::single(map()));
    assert_eq!(list.no_acceptance.len(), 1);
    assert_eq!(list.no_acceptance[0].first_seen, d(7));
    assert!(
        episode_lines(&e, &map())
            .iter()
            .all(|l| l.code_use != Some(CodeUse::EpisodeAccepted)),
        "no accepted line without the date"
    );
    for (accepted, declined) in [(Some(d(7)), None), (None, Some(d(7)))] {
        e.accepted_on = accepted;
        e.declined_on = declined;
        assert!(!acceptance_missing(&e));
    }
}
