//! `gp summary`, `gp pending`, `gp mark-entered`, `gp mark-corrected`: the lines for the GP record.

use super::{Ctx, Result};
use linkwork_api::{
    types::{
        GpBeforeArgs, GpCodeMapArgs, GpLetterArgs, GpLinesArgs, GpSummaryArgs, NoArgs, PersonArgs,
        ReferrerCodesArgs,
    },
    ApiError,
};
use linkwork_core::{
    coding::{CodeUse, LetterTo, SummaryMode},
    dates::format_date_gb,
    ErrorCode,
};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum GpCommand {
    /// The newest episode for the GP record: its lines newest first, tab-separated (paste-ready),
    /// the letter to the GP practice or the referrer (html) or a FHIR R4 Bundle with UK Core
    /// profiles (fhir)
    Summary {
        /// NHS number (any spacing) or record id of the person
        #[arg(long, visible_alias = "nhs")]
        person: String,
        /// Codes only, even with consent to share the narrative
        #[arg(long)]
        codes_only: bool,
        #[arg(long, value_enum, default_value_t = SummaryFormat::Tsv)]
        format: SummaryFormat,
        /// Whom the letter (html) is for: each holds only what the person's consent for it covers
        #[arg(long, value_enum, default_value_t = Recipient::Gp)]
        to: Recipient,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Every coded line not yet entered in the GP record, by person, oldest first; and corrections
    Pending {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Mark lines entered in the GP record: by their keys (from `gp pending`), or all of one person's
    MarkEntered {
        keys: Vec<String>,
        /// Every pending line of this person (NHS number or record id)
        #[arg(long, visible_alias = "nhs")]
        person: Option<String>,
        /// Going live: every pending line dated before this day (DD/MM/YYYY), already in the GP
        /// record from before Linkwork
        #[arg(long, value_name = "DATE", conflicts_with_all = ["keys", "person"])]
        before: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// The events the practice's referrers code themselves (shown, never on the to-code list):
    /// with no --set, what is set now
    ReferrerCodes {
        /// One practice's referrers (ODS code, name or id); every practice's when left out
        #[arg(long)]
        practice: Option<String>,
        /// Comma-separated: offered, accepted, declined; "none" for none
        #[arg(long, value_name = "EVENTS", conflicts_with = "as_every_practice")]
        set: Option<String>,
        /// With --practice: its referrers code what every practice's do
        #[arg(long, requires = "practice")]
        as_every_practice: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Mark corrections in the GP record done, by their keys (from `gp pending`)
    MarkCorrected {
        #[arg(required = true)]
        keys: Vec<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// The code for each event, and the practice's own codes: list, set or remove one
    #[command(subcommand)]
    Codes(super::practice::CodesCommand),
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Recipient {
    /// The GP practice
    Gp,
    /// Whoever referred the person
    Referrer,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    /// Date, concept id, term, value: one line each, tab-separated
    Tsv,
    /// The letter to the GP practice or the referrer (--to), as a standalone web page
    Html,
    /// A FHIR R4 Bundle (collection), JSON
    Fhir,
}

fn pending_text(c: &linkwork_core::coding::GpChecklist) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} coded line{} to enter in the GP record.",
        c.pending,
        if c.pending == 1 { "" } else { "s" }
    );
    for p in &c.people {
        let _ = writeln!(
            out,
            "{}, NHS {}",
            p.name,
            p.nhs_number.as_deref().unwrap_or("not known")
        );
        for l in &p.lines {
            let _ = writeln!(out, "  {}\t{}", l.key, l.tsv());
        }
    }
    if !c.no_acceptance.is_empty() {
        let _ = writeln!(
            out,
            "Seen, but accepting support is not recorded (the \"referral accepted\" code needs its date):"
        );
        for a in &c.no_acceptance {
            let _ = writeln!(
                out,
                "  {}, NHS {}\tfirst seen {}",
                a.name,
                a.nhs_number.as_deref().unwrap_or("not known"),
                format_date_gb(a.first_seen)
            );
        }
    }
    if !c.to_correct.is_empty() {
        let _ = writeln!(out, "To correct in the GP record:");
        for f in &c.to_correct {
            // `why` says what changed (old → new) or that the record is gone.
            let m = &f.mark;
            let _ = writeln!(
                out,
                "  {}\t{}, NHS {}\t{}\t{}\t{}\t{}",
                m.key,
                f.name,
                f.nhs_number.as_deref().unwrap_or("not known"),
                format_date_gb(m.on),
                m.concept_id.as_deref().unwrap_or(""),
                m.term,
                f.why
            );
        }
    }
    out
}

pub fn run(ctx: &mut Ctx, c: GpCommand) -> Result {
    match c {
        GpCommand::Codes(c) => return super::practice::codes(ctx, c),
        GpCommand::Summary {
            person,
            codes_only,
            format,
            to,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let person_id = ctx.find_person(&person)?;
            let rec = ctx.session.api().person(PersonArgs { person_id })?;
            let Some(e) = rec.episodes.first() else {
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    "This person has no episode of care yet.",
                )
                .into());
            };
            let mode = if codes_only {
                SummaryMode::CodesOnly
            } else {
                SummaryMode::Full
            };
            let args = GpSummaryArgs {
                episode_id: e.id.clone(),
                mode,
            };
            let (shown_mode, text) = match format {
                SummaryFormat::Tsv => {
                    let s = ctx.session.api().gp_summary(args)?;
                    if ctx.printed_json(&s)? {
                        return Ok(());
                    }
                    (s.mode, s.text)
                }
                SummaryFormat::Html => {
                    let to = match to {
                        Recipient::Gp => LetterTo::Gp,
                        Recipient::Referrer => LetterTo::Referrer,
                    };
                    let l = ctx.session.api().gp_letter(GpLetterArgs {
                        episode_id: args.episode_id,
                        mode,
                        to,
                    })?;
                    if mode == SummaryMode::Full && l.mode == SummaryMode::CodesOnly {
                        super::say(match to {
                            LetterTo::Gp => "linkwork: codes only: the person has not consented to share more with the GP practice.",
                            LetterTo::Referrer => "linkwork: a plain notice: the person has not consented to share more with the referrer.",
                        });
                    }
                    writeln!(ctx.out, "{}", l.html.trim_end())?;
                    return Ok(());
                }
                SummaryFormat::Fhir => {
                    let f = ctx.session.api().gp_fhir(args)?;
                    (f.mode, f.json)
                }
            };
            if mode == SummaryMode::Full && shown_mode == SummaryMode::CodesOnly {
                super::say("linkwork: codes only: the person has not consented to share a narrative with the GP.");
            }
            writeln!(ctx.out, "{}", text.trim_end())?;
        }
        GpCommand::Pending { passphrase_file } => {
            ctx.unlock(passphrase_file)?;
            let c = ctx.session.api().gp_checklist(NoArgs {})?;
            if !ctx.printed_json(&c)? {
                write!(ctx.out, "{}", pending_text(&c))?;
            }
        }
        GpCommand::MarkEntered {
            mut keys,
            person,
            before,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            if let Some(before) = before {
                let was = ctx.session.api().gp_checklist(NoArgs {})?.pending;
                let c = ctx
                    .session
                    .api()
                    .gp_mark_entered_before(GpBeforeArgs { before })?;
                writeln!(
                    ctx.out,
                    "Marked {} line{} entered; {} still to enter.",
                    was - c.pending,
                    if was - c.pending == 1 { "" } else { "s" },
                    c.pending
                )?;
                return Ok(());
            }
            if let Some(p) = person {
                let id = ctx.find_person(&p)?;
                let c = ctx.session.api().gp_checklist(NoArgs {})?;
                keys.extend(
                    c.people
                        .iter()
                        .filter(|x| x.person_id == id)
                        .flat_map(|x| x.lines.iter().map(|l| l.key.clone())),
                );
            }
            if keys.is_empty() {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "Name the lines to mark (keys from `linkwork gp pending`), or --person, or --before.",
                )
                .into());
            }
            let n = keys.len();
            let c = ctx.session.api().gp_mark_entered(GpLinesArgs { keys })?;
            if ctx.printed_json(&c)? {
                return Ok(());
            }
            writeln!(
                ctx.out,
                "Marked {n} line{} entered; {} still to enter.",
                if n == 1 { "" } else { "s" },
                c.pending
            )?;
        }
        GpCommand::ReferrerCodes {
            practice,
            set,
            as_every_practice,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let practice_id = practice
                .map(|p| super::practice::practice_named(ctx, &p))
                .transpose()?;
            let view = match set {
                None if as_every_practice => {
                    ctx.session.api().set_gp_referrer_codes(ReferrerCodesArgs {
                        practice_id,
                        code_uses: vec![],
                        as_every_practice: true,
                    })?
                }
                None => ctx
                    .session
                    .api()
                    .gp_code_map(GpCodeMapArgs { practice_id })?,
                Some(list) => {
                    let mut uses = Vec::new();
                    for w in list
                        .split(',')
                        .map(str::trim)
                        .filter(|w| !w.is_empty() && *w != "none")
                    {
                        uses.push(
                            CodeUse::from_slug(&format!("episode.{w}")).ok_or_else(|| {
                                ApiError::new(
                                    ErrorCode::InvalidInput,
                                    format!("\"{w}\" is not an event a referrer codes: use offered, accepted or declined."),
                                )
                                .on_field("set")
                            })?,
                        );
                    }
                    ctx.session.api().set_gp_referrer_codes(ReferrerCodesArgs {
                        practice_id,
                        code_uses: uses,
                        as_every_practice: false,
                    })?
                }
            };
            if ctx.printed_json(&view)? {
                return Ok(());
            }
            if view.referrer_as_every_practice {
                writeln!(ctx.out, "As for every practice:")?;
            }
            if view.by_referrer.is_empty() {
                writeln!(
                    ctx.out,
                    "The referrers code none of the events: every line is on the to-code list."
                )?;
            }
            for u in &view.by_referrer {
                writeln!(ctx.out, "{}\t{}", u.slug(), u.label())?;
            }
        }
        GpCommand::MarkCorrected {
            keys,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let c = ctx.session.api().gp_mark_corrected(GpLinesArgs { keys })?;
            if ctx.printed_json(&c)? {
                return Ok(());
            }
            writeln!(
                ctx.out,
                "Done; {} correction{} left.",
                c.to_correct.len(),
                if c.to_correct.len() == 1 { "" } else { "s" }
            )?;
        }
    }
    Ok(())
}
