//! `outcome add ons4|pam`, `outcome error` and `outcome summary`.

use super::{same_episode, vocab, Ctx, Result};
use crate::commands::people::ons4_line;
use linkwork_api::types::{Ons4Form, OutcomeSummaryArgs, PamForm};
use linkwork_core::{
    dates::format_date_gb,
    outcomes::{Ons4Item, PamVersion},
};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum OutcomeCommand {
    /// Add an ONS4 or PAM record to the person's open episode
    #[command(subcommand)]
    Add(OutcomeAdd),
    /// Mark an ONS4 or PAM record entered in error (it stays, struck through, and counts for nothing)
    Error {
        /// The record's id (shown by `people show`)
        outcome_id: String,
        /// Which measure it is
        #[arg(long, value_parser = ["ons4", "pam"])]
        measure: String,
        /// Why, for example "wrong person" (3 to 500 characters)
        #[arg(long)]
        reason: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Change from each baseline to the final or latest record in a period
    Summary {
        /// Start of the period, DD/MM/YYYY [default: 12 months before --to]
        #[arg(long)]
        from: Option<String>,
        /// End of the period, DD/MM/YYYY [default: today]
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(clap::Subcommand)]
pub enum OutcomeAdd {
    /// ONS4 personal wellbeing: each item 0 to 10, or "declined"
    Ons4 {
        /// NHS number (any spacing) or record id of the person
        #[arg(long)]
        person: String,
        /// DD/MM/YYYY [default: today]
        #[arg(long)]
        date: Option<String>,
        #[arg(long, value_name = "0-10|declined")]
        life_satisfaction: String,
        #[arg(long, value_name = "0-10|declined")]
        worthwhile: String,
        #[arg(long, value_name = "0-10|declined")]
        happiness: String,
        #[arg(long, value_name = "0-10|declined")]
        anxiety: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Patient Activation Measure, exactly as the licensed tool reported it
    Pam {
        #[arg(long)]
        person: String,
        #[arg(long)]
        date: Option<String>,
        /// 0 to 100, at most one decimal place
        #[arg(long)]
        score: String,
        /// 1 to 4
        #[arg(long)]
        level: String,
        #[arg(long, default_value = "pam_13", value_parser = vocab::<PamVersion>())]
        version: PamVersion,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

pub fn run(ctx: &mut Ctx, c: OutcomeCommand) -> Result {
    match c {
        OutcomeCommand::Add(OutcomeAdd::Ons4 {
            person,
            date,
            life_satisfaction,
            worthwhile,
            happiness,
            anxiety,
            passphrase_file,
        }) => {
            ctx.unlock(passphrase_file)?;
            let episode = ctx.open_episode(&person)?;
            let rec = ctx.session.api().add_ons4(Ons4Form {
                episode_id: episode.id.clone(),
                contact_id: None,
                recorded_on: date,
                life_satisfaction,
                worthwhile,
                happiness,
                anxiety,
            })?;
            if ctx.printed_json(&rec)? {
                return Ok(());
            }
            let e = same_episode(&rec, &episode);
            let last = e
                .outcomes
                .ons4
                .iter()
                .max_by_key(|r| r.recorded_on)
                .expect("just added");
            writeln!(
                ctx.out,
                "ONS4 recorded ({}): {}",
                last.role.label().to_lowercase(),
                ons4_line(last)
            )?;
        }
        OutcomeCommand::Add(OutcomeAdd::Pam {
            person,
            date,
            score,
            level,
            version,
            passphrase_file,
        }) => {
            ctx.unlock(passphrase_file)?;
            let episode = ctx.open_episode(&person)?;
            let rec = ctx.session.api().add_pam(PamForm {
                episode_id: episode.id.clone(),
                contact_id: None,
                recorded_on: date,
                score,
                level,
                version: Some(version),
            })?;
            if ctx.printed_json(&rec)? {
                return Ok(());
            }
            let e = same_episode(&rec, &episode);
            let last = e
                .outcomes
                .pam
                .iter()
                .max_by_key(|r| r.recorded_on)
                .expect("just added");
            writeln!(
                ctx.out,
                "PAM recorded ({}): score {}, level {}, {}.",
                last.role.label().to_lowercase(),
                last.score_text,
                last.level,
                last.version.label()
            )?;
            if let Some(w) = &last.level_warning {
                writeln!(ctx.out, "Warning: {w}")?;
            }
        }
        OutcomeCommand::Error {
            outcome_id,
            measure,
            reason,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let id = linkwork_core::ids::OutcomeId::new(outcome_id.trim());
            let record = if measure == "pam" {
                linkwork_core::caseload::Correctable::Pam(id)
            } else {
                linkwork_core::caseload::Correctable::Ons4(id)
            };
            let rec = ctx.session.api().mark_entered_in_error(
                linkwork_api::types::EnteredInErrorForm {
                    record,
                    reason: Some(reason),
                },
            )?;
            if ctx.printed_json(&rec)? {
                return Ok(());
            }
            writeln!(
                ctx.out,
                "The {} record of {} {} is marked entered in error. It stays in the record, struck through, and counts for nothing.",
                measure.to_uppercase(),
                rec.person.given_name,
                rec.person.family_name
            )?;
        }
        OutcomeCommand::Summary {
            from,
            to,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let s = ctx
                .session
                .api()
                .outcome_summary(OutcomeSummaryArgs { from, to })?;
            write!(ctx.out, "{}", summary_text(&s))?;
        }
    }
    Ok(())
}

fn summary_text(s: &linkwork_core::outcomes::OutcomeSummary) -> String {
    use std::fmt::Write;
    let pct = |p: Option<f64>| p.map(|p| format!("{p:.0}%")).unwrap_or_else(|| "–".into());
    let signed = |m: Option<f64>| m.map(|m| format!("{m:+.1}")).unwrap_or_else(|| "–".into());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Outcomes from {} to {}",
        format_date_gb(s.from),
        format_date_gb(s.to)
    );
    let _ = writeln!(
        out,
        "ONS4: {} people compared (baseline with final or latest record); {} with a baseline and no follow-up yet",
        s.ons4_people, s.ons4_baseline_only
    );
    let _ = writeln!(
        out,
        "{:<18} {:<34} {:>4} {:>11} {:>9} {:>6} {:>6}",
        "Item", "Moved out of the concern band", "n", "Mean change", "Improved", "Same", "Worse"
    );
    for i in &s.items {
        let _ = writeln!(
            out,
            "{:<18} {:<34} {:>4} {:>11} {:>9} {:>6} {:>6}",
            i.label,
            format!(
                "{} of {} starting {} ({})",
                i.moved_out_of_concern_band,
                i.started_in_concern_band,
                i.concern_band,
                pct(i.moved_out_pct)
            ),
            i.n,
            signed(i.mean_change),
            pct(i.improved_pct),
            pct(i.same_pct),
            pct(i.worse_pct),
        );
    }
    if let Some(t) = s
        .items
        .iter()
        .find(|i| i.item == Ons4Item::Anxiety)
        .and_then(|i| i.mean_change_text.as_ref())
    {
        let _ = writeln!(
            out,
            "Anxiety: {t}. The four items are never added together."
        );
    }
    let _ = writeln!(
        out,
        "PAM: {} people compared; mean change {} points; gain of 3 or more: {} ({}); {} with a baseline and no follow-up yet",
        s.pam.n,
        signed(s.pam.mean_change),
        s.pam.gained_3,
        pct(s.pam.gained_3_pct),
        s.pam.baseline_only
    );
    if s.pam.mixed_versions > 0 {
        let _ = writeln!(
            out,
            "PAM: {} of those compared set a PAM-13 against a PAM-10 record; read their change with care.",
            s.pam.mixed_versions
        );
    }
    out
}
