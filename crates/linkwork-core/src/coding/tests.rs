//! One test per coding rule, on hand-built episodes (the store's tests run the same rules on a real
//! vault).

use super::*;
use crate::assets::OnwardView;
use crate::caseload::{ContactView, EnteredInError, EpisodeView, PersonDetails, PersonRecord};
use crate::outcomes::{item_score, Ons4Item, Ons4View, OutcomeRole, PamVersion, PamView};
use crate::vocab::*;
use chrono::NaiveDate;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
}

fn episode(id: &str) -> EpisodeView {
    EpisodeView {
        id: id.to_string().into(),
        status: EpisodeStatus::Active,
        referral_received_on: d(1),
        referral_method: ReferralMethod::Phone,
        referrer_name: None,
        referrer_role: None,
        referrer_organisation: None,
        referrer_ods: None,
        referral_notes: None,
        referral_source: Some(ReferralSource::Gp),
        priority: Priority::Routine,
        referral_reasons: vec![],
        referral_categories: vec![],
        offered_on: None,
        accepted_on: None,
        declined_on: None,
        acceptance_missing: false,
        not_reached: None,
        first_contact_due_on: None,
        days_to_first_contact: None,
        what_matters: Some("Singing again".into()),
        plan_needs: vec![],
        next_review_on: None,
        closed_on: None,
        close_reason: None,
        close_note: None,
        contacts: vec![],
        goals: vec![],
        actions: vec![],
        draft: None,
        outcomes: Default::default(),
        onward: vec![],
    }
}

fn contact(id: &str, day: u32, t: ContactType, outcome: ContactOutcome) -> ContactView {
    ContactView {
        id: id.to_string().into(),
        occurred_at: d(day).and_hms_opt(10, 0, 0).unwrap(),
        contact_type: t,
        duration_minutes: Some(20),
        outcome,
        notes: Some("Talked about the choir".into()),
        entered_in_error: None,
    }
}

fn uses(lines: &[CodedLine]) -> Vec<(Option<CodeUse>, u32)> {
    use chrono::Datelike;
    lines.iter().map(|l| (l.code_use, l.on.day())).collect()
}

fn map() -> CodeMap {
    CodeMap::new(vec![])
}

#[test]
fn offered_accepted_at_the_first_contact_after_accepting_and_each_contact_held() {
    let mut e = episode("e1");
    e.offered_on = Some(d(2));
    e.accepted_on = Some(d(4));
    e.contacts = vec![
        contact("c1", 3, ContactType::Phone, ContactOutcome::TookPlace), // before accepting
        contact("c2", 5, ContactType::Phone, ContactOutcome::DidNotAttend),
        contact("c3", 6, ContactType::HomeVisit, ContactOutcome::TookPlace),
        contact("c4", 7, ContactType::Letter, ContactOutcome::TookPlace), // correspondence
        contact("c5", 8, ContactType::Phone, ContactOutcome::TookPlace),
    ];
    let lines = episode_lines(&e, &map());
    assert_eq!(
        uses(&lines),
        [
            (Some(CodeUse::EpisodeOffered), 2),
            (Some(CodeUse::ContactHeld), 3),
            (Some(CodeUse::EpisodeAccepted), 6),
            (Some(CodeUse::ContactHeld), 6),
            (Some(CodeUse::ContactHeld), 8),
        ]
    );
    let accepted = lines
        .iter()
        .find(|l| l.code_use == Some(CodeUse::EpisodeAccepted))
        .unwrap();
    assert_eq!(accepted.concept_id.as_deref(), Some("871731000000106"));
    assert_eq!(accepted.key, "episode:e1:accepted");
}

#[test]
fn accepted_waits_for_a_contact_that_took_place() {
    let mut e = episode("e1");
    e.accepted_on = Some(d(4));
    e.contacts = vec![
        contact("c1", 5, ContactType::Phone, ContactOutcome::DidNotAttend),
        contact("c2", 6, ContactType::Phone, ContactOutcome::UnableToContact),
    ];
    assert!(episode_lines(&e, &map()).is_empty());
    // A contact that took place but was entered in error does not count either.
    let mut c = contact("c3", 7, ContactType::Phone, ContactOutcome::TookPlace);
    c.entered_in_error = Some(EnteredInError {
        on: d(8),
        reason: "Wrong person".into(),
    });
    e.contacts.push(c);
    assert!(episode_lines(&e, &map()).is_empty());
}

#[test]
fn two_episodes_each_have_their_own_accepted_line() {
    let mut a = episode("e1");
    a.accepted_on = Some(d(2));
    a.contacts = vec![contact(
        "c1",
        3,
        ContactType::Phone,
        ContactOutcome::TookPlace,
    )];
    let mut b = episode("e2");
    b.accepted_on = Some(d(20));
    b.contacts = vec![
        contact("c2", 21, ContactType::Phone, ContactOutcome::TookPlace),
        contact("c3", 22, ContactType::Phone, ContactOutcome::TookPlace),
    ];
    for (e, day) in [(&a, 3), (&b, 21)] {
        let accepted: Vec<_> = episode_lines(e, &map())
            .into_iter()
            .filter(|l| l.code_use == Some(CodeUse::EpisodeAccepted))
            .collect();
        assert_eq!(accepted.len(), 1);
        assert_eq!(uses(&accepted), [(Some(CodeUse::EpisodeAccepted), day)]);
    }
}

#[test]
fn declined_after_being_offered_and_closed() {
    let mut e = episode("e1");
    e.offered_on = Some(d(2));
    e.declined_on = Some(d(3));
    e.status = EpisodeStatus::Closed;
    e.closed_on = Some(d(3));
    let lines = episode_lines(&e, &map());
    assert_eq!(
        uses(&lines),
        [
            (Some(CodeUse::EpisodeOffered), 2),
            (Some(CodeUse::EpisodeDeclined), 3),
            (Some(CodeUse::EpisodeClosed), 3),
        ]
    );
    assert_eq!(lines[1].concept_id.as_deref(), Some("871711000000103"));
    assert_eq!(lines[2].concept_id.as_deref(), Some("1362721000000106"));
}

fn onward(
    id: &str,
    kind: OnwardKind,
    category: NeedCategory,
    service: Option<ServiceType>,
) -> OnwardView {
    OnwardView {
        id: id.to_string().into(),
        episode_id: "e1".to_string().into(),
        asset_id: "a1".to_string().into(),
        asset_name: "Calder Choir".into(),
        service_type: service,
        referred_on: d(9),
        kind,
        category,
        notes: None,
        follow_up_on: None,
        outcome: OnwardOutcome::Pending,
        outcome_on: None,
        barriers: vec![],
        entered_in_error: None,
    }
}

#[test]
fn onward_referrals_take_the_service_type_then_the_category_and_never_guess() {
    let mut e = episode("e1");
    e.onward = vec![
        onward("o1", OnwardKind::Referral, NeedCategory::Finance, None),
        onward(
            "o2",
            OnwardKind::Referral,
            NeedCategory::MentalHealth,
            Some(ServiceType::Bereavement),
        ),
        onward("o3", OnwardKind::Referral, NeedCategory::Heritage, None),
        onward("o4", OnwardKind::Signpost, NeedCategory::Finance, None),
    ];
    let mut gone = onward("o5", OnwardKind::Referral, NeedCategory::Housing, None);
    gone.entered_in_error = Some(EnteredInError {
        on: d(10),
        reason: "Duplicate".into(),
    });
    e.onward.push(gone);
    let lines = episode_lines(&e, &map());
    let by_key = |k: &str| lines.iter().find(|l| l.key == k).cloned();
    assert_eq!(
        by_key("onward:o1").unwrap().concept_id.as_deref(),
        Some("710913009")
    );
    assert_eq!(
        by_key("onward:o2").unwrap().concept_id.as_deref(),
        Some("306249006")
    );
    let heritage = by_key("onward:o3").unwrap();
    assert_eq!(heritage.concept_id, None, "no code fits heritage");
    assert_eq!(heritage.term, "Referred to Calder Choir (Heritage)");
    assert_eq!(
        by_key("onward:o4").unwrap().term,
        "Signposted to Calder Choir (Finance / money and debt)"
    );
    assert_eq!(by_key("onward:o4").unwrap().concept_id, None);
    assert!(
        by_key("onward:o5").is_none(),
        "entered in error makes no line"
    );
}

/// Each referral category yields a code only where the code means the category: the rest are
/// text lines, unless the asset's service type names a code that fits.
#[test]
fn each_category_gives_its_code_or_a_text_line() {
    use NeedCategory as N;
    let expected: &[(N, Option<&str>)] = &[
        (N::Befriending, Some("413125004")),
        (N::Housing, Some("710911006")),
        (N::Finance, Some("710913009")),
        (N::Faith, Some("710909002")),
        (N::Carers, Some("702982008")),
        (N::PhysicalActivity, Some("390893007")),
        (N::Learning, Some("415271004")),
        (N::SocialCare, Some("306238000")),
        // "Referral to mental health team" reads as a statutory team.
        (N::MentalHealth, None),
        // "arts therapy", "vocational rehabilitation", "community meals": narrower than the category.
        (N::ArtsCulture, None),
        (N::Employment, None),
        (N::Food, None),
        (N::AgeRelated, None),
        (N::Healthcare, None),
        (N::GreenNature, None),
        (N::Heritage, None),
        (N::DomesticAbuse, None),
    ];
    assert_eq!(
        expected.len(),
        N::ALL.len(),
        "every category is decided here"
    );
    for (c, code) in expected {
        let mut e = episode("e1");
        e.onward = vec![onward("o1", OnwardKind::Referral, *c, None)];
        let line = episode_lines(&e, &map()).remove(0);
        assert_eq!(line.concept_id.as_deref(), *code, "{c:?}");
        if code.is_none() {
            assert_eq!(
                line.term,
                format!("Referred to Calder Choir ({})", c.label())
            );
        }
    }
    // The asset's service type gives the narrower code where it fits.
    for (s, code) in [
        (ServiceType::MentalHealthTeam, "390866009"),
        (ServiceType::ArtsTherapy, "306154005"),
        (ServiceType::VocationalRehabilitation, "18781004"),
        (ServiceType::CommunityMeals, "713109004"),
    ] {
        let mut e = episode("e1");
        e.onward = vec![onward("o1", OnwardKind::Referral, N::MentalHealth, Some(s))];
        let line = episode_lines(&e, &map()).remove(0);
        assert_eq!(line.concept_id.as_deref(), Some(code), "{s:?}");
    }
}

fn ons4(id: &str, day: u32, v: [Option<u8>; 4]) -> Ons4View {
    Ons4View {
        id: id.to_string().into(),
        recorded_on: d(day),
        contact_id: None,
        role: OutcomeRole::Baseline,
        items: Ons4Item::ALL
            .iter()
            .zip(v)
            .map(|(i, v)| item_score(*i, v))
            .collect(),
    }
}

#[test]
fn ons4_and_pam_are_text_unless_the_practice_added_codes() {
    let mut e = episode("e1");
    e.outcomes.ons4 = vec![ons4("r1", 5, [Some(6), Some(3), None, Some(8)])];
    e.outcomes.pam = vec![PamView {
        id: "p1".to_string().into(),
        recorded_on: d(5),
        contact_id: None,
        role: OutcomeRole::Baseline,
        score: 56.4,
        score_text: "56.4".into(),
        level: 3,
        level_meaning: String::new(),
        version: PamVersion::Pam13,
        level_warning: None,
    }];
    let terms: Vec<_> = episode_lines(&e, &map())
        .into_iter()
        .map(|l| (l.concept_id, l.term))
        .collect();
    assert_eq!(
        terms,
        [
            (None, "ONS4 life satisfaction 6/10 (medium)".to_string()),
            (None, "ONS4 worthwhile 3/10 (low)".to_string()),
            (None, "ONS4 happiness: declined to answer".to_string()),
            (None, "ONS4 anxiety 8/10 (high)".to_string()),
            (None, "PAM score 56.4, level 3 (PAM-13)".to_string()),
        ]
    );
    let local = CodeMap::new(vec![MapEntry {
        code_use: CodeUse::Ons4LifeSatisfaction,
        concept_id: "138875005".into(),
        term: "Practice: life satisfaction".into(),
        rule: String::new(),
        source: "Added by the practice".into(),
        local: true,
    }]);
    let first = episode_lines(&e, &local).remove(0);
    assert_eq!(first.concept_id.as_deref(), Some("138875005"));
    assert_eq!(first.value.as_deref(), Some("6"));
    assert!(first.local);
}

fn record(consent: ConsentToShare, e: EpisodeView) -> PersonRecord {
    PersonRecord {
        person: PersonDetails {
            id: "p1".to_string().into(),
            nhs_number: Some("943 476 5919".into()),
            given_name: "Ivy".into(),
            family_name: "Walker".into(),
            preferred_name: None,
            date_of_birth: None,
            pronouns: None,
            phone: None,
            preferred_contact: None,
            address: None,
            postcode: None,
            gp_practice_name: None,
            gp_practice_ods: None,
            communication_needs: None,
            consent_to_share: consent,
            consent_recorded_on: None,
            notes: None,
            tags: vec![],
            date_of_death: None,
        },
        risk: false,
        concerns: vec![],
        consent_history: vec![],
        episodes: vec![e],
    }
}

#[test]
fn codes_only_without_consent_holds_no_free_text_and_no_line_names_the_person() {
    let mut e = episode("e1");
    e.accepted_on = Some(d(2));
    e.contacts = vec![contact(
        "c1",
        3,
        ContactType::Phone,
        ContactOutcome::TookPlace,
    )];
    e.onward = vec![onward(
        "o3",
        OnwardKind::Referral,
        NeedCategory::Heritage,
        None,
    )];
    for consent in [ConsentToShare::No, ConsentToShare::NotAsked] {
        let r = record(consent, e.clone());
        let s = summary(&r, &r.episodes[0], &map(), SummaryMode::Full);
        assert_eq!(s.mode, SummaryMode::CodesOnly, "full needs consent");
        assert!(s.narrative.is_empty());
        assert!(s.lines.iter().all(|l| l.concept_id.is_some()));
        for banned in [
            "Singing",
            "Calder",
            "choir",
            "Ivy",
            "Walker",
            "943",
            "9434765919",
        ] {
            assert!(!s.text.contains(banned), "{banned} in {}", s.text);
        }
    }
    let r = record(ConsentToShare::Yes, e);
    let full = summary(&r, &r.episodes[0], &map(), SummaryMode::Full);
    assert_eq!(full.mode, SummaryMode::Full);
    assert!(full
        .text
        .contains("What matters to the person: Singing again"));
    assert!(full.text.contains("Referred to Calder Choir (Heritage)"));
    for banned in ["Ivy", "Walker", "943 476 5919", "9434765919"] {
        assert!(!full.text.contains(banned), "{banned} in {}", full.text);
    }
    // Newest first, tab-separated.
    assert!(
        full.text
            .starts_with("09/03/2026\t\tReferred to Calder Choir"),
        "{}",
        full.text
    );
}

#[test]
fn every_code_a_line_can_carry_is_in_the_shipped_map() {
    let shipped: Vec<String> = shipped().into_iter().map(|e| e.concept_id).collect();
    let mut e = episode("e1");
    e.offered_on = Some(d(2));
    e.accepted_on = Some(d(2));
    e.declined_on = None;
    e.status = EpisodeStatus::Closed;
    e.closed_on = Some(d(28));
    e.contacts = ContactType::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| {
            contact(
                &format!("c{i}"),
                3 + i as u32,
                *t,
                ContactOutcome::TookPlace,
            )
        })
        .collect();
    e.onward = NeedCategory::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| onward(&format!("o{i}"), OnwardKind::Referral, *c, None))
        .chain(ServiceType::ALL.iter().enumerate().map(|(i, s)| {
            onward(
                &format!("s{i}"),
                OnwardKind::Referral,
                NeedCategory::Healthcare,
                Some(*s),
            )
        }))
        .collect();
    for l in episode_lines(&e, &map()) {
        if let Some(c) = &l.concept_id {
            assert!(shipped.contains(c), "{c} is not shipped");
            assert_eq!(concept_id_problem(c), None);
        }
    }
}

#[test]
fn the_checklist_lists_what_is_left_and_what_must_be_corrected() {
    let mut e = episode("e1");
    e.accepted_on = Some(d(2));
    e.contacts = vec![
        contact("c1", 3, ContactType::Phone, ContactOutcome::TookPlace),
        contact("c2", 4, ContactType::Phone, ContactOutcome::TookPlace),
    ];
    let r = record(ConsentToShare::No, e.clone());
    let all = checklist(std::slice::from_ref(&r), &[], &map());
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
    let left = checklist(std::slice::from_ref(&r), &marks, &map());
    assert_eq!(left.pending, 2);
    assert!(left.to_correct.is_empty());
    // c2 entered in error after it was keyed in: a correction, until marked done.
    e.contacts[1].entered_in_error = Some(EnteredInError {
        on: d(6),
        reason: "Wrong person".into(),
    });
    let r = record(ConsentToShare::No, e);
    let fix = checklist(std::slice::from_ref(&r), &marks, &map());
    assert_eq!(fix.to_correct.len(), 1);
    assert_eq!(
        fix.to_correct[0].nhs_number.as_deref(),
        Some("943 476 5919")
    );
    assert!(fix.to_correct[0].why.contains("entered in error"));
    let mut done = marks.clone();
    done[0].corrected_at = Some("2026-03-07T09:00:00Z".into());
    assert!(checklist(&[r], &done, &map()).to_correct.is_empty());
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
        checklist(std::slice::from_ref(&r), &marks, &map()).to_correct,
        []
    );
    e.contacts[0].entered_in_error = Some(EnteredInError {
        on: d(26),
        reason: "Wrong person".into(),
    });
    let r = record(ConsentToShare::No, e);
    let list = checklist(std::slice::from_ref(&r), &marks, &map());
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
    let c = &checklist(std::slice::from_ref(&r2), &marks, &map()).to_correct[0];
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
    let c = &checklist(std::slice::from_ref(&r3), &marks, &map()).to_correct[0];
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
    }]);
    let mut e = episode("e1");
    e.outcomes.ons4 = vec![ons4("r1", 5, [Some(6), Some(3), Some(4), Some(8)])];
    let r = record(ConsentToShare::No, e.clone());
    let mut marks = marked_all(&r, &local);
    e.outcomes.ons4 = vec![ons4("r1", 5, [Some(6), Some(3), Some(4), Some(2)])];
    let r = record(ConsentToShare::No, e);
    let c = &checklist(std::slice::from_ref(&r), &marks, &local).to_correct;
    assert_eq!(c.len(), 1);
    assert!(c[0].why.contains("value 8 \u{2192} 2"), "{}", c[0].why);
    // A mark from before values were kept cannot tell.
    marks[0].value_known = false;
    marks[0].value = None;
    assert!(checklist(std::slice::from_ref(&r), &marks, &local)
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
    }]);
    let list = checklist(std::slice::from_ref(&r), &marks, &local);
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
    let list = checklist(std::slice::from_ref(&r), &[], &map);
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
    let list = checklist(std::slice::from_ref(&r), &[], &map());
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

fn full_episode() -> EpisodeView {
    let mut e = episode("e1");
    e.offered_on = Some(d(1));
    e.accepted_on = Some(d(2));
    e.what_matters = Some("Singing <again> & friends".into());
    e.contacts = vec![
        contact("c1", 3, ContactType::Phone, ContactOutcome::TookPlace),
        contact("c2", 4, ContactType::HomeVisit, ContactOutcome::TookPlace),
    ];
    e.onward = vec![
        onward("o1", OnwardKind::Referral, NeedCategory::Finance, None),
        onward("o4", OnwardKind::Signpost, NeedCategory::Heritage, None),
    ];
    e.outcomes.ons4 = vec![ons4("r1", 3, [Some(6), Some(3), None, Some(8)])];
    e
}

#[test]
fn the_letter_escapes_everything_and_keeps_narrative_out_without_consent() {
    let mut r = record(ConsentToShare::Yes, full_episode());
    r.person.given_name = "Ivy <script>".into();
    let full = letter(
        &r,
        &r.episodes[0],
        &map(),
        LetterTo::Gp,
        SummaryMode::Full,
        d(20),
        Some("Sam <Link>"),
    );
    assert!(full.body_html.contains("<p>Sam &lt;Link&gt;</p>"));
    assert_eq!(full.mode, SummaryMode::Full);
    assert!(full.body_html.contains("Ivy &lt;script&gt; Walker"));
    assert!(!full.html.contains("<script"));
    assert!(
        full.body_html.contains("943 476 5919"),
        "NHS number shown 3-3-4"
    );
    assert!(full
        .body_html
        .contains("Singing &lt;again&gt; &amp; friends"));
    assert!(full.body_html.contains("Calder Choir"));
    assert!(full.body_html.contains("871731000000106"));
    assert!(full.html.starts_with("<!doctype html>"));
    assert!(full.html.contains(&full.body_html));
    assert!(!full.file_name.contains("Ivy") && !full.file_name.contains("943"));

    let r = record(ConsentToShare::No, full_episode());
    let codes = letter(
        &r,
        &r.episodes[0],
        &map(),
        LetterTo::Gp,
        SummaryMode::Full,
        d(20),
        None,
    );
    assert_eq!(codes.mode, SummaryMode::CodesOnly);
    for banned in ["Singing", "Calder", "Reason for referral", "Risks"] {
        assert!(
            !codes.body_html.contains(banned),
            "{banned} without consent"
        );
    }
    assert!(codes
        .body_html
        .contains("Consent to share with the GP practice is recorded as"));
    assert!(codes.body_html.contains("1362931000000106"));
}

fn concern(id: &str, raised: u32, closed: Option<u32>, text: &str) -> crate::caseload::ConcernView {
    crate::caseload::ConcernView {
        id: id.to_string().into(),
        raised_on: d(raised),
        raised_by: None,
        concern: text.into(),
        level: Some(RiskLevel::High),
        closed_on: closed.map(d),
        review_on: None,
        review_overdue: false,
        entered_in_error: None,
        entries: vec![],
    }
}

fn consent(purpose: ConsentPurpose, decision: ConsentDecision) -> crate::caseload::ConsentView {
    crate::caseload::ConsentView {
        id: "k1".to_string().into(),
        purpose,
        decision,
        decided_on: d(1),
        recorded_by: None,
    }
}

/// Consent has a purpose: the GP's letter follows consent to share with the GP, the referrer's
/// consent to share with the referrer. The referrer's never holds the risk log; the GP's holds
/// this episode's concerns only.
#[test]
fn each_letter_shares_only_what_its_consent_covers() {
    let mut e = full_episode();
    e.referral_received_on = d(2);
    e.referrer_name = Some("Dr Amir Shah".into());
    let mut r = record(ConsentToShare::Yes, e);
    r.concerns = vec![
        concern("k1", 3, None, "Falls at home"),
        concern("k2", 1, Some(4), "Low mood after the move"),
        // Closed before this referral arrived: another episode's.
        concern("k3", 1, Some(1), "Rent arrears last year"),
    ];
    let gp = letter(
        &r,
        &r.episodes[0],
        &map(),
        LetterTo::Gp,
        SummaryMode::Full,
        d(20),
        None,
    );
    assert!(gp.body_html.contains("message to the GP practice"));
    assert!(
        gp.body_html.contains("Falls at home") && gp.body_html.contains("Low mood after the move")
    );
    assert!(
        !gp.body_html.contains("Rent arrears"),
        "another episode's concern"
    );

    // Consent to share with the GP says nothing about the referrer.
    let notice = letter(
        &r,
        &r.episodes[0],
        &map(),
        LetterTo::Referrer,
        SummaryMode::Full,
        d(20),
        None,
    );
    assert_eq!(
        (notice.mode, notice.full_allowed),
        (SummaryMode::CodesOnly, false)
    );
    assert!(notice
        .body_html
        .contains("To the referrer</dt><dd>Dr Amir Shah"));
    assert!(notice
        .body_html
        .contains("First contacted</dt><dd>03/03/2026"));
    assert!(notice
        .body_html
        .contains("Consent to share with the referrer is recorded as \u{201c}Not asked\u{201d}"));
    for banned in [
        "Singing",
        "Calder",
        "Falls",
        "Risks",
        "871731000000106",
        "ONS4",
    ] {
        assert!(!notice.body_html.contains(banned), "{banned} in the notice");
    }
    assert!(notice
        .file_name
        .starts_with("social-prescribing-referrer-letter-"));

    r.consent_history = vec![consent(
        ConsentPurpose::ShareWithReferrer,
        ConsentDecision::Given,
    )];
    let full = letter(
        &r,
        &r.episodes[0],
        &map(),
        LetterTo::Referrer,
        SummaryMode::Full,
        d(20),
        None,
    );
    assert_eq!(full.mode, SummaryMode::Full);
    assert!(
        full.body_html.contains("Singing &lt;again&gt;") && full.body_html.contains("Calder Choir")
    );
    for banned in ["Falls", "Low mood", "Risks", "871731000000106"] {
        assert!(
            !full.body_html.contains(banned),
            "{banned}: never in the referrer's letter"
        );
    }
    // Withdrawn later: the newest decision counts.
    r.consent_history.insert(
        0,
        consent(ConsentPurpose::ShareWithReferrer, ConsentDecision::NotGiven),
    );
    let again = letter(
        &r,
        &r.episodes[0],
        &map(),
        LetterTo::Referrer,
        SummaryMode::Full,
        d(20),
        None,
    );
    assert!(
        again.body_html.contains("recorded as \u{201c}No\u{201d}"),
        "{}",
        again.body_html
    );
}

#[test]
fn the_fhir_bundle_names_uk_core_profiles_and_follows_the_summary_mode() {
    let now = chrono::DateTime::parse_from_rfc3339("2026-03-20T12:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let r = record(ConsentToShare::Yes, full_episode());
    let b = fhir::bundle(&r, &r.episodes[0], &map(), SummaryMode::Full, now);
    assert_eq!(b["type"], "collection");
    let entries = b["entry"].as_array().unwrap();
    let of = |t: &str| -> Vec<&serde_json::Value> {
        entries
            .iter()
            .map(|e| &e["resource"])
            .filter(|r| r["resourceType"] == t)
            .collect()
    };
    for e in entries {
        let t = e["resource"]["resourceType"].as_str().unwrap();
        assert_eq!(
            e["resource"]["meta"]["profile"][0],
            format!("https://fhir.hl7.org.uk/StructureDefinition/UKCore-{t}")
        );
        assert_eq!(
            e["fullUrl"],
            format!("urn:uuid:{}", e["resource"]["id"].as_str().unwrap())
        );
    }
    let patient = of("Patient")[0];
    assert_eq!(patient["identifier"][0]["system"], fhir::NHS_NUMBER_SYSTEM);
    assert_eq!(patient["identifier"][0]["value"], "9434765919");
    assert_eq!(of("Encounter").len(), 2);
    assert_eq!(of("Encounter")[1]["class"]["code"], "HH");
    // 3 March is GMT; the contact was at 10:00.
    assert_eq!(
        of("Encounter")[0]["period"]["start"],
        "2026-03-03T10:00:00+00:00"
    );
    let codes: Vec<_> = of("Procedure")
        .iter()
        .map(|p| p["code"]["coding"][0]["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["871691000000100", "871731000000106"]);
    let sr = of("ServiceRequest");
    assert_eq!(sr.len(), 2);
    assert_eq!(sr[0]["code"]["coding"][0]["code"], "710913009");
    assert_eq!(sr[1]["intent"], "proposal");
    assert!(sr[1]["code"].get("coding").is_none(), "no invented code");
    let obs = of("Observation");
    assert_eq!(obs.len(), 4);
    assert_eq!(obs[0]["code"]["text"], "ONS4 life satisfaction");
    assert_eq!(obs[0]["valueInteger"], 6);
    assert!(obs[0]["code"].get("coding").is_none());
    assert_eq!(
        obs[2]["dataAbsentReason"]["coding"][0]["code"],
        "asked-declined"
    );

    // Codes only: text lines (ONS4, signposts) are left out.
    let r = record(ConsentToShare::No, full_episode());
    let b = fhir::bundle(&r, &r.episodes[0], &map(), SummaryMode::Full, now);
    let kinds: Vec<_> = b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    assert!(!kinds.contains(&"Observation"));
    assert_eq!(kinds.iter().filter(|k| **k == "ServiceRequest").count(), 1);
    // The same record gives the same ids in every export.
    let again = fhir::bundle(&r, &r.episodes[0], &map(), SummaryMode::Full, now);
    assert_eq!(b, again);
}

#[test]
fn british_summer_time_starts_and_ends_on_the_last_sundays() {
    let t = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    assert_eq!(fhir::uk_offset_hours(t("2026-03-29 00:59")), 0);
    assert_eq!(fhir::uk_offset_hours(t("2026-03-29 02:00")), 1);
    assert_eq!(fhir::uk_offset_hours(t("2026-07-01 12:00")), 1);
    assert_eq!(fhir::uk_offset_hours(t("2026-10-25 01:30")), 1);
    assert_eq!(fhir::uk_offset_hours(t("2026-10-25 02:00")), 0);
    assert_eq!(fhir::uk_offset_hours(t("2026-12-01 09:00")), 0);
}
