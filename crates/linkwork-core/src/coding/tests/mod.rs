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
        first_contact_overdue: false,
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
        next_due: None,
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
    // What the window copies is the core's paste-ready line: date, code, term, value.
    assert_eq!(
        accepted.paste,
        format!("06/03/2026\t871731000000106\t{}\t", accepted.term)
    );
    assert!(lines.iter().all(|l| l.paste == l.tsv()));
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
        practice_id: None,
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
            age: None,
            pronouns: None,
            phone: None,
            preferred_contact: None,
            address: None,
            postcode: None,
            gp_practice_name: None,
            gp_practice_ods: None,
            practice_id: None,
            communication_needs: None,
            consent_to_share: consent,
            consent_recorded_on: None,
            notes: None,
            tags: vec![],
            date_of_death: None,
            profile: Default::default(),
        },
        risk: false,
        concerns: vec![],
        consent_history: vec![],
        practice_history: vec![],
        carers: vec![],
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

mod checklist;
mod letters;
