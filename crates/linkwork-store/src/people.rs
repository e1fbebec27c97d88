//! People: details, group tags, the duplicate checks at intake, and the people list.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    sql::{full_name, nhs_display, scoped, slug, unkeyed, Scope},
    write::{Read, Tx},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::{
    caseload::{ConsentView, PersonSummary},
    dates::format_date_gb,
    ids::{ConsentId, PersonId, PracticeId},
    vocab::{ConsentDecision, ConsentPurpose, ConsentToShare, GroupTag, PreferredContact},
    NhsNumber, ValidationError,
};
use rusqlite::{params, OptionalExtension, Row};

/// Details of a person as typed on the referral or edit form.
#[derive(Debug, Clone)]
pub struct PersonInput {
    pub nhs_number: Option<NhsNumber>,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub pronouns: Option<String>,
    pub phone: Option<String>,
    pub preferred_contact: Option<PreferredContact>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// The practice they are registered at. Without one, a typed name or code is looked up among
    /// the practices (and a named practice not yet listed is added): see [`write_person`].
    pub practice_id: Option<PracticeId>,
    pub gp_practice_name: Option<String>,
    pub gp_practice_ods: Option<String>,
    pub communication_needs: Option<String>,
    pub consent_to_share: ConsentToShare,
    pub consent_recorded_on: Option<NaiveDate>,
    pub notes: Option<String>,
    pub tags: Vec<GroupTag>,
}

pub(crate) fn person_name(r: Read<'_>, id: &PersonId) -> Result<String> {
    r.conn()
        .query_row(
            "SELECT given_name, family_name FROM person WHERE id = ?1",
            [id.as_str()],
            |r| Ok(full_name(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("person"))
}

pub(crate) fn person_by_nhs(r: Read<'_>, nhs: &NhsNumber) -> Result<Option<PersonId>> {
    Ok(r.conn()
        .query_row(
            "SELECT id FROM person WHERE nhs_number = ?1",
            [nhs.as_str()],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .map(PersonId::from))
}

const SUMMARY_COLUMNS: &str =
    "p.id, p.given_name, p.family_name, p.date_of_birth, p.nhs_number, p.postcode,
    (SELECT e.id FROM episode e WHERE e.person_id = p.id AND e.status <> 'closed')";

fn summary_row(r: &Row) -> rusqlite::Result<PersonSummary> {
    Ok(PersonSummary {
        id: r.get::<_, String>(0)?.into(),
        name: full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?),
        date_of_birth: r.get(3)?,
        nhs_number: nhs_display(r.get(4)?),
        postcode: r.get(5)?,
        open_episode_id: r.get::<_, Option<String>>(6)?.map(Into::into),
    })
}

/// People with the same family name and date of birth whose given name matches or shares an initial.
pub fn possible_duplicates(
    r: Read<'_>,
    given: &str,
    family: &str,
    dob: Option<NaiveDate>,
) -> Result<Vec<PersonSummary>> {
    let Some(dob) = dob else { return Ok(vec![]) };
    let mut stmt = r.conn().prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}
         FROM person p
         WHERE lower(p.family_name) = lower(?1) AND p.date_of_birth = ?2
           AND (lower(p.given_name) = lower(?3) OR substr(lower(p.given_name), 1, 1) = substr(lower(?3), 1, 1))
         ORDER BY p.given_name"
    ))?;
    let rows = stmt.query_map(params![family.trim(), dob, given.trim()], summary_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A person found by NHS number, with their open episode if any (for the intake check).
pub fn find_by_nhs(r: Read<'_>, nhs: &NhsNumber) -> Result<Option<PersonSummary>> {
    Ok(r.conn()
        .query_row(
            &format!("SELECT {SUMMARY_COLUMNS} FROM person p WHERE p.nhs_number = ?1"),
            [nhs.as_str()],
            summary_row,
        )
        .optional()?)
}

/// Everyone, or those matching `search` (name or NHS number), for the CLI and pickers.
pub fn list_people(r: Read<'_>, search: Option<&str>) -> Result<Vec<PersonSummary>> {
    let s = search
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.to_lowercase());
    let digits = s
        .as_ref()
        .map(|s| s.replace([' ', '-'], ""))
        .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
    let like = s.filter(|_| digits.is_none()).map(|s| format!("%{s}%"));
    let mut stmt = r.conn().prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}
         FROM person p
         WHERE (?1 IS NULL OR p.nhs_number LIKE ?1 || '%')
           AND (?2 IS NULL OR lower(p.given_name || ' ' || p.family_name) LIKE ?2)
         ORDER BY lower(p.family_name), lower(p.given_name)"
    ))?;
    let rows = stmt.query_map(params![digits, like], summary_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether the caseload has any people at all (demo data only fills an empty vault).
pub fn is_empty(r: Read<'_>) -> Result<bool> {
    Ok(!r
        .conn()
        .query_row("SELECT EXISTS (SELECT 1 FROM person)", [], |r| {
            r.get::<_, bool>(0)
        })?)
}

/// Writes a person's details: a new row, or the existing one with `id` (created_at kept).
/// Their practice is `practice_id`; without one, the practice a typed name or well-formed code
/// names (added when named and not yet listed). A typed code that is not well formed, with no
/// name, stays as typed and links nothing. A change of practice adds to their history.
pub(crate) fn write_person(tx: &Tx<'_>, id: &PersonId, p: &PersonInput) -> Result<()> {
    let practice = match &p.practice_id {
        Some(pid) => {
            crate::practices::get(tx.read(), pid)?;
            Some(pid.clone())
        }
        None => crate::practices::find_or_add(
            tx,
            p.gp_practice_name.as_deref(),
            p.gp_practice_ods.as_deref(),
        )?,
    };
    // A linked record keeps no typed copy: the practice holds its name and code.
    let (typed_name, typed_ods) = match practice {
        Some(_) => (None, None),
        None => (p.gp_practice_name.clone(), p.gp_practice_ods.clone()),
    };
    tx.conn().execute(
        "INSERT INTO person (id, nhs_number, given_name, family_name, preferred_name, date_of_birth, pronouns, phone,
             address, postcode, gp_practice_name, gp_practice_ods, communication_needs, consent_to_share,
             consent_recorded_on, notes, created_at, updated_at, preferred_contact, practice_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, ?18, ?19)
         ON CONFLICT (id) DO UPDATE SET
             nhs_number = excluded.nhs_number, given_name = excluded.given_name, family_name = excluded.family_name,
             preferred_name = excluded.preferred_name, date_of_birth = excluded.date_of_birth, pronouns = excluded.pronouns,
             phone = excluded.phone, address = excluded.address, postcode = excluded.postcode,
             gp_practice_name = excluded.gp_practice_name, gp_practice_ods = excluded.gp_practice_ods,
             communication_needs = excluded.communication_needs, consent_to_share = excluded.consent_to_share,
             consent_recorded_on = excluded.consent_recorded_on, notes = excluded.notes, updated_at = excluded.updated_at,
             preferred_contact = excluded.preferred_contact, practice_id = excluded.practice_id",
        params![
            id.as_str(),
            p.nhs_number.as_ref().map(|n| n.as_str()),
            p.given_name,
            p.family_name,
            p.preferred_name,
            p.date_of_birth,
            p.pronouns,
            p.phone,
            p.address,
            p.postcode,
            typed_name,
            typed_ods,
            p.communication_needs,
            p.consent_to_share.slug(),
            p.consent_recorded_on,
            p.notes,
            tx.now(),
            p.preferred_contact.map(|c| c.slug()),
            practice.as_ref().map(PracticeId::as_str),
        ],
    )?;
    crate::practices::note_registration(tx, id, practice.as_ref())?;
    tx.conn()
        .execute("DELETE FROM person_tag WHERE person_id = ?1", [id.as_str()])?;
    for t in &p.tags {
        tx.conn().execute(
            "INSERT OR IGNORE INTO person_tag (person_id, tag) VALUES (?1, ?2)",
            params![id.as_str(), t.slug()],
        )?;
    }
    Ok(())
}

pub(crate) fn insert_person(tx: &Tx<'_>, p: &PersonInput) -> Result<PersonId> {
    let id: PersonId = crate::sql::new_id();
    write_person(tx, &id, p)?;
    tx.audit(AuditAction::Create, Entity::Person, Some(id.as_str()))?;
    if let Some(decision) = ConsentDecision::from_slug(p.consent_to_share.slug()) {
        let on = p.consent_recorded_on.unwrap_or_else(|| tx.today());
        add_consent_decision(tx, &id, decision, on)?;
    }
    Ok(id)
}

/// A person's details as the edit form holds them.
pub fn person_input(r: Read<'_>, id: &PersonId) -> Result<PersonInput> {
    let mut p = unkeyed(person_rows(r, Scope::One(id.as_str()))?)
        .pop()
        .ok_or(StoreError::NotFound("person"))?;
    p.tags = tags(r, id)?;
    Ok(p)
}

/// People's details by id (tags left empty: see [`tag_rows`]), in id order.
pub(crate) fn person_rows(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, PersonInput)>> {
    scoped(
        r.conn(),
        "nhs_number, given_name, family_name, preferred_name, date_of_birth, pronouns, phone, address, postcode,
                    coalesce((SELECT name FROM practice WHERE practice.id = person.practice_id), gp_practice_name),
                    CASE WHEN practice_id IS NULL THEN gp_practice_ods
                         ELSE (SELECT ods_code FROM practice WHERE practice.id = person.practice_id) END,
                    communication_needs, consent_to_share, consent_recorded_on, notes,
                    preferred_contact, practice_id",
        "person",
        "id",
        None,
        "id",
        scope,
            |r| {
                Ok(PersonInput {
                    // A stored number that fails its check is a damaged row, never silently dropped.
                    nhs_number: r
                        .get::<_, Option<String>>(0)?
                        .map(|n| {
                            NhsNumber::parse("nhs_number", &n)
                                .map_err(|_| crate::sql::bad_column(0, &n))
                        })
                        .transpose()?,
                    given_name: r.get(1)?,
                    family_name: r.get(2)?,
                    preferred_name: r.get(3)?,
                    date_of_birth: r.get(4)?,
                    pronouns: r.get(5)?,
                    phone: r.get(6)?,
                    preferred_contact: r
                        .get::<_, Option<String>>(15)?
                        .map(|c| slug(c, PreferredContact::from_slug))
                        .transpose()?,
                    address: r.get(7)?,
                    postcode: r.get(8)?,
                    practice_id: r.get::<_, Option<String>>(16)?.map(PracticeId::new),
                    gp_practice_name: r.get(9)?,
                    gp_practice_ods: r.get(10)?,
                    communication_needs: r.get(11)?,
                    consent_to_share: slug(r.get(12)?, ConsentToShare::from_slug)?,
                    consent_recorded_on: r.get(13)?,
                    notes: r.get(14)?,
                    tags: vec![],
                })
            },
    )
}

/// One optional detail from another version of a person: taken where `mine` is blank (or, with
/// `replace`, wherever `theirs` has one); a value that differs and is not taken is pushed to
/// `differing` as (label, value), so the caller can keep it somewhere rather than lose it.
pub(crate) fn take_detail(
    label: &'static str,
    mine: &mut Option<String>,
    theirs: &Option<String>,
    replace: bool,
    differing: &mut Vec<(&'static str, String)>,
) {
    match (mine.as_ref(), theirs) {
        (_, None) => {}
        (None, Some(t)) => *mine = Some(t.clone()),
        (Some(m), Some(t)) if m.trim().to_lowercase() == t.trim().to_lowercase() => {}
        (Some(_), Some(t)) if replace => *mine = Some(t.clone()),
        (Some(_), Some(t)) => differing.push((label, t.clone())),
    }
}

/// [`take_detail`] for every contact and practice detail of a person.
pub(crate) fn take_details(
    into: &mut PersonInput,
    from: &PersonInput,
    replace: bool,
) -> Vec<(&'static str, String)> {
    let mut d = vec![];
    take_detail(
        "preferred name",
        &mut into.preferred_name,
        &from.preferred_name,
        replace,
        &mut d,
    );
    take_detail(
        "pronouns",
        &mut into.pronouns,
        &from.pronouns,
        replace,
        &mut d,
    );
    take_detail("phone", &mut into.phone, &from.phone, replace, &mut d);
    take_detail("address", &mut into.address, &from.address, replace, &mut d);
    take_detail(
        "postcode",
        &mut into.postcode,
        &from.postcode,
        replace,
        &mut d,
    );
    take_practice(into, from, replace, &mut d);
    take_detail(
        "communication needs",
        &mut into.communication_needs,
        &from.communication_needs,
        replace,
        &mut d,
    );
    d
}

/// [`take_detail`] for the practice: by its id when both have one, otherwise by the typed name
/// and code (a typed practice taken unlinks, so [`write_person`] looks it up).
fn take_practice(
    into: &mut PersonInput,
    from: &PersonInput,
    replace: bool,
    differing: &mut Vec<(&'static str, String)>,
) {
    let shown = |p: &PersonInput| {
        [p.gp_practice_name.as_deref(), p.gp_practice_ods.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (&into.practice_id, &from.practice_id) {
        (Some(a), Some(b)) if a == b => {}
        (None, Some(_)) if into.gp_practice_name.is_none() && into.gp_practice_ods.is_none() => {
            into.practice_id = from.practice_id.clone();
            into.gp_practice_name = from.gp_practice_name.clone();
            into.gp_practice_ods = from.gp_practice_ods.clone();
        }
        (_, Some(_)) if replace => {
            into.practice_id = from.practice_id.clone();
            into.gp_practice_name = from.gp_practice_name.clone();
            into.gp_practice_ods = from.gp_practice_ods.clone();
        }
        (_, Some(_)) => differing.push(("GP practice", shown(from))),
        (_, None) => {
            let before = (into.gp_practice_name.clone(), into.gp_practice_ods.clone());
            let mut d = vec![];
            take_detail(
                "GP practice",
                &mut into.gp_practice_name,
                &from.gp_practice_name,
                replace,
                &mut d,
            );
            take_detail(
                "GP practice ODS code",
                &mut into.gp_practice_ods,
                &from.gp_practice_ods,
                replace,
                &mut d,
            );
            if (into.gp_practice_name.clone(), into.gp_practice_ods.clone()) != before {
                into.practice_id = None;
            }
            if !d.is_empty() {
                differing.push(("GP practice", shown(from)));
            }
        }
    }
}

/// The names of the fields that differ between two versions of a person (for the audit trail).
fn changed_fields(old: &PersonInput, new: &PersonInput) -> Vec<&'static str> {
    let mut out = vec![];
    let mut check = |name: &'static str, same: bool| {
        if !same {
            out.push(name)
        }
    };
    check("nhs_number", old.nhs_number == new.nhs_number);
    check("given_name", old.given_name == new.given_name);
    check("family_name", old.family_name == new.family_name);
    check("preferred_name", old.preferred_name == new.preferred_name);
    check("date_of_birth", old.date_of_birth == new.date_of_birth);
    check("pronouns", old.pronouns == new.pronouns);
    check("phone", old.phone == new.phone);
    check(
        "preferred_contact",
        old.preferred_contact == new.preferred_contact,
    );
    check("address", old.address == new.address);
    check("postcode", old.postcode == new.postcode);
    check("practice_id", old.practice_id == new.practice_id);
    check(
        "gp_practice_name",
        old.gp_practice_name == new.gp_practice_name,
    );
    check(
        "gp_practice_ods",
        old.gp_practice_ods == new.gp_practice_ods,
    );
    check(
        "communication_needs",
        old.communication_needs == new.communication_needs,
    );
    check(
        "consent_to_share",
        old.consent_to_share == new.consent_to_share,
    );
    check("notes", old.notes == new.notes);
    check("tags", old.tags == new.tags);
    out
}

/// Replaces a person's details (the edit form). A changed consent adds a decision to the history,
/// dated `consent_recorded_on` (today when blank); an unchanged one keeps its date.
pub fn update_person(tx: &Tx<'_>, id: &PersonId, p: &PersonInput) -> Result<()> {
    if let Some(n) = &p.nhs_number {
        if let Some(other) = person_by_nhs(tx.read(), n)?.filter(|o| o != id) {
            return Err(StoreError::NhsNumberTaken(n.formatted(), other.to_string()));
        }
    }
    let old = person_input(tx.read(), id)?;
    let mut new = p.clone();
    new.tags.sort();
    new.tags.dedup();
    if new.consent_to_share == old.consent_to_share {
        new.consent_recorded_on = old.consent_recorded_on;
    } else {
        let Some(decision) = ConsentDecision::from_slug(new.consent_to_share.slug()) else {
            return Err(ValidationError::new(
                "consent_to_share",
                "Consent to share has already been asked. Record it as given, or as not given or withdrawn.",
            )
            .into());
        };
        let on = new.consent_recorded_on.unwrap_or_else(|| tx.today());
        if let Some(previous) = old.consent_recorded_on.filter(|d| on < *d) {
            return Err(ValidationError::new(
                "consent_recorded_on",
                format!(
                    "Consent was last recorded on {}. Date this change on or after that day.",
                    format_date_gb(previous)
                ),
            )
            .into());
        }
        new.consent_recorded_on = Some(on);
        add_consent_decision(tx, id, decision, on)?;
    }
    let fields = changed_fields(&old, &new);
    if fields.is_empty() {
        return Ok(());
    }
    write_person(tx, id, &new)?;
    tx.audit_fields(AuditAction::Update, Entity::Person, id.as_str(), &fields)
}

fn add_consent_decision(
    tx: &Tx<'_>,
    person: &PersonId,
    decision: ConsentDecision,
    on: NaiveDate,
) -> Result<()> {
    add_decision(tx, person, ConsentPurpose::ShareWithGp, decision, on)
}

/// When the person died, if that is recorded.
pub(crate) fn date_of_death(r: Read<'_>, id: &PersonId) -> Result<Option<NaiveDate>> {
    r.conn()
        .query_row(
            "SELECT date_of_death FROM person WHERE id = ?1",
            [id.as_str()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound("person"))
}

/// Records that the person died on `on` (or, with `None`, takes back a date recorded by mistake).
/// Their open episode closes ("died", on that day, or the day the referral arrived if later), so
/// they leave the waiting list, the reminders and the prompts. Open concerns stay open, marked
/// "died" on the Open concerns list: a death can itself be a safeguarding matter, so the link
/// worker closes each one. Refused when a contact that took place is dated after it, or while a
/// contact note for them is unsaved. Taking the date back reopens nothing.
pub fn record_death(tx: &Tx<'_>, id: &PersonId, on: Option<NaiveDate>) -> Result<()> {
    let name = person_name(tx.read(), id)?;
    if let Some(on) = on {
        if let Some(born) = person_input(tx.read(), id)?
            .date_of_birth
            .filter(|b| on < *b)
        {
            return Err(ValidationError::new(
                "date_of_death",
                format!(
                    "The date of death cannot be before {name} was born ({}).",
                    format_date_gb(born)
                ),
            )
            .into());
        }
        let last_seen: Option<String> = tx.conn().query_row(
            "SELECT max(substr(c.occurred_at, 1, 10)) FROM contact c JOIN episode e ON e.id = c.episode_id
             WHERE e.person_id = ?1 AND c.outcome = 'took_place' AND c.entered_in_error_at IS NULL",
            [id.as_str()],
            |r| r.get(0),
        )?;
        if let Some(seen) = last_seen.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
            if seen > on {
                return Err(ValidationError::new(
                    "date_of_death",
                    format!(
                        "A contact with {name} took place on {}, after that date. Check the date, or mark that contact entered in error first.",
                        format_date_gb(seen)
                    ),
                )
                .into());
            }
        }
        let open: Vec<(String, NaiveDate)> = {
            let mut stmt = tx.conn().prepare_cached(
                "SELECT id, referral_received_on FROM episode WHERE person_id = ?1 AND status <> 'closed'",
            )?;
            let rows = stmt.query_map([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (episode, received) in open {
            crate::episodes::close_episode(
                tx,
                &episode.into(),
                on.max(received),
                linkwork_core::vocab::CloseReason::Deceased,
                None,
            )?;
        }
    }
    tx.conn().execute(
        "UPDATE person SET date_of_death = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.as_str(), on, tx.now()],
    )?;
    tx.audit_fields(
        AuditAction::Update,
        Entity::Person,
        id.as_str(),
        &["date_of_death"],
    )
}

/// Records a consent decision for any purpose. Each purpose has its own history; a decision is
/// never dated before the one it replaces. Sharing with the GP practice is also kept on the person
/// (`consent_to_share`), as the edit form does.
pub fn record_consent(
    tx: &Tx<'_>,
    person: &PersonId,
    purpose: ConsentPurpose,
    decision: ConsentDecision,
    on: NaiveDate,
) -> Result<()> {
    if purpose == ConsentPurpose::ShareWithGp {
        let mut p = person_input(tx.read(), person)?;
        p.consent_to_share = match decision {
            ConsentDecision::Given => ConsentToShare::Yes,
            ConsentDecision::NotGiven => ConsentToShare::No,
        };
        p.consent_recorded_on = Some(on);
        return update_person(tx, person, &p);
    }
    let newest: Option<NaiveDate> = tx
        .conn()
        .query_row(
            "SELECT max(decided_on) FROM consent_decision WHERE person_id = ?1 AND purpose = ?2",
            params![person.as_str(), purpose.slug()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(previous) = newest.filter(|d| on < *d) {
        return Err(ValidationError::new(
            "decided_on",
            format!(
                "This consent was last recorded on {}. Date this decision on or after that day.",
                format_date_gb(previous)
            ),
        )
        .into());
    }
    person_name(tx.read(), person)?;
    add_decision(tx, person, purpose, decision, on)
}

fn add_decision(
    tx: &Tx<'_>,
    person: &PersonId,
    purpose: ConsentPurpose,
    decision: ConsentDecision,
    on: NaiveDate,
) -> Result<()> {
    let id: ConsentId = crate::sql::new_id();
    let recorded_by = crate::settings::worker_name(tx.read())?;
    tx.conn().execute(
        "INSERT INTO consent_decision (id, person_id, purpose, decision, decided_on, recorded_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id.as_str(), person.as_str(), purpose.slug(), decision.slug(), on, recorded_by, tx.now()],
    )?;
    tx.audit(
        AuditAction::Create,
        Entity::ConsentDecision,
        Some(id.as_str()),
    )
}

/// The consent history of a person, newest first.
/// Consent decisions by person, newest first.
pub(crate) fn consent_rows(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, ConsentView)>> {
    scoped(
        r.conn(),
        "id, purpose, decision, decided_on, recorded_by",
        "consent_decision",
        "person_id",
        None,
        "decided_on DESC, created_at DESC, rowid DESC",
        scope,
        |r| {
            Ok(ConsentView {
                id: r.get::<_, String>(0)?.into(),
                purpose: slug(r.get(1)?, ConsentPurpose::from_slug)?,
                decision: slug(r.get(2)?, ConsentDecision::from_slug)?,
                decided_on: r.get(3)?,
                recorded_by: r.get(4)?,
            })
        },
    )
}

/// Group tags of a person, in slug order.
pub(crate) fn tags(r: Read<'_>, id: &PersonId) -> Result<Vec<GroupTag>> {
    Ok(unkeyed(tag_rows(r, Scope::One(id.as_str()))?))
}

/// Group tags by person, in slug order.
pub(crate) fn tag_rows(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, GroupTag)>> {
    scoped(
        r.conn(),
        "tag",
        "person_tag",
        "person_id",
        None,
        "tag",
        scope,
        |r| slug(r.get(0)?, GroupTag::from_slug),
    )
}
