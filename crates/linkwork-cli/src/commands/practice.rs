//! `asset add|edit|verify|service-type`, `codes list|set|remove` and `settings show|set`: the
//! directory entries, the practice's local GP codes and the general settings, as the app's asset
//! form, code map and Settings page change them.

use super::{vocab, Ctx, Result};
use linkwork_api::types::{
    AssetArgs, AssetForm, AssetServiceTypeArgs, LocalCodeArgs, NoArgs, RemoveLocalCodeArgs,
    UpdateSettingsArgs,
};
use linkwork_core::{
    assets::AssetRecord, coding::CodeUse, dates::format_date_gb, ids::AssetId, vocab::ServiceType,
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
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Use the practice's own code for an event (a SNOMED CT concept id from its template)
    Set {
        #[arg(long = "use", value_parser = vocab::<CodeUse>())]
        code_use: CodeUse,
        #[arg(long)]
        concept: String,
        #[arg(long)]
        term: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Go back to the shipped code for an event
    Remove {
        #[arg(long = "use", value_parser = vocab::<CodeUse>())]
        code_use: CodeUse,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(clap::Subcommand)]
pub enum SettingsCommand {
    /// Auto-lock, your name and your hours
    Show {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Change any of them; the options not given stay
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
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

fn read_form(path: &PathBuf) -> Result<AssetForm> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        linkwork_api::ApiError::from(linkwork_store::StoreError::io("read", path, e))
            .on_field("json")
    })?;
    serde_json::from_str(&text).map_err(|e| {
        linkwork_api::ApiError::from(linkwork_core::ValidationError::new(
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
                    linkwork_api::ApiError::from(linkwork_core::ValidationError::new(
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

pub fn codes(ctx: &mut Ctx, c: CodesCommand) -> Result {
    let (map, said) = match c {
        CodesCommand::List { passphrase_file } => {
            ctx.unlock(passphrase_file)?;
            (ctx.session.api().gp_code_map(NoArgs {})?, None)
        }
        CodesCommand::Set {
            code_use,
            concept,
            term,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let map = ctx.session.api().set_gp_local_code(LocalCodeArgs {
                code_use: Some(code_use),
                concept_id: concept.clone(),
                term,
            })?;
            let said = format!(
                "{}: the practice's code {} from now on.",
                code_use.label(),
                concept.trim()
            );
            (map, Some(said))
        }
        CodesCommand::Remove {
            code_use,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let map = ctx
                .session
                .api()
                .remove_gp_local_code(RemoveLocalCodeArgs { code_use })?;
            (
                map,
                Some(format!("{}: the shipped code again.", code_use.label())),
            )
        }
    };
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
                "\t(the practice's own)"
            } else {
                ""
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
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let now = ctx.session.api().get_settings(NoArgs {})?;
            ctx.session.api().update_settings(UpdateSettingsArgs {
                auto_lock_minutes: auto_lock.unwrap_or(now.auto_lock_minutes),
                worker_name: worker_name.or(now.worker_name),
                whole_time_equivalent,
            })?
        }
    };
    writeln!(
        ctx.out,
        "Auto-lock after {} minutes. Your name: {}. Hours: {} whole-time equivalent.",
        v.auto_lock_minutes,
        v.worker_name.as_deref().unwrap_or("not set"),
        v.whole_time_equivalent
    )?;
    Ok(())
}
