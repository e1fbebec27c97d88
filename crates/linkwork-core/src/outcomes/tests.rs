use super::*;
use Ons4Band::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn band_boundaries_for_every_score_of_every_item() {
    let positive = [
        Low, Low, Low, Low, Low, Medium, Medium, High, High, VeryHigh, VeryHigh,
    ];
    let anxiety = [
        VeryLow, VeryLow, Low, Low, Medium, Medium, High, High, High, High, High,
    ];
    for item in [
        Ons4Item::LifeSatisfaction,
        Ons4Item::Worthwhile,
        Ons4Item::Happiness,
    ] {
        for score in 0..=10u8 {
            assert_eq!(
                band(item, score),
                positive[score as usize],
                "{item:?} {score}"
            );
        }
    }
    for score in 0..=10u8 {
        assert_eq!(
            band(Ons4Item::Anxiety, score),
            anxiety[score as usize],
            "anxiety {score}"
        );
    }
}

#[test]
fn anxiety_reads_the_other_way() {
    assert_eq!(tone(Ons4Item::Anxiety, High), Tone::Poor);
    assert_eq!(tone(Ons4Item::Anxiety, VeryLow), Tone::VeryGood);
    assert_eq!(tone(Ons4Item::Happiness, Low), Tone::Poor);
    assert_eq!(direction(Ons4Item::Anxiety, 8, 3), Direction::Improved);
    assert_eq!(direction(Ons4Item::Happiness, 8, 3), Direction::Worse);
    assert_eq!(direction(Ons4Item::Worthwhile, 5, 5), Direction::Same);
    assert_eq!(Ons4Item::Anxiety.concern_band(), High);
}

#[test]
fn answers_are_whole_numbers_or_declined() {
    let it = Ons4Item::Worthwhile;
    assert_eq!(parse_ons4_answer(it, "0").unwrap(), Some(0));
    assert_eq!(parse_ons4_answer(it, " 10 ").unwrap(), Some(10));
    assert_eq!(parse_ons4_answer(it, "Declined").unwrap(), None);
    for bad in ["11", "-1", "7.5", "seven", "+3"] {
        let e = parse_ons4_answer(it, bad).unwrap_err();
        assert_eq!(e.field, "worthwhile");
        assert_eq!(e.message, "Worthwhile must be a whole number from 0 to 10, or \u{201c}declined\u{201d} if the person chose not to answer.");
    }
    assert_eq!(
        parse_ons4_answer(it, "").unwrap_err().message,
        "Choose an answer for worthwhile (0 to 10), or \u{201c}declined to answer\u{201d}."
    );
    assert!(Ons4Answers([None; 4]).validate().is_err());
}

#[test]
fn pam_scores_have_at_most_one_decimal() {
    assert_eq!(
        PamScore::parse("f", "PAM score", "56.4").unwrap().tenths(),
        564
    );
    assert_eq!(
        PamScore::parse("f", "PAM score", "100").unwrap().text(),
        "100.0"
    );
    assert_eq!(
        PamScore::parse("f", "PAM score", "0.0").unwrap().tenths(),
        0
    );
    for bad in ["100.1", "56.45", "-1", "abc", "56.", ".5", "1e2", "1000"] {
        let e = PamScore::parse("pam_score", "PAM score", bad).unwrap_err();
        assert_eq!(e.field, "pam_score", "{bad}");
        assert_eq!(e.message, "The PAM score must be a number from 0 to 100 with at most one decimal place, like 56.4.");
    }
    assert_eq!(parse_pam_level("4").unwrap(), 4);
    assert_eq!(parse_pam_level("5").unwrap_err().field, "pam_level");
    assert_eq!(
        parse_pam_level("0").unwrap_err().message,
        "The PAM level must be 1, 2, 3 or 4, as the tool reported it."
    );
}

#[test]
fn cutoffs_flag_a_level_that_disagrees() {
    let s = |t| PamScore::from_tenths(t).unwrap();
    assert!(PamCutoffs::new(s(500), s(500), s(700)).is_err());
    let c = PamCutoffs::new(s(470), s(560), s(680)).unwrap();
    assert_eq!(c.level_for(s(469)), 1);
    assert_eq!(c.level_for(s(470)), 2);
    assert_eq!(c.level_for(s(680)), 4);
    assert_eq!(c.disagreement(s(600), 3), None);
    assert_eq!(
            c.disagreement(s(600), 2).unwrap(),
            "Level 2 does not match a score of 60.0 under your organisation\u{2019}s cut-offs (they give level 3). Check the report from the PAM tool."
        );
}

#[test]
fn baseline_follow_up_and_final() {
    use OutcomeRole::*;
    let dates = [
        d("2026-01-05"),
        d("2026-03-01"),
        d("2026-05-01"),
        d("2026-06-20"),
    ];
    assert_eq!(
        roles(&dates, None),
        vec![Baseline, FollowUp, FollowUp, FollowUp]
    );
    // Closed on 01/06: 20/06 is 19 days away, 01/05 is 31: the later record is the final.
    assert_eq!(
        roles(&dates, Some(d("2026-06-01"))),
        vec![Baseline, FollowUp, FollowUp, Final]
    );
    // Closed on 10/05: 01/05 is nearest.
    assert_eq!(
        roles(&dates, Some(d("2026-05-10"))),
        vec![Baseline, FollowUp, Final, FollowUp]
    );
    // Equal distance: the later record wins.
    assert_eq!(
        roles(
            &[d("2026-01-01"), d("2026-01-10"), d("2026-01-20")],
            Some(d("2026-01-15"))
        ),
        vec![Baseline, FollowUp, Final]
    );
    // A lone baseline is never the final too.
    assert_eq!(
        roles(&[d("2026-01-05")], Some(d("2026-02-01"))),
        vec![Baseline]
    );
    assert_eq!(roles(&[], Some(d("2026-02-01"))), Vec::<OutcomeRole>::new());
}

#[test]
fn reminders_fall_due_then_overdue() {
    let w = FollowUpWeeks::DEFAULT;
    let last = d("2026-01-01"); // due 26/03/2026
    assert_eq!(
        reminder(Measure::Ons4, Some(last), true, w, d("2026-03-11"))
            .unwrap()
            .state,
        ReminderState::Upcoming
    );
    let due = reminder(Measure::Ons4, Some(last), true, w, d("2026-03-12")).unwrap();
    assert_eq!(
        (due.state, due.text.as_str()),
        (ReminderState::Due, "ONS4 follow-up due by 26/03/2026")
    );
    assert_eq!(
        reminder(Measure::Ons4, Some(last), true, w, d("2026-03-26"))
            .unwrap()
            .state,
        ReminderState::Due
    );
    let over = reminder(Measure::Pam, Some(last), true, w, d("2026-03-27")).unwrap();
    assert_eq!(
        (over.state, over.text.as_str()),
        (
            ReminderState::Overdue,
            "PAM follow-up overdue since 26/03/2026"
        )
    );
    assert_eq!(
        reminder(Measure::Ons4, None, true, w, d("2026-03-27"))
            .unwrap()
            .text,
        "Baseline ONS4 not recorded yet"
    );
    assert_eq!(
        reminder(Measure::Ons4, None, false, w, d("2026-03-27")),
        None
    );
    assert_eq!(reminder(Measure::Pam, None, true, w, d("2026-03-27")), None);
    assert!(FollowUpWeeks::new(0).is_err() && FollowUpWeeks::new(53).is_err());
}

#[test]
fn a_final_needs_a_recent_follow_up() {
    let closing = d("2026-06-30");
    assert!(needs_final(&[], closing));
    assert!(
        needs_final(&[d("2026-06-29")], closing),
        "a baseline alone is not a final"
    );
    assert!(
        needs_final(&[d("2026-01-01"), d("2026-06-15")], closing),
        "15 days before is too old"
    );
    assert!(!needs_final(&[d("2026-01-01"), d("2026-06-16")], closing));
}

fn answers(a: [Option<u8>; 4]) -> Ons4Answers {
    Ons4Answers(a)
}

/// An open episode's records, one a month from February 2026 in the order given.
fn open_episode(ons4: Vec<Ons4Answers>, pam: Vec<PamScore>) -> EpisodeRecords {
    let on = |i: usize| NaiveDate::from_ymd_opt(2026, 2 + i as u32, 1).unwrap();
    EpisodeRecords {
        closed_on: None,
        ons4: ons4
            .into_iter()
            .enumerate()
            .map(|(i, a)| (on(i), a))
            .collect(),
        pam: pam
            .into_iter()
            .enumerate()
            .map(|(i, p)| (on(i), p, PamVersion::Pam13))
            .collect(),
    }
}

#[test]
fn caseload_change_on_a_hand_worked_fixture() {
    let s = |t| PamScore::from_tenths(t).unwrap();
    let episodes = vec![
        // A: life 3→7 (+4, out of low), worthwhile 4→4 (same, still low), happy 5→8 (+3), anxiety 8→3 (−5, improved, out of high)
        open_episode(
            vec![
                answers([Some(3), Some(4), Some(5), Some(8)]),
                answers([Some(5), Some(5), Some(5), Some(5)]),
                answers([Some(7), Some(4), Some(8), Some(3)]),
            ],
            vec![s(450), s(521)],
        ),
        // B: life 6→5 (−1, worse), worthwhile declined at baseline (excluded), happy 2→2 (same, low), anxiety 2→6 (+4, worse)
        open_episode(
            vec![
                answers([Some(6), None, Some(2), Some(2)]),
                answers([Some(5), Some(7), Some(2), Some(6)]),
            ],
            vec![s(600), s(620)],
        ),
        // C: a baseline only: not compared, but counted as baseline without follow-up.
        open_episode(
            vec![answers([Some(1), Some(1), Some(1), Some(9)])],
            vec![s(300)],
        ),
        // D: life 2→4 (+2, still low), worthwhile 3→9 (+6, out of low), happy 4→4, anxiety 5→5
        open_episode(
            vec![
                answers([Some(2), Some(3), Some(4), Some(5)]),
                answers([Some(4), Some(9), Some(4), Some(5)]),
            ],
            vec![s(700), s(730)],
        ),
    ];
    let sum = summarise(d("2026-01-01"), d("2026-12-31"), &episodes);
    assert_eq!((sum.ons4_people, sum.ons4_baseline_only), (3, 1));
    assert_eq!((sum.pam.baseline_only, sum.pam.mixed_versions), (1, 0));
    let life = &sum.items[0];
    assert_eq!((life.n, life.improved, life.same, life.worse), (3, 2, 0, 1));
    assert!((life.mean_change.unwrap() - 5.0 / 3.0).abs() < 1e-9); // (+4 −1 +2) / 3
    assert_eq!(
        (life.started_in_concern_band, life.moved_out_of_concern_band),
        (2, 1)
    ); // A and D started low; A moved out
    assert_eq!(life.moved_out_pct, Some(50.0));
    let worth = &sum.items[1];
    assert_eq!(
        (worth.n, worth.improved, worth.same, worth.worse),
        (2, 1, 1, 0)
    );
    assert_eq!(worth.mean_change, Some(3.0)); // (0 + 6) / 2
    assert_eq!(
        (
            worth.started_in_concern_band,
            worth.moved_out_of_concern_band
        ),
        (2, 1)
    );
    let happy = &sum.items[2];
    assert_eq!(
        (happy.n, happy.improved, happy.same, happy.worse),
        (3, 1, 2, 0)
    );
    assert_eq!(happy.mean_change, Some(1.0));
    assert_eq!(happy.started_in_concern_band, 2); // B (2) and D (4)
    assert_eq!(happy.moved_out_pct, Some(0.0));
    let anx = &sum.items[3];
    assert_eq!((anx.n, anx.improved, anx.same, anx.worse), (3, 1, 1, 1));
    assert!((anx.mean_change.unwrap() - (-1.0 / 3.0)).abs() < 1e-9); // (−5 +4 0) / 3
    assert_eq!(
        anx.mean_change_text.as_deref(),
        Some("down 0.3 on average (better)")
    );
    assert_eq!(
        sum.items[0].mean_change_text.as_deref(),
        Some("up 1.7 on average (better)")
    );
    assert_eq!(anx.concern_band, "high");
    assert_eq!(
        (anx.started_in_concern_band, anx.moved_out_of_concern_band),
        (1, 1)
    );
    assert_eq!(
        anx.improved_pct.map(|p| (p * 10.0).round() / 10.0),
        Some(33.3)
    );
    // PAM: A +7.1, B +2.0, D +3.0 → mean 4.0333; gains ≥ 3: A and D.
    assert_eq!(sum.pam.n, 3);
    assert!((sum.pam.mean_change.unwrap() - 12.1 / 3.0).abs() < 1e-9);
    assert_eq!(sum.pam.gained_3, 2);
}

#[test]
fn nothing_to_summarise() {
    let sum = summarise(d("2026-01-01"), d("2026-01-31"), &[]);
    assert_eq!(sum.ons4_people, 0);
    assert_eq!(sum.items[0].mean_change, None);
    assert_eq!(sum.items[0].improved_pct, None);
    assert_eq!(sum.pam.mean_change, None);
}

#[test]
fn change_table_says_which_way_in_words() {
    let rec = |date: &str, a: [Option<u8>; 4]| Ons4View {
        id: OutcomeId::new(date),
        recorded_on: d(date),
        contact_id: None,
        role: OutcomeRole::FollowUp,
        items: Ons4Item::ALL
            .iter()
            .zip(a)
            .map(|(i, v)| item_score(*i, v))
            .collect(),
    };
    let rows = ons4_change(&[
        rec("2026-01-01", [Some(3), Some(5), None, Some(8)]),
        rec("2026-04-01", [Some(6), Some(4), Some(5), Some(2)]),
    ])
    .unwrap();
    assert_eq!(rows[0].summary, "\u{2191} up 3 points, improved");
    assert_eq!(rows[0].baseline.band, Some(Low));
    assert_eq!(rows[0].latest.band, Some(Medium));
    assert_eq!(rows[1].summary, "\u{2193} down 1 point, worse");
    assert_eq!(rows[2].direction, None);
    assert_eq!(rows[3].summary, "\u{2193} down 6 points, improved");
    assert!(ons4_change(&[rec("2026-01-01", [Some(3); 4])]).is_none());
}

#[test]
fn the_baseline_before_the_period_is_still_the_baseline_and_the_latest_must_be_in_it() {
    let a = |v: u8| answers([Some(v), Some(v), Some(v), Some(v)]);
    let s = |t| PamScore::from_tenths(t).unwrap();
    let episodes = vec![
        // Baseline last year, latest in the period: compared baseline→latest (2→8), not 6→8.
        EpisodeRecords {
            closed_on: None,
            ons4: vec![
                (d("2025-11-01"), a(2)),
                (d("2026-02-01"), a(6)),
                (d("2026-05-01"), a(8)),
            ],
            pam: vec![
                (d("2025-11-01"), s(400), PamVersion::Pam13),
                (d("2026-05-01"), s(480), PamVersion::Pam10),
            ],
        },
        // Every record before the period: out. Closed before the period with a baseline only: out.
        EpisodeRecords {
            closed_on: Some(d("2025-12-01")),
            ons4: vec![(d("2025-10-01"), a(1)), (d("2025-11-01"), a(9))],
            pam: vec![(d("2025-10-01"), s(500), PamVersion::Pam13)],
        },
        // A record after the period is not the latest for it: 3→4.
        EpisodeRecords {
            closed_on: None,
            ons4: vec![
                (d("2026-03-01"), a(3)),
                (d("2026-04-01"), a(4)),
                (d("2027-02-01"), a(10)),
            ],
            pam: vec![],
        },
    ];
    let sum = summarise(d("2026-01-01"), d("2026-12-31"), &episodes);
    assert_eq!((sum.ons4_people, sum.ons4_baseline_only), (2, 0));
    assert_eq!(sum.items[0].mean_change, Some(3.5)); // (+6 +1) / 2
    assert_eq!(
        (sum.pam.n, sum.pam.mixed_versions, sum.pam.baseline_only),
        (1, 1, 0)
    );
}
