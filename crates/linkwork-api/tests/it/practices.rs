//! The GP practices a link worker serves: added, changed and counted through the command list.

use crate::util::*;
use linkwork_api::types::*;
use linkwork_core::{practices::Practice, vocab::GpSystem};

fn form(name: &str, ods: Option<&str>, system: Option<GpSystem>) -> PracticeForm {
    PracticeForm {
        practice_id: None,
        name: name.into(),
        ods_code: ods.map(String::from),
        gp_system: system,
    }
}

#[test]
fn practices_are_added_checked_and_count_the_records_that_name_them() {
    let (_t, s) = unlocked();
    let api = s.api();
    assert_eq!(api.practices(NoArgs {}).unwrap(), []);
    let calder = api
        .save_practice(form(
            "  Calder Valley Surgery ",
            Some("b86 002"),
            Some(GpSystem::EmisWeb),
        ))
        .unwrap();
    assert_eq!(
        (
            calder.name.as_str(),
            calder.ods_code.as_deref(),
            calder.gp_system,
            calder.people
        ),
        (
            "Calder Valley Surgery",
            Some("B86002"),
            GpSystem::EmisWeb,
            0
        )
    );

    // Refused, by field, and nothing written: a malformed or taken code, a taken name, no name,
    // no GP system.
    let field = |f: PracticeForm| api.save_practice(f).unwrap_err().field.unwrap_or_default();
    let sys = Some(GpSystem::SystmOne);
    assert_eq!(field(form("Hebble Brook", Some("B8600"), sys)), "ods_code");
    let taken = api
        .save_practice(form("Hebble Brook", Some("B86002"), sys))
        .unwrap_err();
    assert_eq!(taken.field.as_deref(), Some("ods_code"));
    assert!(
        taken
            .message
            .contains("Calder Valley Surgery already has the ODS code B86002"),
        "{}",
        taken.message
    );
    assert_eq!(field(form(" ", None, sys)), "name");
    assert_eq!(field(form("Hebble Brook", None, None)), "gp_system");
    api.save_practice(form("Hebble Brook", None, sys)).unwrap();
    assert_eq!(field(form("hebble brook", None, sys)), "name");
    // The same name with a code tells them apart.
    api.save_practice(form("Hebble Brook", Some("B86003"), sys))
        .unwrap();
    assert_eq!(api.practices(NoArgs {}).unwrap().len(), 3);

    // Records naming a practice are counted: by code, or by name where they have none.
    let mut by_code = referral(None, "Ann", "Ayre", "1950-01-01", 3);
    by_code.person.gp_practice_ods = Some("b86002".into());
    add(&s, by_code);
    let mut by_name = referral(None, "Bob", "Bell", "1951-02-02", 3);
    by_name.person.gp_practice_name = Some("HEBBLE BROOK".into());
    add(&s, by_name);
    let counts: Vec<(String, Option<String>, u32)> = api
        .practices(NoArgs {})
        .unwrap()
        .into_iter()
        .map(|p: Practice| (p.name, p.ods_code, p.people))
        .collect();
    assert_eq!(
        counts,
        [
            (
                "Calder Valley Surgery".to_string(),
                Some("B86002".to_string()),
                1
            ),
            ("Hebble Brook".to_string(), None, 1),
            ("Hebble Brook".to_string(), Some("B86003".to_string()), 0),
        ]
    );

    // Changed in place, and audited by id.
    let renamed = api
        .save_practice(PracticeForm {
            practice_id: Some(calder.id.clone()),
            ..form(
                "Calder Valley Medical Practice",
                Some("B86002"),
                Some(GpSystem::SystmOne),
            )
        })
        .unwrap();
    assert_eq!(
        (renamed.id.clone(), renamed.gp_system, renamed.people),
        (calder.id.clone(), GpSystem::SystmOne, 1)
    );
    let trail = api.audit_page(AuditPageArgs::default()).unwrap().rows;
    assert!(trail.iter().any(|r| r.record == "GP practice"
        && r.action == "Changed"
        && r.record_id.as_deref() == Some(calder.id.as_str())));
    let gone = PracticeForm {
        practice_id: Some(id_of("no-such-practice")),
        ..form("X", None, sys)
    };
    assert_eq!(
        api.save_practice(gone).unwrap_err().code.as_str(),
        "NOT_FOUND"
    );
}

/// Each person is registered at one practice, changeable with history; their lines are made with
/// that practice's own codes and referrer habits, listed under it, and their letters go to it.
#[test]
fn people_are_registered_coded_and_lettered_by_their_practice() {
    use linkwork_core::coding::{CodeUse, LetterTo, SummaryMode};
    let (_t, s) = unlocked();
    let api = s.api();
    let calder = api
        .save_practice(form(
            "Calder Valley Surgery",
            Some("B86002"),
            Some(GpSystem::EmisWeb),
        ))
        .unwrap();
    let hebble = api
        .save_practice(form(
            "Hebble Brook Practice",
            Some("B86003"),
            Some(GpSystem::SystmOne),
        ))
        .unwrap();
    let mut ann = referral(Some("9434765919"), "Ann", "Ayre", "1950-01-01", 30);
    ann.person.practice_id = Some(calder.id.clone());
    let ann = add(&s, ann);
    let mut bob = referral(None, "Bob", "Bell", "1951-02-02", 30);
    bob.person.practice_id = Some(hebble.id.clone());
    let bob = add(&s, bob);
    for p in [&ann, &bob] {
        j(api.update_offer(OfferForm {
            episode_id: episode_id(&p["episode_id"]),
            offered_on: Some(days_ago(29)),
            accepted_on: Some(days_ago(28)),
            declined_on: None,
        }))
        .unwrap();
        took_place(&s, &p["episode_id"], 20);
    }

    // Calder's own code for the offer, and its referrers code acceptance themselves; Hebble
    // Brook follows what is set for every practice.
    api.set_gp_local_code(LocalCodeArgs {
        practice_id: Some(calder.id.clone()),
        code_use: Some(CodeUse::EpisodeOffered),
        concept_id: "138875005".into(),
        term: "Calder offer".into(),
    })
    .unwrap();
    let calder_map = api
        .set_gp_referrer_codes(ReferrerCodesArgs {
            practice_id: Some(calder.id.clone()),
            code_uses: vec![CodeUse::EpisodeAccepted],
            as_every_practice: false,
        })
        .unwrap();
    assert!(!calder_map.referrer_as_every_practice);
    assert_eq!(
        calder_map.entries[0].source,
        "Added for Calder Valley Surgery"
    );
    let every = api
        .gp_code_map(GpCodeMapArgs { practice_id: None })
        .unwrap();
    assert!(every.entries.iter().all(|e| !e.local));
    assert!(
        api.gp_code_map(GpCodeMapArgs {
            practice_id: Some(hebble.id.clone())
        })
        .unwrap()
        .referrer_as_every_practice
    );

    let list = api.gp_checklist(NoArgs {}).unwrap();
    let row = |name: &str| list.people.iter().find(|p| p.name == name).unwrap();
    let (a, b) = (row("Ann Ayre"), row("Bob Bell"));
    assert_eq!(a.practice_id.as_ref(), Some(&calder.id));
    assert_eq!(b.practice_id.as_ref(), Some(&hebble.id));
    assert_eq!(a.practice.as_deref(), Some("Calder Valley Surgery"));
    let uses = |lines: &[linkwork_core::coding::CodedLine]| {
        lines
            .iter()
            .map(|l| {
                (
                    l.code_use.map(|u| u.slug()),
                    l.concept_id.clone().unwrap_or_default(),
                )
            })
            .collect::<Vec<_>>()
    };
    // Ann's offer carries Calder's code, and her acceptance is left to the referrer.
    assert!(uses(&a.lines).contains(&(Some("episode.offered"), "138875005".into())));
    assert!(!uses(&a.lines)
        .iter()
        .any(|(u, _)| *u == Some("episode.accepted")));
    // Bob's lines are the shipped codes, acceptance included.
    assert!(uses(&b.lines).contains(&(Some("episode.offered"), "871691000000100".into())));
    assert!(uses(&b.lines)
        .iter()
        .any(|(u, _)| *u == Some("episode.accepted")));

    // The letter goes to the practice, under the name Settings gives it now.
    api.save_practice(PracticeForm {
        practice_id: Some(hebble.id.clone()),
        ..form(
            "Hebble Brook Medical Practice",
            Some("B86003"),
            Some(GpSystem::SystmOne),
        )
    })
    .unwrap();
    let letter = api
        .gp_letter(GpLetterArgs {
            episode_id: episode_id(&bob["episode_id"]),
            mode: SummaryMode::CodesOnly,
            to: LetterTo::Gp,
        })
        .unwrap();
    assert!(
        letter.body_html.contains("Hebble Brook Medical Practice"),
        "{}",
        letter.body_html
    );

    // A move to another practice is kept in the history, newest first.
    let rec = api
        .person(PersonArgs {
            person_id: person_id(&bob["person_id"]),
        })
        .unwrap();
    assert_eq!(rec.practice_history.len(), 1);
    let mut moved = PersonForm {
        given_name: Some("Bob".into()),
        family_name: Some("Bell".into()),
        date_of_birth: Some("1951-02-02".into()),
        practice_id: Some(calder.id.clone()),
        ..Default::default()
    };
    let rec = api
        .update_person(UpdatePersonArgs {
            person_id: person_id(&bob["person_id"]),
            person: moved.clone(),
        })
        .unwrap();
    let history: Vec<_> = rec
        .practice_history
        .iter()
        .map(|h| h.name.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        history,
        ["Calder Valley Surgery", "Hebble Brook Medical Practice"]
    );
    assert_eq!(rec.person.practice_id.as_ref(), Some(&calder.id));
    // Saving again with no change adds nothing.
    let again = api
        .update_person(UpdatePersonArgs {
            person_id: person_id(&bob["person_id"]),
            person: moved.clone(),
        })
        .unwrap();
    assert_eq!(again.practice_history.len(), 2);
    // A typed code that is not one is refused by field; a practice that does not exist, by id.
    moved.practice_id = None;
    moved.gp_practice_ods = Some("B8600".into());
    let e = api
        .update_person(UpdatePersonArgs {
            person_id: person_id(&bob["person_id"]),
            person: moved.clone(),
        })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("gp_practice_ods"));
    moved.gp_practice_ods = None;
    moved.practice_id = Some(id_of("no-such-practice"));
    let e = api
        .update_person(UpdatePersonArgs {
            person_id: person_id(&bob["person_id"]),
            person: moved,
        })
        .unwrap_err();
    assert_eq!(e.code.as_str(), "NOT_FOUND");
    let counts: Vec<u32> = api
        .practices(NoArgs {})
        .unwrap()
        .iter()
        .map(|p| p.people)
        .collect();
    assert_eq!(counts, [2, 0]);
}
