//! `linkwork demo`: deterministic, realistic fake caseloads for screenshots, tests and benchmarks.
//! Same seed and same "today" give the same data. NHS numbers come from the test range
//! (999 000 0000 – 999 999 9999), which is never issued to a real person.
//!
//! Architecture invariant: it writes only through the store's one write path, inside the caller's
//! transaction, and only into an empty vault. Everything outside the API reaches it through the
//! `demo_fill` command.

mod assets;
mod people;

use assets::{demo_assets, demo_onward};
use chrono::{Duration, NaiveDate, NaiveTime};
use linkwork_core::{
    caseload::Correctable,
    ids::{ContactId, EpisodeId},
    outcomes::{Ons4Answers, PamCutoffs, PamScore, PamVersion},
    vocab::{
        CloseReason, ContactOutcome, ContactType, GoalStatus, NeedCategory, Priority,
        ReferralMethod, ReferralReason, RiskLevel,
    },
};
use linkwork_store::{
    contacts::{self, ContactInput},
    corrections,
    episodes::{self, PlanInput, ReferralAdded, ReferralInput, Referred},
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

/// How much to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub people: u32,
    /// Referrals arrive over this many days before today.
    pub span_days: i64,
    pub assets: u32,
    /// The share of people with a closed episode who are referred again later.
    pub rereferral_percent: u64,
    /// Contacts planned per episode (fewer happen when the episode is recent).
    pub contacts: (i64, i64),
    /// Onward referrals per episode: from none up to this.
    pub onward_most: i64,
    /// About one contact in a hundred entered in error, and GP lines older than 90 days marked as
    /// entered, as in a vault that has been in use.
    pub lived_in: bool,
}

impl Size {
    /// The classic demo: `n` people referred over the last 14 months.
    pub fn people(n: u32) -> Self {
        Self {
            people: n,
            span_days: 420,
            assets: (n * 2).clamp(120, 400),
            rereferral_percent: 0,
            contacts: (2, 12),
            onward_most: 3,
            lived_in: false,
        }
    }

    /// `years` link-worker-years (for benchmarks): per year about 300 people, 360 episodes, 3,000
    /// contacts, 1,200 outcome records, 1,000 directory entries and 800 onward referrals.
    pub fn years(years: u32) -> Self {
        Self {
            people: 300 * years,
            span_days: 365 * i64::from(years),
            assets: 1000 * years,
            // Over a longer span nearly every closed episode has time to be followed by another
            // referral, so the chance falls with the span: about 1.2 episodes a person either way.
            rereferral_percent: 20 + 50 / u64::from(years.max(1)),
            // Likewise fewer recent (unfinished) episodes: about 3,000 contacts a year either way.
            contacts: (6, 12 + 6 / i64::from(years.max(1))),
            onward_most: 5,
            lived_in: true,
        }
    }
}

/// Fills an empty vault with `people` people, relative to the transaction's today, inside a
/// transaction the caller holds: all of it, or none.
pub fn fill_in(tx: &Tx<'_>, people: u32, seed: u64) -> Result<DemoSummary, StoreError> {
    fill_in_sized(tx, Size::people(people), seed)
}

/// As [`fill_in`], at any [`Size`]. (The `demo_fill` command also marks a lived-in vault's older
/// GP lines as entered.)
pub fn fill_in_sized(tx: &Tx<'_>, size: Size, seed: u64) -> Result<DemoSummary, StoreError> {
    let people = size.people;
    if !people_store::is_empty(tx.read())? || linkwork_store::assets::count(tx.read())? > 0 {
        return Err(linkwork_core::ValidationError::new(
            "people",
            "Demo data only goes into an empty vault, so it can never mix with real records. Create a new vault for it.",
        )
        .into());
    }
    let today = tx.today();
    linkwork_store::settings::set_outcomes(tx, Default::default(), Some(demo_cutoffs()))?;
    for (name, code, system) in people::PRACTICES {
        linkwork_store::practices::save(
            tx,
            &linkwork_store::practices::PracticeInput {
                id: None,
                name: name.to_string(),
                ods_code: Some(code.to_string()),
                gp_system: *system,
            },
        )?;
    }
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
    let directory = demo_assets(tx, &mut arng, size.assets)?;
    summary.assets = directory.len() as u32;
    // Re-referrals and corrections draw from streams of their own too.
    let mut again = (size.rereferral_percent > 0).then(|| Rng::new(seed ^ 0x5EC0_4D00));
    let mut errors = size.lived_in.then(|| Rng::new(seed ^ 0xE440_0000));
    for k in 0..people {
        let p = crate::people::person(&mut rng, k, today);
        let age_days = rng.range(0, size.span_days);
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
        let closed = life(
            tx,
            Life {
                rng: &mut rng,
                arng: &mut arng,
                errors: errors.as_mut(),
                directory: &directory,
                summary: &mut summary,
                size,
            },
            &added,
            received,
            age_days,
            &categories,
        )?;
        // Some people come back: a new referral a while after the last one closed.
        if let (Some(closed), Some(r)) = (closed, again.as_mut()) {
            if r.chance(size.rereferral_percent) {
                let received = closed + Duration::days(r.range(20, 240));
                if received <= today {
                    let referral = ReferralInput {
                        received_on: received,
                        ..referral.clone()
                    };
                    let added = episodes::add_referral(
                        tx,
                        Referred::Existing(added.person_id.clone(), None),
                        &referral,
                    )?;
                    summary.episodes += 1;
                    let mut arng2 = Rng::new(r.next_u64());
                    life(
                        tx,
                        Life {
                            rng: r,
                            arng: &mut arng2,
                            errors: errors.as_mut(),
                            directory: &directory,
                            summary: &mut summary,
                            size,
                        },
                        &added,
                        received,
                        (today - received).num_days(),
                        &categories,
                    )?;
                }
            }
        }
    }
    Ok(summary)
}

/// What one episode's life draws on and adds to.
struct Life<'a> {
    rng: &'a mut Rng,
    arng: &'a mut Rng,
    errors: Option<&'a mut Rng>,
    directory: &'a [(linkwork_core::ids::AssetId, NeedCategory)],
    summary: &'a mut DemoSummary,
    size: Size,
}

/// An episode from its referral on: tries at a first contact while it waits, or contacts,
/// outcomes, onward referrals, a plan, perhaps a risk, and closing. Returns the closing day.
fn life(
    tx: &Tx<'_>,
    l: Life<'_>,
    added: &ReferralAdded,
    received: NaiveDate,
    age_days: i64,
    categories: &[NeedCategory],
) -> Result<Option<NaiveDate>, StoreError> {
    let Life {
        rng,
        arng,
        mut errors,
        directory,
        summary,
        size,
    } = l;
    let today = tx.today();
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
        return Ok(None);
    }
    let first_gap = rng.range(1, 20).min(age_days.max(1));
    let contacts = rng.range(size.contacts.0, size.contacts.1);
    let mut day = received + Duration::days(first_gap);
    let mut wellbeing = Trajectory::new(rng);
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
        if let Some(e) = errors.as_deref_mut() {
            if e.chance(1) {
                corrections::mark_entered_in_error(
                    tx,
                    &Correctable::Contact(contact_id.clone()),
                    "Recorded on the wrong person",
                )?;
            }
        }
        // A baseline at the first contact for most people; a follow-up every six weeks or so.
        let measure = match last_measured {
            None => rng.chance(80),
            Some(last) => day - last >= Duration::days(42) && rng.chance(70),
        };
        if outcome == ContactOutcome::TookPlace && measure {
            summary.outcomes +=
                wellbeing.record(tx, rng, &added.episode_id, Some(contact_id), day)?;
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
            arng,
            directory,
            &added.episode_id,
            categories,
            (first_seen, last_seen),
            size.onward_most,
        )?;
    }
    episodes::update_plan(
        tx,
        &added.episode_id,
        &PlanInput {
            what_matters: Some(
                "Feeling part of the community again and getting on top of money worries.".into(),
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
    let mut concern = None;
    if rng.chance(6) {
        let raised_on = received + Duration::days(first_gap);
        // Reviews mostly still ahead, a few just past (worked out without the generator, so the
        // rest of the demo is the same for a seed).
        let ahead = i64::from(chrono::Datelike::ordinal(&raised_on) % 24) - 3;
        concern = Some(risks::raise_concern(
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
                review_on: Some((today + Duration::days(ahead)).max(raised_on + Duration::days(1))),
            },
        )?);
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
                wellbeing.record(tx, rng, &added.episode_id, None, day.min(today))?;
        }
        // Closing asks about each open concern: most close with the episode; one about someone
        // who could not be reached or declined stays open.
        if let Some(id) = concern
            .filter(|_| !matches!(reason, CloseReason::UnableToContact | CloseReason::Declined))
        {
            risks::close_concern(
                tx,
                &id,
                &risks::ConcernEntryInput {
                    recorded_on: day.min(today),
                    note: "Safety plan in place and reviewed with the GP.".into(),
                    action_taken: None,
                    level: None,
                    review_on: None,
                },
            )?;
        }
        episodes::close_episode(tx, &added.episode_id, day.min(today), reason, None)?;
        return Ok(Some(day.min(today)));
    }
    Ok(None)
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
