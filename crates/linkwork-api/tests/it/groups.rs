//! Groups through the command list: a register of 20 makes 20 contacts and the GP's "seen" lines
//! for those who came only; a mistaken tick undone marks its contact entered in error, and a line
//! already entered in the GP record is offered for correction.

use crate::util::*;
use linkwork_api::types::*;
use linkwork_core::{
    coding::{CodeUse, SummaryMode},
    groups::Attendance,
    ids::PersonId,
};

/// Test-range NHS numbers with a valid check digit.
fn nhs_numbers(n: usize) -> Vec<String> {
    (1u32..)
        .filter_map(|i| {
            let body = format!("999{i:06}");
            let sum: u32 = body
                .chars()
                .zip((2..=10).rev())
                .map(|(c, w)| c.to_digit(10).unwrap() * w)
                .sum();
            match 11 - sum % 11 {
                10 => None,
                11 => Some(format!("{body}0")),
                d => Some(format!("{body}{d}")),
            }
        })
        .take(n)
        .collect()
}

fn seen_lines(s: &linkwork_api::Session, episode: &serde_json::Value) -> usize {
    s.api()
        .gp_summary(GpSummaryArgs {
            episode_id: id_of(episode),
            mode: SummaryMode::CodesOnly,
        })
        .unwrap()
        .lines
        .iter()
        .filter(|l| l.code_use == Some(CodeUse::ContactHeld))
        .count()
}

#[test]
fn a_register_of_twenty_makes_twenty_contacts_and_the_right_gp_lines() {
    let (_t, s) = unlocked();
    let api = s.api();
    let g = api
        .save_group(GroupForm {
            group_id: None,
            name: Some("  Tuesday walking group ".into()),
            asset_id: None,
            place: Some("Hebble Park gates".into()),
            closed: false,
        })
        .unwrap();
    assert_eq!(g.name, "Tuesday walking group");
    let mut people = vec![];
    for (i, n) in nhs_numbers(20).iter().enumerate() {
        let r = add(
            &s,
            referral(Some(n), &format!("Person{i}"), "Walker", "1950-01-01", 30),
        );
        let p: PersonId = person_id(&r["person_id"]);
        api.join_group(GroupMemberArgs {
            group_id: g.id.clone(),
            person_id: p.clone(),
        })
        .unwrap();
        people.push((p, r["episode_id"].clone()));
    }
    // A session in the future cannot have its register taken yet.
    let later = api
        .add_group_session(GroupSessionForm {
            group_id: g.id.clone(),
            date: gb(days_ago(-7)),
            time: "10:30".into(),
            duration_minutes: Some(90),
            place: None,
        })
        .unwrap();
    let e = api
        .save_register(RegisterForm {
            session_id: later.id.clone(),
            came: vec![people[0].0.clone()],
            apologies: vec![],
        })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("came"));
    let bad = api
        .add_group_session(GroupSessionForm {
            group_id: g.id.clone(),
            date: "31/02/2026".into(),
            time: "half ten".into(),
            duration_minutes: None,
            place: None,
        })
        .unwrap_err();
    let fields: Vec<_> = bad.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, vec!["date", "time", "duration_minutes"]);

    let session = api
        .add_group_session(GroupSessionForm {
            group_id: g.id.clone(),
            date: gb(days_ago(0)),
            time: "10:30".into(),
            duration_minutes: Some(90),
            place: None,
        })
        .unwrap();
    assert_eq!(session.rows.len(), 20);
    assert!(session
        .rows
        .iter()
        .all(|r| r.why_not.is_none() && r.attendance.is_none()));
    // 16 came, 2 sent apologies, 2 did not come.
    let came: Vec<PersonId> = people[..16].iter().map(|p| p.0.clone()).collect();
    let apologies: Vec<PersonId> = people[16..18].iter().map(|p| p.0.clone()).collect();
    let saved = api
        .save_register(RegisterForm {
            session_id: session.id.clone(),
            came: came.clone(),
            apologies: apologies.clone(),
        })
        .unwrap();
    assert_eq!((saved.recorded, saved.corrected), (20, 0));
    let said = |a: Attendance| {
        saved
            .session
            .rows
            .iter()
            .filter(|r| r.attendance == Some(a))
            .count()
    };
    assert_eq!(
        (
            said(Attendance::Attended),
            said(Attendance::Apologies),
            said(Attendance::DidNotAttend)
        ),
        (16, 2, 2)
    );
    for (i, (p, ep)) in people.iter().enumerate() {
        let rec = api
            .person(PersonArgs {
                person_id: p.clone(),
            })
            .unwrap();
        let contacts = &rec.episodes[0].contacts;
        assert_eq!(contacts.len(), 1, "one contact each");
        let c = &contacts[0];
        assert_eq!(c.contact_type.slug(), "group");
        let want = match i {
            0..=15 => "took_place",
            16 | 17 => "cancelled_by_person",
            _ => "did_not_attend",
        };
        assert_eq!(c.outcome.slug(), want, "{}", rec.person.given_name);
        assert_eq!(
            seen_lines(&s, ep),
            usize::from(i < 16),
            "seen line for who came only"
        );
        // Who came is now active; the rest still wait.
        assert_eq!(
            rec.episodes[0].status.slug(),
            if i < 16 { "active" } else { "waiting" }
        );
    }
    // Everyone who came is on the to-code list with their "seen" line.
    let list = api.gp_checklist(NoArgs {}).unwrap();
    let seen: Vec<_> = list
        .people
        .iter()
        .filter(|p| {
            p.lines
                .iter()
                .any(|l| l.code_use == Some(CodeUse::ContactHeld))
        })
        .collect();
    assert_eq!(seen.len(), 16);

    // Person0's line goes into the GP record; then it turns out Person0 did not come (Person19 did).
    let key = list
        .people
        .iter()
        .find(|p| p.person_id == people[0].0)
        .unwrap()
        .lines
        .iter()
        .find(|l| l.code_use == Some(CodeUse::ContactHeld))
        .unwrap()
        .key
        .clone();
    api.gp_mark_entered(GpLinesArgs {
        keys: vec![key.clone()],
    })
    .unwrap();
    let mut fixed: Vec<PersonId> = came[1..].to_vec();
    fixed.push(people[19].0.clone());
    let again = api
        .save_register(RegisterForm {
            session_id: session.id.clone(),
            came: fixed,
            apologies,
        })
        .unwrap();
    assert_eq!((again.recorded, again.corrected), (0, 2));
    assert_eq!(seen_lines(&s, &people[0].1), 0);
    assert_eq!(seen_lines(&s, &people[19].1), 1);
    let rec = api
        .person(PersonArgs {
            person_id: people[0].0.clone(),
        })
        .unwrap();
    let old = rec.episodes[0]
        .contacts
        .iter()
        .find(|c| c.entered_in_error.is_some())
        .expect("the mistaken contact is kept, marked");
    assert!(old
        .entered_in_error
        .as_ref()
        .unwrap()
        .reason
        .contains("Register corrected"));
    assert_eq!(
        rec.episodes[0].status.slug(),
        "waiting",
        "never seen after all"
    );
    let list = api.gp_checklist(NoArgs {}).unwrap();
    assert!(
        list.to_correct.iter().any(|c| c.mark.key == key),
        "the line in the GP record is offered for correction"
    );
    // The group's page and the person's page agree.
    let view = api
        .group(GroupArgs {
            group_id: g.id.clone(),
        })
        .unwrap();
    assert_eq!(
        (view.sessions[1].attended, view.sessions[1].did_not_attend),
        (16, 4)
    );
    let mine = api
        .person_groups(PersonArgs {
            person_id: people[19].0.clone(),
        })
        .unwrap();
    assert_eq!(
        (mine[0].name.as_str(), mine[0].attended, mine[0].missed),
        ("Tuesday walking group", 1, 0)
    );
}
