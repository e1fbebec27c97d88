//! Case studies (`case_study`): written only with the person's consent to a case study, and saved
//! only when the identifier check finds nothing that identifies them (`linkwork_core::case_study`).

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    person_record::person_record,
    sql::new_id,
    write::{Read, Tx},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::{
    case_study::{check, why_left_out, CaseStudyView, Sentinels},
    caseload::PersonRecord,
    ids::{CaseStudyId, EpisodeId, PersonId},
    vocab::{ConsentPurpose, ConsentToShare},
    ValidationError,
};
use rusqlite::params;

#[derive(Debug, Clone)]
pub struct CaseStudyInput {
    pub id: Option<CaseStudyId>,
    pub person: PersonId,
    pub episode: Option<EpisodeId>,
    pub title: String,
    pub body: String,
    pub in_report: bool,
}

/// Refuses a case study without consent, or one that identifies the person.
fn refuse(rec: &PersonRecord, title: &str, body: &str) -> Result<()> {
    if rec.consent_for(ConsentPurpose::CaseStudy) != ConsentToShare::Yes {
        return Err(ValidationError::new(
            "body",
            format!(
                "{} has not agreed to a case study: record their consent (Details, consent) first.",
                rec.person.given_name
            ),
        )
        .into());
    }
    let s = Sentinels::of(rec);
    for (field, text) in [("title", title), ("body", body)] {
        let found: Vec<String> = check(text, &s)
            .into_iter()
            .filter(|f| f.blocking)
            .map(|f| f.message)
            .collect();
        if !found.is_empty() {
            return Err(ValidationError::new(
                field,
                format!("Nothing was saved: {}", found.join(" ")),
            )
            .into());
        }
    }
    Ok(())
}

pub fn save(tx: &Tx<'_>, c: &CaseStudyInput, today: NaiveDate) -> Result<CaseStudyId> {
    let rec = person_record(tx.read(), &c.person, today)?;
    refuse(&rec, &c.title, &c.body)?;
    let id = match &c.id {
        Some(id) => {
            let n = tx.conn().execute(
                "UPDATE case_study SET title = ?3, body = ?4, in_report = ?5, episode_id = coalesce(?6, episode_id), updated_at = ?7
                 WHERE id = ?1 AND person_id = ?2",
                params![
                    id.as_str(),
                    c.person.as_str(),
                    c.title,
                    c.body,
                    c.in_report,
                    c.episode.as_ref().map(EpisodeId::as_str),
                    tx.now()
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("case study"));
            }
            tx.audit(AuditAction::Update, Entity::CaseStudy, Some(id.as_str()))?;
            id.clone()
        }
        None => {
            let id: CaseStudyId = new_id();
            tx.conn().execute(
                "INSERT INTO case_study (id, person_id, episode_id, title, body, in_report, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![
                    id.as_str(),
                    c.person.as_str(),
                    c.episode.as_ref().map(EpisodeId::as_str),
                    c.title,
                    c.body,
                    c.in_report,
                    tx.now()
                ],
            )?;
            tx.audit(AuditAction::Create, Entity::CaseStudy, Some(id.as_str()))?;
            id
        }
    };
    Ok(id)
}

pub fn delete(tx: &Tx<'_>, id: &CaseStudyId) -> Result<()> {
    if tx
        .conn()
        .execute("DELETE FROM case_study WHERE id = ?1", [id.as_str()])?
        == 0
    {
        return Err(StoreError::NotFound("case study"));
    }
    tx.audit(AuditAction::Delete, Entity::CaseStudy, Some(id.as_str()))
}

type Row = (
    CaseStudyId,
    String,
    Option<String>,
    String,
    String,
    bool,
    String,
);

fn rows(r: Read<'_>, person: Option<&PersonId>) -> Result<Vec<Row>> {
    let mut q = r.conn().prepare(
        "SELECT id, person_id, episode_id, title, body, in_report, substr(updated_at, 1, 10) FROM case_study
         WHERE ?1 IS NULL OR person_id = ?1 ORDER BY updated_at DESC, id",
    )?;
    let out = q
        .query_map([person.map(PersonId::as_str)], |row| {
            Ok((
                CaseStudyId::new(row.get::<_, String>(0)?),
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

fn view(s: &Sentinels, row: Row) -> CaseStudyView {
    let (id, _, episode, title, body, in_report, updated) = row;
    let mut findings = check(&title, s);
    findings.extend(check(&body, s));
    CaseStudyView {
        id,
        episode_id: episode.map(EpisodeId::new),
        title,
        body,
        in_report,
        updated_on: NaiveDate::parse_from_str(&updated, "%Y-%m-%d").unwrap_or_default(),
        findings,
    }
}

/// One person's case studies, newest first, each checked against their record as it is now.
pub fn for_person(r: Read<'_>, person: &PersonId, today: NaiveDate) -> Result<Vec<CaseStudyView>> {
    let s = Sentinels::of(&person_record(r, person, today)?);
    Ok(rows(r, Some(person))?
        .into_iter()
        .map(|row| view(&s, row))
        .collect())
}

/// (title, body) of a case study going in the pack, or (title, why) of one left out.
pub type Titled = Vec<(String, String)>;

/// What the report pack would hold: each chosen case study that may go, and each chosen one left
/// out with why.
pub fn for_report(r: Read<'_>, today: NaiveDate) -> Result<(Titled, Titled)> {
    let (mut going, mut left) = (vec![], vec![]);
    for row in rows(r, None)?.into_iter().filter(|row| row.5) {
        let rec = person_record(r, &PersonId::new(row.1.clone()), today)?;
        let consent = rec.consent_for(ConsentPurpose::CaseStudy);
        let v = view(&Sentinels::of(&rec), row);
        match why_left_out(v.in_report, consent, &v.findings) {
            None => going.push((v.title, v.body)),
            Some(why) => left.push((v.title, why.to_string())),
        }
    }
    Ok((going, left))
}
