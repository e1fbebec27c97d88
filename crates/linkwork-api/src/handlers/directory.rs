//! The community asset directory: search, the asset page and form, and import and export (jobs).

use super::{target, Result};
use crate::{jobs::JobCtx, session::Session, types::*};
use linkwork_core::{
    assets::{parse_slots, AssetInput, AssetRecord},
    caseload::{optional_text, required_text},
    ids::AssetId,
    vocab::{AssetStatus, CostKind, Delivery},
    AllValid, ValidationError,
};
use linkwork_store::{
    asset_io,
    assets::{self, AssetQuery},
    files, Read, Tx,
};

pub fn search_assets(s: &Session, a: AssetSearchArgs) -> Result<AssetSearchView> {
    let q = AssetQuery {
        text: optional_text(a.text.as_deref()),
        category: a.category,
        free_only: a.free_only,
        accessible_only: a.accessible_only,
        active_only: a.active_only,
        favourites_only: a.favourites_only,
        verified_within_months: a.verified_within_months,
        limit: a.limit.unwrap_or(200).min(1000),
    };
    let today = s.today();
    s.with_vault(|v| {
        Ok(AssetSearchView {
            hits: assets::search(v.read(), &q, today)?,
            total: assets::count(v.read())?,
        })
    })
}

pub fn asset(s: &Session, a: AssetArgs) -> Result<AssetRecord> {
    let today = s.today();
    s.with_vault(|v| Ok(assets::asset(v.read(), &a.asset_id, today)?))
}

fn age(field: &str, s: Option<&str>) -> std::result::Result<Option<u8>, ValidationError> {
    match optional_text(s) {
        None => Ok(None),
        Some(t) => Ok(Some(
            t.parse::<u8>().ok().filter(|a| *a <= 130).ok_or_else(|| {
                ValidationError::new(field, "Enter an age in whole years, from 0 to 130.")
            })?,
        )),
    }
}

fn asset_input(f: &AssetForm) -> Result<AssetInput> {
    let (name, slots, min_age, max_age) = (
        required_text("name", "name of the group or service", Some(&f.name)),
        parse_slots(&f.days_and_times).map_err(|m| ValidationError::new("days_and_times", m)),
        age("min_age", f.min_age.as_deref()),
        age("max_age", f.max_age.as_deref()),
    )
        .all_valid()?;
    let input = AssetInput {
        oruk_id: None,
        name,
        organisation: optional_text(f.organisation.as_deref()),
        organisation_oruk_id: None,
        description: optional_text(f.description.as_deref()),
        categories: f.categories.clone(),
        lga_service_type: optional_text(f.lga_service_type.as_deref()),
        phone: optional_text(f.phone.as_deref()),
        email: optional_text(f.email.as_deref()),
        website: optional_text(f.website.as_deref()),
        address: optional_text(f.address.as_deref()),
        postcode: optional_text(f.postcode.as_deref()),
        delivery: Some(f.delivery.unwrap_or(Delivery::InPerson)),
        schedule_text: optional_text(f.schedule_text.as_deref()),
        slots,
        cost: Some(f.cost.unwrap_or(CostKind::Unknown)),
        cost_description: optional_text(f.cost_description.as_deref()),
        min_age,
        max_age,
        eligibility: optional_text(f.eligibility.as_deref()),
        wheelchair_access: f.wheelchair_access,
        hearing_loop: f.hearing_loop,
        transport: f.transport,
        access_notes: optional_text(f.access_notes.as_deref()),
        referral_route: f.referral_route,
        referral_how: optional_text(f.referral_how.as_deref()),
        status: Some(f.status.unwrap_or(AssetStatus::Active)),
    };
    input.validate()?;
    Ok(input)
}

/// Runs a change to one asset and returns its refreshed record (as `on_episode` does for people).
fn on_asset(
    s: &Session,
    change: impl FnOnce(&Tx<'_>) -> linkwork_store::Result<AssetId>,
) -> Result<AssetRecord> {
    let today = s.today();
    s.with_vault(|v| {
        let id = v.write(change)?;
        Ok(assets::asset(v.read(), &id, today)?)
    })
}

/// Adds an asset (counts as verified today) or saves changes to one (its ORUK ids are kept).
pub fn save_asset(s: &Session, f: AssetForm) -> Result<AssetRecord> {
    let input = asset_input(&f)?;
    on_asset(s, |tx| match &f.asset_id {
        None => assets::add_asset(tx, &input),
        Some(id) => assets::update_asset(tx, id, &input).map(|_| id.clone()),
    })
}

pub fn set_asset_favourite(s: &Session, a: AssetFavouriteArgs) -> Result<AssetRecord> {
    on_asset(s, |tx| {
        assets::set_favourite(tx, &a.asset_id, a.favourite).map(|_| a.asset_id.clone())
    })
}

/// "Verify now": the details were checked with the provider today.
pub fn verify_asset(s: &Session, a: AssetArgs) -> Result<AssetRecord> {
    on_asset(s, |tx| {
        assets::verify(tx, &a.asset_id, tx.today()).map(|_| a.asset_id.clone())
    })
}

pub fn set_asset_notes(s: &Session, a: AssetNotesArgs) -> Result<AssetRecord> {
    let notes = optional_text(a.notes.as_deref());
    on_asset(s, |tx| {
        assets::set_private_notes(tx, &a.asset_id, notes.as_deref()).map(|_| a.asset_id.clone())
    })
}

/// Starts an import (or, with `dry_run`, a preview) as a job: all or nothing, cancelled by a lock.
pub fn import_assets(s: &Session, a: ImportArgs) -> Result<JobStarted> {
    let path = super::source(s, "path", "the file or folder to import", &a.path)?;
    let mut worker = s.with_vault(|v| Ok(v.worker()?))?;
    let job_id = s.jobs.start(JobKind::ImportAssets, move |ctx: &JobCtx| {
        let report = asset_io::import(
            &mut worker,
            &path,
            a.dry_run,
            &mut |d, t| ctx.progress(d, t),
            &ctx.stop,
        )?;
        Ok(JobOutput::Import(report))
    })?;
    Ok(JobStarted { job_id })
}

/// The directory in `format`, written to `out`; stops (writing nothing usable) once `stop` is set.
pub(crate) fn write_directory(
    r: Read<'_>,
    format: ExportFormat,
    out: &mut dyn std::io::Write,
    stop: &linkwork_oruk::StopFlag,
) -> linkwork_store::Result<u32> {
    match format {
        ExportFormat::OrukJson => asset_io::write_oruk_json(r, out, stop),
        ExportFormat::Csv => asset_io::write_csv(r, out, stop),
    }
}

/// Starts writing the whole directory as ORUK JSON or the Linkwork CSV template, as a job.
pub fn export_assets(s: &Session, a: ExportArgs) -> Result<JobStarted> {
    let (path, overwrite) = target(s, "path", "file to export to", &a.path, a.overwrite)?;
    let mut worker = s.with_vault(|v| Ok(v.worker()?))?;
    let data_dir = s.data_dir().to_path_buf();
    let job_id = s.jobs.start(JobKind::ExportAssets, move |ctx: &JobCtx| {
        ctx.progress(0, 1);
        let assets = files::save(&path, &data_dir, overwrite, |out| {
            write_directory(worker.read(), a.format, out, &ctx.stop)
        })?;
        worker.write(|tx| {
            tx.audit(
                linkwork_store::audit::AuditAction::SaveUnencrypted,
                linkwork_store::audit::Entity::Asset,
                None,
            )
        })?;
        ctx.progress(1, 1);
        Ok(JobOutput::Export(ExportView {
            assets,
            path: path.display().to_string(),
        }))
    })?;
    Ok(JobStarted { job_id })
}

/// The whole directory as text (the command line's standard output), audited as an export is.
pub fn directory_text(s: &Session, a: DirectoryTextArgs) -> Result<String> {
    let never = linkwork_oruk::StopFlag::default();
    s.with_vault(|v| {
        let mut out = Vec::new();
        write_directory(v.read(), a.format, &mut out, &never)?;
        v.write(|tx| {
            tx.audit(
                linkwork_store::audit::AuditAction::SaveUnencrypted,
                linkwork_store::audit::Entity::Asset,
                None,
            )
        })?;
        Ok(String::from_utf8(out).expect("the directory is written as UTF-8"))
    })
}

/// The Linkwork CSV template as text (needs no vault: it holds no data).
pub fn asset_template_text(_: &Session, _: NoArgs) -> Result<String> {
    let mut out = Vec::new();
    write_template(&mut out)?;
    Ok(String::from_utf8(out).expect("the template is UTF-8"))
}

/// Saves the Linkwork CSV template (headings and one example row) for a team without a feed.
pub fn save_asset_template(s: &Session, a: TemplateArgs) -> Result<ExportView> {
    let (path, overwrite) = target(
        s,
        "path",
        "file to save the template as",
        &a.path,
        a.overwrite,
    )?;
    // Like every file Linkwork writes, only from an unlocked app.
    s.with_vault(|_| Ok(()))?;
    files::save(&path, s.data_dir(), overwrite, write_template)?;
    Ok(ExportView {
        assets: 1,
        path: path.display().to_string(),
    })
}

pub(crate) fn write_template(out: &mut dyn std::io::Write) -> linkwork_store::Result<()> {
    linkwork_oruk::template::write_example(out)
        .map_err(|e| linkwork_store::StoreError::io("write", "the template", e))
}
