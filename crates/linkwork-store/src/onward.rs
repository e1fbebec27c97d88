//! Onward referrals: the person referred or signposted on to a community asset, what happened
//! (outcome and barriers), and how each asset has been used.

use crate::{
    assets::exists,
    audit::{AuditAction, Entity},
    episodes::episode_head,
    error::StoreError,
    sql::{new_id, scoped, slug, Scope},
    write::{Read, Tx},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::{
    assets::{AssetUse, BarrierCount, OnwardView},
    ids::{AssetId, EpisodeId, OnwardId},
    vocab::{Barrier, NeedCategory, OnwardKind, OnwardOutcome},
};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct OnwardInput {
    pub episode_id: EpisodeId,
    pub asset_id: AssetId,
    pub referred_on: NaiveDate,
    pub kind: OnwardKind,
    /// The link worker's choice: it decides the GP code, so it is never taken from the asset.
    pub category: NeedCategory,
    pub notes: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
}

pub fn add_onward(tx: &Tx<'_>, o: &OnwardInput) -> Result<OnwardId> {
    exists(tx.read(), &o.asset_id)?;
    let received = episode_head(tx.read(), &o.episode_id)?.received_on;
    if o.referred_on < received {
        return Err(linkwork_core::ValidationError::new(
            "referred_on",
            "The onward referral cannot be before the referral to you was received.",
        )
        .into());
    }
    let category = o.category.slug();
    let id: OnwardId = new_id();
    tx.conn().execute(
        "INSERT INTO onward_referral (id, episode_id, asset_id, referred_on, kind, category, notes, follow_up_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![id.as_str(), o.episode_id.as_str(), o.asset_id.as_str(), o.referred_on, o.kind.slug(), category, o.notes, o.follow_up_on, tx.now()],
    )?;
    tx.audit(
        AuditAction::Create,
        Entity::OnwardReferral,
        Some(id.as_str()),
    )?;
    Ok(id)
}

/// Records what happened: the outcome (back to pending clears its date) and any barriers.
pub fn record_onward_outcome(
    tx: &Tx<'_>,
    id: &OnwardId,
    outcome: OnwardOutcome,
    on: Option<NaiveDate>,
    barriers: &[Barrier],
) -> Result<()> {
    let id = id.as_str();
    let on = if outcome == OnwardOutcome::Pending {
        None
    } else {
        Some(on.ok_or_else(|| {
            linkwork_core::ValidationError::new("outcome_on", "Enter the date of the outcome.")
        })?)
    };
    let tx_conn = tx.conn();
    let marked: Option<Option<String>> = tx_conn
        .query_row(
            "SELECT substr(entered_in_error_at, 1, 10) FROM onward_referral WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(Some(on)) = marked {
        return Err(StoreError::EnteredInError("onward referral", on));
    }
    if tx_conn.execute(
        "UPDATE onward_referral SET outcome = ?2, outcome_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, outcome.slug(), on, tx.now()],
    )? == 0
    {
        return Err(StoreError::NotFound("onward referral"));
    }
    tx_conn.execute(
        "DELETE FROM onward_referral_barrier WHERE onward_referral_id = ?1",
        [id],
    )?;
    for b in barriers {
        tx_conn.execute("INSERT OR IGNORE INTO onward_referral_barrier (onward_referral_id, barrier) VALUES (?1, ?2)", params![id, b.slug()])?;
    }
    tx.audit(AuditAction::Update, Entity::OnwardReferral, Some(id))
}

pub fn asset_use(r: Read<'_>, asset_id: &AssetId) -> Result<AssetUse> {
    let conn = r.conn();
    let (referred, attended, with_outcome): (u32, u32, u32) = conn.query_row(
        "SELECT count(*), coalesce(sum(outcome IN ('attended', 'partly_attended')), 0), coalesce(sum(outcome <> 'pending'), 0)
         FROM onward_referral WHERE asset_id = ?1 AND entered_in_error_at IS NULL",
        [asset_id.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT b.barrier, count(*) FROM onward_referral_barrier b JOIN onward_referral o ON o.id = b.onward_referral_id
         WHERE o.asset_id = ?1 AND o.entered_in_error_at IS NULL GROUP BY b.barrier ORDER BY count(*) DESC, b.barrier",
    )?;
    let barriers = stmt
        .query_map([asset_id.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
        })?
        .filter_map(|r| {
            r.ok().and_then(|(b, n)| {
                Barrier::from_slug(&b).map(|barrier| BarrierCount { barrier, count: n })
            })
        })
        .collect();
    Ok(AssetUse {
        referred,
        attended,
        with_outcome,
        barriers,
    })
}

/// The onward referrals of one episode, newest first.
pub fn onward_for_episode(r: Read<'_>, episode_id: &EpisodeId) -> Result<Vec<OnwardView>> {
    Ok(crate::sql::unkeyed(onward_rows(
        r,
        Scope::One(episode_id.as_str()),
    )?))
}

/// Onward referrals by episode, newest first.
pub(crate) fn onward_rows(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, OnwardView)>> {
    let mut barriers = barrier_rows(r, scope)?;
    scoped(
        r.conn(),
        "o.id, o.episode_id, o.asset_id, a.name, o.referred_on, o.kind, o.category, o.notes, o.follow_up_on, o.outcome, o.outcome_on,
                substr(o.entered_in_error_at, 1, 10), o.error_reason, a.service_type",
        "onward_referral o JOIN asset a ON a.id = o.asset_id",
        "o.episode_id",
        None,
        "o.referred_on DESC, o.created_at DESC, o.rowid DESC",
        scope,
        |r| {
            let id: String = r.get(0)?;
            let mut barriers = barriers.remove(&id).unwrap_or_default();
            barriers.sort();
            Ok(OnwardView {
                id: id.into(),
                episode_id: r.get::<_, String>(1)?.into(),
                asset_id: r.get::<_, String>(2)?.into(),
                asset_name: r.get(3)?,
                service_type: r
                    .get::<_, Option<String>>(13)?
                    .as_deref()
                    .and_then(linkwork_core::vocab::ServiceType::from_slug),
                referred_on: r.get(4)?,
                kind: slug(r.get(5)?, OnwardKind::from_slug)?,
                category: slug(r.get(6)?, NeedCategory::from_slug)?,
                notes: r.get(7)?,
                follow_up_on: r.get(8)?,
                outcome: slug(r.get(9)?, OnwardOutcome::from_slug)?,
                outcome_on: r.get(10)?,
                barriers,
                entered_in_error: crate::sql::error_mark(r.get(11)?, r.get(12)?),
            })
        },
    )
}

/// The barriers of the onward referrals in `scope`, by referral. Read apart from the referrals:
/// a `group_concat` per referral allocates, and every SQLite allocation is locked and wiped.
fn barrier_rows(r: Read<'_>, scope: Scope<'_>) -> Result<HashMap<String, Vec<Barrier>>> {
    let rows = scoped(
        r.conn(),
        "b.onward_referral_id, b.barrier",
        "onward_referral_barrier b JOIN onward_referral o ON o.id = b.onward_referral_id",
        "o.episode_id",
        None,
        "b.onward_referral_id, b.barrier",
        scope,
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
    )?;
    let mut out: HashMap<String, Vec<Barrier>> = HashMap::new();
    for (_, (id, b)) in rows {
        // An unknown word is skipped, as the person page always has.
        if let Some(b) = Barrier::from_slug(&b) {
            out.entry(id).or_default().push(b);
        }
    }
    Ok(out)
}

/// The episode an onward referral belongs to (for handlers that return the person's record).
pub fn onward_episode(r: Read<'_>, id: &OnwardId) -> Result<EpisodeId> {
    r.conn()
        .query_row(
            "SELECT episode_id FROM onward_referral WHERE id = ?1",
            [id.as_str()],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .map(EpisodeId::from)
        .ok_or(StoreError::NotFound("onward referral"))
}
