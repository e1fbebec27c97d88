//! `assets import|export|template|search`.

use super::{say, Ctx, Result};
use linkwork_api::chosen::ChosenFile;
use linkwork_api::{
    types::{
        AssetSearchArgs, DirectoryTextArgs, ExportArgs, ExportFormat, ImportArgs, JobOutput,
        NoArgs, TemplateArgs,
    },
    ApiError,
};
use linkwork_core::{dates::format_date_gb, vocab::AssetStatus, ErrorCode};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum AssetsCommand {
    /// Import Open Referral UK JSON, a folder of ORUK CSV files, or the Linkwork CSV template (all or nothing)
    Import {
        /// A .json file, a folder holding services.csv, or a template .csv
        path: PathBuf,
        /// Check and count only; import nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Write the whole directory as ORUK JSON or as the Linkwork CSV template
    Export {
        #[arg(long, value_name = "oruk-json|csv", default_value = "oruk-json", value_parser = format_parser())]
        format: ExportFormat,
        /// Write here [default: standard output]. Never inside the data folder.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace --output if it already exists
        #[arg(long, requires = "output")]
        overwrite: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Write the Linkwork CSV template (headings and one example row) for a team without a feed
    Template {
        /// Write here (needs the passphrase, like every file Linkwork writes) [default: standard output]
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace --output if it already exists
        #[arg(long, requires = "output")]
        overwrite: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Full-text search of the directory (name, organisation, description, categories, postcode)
    Search {
        text: String,
        /// Only free assets
        #[arg(long)]
        free: bool,
        /// Only active assets
        #[arg(long)]
        active: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    #[command(flatten)]
    Entry(super::practice::AssetCommand),
}

fn format_parser() -> impl clap::builder::TypedValueParser<Value = ExportFormat> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(ExportFormat::ALL.iter().map(|f| f.slug())).map(|s| {
        *ExportFormat::ALL
            .iter()
            .find(|f| f.slug() == s)
            .expect("clap only passes listed values")
    })
}

pub fn run(ctx: &mut Ctx, c: AssetsCommand) -> Result {
    match c {
        AssetsCommand::Entry(c) => return super::practice::asset(ctx, c),
        AssetsCommand::Import {
            path,
            dry_run,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let started = ctx.session.api().import_assets(ImportArgs {
                path: ChosenFile::path_given(path.clone()),
                dry_run,
            })?;
            let mut shown = None;
            let output = super::wait_for_job(&ctx.session, started.job_id, &mut |done, total| {
                // Every tenth, on standard error, so a script can keep standard output clean.
                if total == 0 {
                    return;
                }
                let pct = done * 100 / total;
                let tenth = pct - pct % 10;
                if shown.is_none_or(|s| tenth > s) {
                    shown = Some(tenth);
                    say(&format!("Reading: {tenth}%"));
                }
            })?;
            let JobOutput::Import(r) = output else {
                unreachable!("an import job reports an import")
            };
            // As JSON the report is printed either way; problems still fail the command.
            if !ctx.printed_json(&r)? {
                write!(ctx.out, "{}", import_text(&r))?;
            }
            if !r.problems.is_empty() {
                return Err(ApiError::new(
                    ErrorCode::ImportRefused,
                    "Nothing was imported. Correct the problems listed and import again.",
                )
                .into());
            }
        }
        AssetsCommand::Export {
            format,
            output,
            overwrite,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            match output {
                Some(path) => {
                    let started = ctx.session.api().export_assets(ExportArgs {
                        path: ChosenFile::path_given(path.clone()),
                        format,
                        overwrite,
                    })?;
                    let JobOutput::Export(v) =
                        super::wait_for_job(&ctx.session, started.job_id, &mut |_, _| {})?
                    else {
                        unreachable!("an export job reports an export")
                    };
                    if ctx.printed_json(&v)? {
                        return Ok(());
                    }
                    say(&format!("Exported {} assets to {}.", v.assets, v.path));
                }
                None => {
                    let text = ctx
                        .session
                        .api()
                        .directory_text(DirectoryTextArgs { format })?;
                    write!(ctx.out, "{text}")?;
                }
            }
        }
        AssetsCommand::Template {
            output,
            overwrite,
            passphrase_file,
        } => match output {
            Some(path) => {
                ctx.unlock(passphrase_file)?;
                let v = ctx.session.api().save_asset_template(TemplateArgs {
                    path: ChosenFile::path_given(path.clone()),
                    overwrite,
                })?;
                if ctx.printed_json(&v)? {
                    return Ok(());
                }
                say(&format!("Saved the Linkwork CSV template to {}.", v.path));
            }
            None => {
                let text = ctx.session.api().asset_template_text(NoArgs {})?;
                write!(ctx.out, "{text}")?;
            }
        },
        AssetsCommand::Search {
            text,
            free,
            active,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let v = ctx.session.api().search_assets(AssetSearchArgs {
                text: Some(text),
                free_only: free,
                active_only: active,
                limit: Some(50),
                ..Default::default()
            })?;
            if ctx.printed_json(&v)? {
                return Ok(());
            }
            writeln!(ctx.out, "{} of {} assets match", v.hits.len(), v.total)?;
            for h in &v.hits {
                let mut marks = Vec::new();
                if h.favourite {
                    marks.push("favourite".to_string());
                }
                if h.status != AssetStatus::Active {
                    marks.push(h.status.label().to_lowercase());
                }
                marks.push(h.cost.label().to_lowercase());
                if h.stale {
                    marks.push(match h.last_verified_on {
                        Some(d) => format!("stale: last verified {}", format_date_gb(d)),
                        None => "not verified yet".into(),
                    });
                }
                writeln!(
                    ctx.out,
                    "{}  {}{}  [{}]",
                    h.name,
                    h.organisation
                        .as_deref()
                        .map(|o| format!("{o}, "))
                        .unwrap_or_default(),
                    h.postcode.as_deref().unwrap_or("no postcode"),
                    marks.join("; ")
                )?;
                // For `onward add --asset`.
                writeln!(ctx.out, "    id {}", h.id.as_str())?;
            }
        }
    }
    Ok(())
}

/// "3 problems (why):" then each, then how many more were not listed.
fn listed(
    out: &mut String,
    what: &str,
    why: &str,
    items: &[linkwork_core::assets::ImportProblem],
    more: u32,
) {
    use std::fmt::Write;
    let total = items.len() as u32 + more;
    let _ = writeln!(
        out,
        "{total} {what}{} ({why}):",
        if total == 1 { "" } else { "s" }
    );
    for p in items {
        let _ = writeln!(out, "  {p}");
    }
    if more > 0 {
        let _ = writeln!(out, "  …and {more} more.");
    }
}

fn import_text(r: &linkwork_core::assets::ImportReport) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if r.committed {
        let _ = writeln!(
            out,
            "Imported: {} added, {} updated, {} unchanged.",
            r.added, r.updated, r.unchanged
        );
    } else if r.problems.is_empty() {
        let _ = writeln!(
            out,
            "Preview: {} to add, {} to update, {} unchanged.",
            r.added, r.updated, r.unchanged
        );
    } else {
        let _ = writeln!(out, "Not imported. Without the problems below it would add {}, update {} and leave {} unchanged.", r.added, r.updated, r.unchanged);
    }
    if !r.ignored_files.is_empty() {
        let _ = writeln!(
            out,
            "Not read (Linkwork does not use them): {}.",
            r.ignored_files.join(", ")
        );
    }
    if !r.problems.is_empty() {
        listed(
            &mut out,
            "problem",
            "nothing was imported",
            &r.problems,
            r.more_problems,
        );
    } else if !r.committed {
        let _ = writeln!(
            out,
            "No problems found. Run again without --dry-run to import."
        );
    }
    if !r.warnings.is_empty() {
        listed(
            &mut out,
            "warning",
            "imported as they are; worth telling the feed's publisher",
            &r.warnings,
            r.more_warnings,
        );
    }
    out
}
