//! Carers: who cares for whom on both people's pages, a carer named only referred in their own
//! right, carers supported counted by the report, and a link erased with the person.

use crate::report::{suppression, value};
use crate::util::*;
use linkwork_api::types::*;
use linkwork_core::carers::CarerRole;

fn link(
    person: &serde_json::Value,
    role: CarerRole,
    other: Option<&serde_json::Value>,
    name: &str,
    rel: &str,
) -> CarerLinkForm {
    CarerLinkForm {
        person_id: person_id(person),
        role: Some(role),
        other_person_id: other.map(person_id),
        other_name: (!name.is_empty()).then(|| name.into()),
        relationship: Some(rel.into()),
        since: None,
    }
}

#[test]
fn both_pages_show_the_link_and_a_named_carer_is_referred_in_their_own_right() {
    let (_t, s) = unlocked();
    let api = s.api();
    let ann = add(&s, referral(None, "Ann", "Carer", "1960-01-01", 5));
    let bob = add(&s, referral(None, "Bob", "Cared", "1935-01-01", 5));
    let (a, b) = (&ann["person_id"], &bob["person_id"]);

    // Refused by field: no one named, or themselves.
    let e = api
        .add_carer_link(link(a, CarerRole::CaresFor, None, "", "mother"))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("other_name"));
    let e = api
        .add_carer_link(link(a, CarerRole::CaresFor, Some(a), "", "self"))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("other_person_id"));
    let mut no_role = link(a, CarerRole::CaresFor, None, "Edna Carer", "mother");
    no_role.role = None;
    assert_eq!(
        api.add_carer_link(no_role).unwrap_err().field.as_deref(),
        Some("role")
    );

    api.add_carer_link(link(a, CarerRole::CaresFor, None, "Edna Carer", "mother"))
        .unwrap();
    let rec = api
        .add_carer_link(link(b, CarerRole::CaredForBy, Some(a), "", "neighbour"))
        .unwrap();
    assert_eq!(rec.carers.len(), 1);
    assert_eq!(
        (rec.carers[0].role, rec.carers[0].other_name.as_str()),
        (CarerRole::CaredForBy, "Ann Carer")
    );
    let ann_rec = api
        .person(PersonArgs {
            person_id: person_id(a),
        })
        .unwrap();
    let seen: Vec<_> = ann_rec
        .carers
        .iter()
        .map(|l| (l.role, l.other_name.as_str(), l.relationship.as_deref()))
        .collect();
    assert!(
        seen.contains(&(CarerRole::CaresFor, "Bob Cared", Some("neighbour"))),
        "{seen:?}"
    );
    assert!(
        seen.contains(&(CarerRole::CaresFor, "Edna Carer", Some("mother"))),
        "{seen:?}"
    );

    // Bob's daughter cares for him too; she is referred in her own right and the link follows.
    let rec = api
        .add_carer_link(link(b, CarerRole::CaredForBy, None, "Jo Cared", "daughter"))
        .unwrap();
    let jo_link = rec
        .carers
        .iter()
        .find(|l| l.other_name == "Jo Cared")
        .unwrap()
        .id
        .clone();
    let jo = add(
        &s,
        ReferralForm {
            reasons: vec![linkwork_core::vocab::ReferralReason::Caring],
            carer_link: Some(jo_link.clone()),
            ..referral(None, "Jo", "Cared", "1970-01-01", 0)
        },
    );
    let jo_rec = api
        .person(PersonArgs {
            person_id: person_id(&jo["person_id"]),
        })
        .unwrap();
    assert_eq!(jo_rec.carers.len(), 1);
    assert_eq!(
        (jo_rec.carers[0].role, jo_rec.carers[0].other_name.as_str()),
        (CarerRole::CaresFor, "Bob Cared")
    );
    let bob_rec = api
        .person(PersonArgs {
            person_id: person_id(b),
        })
        .unwrap();
    let to_jo = bob_rec.carers.iter().find(|l| l.id == jo_link).unwrap();
    assert_eq!(
        to_jo.other_person_id.as_ref(),
        Some(&person_id(&jo["person_id"]))
    );

    // Carers supported: Ann and Jo, seen this month; Bob is cared for, not a carer.
    for p in [&ann, &bob, &jo] {
        took_place(&s, &p["episode_id"], 0);
    }
    suppression(&s, false);
    let period = || ReportPeriod {
        from: Some(days_ago(0)),
        to: Some(days_ago(0)),
        ..Default::default()
    };
    let p = j(api.report_preview(period())).unwrap();
    assert_eq!(value(&p, "carers", "carers_supported"), "2");
    // Ann stops caring for Edna; she still cares for Bob, so still a carer.
    let edna = ann_rec
        .carers
        .iter()
        .find(|l| l.other_name == "Edna Carer")
        .unwrap()
        .id
        .clone();
    let ann_rec = api
        .end_carer_link(CarerLinkArgs {
            person_id: person_id(a),
            link_id: edna,
        })
        .unwrap();
    assert!(ann_rec.carers.iter().any(|l| l.ended_on.is_some()));

    // Erasing Jo removes the link from Bob's record too.
    api.erase_person(ErasePersonArgs {
        person_id: person_id(&jo["person_id"]),
        confirm_name: "Jo Cared".into(),
    })
    .unwrap();
    let bob_rec = api
        .person(PersonArgs {
            person_id: person_id(b),
        })
        .unwrap();
    assert!(bob_rec.carers.iter().all(|l| l.id != jo_link));
    let p = j(api.report_preview(period())).unwrap();
    assert_eq!(value(&p, "carers", "carers_supported"), "1");
}
