//! ONS4 and PAM records, the per-episode outcome view and the caseload change summary.
//!
//! The rules (bands, roles, reminders, change) live in `linkwork_core::outcomes`; this module only
//! reads and writes rows, in one transaction with an audit row per record.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    settings::Settings,
    sql::{bad_column, new_id, scoped, unkeyed, Scope},
    write::{Read, Tx},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::{
    dates::format_date_gb,
    ids::{ContactId, EpisodeId, OutcomeId},
    outcomes::*,
    vocab::EpisodeStatus,
    ValidationError,
};
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone)]
pub struct Ons4Input {
    pub episode_id: EpisodeId,
    pub contact_id: Option<ContactId>,
    pub recorded_on: NaiveDate,
    pub answers: Ons4Answers,
}

#[derive(Debug, Clone)]
pub struct PamInput {
    pub episode_id: EpisodeId,
    pub contact_id: Option<ContactId>,
    pub recorded_on: NaiveDate,
    pub score: PamScore,
    pub level: u8,
    pub version: PamVersion,
}

/// Checks the record's date and contact against its episode.
fn check_target(
    r: Read<'_>,
    episode_id: &EpisodeId,
    contact_id: Option<&ContactId>,
    on: NaiveDate,
) -> Result<()> {
    let conn = r.conn();
    let received: NaiveDate = conn
        .query_row(
            "SELECT referral_received_on FROM episode WHERE id = ?1",
            [episode_id.as_str()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound("episode"))?;
    if on < received {
        return Err(ValidationError::new(
            "recorded_on",
            format!(
                "The date cannot be before the referral was received ({}).",
                format_date_gb(received)
            ),
        )
        .into());
    }
    if let Some(c) = contact_id {
        let same: Option<String> = conn
            .query_row(
                "SELECT episode_id FROM contact WHERE id = ?1",
                [c.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        if same.as_deref() != Some(episode_id.as_str()) {
            return Err(ValidationError::new(
                "contact_id",
                "Choose one of this episode\u{2019}s contacts, or none.",
            )
            .into());
        }
    }
    Ok(())
}

pub fn add_ons4(tx: &Tx<'_>, r: &Ons4Input) -> Result<OutcomeId> {
    let answers = r.answers.validate()?;
    check_target(
        tx.read(),
        &r.episode_id,
        r.contact_id.as_ref(),
        r.recorded_on,
    )?;
    let id: OutcomeId = new_id();
    let [a, b, c, d] = answers.0;
    tx.conn().execute(
        "INSERT INTO ons4_record (id, episode_id, contact_id, recorded_on, life_satisfaction, worthwhile, happiness, anxiety, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![id.as_str(), r.episode_id.as_str(), r.contact_id.as_ref().map(|c| c.as_str()), r.recorded_on, a, b, c, d, tx.now()],
    )?;
    tx.audit(AuditAction::Create, Entity::Ons4Record, Some(id.as_str()))?;
    Ok(id)
}

pub fn add_pam(tx: &Tx<'_>, r: &PamInput) -> Result<OutcomeId> {
    check_target(
        tx.read(),
        &r.episode_id,
        r.contact_id.as_ref(),
        r.recorded_on,
    )?;
    let id: OutcomeId = new_id();
    tx.conn().execute(
        "INSERT INTO pam_record (id, episode_id, contact_id, recorded_on, score_tenths, level, version, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id.as_str(), r.episode_id.as_str(), r.contact_id.as_ref().map(|c| c.as_str()), r.recorded_on, r.score.tenths(), r.level, r.version.slug(), tx.now()],
    )?;
    tx.audit(AuditAction::Create, Entity::PamRecord, Some(id.as_str()))?;
    Ok(id)
}

pub(crate) type Ons4Row = (OutcomeId, NaiveDate, Option<ContactId>, Ons4Answers);
pub(crate) type PamRow = (
    OutcomeId,
    NaiveDate,
    Option<ContactId>,
    PamScore,
    u8,
    PamVersion,
);

/// Live ONS4 records by episode, oldest first.
pub(crate) fn ons4_rows(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, Ons4Row)>> {
    scoped(
        r.conn(),
        "id, recorded_on, contact_id, life_satisfaction, worthwhile, happiness, anxiety",
        "ons4_record",
        "episode_id",
        Some("entered_in_error_at IS NULL"),
        "recorded_on, created_at, rowid",
        scope,
        |r| {
            Ok((
                r.get::<_, String>(0)?.into(),
                r.get(1)?,
                r.get::<_, Option<String>>(2)?.map(Into::into),
                Ons4Answers([r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?]),
            ))
        },
    )
}

/// Live PAM records by episode, oldest first.
pub(crate) fn pam_rows(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, PamRow)>> {
    scoped(
        r.conn(),
        "id, recorded_on, contact_id, score_tenths, level, version",
        "pam_record",
        "episode_id",
        Some("entered_in_error_at IS NULL"),
        "recorded_on, created_at, rowid",
        scope,
        |r| {
            let tenths: u16 = r.get(3)?;
            let version: String = r.get(5)?;
            Ok((
                r.get::<_, String>(0)?.into(),
                r.get(1)?,
                r.get::<_, Option<String>>(2)?.map(Into::into),
                PamScore::from_tenths(tenths).ok_or_else(|| bad_column(3, &tenths.to_string()))?,
                r.get(4)?,
                PamVersion::from_slug(&version).ok_or_else(|| bad_column(5, &version))?,
            ))
        },
    )
}

/// One episode's outcomes as the person's page shows them.
pub fn episode_outcomes(
    r: Read<'_>,
    episode_id: &EpisodeId,
    status: EpisodeStatus,
    closed_on: Option<NaiveDate>,
    settings: &Settings,
    today: NaiveDate,
) -> Result<EpisodeOutcomes> {
    let one = Scope::One(episode_id.as_str());
    Ok(outcomes_from(
        EpisodeOutcomeRows {
            ons4: unkeyed(ons4_rows(r, one)?),
            pam: unkeyed(pam_rows(r, one)?),
            in_error: unkeyed(in_error(r, one)?),
        },
        status,
        closed_on,
        settings,
        today,
    ))
}

/// One episode's outcome rows, as read by [`ons4_rows`], [`pam_rows`] and [`in_error`].
#[derive(Default)]
pub(crate) struct EpisodeOutcomeRows {
    pub ons4: Vec<Ons4Row>,
    pub pam: Vec<PamRow>,
    pub in_error: Vec<OutcomeInError>,
}

/// One episode's outcomes from its rows.
pub(crate) fn outcomes_from(
    rows: EpisodeOutcomeRows,
    status: EpisodeStatus,
    closed_on: Option<NaiveDate>,
    settings: &Settings,
    today: NaiveDate,
) -> EpisodeOutcomes {
    let (ons4_raw, pam_raw) = (rows.ons4, rows.pam);
    let ons4_dates: Vec<NaiveDate> = ons4_raw.iter().map(|r| r.1).collect();
    let pam_dates: Vec<NaiveDate> = pam_raw.iter().map(|r| r.1).collect();
    let ons4: Vec<Ons4View> = ons4_raw
        .into_iter()
        .zip(roles(&ons4_dates, closed_on))
        .map(|((id, recorded_on, contact_id, answers), role)| Ons4View {
            id,
            recorded_on,
            contact_id,
            role,
            items: Ons4Item::ALL
                .iter()
                .map(|&i| item_score(i, answers.get(i)))
                .collect(),
        })
        .collect();
    let pam: Vec<PamView> = pam_raw
        .into_iter()
        .zip(roles(&pam_dates, closed_on))
        .map(
            |((id, recorded_on, contact_id, score, level, version), role)| PamView {
                id,
                recorded_on,
                contact_id,
                role,
                score: score.value(),
                score_text: score.text(),
                level,
                level_meaning: pam_level_meaning(level).into(),
                version,
                level_warning: settings
                    .pam_cutoffs
                    .and_then(|c| c.disagreement(score, level)),
            },
        )
        .collect();
    let open = status != EpisodeStatus::Closed;
    let seen = status == EpisodeStatus::Active;
    let mut reminders = vec![];
    let mut final_missing = vec![];
    if open {
        let weeks = settings.follow_up_weeks;
        reminders.extend(reminder(
            Measure::Ons4,
            ons4_dates.last().copied(),
            seen,
            weeks,
            today,
        ));
        reminders.extend(reminder(
            Measure::Pam,
            pam_dates.last().copied(),
            seen,
            weeks,
            today,
        ));
        // Someone never seen (still waiting) has nothing to measure a final against.
        if seen && needs_final(&ons4_dates, today) {
            final_missing.push(Measure::Ons4);
        }
        if !pam_dates.is_empty() && needs_final(&pam_dates, today) {
            final_missing.push(Measure::Pam);
        }
    }
    EpisodeOutcomes {
        ons4_change: ons4_change(&ons4),
        pam_change: pam_change(&pam),
        ons4,
        pam,
        reminders,
        final_missing,
        in_error: rows.in_error,
    }
}

/// An episode's records marked entered in error, oldest first, described in words.
pub(crate) fn in_error(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, OutcomeInError)>> {
    let both = "SELECT 'ons4', id, recorded_on, life_satisfaction, worthwhile, happiness, anxiety,
                substr(entered_in_error_at, 1, 10), error_reason, created_at, episode_id
         FROM ons4_record WHERE entered_in_error_at IS NOT NULL
         UNION ALL
         SELECT 'pam', id, recorded_on, score_tenths, level, NULL, NULL,
                substr(entered_in_error_at, 1, 10), error_reason, created_at, episode_id
         FROM pam_record WHERE entered_in_error_at IS NOT NULL";
    let mut stmt = match scope {
        Scope::One(_) => r.conn().prepare_cached(&format!(
            "{} ORDER BY 3, 10, 2",
            both.replace("IS NOT NULL", "IS NOT NULL AND episode_id = ?1")
        ))?,
        Scope::All => r
            .conn()
            .prepare_cached(&format!("{both} ORDER BY 3, 10, 2"))?,
    };
    let params: Vec<&str> = match scope {
        Scope::One(k) => vec![k],
        Scope::All => vec![],
    };
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        let measure: String = r.get(0)?;
        let nums: [Option<u16>; 4] = [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?];
        let (measure, summary) = if measure == "pam" {
            let score = nums[0]
                .and_then(PamScore::from_tenths)
                .map(|s| s.text())
                .unwrap_or_default();
            (
                Measure::Pam,
                format!("score {score}, level {}", nums[1].unwrap_or(0)),
            )
        } else {
            let items: Vec<String> = Ons4Item::ALL
                .iter()
                .zip(nums)
                .map(|(i, v)| {
                    let v = v.map_or("declined".to_string(), |v| v.to_string());
                    format!("{} {v}", i.label().to_lowercase())
                })
                .collect();
            (Measure::Ons4, items.join(", "))
        };
        Ok((
            r.get::<_, String>(10)?,
            OutcomeInError {
                id: r.get::<_, String>(1)?.into(),
                measure,
                recorded_on: r.get(2)?,
                summary,
                entered_in_error: linkwork_core::caseload::EnteredInError {
                    on: r.get(7)?,
                    reason: r.get(8)?,
                },
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every episode's live records, oldest first, with its closing date: what the change summary
/// chooses baselines and latest records from.
pub fn episode_records(r: Read<'_>) -> Result<Vec<EpisodeRecords>> {
    use std::collections::BTreeMap;
    let conn = r.conn();
    let mut by_episode: BTreeMap<String, EpisodeRecords> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT o.episode_id, o.recorded_on, o.life_satisfaction, o.worthwhile, o.happiness, o.anxiety, e.closed_on
         FROM ons4_record o JOIN episode e ON e.id = o.episode_id
         WHERE o.entered_in_error_at IS NULL ORDER BY o.episode_id, o.recorded_on, o.created_at",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, NaiveDate>(1)?,
            Ons4Answers([r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]),
            r.get::<_, Option<NaiveDate>>(6)?,
        ))
    })? {
        let (e, on, a, closed_on) = row?;
        let entry = by_episode.entry(e).or_default();
        entry.closed_on = closed_on;
        entry.ons4.push((on, a));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT p.episode_id, p.recorded_on, p.score_tenths, p.version, e.closed_on
         FROM pam_record p JOIN episode e ON e.id = p.episode_id
         WHERE p.entered_in_error_at IS NULL ORDER BY p.episode_id, p.recorded_on, p.created_at",
    )?;
    for row in stmt.query_map([], |r| {
        let t: u16 = r.get(2)?;
        let version: String = r.get(3)?;
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, NaiveDate>(1)?,
            PamScore::from_tenths(t).ok_or_else(|| bad_column(2, &t.to_string()))?,
            PamVersion::from_slug(&version).ok_or_else(|| bad_column(3, &version))?,
            r.get::<_, Option<NaiveDate>>(4)?,
        ))
    })? {
        let (e, on, score, version, closed_on) = row?;
        let entry = by_episode.entry(e).or_default();
        entry.closed_on = closed_on;
        entry.pam.push((on, score, version));
    }
    Ok(by_episode.into_values().collect())
}

pub fn summary(r: Read<'_>, from: NaiveDate, to: NaiveDate) -> Result<OutcomeSummary> {
    if to < from {
        return Err(ValidationError::new(
            "to",
            "The end of the period must be on or after its start.",
        )
        .into());
    }
    Ok(summarise(from, to, &episode_records(r)?))
}
