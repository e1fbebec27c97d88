//! The figures file: exact counts and the sums that means and shares are made from, so that a
//! team's figures are the plain sum of its link workers' (a mean of means would be wrong). It is
//! versioned; the merge reads nothing else. Suppression is never applied here: only when figures
//! are presented (`present.rs`), after any summing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the file says it is, so that any other JSON is refused by name.
pub const FORMAT: &str = "linkwork-monthly-figures";
/// Bumped whenever a field changes meaning; the merge refuses to mix versions.
/// 2: no time of making (figures are as at the period's end, the same whenever made); people
/// supported are episodes with a contact that took place in the period; PAM "gained 3" has its own
/// denominator (pairs within 12 months); re-referrals.
/// 3: figures by GP practice and for proactive outreach (a team merged from version 2 files would
/// lack them).
/// 4: group activities (groups run, sessions, attendances, people reached only through groups);
/// who is reached (referrals and people supported by age band, sex and broad ethnic group; carers
/// supported).
pub const VERSION: u32 = 4;

/// Counts by a stable slug (a vocabulary value, or `not_recorded`).
pub type Counts = BTreeMap<String, u64>;
/// Counts by two slugs (contact type → outcome; category → barrier).
pub type Counts2 = BTreeMap<String, Counts>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub format: String,
    pub version: u32,
    /// The database schema the figures were computed from (for the record; not compared).
    pub data_version: u32,
    pub app_version: String,
    /// Who the figures are for: the link worker's name from Settings (never a patient's).
    pub worker: String,
    pub from: NaiveDate,
    /// Inclusive. Every figure is as at the end of this day, whenever the report is made, so the
    /// file holds no time of making (the report's README and cover say when it was made).
    pub to: NaiveDate,
    pub caseload: Caseload,
    pub activity: Activity,
    pub referrals: Referrals,
    pub onward: Onward,
    pub gaps: Gaps,
    pub outcomes: Outcomes,
    pub coding: Coding,
    /// By the GP practice each person was registered at on the period's last day: its ODS code,
    /// else its name in lower case, else `not_recorded`. The key, not the name, is what a team's
    /// merge matches, so one practice is one row whoever's caseload it is in.
    pub practices: BTreeMap<String, PracticeFigures>,
    pub outreach: Outreach,
    pub groups: Groups,
    pub reach: Reach,
}

/// Who is reached: new referrals and episodes supported in the period, by the person's age band
/// on the period's last day, sex and broad ethnic group (`not_recorded` when none is).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reach {
    pub by_age: BTreeMap<String, ReachCounts>,
    pub by_sex: BTreeMap<String, ReachCounts>,
    pub by_ethnic_group: BTreeMap<String, ReachCounts>,
    /// People seen in the period who cared for someone then (a carer link, or the carers tag).
    pub carers_supported: u64,
}

/// Each adds up, over a dimension's rows, to the caseload's new referrals and the episodes
/// supported.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReachCounts {
    pub referrals: u64,
    pub supported: u64,
}

/// Group activities in the period, from the registers saved (rows corrected since are left out).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Groups {
    /// Groups with a session in the period (groups, not people).
    pub groups_run: u64,
    /// Sessions with a register (sessions, not people).
    pub sessions: u64,
    /// Register rows "came": one per person per session.
    pub attendances: u64,
    /// Different people who came to a group.
    pub people_attending: u64,
    /// Of those, people with no other contact that took place in the period.
    pub only_through_groups: u64,
}

/// Proactive outreach in the period: people on practice searches' lists, by what was done.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outreach {
    /// Lists with a call in the period (lists, not people).
    pub lists_worked: u64,
    /// People called at least once in the period.
    pub people_tried: u64,
    /// Of those, reached (whatever they then decided).
    pub reached: u64,
    /// Of those reached, accepted support (a referral was made).
    pub accepted: u64,
    pub declined: u64,
}

/// One practice's share of the figures (each adds up, over practices, to a figure published
/// elsewhere in the report).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PracticeFigures {
    /// Its name, as the first link worker's Settings give it.
    pub name: String,
    pub new_referrals: u64,
    /// Episodes with a contact that took place in the period.
    pub episodes_supported: u64,
    /// Contacts that took place in the period.
    pub contacts_took_place: u64,
    /// Days from referral to first contact, for first contacts in the period.
    pub days_to_first_contact: BTreeMap<u32, u64>,
    /// People compared on ONS4 life satisfaction, and of those, improved.
    pub life_satisfaction_compared: u64,
    pub life_satisfaction_improved: u64,
}

impl Add for PracticeFigures {
    fn add(&mut self, o: &Self) {
        let Self {
            name,
            new_referrals,
            episodes_supported,
            contacts_took_place,
            days_to_first_contact,
            life_satisfaction_compared,
            life_satisfaction_improved,
        } = o;
        if self.name.is_empty() {
            self.name = name.clone();
        }
        self.new_referrals.add(new_referrals);
        self.episodes_supported.add(episodes_supported);
        self.contacts_took_place.add(contacts_took_place);
        self.days_to_first_contact.add(days_to_first_contact);
        self.life_satisfaction_compared
            .add(life_satisfaction_compared);
        self.life_satisfaction_improved
            .add(life_satisfaction_improved);
    }
}

/// `num` of `den` (a share); presented as a percentage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub num: u64,
    pub den: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Caseload {
    /// Episodes open at the start of the first day.
    pub open_at_start: u64,
    /// Episodes open at the end of the last day.
    pub open_at_end: u64,
    pub new_referrals: u64,
    /// Of the new referrals, those of a person whose earlier episode closed within the 12 months
    /// before this referral arrived.
    pub re_referrals: u64,
    /// Episodes closed in the period, by close reason.
    pub closed: Counts,
    /// Open at the end with no contact that took place yet.
    pub waiting_at_end: u64,
    /// Days from referral to first contact, for first contacts in the period: days → episodes
    /// (a histogram, so a team median is exact).
    pub days_to_first_contact: BTreeMap<u32, u64>,
    /// Of referrals received in the period: first contact within 7 days (of those whose answer is
    /// known at the period's end).
    pub contacted_within_7_days: Share,
    /// Of referrals received in the period: waited 14 days or more for a first contact.
    pub waited_14_days_or_more: Share,
    /// Different people with a contact that took place in the 12 months to the period's end.
    pub supported_last_12_months: u64,
    /// The safe number for the worker's hours (250 a year full time).
    pub safe_maximum: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// Contact type → outcome → contacts.
    pub contacts: Counts2,
    /// Minutes of contacts that took place.
    pub minutes: u64,
    /// Different people with a contact that took place in the period.
    pub people_seen: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Referrals {
    pub by_source: Counts,
    pub by_method: Counts,
    /// Needs and concerns given on the referral (one referral may give several).
    pub by_need: Counts,
    /// The groups (tags) of the people referred.
    pub by_group: Counts,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Onward {
    /// Category → kind (`signpost`, `referral`) → made in the period.
    pub by_kind: Counts2,
    /// Category → outcome → onward referrals made in the period.
    pub by_outcome: Counts2,
    /// Category → barrier → onward referrals made in the period with that barrier.
    pub barriers: Counts2,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Gaps {
    /// Needs agreed in a plan (episodes open in the period) with no onward referral in that category.
    pub needs_without_onward: Counts,
    /// By category: onward referrals made in the period with "lack of provision / waiting list".
    pub no_provision: Counts,
    /// By category: onward referrals made in the period whose outcome was "service full".
    pub service_full: Counts,
    /// Asset name → onward referrals in the period that found it full (the directory is public).
    pub full_assets: Counts,
    /// Active assets in the directory not verified for 12 months at the period's end.
    pub stale_assets: u64,
    /// Assets marked temporarily closed.
    pub closed_assets: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ons4Item {
    /// Episodes compared on this item (baseline and a final or latest record in the period).
    pub n: u64,
    pub sum_change: i64,
    pub improved: u64,
    pub same: u64,
    pub worse: u64,
    /// Of `n`, those whose baseline was in the item's band of concern (low; high for anxiety).
    pub started_in_concern_band: u64,
    pub left_concern_band: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pam {
    pub n: u64,
    pub sum_change_tenths: i64,
    /// Pairs whose later record is within 12 months of the baseline: the "gained 3" denominator.
    pub pairs_within_year: u64,
    /// Of those, gained 3 points or more.
    pub gained_3_within_year: u64,
    pub baseline_only: u64,
    pub mixed_versions: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcomes {
    /// Episodes compared on ONS4 (any item).
    pub ons4_compared: u64,
    /// Episodes open in the period with a baseline ONS4 and no follow-up.
    pub ons4_baseline_only: u64,
    /// By item slug.
    pub ons4: BTreeMap<String, Ons4Item>,
    pub pam: Pam,
    /// People supported in the period: episodes with a contact that took place in it (the waiting
    /// list is not support).
    pub episodes_supported: u64,
    /// Of those, episodes with no ONS4 or PAM record at all by the period's end.
    pub no_outcome_recorded: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Coding {
    /// Coded lines dated in the period (what the GP record should gain).
    pub due: u64,
    /// Of those, marked entered in the GP record.
    pub entered: u64,
    /// Coded lines dated up to the period's end not yet marked entered, whatever their month.
    pub outstanding_all: u64,
    /// Entered lines whose record changed since, waiting for a correction in the GP record.
    pub corrections_waiting: u64,
}

impl Coding {
    pub fn outstanding(&self) -> u64 {
        self.due.saturating_sub(self.entered)
    }
}

/// Adding figures: what the team merge does, field by field.
pub trait Add {
    fn add(&mut self, other: &Self);
}

impl Add for u64 {
    fn add(&mut self, o: &Self) {
        *self += o;
    }
}
impl Add for i64 {
    fn add(&mut self, o: &Self) {
        *self += o;
    }
}
impl Add for Share {
    fn add(&mut self, o: &Self) {
        self.num += o.num;
        self.den += o.den;
    }
}
impl<K: Ord + Clone, V: Add + Default> Add for BTreeMap<K, V> {
    fn add(&mut self, o: &Self) {
        for (k, v) in o {
            self.entry(k.clone()).or_default().add(v);
        }
    }
}

macro_rules! add_fields {
    ($t:ty { $($f:ident),* $(,)? }) => {
        impl Add for $t {
            fn add(&mut self, o: &Self) {
                // Destructured so that a field added later cannot be forgotten here.
                let Self { $($f),* } = o;
                $( self.$f.add($f); )*
            }
        }
    };
}
add_fields!(Caseload {
    open_at_start,
    open_at_end,
    new_referrals,
    re_referrals,
    closed,
    waiting_at_end,
    days_to_first_contact,
    contacted_within_7_days,
    waited_14_days_or_more,
    supported_last_12_months,
    safe_maximum
});
add_fields!(Activity {
    contacts,
    minutes,
    people_seen
});
add_fields!(Referrals {
    by_source,
    by_method,
    by_need,
    by_group
});
add_fields!(Onward {
    by_kind,
    by_outcome,
    barriers
});
add_fields!(Gaps {
    needs_without_onward,
    no_provision,
    service_full,
    full_assets,
    stale_assets,
    closed_assets
});
add_fields!(Ons4Item {
    n,
    sum_change,
    improved,
    same,
    worse,
    started_in_concern_band,
    left_concern_band
});
add_fields!(Pam {
    n,
    sum_change_tenths,
    pairs_within_year,
    gained_3_within_year,
    baseline_only,
    mixed_versions
});
add_fields!(Outcomes {
    ons4_compared,
    ons4_baseline_only,
    ons4,
    pam,
    episodes_supported,
    no_outcome_recorded
});
add_fields!(Outreach {
    lists_worked,
    people_tried,
    reached,
    accepted,
    declined
});
add_fields!(Groups {
    groups_run,
    sessions,
    attendances,
    people_attending,
    only_through_groups
});
add_fields!(Reach {
    by_age,
    by_sex,
    by_ethnic_group,
    carers_supported
});
add_fields!(ReachCounts {
    referrals,
    supported
});
add_fields!(Coding {
    due,
    entered,
    outstanding_all,
    corrections_waiting
});

impl Figures {
    /// The sections added up; the identity fields are left as they are.
    pub fn add_sections(&mut self, o: &Figures) {
        self.caseload.add(&o.caseload);
        self.activity.add(&o.activity);
        self.referrals.add(&o.referrals);
        self.onward.add(&o.onward);
        self.gaps.add(&o.gaps);
        self.outcomes.add(&o.outcomes);
        self.coding.add(&o.coding);
        self.practices.add(&o.practices);
        self.outreach.add(&o.outreach);
        self.groups.add(&o.groups);
        self.reach.add(&o.reach);
    }

    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("figures serialise")
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "October 2026": the month `d` falls in.
pub fn month_label(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", MONTHS[d.month0() as usize], d.year())
}

/// The last day of the month that starts on `first`.
pub fn month_end(first: NaiveDate) -> NaiveDate {
    (first + chrono::Months::new(1)) - chrono::Duration::days(1)
}

/// "October 2026" for a whole calendar month, else "01/10/2026 to 15/10/2026".
pub fn period_label(from: NaiveDate, to: NaiveDate) -> String {
    use chrono::Datelike;
    if from.day() == 1 && to == month_end(from) {
        month_label(from)
    } else {
        use linkwork_core::dates::format_date_gb;
        format!("{} to {}", format_date_gb(from), format_date_gb(to))
    }
}

/// The median of a days → count histogram.
pub fn median(hist: &BTreeMap<u32, u64>) -> Option<f64> {
    let n: u64 = hist.values().sum();
    if n == 0 {
        return None;
    }
    // The k-th value (0-based) in sorted order.
    let nth = |k: u64| {
        let mut seen = 0;
        for (&d, &c) in hist {
            seen += c;
            if seen > k {
                return d as f64;
            }
        }
        unreachable!("k < n")
    };
    Some(if n % 2 == 1 {
        nth(n / 2)
    } else {
        (nth(n / 2 - 1) + nth(n / 2)) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_a_histogram_is_the_median_of_its_values() {
        let h = |v: &[u32]| {
            let mut m = BTreeMap::new();
            for d in v {
                *m.entry(*d).or_insert(0) += 1;
            }
            m
        };
        assert_eq!(median(&h(&[])), None);
        assert_eq!(median(&h(&[5])), Some(5.0));
        assert_eq!(median(&h(&[1, 3, 3, 9])), Some(3.0));
        assert_eq!(median(&h(&[1, 2, 3, 10])), Some(2.5));
        assert_eq!(median(&h(&[7, 1, 4])), Some(4.0));
    }

    #[test]
    fn adding_adds_every_leaf_and_merges_keys() {
        let mut a = Caseload {
            open_at_start: 2,
            closed: Counts::from([("goals_met".into(), 1)]),
            contacted_within_7_days: Share { num: 1, den: 2 },
            days_to_first_contact: BTreeMap::from([(3, 1)]),
            ..Default::default()
        };
        let b = Caseload {
            open_at_start: 3,
            closed: Counts::from([("goals_met".into(), 2), ("declined".into(), 1)]),
            contacted_within_7_days: Share { num: 2, den: 3 },
            days_to_first_contact: BTreeMap::from([(3, 2), (9, 1)]),
            ..Default::default()
        };
        a.add(&b);
        assert_eq!(a.open_at_start, 5);
        assert_eq!(
            a.closed,
            Counts::from([("goals_met".into(), 3), ("declined".into(), 1)])
        );
        assert_eq!(a.contacted_within_7_days, Share { num: 3, den: 5 });
        assert_eq!(a.days_to_first_contact, BTreeMap::from([(3, 3), (9, 1)]));
    }
}
