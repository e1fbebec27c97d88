//! The community asset directory and onward referrals.
//!
//! Every asset write updates `asset_fts` in the same transaction, so search never disagrees with
//! the directory. Local fields (favourite, private notes, last verified) are only written here by
//! the link worker's own actions; importers go through [`write_imported`], which leaves them alone.

use crate::{audit, error::StoreError, Result};
use chrono::{NaiveDate, Utc};
use linkwork_core::vocab::{AssetStatus, Barrier, CostKind, Delivery, NeedCategory, OnwardKind, OnwardOutcome, ReferralRoute};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// One weekly slot: ISO weekday (1 = Monday) and optional times "HH:MM".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub weekday: u8,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
}

/// The shared (importable, exportable) description of an asset.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AssetInput {
    pub oruk_id: Option<String>,
    pub name: String,
    pub organisation: Option<String>,
    pub organisation_oruk_id: Option<String>,
    pub description: Option<String>,
    pub categories: Vec<NeedCategory>,
    pub lga_service_type: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub delivery: Option<Delivery>,
    pub schedule_text: Option<String>,
    pub slots: Vec<Slot>,
    pub cost: Option<CostKind>,
    pub cost_description: Option<String>,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
    pub eligibility: Option<String>,
    pub wheelchair_access: bool,
    pub hearing_loop: bool,
    pub transport: bool,
    pub access_notes: Option<String>,
    pub referral_route: Option<ReferralRoute>,
    pub referral_how: Option<String>,
    pub status: Option<AssetStatus>,
}

fn now() -> String {
    Utc::now().to_rfc3339()
}

fn write_fts(tx: &Transaction, id: &str, a: &AssetInput) -> Result<()> {
    tx.execute("DELETE FROM asset_fts WHERE asset_id = ?1", [id])?;
    let categories: Vec<&str> = a.categories.iter().map(|c| c.label()).collect();
    tx.execute(
        "INSERT INTO asset_fts (asset_id, name, organisation, description, categories, postcode) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, a.name, a.organisation, a.description, categories.join(" "), a.postcode],
    )?;
    Ok(())
}

fn write_children(tx: &Transaction, id: &str, a: &AssetInput) -> Result<()> {
    tx.execute("DELETE FROM asset_category WHERE asset_id = ?1", [id])?;
    for c in &a.categories {
        tx.execute("INSERT OR IGNORE INTO asset_category (asset_id, category) VALUES (?1, ?2)", params![id, c.slug()])?;
    }
    tx.execute("DELETE FROM asset_slot WHERE asset_id = ?1", [id])?;
    for s in &a.slots {
        tx.execute(
            "INSERT OR IGNORE INTO asset_slot (asset_id, weekday, opens_at, closes_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, s.weekday, s.opens_at, s.closes_at],
        )?;
    }
    write_fts(tx, id, a)
}

/// Inserts or replaces the shared fields of asset `id`; local fields are untouched.
fn upsert(tx: &Transaction, id: &str, a: &AssetInput, import_hash: Option<&str>) -> Result<()> {
    let stamp = now();
    tx.execute(
        "INSERT INTO asset (id, oruk_id, name, organisation, organisation_oruk_id, description, lga_service_type, phone, email, website,
                            address, postcode, delivery, schedule_text, cost, cost_description, min_age, max_age, eligibility,
                            wheelchair_access, hearing_loop, transport, access_notes, referral_route, referral_how, status,
                            import_hash, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?28)
         ON CONFLICT (id) DO UPDATE SET
            oruk_id = excluded.oruk_id, name = excluded.name, organisation = excluded.organisation,
            organisation_oruk_id = excluded.organisation_oruk_id, description = excluded.description,
            lga_service_type = excluded.lga_service_type, phone = excluded.phone, email = excluded.email, website = excluded.website,
            address = excluded.address, postcode = excluded.postcode, delivery = excluded.delivery, schedule_text = excluded.schedule_text,
            cost = excluded.cost, cost_description = excluded.cost_description, min_age = excluded.min_age, max_age = excluded.max_age,
            eligibility = excluded.eligibility, wheelchair_access = excluded.wheelchair_access, hearing_loop = excluded.hearing_loop,
            transport = excluded.transport, access_notes = excluded.access_notes, referral_route = excluded.referral_route,
            referral_how = excluded.referral_how, status = excluded.status, import_hash = excluded.import_hash,
            updated_at = excluded.updated_at",
        params![
            id,
            a.oruk_id,
            a.name.trim(),
            a.organisation,
            a.organisation_oruk_id,
            a.description,
            a.lga_service_type,
            a.phone,
            a.email,
            a.website,
            a.address,
            a.postcode,
            a.delivery.unwrap_or(Delivery::InPerson).slug(),
            a.schedule_text,
            a.cost.unwrap_or(CostKind::Unknown).slug(),
            a.cost_description,
            a.min_age,
            a.max_age,
            a.eligibility,
            a.wheelchair_access,
            a.hearing_loop,
            a.transport,
            a.access_notes,
            a.referral_route.map(|r| r.slug()),
            a.referral_how,
            a.status.unwrap_or(AssetStatus::Active).slug(),
            import_hash,
            stamp
        ],
    )?;
    write_children(tx, id, a)
}

/// Adds an asset typed in by the link worker; it counts as verified today.
pub fn add_asset(conn: &mut Connection, a: &AssetInput, today: NaiveDate) -> Result<String> {
    let tx = conn.transaction()?;
    let id = uuid::Uuid::new_v4().to_string();
    upsert(&tx, &id, a, None)?;
    tx.execute("UPDATE asset SET last_verified_on = ?2 WHERE id = ?1", params![id, today])?;
    audit::record(&tx, "create", "asset", Some(&id))?;
    tx.commit()?;
    Ok(id)
}

pub fn update_asset(conn: &mut Connection, id: &str, a: &AssetInput) -> Result<()> {
    let tx = conn.transaction()?;
    exists(&tx, id)?;
    upsert(&tx, id, a, None)?;
    audit::record(&tx, "update", "asset", Some(id))?;
    tx.commit()?;
    Ok(())
}

fn exists(conn: &Connection, id: &str) -> Result<()> {
    conn.query_row("SELECT 1 FROM asset WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .ok_or(StoreError::NotFound("asset"))
}

/// What an import did to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Added,
    Updated,
    Unchanged,
}

/// Writes one imported asset inside the importer's transaction, matched by ORUK id. A feed record
/// whose content hash is unchanged is left alone, so re-importing the same feed changes nothing.
pub fn write_imported(tx: &Transaction, a: &AssetInput, hash: &str, dry_run: bool) -> Result<Applied> {
    let oruk = a.oruk_id.as_deref().ok_or_else(|| linkwork_core::ValidationError::new("id", "An imported service needs its ORUK id."))?;
    let found: Option<(String, Option<String>)> =
        tx.query_row("SELECT id, import_hash FROM asset WHERE oruk_id = ?1", [oruk], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let applied = match &found {
        None => Applied::Added,
        Some((_, Some(h))) if h == hash => Applied::Unchanged,
        Some(_) => Applied::Updated,
    };
    if dry_run || applied == Applied::Unchanged {
        return Ok(applied);
    }
    let id = found.map(|(id, _)| id).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    upsert(tx, &id, a, Some(hash))?;
    audit::record(tx, if applied == Applied::Added { "create" } else { "update" }, "asset", Some(&id))?;
    Ok(applied)
}

pub fn set_favourite(conn: &mut Connection, id: &str, favourite: bool) -> Result<()> {
    local_update(conn, id, "UPDATE asset SET favourite = ?2 WHERE id = ?1", rusqlite::types::Value::from(favourite as i64))
}

pub fn verify(conn: &mut Connection, id: &str, on: NaiveDate) -> Result<()> {
    local_update(conn, id, "UPDATE asset SET last_verified_on = ?2 WHERE id = ?1", rusqlite::types::Value::from(on.to_string()))
}

pub fn set_private_notes(conn: &mut Connection, id: &str, notes: Option<&str>) -> Result<()> {
    let v = notes.map(|n| rusqlite::types::Value::from(n.to_string())).unwrap_or(rusqlite::types::Value::Null);
    local_update(conn, id, "UPDATE asset SET private_notes = ?2 WHERE id = ?1", v)
}

fn local_update(conn: &mut Connection, id: &str, sql: &str, v: rusqlite::types::Value) -> Result<()> {
    let tx = conn.transaction()?;
    if tx.execute(sql, params![id, v])? == 0 {
        return Err(StoreError::NotFound("asset"));
    }
    tx.execute("UPDATE asset SET updated_at = ?2 WHERE id = ?1", params![id, now()])?;
    audit::record(&tx, "update", "asset", Some(id))?;
    tx.commit()?;
    Ok(())
}

/// Filters for the directory search.
#[derive(Debug, Clone, Default)]
pub struct AssetQuery {
    pub text: Option<String>,
    pub category: Option<NeedCategory>,
    pub free_only: bool,
    pub accessible_only: bool,
    pub active_only: bool,
    pub favourites_only: bool,
    /// Verified within this many months.
    pub verified_within_months: Option<u32>,
    pub limit: u32,
}

/// One result of a directory search.
#[derive(Debug, Clone, PartialEq)]
pub struct AssetHit {
    pub id: String,
    pub name: String,
    pub organisation: Option<String>,
    pub postcode: Option<String>,
    pub status: AssetStatus,
    pub cost: CostKind,
    pub favourite: bool,
    pub last_verified_on: Option<NaiveDate>,
    /// Not verified in the last 12 months.
    pub stale: bool,
}

/// Turns typed words into an FTS5 query: every word must match, the last as a prefix (as you type).
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.to_lowercase()))
        .collect();
    if words.is_empty() {
        return None;
    }
    let n = words.len();
    Some(words.into_iter().enumerate().map(|(i, w)| if i + 1 == n { format!("{w}*") } else { w }).collect::<Vec<_>>().join(" "))
}

/// Searches the directory: full text (name weighted highest), then favourites and recently
/// verified first among equals.
pub fn search(conn: &Connection, q: &AssetQuery, today: NaiveDate) -> Result<Vec<AssetHit>> {
    let fts = q.text.as_deref().and_then(fts_query);
    let stale_before = today - chrono::Months::new(12);
    let verified_after = q.verified_within_months.map(|m| today - chrono::Months::new(m));
    let sql = format!(
        "SELECT a.id, a.name, a.organisation, a.postcode, a.status, a.cost, a.favourite, a.last_verified_on
         FROM asset a {join}
         WHERE (?2 IS NULL OR EXISTS (SELECT 1 FROM asset_category c WHERE c.asset_id = a.id AND c.category = ?2))
           AND (?3 = 0 OR a.cost = 'free')
           AND (?4 = 0 OR a.wheelchair_access = 1)
           AND (?5 = 0 OR a.status = 'active')
           AND (?6 = 0 OR a.favourite = 1)
           AND (?7 IS NULL OR a.last_verified_on >= ?7)
         ORDER BY {rank} a.favourite DESC, a.last_verified_on IS NULL, a.last_verified_on DESC, lower(a.name)
         LIMIT ?8",
        join = if fts.is_some() { "JOIN (SELECT asset_id, bm25(asset_fts, 0, 10.0, 4.0, 1.0, 3.0, 2.0) AS score FROM asset_fts WHERE asset_fts MATCH ?1) f ON f.asset_id = a.id" } else { "" },
        rank = if fts.is_some() { "f.score," } else { "" },
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let limit = if q.limit == 0 { 200 } else { q.limit };
    let rows = stmt.query_map(
        params![fts, q.category.map(|c| c.slug()), q.free_only, q.accessible_only, q.active_only, q.favourites_only, verified_after, limit],
        |r| {
            let status: String = r.get(4)?;
            let cost: String = r.get(5)?;
            let verified: Option<NaiveDate> = r.get(7)?;
            Ok(AssetHit {
                id: r.get(0)?,
                name: r.get(1)?,
                organisation: r.get(2)?,
                postcode: r.get(3)?,
                status: AssetStatus::from_slug(&status).unwrap_or(AssetStatus::Active),
                cost: CostKind::from_slug(&cost).unwrap_or(CostKind::Unknown),
                favourite: r.get(6)?,
                stale: verified.is_none_or(|v| v < stale_before),
                last_verified_on: verified,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---- Onward referrals ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct OnwardInput {
    pub episode_id: String,
    pub asset_id: String,
    pub referred_on: NaiveDate,
    pub kind: OnwardKind,
    /// Defaults to the asset's first category.
    pub category: Option<NeedCategory>,
    pub notes: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
}

pub fn add_onward(conn: &mut Connection, o: &OnwardInput) -> Result<String> {
    let tx = conn.transaction()?;
    exists(&tx, &o.asset_id)?;
    let received: NaiveDate = tx
        .query_row("SELECT referral_received_on FROM episode WHERE id = ?1", [&o.episode_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("episode"))?;
    if o.referred_on < received {
        return Err(linkwork_core::ValidationError::new("referred_on", "The onward referral cannot be before the referral to you was received.").into());
    }
    let category = match o.category {
        Some(c) => c.slug().to_string(),
        None => tx
            .query_row("SELECT category FROM asset_category WHERE asset_id = ?1 ORDER BY category LIMIT 1", [&o.asset_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| linkwork_core::ValidationError::new("category", "Choose the category of this onward referral."))?,
    };
    let id = uuid::Uuid::new_v4().to_string();
    let stamp = now();
    tx.execute(
        "INSERT INTO onward_referral (id, episode_id, asset_id, referred_on, kind, category, notes, follow_up_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![id, o.episode_id, o.asset_id, o.referred_on, o.kind.slug(), category, o.notes, o.follow_up_on, stamp],
    )?;
    audit::record(&tx, "create", "onward_referral", Some(&id))?;
    tx.commit()?;
    Ok(id)
}

/// Records what happened: the outcome (back to pending clears its date) and any barriers.
pub fn record_onward_outcome(conn: &mut Connection, id: &str, outcome: OnwardOutcome, on: Option<NaiveDate>, barriers: &[Barrier]) -> Result<()> {
    let tx = conn.transaction()?;
    let on = if outcome == OnwardOutcome::Pending { None } else { Some(on.ok_or_else(|| linkwork_core::ValidationError::new("outcome_on", "Enter the date of the outcome."))?) };
    if tx.execute("UPDATE onward_referral SET outcome = ?2, outcome_on = ?3, updated_at = ?4 WHERE id = ?1", params![id, outcome.slug(), on, now()])? == 0 {
        return Err(StoreError::NotFound("onward referral"));
    }
    tx.execute("DELETE FROM onward_referral_barrier WHERE onward_referral_id = ?1", [id])?;
    for b in barriers {
        tx.execute("INSERT OR IGNORE INTO onward_referral_barrier (onward_referral_id, barrier) VALUES (?1, ?2)", params![id, b.slug()])?;
    }
    audit::record(&tx, "update", "onward_referral", Some(id))?;
    tx.commit()?;
    Ok(())
}

/// How an asset has worked out for the people referred to it.
#[derive(Debug, Clone, PartialEq)]
pub struct AssetUse {
    pub referred: u32,
    /// Of those with a known outcome: attended or partly attended.
    pub attended: u32,
    pub with_outcome: u32,
    /// Each barrier recorded, most frequent first.
    pub barriers: Vec<(Barrier, u32)>,
}

pub fn asset_use(conn: &Connection, asset_id: &str) -> Result<AssetUse> {
    let (referred, attended, with_outcome): (u32, u32, u32) = conn.query_row(
        "SELECT count(*), coalesce(sum(outcome IN ('attended', 'partly_attended')), 0), coalesce(sum(outcome <> 'pending'), 0)
         FROM onward_referral WHERE asset_id = ?1",
        [asset_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT b.barrier, count(*) FROM onward_referral_barrier b JOIN onward_referral o ON o.id = b.onward_referral_id
         WHERE o.asset_id = ?1 GROUP BY b.barrier ORDER BY count(*) DESC, b.barrier",
    )?;
    let barriers = stmt
        .query_map([asset_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?
        .filter_map(|r| r.ok().and_then(|(b, n)| Barrier::from_slug(&b).map(|b| (b, n))))
        .collect();
    Ok(AssetUse { referred, attended, with_outcome, barriers })
}
