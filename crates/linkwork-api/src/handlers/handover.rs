//! Caseload handover: seal people's records for a colleague, preview and import a package, and
//! close the handed-over episodes.

use super::{target, Result};
use crate::{error::ApiError, session::Session, types::*};
use chrono::SecondsFormat;
use linkwork_core::dates::format_date_gb;
use linkwork_core::{nhs::NhsNumber, Coded, ValidationError};
use linkwork_store::{
    colleagues::{self, Trust},
    files,
    handover::{self, ErasedChoice, HandoverRecipient, Matched, Opener},
    migrations,
    rights::{ErasedHere, ErasureReason},
    settings,
    write::Read,
    StoreError,
};

/// Packages larger than this are not handovers (a whole caseload with notes is a few MB).
const MAX_BYTES: u64 = 256 << 20;

pub fn check_handover(s: &Session, a: HandoverCheckArgs) -> Result<()> {
    s.with_vault(|v| checked(v, &a.to, &a.people, a.all_open, &a.passphrase).map(|_| ()))
}

/// The colleague's key, the people and the passphrase, every problem at once: a wrong passphrase
/// keeps its own code (the first problem); the rest are listed with it.
fn checked(
    v: &linkwork_store::Vault,
    to: &str,
    people: &[linkwork_core::ids::PersonId],
    all_open: bool,
    passphrase: &SecretInput,
) -> Result<(HandoverRecipient, Vec<linkwork_core::ids::PersonId>)> {
    let mut wrong = None;
    let mut problems = Vec::new();
    if passphrase.0.is_empty() {
        problems.push(ValidationError::new("passphrase", "Enter your passphrase."));
    } else if let Err(e) = v.confirm_passphrase(&passphrase.0) {
        wrong = Some(super::vault::wrong_passphrase("passphrase")(e));
    }
    let recipient = HandoverRecipient::parse("to", to)
        .map_err(|e| problems.push(e))
        .ok();
    if recipient.is_some() && v.identity()?.recipient() == to.trim() {
        problems.push(ValidationError::new(
            "to",
            "That is your own handover key. Use the key of the colleague you are handing over to.",
        ));
    }
    let people = if all_open {
        handover::open_people(v.read())?
    } else {
        people.to_vec()
    };
    if people.is_empty() {
        problems.push(ValidationError::new(
            "people",
            if all_open {
                "No one has an open episode, so there is no one to hand over."
            } else {
                "Choose the people to hand over."
            },
        ));
    }
    match (wrong, ValidationError::gather(problems)) {
        (Some(mut w), rest) => {
            w.problems
                .extend(rest.map(|r| r.problems()).unwrap_or_default());
            Err(w)
        }
        (None, Some(rest)) => Err(rest.into()),
        (None, None) => Ok((recipient.expect("no problem with the key"), people)),
    }
}

pub fn export_handover(s: &Session, a: HandoverExportArgs) -> Result<HandoverExported> {
    let now = s.now();
    let data_dir = s.data_dir().to_path_buf();
    s.with_vault(|v| {
        let (to, people) = checked(v, &a.to, &a.people, a.all_open, &a.passphrase)?;
        let (path, overwrite) = target(
            s,
            "path",
            "the file to save the handover as",
            &a.path,
            a.overwrite,
        )?;
        let from = settings::worker_name(v.read())?;
        let package = handover::package(v.read(), &people, from, now)?;
        let sealed = handover::seal(&package, &to, &v.identity()?)?;
        files::save(&path, &data_dir, overwrite, handover::write_to(&sealed))?;
        v.write(|tx| handover::audit_export(tx, &people))?;
        let episodes = package.tables.get("episode").map_or(&[][..], |e| &e[..]);
        Ok(HandoverExported {
            path: path.display().to_string(),
            people,
            episodes: episodes.len() as u32,
            open_episodes: episodes
                .iter()
                .filter(|e| e.get("status").and_then(|s| s.as_str()) != Some("closed"))
                .count() as u32,
        })
    })
}

fn read_package(s: &Session, a: &HandoverFileArgs) -> Result<handover::Opened> {
    let path = &super::source(s, "path", "the handover file", &a.path)?;
    let size = std::fs::metadata(path)
        .map_err(|e| ApiError::from(StoreError::io("open the handover", path, e)).on_field("path"))?
        .len();
    if size > MAX_BYTES {
        return Err(ApiError::from(StoreError::HandoverDamaged(
            "it is far larger than any handover".into(),
        ))
        .on_field("path"));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        ApiError::from(StoreError::io("open the handover", path, e)).on_field("path")
    })?;
    s.with_vault(|v| {
        let here = migrations::user_version(v.read())?;
        let p = match &a.identity {
            Some(id) if !id.0.is_empty() => {
                handover::open(&bytes, Opener::IdentityFile(id.0.expose()), here)?
            }
            _ => handover::open(&bytes, Opener::Vault(&v.identity()?), here)?,
        };
        Ok(p)
    })
}

/// The kinds of record a link worker counts, in the words they use.
const KINDS: &[(&str, &str, &str)] = &[
    ("person", "person", "people"),
    ("episode", "episode", "episodes"),
    ("contact", "contact", "contacts"),
    ("goal", "goal", "goals"),
    ("plan_action", "plan action", "plan actions"),
    ("risk_concern", "risk concern", "risk concerns"),
    ("ons4_record", "ONS4 record", "ONS4 records"),
    ("pam_record", "PAM record", "PAM records"),
    ("onward_referral", "onward referral", "onward referrals"),
    ("consent_decision", "consent decision", "consent decisions"),
    ("asset", "directory entry", "directory entries"),
];

fn signer_of(r: Read<'_>, opened: &handover::Opened) -> linkwork_store::Result<HandoverSigner> {
    let trust = colleagues::trust_of(r, &opened.signer, opened.package.from.as_deref())?;
    let (trust, accepted_name) = match trust {
        Trust::Accepted => (SignerTrust::Accepted, None),
        Trust::New => (SignerTrust::New, None),
        Trust::Changed { name } => (SignerTrust::Changed, Some(name)),
    };
    Ok(HandoverSigner {
        fingerprint: opened.signer.fingerprint(),
        trust,
        accepted_name,
    })
}

fn view(i: handover::Imported, signer: HandoverSigner) -> HandoverView {
    let summary = KINDS
        .iter()
        .filter_map(|(table, one, many)| match i.added.get(*table) {
            Some(&n) if n > 0 => Some(format!("{n} {}", if n == 1 { one } else { many })),
            _ => None,
        })
        .collect();
    HandoverView {
        summary,
        signer,
        from: i.from,
        created_at: i.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        people: i
            .people
            .into_iter()
            .map(|p| HandoverPerson {
                name: p.name,
                nhs_number: p
                    .nhs_number
                    .as_deref()
                    .and_then(|n| NhsNumber::parse("nhs_number", n).ok())
                    .map(|n| n.formatted()),
                matched: match p.matched {
                    Matched::New => HandoverMatch::New,
                    Matched::SameRecord => HandoverMatch::SameRecord,
                    Matched::SameNhsNumber => HandoverMatch::SameNhsNumber,
                },
                conflict: p.conflict,
                episodes: p.episodes,
                erased: p.erased.as_ref().map(erased_words),
            })
            .collect(),
        added: i.added,
        already: i.already,
    }
}

fn erased_words(e: &ErasedHere) -> String {
    match e.reason {
        ErasureReason::Erasure => format!(
            "Erased from this vault on {}, at their request",
            format_date_gb(e.on)
        ),
        ErasureReason::Retention => format!(
            "Removed from this vault on {}, after the retention period",
            format_date_gb(e.on)
        ),
    }
}

fn choice(a: &HandoverFileArgs) -> ErasedChoice {
    match a.erased {
        Some(ErasedPeople::BringBack) => ErasedChoice::BringBack,
        _ => ErasedChoice::LeaveOut,
    }
}

/// What importing would do: the import itself, rolled back, with who signed it. A preview of a
/// handover from a key not yet accepted is shown so the person can see who it is from; only the
/// import needs the key accepted.
pub fn preview_handover(s: &Session, a: HandoverFileArgs) -> Result<HandoverView> {
    let opened = read_package(s, &a)?;
    let mut worker = s.with_vault(|v| Ok(v.worker()?))?;
    let (imported, signer) = worker.transact(|tx| {
        Ok((
            (
                handover::apply(tx, &opened.package, choice(&a))?,
                signer_of(tx.read(), &opened)?,
            ),
            linkwork_store::write::Keep::RollBack,
        ))
    })?;
    Ok(view(imported, signer))
}

/// Imports a package, all or nothing: refused unless its signer is accepted (or accepted now,
/// with the fingerprint compared), and while anyone in it conflicts with a record here.
pub fn import_handover(s: &Session, a: HandoverFileArgs) -> Result<HandoverView> {
    let opened = read_package(s, &a)?;
    let accept = a
        .accept_signer
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty());
    s.with_vault(|v| {
        let (imported, signer) = v.write(|tx| {
            colleagues::admit(tx, &opened.signer, opened.package.from.as_deref(), accept)?;
            let done = handover::apply(tx, &opened.package, choice(&a))?;
            let conflicts: Vec<String> = done
                .conflicts()
                .iter()
                .map(|p| format!("{}: {}", p.name, p.conflict.as_deref().unwrap_or("")))
                .collect();
            if !conflicts.is_empty() {
                return Err(StoreError::HandoverConflict(format!(
                    "Nothing was imported, because {}. Sort this out, then import the handover again.",
                    conflicts.join("; ")
                )));
            }
            let erased: Vec<String> = done
                .people
                .iter()
                .filter_map(|p| {
                    p.erased
                        .as_ref()
                        .map(|e| format!("{} ({})", p.name, erased_words(e).to_lowercase()))
                })
                .collect();
            if !erased.is_empty() && a.erased.is_none() {
                return Err(StoreError::HandoverErased(format!(
                    "Nothing was imported: this handover would bring back {}. Choose whether to leave them out (their erasure stands) or bring them back, then import again.",
                    erased.join("; ")
                )));
            }
            Ok((done, signer_of(tx.read(), &opened)?))
        })
        .map_err(|e| match e {
            e @ StoreError::HandoverSignerNotAccepted { .. } if accept.is_some() => {
                ApiError::from(e).on_field("accept_signer")
            }
            e @ StoreError::HandoverErased(_) => ApiError::from(e).on_field("erased"),
            e => e.into(),
        })?;
        // Someone brought back is no longer in the erasure records beside the database.
        linkwork_store::rights::save_erasures(v)?;
        Ok(view(imported, signer))
    })
}

fn colleague_list(r: Read<'_>) -> Result<ColleagueKeys> {
    Ok(ColleagueKeys {
        colleagues: colleagues::list(r)?
            .into_iter()
            .map(|c| ColleagueKey {
                accepted_on: chrono::DateTime::parse_from_rfc3339(&c.accepted_at)
                    .map(|t| format_date_gb(t.date_naive()))
                    .unwrap_or(c.accepted_at),
                fingerprint: c.fingerprint,
                name: c.name,
            })
            .collect(),
    })
}

pub fn colleague_keys(s: &Session, _: NoArgs) -> Result<ColleagueKeys> {
    s.with_vault(|v| colleague_list(v.read()))
}

pub fn forget_colleague_key(s: &Session, a: ForgetColleagueArgs) -> Result<ColleagueKeys> {
    s.with_vault(|v| {
        v.write(|tx| colleagues::forget(tx, a.fingerprint.trim()))?;
        colleague_list(v.read())
    })
}

/// After handing over: closes each of these people's open episodes as "handed over", today.
pub fn close_handed_over(s: &Session, a: CloseHandedOverArgs) -> Result<HandedOverClosed> {
    let today = s.today();
    let to = a
        .to_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    s.with_vault(|v| {
        let closed =
            v.write(|tx| handover::close_handed_over(tx, &a.people, today, to.as_deref()))?;
        Ok(HandedOverClosed { closed })
    })
}
