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
