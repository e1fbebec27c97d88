//! The community asset directory: assets with categories and weekly slots, full-text search.
//!
//! Every asset write updates `asset_fts` in the same transaction, so search never disagrees with
//! the directory. Local fields (favourite, private notes, last verified) are only written here by
//! the link worker's own actions; importers go through [`crate::asset_io`], which leaves them alone.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    sql::new_id,
    write::{Read, Tx},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::assets::STALE_AFTER_MONTHS;
use linkwork_core::ids::AssetId;
use linkwork_core::vocab::{AssetStatus, CostKind, Delivery, NeedCategory, ReferralRoute};
use rusqlite::{params, Connection, OptionalExtension};

pub use linkwork_core::assets::{
    AssetHit, AssetInput, AssetRecord, AssetUse, BarrierCount, ImportProblem, ImportReport,
    OnwardView, Slot,
};

fn write_fts(tx: &Tx<'_>, id: &AssetId, a: &AssetInput) -> Result<()> {
    let (tx, id) = (tx.conn(), id.as_str());
    // By rowid (asset_id is not indexed); only this asset's own row, whatever fts_rowid says.
    tx.prepare_cached(
        "DELETE FROM asset_fts WHERE rowid = (SELECT fts_rowid FROM asset WHERE id = ?1) AND asset_id = ?1",
    )?
    .execute([id])?;
    let categories: Vec<&str> = a.categories.iter().map(|c| c.label()).collect();
    tx.prepare_cached(
        "INSERT INTO asset_fts (asset_id, name, organisation, description, categories, postcode) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, a.name, a.organisation, a.description, categories.join(" "), a.postcode])?;
    tx.prepare_cached("UPDATE asset SET fts_rowid = last_insert_rowid() WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

fn write_children(t: &Tx<'_>, asset: &AssetId, a: &AssetInput) -> Result<()> {
    let (tx, id) = (t.conn(), asset.as_str());
    tx.prepare_cached("DELETE FROM asset_category WHERE asset_id = ?1")?
        .execute([id])?;
    let mut add = tx.prepare_cached(
        "INSERT OR IGNORE INTO asset_category (asset_id, category) VALUES (?1, ?2)",
    )?;
    for c in &a.categories {
        add.execute(params![id, c.slug()])?;
    }
    tx.prepare_cached("DELETE FROM asset_slot WHERE asset_id = ?1")?
        .execute([id])?;
    let mut add = tx.prepare_cached(
        "INSERT OR IGNORE INTO asset_slot (asset_id, weekday, opens_at, closes_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for s in &a.slots {
        add.execute(params![id, s.weekday, s.opens_at, s.closes_at])?;
    }
    write_fts(t, asset, a)
}

/// Inserts or replaces the shared fields of asset `id`; local fields are untouched.
pub(crate) fn upsert(
    t: &Tx<'_>,
    asset: &AssetId,
    a: &AssetInput,
    import_hash: Option<&str>,
) -> Result<()> {
    let stamp = t.now();
    t.conn().prepare_cached(
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
    )?
    .execute(params![
            asset.as_str(),
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
        ])?;
    write_children(t, asset, a)
}

/// Adds an asset typed in by the link worker; it counts as verified today.
pub fn add_asset(tx: &Tx<'_>, a: &AssetInput) -> Result<AssetId> {
    let a = &a.clone().normalised();
    a.validate()?;
    let id: AssetId = new_id();
    upsert(tx, &id, a, None)?;
    tx.conn().execute(
        "UPDATE asset SET last_verified_on = ?2 WHERE id = ?1",
        params![id.as_str(), tx.today()],
    )?;
    tx.audit(AuditAction::Create, Entity::Asset, Some(id.as_str()))?;
    Ok(id)
}

/// Saves the link worker's edit. The asset keeps its ORUK ids whatever `a` says: an edit never
/// changes which feed record it is, so the next import of that feed still finds it.
pub fn update_asset(tx: &Tx<'_>, id: &AssetId, a: &AssetInput) -> Result<()> {
    a.validate()?;
    let (oruk_id, organisation_oruk_id) = tx
        .conn()
        .query_row(
            "SELECT oruk_id, organisation_oruk_id FROM asset WHERE id = ?1",
            [id.as_str()],
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
    upsert(tx, id, &a, None)?;
    tx.audit(AuditAction::Update, Entity::Asset, Some(id.as_str()))
}

pub(crate) fn exists(r: Read<'_>, id: &AssetId) -> Result<()> {
    r.conn()
        .query_row("SELECT 1 FROM asset WHERE id = ?1", [id.as_str()], |_| {
            Ok(())
        })
        .optional()?
        .ok_or(StoreError::NotFound("asset"))
}

pub fn set_favourite(tx: &Tx<'_>, id: &AssetId, favourite: bool) -> Result<()> {
    local_update(
        tx,
        id,
        "UPDATE asset SET favourite = ?2 WHERE id = ?1",
        rusqlite::types::Value::from(favourite as i64),
    )
}

pub fn verify(tx: &Tx<'_>, id: &AssetId, on: NaiveDate) -> Result<()> {
    local_update(
        tx,
        id,
        "UPDATE asset SET last_verified_on = ?2 WHERE id = ?1",
        rusqlite::types::Value::from(on.to_string()),
    )
}

pub fn set_private_notes(tx: &Tx<'_>, id: &AssetId, notes: Option<&str>) -> Result<()> {
    let v = notes
        .map(|n| rusqlite::types::Value::from(n.to_string()))
        .unwrap_or(rusqlite::types::Value::Null);
    local_update(
        tx,
        id,
        "UPDATE asset SET private_notes = ?2 WHERE id = ?1",
        v,
    )
}

/// The asset's finer service type (local, like the private notes: kept across imports, never
/// exported). It picks the onward referral's SNOMED code; `None` leaves the category to decide.
pub fn set_service_type(
    tx: &Tx<'_>,
    id: &AssetId,
    t: Option<linkwork_core::vocab::ServiceType>,
) -> Result<()> {
    let v = t
        .map(|t| rusqlite::types::Value::from(t.slug().to_string()))
        .unwrap_or(rusqlite::types::Value::Null);
    local_update(
        tx,
        id,
        "UPDATE asset SET service_type = ?2 WHERE id = ?1",
        v,
    )
}

fn local_update(tx: &Tx<'_>, id: &AssetId, sql: &str, v: rusqlite::types::Value) -> Result<()> {
    if tx.conn().execute(sql, params![id.as_str(), v])? == 0 {
        return Err(StoreError::NotFound("asset"));
    }
    tx.conn().execute(
        "UPDATE asset SET updated_at = ?2 WHERE id = ?1",
        params![id.as_str(), tx.now()],
    )?;
    tx.audit(AuditAction::Update, Entity::Asset, Some(id.as_str()))
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

/// More matches than this and a search lists them in browsing order rather than ranking them.
const BROAD_MATCHES: i64 = 300;

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
pub fn search(r: Read<'_>, q: &AssetQuery, today: NaiveDate) -> Result<Vec<AssetHit>> {
    let conn = r.conn();
    let fts = q.text.as_deref().and_then(fts_query);
    let stale_before = today - chrono::Months::new(STALE_AFTER_MONTHS);
    let verified_after = q
        .verified_within_months
        .map(|m| today - chrono::Months::new(m));
    // A short prefix ("hx", "wa") can match most of the directory; ranking thousands of matches
    // by relevance costs tens of milliseconds and means little, so broad searches (and no text)
    // list matches in the browsing order instead, read in index order until the page is full.
    let broad = match &fts {
        None => true,
        Some(m) => conn
            .prepare_cached("SELECT 1 FROM asset_fts WHERE asset_fts MATCH ?1 LIMIT 1 OFFSET ?2")?
            .query_row(params![m, BROAD_MATCHES], |_| Ok(()))
            .optional()?
            .is_some(),
    };
    let filters = "(?2 IS NULL OR EXISTS (SELECT 1 FROM asset_category c WHERE c.asset_id = a.id AND c.category = ?2))
             AND (?3 = 0 OR a.cost = 'free')
             AND (?4 = 0 OR a.wheelchair_access = 1)
             AND (?5 = 0 OR a.status = 'active')
             AND (?6 = 0 OR a.favourite = 1)
             AND (?7 IS NULL OR a.last_verified_on >= ?7)";
    let hit_columns = "id, name, organisation, postcode, status, cost, favourite, last_verified_on, delivery, wheelchair_access,
                (SELECT group_concat(category) FROM asset_category c WHERE c.asset_id = id)";
    let sql = if broad {
        format!(
            // In the order of the `asset_browse` index, so the scan stops when the page is full.
            "SELECT {hit_columns} FROM asset a
             WHERE {matching} {filters}
             ORDER BY a.favourite DESC, a.last_verified_on IS NULL, a.last_verified_on DESC, lower(a.name)
             LIMIT ?8",
            matching = if fts.is_some() {
                "a.fts_rowid IN (SELECT rowid FROM asset_fts WHERE asset_fts MATCH ?1) AND"
            } else {
                "(?1 IS NULL) AND"
            },
        )
    } else {
        format!(
            // The inner query ranks and cuts to the limit; the category list is only looked up
            // for the rows kept (in the outer query).
            "SELECT {hit_columns}
             FROM (
               SELECT a.id, a.name, a.organisation, a.postcode, a.status, a.cost, a.favourite, a.last_verified_on, a.delivery,
                      a.wheelchair_access, f.score
               FROM asset a JOIN (SELECT asset_id, bm25(asset_fts, 0, 10.0, 4.0, 1.0, 3.0, 2.0) AS score
                                  FROM asset_fts WHERE asset_fts MATCH ?1) f ON f.asset_id = a.id
               WHERE {filters}
               ORDER BY score, a.favourite DESC, a.last_verified_on IS NULL, a.last_verified_on DESC, lower(a.name)
               LIMIT ?8)
             ORDER BY score, favourite DESC, last_verified_on IS NULL, last_verified_on DESC, lower(name)"
        )
    };
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
                id: r.get::<_, String>(0)?.into(),
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

pub(crate) fn categories(list: Option<String>) -> Vec<NeedCategory> {
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

fn read_input(conn: &Connection, r: &rusqlite::Row) -> rusqlite::Result<(AssetId, AssetInput)> {
    let id: AssetId = r.get::<_, String>(0)?.into();
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
        .query_map([id.as_str()], |r| r.get::<_, String>(0))?
        .filter_map(|c| c.ok().and_then(|c| NeedCategory::from_slug(&c)))
        .collect();
    a.categories.sort();
    let mut stmt = conn.prepare_cached("SELECT weekday, opens_at, closes_at FROM asset_slot WHERE asset_id = ?1 ORDER BY weekday, opens_at")?;
    a.slots = stmt
        .query_map([id.as_str()], |r| {
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
pub fn asset(r: Read<'_>, id: &AssetId, today: NaiveDate) -> Result<AssetRecord> {
    let conn = r.conn();
    type Row = (
        AssetId,
        AssetInput,
        bool,
        Option<String>,
        Option<NaiveDate>,
        Option<String>,
    );
    let (id, asset, favourite, private_notes, last_verified_on, service_type): Row = conn
        .query_row(&format!("SELECT {INPUT_COLUMNS}, favourite, private_notes, last_verified_on, service_type FROM asset WHERE id = ?1"), [id.as_str()], |r| {
            let (id, a) = read_input(conn, r)?;
            Ok((id, a, r.get(26)?, r.get(27)?, r.get(28)?, r.get(29)?))
        })
        .optional()?
        .ok_or(StoreError::NotFound("asset"))?;
    let usage = crate::onward::asset_use(r, &id)?;
    Ok(AssetRecord {
        stale: last_verified_on.is_none_or(|v| v < today - chrono::Months::new(STALE_AFTER_MONTHS)),
        attendance_percent: usage.attendance_percent(),
        days_and_times: linkwork_core::assets::format_slots(&asset.slots),
        id,
        asset,
        favourite,
        private_notes,
        last_verified_on,
        service_type: service_type
            .as_deref()
            .and_then(linkwork_core::vocab::ServiceType::from_slug),
        usage,
    })
}

/// Rebuilds one asset's search entry from its stored rows (after a handover copied them in whole).
pub(crate) fn reindex(t: &Tx<'_>, id: &AssetId) -> Result<()> {
    let conn = t.conn();
    let (_, a) = conn.query_row(
        &format!("SELECT {INPUT_COLUMNS} FROM asset WHERE id = ?1"),
        [id.as_str()],
        |r| read_input(conn, r),
    )?;
    write_fts(t, id, &a)
}

/// Every asset's shared fields, by name: what an export writes. `(local id, asset)`.
pub fn all_assets(r: Read<'_>) -> Result<Vec<(AssetId, AssetInput)>> {
    let conn = r.conn();
    let mut stmt = conn.prepare(&format!(
        "SELECT {INPUT_COLUMNS} FROM asset ORDER BY lower(name), id"
    ))?;
    let rows = stmt
        .query_map([], |r| read_input(conn, r))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn count(r: Read<'_>) -> Result<u32> {
    Ok(r.conn()
        .query_row("SELECT count(*) FROM asset", [], |r| r.get(0))?)
}

/// For the monthly report: active assets not verified for 12 months on `on`, and assets marked
/// temporarily closed.
pub fn report_counts(r: Read<'_>, on: NaiveDate) -> Result<(u64, u64)> {
    let stale_before = on - chrono::Months::new(STALE_AFTER_MONTHS);
    Ok(r.conn().query_row(
        "SELECT coalesce(sum(status = 'active' AND (last_verified_on IS NULL OR last_verified_on < ?1)), 0),
                coalesce(sum(status = 'temporarily_closed'), 0)
         FROM asset",
        [stale_before],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
