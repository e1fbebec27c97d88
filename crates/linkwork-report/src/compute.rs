//! Figures from the records. Records entered in error were never counted: the person record keeps
//! them apart (`entered_in_error` on contacts and onward referrals, `in_error` for outcomes), and
//! every loop below skips them. Nothing here copies a name, a date of birth or free text.

use crate::figures::*;
use chrono::{Duration, NaiveDate};
use linkwork_core::{
    caseload::{first_contact_shares, EpisodeView, PersonRecord, SAFE_CASELOAD_MAX},
    coding::{checklist_of, everyone_lines, CodeMaps, EnteredMark},
    groups::{Attendance, RegisterLine},
    outcomes::{summarise, EpisodeRecords, Ons4Answers, Ons4Item as Item, PamScore},
    outreach::OutreachOutcome,
    settings::WholeTimeEquivalent,
    vocab::{Barrier, ContactOutcome, ContactType, EpisodeStatus, OnwardOutcome},
};
use std::collections::HashSet;

/// Directory figures the person records do not hold.
#[derive(Debug, Clone, Copy, Default)]
pub struct AssetCounts {
    pub stale: u64,
    pub closed: u64,
}

pub struct Source<'a> {
    pub worker: String,
    pub from: NaiveDate,
    /// The period's last day: every wait and status is as it stood at its end, so the figures for a
    /// past period are the same whenever they are made.
    pub to: NaiveDate,
    pub data_version: u32,
    pub people: &'a [PersonRecord],
    pub marks: &'a [EnteredMark],
    pub map: &'a CodeMaps,
    pub assets: AssetCounts,
    pub wte: WholeTimeEquivalent,
    /// Calls to people on outreach lists: (list, person on it, day, outcome). Those outside the
    /// period are left out here.
    pub outreach: &'a [(String, String, NaiveDate, OutreachOutcome)],
    /// Group registers' rows whose contacts stand; those outside the period are left out here.
    pub register: &'a [RegisterLine],
}

fn bump(c: &mut Counts, key: &str) {
    *c.entry(key.to_owned()).or_default() += 1;
}

fn bump2(c: &mut Counts2, a: &str, b: &str) {
    bump(c.entry(a.to_owned()).or_default(), b);
}

/// The episode's status at the end of `to`: closed by then, seen by then, or still waiting.
fn status_at(e: &EpisodeView, first: Option<NaiveDate>, to: NaiveDate) -> EpisodeStatus {
    if e.closed_on.is_some_and(|c| c <= to) {
        EpisodeStatus::Closed
    } else if first.is_some_and(|f| f <= to) {
        EpisodeStatus::Active
    } else {
        EpisodeStatus::Waiting
    }
}

/// A new referral of someone whose earlier episode closed in the 12 months before it arrived.
fn re_referral(p: &PersonRecord, e: &EpisodeView) -> bool {
    let year_before = e.referral_received_on - Duration::days(365);
    p.episodes.iter().any(|o| {
        o.id != e.id
            && o.referral_received_on < e.referral_received_on
            && o.closed_on
                .is_some_and(|c| c >= year_before && c <= e.referral_received_on)
    })
}

pub fn compute(s: &Source<'_>) -> Figures {
    let (from, to) = (s.from, s.to);
    let in_period = |d: NaiveDate| d >= from && d <= to;
    let open_at_start =
        |e: &EpisodeView| e.referral_received_on < from && e.closed_on.is_none_or(|c| c >= from);
    let open_at_end =
        |e: &EpisodeView| e.referral_received_on <= to && e.closed_on.is_none_or(|c| c > to);
    let open_in_period =
        |e: &EpisodeView| e.referral_received_on <= to && e.closed_on.is_none_or(|c| c >= from);

    let (mut caseload, mut activity, mut referrals, mut onward, mut gaps) = (
        Caseload::default(),
        Activity::default(),
        Referrals::default(),
        Onward::default(),
        Gaps::default(),
    );
    let (mut seen, mut supported) = (HashSet::new(), HashSet::new());
    let year_before = to - Duration::days(365);
    let mut cohort = vec![];
    let mut records = vec![];
    let (mut episodes_supported, mut no_outcome_recorded) = (0, 0);
    let mut practices: std::collections::BTreeMap<String, PracticeFigures> = Default::default();
    // Each practice's outcome records, summarised apart.
    let mut practice_records: std::collections::BTreeMap<String, Vec<EpisodeRecords>> =
        Default::default();

    let mut reach = Reach::default();
    for p in s.people {
        let (key, name) = practice_at(p, to);
        let who = reach_keys(p, to);
        for e in &p.episodes {
            let pf = practices
                .entry(key.clone())
                .or_insert_with(|| PracticeFigures {
                    name: name.clone(),
                    ..Default::default()
                });
            let first = e.first_contact_on();
            caseload.open_at_start += u64::from(open_at_start(e));
            if open_at_end(e) {
                caseload.open_at_end += 1;
                caseload.waiting_at_end += u64::from(first.is_none_or(|f| f > to));
            }
            if let (Some(on), Some(reason)) = (e.closed_on, e.close_reason) {
                if in_period(on) {
                    bump(&mut caseload.closed, reason.slug());
                }
            }
            if let Some(f) = first.filter(|f| in_period(*f)) {
                let days = (f - e.referral_received_on).num_days().max(0) as u32;
                *caseload.days_to_first_contact.entry(days).or_default() += 1;
                *pf.days_to_first_contact.entry(days).or_default() += 1;
            }
            if in_period(e.referral_received_on) {
                reach.count(&who, |c| c.referrals += 1);
                caseload.new_referrals += 1;
                pf.new_referrals += 1;
                caseload.re_referrals += u64::from(re_referral(p, e));
                cohort.push((
                    e.referral_received_on,
                    first.filter(|f| *f <= to),
                    status_at(e, first, to),
                ));
                bump(
                    &mut referrals.by_source,
                    e.referral_source.map_or("not_recorded", |s| s.slug()),
                );
                bump(&mut referrals.by_method, e.referral_method.slug());
                let needs = e.referral_reasons.iter().map(|r| r.slug());
                for n in needs.chain(e.referral_categories.iter().map(|c| c.slug())) {
                    bump(&mut referrals.by_need, n);
                }
                for t in &p.person.tags {
                    bump(&mut referrals.by_group, t.slug());
                }
            }
            for c in e.contacts.iter().filter(|c| c.entered_in_error.is_none()) {
                let on = c.occurred_at.date();
                let took_place = c.outcome == ContactOutcome::TookPlace;
                if took_place && on >= year_before && on <= to {
                    supported.insert(&p.person.id);
                }
                if !in_period(on) {
                    continue;
                }
                bump2(
                    &mut activity.contacts,
                    c.contact_type.slug(),
                    c.outcome.slug(),
                );
                if took_place {
                    activity.minutes += u64::from(c.duration_minutes.unwrap_or(0));
                    seen.insert(&p.person.id);
                    pf.contacts_took_place += 1;
                }
            }
            let live_onward: Vec<_> = e
                .onward
                .iter()
                .filter(|o| o.entered_in_error.is_none())
                .collect();
            for o in live_onward.iter().filter(|o| in_period(o.referred_on)) {
                let cat = o.category.slug();
                bump2(&mut onward.by_kind, cat, o.kind.slug());
                bump2(&mut onward.by_outcome, cat, o.outcome.slug());
                for b in &o.barriers {
                    bump2(&mut onward.barriers, cat, b.slug());
                }
                if o.barriers.contains(&Barrier::NoProvision) {
                    bump(&mut gaps.no_provision, cat);
                }
                if o.outcome == OnwardOutcome::ServiceFull {
                    bump(&mut gaps.service_full, cat);
                    bump(&mut gaps.full_assets, &o.asset_name);
                }
            }
            let seen_in_period = e.contacts.iter().any(|c| {
                c.entered_in_error.is_none()
                    && c.outcome == ContactOutcome::TookPlace
                    && in_period(c.occurred_at.date())
            });
            if seen_in_period {
                reach.count(&who, |c| c.supported += 1);
                episodes_supported += 1;
                pf.episodes_supported += 1;
                let any_outcome = e.outcomes.ons4.iter().any(|r| r.recorded_on <= to)
                    || e.outcomes.pam.iter().any(|r| r.recorded_on <= to);
                no_outcome_recorded += u64::from(!any_outcome);
            }
            if open_in_period(e) {
                for need in &e.plan_needs {
                    let met = live_onward
                        .iter()
                        .any(|o| o.category == *need && o.referred_on <= to);
                    if !met {
                        bump(&mut gaps.needs_without_onward, need.slug());
                    }
                }
            }
            let recs = outcome_records(e);
            practice_records
                .entry(key.clone())
                .or_default()
                .push(recs.clone());
            records.push(recs);
        }
    }
    for (key, recs) in &practice_records {
        let sum = summarise(from, to, recs);
        if let (Some(pf), Some(ls)) = (
            practices.get_mut(key),
            sum.items.iter().find(|i| i.item == Item::LifeSatisfaction),
        ) {
            pf.life_satisfaction_compared = ls.n.into();
            pf.life_satisfaction_improved = ls.improved.into();
        }
    }
    let (within7, waited14) = first_contact_shares(&cohort, to);
    caseload.contacted_within_7_days = Share {
        num: within7.n.into(),
        den: within7.of.into(),
    };
    caseload.waited_14_days_or_more = Share {
        num: waited14.n.into(),
        den: waited14.of.into(),
    };
    caseload.supported_last_12_months = supported.len() as u64;
    caseload.safe_maximum = s.wte.scale(SAFE_CASELOAD_MAX).into();
    activity.people_seen = seen.len() as u64;
    reach.carers_supported = s
        .people
        .iter()
        .filter(|p| seen.contains(&p.person.id))
        .filter(|p| {
            p.person
                .tags
                .contains(&linkwork_core::vocab::GroupTag::Carers)
                || linkwork_core::carers::cares_between(&p.carers, from, to)
        })
        .count() as u64;
    gaps.stale_assets = s.assets.stale;
    gaps.closed_assets = s.assets.closed;

    let summary = summarise(from, to, &records);
    let outcomes = Outcomes {
        ons4_compared: summary.ons4_people.into(),
        ons4_baseline_only: summary.ons4_baseline_only.into(),
        ons4: summary
            .items
            .iter()
            .map(|i| {
                (
                    i.item.slug().to_owned(),
                    Ons4Item {
                        n: i.n.into(),
                        sum_change: i.sum_change.into(),
                        improved: i.improved.into(),
                        same: i.same.into(),
                        worse: i.worse.into(),
                        started_in_concern_band: i.started_in_concern_band.into(),
                        left_concern_band: i.moved_out_of_concern_band.into(),
                    },
                )
            })
            .collect(),
        pam: Pam {
            n: summary.pam.n.into(),
            sum_change_tenths: summary.pam.sum_change_tenths.into(),
            pairs_within_year: summary.pam.pairs_within_year.into(),
            gained_3_within_year: summary.pam.gained_3_within_year.into(),
            baseline_only: summary.pam.baseline_only.into(),
            mixed_versions: summary.pam.mixed_versions.into(),
        },
        episodes_supported,
        no_outcome_recorded,
    };

    Figures {
        format: FORMAT.into(),
        version: VERSION,
        data_version: s.data_version,
        app_version: env!("CARGO_PKG_VERSION").into(),
        worker: s.worker.clone(),
        from,
        to,
        caseload,
        activity,
        referrals,
        onward,
        gaps,
        outcomes,
        coding: coding(s),
        practices,
        outreach: outreach(s),
        groups: groups(s),
        reach,
    }
}

/// A person's row in each "who is reached" table: age band on `to`, sex, broad ethnic group.
fn reach_keys(p: &PersonRecord, to: NaiveDate) -> [&'static str; 3] {
    let d = &p.person;
    const NONE: &str = "not_recorded";
    [
        d.date_of_birth
            .and_then(|dob| linkwork_core::reach::age_band(dob, to))
            .map_or(NONE, |b| b.slug()),
        d.profile.sex.map_or(NONE, |x| x.slug()),
        d.profile.ethnic_group.map_or(NONE, |e| e.broad().slug()),
    ]
}

impl Reach {
    fn count(&mut self, keys: &[&str; 3], f: impl Fn(&mut ReachCounts)) {
        f(self.by_age.entry(keys[0].into()).or_default());
        f(self.by_sex.entry(keys[1].into()).or_default());
        f(self.by_ethnic_group.entry(keys[2].into()).or_default());
    }
}

/// Groups in the period: what ran, who came, and who was reached through groups alone.
fn groups(s: &Source<'_>) -> Groups {
    use std::collections::BTreeSet;
    let rows: Vec<_> = s
        .register
        .iter()
        .filter(|r| r.on >= s.from && r.on <= s.to)
        .collect();
    let came: BTreeSet<_> = rows
        .iter()
        .filter(|r| r.attendance == Attendance::Attended)
        .map(|r| &r.person)
        .collect();
    let only = s
        .people
        .iter()
        .filter(|p| came.contains(&p.person.id))
        .filter(|p| {
            !p.episodes.iter().flat_map(|e| &e.contacts).any(|c| {
                c.entered_in_error.is_none()
                    && c.outcome == ContactOutcome::TookPlace
                    && c.contact_type != ContactType::Group
                    && c.occurred_at.date() >= s.from
                    && c.occurred_at.date() <= s.to
            })
        })
        .count();
    Groups {
        groups_run: rows.iter().map(|r| &r.group).collect::<BTreeSet<_>>().len() as u64,
        sessions: rows
            .iter()
            .map(|r| &r.session)
            .collect::<BTreeSet<_>>()
            .len() as u64,
        attendances: rows
            .iter()
            .filter(|r| r.attendance == Attendance::Attended)
            .count() as u64,
        people_attending: came.len() as u64,
        only_through_groups: only as u64,
    }
}

/// Outreach in the period, each list and person counted once.
fn outreach(s: &Source<'_>) -> Outreach {
    use std::collections::BTreeSet;
    let calls: Vec<_> = s
        .outreach
        .iter()
        .filter(|(_, _, on, _)| *on >= s.from && *on <= s.to)
        .collect();
    let people = |keep: &dyn Fn(OutreachOutcome) -> bool| {
        calls
            .iter()
            .filter(|(_, _, _, o)| keep(*o))
            .map(|(_, e, _, _)| e)
            .collect::<BTreeSet<_>>()
            .len() as u64
    };
    Outreach {
        lists_worked: calls.iter().map(|(l, ..)| l).collect::<BTreeSet<_>>().len() as u64,
        people_tried: people(&|_| true),
        reached: people(&|o| !o.is_attempt_only() && o != OutreachOutcome::DiedOrMoved),
        accepted: people(&|o| o == OutreachOutcome::Accepted),
        declined: people(&|o| o == OutreachOutcome::Declined),
    }
}

/// The practice a person was registered at on `to` (their newest registration from before it;
/// else their first), as (key, name): its ODS code, else its name in lower case; `not_recorded`
/// when none is known.
fn practice_at(p: &PersonRecord, to: NaiveDate) -> (String, String) {
    let h = &p.practice_history;
    let at = h.iter().find(|r| r.since <= to).or_else(|| h.last());
    let (name, code) = match at {
        Some(r) => (r.name.clone(), r.ods_code.clone()),
        None if p.person.practice_id.is_some() => (
            p.person.gp_practice_name.clone(),
            p.person.gp_practice_ods.clone(),
        ),
        None => (None, None),
    };
    match (name, code) {
        (name, Some(code)) => (code.clone(), name.unwrap_or(code)),
        (Some(name), None) => (name.trim().to_lowercase(), name),
        (None, None) => ("not_recorded".into(), "Not recorded".into()),
    }
}

fn outcome_records(e: &EpisodeView) -> EpisodeRecords {
    EpisodeRecords {
        closed_on: e.closed_on,
        ons4: e
            .outcomes
            .ons4
            .iter()
            .map(|r| {
                let mut a = [None; 4];
                for (slot, score) in a.iter_mut().zip(&r.items) {
                    *slot = score.value;
                }
                (r.recorded_on, Ons4Answers(a))
            })
            .collect(),
        pam: e
            .outcomes
            .pam
            .iter()
            .filter_map(|r| {
                let tenths = (r.score * 10.0).round() as u16;
                Some((r.recorded_on, PamScore::from_tenths(tenths)?, r.version))
            })
            .collect(),
    }
}

fn coding(s: &Source<'_>) -> Coding {
    let marked: HashSet<&str> = s.marks.iter().map(|m| m.key.as_str()).collect();
    let lines = everyone_lines(s.people, s.map);
    let mut c = Coding::default();
    for l in lines.iter().flat_map(|(_, l)| l) {
        // Text lines are not keyed in; lines the referrer codes are not the link worker's to enter.
        if l.concept_id.is_none() || l.by_referrer || l.on > s.to {
            continue;
        }
        let entered = marked.contains(l.key.as_str());
        if l.on >= s.from {
            c.due += 1;
            c.entered += u64::from(entered);
        }
        c.outstanding_all += u64::from(!entered);
    }
    c.corrections_waiting = checklist_of(s.people, &lines, s.marks, s.map)
        .to_correct
        .len() as u64;
    c
}

/// The calendar month before `today`'s: the report's default period.
pub fn last_month(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    use chrono::Datelike;
    let first_of_this = today.with_day(1).expect("day 1 exists");
    let to = first_of_this - Duration::days(1);
    (to.with_day(1).expect("day 1 exists"), to)
}
