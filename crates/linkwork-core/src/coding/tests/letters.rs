//! The letters to the GP practice and the referrer, and the FHIR bundle.

use super::*;

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
        live: closed.is_none(),
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
