//! The monthly supervisor report: the period, the preview, the export (a job: figures → files →
//! zip → age → one `.age` file) and its settings. The figures, tables and files come from
//! `linkwork-report`; this module reads the records and writes the files.

use super::{target, Result};
use crate::{jobs::JobCtx, session::Session, types::*, ApiError};
use chrono::{Datelike, Duration, NaiveDate};
use linkwork_core::{
    coding::fhir::uk_offset_hours,
    dates::{format_date_gb, parse_date},
    ErrorCode, ValidationError,
};
use linkwork_report::{
    compute,
    figures::{month_end, month_label, period_label},
    last_month, pack,
    present::Suppression,
    seal, AssetCounts, Figures, Format, Source,
};
use linkwork_store::{assets, files, gp, migrations, settings, Read};

/// A period, worked out: the dates, the calendar month it is (if it is one) and its name.
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "2026-10" when the period is one whole calendar month.
    pub month: Option<String>,
    pub label: String,
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The period asked for: a month (`2026-10` or `10/2026`), a range, or by default last month.
pub fn period(today: NaiveDate, p: &ReportPeriod) -> Result<Period> {
    let whole_month = |first: NaiveDate| {
        let last = month_end(first);
        if last > today {
            // This month so far: a report to date, not the month's report.
            Period {
                from: first,
                to: today,
                month: None,
                label: format!("{} (to {})", month_label(first), format_date_gb(today)),
            }
        } else {
            Period {
                from: first,
                to: last,
                month: Some(first.format("%Y-%m").to_string()),
                label: month_label(first),
            }
        }
    };
    if let Some(m) = blank(&p.month) {
        let first = NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(&format!("01/{m}"), "%d/%m/%Y"))
            .map_err(|_| {
                ValidationError::new(
                    "month",
                    "The month must look like 2026-10 (year, then month).",
                )
            })?;
        if first > today {
            return Err(ValidationError::new(
                "month",
                format!(
                    "{} has not started yet. Choose this month or an earlier one.",
                    month_label(first)
                ),
            )
            .into());
        }
        return Ok(whole_month(first));
    }
    match (blank(&p.from), blank(&p.to)) {
        (None, None) => Ok(whole_month(last_month(today).0)),
        (from, to) => {
            let from = parse_date("from", "first day of the report", from.unwrap_or(""))?;
            let to = parse_date("to", "last day of the report", to.unwrap_or(""))?;
            if to < from {
                return Err(ValidationError::new(
                    "to",
                    "The last day is before the first day. Check the dates.",
                )
                .into());
            }
            if to > today {
                return Err(ValidationError::new(
                    "to",
                    format!(
                        "The last day is in the future. Choose a day up to today ({}).",
                        format_date_gb(today)
                    ),
                )
                .into());
            }
            let first_of_month = from.with_day(1).expect("day 1 exists");
            Ok(if from == first_of_month && to == month_end(from) {
                whole_month(from)
            } else {
                Period {
                    from,
                    to,
                    month: None,
                    label: period_label(from, to),
                }
            })
        }
    }
}

/// UK local time (the report says when it was made in the time on the office clock).
pub(crate) fn uk_local(now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    let now = now.naive_utc();
    now + Duration::hours(uk_offset_hours(now).into())
}

/// The figures for a period, from every record in the vault, as they stood at the period's end
/// (read at `now`: what was recorded since about the period counts, but no wait or status is
/// measured to today, so the same period gives the same figures whenever it is made).
pub fn figures(now: chrono::DateTime<chrono::Utc>, r: Read<'_>, p: &Period) -> Result<Figures> {
    let local = uk_local(now);
    let people = gp::all_records(r, local.date())?;
    let marks = gp::marks(r)?;
    let (stale, closed) = assets::report_counts(r, p.to)?;
    let outreach = linkwork_store::outreach::attempts_between(r, p.from, p.to)?;
    let register = linkwork_store::groups::register_lines(r, p.from, p.to)?;
    let f = compute(&Source {
        worker: settings::worker_name(r)?.unwrap_or_else(|| "Link worker".into()),
        from: p.from,
        to: p.to,
        data_version: migrations::user_version(r)?,
        people: &people,
        marks: &marks,
        map: &gp::code_maps(r)?,
        assets: AssetCounts { stale, closed },
        wte: settings::load(r)?.whole_time_equivalent,
        outreach: &outreach,
        register: &register,
    });
    super::drop_later((people, marks));
    let nothing = f.caseload.open_at_start == 0
        && f.caseload.open_at_end == 0
        && f.caseload.new_referrals == 0
        && f.activity.contacts.is_empty();
    if nothing {
        return Err(ApiError::new(
            ErrorCode::NothingToReport,
            format!(
                "Nothing was recorded for {}: no one was on the caseload then. Choose another period.",
                p.label
            ),
        )
        .on_field(if p.month.is_some() { "month" } else { "from" }));
    }
    Ok(f)
}

fn suppression(rs: &settings::ReportSettings) -> Suppression {
    if rs.suppress_small_numbers {
        Suppression::On
    } else {
        Suppression::Off
    }
}

/// `linkwork-report-2026-10-asha-patel.age`
fn file_name(worker: &str, p: &Period) -> String {
    let when = p.month.clone().unwrap_or_else(|| {
        format!(
            "{}-to-{}",
            p.from.format("%Y-%m-%d"),
            p.to.format("%Y-%m-%d")
        )
    });
    let who = linkwork_report::file_slug(worker);
    if who.is_empty() {
        format!("linkwork-report-{when}.age")
    } else {
        format!("linkwork-report-{when}-{who}.age")
    }
}

/// The name the report's file is offered under, without working out the report (the CLI's default).
/// The report's usual file name for a period ("2026-11 Sam Okafor.age"), for a save dialog or a
/// command line given no file.
pub fn report_file_name(s: &Session, a: ReportPeriod) -> Result<String> {
    let p = period(s.today(), &a)?;
    let worker = s.with_vault(|v| Ok(settings::worker_name(v.read())?))?;
    Ok(file_name(worker.as_deref().unwrap_or(""), &p))
}

pub fn report_preview(s: &Session, a: ReportPeriod) -> Result<ReportPreview> {
    let p = period(s.today(), &a)?;
    s.with_vault(|v| {
        let r = v.read();
        let f = figures(s.now(), r, &p)?;
        let rs = settings::report_settings(r)?;
        let sup = suppression(&rs);
        let (going, left) = linkwork_store::case_studies::for_report(r, s.today())?;
        Ok(ReportPreview {
            from: p.from,
            to: p.to,
            period_label: p.label.clone(),
            month: p.month.clone(),
            worker: f.worker.clone(),
            needs_name: settings::worker_name(r)?.is_none(),
            suppression: sup,
            tables: linkwork_report::present::tables(&f, sup),
            file_name: file_name(&f.worker, &p),
            supervisor_keys: rs.supervisor_keys,
            exported: p
                .month
                .as_ref()
                .is_some_and(|m| rs.exported_months.contains(m)),
            case_studies: going.into_iter().map(|(t, _)| t).collect(),
            case_studies_left_out: left
                .into_iter()
                .map(|(title, why)| CaseStudyLeftOut { title, why })
                .collect(),
        })
    })
}

fn parse_keys(keys: &[String]) -> Result<Vec<seal::SupervisorKey>> {
    keys.iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
        .map(|k| {
            seal::SupervisorKey::parse(k).ok_or_else(|| {
                ValidationError::new(
                    "supervisor_keys",
                    format!(
                        "“{}” is not an age public key. A key starts with “age1” and is 62 characters long: copy it exactly as your supervisor gave it.",
                        k.chars().take(70).collect::<String>()
                    ),
                )
                .into()
            })
        })
        .collect()
}

/// What the report is encrypted to.
pub enum Seal {
    Keys(Vec<seal::SupervisorKey>),
    Passphrase(linkwork_core::Passphrase),
}

impl Seal {
    fn words(&self) -> String {
        match self {
            Seal::Keys(k) if k.len() == 1 => "your supervisor's key".into(),
            Seal::Keys(k) => format!("{} supervisor keys", k.len()),
            Seal::Passphrase(_) => "a passphrase".into(),
        }
    }
}

/// Everything an export needs, checked before any work starts.
pub struct ExportPlan {
    pub period: Period,
    pub seal: Seal,
    pub path: std::path::PathBuf,
    pub overwrite: files::Overwrite,
    pub plain: Option<(std::path::PathBuf, files::Overwrite)>,
    pub format: Format,
    pub suppression: Option<Suppression>,
}

/// Checks an export's arguments.
fn plan_export(s: &Session, a: ExportReportArgs) -> Result<ExportPlan> {
    let keys = (!a.supervisor_keys.is_empty()).then(|| a.supervisor_keys.clone());
    let period = period(s.today(), &a.period)?;
    let (worker, saved_keys) = s.with_vault(|v| {
        let r = v.read();
        Ok((
            settings::worker_name(r)?,
            settings::report_settings(r)?.supervisor_keys,
        ))
    })?;
    // A supervisor merging several reports needs to know whose each one is.
    if worker.is_none() {
        return Err(ValidationError::new(
            "worker_name",
            "Add your name first (Settings, About you; or `linkwork report settings --worker-name`): the report says whose it is, so your supervisor can tell the reports apart.",
        )
        .into());
    }
    let (path, overwrite) = target(
        s,
        "path",
        "file to save the report as",
        &a.path,
        a.overwrite,
    )?;
    let plain = match a.plain_copy_path.as_ref().filter(|p| !p.is_empty()) {
        None => None,
        Some(_) if !a.plain_copy_understood => return Err(ValidationError::new(
            "plain_copy_understood",
            "Tick the box to confirm you understand the copy is not encrypted, or do not make one.",
        )
        .into()),
        Some(p) => {
            let t = target(
                s,
                "plain_copy_path",
                "file for the unencrypted copy",
                p,
                a.plain_copy_overwrite,
            )?;
            if t.0 == path {
                return Err(ValidationError::new(
                    "plain_copy_path",
                    "Choose a different file for the unencrypted copy.",
                )
                .into());
            }
            Some(t)
        }
    };
    let seal = match a.passphrase {
        Some(p) if !p.0.is_empty() => {
            let confirm = a
                .passphrase_confirm
                .map(|c| c.into_string())
                .unwrap_or_default();
            Seal::Passphrase(linkwork_core::Passphrase::choose(
                "passphrase",
                p.into_string(),
                &confirm,
            )?)
        }
        _ => {
            let keys = parse_keys(&keys.unwrap_or(saved_keys))?;
            if keys.is_empty() {
                return Err(ValidationError::new(
                    "passphrase",
                    "Save your supervisor's key (age1…) in Settings (or give it with `--to`), or give a passphrase to encrypt the report with and tell it to your supervisor another way.",
                )
                .into());
            }
            Seal::Keys(keys)
        }
    };
    Ok(ExportPlan {
        period,
        seal,
        path,
        overwrite,
        plain,
        format: match a.files {
            ReportFiles::All => Format::All,
            ReportFiles::Html => Format::Html,
            ReportFiles::Csv => Format::Csv,
            ReportFiles::Xlsx => Format::Xlsx,
        },
        suppression: a.no_suppression.then_some(Suppression::Off),
    })
}

pub fn export_report(s: &Session, a: ExportReportArgs) -> Result<JobStarted> {
    let plan = plan_export(s, a)?;
    start_export(s, plan)
}

/// Starts the export job.
fn start_export(s: &Session, plan: ExportPlan) -> Result<JobStarted> {
    let (mut worker, identity) = s.with_vault(|v| Ok((v.worker()?, v.identity()?)))?;
    let data_dir = s.data_dir().to_path_buf();
    let log_n = match s.kdf() {
        linkwork_store::KdfCost::InsecureForTests(n) => Some(n),
        linkwork_store::KdfCost::Calibrated => None,
    };
    let now = s.now();
    let job_id = s.jobs.start(JobKind::ExportReport, move |ctx: &JobCtx| {
        let steps = 4;
        let step = |n: u64| -> Result<()> {
            if ctx.stop.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(ApiError::new(
                    ErrorCode::Cancelled,
                    "The export was cancelled; no file was written.",
                ));
            }
            ctx.progress(n, steps);
            Ok(())
        };
        step(0)?;
        let (f, sup) = {
            let r = worker.read();
            let sup = match plan.suppression {
                Some(x) => x,
                None => suppression(&settings::report_settings(r)?),
            };
            (figures(now, r, &plan.period)?, sup)
        };
        step(1)?;
        let mut made = linkwork_report::files(&f, uk_local(now), sup, plan.format)?;
        // Chosen case studies whose consent stands and which identify no one, checked again now.
        let (going, _) =
            linkwork_store::case_studies::for_report(worker.read(), uk_local(now).date())?;
        if !going.is_empty() {
            made.push((
                pack::CASE_STUDIES.into(),
                linkwork_report::html::case_studies(&f.worker, &plan.period.label, &going),
            ));
        }
        // Signed by this vault, with where its audit trail ended (and the case studies' digest):
        // the supervisor's merge shows who made each pack and refuses one changed since.
        let mut about = serde_json::json!({
            "made_at": now,
            "audit": linkwork_store::audit::anchor(worker.read())?,
        });
        if let Some((_, html)) = made.iter().find(|(n, _)| n == pack::CASE_STUDIES) {
            about["case_studies_sha256"] = linkwork_store::keys::pack_file_digest(html).into();
        }
        let about = serde_json::to_vec_pretty(&about).expect("JSON of plain values");
        if let Some((_, figures)) = made.iter().find(|(n, _)| n == pack::FIGURES) {
            let signature = identity.sign_report(figures, &about);
            made.push((pack::ABOUT.into(), about));
            made.push((
                pack::SIGNATURE.into(),
                serde_json::to_vec_pretty(&signature).expect("JSON of two strings"),
            ));
        }
        let names: Vec<String> = made.iter().map(|(n, _)| n.clone()).collect();
        let zipped = pack::zip(&made);
        step(2)?;
        let sealed = match &plan.seal {
            Seal::Keys(k) => seal::seal(&zipped, seal::SealTo::Keys(k))?,
            Seal::Passphrase(p) => seal::seal(
                &zipped,
                seal::SealTo::Passphrase(p.expose().to_owned().into(), log_n),
            )?,
        };
        step(3)?;
        fn write(
            bytes: &[u8],
        ) -> impl FnOnce(&mut dyn std::io::Write) -> linkwork_store::Result<()> + '_ {
            move |out| {
                out.write_all(bytes)
                    .map_err(|e| linkwork_store::StoreError::io("write", "the report", e))
            }
        }
        files::save(&plan.path, &data_dir, plan.overwrite, write(&sealed))?;
        if let Some((plain, overwrite)) = &plan.plain {
            // Both files or neither.
            if let Err(e) = files::save(plain, &data_dir, *overwrite, write(&zipped)) {
                let _ = std::fs::remove_file(&plan.path);
                return Err(e.into());
            }
            worker.write(|tx| {
                tx.audit(
                    linkwork_store::audit::AuditAction::SaveUnencrypted,
                    linkwork_store::audit::Entity::Report,
                    plan.period.month.as_deref(),
                )
            })?;
        }
        if let Some(m) = &plan.period.month {
            worker.write(|tx| settings::mark_report_exported(tx, m))?;
        }
        ctx.progress(steps, steps);
        Ok(JobOutput::Report(ReportExported {
            path: plan.path.display().to_string(),
            encrypted_to: plan.seal.words(),
            plain_copy_path: plan.plain.as_ref().map(|(p, _)| p.display().to_string()),
            files: names,
            period_label: plan.period.label.clone(),
        }))
    })?;
    Ok(JobStarted { job_id })
}

fn report_settings_view(r: Read<'_>) -> Result<ReportSettingsView> {
    let rs = settings::report_settings(r)?;
    Ok(ReportSettingsView {
        suppression: suppression(&rs),
        supervisor_keys: rs.supervisor_keys,
    })
}

pub fn report_settings(s: &Session, _: NoArgs) -> Result<ReportSettingsView> {
    s.with_vault(|v| report_settings_view(v.read()))
}

pub fn update_report_settings(s: &Session, a: ReportSettingsForm) -> Result<ReportSettingsView> {
    let keys: Vec<String> = parse_keys(&a.supervisor_keys)?
        .into_iter()
        .map(|k| k.text)
        .collect();
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    if unique.len() != keys.len() {
        return Err(
            ValidationError::new("supervisor_keys", "That key is already in the list.").into(),
        );
    }
    s.with_vault(|v| {
        v.write(|tx| settings::set_report_settings(tx, &keys, a.suppression == Suppression::On))?;
        report_settings_view(v.read())
    })
}

/// Shown on the caseload in a month's first week until last month's report is exported; a vault
/// with no one in it has nothing to report.
pub fn reminder(today: NaiveDate, r: Read<'_>, has_people: bool) -> Result<Option<String>> {
    if !has_people || today.day() > 7 {
        return Ok(None);
    }
    let (first, _) = last_month(today);
    let month = first.format("%Y-%m").to_string();
    let exported = settings::report_settings(r)?
        .exported_months
        .contains(&month);
    Ok((!exported).then(|| month_label(first)))
}
