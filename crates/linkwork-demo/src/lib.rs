//! `linkwork demo`: deterministic, realistic fake caseloads for screenshots, tests and benchmarks.
//! Same seed and same "today" give the same data. NHS numbers come from the test range
//! (999 000 0000 – 999 999 9999), which is never issued to a real person.
//!
//! Architecture invariant: this crate is not part of the desktop app. The CLI and the tests use
//! it; it writes only through the store's one write path, and only into an empty vault.

mod assets;
mod people;

use assets::{demo_assets, demo_onward};
use chrono::{Duration, NaiveDate, NaiveTime};
use linkwork_api::{ApiError, Session};
use linkwork_core::{
    ids::{ContactId, EpisodeId},
    outcomes::{Ons4Answers, PamCutoffs, PamScore, PamVersion},
    vocab::{
        CloseReason, ContactOutcome, ContactType, GoalStatus, NeedCategory, Priority,
        ReferralMethod, ReferralReason, RiskLevel,
    },
};
use linkwork_store::{
    contacts::{self, ContactInput},
    episodes::{self, PlanInput, ReferralInput, Referred},
    outcomes::{self as oc, Ons4Input, PamInput},
    people as people_store, plan, risks, StoreError, Tx,
};
use people::{GOALS, NOTES, REASONS, REFERRERS};

/// SplitMix64: tiny, fast, and stable forever (unlike a library RNG whose stream may change).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// One item, each as likely as its weight.
    pub fn weighted<'a, T>(&mut self, items: &'a [T], weight: fn(&T) -> u64) -> &'a T {
        let total: u64 = items.iter().map(weight).sum();
        let mut at = self.below(total);
        for item in items {
            if at < weight(item) {
                return item;
            }
            at -= weight(item);
        }
        unreachable!("below(total) is under the sum of the weights")
    }
}

/// What `fill` made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub people: u32,
    pub episodes: u32,
    pub contacts: u32,
    /// ONS4 and PAM records.
    pub outcomes: u32,
    pub assets: u32,
    pub onward: u32,
}

/// Fills an empty, unlocked vault with `people` people, relative to the session's today. One
/// transaction through the store's write path: all of it, or none.
pub fn fill(session: &Session, people: u32, seed: u64) -> Result<DemoSummary, ApiError> {
    session.with_vault(|v| Ok(v.write(|tx| fill_in(tx, people, seed))?))
}

/// As [`fill`], inside a transaction the caller holds.
pub fn fill_in(tx: &Tx<'_>, people: u32, seed: u64) -> Result<DemoSummary, StoreError> {
    if !people_store::is_empty(tx.read())? || linkwork_store::assets::count(tx.read())? > 0 {
        return Err(linkwork_core::ValidationError::new(
            "people",
            "Demo data only goes into an empty vault, so it can never mix with real records. Create a new vault for it.",
        )
        .into());
    }
    let today = tx.today();
    linkwork_store::settings::set_outcomes(tx, Default::default(), Some(demo_cutoffs()))?;
    let mut rng = Rng::new(seed);
    let mut summary = DemoSummary {
        people: 0,
        episodes: 0,
        contacts: 0,
        outcomes: 0,
        assets: 0,
        onward: 0,
    };
    // Assets and onward referrals draw from their own stream, so adding them left every existing
    // demo person exactly as it was.
    let mut arng = Rng::new(seed ^ 0xA55E_7000);
    let directory = demo_assets(tx, &mut arng, (people * 2).clamp(120, 400))?;
    summary.assets = directory.len() as u32;
    for k in 0..people {
        let p = crate::people::person(&mut rng, k, today);
        let age_days = rng.range(0, 420);
        let received = today - Duration::days(age_days);
        let (name, role, org, source) = *rng.pick(REFERRERS);
        let mut reasons: Vec<(ReferralReason, NeedCategory)> = (0..rng.range(1, 3))
            .map(|_| {
                let (r, _, c) = *rng.weighted(REASONS, |r| r.1);
                (r, c)
            })
            .collect();
        reasons.sort();
        reasons.dedup();
        let categories: Vec<NeedCategory> = reasons.iter().map(|r| r.1).collect();
        let referral = ReferralInput {
            received_on: received,
            method: *rng.pick(&[
                ReferralMethod::SecureEmail,
                ReferralMethod::NhsErs,
                ReferralMethod::Phone,
                ReferralMethod::SecureMessaging,
                ReferralMethod::SelfReferral,
            ]),
            source,
            priority: if rng.chance(8) {
                Priority::Urgent
            } else {
                Priority::Routine
            },
            referrer_name: Some(name.into()),
            referrer_role: Some(role.into()),
            referrer_organisation: Some(org.into()),
            referrer_ods: None,
            reasons: reasons.iter().map(|r| r.0).collect(),
            notes: None,
        };
        let added = episodes::add_referral(
            tx,
            Referred::Person {
                details: Box::new(p),
                allow_possible_duplicate: true,
                identity: None,
            },
            &referral,
        )?;
        summary.people += 1;
        summary.episodes += 1;
        // Recent referrals are often still waiting; older ones mostly engaged and many closed.
        let waiting = age_days < 21 && rng.chance(70);
        if waiting {
            episodes::update_offer(tx, &added.episode_id, Some(received), None, None)?;
            // Tries at a first contact that have not reached them yet.
            for _ in 0..rng.below(3) {
                let on = received + Duration::days(rng.range(1, age_days.max(1)));
                contacts::add_contact(
                    tx,
                    &ContactInput {
                        episode_id: added.episode_id.clone(),
                        occurred_at: on.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap()),
                        contact_type: *rng.pick(&[ContactType::Phone, ContactType::TextMessage]),
                        duration_minutes: None,
                        outcome: *rng
                            .pick(&[ContactOutcome::UnableToContact, ContactOutcome::LeftMessage]),
                        notes: None,
                    },
                )?;
                summary.contacts += 1;
            }
            continue;
        }
        let first_gap = rng.range(1, 20).min(age_days.max(1));
        let contacts = rng.range(2, 12);
        let mut day = received + Duration::days(first_gap);
        let mut wellbeing = Trajectory::new(&mut rng);
        let mut last_measured: Option<NaiveDate> = None;
        for c in 0..contacts {
            if day > today {
                break;
            }
            let contact_type = match rng.below(100) {
                0..=79 => ContactType::Phone,
                80..=89 => ContactType::FaceToFace,
                90..=94 => ContactType::HomeVisit,
                95..=97 => ContactType::Group,
                _ => ContactType::Video,
            };
            let outcome = if c == 0 || rng.chance(85) {
                ContactOutcome::TookPlace
            } else {
                *rng.pick(&[
                    ContactOutcome::DidNotAttend,
                    ContactOutcome::UnableToContact,
                    ContactOutcome::CancelledByPerson,
                    ContactOutcome::CancelledByLinkWorker,
                ])
            };
            let at = day.and_time(
                NaiveTime::from_hms_opt(
                    rng.range(9, 16) as u32,
                    [0, 15, 30, 45][rng.below(4) as usize],
                    0,
                )
                .unwrap(),
            );
            let contact_id = contacts::add_contact(
                tx,
                &ContactInput {
                    episode_id: added.episode_id.clone(),
                    occurred_at: at,
                    contact_type,
                    duration_minutes: (outcome == ContactOutcome::TookPlace)
                        .then(|| [15, 20, 30, 45, 60, 90][rng.below(6) as usize]),
                    outcome,
                    notes: Some(rng.pick(NOTES).to_string()),
                },
            )?;
            summary.contacts += 1;
            // A baseline at the first contact for most people; a follow-up every six weeks or so.
            let measure = match last_measured {
                None => rng.chance(80),
                Some(last) => day - last >= Duration::days(42) && rng.chance(70),
            };
            if outcome == ContactOutcome::TookPlace && measure {
                summary.outcomes +=
                    wellbeing.record(tx, &mut rng, &added.episode_id, Some(contact_id), day)?;
                last_measured = Some(day);
            }
            day += Duration::days(rng.range(5, 21));
        }
        let first_seen = received + Duration::days(first_gap);
        // The referrer offered social prescribing; the person accepted at the first call. No
        // random draw here, so every other demo value stays as it was.
        episodes::update_offer(
            tx,
            &added.episode_id,
            Some(received),
            Some(first_seen.min(today)),
            None,
        )?;
        let last_seen = day.min(today);
        if last_seen > first_seen {
            summary.onward += demo_onward(
                tx,
                &mut arng,
                &directory,
                &added.episode_id,
                &categories,
                (first_seen, last_seen),
            )?;
        }
        episodes::update_plan(
            tx,
            &added.episode_id,
            &PlanInput {
                what_matters: Some(
                    "Feeling part of the community again and getting on top of money worries."
                        .into(),
                ),
                needs: vec![*rng.pick(NeedCategory::ALL)],
                next_review_on: Some(today + Duration::days(rng.range(-10, 40))),
            },
        )?;
        for _ in 0..rng.range(1, 3) {
            let status = *rng.pick(GoalStatus::ALL);
            let goal = *rng.pick(GOALS);
            plan::add_goal(tx, &added.episode_id, goal, rng.range(3, 10) as u8, status)?;
        }
        if rng.chance(60) {
            plan::add_action(
                tx,
                &added.episode_id,
                "Link worker",
                "Send details of the Tuesday walking group",
                Some(today + Duration::days(rng.range(-5, 14))),
            )?;
        }
        if rng.chance(6) {
            risks::raise_concern(
                tx,
                &added.person_id,
                &risks::ConcernInput {
                    raised_on: received + Duration::days(first_gap),
                    raised_by: Some("The person, on the phone".into()),
                    concern: "Said they sometimes feel there is no point going on.".into(),
                    level: RiskLevel::High,
                    action_taken: Some(
                        "Discussed with GP the same day; crisis line number given.".into(),
                    ),
                },
            )?;
        }
        // Most people are discharged within three to four months, so an older referral is usually closed.
        let closable = day.min(today) - received > Duration::days(70);
        if age_days > 150 || (closable && rng.chance(60)) {
            let reason = *rng.pick(&[
                CloseReason::GoalsMet,
                CloseReason::GoalsMet,
                CloseReason::GoalsMet,
                CloseReason::UnableToContact,
                CloseReason::Declined,
                CloseReason::ReferredElsewhere,
                CloseReason::MovedAway,
            ]);
            if reason == CloseReason::GoalsMet
                && last_measured.is_some_and(|d| d < day.min(today))
                && rng.chance(75)
            {
                summary.outcomes +=
                    wellbeing.record(tx, &mut rng, &added.episode_id, None, day.min(today))?;
            }
            episodes::close_episode(tx, &added.episode_id, day.min(today), reason, None)?;
        }
    }
    Ok(summary)
}

/// The demo organisation's PAM cut-offs: made up for the demo (Linkwork ships no score-to-level
/// mapping; a real organisation enters the licensed tool's in Settings). The demo saves them as
/// its settings, so its levels agree with its scores and none is flagged.
fn demo_cutoffs() -> PamCutoffs {
    let s = |t| PamScore::from_tenths(t).expect("in range");
    PamCutoffs::new(s(450), s(550), s(650)).expect("increasing")
}

/// One person's wellbeing over an episode: starts lowish, drifts towards better with noise, and
/// for some people gets worse. PAM (for about a third) moves with it; its level follows the demo
/// organisation's cut-offs.
struct Trajectory {
    ons4: [i64; 4],
    trend: i64,
    pam: Option<i64>,
    records: u32,
}

impl Trajectory {
    fn new(rng: &mut Rng) -> Self {
        Self {
            ons4: [
                rng.range(1, 7),
                rng.range(2, 7),
                rng.range(1, 7),
                rng.range(3, 9),
            ],
            trend: *rng.pick(&[-1, 0, 1, 1, 1, 2, 2]),
            pam: rng.chance(35).then(|| rng.range(380, 640)),
            records: 0,
        }
    }

    fn record(
        &mut self,
        tx: &Tx<'_>,
        rng: &mut Rng,
        episode_id: &EpisodeId,
        contact_id: Option<ContactId>,
        on: NaiveDate,
    ) -> Result<u32, StoreError> {
        if self.records > 0 {
            for (i, v) in self.ons4.iter_mut().enumerate() {
                let step = self.trend + rng.range(-1, 1);
                *v = (*v + if i == 3 { -step } else { step }).clamp(0, 10);
            }
        }
        let declined = rng.chance(4).then(|| rng.below(4) as usize);
        let answers = Ons4Answers(std::array::from_fn(|i| {
            (Some(i) != declined).then_some(self.ons4[i] as u8)
        }));
        oc::add_ons4(
            tx,
            &Ons4Input {
                episode_id: episode_id.clone(),
                contact_id: contact_id.clone(),
                recorded_on: on,
                answers,
            },
        )?;
        let mut n = 1;
        if let Some(score) = self.pam.as_mut() {
            if self.records > 0 {
                let gain = self.trend * 20 + rng.range(-25, 40);
                *score = (*score + gain).clamp(0, 1000);
            }
            let score = PamScore::from_tenths(*score as u16).expect("clamped to 0..=1000");
            let input = PamInput {
                episode_id: episode_id.clone(),
                contact_id,
                recorded_on: on,
                score,
                level: demo_cutoffs().level_for(score),
                version: PamVersion::Pam13,
            };
            oc::add_pam(tx, &input)?;
            n += 1;
        }
        self.records += 1;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn the_generator_is_stable() {
        let mut r = Rng::new(7);
        let first: Vec<u64> = (0..3).map(|_| r.below(1000)).collect();
        let mut r = Rng::new(7);
        assert_eq!(first, (0..3).map(|_| r.below(1000)).collect::<Vec<_>>());
    }
}
