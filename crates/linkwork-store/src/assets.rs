//! The community asset directory and onward referrals.
//!
//! Every asset write updates `asset_fts` in the same transaction, so search never disagrees with
//! the directory. Local fields (favourite, private notes, last verified) are only written here by
//! the link worker's own actions; importers go through [`write_imported`], which leaves them alone.

use crate::{audit, error::StoreError, Result};
use chrono::{NaiveDate, Utc};
use linkwork_core::assets::STALE_AFTER_MONTHS;
use linkwork_core::vocab::{
    AssetStatus, Barrier, CostKind, Delivery, NeedCategory, OnwardKind, OnwardOutcome,
    ReferralRoute,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

pub use linkwork_core::assets::{
    AssetHit, AssetInput, AssetRecord, AssetUse, BarrierCount, ImportProblem, ImportReport,
    OnwardView, Slot,
};

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
        tx.execute(
            "INSERT OR IGNORE INTO asset_category (asset_id, category) VALUES (?1, ?2)",
            params![id, c.slug()],
        )?;
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
    let a = &a.clone().normalised();
    a.validate()?;
    let tx = conn.transaction()?;
    let id = uuid::Uuid::new_v4().to_string();
    upsert(&tx, &id, a, None)?;
    tx.execute(
        "UPDATE asset SET last_verified_on = ?2 WHERE id = ?1",
        params![id, today],
    )?;
    audit::record(&tx, "create", "asset", Some(&id))?;
    tx.commit()?;
    Ok(id)
}

/// Saves the link worker's edit. The asset keeps its ORUK ids whatever `a` says: an edit never
/// changes which feed record it is, so the next import of that feed still finds it.
pub fn update_asset(conn: &mut Connection, id: &str, a: &AssetInput) -> Result<()> {
    a.validate()?;
    let tx = conn.transaction()?;
    let (oruk_id, organisation_oruk_id) = tx
        .query_row(
            "SELECT oruk_id, organisation_oruk_id FROM asset WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("asset"))?;
    let a = AssetInput {
        oruk_id,
        organisation_oruk_id,
        ..a.clone()
    }
    .normalised();
    upsert(&tx, id, &a, None)?;
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
pub fn write_imported(
    tx: &Transaction,
    a: &AssetInput,
    hash: &str,
    dry_run: bool,
) -> Result<Applied> {
    let oruk = a.oruk_id.as_deref().ok_or_else(|| {
        linkwork_core::ValidationError::new("id", "An imported service needs its ORUK id.")
    })?;
    let found: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT id, import_hash FROM asset WHERE oruk_id = ?1",
            [oruk],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let applied = match &found {
        None => Applied::Added,
        Some((_, Some(h))) if h == hash => Applied::Unchanged,
        Some(_) => Applied::Updated,
    };
    if dry_run || applied == Applied::Unchanged {
        return Ok(applied);
    }
    let id = found
        .map(|(id, _)| id)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    upsert(tx, &id, a, Some(hash))?;
    audit::record(
        tx,
        if applied == Applied::Added {
            "create"
        } else {
            "update"
        },
        "asset",
        Some(&id),
    )?;
    Ok(applied)
}

pub fn set_favourite(conn: &mut Connection, id: &str, favourite: bool) -> Result<()> {
    local_update(
        conn,
        id,
        "UPDATE asset SET favourite = ?2 WHERE id = ?1",
        rusqlite::types::Value::from(favourite as i64),
    )
}

pub fn verify(conn: &mut Connection, id: &str, on: NaiveDate) -> Result<()> {
    local_update(
        conn,
        id,
        "UPDATE asset SET last_verified_on = ?2 WHERE id = ?1",
        rusqlite::types::Value::from(on.to_string()),
    )
}

pub fn set_private_notes(conn: &mut Connection, id: &str, notes: Option<&str>) -> Result<()> {
    let v = notes
        .map(|n| rusqlite::types::Value::from(n.to_string()))
        .unwrap_or(rusqlite::types::Value::Null);
    local_update(
        conn,
        id,
        "UPDATE asset SET private_notes = ?2 WHERE id = ?1",
        v,
    )
}

fn local_update(
    conn: &mut Connection,
    id: &str,
    sql: &str,
    v: rusqlite::types::Value,
) -> Result<()> {
    let tx = conn.transaction()?;
    if tx.execute(sql, params![id, v])? == 0 {
        return Err(StoreError::NotFound("asset"));
    }
    tx.execute(
        "UPDATE asset SET updated_at = ?2 WHERE id = ?1",
        params![id, now()],
    )?;
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

/// Turns typed words into an FTS5 query: every word must match, the last as a prefix (as you type).
fn fts_query(text: &str) -> Option<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.to_lowercase()))
        .collect();
    // A lone first letter would match nearly everything (and has no prefix index): it waits for
    // the next keystroke. After other words it narrows usefully ("hx7 6"), so it stays.
    if words.len() == 1 && words[0].chars().count() == 3 {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    let n = words.len();
    Some(
        words
            .into_iter()
            .enumerate()
            .map(|(i, w)| if i + 1 == n { format!("{w}*") } else { w })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Searches the directory: full text (name weighted highest), then favourites and recently
/// verified first among equals.
pub fn search(conn: &Connection, q: &AssetQuery, today: NaiveDate) -> Result<Vec<AssetHit>> {
    let fts = q.text.as_deref().and_then(fts_query);
    let stale_before = today - chrono::Months::new(STALE_AFTER_MONTHS);
    let verified_after = q
        .verified_within_months
        .map(|m| today - chrono::Months::new(m));
    let sql = format!(
        // The inner query ranks and cuts to the limit; the category list is only looked up for the
        // rows kept (in the outer query), not for every match a short prefix finds.
        "SELECT id, name, organisation, postcode, status, cost, favourite, last_verified_on, delivery, wheelchair_access,
                (SELECT group_concat(category) FROM asset_category c WHERE c.asset_id = id)
         FROM (
           SELECT a.id, a.name, a.organisation, a.postcode, a.status, a.cost, a.favourite, a.last_verified_on, a.delivery,
                  a.wheelchair_access, {rank_col} AS score
           FROM asset a {join}
           WHERE (?2 IS NULL OR EXISTS (SELECT 1 FROM asset_category c WHERE c.asset_id = a.id AND c.category = ?2))
             AND (?3 = 0 OR a.cost = 'free')
             AND (?4 = 0 OR a.wheelchair_access = 1)
             AND (?5 = 0 OR a.status = 'active')
             AND (?6 = 0 OR a.favourite = 1)
             AND (?7 IS NULL OR a.last_verified_on >= ?7)
           ORDER BY score, a.favourite DESC, a.last_verified_on IS NULL, a.last_verified_on DESC, lower(a.name)
           LIMIT ?8)
         ORDER BY score, favourite DESC, last_verified_on IS NULL, last_verified_on DESC, lower(name)",
        join = if fts.is_some() { "JOIN (SELECT asset_id, bm25(asset_fts, 0, 10.0, 4.0, 1.0, 3.0, 2.0) AS score FROM asset_fts WHERE asset_fts MATCH ?1) f ON f.asset_id = a.id" } else { "" },
        rank_col = if fts.is_some() { "f.score" } else { "0" },
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let limit = if q.limit == 0 { 200 } else { q.limit };
    let rows = stmt.query_map(
        params![
            fts,
            q.category.map(|c| c.slug()),
            q.free_only,
            q.accessible_only,
            q.active_only,
            q.favourites_only,
            verified_after,
            limit
        ],
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
                delivery: Delivery::from_slug(&r.get::<_, String>(8)?)
                    .unwrap_or(Delivery::InPerson),
                wheelchair_access: r.get(9)?,
                categories: categories(r.get(10)?),
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
        .query_row(
            "SELECT referral_received_on FROM episode WHERE id = ?1",
            [&o.episode_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound("episode"))?;
    if o.referred_on < received {
        return Err(linkwork_core::ValidationError::new(
            "referred_on",
            "The onward referral cannot be before the referral to you was received.",
        )
        .into());
    }
    let category = match o.category {
        Some(c) => c.slug().to_string(),
        None => tx
            .query_row(
                "SELECT category FROM asset_category WHERE asset_id = ?1 ORDER BY category LIMIT 1",
                [&o.asset_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| {
                linkwork_core::ValidationError::new(
                    "category",
                    "Choose the category of this onward referral.",
                )
            })?,
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
pub fn record_onward_outcome(
    conn: &mut Connection,
    id: &str,
    outcome: OnwardOutcome,
    on: Option<NaiveDate>,
    barriers: &[Barrier],
) -> Result<()> {
    let tx = conn.transaction()?;
    let on = if outcome == OnwardOutcome::Pending {
        None
    } else {
        Some(on.ok_or_else(|| {
            linkwork_core::ValidationError::new("outcome_on", "Enter the date of the outcome.")
        })?)
    };
    if tx.execute(
        "UPDATE onward_referral SET outcome = ?2, outcome_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, outcome.slug(), on, now()],
    )? == 0
    {
        return Err(StoreError::NotFound("onward referral"));
    }
    tx.execute(
        "DELETE FROM onward_referral_barrier WHERE onward_referral_id = ?1",
        [id],
    )?;
    for b in barriers {
        tx.execute("INSERT OR IGNORE INTO onward_referral_barrier (onward_referral_id, barrier) VALUES (?1, ?2)", params![id, b.slug()])?;
    }
    audit::record(&tx, "update", "onward_referral", Some(id))?;
    tx.commit()?;
    Ok(())
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
        .query_map([asset_id], |r| {
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

fn categories(list: Option<String>) -> Vec<NeedCategory> {
    list.iter()
        .flat_map(|l| l.split(','))
        .filter_map(NeedCategory::from_slug)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

const INPUT_COLUMNS: &str = "id, oruk_id, name, organisation, organisation_oruk_id, description, lga_service_type, phone, email, website, address,
    postcode, delivery, schedule_text, cost, cost_description, min_age, max_age, eligibility, wheelchair_access, hearing_loop, transport,
    access_notes, referral_route, referral_how, status";

fn read_input(conn: &Connection, r: &rusqlite::Row) -> rusqlite::Result<(String, AssetInput)> {
    let id: String = r.get(0)?;
    let text = |i: usize| r.get::<_, String>(i);
    let mut a = AssetInput {
        oruk_id: r.get(1)?,
        name: r.get(2)?,
        organisation: r.get(3)?,
        organisation_oruk_id: r.get(4)?,
        description: r.get(5)?,
        categories: vec![],
        lga_service_type: r.get(6)?,
        phone: r.get(7)?,
        email: r.get(8)?,
        website: r.get(9)?,
        address: r.get(10)?,
        postcode: r.get(11)?,
        delivery: Delivery::from_slug(&text(12)?),
        schedule_text: r.get(13)?,
        slots: vec![],
        cost: CostKind::from_slug(&text(14)?),
        cost_description: r.get(15)?,
        min_age: r.get(16)?,
        max_age: r.get(17)?,
        eligibility: r.get(18)?,
        wheelchair_access: r.get(19)?,
        hearing_loop: r.get(20)?,
        transport: r.get(21)?,
        access_notes: r.get(22)?,
        referral_route: r
            .get::<_, Option<String>>(23)?
            .and_then(|s| ReferralRoute::from_slug(&s)),
        referral_how: r.get(24)?,
        status: AssetStatus::from_slug(&text(25)?),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT category FROM asset_category WHERE asset_id = ?1 ORDER BY category",
    )?;
    a.categories = stmt
        .query_map([&id], |r| r.get::<_, String>(0))?
        .filter_map(|c| c.ok().and_then(|c| NeedCategory::from_slug(&c)))
        .collect();
    a.categories.sort();
    let mut stmt = conn.prepare_cached("SELECT weekday, opens_at, closes_at FROM asset_slot WHERE asset_id = ?1 ORDER BY weekday, opens_at")?;
    a.slots = stmt
        .query_map([&id], |r| {
            Ok(Slot {
                weekday: r.get(0)?,
                opens_at: r.get(1)?,
                closes_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((id, a.normalised()))
}

/// One asset with its local fields and how it has been used.
pub fn asset(conn: &Connection, id: &str, today: NaiveDate) -> Result<AssetRecord> {
    let (id, asset, favourite, private_notes, last_verified_on): (String, AssetInput, bool, Option<String>, Option<NaiveDate>) = conn
        .query_row(&format!("SELECT {INPUT_COLUMNS}, favourite, private_notes, last_verified_on FROM asset WHERE id = ?1"), [id], |r| {
            let (id, a) = read_input(conn, r)?;
            Ok((id, a, r.get(26)?, r.get(27)?, r.get(28)?))
        })
        .optional()?
        .ok_or(StoreError::NotFound("asset"))?;
    let usage = asset_use(conn, &id)?;
    Ok(AssetRecord {
        stale: last_verified_on.is_none_or(|v| v < today - chrono::Months::new(STALE_AFTER_MONTHS)),
        attendance_percent: usage.attendance_percent(),
        days_and_times: linkwork_core::assets::format_slots(&asset.slots),
        id,
        asset,
        favourite,
        private_notes,
        last_verified_on,
        usage,
    })
}

/// Every asset's shared fields, by name: what an export writes. `(local id, asset)`.
pub fn all_assets(conn: &Connection) -> Result<Vec<(String, AssetInput)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {INPUT_COLUMNS} FROM asset ORDER BY lower(name), id"
    ))?;
    let rows = stmt
        .query_map([], |r| read_input(conn, r))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn count(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT count(*) FROM asset", [], |r| r.get(0))?)
}

/// A content hash of an imported asset: the same feed record always hashes the same.
fn import_hash(a: &AssetInput) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(
        serde_json::to_vec(a).expect("an asset always serialises"),
    ))
}

/// Problems listed in full; beyond this they are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 1000;

struct ImportSink<'t, 'p> {
    tx: &'t Transaction<'t>,
    dry_run: bool,
    report: ImportReport,
    progress: &'p mut dyn FnMut(u64, u64),
}

impl linkwork_oruk::Sink for ImportSink<'_, '_> {
    fn asset(&mut self, record: linkwork_oruk::Record) -> Result<(), ImportProblem> {
        let place = |field: Option<&str>, message: String| ImportProblem {
            file: record.file.clone(),
            place: record.place.clone(),
            field: field.map(String::from),
            message,
        };
        let a = record.asset.clone().normalised();
        if let Err(e) = a.validate() {
            return Err(place(Some(&e.field), e.message));
        }
        match write_imported(self.tx, &a, &import_hash(&a), self.dry_run) {
            Ok(Applied::Added) => self.report.added += 1,
            Ok(Applied::Updated) => self.report.updated += 1,
            Ok(Applied::Unchanged) => self.report.unchanged += 1,
            Err(e) => {
                return Err(place(
                    None,
                    format!("Linkwork could not store this service: {e}"),
                ))
            }
        }
        Ok(())
    }
    fn progress(&mut self, done: u64, total: u64) {
        (self.progress)(done, total)
    }
}

/// Imports an ORUK feed (JSON file, CSV folder) or the Linkwork CSV template, all or nothing: one
/// transaction, committed only when the whole feed is clean and `dry_run` is false. The report
/// counts what was (or would be) added, updated and left unchanged, and lists every problem.
pub fn import(
    conn: &mut Connection,
    path: &std::path::Path,
    dry_run: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport> {
    let tx = conn.transaction()?;
    let mut sink = ImportSink {
        tx: &tx,
        dry_run,
        report: ImportReport {
            dry_run,
            ..Default::default()
        },
        progress,
    };
    let outcome = linkwork_oruk::read(path, &mut sink);
    let mut report = sink.report;
    report.ignored_files = outcome.ignored_files;
    let mut problems = outcome.problems;
    if problems.len() > MAX_LISTED_PROBLEMS {
        report.more_problems = (problems.len() - MAX_LISTED_PROBLEMS) as u32;
        problems.truncate(MAX_LISTED_PROBLEMS);
    }
    report.problems = problems;
    if report.problems.is_empty() && !dry_run {
        audit::record(&tx, "import", "asset", None)?;
        tx.commit()?;
        report.committed = true;
    } else {
        tx.rollback()?;
        report.dry_run = true;
    }
    Ok(report)
}

/// The id an asset has in an export: its ORUK id, or its own id for a local asset.
fn export_id((id, a): &(String, AssetInput)) -> String {
    a.oruk_id.clone().unwrap_or_else(|| id.clone())
}

/// Writes to `path` through a temporary file beside it, so a failed export leaves no half file.
fn write_file(
    path: &std::path::Path,
    f: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<u32>,
) -> Result<u32> {
    let part = path.with_extension("part");
    let file = std::fs::File::create(&part).map_err(|e| StoreError::io("write", &part, e))?;
    let mut out = std::io::BufWriter::new(file);
    let written = f(&mut out).and_then(|n| {
        use std::io::Write;
        out.flush()
            .map_err(|e| StoreError::io("write", &part, e))
            .map(|_| n)
    });
    drop(out);
    match written {
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            Err(e)
        }
        Ok(n) => std::fs::rename(&part, path)
            .map(|_| n)
            .map_err(|e| StoreError::io("write", path, e)),
    }
}

/// Writes the directory as ORUK JSON (each service validated against the uk-profile schema).
pub fn write_oruk_json(conn: &Connection, out: &mut dyn std::io::Write) -> Result<u32> {
    let all = all_assets(conn)?;
    linkwork_oruk::export::write_json(out, all.len(), all.iter().map(|x| (export_id(x), &x.1)))
        .map_err(|e| match e {
            linkwork_oruk::export::ExportError::Io(e) => StoreError::io("write", "the export", e),
            linkwork_oruk::export::ExportError::Invalid(p) => StoreError::ExportInvalid(
                p.iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        })?;
    Ok(all.len() as u32)
}

/// Writes the directory in the Linkwork CSV template's columns.
pub fn write_csv(conn: &Connection, out: &mut dyn std::io::Write) -> Result<u32> {
    let all = all_assets(conn)?;
    linkwork_oruk::template::write(out, all.iter().map(|x| (export_id(x), &x.1)))
        .map_err(|e| StoreError::io("write", "the export", e))?;
    Ok(all.len() as u32)
}

pub fn export_oruk_json(conn: &Connection, path: &std::path::Path) -> Result<u32> {
    write_file(path, |out| write_oruk_json(conn, out))
}

pub fn export_csv(conn: &Connection, path: &std::path::Path) -> Result<u32> {
    write_file(path, |out| write_csv(conn, out))
}

/// The onward referrals of one episode, newest first.
pub fn onward_for_episode(conn: &Connection, episode_id: &str) -> Result<Vec<OnwardView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.episode_id, o.asset_id, a.name, o.referred_on, o.kind, o.category, o.notes, o.follow_up_on, o.outcome, o.outcome_on,
                (SELECT group_concat(barrier) FROM onward_referral_barrier b WHERE b.onward_referral_id = o.id)
         FROM onward_referral o JOIN asset a ON a.id = o.asset_id
         WHERE o.episode_id = ?1 ORDER BY o.referred_on DESC, o.created_at DESC",
    )?;
    let rows = stmt.query_map([episode_id], |r| {
        let barriers: Option<String> = r.get(11)?;
        let mut barriers: Vec<Barrier> = barriers
            .iter()
            .flat_map(|b| b.split(','))
            .filter_map(Barrier::from_slug)
            .collect();
        barriers.sort();
        Ok(OnwardView {
            id: r.get(0)?,
            episode_id: r.get(1)?,
            asset_id: r.get(2)?,
            asset_name: r.get(3)?,
            referred_on: r.get(4)?,
            kind: OnwardKind::from_slug(&r.get::<_, String>(5)?).unwrap_or(OnwardKind::Signpost),
            category: NeedCategory::from_slug(&r.get::<_, String>(6)?)
                .unwrap_or(NeedCategory::MentalHealth),
            notes: r.get(7)?,
            follow_up_on: r.get(8)?,
            outcome: OnwardOutcome::from_slug(&r.get::<_, String>(9)?)
                .unwrap_or(OnwardOutcome::Pending),
            outcome_on: r.get(10)?,
            barriers,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The episode an onward referral belongs to (for handlers that return the person's record).
pub fn onward_episode(conn: &Connection, id: &str) -> Result<String> {
    conn.query_row(
        "SELECT episode_id FROM onward_referral WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound("onward referral"))
}
