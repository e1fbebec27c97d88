//! `referral add`, from flags or from a JSON file shaped like the app's referral form.

use super::{vocab, Ctx, Result};
use linkwork_api::{
    types::{PersonArgs, PersonForm, ReferralForm},
    ApiError,
};
use linkwork_core::{
    vocab::{IdentityResolution, Priority, ReferralMethod, ReferralReason, ReferralSource},
    ErrorCode, NhsNumber,
};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum ReferralCommand {
    /// From flags, or from a JSON file shaped like the app's referral form (--json)
    Add(ReferralArgs),
}

#[derive(clap::Args)]
pub struct ReferralArgs {
    /// JSON file with the whole referral (see README); other referral flags are then ignored
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    #[arg(long)]
    nhs_number: Option<String>,
    #[arg(long)]
    given_name: Option<String>,
    #[arg(long)]
    family_name: Option<String>,
    /// Date of birth, DD/MM/YYYY or YYYY-MM-DD
    #[arg(long)]
    dob: Option<String>,
    /// Their GP practice: its ODS code or name (a practice not yet listed is added)
    #[arg(long)]
    practice: Option<String>,
    /// Date received [default: today]
    #[arg(long)]
    received: Option<String>,
    #[arg(long, default_value = "secure_email", value_parser = vocab::<ReferralMethod>())]
    method: ReferralMethod,
    /// Who referred, as a role
    #[arg(long, value_parser = vocab::<ReferralSource>())]
    source: Option<ReferralSource>,
    #[arg(long, default_value = "routine", value_parser = vocab::<Priority>())]
    priority: Priority,
    #[arg(long)]
    referrer_name: Option<String>,
    #[arg(long)]
    referrer_role: Option<String>,
    #[arg(long)]
    referrer_organisation: Option<String>,
    /// A need or concern (repeat for several)
    #[arg(long = "reason", value_parser = vocab::<ReferralReason>())]
    reasons: Vec<ReferralReason>,
    /// Save even though someone with the same name and date of birth exists
    #[arg(long)]
    allow_possible_duplicate: bool,
    /// The NHS number is known under another name or date of birth and this is the same person:
    /// update the stored details, or keep them
    #[arg(long, value_parser = vocab::<IdentityResolution>())]
    identity: Option<IdentityResolution>,
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, c: ReferralCommand) -> Result {
    let ReferralCommand::Add(a) = c;
    let passphrase_file = a.passphrase_file.clone();
    let form = referral_form(ctx, a)?;
    // A number from another UK scheme or outside the issued ranges is allowed, but said.
    if let Some(w) = form
        .person
        .nhs_number
        .as_deref()
        .and_then(|n| NhsNumber::parse("nhs_number", n).ok())
        .and_then(|n| n.range_warning())
    {
        super::say(&format!("Warning: {w}"));
    }
    ctx.unlock(passphrase_file)?;
    let added = ctx.session.api().add_referral(form)?;
    let rec = ctx.session.api().person(PersonArgs {
        person_id: added.person_id.clone(),
    })?;
    if ctx.printed_json(&rec)? {
        return Ok(());
    }
    writeln!(
        ctx.out,
        "Referral recorded for {} {}{} (episode {}).",
        rec.person.given_name,
        rec.person.family_name,
        if added.new_person {
            ", a new person"
        } else {
            ", already known"
        },
        added.episode_id
    )?;
    Ok(())
}

fn referral_form(ctx: &Ctx, a: ReferralArgs) -> Result<ReferralForm> {
    if let Some(path) = a.json {
        let text = std::fs::read_to_string(&path).map_err(|e| {
            ApiError::new(
                ErrorCode::FileError,
                format!("Cannot read the referral file {}: {e}.", path.display()),
            )
        })?;
        let de = &mut serde_json::Deserializer::from_str(&text);
        return serde_path_to_error::deserialize(de).map_err(|e| {
            let at = match e.path().to_string() {
                p if p == "." => String::new(),
                p => format!(" (at {p})"),
            };
            ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "The referral file {} is not a valid referral: {}{at}.",
                    path.display(),
                    e.inner()
                ),
            )
            .into()
        });
    }
    // An ODS code or, failing that, a name: the store looks either up among the practices.
    let is_code = a
        .practice
        .as_deref()
        .is_some_and(|p| linkwork_core::practices::ods_code("practice", Some(p)).is_ok());
    Ok(ReferralForm {
        person_id: None,
        person: PersonForm {
            nhs_number: a.nhs_number,
            given_name: a.given_name,
            family_name: a.family_name,
            date_of_birth: a.dob,
            gp_practice_ods: is_code.then(|| a.practice.clone()).flatten(),
            gp_practice_name: (!is_code).then_some(a.practice).flatten(),
            ..Default::default()
        },
        received_on: a
            .received
            .unwrap_or_else(|| ctx.session.today().format("%Y-%m-%d").to_string()),
        method: Some(a.method),
        source: a.source,
        priority: Some(a.priority),
        referrer_name: a.referrer_name,
        referrer_role: a.referrer_role,
        referrer_organisation: a.referrer_organisation,
        referrer_ods: None,
        reasons: a.reasons,
        notes: None,
        allow_possible_duplicate: a.allow_possible_duplicate,
        identity: a.identity,
        carer_link: None,
    })
}
