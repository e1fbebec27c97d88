//! Onward referrals: refer or signpost a person on to an asset, and record what happened.

use super::{chosen, on_episode, past_date, Result};
use crate::{session::Session, types::*};
use linkwork_core::{
    caseload::optional_text, caseload::PersonRecord, dates::parse_optional_date, AllValid,
};
use linkwork_store::onward::{self, OnwardInput};

pub fn add_onward(s: &Session, f: OnwardForm) -> Result<PersonRecord> {
    // The category decides the GP code, so it is the link worker's choice: never guessed from the
    // asset's categories.
    let (asset_id, referred_on, kind, category, follow_up_on) = (
        chosen("asset_id", "group or service", f.asset_id.clone()),
        past_date(s, "referred_on", "date", f.referred_on.as_deref()),
        chosen("kind", "signpost or referral", f.kind),
        chosen("category", "category of this onward referral", f.category),
        parse_optional_date("follow_up_on", "follow-up date", f.follow_up_on.as_deref()),
    )
        .all_valid()?;
    let input = OnwardInput {
        episode_id: f.episode_id.clone(),
        asset_id,
        referred_on: referred_on.unwrap_or_else(|| s.today()),
        kind,
        category,
        notes: optional_text(f.notes.as_deref()),
        follow_up_on,
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
