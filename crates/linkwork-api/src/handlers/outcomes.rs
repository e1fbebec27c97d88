//! ONS4 and PAM records and the caseload change summary.

use super::{chosen, on_episode, past_date, Result};
use crate::{session::Session, types::*};
use linkwork_core::{
    caseload::PersonRecord,
    dates::parse_optional_date,
    outcomes::{self, Ons4Answers, Ons4Item, OutcomeSummary, PamScore},
    AllValid, ValidationError,
};
use linkwork_store::outcomes::{self as oc, Ons4Input, PamInput};

fn record_date(
    s: &Session,
    text: Option<&str>,
) -> std::result::Result<chrono::NaiveDate, ValidationError> {
    Ok(past_date(s, "recorded_on", "date", text)?.unwrap_or_else(|| s.today()))
}

pub fn add_ons4(s: &Session, f: Ons4Form) -> Result<PersonRecord> {
    let answer = |item: Ons4Item, v: &str| outcomes::parse_ons4_answer(item, v);
    let (recorded_on, a, b, c, d) = (
        record_date(s, f.recorded_on.as_deref()),
        answer(Ons4Item::LifeSatisfaction, &f.life_satisfaction),
        answer(Ons4Item::Worthwhile, &f.worthwhile),
        answer(Ons4Item::Happiness, &f.happiness),
        answer(Ons4Item::Anxiety, &f.anxiety),
    )
        .all_valid()?;
    let input = Ons4Input {
        episode_id: f.episode_id.clone(),
        contact_id: f.contact_id.clone(),
        recorded_on,
        answers: Ons4Answers([a, b, c, d]).validate()?,
    };
    on_episode(s, &f.episode_id, |tx| oc::add_ons4(tx, &input).map(|_| ()))
}

pub fn add_pam(s: &Session, f: PamForm) -> Result<PersonRecord> {
    let (recorded_on, score, level, version) = (
        record_date(s, f.recorded_on.as_deref()),
        PamScore::parse("pam_score", "PAM score", &f.score),
        outcomes::parse_pam_level(&f.level),
        chosen("pam_version", "PAM version", f.version),
    )
        .all_valid()?;
    let input = PamInput {
        episode_id: f.episode_id.clone(),
        contact_id: f.contact_id.clone(),
        recorded_on,
        score,
        level,
        version,
    };
    on_episode(s, &f.episode_id, |tx| oc::add_pam(tx, &input).map(|_| ()))
}

/// Removes an ONS4 or PAM record entered in error.
pub fn outcome_summary(s: &Session, a: OutcomeSummaryArgs) -> Result<OutcomeSummary> {
    let to = parse_optional_date("to", "end of the period", a.to.as_deref())?
        .unwrap_or_else(|| s.today());
    let from = parse_optional_date("from", "start of the period", a.from.as_deref())?
        .unwrap_or_else(|| to - chrono::Duration::days(365) + chrono::Duration::days(1));
    s.with_vault(|v| Ok(oc::summary(v.read(), from, to)?))
}
