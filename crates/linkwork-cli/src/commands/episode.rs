//! `episode offer|plan|goal|action|action-done|close` and `onward add|outcome|error`: the rest of
//! a person's episode from the command line, as the person's page does it. Each prints what it did
//! in words, or with `--as-json` the person's whole record as the core returns it (for scripts).

use super::{same_episode, vocab, Ctx, Result};
use linkwork_api::types::{
    ActionDoneArgs, ActionForm, CloseForm, ConcernOnClosing, EnteredInErrorForm, GoalForm,
    OfferForm, OnwardForm, OnwardOutcomeForm, PlanForm,
};
use linkwork_core::{
    caseload::{Correctable, EpisodeView, PersonRecord},
    ids::{ActionId, AssetId, OnwardId},
    vocab::{Barrier, CloseReason, GoalStatus, NeedCategory, OnwardKind, OnwardOutcome},
};
use std::path::PathBuf;

/// What every command here takes besides its own options.
#[derive(clap::Args)]
pub struct Common {
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
pub enum EpisodeCommand {
    /// Record when support was offered, and accepted or declined (DD/MM/YYYY; "" clears one)
    Offer {
        /// NHS number (any spacing) or record id of the person
        #[arg(long)]
        person: String,
        #[arg(long)]
        offered: Option<String>,
        #[arg(long, conflicts_with = "declined")]
        accepted: Option<String>,
        #[arg(long)]
        declined: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// What matters to the person, the needs agreed and the next review; options not given stay
    Plan {
        #[arg(long)]
        person: String,
        #[arg(long)]
        what_matters: Option<String>,
        /// A need agreed (repeat for each; replaces the list)
        #[arg(long = "need", value_parser = vocab::<NeedCategory>())]
        needs: Vec<NeedCategory>,
        /// DD/MM/YYYY ("" clears it)
        #[arg(long)]
        next_review: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Add a goal in the person's words
    Goal {
        #[arg(long)]
        person: String,
        #[arg(long)]
        text: String,
        /// How much it matters to them, 1 to 10
        #[arg(long)]
        importance: Option<u32>,
        #[arg(long, value_parser = vocab::<GoalStatus>())]
        status: Option<GoalStatus>,
        #[command(flatten)]
        common: Common,
    },
    /// Add an action: who does what, by when
    Action {
        #[arg(long)]
        person: String,
        #[arg(long)]
        who: String,
        #[arg(long)]
        what: String,
        /// DD/MM/YYYY
        #[arg(long)]
        due: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Mark an action done (or, with --undo, not done)
    ActionDone {
        /// The action's id (shown by `people show`)
        action_id: String,
        #[arg(long)]
        undo: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Close the person's open episode; each open concern is closed with --close-concerns or kept
    Close {
        #[arg(long)]
        person: String,
        #[arg(long, value_parser = vocab::<CloseReason>())]
        reason: CloseReason,
        /// DD/MM/YYYY (today when not given)
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        note: Option<String>,
        /// Close every open concern with this note (else they stay open, on the Open concerns list)
        #[arg(long, value_name = "NOTE")]
        close_concerns: Option<String>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(clap::Subcommand)]
pub enum OnwardCommand {
    /// Refer or signpost the person to a group or service (its id from `assets search`)
    Add {
        #[arg(long)]
        person: String,
        #[arg(long)]
        asset: String,
        #[arg(long, value_parser = vocab::<OnwardKind>())]
        kind: OnwardKind,
        /// What it is for: it decides the GP code, so it is never guessed
        #[arg(long, value_parser = vocab::<NeedCategory>())]
        category: NeedCategory,
        /// DD/MM/YYYY (today when not given)
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// When to check how it went, DD/MM/YYYY
        #[arg(long)]
        follow_up: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// What happened: the outcome and any barriers
    Outcome {
        /// The onward referral's id (shown by `people show`)
        onward_id: String,
        #[arg(long, value_parser = vocab::<OnwardOutcome>())]
        outcome: OnwardOutcome,
        /// DD/MM/YYYY (today when not given)
        #[arg(long)]
        on: Option<String>,
        /// A barrier met (repeat for each)
        #[arg(long = "barrier", value_parser = vocab::<Barrier>())]
        barriers: Vec<Barrier>,
        #[command(flatten)]
        common: Common,
    },
    /// Mark an onward referral entered in error (it stays, struck through, and counts for nothing)
    Error {
        onward_id: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        common: Common,
    },
}

/// Prints the record as JSON (`--as-json`), or `words` about the episode that changed.
fn said(ctx: &mut Ctx, rec: &PersonRecord, words: String) -> Result {
    if !ctx.printed_json(rec)? {
        writeln!(ctx.out, "{words}")?;
    }
    Ok(())
}

fn name(rec: &PersonRecord) -> String {
    format!("{} {}", rec.person.given_name, rec.person.family_name)
}

/// `""` clears a date; a missing option keeps the episode's own.
fn date_or(given: Option<String>, now: Option<chrono::NaiveDate>) -> Option<String> {
    match given {
        Some(s) => Some(s),
        None => now.map(linkwork_core::dates::format_date_gb),
    }
}

pub fn episode(ctx: &mut Ctx, c: EpisodeCommand) -> Result {
    match c {
        EpisodeCommand::Offer {
            person,
            offered,
            accepted,
            declined,
            common,
        } => {
            ctx.unlock(common.passphrase_file)?;
            let e = ctx.open_episode(&person)?;
            let rec = ctx.session.api().update_offer(OfferForm {
                episode_id: e.id.clone(),
                offered_on: date_or(offered, e.offered_on),
                accepted_on: date_or(accepted, e.accepted_on),
                declined_on: date_or(declined, e.declined_on),
            })?;
            let now = same_episode(&rec, &e);
            let answer = match (now.accepted_on, now.declined_on) {
                (Some(d), _) => format!("accepted on {}", gb(d)),
                (_, Some(d)) => format!("declined on {}", gb(d)),
                _ => "no answer recorded yet".into(),
            };
            let offered = now.offered_on.map_or("not recorded".into(), gb);
            let words = format!("Support for {}: offered {offered}, {answer}.", name(&rec));
            said(ctx, &rec, words)
        }
        EpisodeCommand::Plan {
            person,
            what_matters,
            needs,
            next_review,
            common,
        } => {
            ctx.unlock(common.passphrase_file)?;
            let e = ctx.open_episode(&person)?;
            let rec = ctx.session.api().update_plan(PlanForm {
                episode_id: e.id.clone(),
                what_matters: what_matters.or(e.what_matters.clone()),
                needs: if needs.is_empty() {
                    e.plan_needs.clone()
                } else {
                    needs
                },
                next_review_on: date_or(next_review, e.next_review_on),
            })?;
            let now = same_episode(&rec, &e);
            let words = format!(
                "The plan for {} is saved: {} agreed, next review {}.",
                name(&rec),
                plural(now.plan_needs.len(), "need"),
                now.next_review_on.map_or("not set".into(), gb)
            );
            said(ctx, &rec, words)
        }
        EpisodeCommand::Goal {
            person,
            text,
            importance,
            status,
            common,
        } => {
            ctx.unlock(common.passphrase_file)?;
            let e = ctx.open_episode(&person)?;
            let rec = ctx.session.api().save_goal(GoalForm {
                episode_id: Some(e.id.clone()),
                goal_id: None,
                text: Some(text),
                importance,
                status,
            })?;
            let words = format!(
                "Goal added for {}: {} on the plan.",
                name(&rec),
                plural(same_episode(&rec, &e).goals.len(), "goal")
            );
            said(ctx, &rec, words)
        }
        EpisodeCommand::Action {
            person,
            who,
            what,
            due,
            common,
        } => {
            ctx.unlock(common.passphrase_file)?;
            let e = ctx.open_episode(&person)?;
            let rec = ctx.session.api().add_action(ActionForm {
                episode_id: e.id.clone(),
                who: Some(who.clone()),
                what: Some(what.clone()),
                due_on: due,
            })?;
            let words = format!("Action added for {}: {who} will {what}.", name(&rec));
            said(ctx, &rec, words)
        }
        EpisodeCommand::ActionDone {
            action_id,
            undo,
            common,
        } => {
            ctx.unlock(common.passphrase_file)?;
            let rec = ctx.session.api().set_action_done(ActionDoneArgs {
                action_id: ActionId::new(action_id.trim()),
                done: !undo,
            })?;
            let words = format!(
                "The action for {} is marked {}.",
                name(&rec),
                if undo { "not done" } else { "done" }
            );
            said(ctx, &rec, words)
        }
        EpisodeCommand::Close {
            person,
            reason,
            on,
            note,
            close_concerns,
            common,
        } => {
            ctx.unlock(common.passphrase_file)?;
            let e = ctx.open_episode(&person)?;
            let record = ctx.session.api().person(linkwork_api::types::PersonArgs {
                person_id: ctx.find_person(&person)?,
            })?;
            let concerns = record
                .concerns
                .iter()
                .filter(|c| c.live)
                .map(|c| ConcernOnClosing {
                    concern_id: c.id.clone(),
                    keep_open: Some(close_concerns.is_none()),
                    note: close_concerns.clone(),
                })
                .collect();
            let rec = ctx.session.api().close_episode(CloseForm {
                episode_id: e.id.clone(),
                closed_on: on,
                reason: Some(reason),
                note,
                concerns,
            })?;
            let now = same_episode(&rec, &e);
            let words = format!(
                "The episode of {} is closed on {} ({}).",
                name(&rec),
                now.closed_on.map_or(String::new(), gb),
                reason.label().to_lowercase()
            );
            said(ctx, &rec, words)
        }
    }
}

pub fn onward(ctx: &mut Ctx, c: OnwardCommand) -> Result {
    match c {
        OnwardCommand::Add {
            person,
            asset,
            kind,
            category,
            on,
            notes,
            follow_up,
            common,
        } => {
            ctx.unlock(common.passphrase_file)?;
            let e = ctx.open_episode(&person)?;
            let rec = ctx.session.api().add_onward(OnwardForm {
                episode_id: e.id.clone(),
                asset_id: Some(AssetId::new(asset.trim())),
                referred_on: on,
                kind: Some(kind),
                category: Some(category),
                notes,
                follow_up_on: follow_up,
            })?;
            let words = match newest_onward(same_episode(&rec, &e)) {
                Some((id, to)) => format!(
                    "{} to {to} recorded for {} (id {id}).",
                    kind.label(),
                    name(&rec)
                ),
                None => format!("{} recorded for {}.", kind.label(), name(&rec)),
            };
            said(ctx, &rec, words)
        }
        OnwardCommand::Outcome {
            onward_id,
            outcome,
            on,
            barriers,
            common,
        } => {
            ctx.unlock(common.passphrase_file)?;
            let rec = ctx.session.api().record_onward_outcome(OnwardOutcomeForm {
                onward_id: OnwardId::new(onward_id.trim()),
                outcome: Some(outcome),
                outcome_on: on,
                barriers,
            })?;
            let words = format!(
                "Outcome recorded for {}: {}.",
                name(&rec),
                outcome.label().to_lowercase()
            );
            said(ctx, &rec, words)
        }
        OnwardCommand::Error {
            onward_id,
            reason,
            common,
        } => {
            ctx.unlock(common.passphrase_file)?;
            let rec = ctx
                .session
                .api()
                .mark_entered_in_error(EnteredInErrorForm {
                    record: Correctable::Onward(OnwardId::new(onward_id.trim())),
                    reason: Some(reason),
                })?;
            let words = format!(
                "The onward referral for {} is marked entered in error. It stays in the record, struck through, and counts for nothing.",
                name(&rec)
            );
            said(ctx, &rec, words)
        }
    }
}

/// The onward referral just added: the newest (the list is newest first).
fn newest_onward(e: &EpisodeView) -> Option<(String, String)> {
    e.onward
        .first()
        .map(|o| (o.id.as_str().to_string(), o.asset_name.clone()))
}

fn gb(d: chrono::NaiveDate) -> String {
    linkwork_core::dates::format_date_gb(d)
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}
