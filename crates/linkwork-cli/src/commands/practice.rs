//! `asset add|edit|verify|service-type`, `codes list|set|remove`, `settings show|set` and
//! `practices list|add|edit`: the directory entries, the practice's local GP codes, the settings
//! (general, outcome measures, the caseload's rules) and the practices served, as the app's asset
//! form, code map and Settings page change them.

use super::{vocab, Ctx, Result};
use linkwork_api::types::{
    AssetArgs, AssetForm, AssetServiceTypeArgs, CaseloadRulesForm, GpCodeMapArgs, LocalCodeArgs,
    NoArgs, OutcomeSettingsForm, PracticeForm, RemoveLocalCodeArgs, UpdateSettingsArgs,
};
use linkwork_api::ApiError;
use linkwork_core::ValidationError;
use linkwork_core::{
    assets::AssetRecord,
    coding::CodeUse,
    dates::format_date_gb,
    ids::{AssetId, PracticeId},
    practices::Practice,
    vocab::{GpSystem, ServiceType},
};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum AssetCommand {
    /// Add a group or service from a JSON file shaped like the app's asset form
    Add {
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Replace a group or service's details from a JSON file shaped like the app's asset form
    Edit {
        /// The asset's id (shown by `assets search`)
        asset_id: String,
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Record that its details were checked today
    Verify {
        asset_id: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// The service type, which picks a narrower GP code for referrals to it ("none" clears it)
    ServiceType {
        asset_id: String,
        #[arg(long = "type")]
        service_type: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(clap::Subcommand)]
pub enum CodesCommand {
    /// Every event the GP record can hold, with the code Linkwork uses for it
    List {
        /// One practice's codes (ODS code, name or id); every practice's when left out
        #[arg(long)]
        practice: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Use a practice's own code for an event (a SNOMED CT concept id from its template)
    Set {
        /// The practice (ODS code, name or id); for every practice when left out
        #[arg(long)]
        practice: Option<String>,
        #[arg(long = "use", value_parser = vocab::<CodeUse>())]
        code_use: CodeUse,
        #[arg(long)]
        concept: String,
        #[arg(long)]
        term: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Take a local code away: the code for every practice (or the shipped one) again
    Remove {
        /// The practice (ODS code, name or id); for every practice when left out
        #[arg(long)]
        practice: Option<String>,
        #[arg(long = "use", value_parser = vocab::<CodeUse>())]
        code_use: CodeUse,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(clap::Subcommand)]
pub enum SettingsCommand {
    /// Auto-lock, your name and hours, the outcome measures and the caseload's rules
    Show {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Change any of them; the options not given stay. Each part (general, outcome measures,
    /// caseload rules) is saved in turn, as on the Settings page
    Set {
        /// Minutes of inactivity before Linkwork locks itself
        #[arg(long)]
        auto_lock: Option<u32>,
        /// Your name, on reports and consent decisions ("" clears it)
        #[arg(long)]
        worker_name: Option<String>,
        /// Hours as a whole-time equivalent, like 0.6 (the safe caseload scales with it)
        #[arg(long)]
        whole_time_equivalent: Option<String>,
        /// Weeks after the first ONS4 or PAM before a follow-up is due
        #[arg(long)]
        follow_up_weeks: Option<String>,
        /// The organisation's PAM cut-offs for levels 2, 3 and 4, like 47.0,55.2,67.1
        #[arg(long, value_name = "L2,L3,L4", conflicts_with = "no_pam_cutoffs")]
        pam_cutoffs: Option<String>,
        /// Take the PAM cut-offs away (levels are then not worked out from scores)
        #[arg(long)]
        no_pam_cutoffs: bool,
        /// Days from an urgent referral to its first contact (1 to 14)
        #[arg(long)]
        urgent_first_contact_days: Option<String>,
        /// Tries in a row that did not reach someone before they are "not reached" (1 to 6)
        #[arg(long)]
        not_reached_after: Option<String>,
        /// Months an outreach list's rows that did not become referrals are kept after it
        /// closes (1 to 24)
        #[arg(long)]
        outreach_keep_months: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(clap::Subcommand)]
pub enum PracticesCommand {
    /// Every practice, with its ODS code, GP system, how many people are registered there, and its id
    List {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Add a practice
    Add {
        #[arg(long)]
        name: String,
        /// Its ODS code: a letter and five digits, like B86002
        #[arg(long)]
        ods: Option<String>,
        #[arg(long, value_parser = vocab::<GpSystem>(), default_value = "other")]
        system: GpSystem,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Change a practice (id from `practices list`); the options not given stay
    Edit {
        practice_id: String,
        #[arg(long)]
        name: Option<String>,
        /// A new ODS code, or "" to take it away
        #[arg(long)]
        ods: Option<String>,
        #[arg(long, value_parser = vocab::<GpSystem>())]
        system: Option<GpSystem>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

fn practice_line(p: &Practice) -> String {
    format!(
        "{}\t{}\t{}\t{} registered\t{}",
        p.name,
        p.ods_code.as_deref().unwrap_or("no ODS code"),
        p.gp_system.label(),
        p.people,
        p.id
    )
}

pub fn practices(ctx: &mut Ctx, c: PracticesCommand) -> Result {
    let saved = match c {
        PracticesCommand::List { passphrase_file } => {
            ctx.unlock(passphrase_file)?;
            let all = ctx.session.api().practices(NoArgs {})?;
            if ctx.printed_json(&all)? {
                return Ok(());
            }
            if all.is_empty() {
                writeln!(
                    ctx.out,
                    "No practices yet: add one with `linkwork practices add`."
                )?;
            }
            for p in &all {
                writeln!(ctx.out, "{}", practice_line(p))?;
            }
            return Ok(());
        }
        PracticesCommand::Add {
            name,
            ods,
            system,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let p = ctx.session.api().save_practice(PracticeForm {
                practice_id: None,
                name,
                ods_code: ods,
                gp_system: Some(system),
            })?;
            ("Added", p)
        }
        PracticesCommand::Edit {
            practice_id,
            name,
            ods,
            system,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let id = PracticeId::new(practice_id.trim());
            let all = ctx.session.api().practices(NoArgs {})?;
            let Some(now) = all.into_iter().find(|p| p.id == id) else {
                return Err(ApiError::new(
                    linkwork_core::ErrorCode::NotFound,
                    "No practice has that id: see `linkwork practices list`.",
                )
                .into());
            };
            let p = ctx.session.api().save_practice(PracticeForm {
                practice_id: Some(id),
                name: name.unwrap_or(now.name),
                ods_code: ods.or(now.ods_code),
                gp_system: Some(system.unwrap_or(now.gp_system)),
            })?;
            ("Saved", p)
        }
    };
    let (what, p) = saved;
    if ctx.printed_json(&p)? {
        return Ok(());
    }
    writeln!(ctx.out, "{what}: {}", practice_line(&p))?;
    Ok(())
}

fn read_form(path: &PathBuf) -> Result<AssetForm> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        linkwork_api::ApiError::from(linkwork_store::StoreError::io("read", path, e))
            .on_field("json")
    })?;
    serde_json::from_str(&text).map_err(|e| {
        ApiError::from(ValidationError::new(
            "json",
            format!(
                "{} is not shaped like the app's asset form: {e}.",
                path.display()
            ),
        ))
        .into()
    })
}

fn say_asset(ctx: &mut Ctx, what: &str, r: &AssetRecord) -> Result {
    if ctx.printed_json(r)? {
        return Ok(());
    }
    writeln!(ctx.out, "{what}: {} (id {}).", r.asset.name, r.id.as_str())?;
    Ok(())
}

pub fn asset(ctx: &mut Ctx, c: AssetCommand) -> Result {
    match c {
        AssetCommand::Add {
            json,
            passphrase_file,
        } => {
            let mut form = read_form(&json)?;
            form.asset_id = None;
            ctx.unlock(passphrase_file)?;
            let r = ctx.session.api().save_asset(form)?;
            say_asset(ctx, "Added", &r)
        }
        AssetCommand::Edit {
            asset_id,
            json,
            passphrase_file,
        } => {
            let mut form = read_form(&json)?;
            form.asset_id = Some(AssetId::new(asset_id.trim()));
            ctx.unlock(passphrase_file)?;
            let r = ctx.session.api().save_asset(form)?;
            say_asset(ctx, "Saved", &r)
        }
        AssetCommand::Verify {
            asset_id,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let r = ctx.session.api().verify_asset(AssetArgs {
                asset_id: AssetId::new(asset_id.trim()),
            })?;
            let on = r.last_verified_on.map(format_date_gb).unwrap_or_default();
            say_asset(ctx, &format!("Checked on {on}"), &r)
        }
        AssetCommand::ServiceType {
            asset_id,
            service_type,
            passphrase_file,
        } => {
            let service_type = match service_type.trim() {
                "" | "none" => None,
                slug => Some(ServiceType::from_slug(slug).ok_or_else(|| {
                    ApiError::from(ValidationError::new(
                        "type",
                        format!(
                            "The service type is one of: none, {}.",
                            ServiceType::ALL
                                .iter()
                                .map(|t| t.slug())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ))
                })?),
            };
            ctx.unlock(passphrase_file)?;
            let r = ctx
                .session
                .api()
                .set_asset_service_type(AssetServiceTypeArgs {
                    asset_id: AssetId::new(asset_id.trim()),
                    service_type,
                })?;
            let what = match r.service_type {
                Some(t) => format!("Service type {}", t.label().to_lowercase()),
                None => "No service type".into(),
            };
            say_asset(ctx, &what, &r)
        }
    }
}

/// A practice as typed on the command line: its ODS code, its name (any case) or its id.
pub(super) fn practice_named(ctx: &mut Ctx, typed: &str) -> Result<PracticeId> {
    let t = typed.trim();
    let all = ctx.session.api().practices(NoArgs {})?;
    let code = t.split_whitespace().collect::<String>().to_uppercase();
    let by =
        |f: &dyn Fn(&Practice) -> bool| -> Vec<&Practice> { all.iter().filter(|p| f(p)).collect() };
    for found in [
        by(&|p| p.id.as_str() == t),
        by(&|p| p.ods_code.as_deref() == Some(code.as_str())),
        by(&|p| p.name.to_lowercase() == t.to_lowercase()),
    ] {
        match found.as_slice() {
            [one] => return Ok(one.id.clone()),
            [] => continue,
            _ => {
                return Err(ApiError::from(ValidationError::new(
                    "practice",
                    format!("More than one practice is called \"{t}\": give its ODS code or id (`linkwork practices list`)."),
                ))
                .into())
            }
        }
    }
    Err(ApiError::from(ValidationError::new(
        "practice",
        format!("No practice has the ODS code, name or id \"{t}\". See `linkwork practices list`, or add it with `linkwork practices add`."),
    ))
    .into())
}

fn practice_opt(ctx: &mut Ctx, typed: Option<String>) -> Result<Option<PracticeId>> {
    typed.map(|t| practice_named(ctx, &t)).transpose()
}

pub fn codes(ctx: &mut Ctx, c: CodesCommand) -> Result {
    let (map, said) = match c {
        CodesCommand::List {
            practice,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let practice_id = practice_opt(ctx, practice)?;
            (
                ctx.session
                    .api()
                    .gp_code_map(GpCodeMapArgs { practice_id })?,
                None,
            )
        }
        CodesCommand::Set {
            practice,
            code_use,
            concept,
            term,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let practice_id = practice_opt(ctx, practice)?;
            let whose = if practice_id.is_some() {
                "the practice's"
            } else {
                "every practice's"
            };
            let map = ctx.session.api().set_gp_local_code(LocalCodeArgs {
                practice_id,
                code_use: Some(code_use),
                concept_id: concept.clone(),
                term,
            })?;
            let said = format!(
                "{}: {whose} code {} from now on.",
                code_use.label(),
                concept.trim()
            );
            (map, Some(said))
        }
        CodesCommand::Remove {
            practice,
            code_use,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let practice_id = practice_opt(ctx, practice)?;
            let map = ctx
                .session
                .api()
                .remove_gp_local_code(RemoveLocalCodeArgs {
                    practice_id,
                    code_use,
                })?;
            let now = map
                .entries
                .iter()
                .find(|e| e.code_use == code_use)
                .map(|e| format!("{} {} ({})", e.concept_id, e.term, e.source.to_lowercase()))
                .unwrap_or_else(|| "none: it is recorded in words".into());
            (
                map,
                Some(format!("{}: the code is now {now}.", code_use.label())),
            )
        }
    };
    if ctx.printed_json(&map)? {
        return Ok(());
    }
    if let Some(s) = said {
        writeln!(ctx.out, "{s}")?;
        return Ok(());
    }
    for e in &map.entries {
        writeln!(
            ctx.out,
            "{}\t{}\t{}{}",
            e.code_use.slug(),
            e.concept_id,
            e.term,
            if e.local {
                format!("\t({})", e.source)
            } else {
                String::new()
            }
        )?;
    }
    Ok(())
}

pub fn settings(ctx: &mut Ctx, c: SettingsCommand) -> Result {
    let v = match c {
        SettingsCommand::Show { passphrase_file } => {
            ctx.unlock(passphrase_file)?;
            ctx.session.api().get_settings(NoArgs {})?
        }
        SettingsCommand::Set {
            auto_lock,
            worker_name,
            whole_time_equivalent,
            follow_up_weeks,
            pam_cutoffs,
            no_pam_cutoffs,
            urgent_first_contact_days,
            not_reached_after,
            outreach_keep_months,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let api = ctx.session.api();
            let mut v = api.get_settings(NoArgs {})?;
            // Each part of the Settings page saves on its own, as in the app: only those given.
            if auto_lock.is_some() || worker_name.is_some() || whole_time_equivalent.is_some() {
                v = api.update_settings(UpdateSettingsArgs {
                    auto_lock_minutes: auto_lock.unwrap_or(v.auto_lock_minutes),
                    worker_name: worker_name.or(v.worker_name),
                    whole_time_equivalent,
                })?;
            }
            if follow_up_weeks.is_some() || pam_cutoffs.is_some() || no_pam_cutoffs {
                let [l2, l3, l4] = match (&pam_cutoffs, no_pam_cutoffs) {
                    (_, true) => [None, None, None],
                    (Some(text), _) => {
                        let parts: Vec<String> =
                            text.split(',').map(|p| p.trim().to_string()).collect();
                        match <[String; 3]>::try_from(parts) {
                            Ok([a, b, c]) => [Some(a), Some(b), Some(c)],
                            Err(_) => {
                                return Err(ApiError::from(ValidationError::new(
                                    "pam_cutoffs",
                                    "Give all three PAM cut-offs, for levels 2, 3 and 4, separated by commas (like 47.0,55.2,67.1).",
                                ))
                                .into())
                            }
                        }
                    }
                    (None, false) => [
                        v.pam_level2_from.clone(),
                        v.pam_level3_from.clone(),
                        v.pam_level4_from.clone(),
                    ],
                };
                v = api.update_outcome_settings(OutcomeSettingsForm {
                    follow_up_weeks: follow_up_weeks.unwrap_or(v.follow_up_weeks.to_string()),
                    pam_level2_from: l2,
                    pam_level3_from: l3,
                    pam_level4_from: l4,
                })?;
            }
            if urgent_first_contact_days.is_some()
                || not_reached_after.is_some()
                || outreach_keep_months.is_some()
            {
                v = api.update_caseload_rules(CaseloadRulesForm {
                    urgent_first_contact_days: urgent_first_contact_days
                        .unwrap_or(v.urgent_first_contact_days.to_string()),
                    not_reached_after: not_reached_after.unwrap_or(v.not_reached_after.to_string()),
                    outreach_keep_months: outreach_keep_months
                        .unwrap_or(v.outreach_keep_months.to_string()),
                })?;
            }
            v
        }
    };
    if ctx.printed_json(&v)? {
        return Ok(());
    }
    writeln!(
        ctx.out,
        "Auto-lock after {} minutes. Your name: {}. Hours: {} whole-time equivalent (a safe caseload of {} people a year).",
        v.auto_lock_minutes,
        v.worker_name.as_deref().unwrap_or("not set"),
        v.whole_time_equivalent,
        v.safe_caseload
    )?;
    let cutoffs = match (&v.pam_level2_from, &v.pam_level3_from, &v.pam_level4_from) {
        (Some(a), Some(b), Some(c)) => format!("levels 2, 3 and 4 from {a}, {b} and {c}"),
        _ => "none set".to_string(),
    };
    writeln!(
        ctx.out,
        "Outcome follow-up after {} weeks. PAM cut-offs: {cutoffs}.",
        v.follow_up_weeks
    )?;
    writeln!(
        ctx.out,
        "Urgent referrals: first contact within {} days. Not reached after {} tries in a row. Outreach rows kept {} months after a list closes.",
        v.urgent_first_contact_days, v.not_reached_after, v.outreach_keep_months
    )?;
    Ok(())
}
