//! Who is reached: a person's optional details recorded, checked by field and kept by a merge;
//! the report's tables by age band, sex and broad ethnic group adding up to the totals, with
//! small numbers hidden so that no group's count can be worked out.

use crate::report::{cells, suppression};
use crate::util::*;
use linkwork_api::types::*;
use linkwork_core::reach::{Disability, EthnicGroup, Sex};

fn profile(
    person: &serde_json::Value,
    sex: Option<Sex>,
    ethnic: Option<EthnicGroup>,
) -> PersonProfileForm {
    PersonProfileForm {
        person_id: person_id(person),
        sex,
        ethnic_group: ethnic,
        first_language: None,
        interpreter_needed: None,
        disability: None,
        imd_decile: None,
    }
}

#[test]
fn optional_details_are_recorded_checked_and_counted_by_the_report() {
    let (_t, s) = unlocked();
    let api = s.api();
    // Seven people referred this month: ages from their dates of birth.
    let dobs = [
        "1940-03-01",
        "1950-03-01",
        "1950-06-01",
        "1960-03-01",
        "1985-03-01",
        "2001-03-01",
        "1999-03-01",
    ];
    let mut people = vec![];
    for (i, dob) in dobs.iter().enumerate() {
        let r = add(&s, referral(None, &format!("Reach{i}"), "Person", dob, 0));
        took_place(&s, &r["episode_id"], 0);
        people.push(r["person_id"].clone());
    }
    // A bad decile is refused by field, and nothing is changed.
    let mut bad = profile(&people[0], Some(Sex::Female), None);
    bad.imd_decile = Some("11".into());
    let e = api.update_person_profile(bad).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("imd_decile"));
    assert!(api
        .person(PersonArgs {
            person_id: person_id(&people[0])
        })
        .unwrap()
        .person
        .profile
        .is_empty());

    let mut full = profile(
        &people[0],
        Some(Sex::Female),
        Some(EthnicGroup::AsianPakistani),
    );
    full.first_language = Some(" Urdu ".into());
    full.interpreter_needed = Some(true);
    full.disability = Some(Disability::Yes);
    full.imd_decile = Some("2".into());
    let rec = api.update_person_profile(full).unwrap();
    let p = &rec.person.profile;
    assert_eq!(p.first_language.as_deref(), Some("Urdu"));
    assert_eq!((p.interpreter_needed, p.imd_decile), (Some(true), Some(2)));
    for (i, (sex, eth)) in [
        (Some(Sex::Female), Some(EthnicGroup::WhiteBritish)),
        (Some(Sex::Male), Some(EthnicGroup::WhiteIrish)),
        (Some(Sex::Male), Some(EthnicGroup::NotStated)),
        (Some(Sex::Female), Some(EthnicGroup::BlackAfrican)),
        (Some(Sex::NotStated), None),
    ]
    .into_iter()
    .enumerate()
    {
        api.update_person_profile(profile(&people[i + 1], sex, eth))
            .unwrap();
    }

    suppression(&s, false);
    let period = || ReportPeriod {
        from: Some(days_ago(0)),
        to: Some(days_ago(0)),
        ..Default::default()
    };
    let p = j(api.report_preview(period())).unwrap();
    let by = |t: &str, k: &str| cells(&p, t)[k]["referrals"].clone();
    assert_eq!(
        [
            by("reach_by_sex", "female"),
            by("reach_by_sex", "male"),
            by("reach_by_sex", "another"),
            by("reach_by_sex", "not_stated"),
            by("reach_by_sex", "not_recorded")
        ],
        ["3", "2", "0", "1", "1"]
    );
    assert_eq!(
        [
            by("reach_by_ethnic_group", "white"),
            by("reach_by_ethnic_group", "asian"),
            by("reach_by_ethnic_group", "black"),
            by("reach_by_ethnic_group", "mixed"),
            by("reach_by_ethnic_group", "not_stated"),
            by("reach_by_ethnic_group", "not_recorded")
        ],
        ["2", "1", "1", "0", "1", "2"]
    );
    assert_eq!(by("reach_by_age", "85_plus"), "1");
    assert_eq!(by("reach_by_age", "75_84"), "2");
    assert_eq!(by("reach_by_age", "25_34"), "2");
    assert_eq!(cells(&p, "reach_by_sex")["female"]["supported"], "3");
    // The detailed category never leaves the laptop: only the broad groups are rows.
    assert!(!cells(&p, "reach_by_ethnic_group").contains_key("asian_pakistani"));

    // With small numbers hidden, no group's count is shown below 5, and its complement hides too.
    suppression(&s, true);
    let p = j(api.report_preview(period())).unwrap();
    for t in ["reach_by_age", "reach_by_sex", "reach_by_ethnic_group"] {
        for (k, row) in cells(&p, t) {
            for col in ["referrals", "supported"] {
                let shown = &row[col];
                assert!(
                    shown == "0"
                        || shown == "<5"
                        || shown == "[c]"
                        || shown.parse::<u64>().is_ok_and(|n| n >= 5),
                    "{t} {k} {col}: {shown}"
                );
            }
        }
    }

    // Merging two records keeps each detail one of them has.
    let twin = add(
        &s,
        ReferralForm {
            allow_possible_duplicate: true,
            ..referral(None, "Reach0", "Person", "1940-03-01", 400)
        },
    );
    let closed = j(api.close_episode(CloseForm {
        episode_id: episode_id(&twin["episode_id"]),
        closed_on: Some(days_ago(300)),
        reason: Some(linkwork_core::vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }));
    assert!(closed.is_ok(), "{closed:?}");
    let mut twin_profile = profile(&twin["person_id"], Some(Sex::Male), None);
    twin_profile.first_language = Some("Punjabi".into());
    twin_profile.disability = Some(Disability::No);
    api.update_person_profile(twin_profile).unwrap();
    let kept = api
        .merge_people(MergeArgs {
            keep_id: person_id(&people[0]),
            other_id: person_id(&twin["person_id"]),
        })
        .unwrap();
    let p = &kept.person.profile;
    assert_eq!(
        (p.sex, p.first_language.as_deref(), p.disability),
        (Some(Sex::Female), Some("Urdu"), Some(Disability::Yes))
    );
}
