//! Outreach lists: a practice search imported whole, worked by call, a yes made into a referral,
//! and the rows that never became referrals removed after the list closes.

use crate::util::*;
use chrono::{Duration, NaiveDate};
use linkwork_core::{
    outreach::{read_list, OutreachOutcome, OutreachState},
    settings::OutreachKeepMonths,
    vocab::GpSystem,
    Coded, ErrorCode,
};
use linkwork_store::{
    outreach::{self, ImportInput},
    practices::{self, PracticeInput},
    Vault,
};

const LIST: &str = "NHS number,Surname,Forename,Date of birth,Mobile,Reason\r\n\
9434765919,WALKER,IVY,14/02/1948,07700 900001,\"Frailty, moderate\"\r\n\
9990000093,Okafor,Sam,01/01/1950,07700 900002,Lonely\r\n\
,Bright,Jo,03/03/1960,07700 900003,Lonely\r\n\
9990000093,Okafor,Sam,01/01/1950,07700 900002,Lonely\r\n";

fn practice(v: &mut Vault, name: &str, code: &str) -> linkwork_core::ids::PracticeId {
    v.write(|tx| {
        practices::save(
            tx,
            &PracticeInput {
                id: None,
                name: name.into(),
                ods_code: Some(code.into()),
                gp_system: GpSystem::EmisWeb,
            },
        )
    })
    .unwrap()
    .id
}

fn import(
    v: &mut Vault,
    p: &linkwork_core::ids::PracticeId,
    name: &str,
) -> linkwork_core::ids::OutreachListId {
    let rows = read_list(LIST.as_bytes(), today()).unwrap().rows;
    v.write(|tx| {
        outreach::import(
            tx,
            &ImportInput {
                practice_id: p.clone(),
                name: name.into(),
                searched_on: today() - Duration::days(2),
                rows,
            },
        )
    })
    .unwrap()
}

fn at(days_ago: i64) -> chrono::NaiveDateTime {
    (today() - Duration::days(days_ago))
        .and_hms_opt(10, 30, 0)
        .unwrap()
}

#[test]
fn a_list_is_imported_whole_worked_by_call_and_a_yes_becomes_a_referral() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let calder = practice(&mut v, "Calder Valley Surgery", "B86002");
    // Ivy is known already, with an episode long closed.
    let ivy = refer_person(
        &mut v,
        person_input("Ivy", "Walker", Some("943 476 5919")),
        today() - Duration::days(400),
    );
    v.write(|tx| {
        linkwork_store::episodes::close_episode(
            tx,
            &ivy.episode_id,
            today() - Duration::days(300),
            linkwork_core::vocab::CloseReason::GoalsMet,
            None,
        )
    })
    .unwrap();

    let rows = read_list(LIST.as_bytes(), today()).unwrap().rows;
    let preview = outreach::preview(v.read(), &rows).unwrap();
    assert_eq!(preview[0].known.as_ref().unwrap().matched_by, "NHS number");
    assert_eq!(preview[3].same_as_line, Some(3), "Sam twice in the file");

    // Refused as a whole: nothing written.
    let e = v
        .write(|tx| {
            outreach::import(
                tx,
                &ImportInput {
                    practice_id: calder.clone(),
                    name: " ".into(),
                    searched_on: today(),
                    rows: rows.clone(),
                },
            )
        })
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert_eq!(
        count(&dir, "outreach_list") + count(&dir, "outreach_entry"),
        0
    );

    let list = import(&mut v, &calder, "Frailty register");
    let keep = OutreachKeepMonths::default();
    let view = outreach::list(v.read(), &list, keep).unwrap();
    assert_eq!(view.list.people, 3, "Sam once");
    assert_eq!(view.list.practice, "Calder Valley Surgery");
    let find = |view: &linkwork_core::outreach::OutreachListView, family: &str| {
        view.entries
            .iter()
            .find(|e| e.family_name == family)
            .unwrap()
            .clone()
    };
    let ivy_row = find(&view, "Walker");
    assert_eq!(ivy_row.given_name, "Ivy", "capitals tidied");
    assert_eq!(ivy_row.person_id.as_ref(), Some(&ivy.person_id));
    assert_eq!(ivy_row.reason.as_deref(), Some("Frailty, moderate"));

    // Calls: Sam not answering twice goes below Jo, tried once.
    let (sam, jo) = (find(&view, "Okafor").id, find(&view, "Bright").id);
    for (who, outcome, ago) in [
        (&sam, OutreachOutcome::NoAnswer, 3),
        (&sam, OutreachOutcome::LeftMessage, 2),
        (&jo, OutreachOutcome::NoAnswer, 1),
    ] {
        v.write(|tx| outreach::log(tx, who, outcome, at(ago)))
            .unwrap();
    }
    let view = outreach::list(v.read(), &list, keep).unwrap();
    let order: Vec<&str> = view
        .entries
        .iter()
        .map(|e| e.family_name.as_str())
        .collect();
    assert_eq!(
        order,
        ["Walker", "Bright", "Okafor"],
        "not tried, then fewest tries"
    );
    assert_eq!(find(&view, "Okafor").state, OutreachState::Tried);
    assert_eq!(find(&view, "Okafor").attempts.len(), 2);
    // Accepting goes through its own step.
    let e = v
        .write(|tx| outreach::log(tx, &jo, OutreachOutcome::Accepted, at(0)))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);

    // Jo says yes: a new person, registered at the list's practice, referred by proactive search.
    let episode = v.write(|tx| outreach::accept(tx, &jo, at(0))).unwrap();
    let person = linkwork_store::episodes::person_of_episode(v.read(), &episode).unwrap();
    let rec = linkwork_store::person_record::person_record(v.read(), &person, today()).unwrap();
    assert_eq!(rec.person.given_name, "Jo");
    assert_eq!(rec.person.phone.as_deref(), Some("07700 900003"));
    assert_eq!(rec.person.practice_id.as_ref(), Some(&calder));
    let e = &rec.episodes[0];
    assert_eq!(
        e.referral_source,
        Some(linkwork_core::vocab::ReferralSource::ProactiveSearch)
    );
    assert_eq!(e.referral_received_on, today());
    assert!(e
        .referral_notes
        .as_deref()
        .unwrap()
        .contains("Frailty register"));
    let view = outreach::list(v.read(), &list, keep).unwrap();
    let jo_row = find(&view, "Bright");
    assert_eq!(
        (jo_row.state, jo_row.episode_id.as_ref()),
        (OutreachState::Accepted, Some(&episode))
    );
    assert_eq!(view.list.accepted, 1);
    let again = v.write(|tx| outreach::accept(tx, &jo, at(0))).unwrap_err();
    assert_eq!(again.code(), ErrorCode::InvalidInput);

    // Ivy, on the caseload again by then, cannot be referred twice from the list.
    refer_person(
        &mut v,
        person_input("Ivy", "Walker", Some("943 476 5919")),
        today() - Duration::days(1),
    );
    let e = v
        .write(|tx| outreach::accept(tx, &ivy_row.id, at(0)))
        .unwrap_err();
    assert!(e.to_string().contains("on the caseload already"), "{e}");

    // The same people on a second list show where else they are, and how they stand there.
    let second = import(&mut v, &calder, "Often attend");
    let view = outreach::list(v.read(), &second, keep).unwrap();
    let sam2 = find(&view, "Okafor");
    assert_eq!(sam2.also_on.len(), 1);
    assert_eq!(sam2.also_on[0].list, "Frailty register");
    assert_eq!(sam2.also_on[0].state, OutreachState::Tried);
    assert_eq!(
        sam2.also_on[0].last_tried_on,
        Some(today() - Duration::days(2))
    );

    // Closed: worked no more; then, three months on, only Jo's row (a referral) is kept.
    v.write(|tx| outreach::set_closed(tx, &list, Some(today())))
        .unwrap();
    let e = v
        .write(|tx| outreach::log(tx, &sam, OutreachOutcome::NoAnswer, at(0)))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    let due = outreach::list(v.read(), &list, keep)
        .unwrap()
        .list
        .removal_due_on
        .unwrap();
    assert_eq!(due, today() + chrono::Months::new(3));
    let early = v
        .write(|tx| outreach::expire(tx, due - Duration::days(1), keep))
        .unwrap();
    assert_eq!(early, 0);
    let removed = v.write(|tx| outreach::expire(tx, due, keep)).unwrap();
    assert_eq!(removed, 2);
    let view = outreach::list(v.read(), &list, keep).unwrap();
    assert_eq!(view.entries.len(), 1);
    assert_eq!(view.list.removed, 2);
    assert_eq!(view.entries[0].family_name, "Bright");
    // Their tries went with them; the second list is untouched.
    let tries: i64 = raw(&dir)
        .query_row(
            "SELECT count(*) FROM outreach_attempt a JOIN outreach_entry e ON e.id = a.entry_id WHERE e.list_id = ?1",
            [list.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tries, 2, "Jo's call and her yes");
    assert_eq!(
        outreach::list(v.read(), &second, keep)
            .unwrap()
            .entries
            .len(),
        3
    );
    assert!(v.check().unwrap().is_ok());

    // Her copy of everything held shows her rows on both lists and the calls made to her.
    let copy =
        linkwork_store::rights::subject_access(v.read(), &person, chrono::Utc::now()).unwrap();
    assert_eq!(copy.tables["outreach_entry"].len(), 2);
    assert_eq!(copy.tables["outreach_attempt"].len(), 2);
    // Erasing Jo removes her rows on every list.
    v.write(|tx| linkwork_store::rights::erase_person(tx, &person))
        .unwrap();
    assert_eq!(
        outreach::list(v.read(), &list, keep).unwrap().entries.len(),
        0
    );
    let _: NaiveDate = today();
}
