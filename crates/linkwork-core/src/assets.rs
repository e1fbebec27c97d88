//! The community asset directory's shared types: what an asset is (whether typed in, imported from
//! Open Referral UK or exported), what a search returns, and how an asset has worked out for the
//! people referred to it.

use crate::ids::{AssetId, EpisodeId, OnwardId};
use crate::vocab::{
    AssetStatus, Barrier, CostKind, Delivery, NeedCategory, OnwardKind, OnwardOutcome,
    ReferralRoute,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Not verified for this many months: marked stale in lists.
pub const STALE_AFTER_MONTHS: u32 = 12;

/// Days of the week as ISO numbers (1 = Monday) with their iCal codes and names.
pub const WEEKDAYS: [(&str, &str); 7] = [
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
];

/// One weekly slot: ISO weekday (1 = Monday) and optional times "HH:MM".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Slot {
    pub weekday: u8,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
}

/// The shared (importable, exportable) description of an asset. Local fields (favourite, private
/// notes, last verified) are not here: no import or export touches them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct AssetInput {
    /// The Open Referral UK service id, for imported assets.
    #[serde(default)]
    pub oruk_id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub organisation_oruk_id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub categories: Vec<NeedCategory>,
    /// LGA service-type code (esd), e.g. "esdServiceType:836".
    #[serde(default)]
    pub lga_service_type: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub delivery: Option<Delivery>,
    /// When it runs, in words.
    #[serde(default)]
    pub schedule_text: Option<String>,
    #[serde(default)]
    pub slots: Vec<Slot>,
    #[serde(default)]
    pub cost: Option<CostKind>,
    #[serde(default)]
    pub cost_description: Option<String>,
    #[serde(default)]
    pub min_age: Option<u8>,
    #[serde(default)]
    pub max_age: Option<u8>,
    /// Who it is for.
    #[serde(default)]
    pub eligibility: Option<String>,
    #[serde(default)]
    pub wheelchair_access: bool,
    #[serde(default)]
    pub hearing_loop: bool,
    #[serde(default)]
    pub transport: bool,
    #[serde(default)]
    pub access_notes: Option<String>,
    #[serde(default)]
    pub referral_route: Option<ReferralRoute>,
    /// How to refer, in words.
    #[serde(default)]
    pub referral_how: Option<String>,
    #[serde(default)]
    pub status: Option<AssetStatus>,
}

fn tidy(v: &mut Option<String>) {
    if let Some(s) = v {
        let t = s.trim();
        if t.is_empty() {
            *v = None;
        } else if t.len() != s.len() {
            *v = Some(t.to_string());
        }
    }
}

impl AssetInput {
    /// Trims text, drops blanks, sorts and de-duplicates lists, so equal assets compare (and hash)
    /// equal however they arrived.
    pub fn normalised(mut self) -> Self {
        self.name = self.name.trim().to_string();
        for f in [
            &mut self.oruk_id,
            &mut self.organisation,
            &mut self.organisation_oruk_id,
            &mut self.description,
            &mut self.lga_service_type,
            &mut self.phone,
            &mut self.email,
            &mut self.website,
            &mut self.address,
            &mut self.postcode,
            &mut self.schedule_text,
            &mut self.cost_description,
            &mut self.eligibility,
            &mut self.access_notes,
            &mut self.referral_how,
        ] {
            tidy(f);
        }
        if let Some(p) = &self.postcode {
            self.postcode = Some(p.to_uppercase());
        }
        self.categories.sort();
        self.categories.dedup();
        self.slots.sort_by(|a, b| {
            (a.weekday, &a.opens_at, &a.closes_at).cmp(&(b.weekday, &b.opens_at, &b.closes_at))
        });
        self.slots.dedup();
        self
    }

    /// Checks what the database would otherwise refuse, naming the field.
    pub fn validate(&self) -> Result<(), crate::ValidationError> {
        use crate::ValidationError as E;
        if self.name.trim().is_empty() {
            return Err(E::new("name", "Enter the name of the group or service."));
        }
        for (field, age) in [("min_age", self.min_age), ("max_age", self.max_age)] {
            if age.is_some_and(|a| a > 130) {
                return Err(E::new(field, "Enter an age from 0 to 130."));
            }
        }
        if let (Some(lo), Some(hi)) = (self.min_age, self.max_age) {
            if lo > hi {
                return Err(E::new(
                    "max_age",
                    "The maximum age must not be below the minimum age.",
                ));
            }
        }
        for s in &self.slots {
            if !(1..=7).contains(&s.weekday) {
                return Err(E::new("slots", "A day must be Monday to Sunday."));
            }
            for t in [&s.opens_at, &s.closes_at].into_iter().flatten() {
                if parse_time(t).is_none() {
                    return Err(E::new(
                        "slots",
                        format!("\"{t}\" is not a time; use 24-hour HH:MM, like 09:30."),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Accepts "HH:MM" or "HH:MM:SS" (ORUK sends seconds) and returns "HH:MM".
pub fn parse_time(t: &str) -> Option<String> {
    let t = t.trim();
    let parsed = chrono::NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(t, "%H:%M:%S"))
        .ok()?;
    Some(parsed.format("%H:%M").to_string())
}

/// "Mon 10:00-12:00; Thu" → slots.
/// Spreadsheet and form style: "Mon 10:00-12:00; Thu 18:30; Sat".
pub fn parse_slots(text: &str) -> Result<Vec<Slot>, String> {
    let mut out = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (day, times) = part.split_once(' ').unwrap_or((part, ""));
        let d = day.trim().to_lowercase();
        let i = WEEKDAYS
            .iter()
            .position(|(code, name)| d.len() >= 2 && (name.to_lowercase().starts_with(&d) || code.eq_ignore_ascii_case(&d)))
            .ok_or_else(|| format!("\"{day}\" is not a day of the week; write slots like \"Mon 10:00-12:00; Thu 18:30-20:00\"."))?;
        let (opens, closes) = match times.trim() {
            "" => (None, None),
            t => {
                let (a, b) = t
                    .split_once('-')
                    .map(|(a, b)| (a, Some(b)))
                    .unwrap_or((t, None));
                let time = |s: &str| {
                    parse_time(s).ok_or_else(|| {
                        format!(
                            "\"{}\" is not a time; use 24-hour HH:MM, like 09:30.",
                            s.trim()
                        )
                    })
                };
                (Some(time(a)?), b.map(time).transpose()?)
            }
        };
        out.push(Slot {
            weekday: i as u8 + 1,
            opens_at: opens,
            closes_at: closes,
        });
    }
    Ok(out)
}

pub fn format_slots(slots: &[Slot]) -> String {
    slots
        .iter()
        .map(|s| {
            let day = &WEEKDAYS[usize::from(s.weekday.clamp(1, 7)) - 1].1[..3];
            match (&s.opens_at, &s.closes_at) {
                (Some(o), Some(c)) => format!("{day} {o}-{c}"),
                (Some(o), None) => format!("{day} {o}"),
                _ => day.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One result of a directory search.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AssetHit {
    pub id: AssetId,
    pub name: String,
    pub organisation: Option<String>,
    pub postcode: Option<String>,
    pub categories: Vec<NeedCategory>,
    pub status: AssetStatus,
    pub cost: CostKind,
    pub delivery: Delivery,
    pub wheelchair_access: bool,
    pub favourite: bool,
    pub last_verified_on: Option<NaiveDate>,
    /// Not verified in the last 12 months (or never).
    pub stale: bool,
}

/// How often one barrier was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BarrierCount {
    pub barrier: Barrier,
    pub count: u32,
}

/// How an asset has worked out for the people referred to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AssetUse {
    pub referred: u32,
    /// Of those with a known outcome: attended or partly attended.
    pub attended: u32,
    /// Onward referrals whose outcome is no longer pending.
    pub with_outcome: u32,
    /// Each barrier recorded, most frequent first.
    pub barriers: Vec<BarrierCount>,
}

impl AssetUse {
    /// Attended (fully or partly) as a whole percentage of known outcomes; None before any outcome.
    pub fn attendance_percent(&self) -> Option<u32> {
        (self.with_outcome > 0)
            .then(|| (self.attended * 200 + self.with_outcome) / (self.with_outcome * 2))
    }
}

/// Everything the asset page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AssetRecord {
    pub id: AssetId,
    pub asset: AssetInput,
    pub favourite: bool,
    pub private_notes: Option<String>,
    pub last_verified_on: Option<NaiveDate>,
    /// Local: the finer service type that picks an onward referral's SNOMED code.
    pub service_type: Option<crate::vocab::ServiceType>,
    pub stale: bool,
    pub usage: AssetUse,
    /// The weekly slots written as the form takes them: "Mon 10:00-12:00; Thu 18:30".
    pub days_and_times: String,
    /// Attended as a percentage of known outcomes.
    pub attendance_percent: Option<u32>,
}

/// One onward referral as the person's page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OnwardView {
    pub id: OnwardId,
    pub episode_id: EpisodeId,
    pub asset_id: AssetId,
    pub asset_name: String,
    /// The asset's own finer service type, when the link worker set one (it picks the code).
    pub service_type: Option<crate::vocab::ServiceType>,
    pub referred_on: NaiveDate,
    pub kind: OnwardKind,
    pub category: NeedCategory,
    pub notes: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
    pub outcome: OnwardOutcome,
    pub outcome_on: Option<NaiveDate>,
    pub barriers: Vec<Barrier>,
    pub entered_in_error: Option<crate::caseload::EnteredInError>,
}

/// One thing wrong with an import, placed exactly: the file, the row (CSV) or JSON path, the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportProblem {
    pub file: String,
    /// "row 4" for CSV (counting the header as row 1), a JSON path like "/contents/2/status", or
    /// "line 3, column 7" for JSON that does not parse.
    pub place: String,
    pub field: Option<String>,
    pub message: String,
    /// About the file as a whole (it cannot be opened or parsed, or holds nothing to import), not
    /// one record: shown on top rather than in the table of record problems.
    pub whole_file: bool,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, {}", self.file, self.place)?;
        if let Some(field) = &self.field {
            write!(f, ", field \"{field}\"")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What an import did, or (for a preview) would do.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
pub struct ImportReport {
    /// True when nothing was written: a preview, or a feed with errors.
    pub dry_run: bool,
    pub committed: bool,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Every error (all-or-nothing: any error means nothing was imported).
    pub problems: Vec<ImportProblem>,
    /// Problems beyond the first 1,000 are counted, not listed.
    pub more_problems: u32,
    /// Files in a CSV folder that Linkwork does not read (funding.csv and so on).
    pub ignored_files: Vec<String>,
    /// Values that break a format annotation (a uuid, email or uri that is not one): imported as
    /// they are, and listed so the feed's owner can fix them. Never blocking.
    pub warnings: Vec<ImportProblem>,
    /// Warnings beyond the first 1,000 are counted, not listed.
    pub more_warnings: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_accept_oruk_seconds_and_refuse_nonsense() {
        assert_eq!(parse_time("10:00:00").as_deref(), Some("10:00"));
        assert_eq!(parse_time("9:30").as_deref(), Some("09:30"));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("noon"), None);
    }

    #[test]
    fn slots_read_and_write_in_words() {
        let slots = parse_slots("mon 10:00-12:00; Thursday 18:30; Sat").unwrap();
        assert_eq!(
            slots[0],
            Slot {
                weekday: 1,
                opens_at: Some("10:00".into()),
                closes_at: Some("12:00".into())
            }
        );
        assert_eq!(format_slots(&slots), "Mon 10:00-12:00; Thu 18:30; Sat");
        assert_eq!(parse_slots("Funday 10:00").unwrap_err(), "\"Funday\" is not a day of the week; write slots like \"Mon 10:00-12:00; Thu 18:30-20:00\".");
        assert_eq!(
            parse_slots("Tue 7pm").unwrap_err(),
            "\"7pm\" is not a time; use 24-hour HH:MM, like 09:30."
        );
    }

    #[test]
    fn normalising_makes_equal_assets_equal() {
        let a = AssetInput {
            name: " Choir ".into(),
            postcode: Some("hx7 5ab ".into()),
            categories: vec![
                NeedCategory::ArtsCulture,
                NeedCategory::Befriending,
                NeedCategory::ArtsCulture,
            ],
            email: Some("  ".into()),
            ..Default::default()
        };
        let b = AssetInput {
            name: "Choir".into(),
            postcode: Some("HX7 5AB".into()),
            categories: vec![NeedCategory::Befriending, NeedCategory::ArtsCulture],
            ..Default::default()
        };
        assert_eq!(a.normalised(), b.normalised());
    }

    #[test]
    fn validation_names_the_field() {
        let a = AssetInput {
            name: "Walk".into(),
            min_age: Some(60),
            max_age: Some(18),
            ..Default::default()
        };
        assert_eq!(a.validate().unwrap_err().field, "max_age");
        let a = AssetInput {
            name: " ".into(),
            ..Default::default()
        };
        assert_eq!(a.validate().unwrap_err().field, "name");
        let a = AssetInput {
            name: "Walk".into(),
            slots: vec![Slot {
                weekday: 2,
                opens_at: Some("7pm".into()),
                closes_at: None,
            }],
            ..Default::default()
        };
        assert_eq!(
            a.validate().unwrap_err().to_string(),
            "\"7pm\" is not a time; use 24-hour HH:MM, like 09:30."
        );
    }

    #[test]
    fn attendance_rounds_half_up() {
        let u = AssetUse {
            referred: 4,
            attended: 1,
            with_outcome: 3,
            barriers: vec![],
        };
        assert_eq!(u.attendance_percent(), Some(33));
        let u = AssetUse {
            referred: 1,
            attended: 0,
            with_outcome: 0,
            barriers: vec![],
        };
        assert_eq!(u.attendance_percent(), None);
    }
}
