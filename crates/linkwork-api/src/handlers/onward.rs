//! Onward referrals: refer or signpost a person on to an asset, and record what happened.

use super::{chosen, on_episode, past_date, Result};
use crate::{session::Session, types::*};
use linkwork_core::{caseload::optional_text, caseload::PersonRecord, dates::parse_optional_date};
use linkwork_store::onward::{self, OnwardInput};

pub fn add_onward(s: &Session, f: OnwardForm) -> Result<PersonRecord> {
    let input = OnwardInput {
        episode_id: f.episode_id.clone(),
        asset_id: chosen("asset_id", "group or service", f.asset_id.clone())?,
        referred_on: past_date(s, "referred_on", "date", f.referred_on.as_deref())?
            .unwrap_or_else(|| s.today()),
        kind: chosen("kind", "signpost or referral", f.kind)?,
        category: f.category,
        notes: optional_text(f.notes.as_deref()),
        follow_up_on: parse_optional_date(
            "follow_up_on",
            "follow-up date",
            f.follow_up_on.as_deref(),
        )?,
    };
    on_episode(s, &f.episode_id, |tx| {
        onward::add_onward(tx, &input).map(|_| ())
    })
}

pub fn record_onward_outcome(s: &Session, f: OnwardOutcomeForm) -> Result<PersonRecord> {
    let outcome = chosen("outcome", "outcome", f.outcome)?;
    let on =
        past_date(s, "outcome_on", "date", f.outcome_on.as_deref())?.unwrap_or_else(|| s.today());
    super::changing(s, |tx| {
        let episode = onward::onward_episode(tx.read(), &f.onward_id)?;
        onward::record_onward_outcome(tx, &f.onward_id, outcome, Some(on), &f.barriers)?;
        linkwork_store::episodes::person_of_episode(tx.read(), &episode)
    })
}
