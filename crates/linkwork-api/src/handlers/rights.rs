//! A person's rights (a copy of their records, erasure), the retention period, and the audit
//! trail viewer.

use super::Result;
use crate::{error::ApiError, session::Session, types::*};
use linkwork_core::{dates::format_date_gb, ErrorCode, Passphrase, ValidationError};
use linkwork_store::{
    audit::{self, AuditAction, Entity},
    files::{self, Overwrite},
    rights, settings,
};

fn removed(r: rights::Removed) -> RecordsRemoved {
    RecordsRemoved {
        rows: r.rows,
        episodes: r.episodes,
        people: r.people,
    }
}

/// Writes everything held about one person: `records.html` and `records.json` in a zip, sealed
/// with age to a passphrase, or unencrypted only when the warning was read.
pub fn subject_access(s: &Session, a: SubjectAccessArgs) -> Result<SubjectAccessMade> {
    if a.path.is_empty() {
        return Err(ValidationError::new("path", "Choose where to save the copy.").into());
    }
    let path = a.path.path();
    let overwrite = Overwrite::from_confirmed(a.overwrite || a.path.confirmed());
    let passphrase = match a.passphrase.filter(|p| !p.0.is_empty()) {
        Some(p) => Some(Passphrase::choose(
            "passphrase",
            p.into_string(),
            &a.passphrase_confirm
                .map(|c| c.into_string())
                .unwrap_or_default(),
        )?),
        None if a.unencrypted_understood => None,
        None => {
            return Err(ValidationError::new(
                "passphrase",
                "Give a passphrase to encrypt the copy with (and tell it to the person another way), or tick that you understand the copy will not be encrypted.",
            )
            .into())
        }
    };
    let log_n = match s.kdf() {
        linkwork_store::KdfCost::InsecureForTests(n) => Some(n),
        linkwork_store::KdfCost::Calibrated => None,
    };
    let now = s.now();
    s.with_vault(|v| {
        let copy = rights::subject_access(v.read(), &a.person_id, now)?;
        let zipped = linkwork_report::pack::zip(&[
            (
                "records.html".into(),
                crate::subject_access::html(&copy).into_bytes(),
            ),
            ("records.json".into(), crate::subject_access::json(&copy)),
        ]);
        let bytes = match &passphrase {
            Some(p) => linkwork_report::seal::seal(
                &zipped,
                linkwork_report::seal::SealTo::Passphrase(p.expose().to_owned().into(), log_n),
            )?,
            None => zipped,
        };
        files::save(path, s.data_dir(), overwrite, |out| {
            out.write_all(&bytes)
                .map_err(|e| linkwork_store::StoreError::io("write", path, e))
        })?;
        v.write(|tx| rights::audit_subject_access(tx, &a.person_id))?;
        Ok(SubjectAccessMade {
            path: path.display().to_string(),
            encrypted: passphrase.is_some(),
            records: copy.tables.values().map(|r| r.len() as u64).sum(),
            audit_events: copy.audit.len() as u64,
        })
    })
}

/// Removes everything about a person, then checkpoints so no page in any file keeps the text.
pub fn erase_person(s: &Session, a: ErasePersonArgs) -> Result<RecordsRemoved> {
    s.with_vault(|v| {
        let name = rights::person_name(v.read(), &a.person_id)?;
        let typed = a
            .confirm_name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !typed.eq_ignore_ascii_case(
            name.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        ) {
            return Err(ValidationError::new(
                "confirm_name",
                "Type the person's name exactly as shown to confirm erasing their records.",
            )
            .into());
        }
        let r = v.write(|tx| rights::erase_person(tx, &a.person_id))?;
        v.checkpoint()?;
        rights::save_erasures(v)?;
        Ok(removed(r))
    })
}

fn retention_view(
    r: linkwork_store::write::Read<'_>,
    today: chrono::NaiveDate,
) -> Result<RetentionView> {
    let years = settings::retention_years(r)?;
    let due = rights::retention_due(r, years, today)?;
    Ok(RetentionView {
        years,
        cutoff: format_date_gb(rights::retention_cutoff(today, years)),
        due: due
            .into_iter()
            .map(|d| RetentionRow {
                episode_id: d.episode_id,
                person_id: d.person_id,
                name: d.name,
                received_on: format_date_gb(d.received_on),
                closed_on: format_date_gb(d.closed_on),
                whole_record: d.whole_record,
            })
            .collect(),
    })
}

pub fn retention(s: &Session, _: NoArgs) -> Result<RetentionView> {
    let today = s.today();
    s.with_vault(|v| retention_view(v.read(), today))
}

pub fn set_retention(s: &Session, a: SetRetentionArgs) -> Result<RetentionView> {
    let years: u32 = a
        .years
        .trim()
        .parse()
        .ok()
        .filter(|y| (1..=99).contains(y))
        .ok_or_else(|| {
            ValidationError::new(
                "years",
                "Enter the number of years to keep closed episodes, from 1 to 99 (the NHS code for adult records says 8).",
            )
        })?;
    let today = s.today();
    s.with_vault(|v| {
        v.write(|tx| settings::set_retention_years(tx, years))?;
        retention_view(v.read(), today)
    })
}

/// Removes the listed episodes that are still past the period today; then checkpoints.
pub fn purge_retention(s: &Session, a: PurgeArgs) -> Result<RecordsRemoved> {
    if a.episode_ids.is_empty() {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            "No episodes were chosen to remove.",
        ));
    }
    let today = s.today();
    s.with_vault(|v| {
        let years = settings::retention_years(v.read())?;
        let r = v.write(|tx| rights::purge(tx, years, today, &a.episode_ids))?;
        v.checkpoint()?;
        rights::save_erasures(v)?;
        Ok(removed(r))
    })
}

pub fn action_words(a: AuditAction) -> String {
    match a {
        AuditAction::Create => "Created",
        AuditAction::Update => "Changed",
        AuditAction::Delete => "Deleted",
        AuditAction::Import => "Imported",
        AuditAction::Unlock => "Unlocked",
        AuditAction::Lock => "Locked",
        AuditAction::Check => "Checked",
        AuditAction::Migrate => "Upgraded",
        AuditAction::EnteredInError => "Marked entered in error",
        AuditAction::Close => "Closed",
        AuditAction::Merge => "Merged",
        AuditAction::Backup => "Backed up",
        AuditAction::Export => "Handed over",
        AuditAction::Restore => "Restored",
        AuditAction::SubjectAccess => "Copy made for the person",
        AuditAction::Erase => "Erased",
        AuditAction::Purge => "Removed after the retention period",
        AuditAction::SaveUnencrypted => "Saved to a file, unencrypted",
    }
    .into()
}

pub fn record_words(e: Entity) -> String {
    match e {
        Entity::Vault => "Vault",
        Entity::VaultPassphrase => "Passphrase",
        Entity::VaultRecovery => "Recovery key",
        Entity::VaultIdentity => "Handover key",
        Entity::Settings => "Setting",
        Entity::Person => "Person",
        Entity::Episode => "Episode",
        Entity::Contact => "Contact",
        Entity::ContactDraft => "Unsaved contact note",
        Entity::Goal => "Goal",
        Entity::PlanAction => "Plan action",
        Entity::RiskEntry => "Risk entry",
        Entity::RiskConcern => "Risk concern",
        Entity::ConsentDecision => "Consent decision",
        Entity::Ons4Record => "ONS4 record",
        Entity::PamRecord => "PAM record",
        Entity::Asset => "Directory entry",
        Entity::OnwardReferral => "Onward referral",
        Entity::GpLocalCode => "Practice code",
        Entity::GpLine => "GP record line",
        Entity::Report => "Monthly report",
        Entity::ColleagueKey => "Colleague's handover signing key",
        Entity::Practice => "GP practice",
        Entity::OutreachList => "Outreach list",
        Entity::OutreachEntry => "Person on an outreach list",
        Entity::Group => "Group activity",
        Entity::GroupSession => "Group session and register",
        Entity::CarerLink => "Carer link",
        Entity::CaseStudy => "Case study",
    }
    .into()
}

const AUDIT_PAGE: u32 = 50;

/// Fifty rows of the audit trail, newest first, in local time.
pub fn audit_page(s: &Session, a: AuditPageArgs) -> Result<AuditPage> {
    s.with_vault(|v| {
        let entries = audit::page(v.read(), a.before, AUDIT_PAGE)?;
        let older = match entries.last() {
            Some(last) if entries.len() as u32 == AUDIT_PAGE && last.row > 1 => Some(last.row),
            _ => None,
        };
        Ok(AuditPage {
            rows: entries
                .into_iter()
                .map(|e| AuditRow {
                    row: e.row,
                    at: chrono::DateTime::parse_from_rfc3339(&e.at)
                        .map(|t| {
                            t.with_timezone(&chrono::Local)
                                .format("%d/%m/%Y %H:%M")
                                .to_string()
                        })
                        .unwrap_or(e.at),
                    action: action_words(e.action),
                    record: record_words(e.entity),
                    record_id: e.entity_id,
                    by: e.actor,
                    fields: e.fields,
                })
                .collect(),
            older,
        })
    })
}
