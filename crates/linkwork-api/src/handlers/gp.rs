//! GP coding: the code map, the per-episode summary, the to-code checklist and its marks.

use super::{chosen, Result};
use crate::{session::Session, types::*};
use linkwork_core::{
    assets::AssetRecord,
    caseload::{EpisodeView, PersonRecord},
    coding::{
        checklist, fhir, letter, summary, CodeMap, CodeUse, GpChecklist, GpLetter, GpSummary,
        SummaryMode, REFERRER_MAY_CODE,
    },
    ids::{EpisodeId, PracticeId},
    ErrorCode,
};
use linkwork_store::{
    assets,
    audit::{AuditAction, Entity},
    episodes, files, gp,
    person_record::person_record,
};

fn map_view(
    r: linkwork_store::Read<'_>,
    practice: Option<&PracticeId>,
) -> linkwork_store::Result<GpCodeMapView> {
    let map = gp::code_map(r, practice)?;
    let referrer_as_every_practice = match practice {
        Some(p) => gp::practice_referrer_codes(r, p)?.is_none(),
        None => false,
    };
    Ok(GpCodeMapView {
        practice_id: practice.cloned(),
        entries: map.entries,
        uses: CodeUse::choices(),
        by_referrer: map.by_referrer,
        referrer_as_every_practice,
        referrer_may_code: REFERRER_MAY_CODE
            .iter()
            .map(|u| linkwork_core::vocab::Choice {
                value: u.slug().into(),
                label: u.label().into(),
            })
            .collect(),
    })
}

/// Which events a practice's referrers (or every practice's) code themselves: those lines leave
/// the to-code list.
pub fn set_gp_referrer_codes(s: &Session, a: ReferrerCodesArgs) -> Result<GpCodeMapView> {
    if let Some(u) = a.code_uses.iter().find(|u| !REFERRER_MAY_CODE.contains(u)) {
        return Err(linkwork_core::ValidationError::new(
            "uses",
            format!("A referrer does not code \u{201c}{}\u{201d}: only the offer, accepting and declining.", u.label()),
        )
        .into());
    }
    let practice = a.practice_id.as_ref();
    s.with_vault(|v| {
        v.write(|tx| match practice {
            Some(p) => gp::set_practice_referrer_codes(
                tx,
                p,
                (!a.as_every_practice).then_some(a.code_uses.as_slice()),
            ),
            None => linkwork_store::settings::set_referrer_codes(tx, &a.code_uses),
        })?;
        Ok(map_view(v.read(), practice)?)
    })
}

pub fn gp_code_map(s: &Session, a: GpCodeMapArgs) -> Result<GpCodeMapView> {
    s.with_vault(|v| {
        if let Some(p) = &a.practice_id {
            linkwork_store::practices::get(v.read(), p)?;
        }
        Ok(map_view(v.read(), a.practice_id.as_ref())?)
    })
}

pub fn set_gp_local_code(s: &Session, a: LocalCodeArgs) -> Result<GpCodeMapView> {
    let code_use = chosen("use", "event the code records", a.code_use)?;
    let practice = a.practice_id.as_ref();
    s.with_vault(|v| {
        v.write(|tx| gp::set_local_code(tx, practice, code_use, &a.concept_id, &a.term))?;
        Ok(map_view(v.read(), practice)?)
    })
}

pub fn remove_gp_local_code(s: &Session, a: RemoveLocalCodeArgs) -> Result<GpCodeMapView> {
    let practice = a.practice_id.as_ref();
    s.with_vault(|v| {
        v.write(|tx| gp::remove_local_code(tx, practice, a.code_use))?;
        Ok(map_view(v.read(), practice)?)
    })
}

/// Runs `f` on an episode, its person's record and the code map.
fn with_episode<T>(
    s: &Session,
    episode_id: &linkwork_core::ids::EpisodeId,
    f: impl FnOnce(&PersonRecord, &EpisodeView, &CodeMap) -> T,
) -> Result<T> {
    let today = s.today();
    s.with_vault(|v| {
        let r = v.read();
        let person = episodes::person_of_episode(r, episode_id)?;
        let record = person_record(r, &person, today)?;
        let e = record
            .episodes
            .iter()
            .find(|e| &e.id == episode_id)
            .ok_or(linkwork_store::StoreError::NotFound("episode"))?;
        Ok(f(
            &record,
            e,
            &gp::code_map(r, record.person.practice_id.as_ref())?,
        ))
    })
}

pub fn gp_summary(s: &Session, a: GpSummaryArgs) -> Result<GpSummary> {
    let mut sum = with_episode(s, &a.episode_id, |r, e, m| summary(r, e, m, a.mode))?;
    let keys: Vec<&str> = sum.lines.iter().map(|l| l.key.as_str()).collect();
    let entered = s.with_vault(|v| Ok(gp::entered_at(v.read(), &keys)?))?;
    sum.entered.extend(entered);
    Ok(sum)
}

pub fn gp_letter(s: &Session, a: GpLetterArgs) -> Result<GpLetter> {
    let today = s.today();
    let signed_by = s.with_vault(|v| Ok(linkwork_store::settings::worker_name(v.read())?))?;
    with_episode(s, &a.episode_id, |r, e, m| {
        letter(r, e, m, a.to, a.mode, today, signed_by.as_deref())
    })
}

fn fhir_view(s: &Session, episode_id: &EpisodeId, mode: SummaryMode) -> Result<GpFhirView> {
    let now = s.now();
    with_episode(s, episode_id, |r, e, m| {
        let b = fhir::bundle(r, e, m, mode, now);
        GpFhirView {
            mode: summary(r, e, m, mode).mode,
            json: serde_json::to_string_pretty(&b).expect("a JSON value always serialises"),
        }
    })
}

pub fn gp_fhir(s: &Session, a: GpSummaryArgs) -> Result<GpFhirView> {
    fhir_view(s, &a.episode_id, a.mode)
}

pub fn save_gp_file(s: &Session, a: SaveGpFileArgs) -> Result<SavedFile> {
    let (path, overwrite) = super::target(s, "path", "file to save", &a.path, a.overwrite)?;
    let episode = a.episode_id.clone();
    let (what, mode, text) = match a.format {
        GpFileFormat::LetterHtml => {
            let l = gp_letter(
                s,
                GpLetterArgs {
                    episode_id: a.episode_id,
                    mode: a.mode,
                    to: a.to,
                },
            )?;
            ("letter", l.mode, l.html)
        }
        GpFileFormat::FhirJson => {
            let f = fhir_view(s, &a.episode_id, a.mode)?;
            ("FHIR file", f.mode, f.json)
        }
    };
    files::save(&path, s.data_dir(), overwrite, |w| {
        w.write_all(text.as_bytes())
            .map_err(|e| linkwork_store::StoreError::io("write", "the file", e))
    })?;
    s.with_vault(|v| {
        Ok(v.write(|tx| {
            tx.audit(
                AuditAction::SaveUnencrypted,
                Entity::Episode,
                Some(episode.as_str()),
            )
        })?)
    })?;
    Ok(SavedFile {
        path: path.display().to_string(),
        what: what.into(),
        mode,
    })
}

fn checklist_now(s: &Session, v: &linkwork_store::Vault) -> Result<GpChecklist> {
    let r = v.read();
    let everyone = gp::all_records(r, s.today())?;
    let marks = gp::marks(r)?;
    let list = checklist(&everyone, &marks, &gp::code_maps(r)?);
    super::drop_later((everyone, marks));
    Ok(list)
}

pub fn gp_checklist(s: &Session, _: NoArgs) -> Result<GpChecklist> {
    s.with_vault(|v| checklist_now(s, v))
}

/// Undoes `gp_mark_entered` for those keys; the lines are on the checklist again.
pub fn gp_unmark_entered(s: &Session, a: GpLinesArgs) -> Result<GpChecklist> {
    s.with_vault(|v| {
        v.write(|tx| gp::unmark_entered(tx, &a.keys))?;
        checklist_now(s, v)
    })
}

/// Marks lines (by key, from the checklist or a summary) as entered in the GP record, and returns
/// the checklist without them (no second pass over every record).
pub fn gp_mark_entered(s: &Session, a: GpLinesArgs) -> Result<GpChecklist> {
    s.with_vault(|v| {
        let list = checklist_now(s, v)?;
        mark_in(v, list, &a.keys)
    })
}

/// Marks the lines of `list` named by `keys` and takes them off it.
fn mark_in(
    v: &mut linkwork_store::Vault,
    mut list: GpChecklist,
    keys: &[String],
) -> Result<GpChecklist> {
    let mut found = 0;
    v.write(|tx| {
        for p in &mut list.people {
            let (marked, left): (Vec<_>, Vec<_>) =
                p.lines.drain(..).partition(|l| keys.contains(&l.key));
            found += marked.len();
            gp::mark_entered(tx, &p.person_id, &marked)?;
            p.lines = left;
        }
        Ok(())
    })?;
    if found == 0 && !keys.is_empty() {
        return Err(crate::ApiError::new(
            ErrorCode::NotFound,
            "Those lines are not on the to-code list (already marked, or the record changed). Reload the list.",
        ));
    }
    list.people.retain(|p| !p.lines.is_empty());
    list.pending = list.people.iter().map(|p| p.lines.len() as u32).sum();
    Ok(list)
}

/// Going live: marks every line dated before `before` as already entered (the history kept on
/// paper or in the GP record before Linkwork), so the list starts with what is really left.
pub fn gp_mark_entered_before(s: &Session, a: GpBeforeArgs) -> Result<GpChecklist> {
    let before = linkwork_core::dates::parse_date("before", "date", &a.before)?;
    s.with_vault(|v| {
        let list = checklist_now(s, v)?;
        let keys: Vec<String> = list
            .people
            .iter()
            .flat_map(|p| p.lines.iter())
            .filter(|l| l.on < before)
            .map(|l| l.key.clone())
            .collect();
        if keys.is_empty() {
            return Err(crate::ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "Nothing on the to-code list is dated before {}.",
                    linkwork_core::dates::format_date_gb(before)
                ),
            )
            .on_field("before"));
        }
        mark_in(v, list, &keys)
    })
}

/// Marks corrections in the GP record as done: a line that changed is marked entered as it is now;
/// one whose record is gone (or that lost its code) is marked corrected.
pub fn gp_mark_corrected(s: &Session, a: GpLinesArgs) -> Result<GpChecklist> {
    s.with_vault(|v| {
        let list = checklist_now(s, v)?;
        v.write(|tx| {
            let mut gone = Vec::new();
            for c in list
                .to_correct
                .iter()
                .filter(|c| a.keys.contains(&c.mark.key))
            {
                match &c.now {
                    // A changed line stays on its person's record (a moved one is a merge, with no `now`).
                    Some(line) => {
                        gp::remark_corrected(tx, &c.mark.person_id, line)?;
                    }
                    None => gone.push(c.mark.key.clone()),
                }
            }
            gp::mark_corrected(tx, &gone).map(|_| ())
        })?;
        checklist_now(s, v)
    })
}

pub fn set_asset_service_type(s: &Session, a: AssetServiceTypeArgs) -> Result<AssetRecord> {
    let today = s.today();
    s.with_vault(|v| {
        v.write(|tx| assets::set_service_type(tx, &a.asset_id, a.service_type))?;
        Ok(assets::asset(v.read(), &a.asset_id, today)?)
    })
}
