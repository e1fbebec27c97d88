//! One function per command. Each validates its input (naming the field), calls the store, and
//! returns a serialisable result. The same functions serve the desktop UI and the CLI.

use crate::{error::ApiError, session::Session, types::*};
use linkwork_core::{AutoLockMinutes, Passphrase, ValidationError};
use linkwork_store::{
    migrations, settings, vault::Credential, RecoveryIdentity, RecoveryRecipient, Vault, VaultState,
};

type Result<T> = std::result::Result<T, ApiError>;

fn required(field: &str, s: SecretInput, what: &str) -> Result<Passphrase> {
    if s.0.is_empty() {
        return Err(ValidationError::new(field, format!("Enter {what}.")).into());
    }
    Ok(s.0)
}

fn optional_recipient(field: &str, text: Option<&str>) -> Result<Option<RecoveryRecipient>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => Ok(Some(RecoveryRecipient::parse(field, t)?)),
    }
}

pub fn status(s: &Session, _: NoArgs) -> Result<AppStatus> {
    let (vault, recovery_recipient) = match Vault::inspect(s.data_dir())? {
        VaultState::Absent { .. } => (VaultStatus::NoVault, None),
        VaultState::Present(meta) if s.is_unlocked() => {
            (VaultStatus::Unlocked, meta.recovery_recipient)
        }
        VaultState::Present(meta) => (VaultStatus::Locked, meta.recovery_recipient),
    };
    Ok(AppStatus {
        vault,
        data_dir: s.data_dir().display().to_string(),
        recovery_recipient,
        locked_reason: if vault == VaultStatus::Locked {
            s.locked_reason()
        } else {
            None
        },
        app_version: env!("CARGO_PKG_VERSION").into(),
    })
}

pub fn create_vault(s: &Session, a: CreateVaultArgs) -> Result<AppStatus> {
    let passphrase = Passphrase::choose(
        "passphrase",
        a.passphrase.into_string(),
        a.passphrase_confirm.0.expose(),
    )?;
    let recovery = optional_recipient("recovery_recipient", a.recovery_recipient.as_deref())?;
    let vault = Vault::create(s.data_dir(), &passphrase, recovery.as_ref(), s.kdf())?;
    s.put_vault(vault, AutoLockMinutes::DEFAULT);
    status(s, NoArgs {})
}

fn open(s: &Session, credential: Credential<'_>) -> Result<()> {
    let vault = Vault::unlock(s.data_dir(), credential)?;
    let auto_lock = settings::load(vault.conn())?.auto_lock_minutes;
    s.put_vault(vault, auto_lock);
    Ok(())
}

pub fn unlock(s: &Session, a: UnlockArgs) -> Result<AppStatus> {
    let passphrase = required("passphrase", a.passphrase, "your passphrase")?;
    if !s.is_unlocked() {
        open(s, Credential::Passphrase(&passphrase))?;
    }
    status(s, NoArgs {})
}

/// Forgotten passphrase: the recovery key opens the vault and a new passphrase replaces the old.
pub fn recover(s: &Session, a: RecoverArgs) -> Result<AppStatus> {
    let identity = RecoveryIdentity::parse("recovery_identity", a.recovery_identity.0.expose())?;
    let new = Passphrase::choose(
        "new_passphrase",
        a.new_passphrase.into_string(),
        a.new_passphrase_confirm.0.expose(),
    )?;
    let mut vault = Vault::unlock(s.data_dir(), Credential::Recovery(&identity))?;
    vault.reset_passphrase(&new, s.kdf())?;
    let auto_lock = settings::load(vault.conn())?.auto_lock_minutes;
    s.put_vault(vault, auto_lock);
    status(s, NoArgs {})
}

pub fn lock(s: &Session, _: NoArgs) -> Result<AppStatus> {
    s.lock(LockReason::Requested);
    status(s, NoArgs {})
}

/// The UI reports keyboard and pointer activity (throttled) so reading a long page is not "idle".
pub fn touch(s: &Session, _: NoArgs) -> Result<()> {
    s.with_vault(|_| Ok(()))
}

fn settings_view(s: &Session, vault: &Vault) -> Result<SettingsView> {
    let stored = settings::load(vault.conn())?;
    let cut = |f: fn(&linkwork_core::outcomes::PamCutoffs) -> linkwork_core::outcomes::PamScore| {
        stored.pam_cutoffs.as_ref().map(|c| f(c).text())
    };
    Ok(SettingsView {
        follow_up_weeks: stored.follow_up_weeks.weeks(),
        pam_level2_from: cut(|c| c.level2_from),
        pam_level3_from: cut(|c| c.level3_from),
        pam_level4_from: cut(|c| c.level4_from),
        auto_lock_minutes: stored.auto_lock_minutes.minutes(),
        auto_lock_min: AutoLockMinutes::MIN,
        auto_lock_max: AutoLockMinutes::MAX,
        recovery_recipient: vault.recovery_recipient().map(Into::into),
        data_dir: s.data_dir().display().to_string(),
        data_version: migrations::user_version(vault.conn())?,
    })
}

pub fn get_settings(s: &Session, _: NoArgs) -> Result<SettingsView> {
    s.with_vault(|v| settings_view(s, v))
}

pub fn update_settings(s: &Session, a: UpdateSettingsArgs) -> Result<SettingsView> {
    let minutes = AutoLockMinutes::new(a.auto_lock_minutes)?;
    let view = s.with_vault(|v| {
        settings::set_auto_lock(v.conn_mut(), minutes)?;
        settings_view(s, v)
    })?;
    s.set_auto_lock(minutes);
    Ok(view)
}

pub fn change_passphrase(s: &Session, a: ChangePassphraseArgs) -> Result<()> {
    let old = required(
        "old_passphrase",
        a.old_passphrase,
        "your current passphrase",
    )?;
    let new = Passphrase::choose(
        "new_passphrase",
        a.new_passphrase.into_string(),
        a.new_passphrase_confirm.0.expose(),
    )?;
    s.with_vault(|v| {
        v.change_passphrase(&old, &new, s.kdf())
            .map_err(|e| match e {
                linkwork_store::StoreError::WrongPassphrase => ApiError::new(
                    "WRONG_PASSPHRASE",
                    "That is not your current passphrase. Check Caps Lock and try again.",
                )
                .on_field("old_passphrase"),
                other => other.into(),
            })
    })
}

pub fn set_recovery(s: &Session, a: SetRecoveryArgs) -> Result<SettingsView> {
    let recipient = optional_recipient("recovery_recipient", Some(&a.recovery_recipient))?
        .ok_or_else(|| {
            ValidationError::new(
                "recovery_recipient",
                "Enter the recovery public key (it starts with age1).",
            )
        })?;
    s.with_vault(|v| {
        v.set_recovery(&recipient)?;
        settings_view(s, v)
    })
}

pub fn remove_recovery(s: &Session, _: NoArgs) -> Result<SettingsView> {
    s.with_vault(|v| {
        v.remove_recovery()?;
        settings_view(s, v)
    })
}

pub fn check_integrity(s: &Session, _: NoArgs) -> Result<IntegrityView> {
    s.with_vault(|v| {
        let r = v.check()?;
        Ok(IntegrityView {
            ok: r.is_ok(),
            data_version: r.data_version,
            problems: r.problems,
        })
    })
}

// ---- Caseload ---------------------------------------------------------------------------------

use linkwork_core::{
    caseload::{
        duration_minutes, optional_text, parse_slug, parse_slugs, required_text, PersonRecord,
    },
    dates::{not_future, parse_date, parse_local_datetime, parse_optional_date},
    vocab::{
        CloseReason, ConsentToShare, ContactOutcome, ContactType, EpisodeStatus, GoalStatus,
        GroupTag, NeedCategory, ReferralMethod, RiskEntryKind,
    },
    NhsNumber,
};
use linkwork_store::caseload::{
    self as cl, ContactInput, PersonInput, PlanInput, ReferralInput, Referred,
};

/// Today in the UK (the laptop's local date).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn optional_nhs(s: Option<&str>) -> Result<Option<NhsNumber>> {
    match optional_text(s) {
        None => Ok(None),
        Some(n) => Ok(Some(NhsNumber::parse("nhs_number", &n)?)),
    }
}

fn past_date(field: &str, label: &str, s: Option<&str>) -> Result<Option<chrono::NaiveDate>> {
    match parse_optional_date(field, label, s)? {
        None => Ok(None),
        Some(d) => Ok(Some(not_future(field, label, d, today())?)),
    }
}

fn person_input(f: &PersonForm) -> Result<PersonInput> {
    let consent = match optional_text(f.consent_to_share.as_deref()) {
        None => ConsentToShare::NotAsked,
        Some(c) => parse_slug(
            "consent_to_share",
            "consent answer",
            &c,
            ConsentToShare::from_slug,
        )?,
    };
    let mut consent_on = past_date(
        "consent_recorded_on",
        "date consent was recorded",
        f.consent_recorded_on.as_deref(),
    )?;
    if consent != ConsentToShare::NotAsked && consent_on.is_none() {
        consent_on = Some(today());
    }
    Ok(PersonInput {
        nhs_number: optional_nhs(f.nhs_number.as_deref())?,
        given_name: required_text("given_name", "given name", f.given_name.as_deref())?,
        family_name: required_text("family_name", "family name", f.family_name.as_deref())?,
        preferred_name: optional_text(f.preferred_name.as_deref()),
        date_of_birth: past_date("date_of_birth", "date of birth", f.date_of_birth.as_deref())?,
        pronouns: optional_text(f.pronouns.as_deref()),
        phone: optional_text(f.phone.as_deref()),
        address: optional_text(f.address.as_deref()),
        postcode: optional_text(f.postcode.as_deref()).map(|p| p.to_uppercase()),
        gp_practice_name: optional_text(f.gp_practice_name.as_deref()),
        gp_practice_ods: optional_text(f.gp_practice_ods.as_deref()).map(|p| p.to_uppercase()),
        communication_needs: optional_text(f.communication_needs.as_deref()),
        consent_to_share: consent,
        consent_recorded_on: consent_on,
        notes: optional_text(f.notes.as_deref()),
        tags: parse_slugs("tags", &f.tags, GroupTag::from_slug)?,
    })
}

fn referral_input(f: &ReferralForm) -> Result<ReferralInput> {
    let received = parse_date(
        "received_on",
        "date the referral was received",
        &f.received_on,
    )?;
    Ok(ReferralInput {
        received_on: not_future(
            "received_on",
            "date the referral was received",
            received,
            today(),
        )?,
        method: parse_slug(
            "method",
            "referral method",
            &f.method,
            ReferralMethod::from_slug,
        )?,
        referrer_name: optional_text(f.referrer_name.as_deref()),
        referrer_role: optional_text(f.referrer_role.as_deref()),
        referrer_organisation: optional_text(f.referrer_organisation.as_deref()),
        referrer_ods: optional_text(f.referrer_ods.as_deref()).map(|s| s.to_uppercase()),
        reasons: parse_slugs("reasons", &f.reasons, NeedCategory::from_slug)?,
        notes: optional_text(f.notes.as_deref()),
    })
}

/// Before saving a referral: is this NHS number known, or does someone look the same?
pub fn intake_check(s: &Session, a: IntakeCheckArgs) -> Result<IntakeCheck> {
    let nhs = optional_nhs(a.nhs_number.as_deref())?;
    let dob = parse_optional_date("date_of_birth", "date of birth", a.date_of_birth.as_deref())?;
    s.with_vault(|v| {
        let existing = match &nhs {
            Some(n) => cl::find_by_nhs(v.conn(), n)?,
            None => None,
        };
        let possible_duplicates = match (
            &nhs,
            optional_text(a.given_name.as_deref()),
            optional_text(a.family_name.as_deref()),
        ) {
            (None, Some(g), Some(f)) => cl::possible_duplicates(v.conn(), &g, &f, dob)?,
            _ => vec![],
        };
        Ok(IntakeCheck {
            existing,
            possible_duplicates,
        })
    })
}

pub fn add_referral(s: &Session, f: ReferralForm) -> Result<ReferralAddedView> {
    let referral = referral_input(&f)?;
    let who = match optional_text(f.person_id.as_deref()) {
        Some(id) => Referred::Existing(id),
        None => Referred::Person {
            details: person_input(&f.person)?,
            allow_possible_duplicate: f.allow_possible_duplicate,
        },
    };
    s.with_vault(|v| {
        let added = cl::add_referral(v.conn_mut(), who, &referral)?;
        Ok(ReferralAddedView {
            person_id: added.person_id,
            episode_id: added.episode_id,
            new_person: added.new_person,
        })
    })
}

pub fn caseload(s: &Session, a: CaseloadArgs) -> Result<CaseloadView> {
    let status = match optional_text(a.status.as_deref()) {
        None => None,
        Some(st) => Some(parse_slug(
            "status",
            "status",
            &st,
            EpisodeStatus::from_slug,
        )?),
    };
    let q = cl::CaseloadQuery {
        search: a.search,
        status,
        sort: a.sort,
        descending: a.descending,
        follow_up_due: a.follow_up_due,
    };
    let today = today();
    s.with_vault(|v| {
        Ok(CaseloadView {
            rows: cl::caseload(v.conn(), today, &q)?,
            counters: cl::counters(v.conn(), today)?,
            today,
        })
    })
}

pub fn person(s: &Session, a: PersonArgs) -> Result<PersonRecord> {
    s.with_vault(|v| Ok(cl::person_record(v.conn(), &a.person_id, today())?))
}

pub fn update_person(s: &Session, a: UpdatePersonArgs) -> Result<PersonRecord> {
    let input = person_input(&a.person)?;
    s.with_vault(|v| {
        cl::update_person(v.conn_mut(), &a.person_id, &input)?;
        Ok(cl::person_record(v.conn(), &a.person_id, today())?)
    })
}

/// Runs a change to one episode and returns the person's refreshed record.
fn on_episode(
    s: &Session,
    episode_id: &str,
    f: impl FnOnce(&mut linkwork_store::Connection) -> linkwork_store::Result<()>,
) -> Result<PersonRecord> {
    s.with_vault(|v| {
        f(v.conn_mut())?;
        let person_id = cl::person_of_episode(v.conn(), episode_id)?;
        Ok(cl::person_record(v.conn(), &person_id, today())?)
    })
}

pub fn add_contact(s: &Session, f: ContactForm) -> Result<PersonRecord> {
    let outcome = parse_slug("outcome", "outcome", &f.outcome, ContactOutcome::from_slug)?;
    let at = parse_local_datetime(
        "occurred_at",
        "date and time of the contact",
        &f.occurred_at,
    )?;
    if outcome == ContactOutcome::TookPlace {
        not_future(
            "occurred_at",
            "date of a contact that took place",
            at.date(),
            today(),
        )?;
    }
    let input = ContactInput {
        episode_id: f.episode_id.clone(),
        occurred_at: at,
        contact_type: parse_slug(
            "contact_type",
            "contact type",
            &f.contact_type,
            ContactType::from_slug,
        )?,
        duration_minutes: duration_minutes("duration_minutes", f.duration_minutes, outcome)?,
        outcome,
        notes: optional_text(f.notes.as_deref()),
    };
    on_episode(s, &f.episode_id, |c| cl::add_contact(c, &input).map(|_| ()))
}

pub fn save_draft(s: &Session, a: SaveDraftArgs) -> Result<()> {
    s.with_vault(|v| Ok(cl::save_draft(v.conn_mut(), &a.episode_id, &a.form)?))
}

pub fn discard_draft(s: &Session, a: EpisodeArgs) -> Result<PersonRecord> {
    on_episode(s, &a.episode_id, |c| cl::discard_draft(c, &a.episode_id))
}

pub fn update_plan(s: &Session, f: PlanForm) -> Result<PersonRecord> {
    let plan = PlanInput {
        what_matters: optional_text(f.what_matters.as_deref()),
        needs: parse_slugs("needs", &f.needs, NeedCategory::from_slug)?,
        next_review_on: parse_optional_date(
            "next_review_on",
            "next review date",
            f.next_review_on.as_deref(),
        )?,
    };
    on_episode(s, &f.episode_id, |c| {
        cl::update_plan(c, &f.episode_id, &plan)
    })
}

pub fn update_offer(s: &Session, f: OfferForm) -> Result<PersonRecord> {
    let offered = past_date("offered_on", "date offered", f.offered_on.as_deref())?;
    let accepted = past_date("accepted_on", "date accepted", f.accepted_on.as_deref())?;
    let declined = past_date("declined_on", "date declined", f.declined_on.as_deref())?;
    on_episode(s, &f.episode_id, |c| {
        cl::update_offer(c, &f.episode_id, offered, accepted, declined)
    })
}

fn importance(v: Option<u32>) -> Result<u8> {
    match v {
        Some(n @ 1..=10) => Ok(n as u8),
        _ => Err(ValidationError::new(
            "importance",
            "Choose how important this goal is, from 1 to 10.",
        )
        .into()),
    }
}

pub fn save_goal(s: &Session, f: GoalForm) -> Result<PersonRecord> {
    let text = required_text("goal_text", "goal", f.text.as_deref())?;
    let importance = importance(f.importance)?;
    let status = match optional_text(f.status.as_deref()) {
        None => GoalStatus::NotStarted,
        Some(st) => parse_slug("goal_status", "goal status", &st, GoalStatus::from_slug)?,
    };
    match (
        optional_text(f.goal_id.as_deref()),
        optional_text(f.episode_id.as_deref()),
    ) {
        (Some(goal_id), _) => s.with_vault(|v| {
            cl::update_goal(v.conn_mut(), &goal_id, &text, importance, status)?;
            let person_id = cl::person_of_plan_item(v.conn(), cl::PlanItem::Goal, &goal_id)?;
            Ok(cl::person_record(v.conn(), &person_id, today())?)
        }),
        (None, Some(episode_id)) => on_episode(s, &episode_id, |c| {
            cl::add_goal(c, &episode_id, &text, importance, status).map(|_| ())
        }),
        (None, None) => Err(ApiError::new(
            "BAD_REQUEST",
            "A goal needs an episode or a goal to change.",
        )),
    }
}

pub fn add_action(s: &Session, f: ActionForm) -> Result<PersonRecord> {
    let who = required_text("action_who", "who will do it", f.who.as_deref())?;
    let what = required_text("action_what", "what will be done", f.what.as_deref())?;
    let due = parse_optional_date("action_due_on", "date it is due", f.due_on.as_deref())?;
    on_episode(s, &f.episode_id, |c| {
        cl::add_action(c, &f.episode_id, &who, &what, due).map(|_| ())
    })
}

pub fn set_action_done(s: &Session, a: ActionDoneArgs) -> Result<PersonRecord> {
    s.with_vault(|v| {
        cl::set_action_done(v.conn_mut(), &a.action_id, a.done.then(today))?;
        let person_id = cl::person_of_plan_item(v.conn(), cl::PlanItem::Action, &a.action_id)?;
        Ok(cl::person_record(v.conn(), &person_id, today())?)
    })
}

pub fn add_risk(s: &Session, f: RiskForm) -> Result<PersonRecord> {
    let kind = parse_slug(
        "risk_kind",
        "kind of entry",
        &f.kind,
        RiskEntryKind::from_slug,
    )?;
    let on = past_date("risk_recorded_on", "date", f.recorded_on.as_deref())?.unwrap_or_else(today);
    let concern = required_text("risk_concern", "concern", f.concern.as_deref())?;
    let action = optional_text(f.action_taken.as_deref());
    s.with_vault(|v| {
        cl::add_risk_entry(
            v.conn_mut(),
            &f.person_id,
            kind,
            on,
            &concern,
            action.as_deref(),
        )?;
        Ok(cl::person_record(v.conn(), &f.person_id, today())?)
    })
}

pub fn close_episode(s: &Session, f: CloseForm) -> Result<PersonRecord> {
    let reason = parse_slug(
        "close_reason",
        "reason for closing",
        &f.reason,
        CloseReason::from_slug,
    )?;
    let on = past_date("closed_on", "closing date", f.closed_on.as_deref())?.unwrap_or_else(today);
    let note = optional_text(f.note.as_deref());
    on_episode(s, &f.episode_id, |c| {
        cl::close_episode(c, &f.episode_id, on, reason, note.as_deref())
    })
}

pub fn reference_lists(_: &Session, _: NoArgs) -> Result<ReferenceLists> {
    Ok(ReferenceLists {
        referral_methods: ReferralMethod::choices(),
        needs: NeedCategory::choices(),
        group_tags: GroupTag::choices(),
        episode_statuses: EpisodeStatus::choices(),
        close_reasons: CloseReason::choices(),
        contact_types: ContactType::choices(),
        contact_outcomes: ContactOutcome::choices(),
        goal_statuses: GoalStatus::choices(),
        consent: ConsentToShare::choices(),
        risk_kinds: RiskEntryKind::choices(),
        ons4_introduction: outcomes::ONS4_INTRODUCTION.into(),
        ons4_items: outcomes::ons4_items(),
        pam_versions: outcomes::PamVersion::choices(),
        outcome_roles: outcomes::OutcomeRole::choices(),
        measures: Measure::choices(),
        pam_levels: (1..=4u8)
            .map(|l| linkwork_core::vocab::Choice {
                value: l.to_string(),
                label: format!("Level {l}: {}", outcomes::pam_level_meaning(l)),
            })
            .collect(),
        asset_statuses: AssetStatus::choices(),
        deliveries: Delivery::choices(),
        cost_kinds: CostKind::choices(),
        referral_routes: ReferralRoute::choices(),
        onward_kinds: OnwardKind::choices(),
        onward_outcomes: OnwardOutcome::choices(),
        barriers: Barrier::choices(),
    })
}

// ---- Outcomes ---------------------------------------------------------------------------------

use linkwork_core::outcomes::{
    self, Measure, Ons4Answers, Ons4Item, OutcomeSummary, PamCutoffs, PamScore,
};
use linkwork_store::outcomes::{self as oc, Ons4Input, PamInput};

fn record_date(s: Option<&str>) -> Result<chrono::NaiveDate> {
    Ok(past_date("recorded_on", "date", s)?.unwrap_or_else(today))
}

pub fn add_ons4(s: &Session, f: Ons4Form) -> Result<PersonRecord> {
    let answer = |item: Ons4Item, v: &str| outcomes::parse_ons4_answer(item, v);
    let answers = Ons4Answers([
        answer(Ons4Item::LifeSatisfaction, &f.life_satisfaction)?,
        answer(Ons4Item::Worthwhile, &f.worthwhile)?,
        answer(Ons4Item::Happiness, &f.happiness)?,
        answer(Ons4Item::Anxiety, &f.anxiety)?,
    ])
    .validate()?;
    let input = Ons4Input {
        episode_id: f.episode_id.clone(),
        contact_id: optional_text(f.contact_id.as_deref()),
        recorded_on: record_date(f.recorded_on.as_deref())?,
        answers,
    };
    on_episode(s, &f.episode_id, |c| oc::add_ons4(c, &input).map(|_| ()))
}

pub fn add_pam(s: &Session, f: PamForm) -> Result<PersonRecord> {
    let input = PamInput {
        episode_id: f.episode_id.clone(),
        contact_id: optional_text(f.contact_id.as_deref()),
        recorded_on: record_date(f.recorded_on.as_deref())?,
        score: PamScore::parse("pam_score", "PAM score", &f.score)?,
        level: outcomes::parse_pam_level(&f.level)?,
        version: parse_slug(
            "pam_version",
            "PAM version",
            &f.version,
            outcomes::PamVersion::from_slug,
        )?,
    };
    on_episode(s, &f.episode_id, |c| oc::add_pam(c, &input).map(|_| ()))
}

pub fn delete_outcome(s: &Session, a: DeleteOutcomeArgs) -> Result<PersonRecord> {
    let measure = parse_slug("measure", "measure", &a.measure, Measure::from_slug)?;
    s.with_vault(|v| {
        let person_id = oc::delete(v.conn_mut(), measure, &a.id)?;
        Ok(cl::person_record(v.conn(), &person_id, today())?)
    })
}

pub fn outcome_summary(s: &Session, a: OutcomeSummaryArgs) -> Result<OutcomeSummary> {
    let to = parse_optional_date("to", "end of the period", a.to.as_deref())?.unwrap_or_else(today);
    let from = parse_optional_date("from", "start of the period", a.from.as_deref())?
        .unwrap_or_else(|| to - chrono::Duration::days(365) + chrono::Duration::days(1));
    s.with_vault(|v| Ok(oc::summary(v.conn(), from, to)?))
}

pub fn update_outcome_settings(s: &Session, f: OutcomeSettingsForm) -> Result<SettingsView> {
    let weeks = f.follow_up_weeks.trim().parse::<u32>().map_err(|_| {
        ValidationError::new(
            "follow_up_weeks",
            "The follow-up interval must be a whole number of weeks from 1 to 52.",
        )
    })?;
    let weeks = outcomes::FollowUpWeeks::new(weeks)?;
    let fields = [
        ("pam_level2_from", &f.pam_level2_from),
        ("pam_level3_from", &f.pam_level3_from),
        ("pam_level4_from", &f.pam_level4_from),
    ];
    let typed: Vec<(&str, String)> = fields
        .iter()
        .filter_map(|(n, v)| optional_text(v.as_deref()).map(|v| (*n, v)))
        .collect();
    let cutoffs = match typed.len() {
        0 => None,
        3 => {
            let score = |i: usize| {
                PamScore::parse(typed[i].0, &format!("level {} cut-off", i + 2), &typed[i].1)
            };
            Some(PamCutoffs::new(score(0)?, score(1)?, score(2)?)?)
        }
        _ => {
            let missing = fields
                .iter()
                .find(|(_, v)| optional_text(v.as_deref()).is_none())
                .map(|(n, _)| *n)
                .unwrap_or("pam_level2_from");
            return Err(ValidationError::new(
                missing,
                "Enter all three PAM cut-offs, or leave all three blank.",
            )
            .into());
        }
    };
    s.with_vault(|v| {
        settings::set_outcomes(v.conn_mut(), weeks, cutoffs)?;
        settings_view(s, v)
    })
}

/// `linkwork demo`: fills an empty vault with fake people (not offered in the desktop UI).
pub fn demo(s: &Session, people: u32, seed: u64) -> Result<crate::demo::DemoSummary> {
    s.with_vault(|v| Ok(crate::demo::fill(v.conn_mut(), people, seed, today())?))
}

/// People by name or NHS number (the CLI's `people list`).
pub fn people(
    s: &Session,
    search: Option<&str>,
) -> Result<Vec<linkwork_core::caseload::PersonSummary>> {
    s.with_vault(|v| Ok(cl::list_people(v.conn(), search)?))
}

// ---- Asset directory and onward referrals -----------------------------------------------------

use linkwork_core::assets::{parse_slots, AssetInput, AssetRecord, ImportReport};
use linkwork_core::vocab::{
    AssetStatus, Barrier, CostKind, Delivery, OnwardKind, OnwardOutcome, ReferralRoute,
};
use linkwork_store::assets::{self as assets_store, AssetQuery, OnwardInput};

pub fn search_assets(s: &Session, a: AssetSearchArgs) -> Result<AssetSearchView> {
    let category = match optional_text(a.category.as_deref()) {
        None => None,
        Some(c) => Some(parse_slug(
            "category",
            "category",
            &c,
            NeedCategory::from_slug,
        )?),
    };
    let q = AssetQuery {
        text: optional_text(a.text.as_deref()),
        category,
        free_only: a.free_only,
        accessible_only: a.accessible_only,
        active_only: a.active_only,
        favourites_only: a.favourites_only,
        verified_within_months: a.verified_within_months,
        limit: a.limit.unwrap_or(200).min(1000),
    };
    s.with_vault(|v| {
        Ok(AssetSearchView {
            hits: assets_store::search(v.conn(), &q, today())?,
            total: assets_store::count(v.conn())?,
        })
    })
}

pub fn asset(s: &Session, a: AssetArgs) -> Result<AssetRecord> {
    s.with_vault(|v| Ok(assets_store::asset(v.conn(), &a.asset_id, today())?))
}

fn age(field: &str, s: Option<&str>) -> Result<Option<u8>> {
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
    let route = match optional_text(f.referral_route.as_deref()) {
        None => None,
        Some(r) => Some(parse_slug(
            "referral_route",
            "way to refer",
            &r,
            ReferralRoute::from_slug,
        )?),
    };
    let input = AssetInput {
        oruk_id: None,
        name: required_text("name", "name of the group or service", Some(&f.name))?,
        organisation: optional_text(f.organisation.as_deref()),
        organisation_oruk_id: None,
        description: optional_text(f.description.as_deref()),
        categories: parse_slugs("categories", &f.categories, NeedCategory::from_slug)?,
        lga_service_type: optional_text(f.lga_service_type.as_deref()),
        phone: optional_text(f.phone.as_deref()),
        email: optional_text(f.email.as_deref()),
        website: optional_text(f.website.as_deref()),
        address: optional_text(f.address.as_deref()),
        postcode: optional_text(f.postcode.as_deref()),
        delivery: Some(parse_slug(
            "delivery",
            "way it is delivered",
            &f.delivery,
            Delivery::from_slug,
        )?),
        schedule_text: optional_text(f.schedule_text.as_deref()),
        slots: parse_slots(&f.days_and_times)
            .map_err(|m| ValidationError::new("days_and_times", m))?,
        cost: Some(parse_slug("cost", "cost", &f.cost, CostKind::from_slug)?),
        cost_description: optional_text(f.cost_description.as_deref()),
        min_age: age("min_age", f.min_age.as_deref())?,
        max_age: age("max_age", f.max_age.as_deref())?,
        eligibility: optional_text(f.eligibility.as_deref()),
        wheelchair_access: f.wheelchair_access,
        hearing_loop: f.hearing_loop,
        transport: f.transport,
        access_notes: optional_text(f.access_notes.as_deref()),
        referral_route: route,
        referral_how: optional_text(f.referral_how.as_deref()),
        status: Some(parse_slug(
            "status",
            "status",
            &f.status,
            AssetStatus::from_slug,
        )?),
    };
    input.validate()?;
    Ok(input)
}

/// Runs a change to one asset and returns its refreshed record (as `on_episode` does for people).
fn on_asset(
    s: &Session,
    id: &str,
    f: impl FnOnce(&mut linkwork_store::Connection) -> linkwork_store::Result<()>,
) -> Result<AssetRecord> {
    s.with_vault(|v| {
        f(v.conn_mut())?;
        Ok(assets_store::asset(v.conn(), id, today())?)
    })
}

/// Adds an asset (counts as verified today) or saves changes to one (its ORUK ids are kept).
pub fn save_asset(s: &Session, f: AssetForm) -> Result<AssetRecord> {
    let input = asset_input(&f)?;
    match optional_text(f.asset_id.as_deref()) {
        None => s.with_vault(|v| {
            let id = assets_store::add_asset(v.conn_mut(), &input, today())?;
            Ok(assets_store::asset(v.conn(), &id, today())?)
        }),
        Some(id) => on_asset(s, &id, |c| assets_store::update_asset(c, &id, &input)),
    }
}

pub fn set_asset_favourite(s: &Session, a: AssetFavouriteArgs) -> Result<AssetRecord> {
    on_asset(s, &a.asset_id, |c| {
        assets_store::set_favourite(c, &a.asset_id, a.favourite)
    })
}

/// "Verify now": the details were checked with the provider today.
pub fn verify_asset(s: &Session, a: AssetArgs) -> Result<AssetRecord> {
    on_asset(s, &a.asset_id, |c| {
        assets_store::verify(c, &a.asset_id, today())
    })
}

pub fn set_asset_notes(s: &Session, a: AssetNotesArgs) -> Result<AssetRecord> {
    let notes = optional_text(a.notes.as_deref());
    on_asset(s, &a.asset_id, |c| {
        assets_store::set_private_notes(c, &a.asset_id, notes.as_deref())
    })
}

pub fn import_assets(s: &Session, a: ImportArgs) -> Result<ImportReport> {
    import_assets_with(s, a, &mut |_, _| {})
}

/// `import_assets`, also telling `progress` (the CLI prints it; the UI polls `import_progress`).
pub fn import_assets_with(
    s: &Session,
    a: ImportArgs,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport> {
    let path = required_text("path", "file or folder to import", Some(&a.path))?;
    s.start_progress();
    let report = s.with_vault(|v| {
        Ok(assets_store::import(
            v.conn_mut(),
            std::path::Path::new(&path),
            a.dry_run,
            &mut |d, t| {
                s.set_progress(d, t);
                progress(d, t)
            },
        )?)
    });
    s.end_progress();
    report
}

/// Never waits for the vault: it answers while an import holds it.
pub fn import_progress(s: &Session, _: NoArgs) -> Result<ImportProgress> {
    Ok(s.progress())
}

pub fn export_assets(s: &Session, a: ExportArgs) -> Result<ExportView> {
    let path = required_text("path", "file to export to", Some(&a.path))?;
    let p = std::path::Path::new(&path);
    let n = s.with_vault(|v| match a.format.as_str() {
        "oruk-json" => Ok(assets_store::export_oruk_json(v.conn(), p)?),
        "csv" => Ok(assets_store::export_csv(v.conn(), p)?),
        other => Err(ValidationError::new(
            "format",
            format!("\u{201c}{other}\u{201d} is not an export format; choose oruk-json or csv."),
        )
        .into()),
    })?;
    Ok(ExportView { assets: n, path })
}

/// Writes the Linkwork CSV template (headings and one example row) for a team without a feed.
pub fn save_asset_template(_: &Session, a: TemplateArgs) -> Result<ExportView> {
    let path = required_text("path", "file to save the template as", Some(&a.path))?;
    write_template(&mut std::fs::File::create(&path).map_err(|e| {
        linkwork_store::StoreError::Io {
            action: "write",
            path: path.clone().into(),
            reason: e.to_string(),
        }
    })?)?;
    Ok(ExportView { assets: 1, path })
}

pub fn write_template(out: &mut dyn std::io::Write) -> Result<()> {
    linkwork_oruk::template::write_example(out).map_err(|e| {
        ApiError::new(
            "FILE_ERROR",
            format!("Linkwork could not write the template: {e}"),
        )
    })
}

/// The export written to any writer (the CLI's standard output).
pub fn export_assets_to(s: &Session, format: &str, out: &mut dyn std::io::Write) -> Result<u32> {
    s.with_vault(|v| match format {
        "oruk-json" => Ok(assets_store::write_oruk_json(v.conn(), out)?),
        "csv" => Ok(assets_store::write_csv(v.conn(), out)?),
        other => Err(ValidationError::new(
            "format",
            format!("\u{201c}{other}\u{201d} is not an export format; choose oruk-json or csv."),
        )
        .into()),
    })
}

pub fn add_onward(s: &Session, f: OnwardForm) -> Result<PersonRecord> {
    let category = match optional_text(f.category.as_deref()) {
        None => None,
        Some(c) => Some(parse_slug(
            "category",
            "category",
            &c,
            NeedCategory::from_slug,
        )?),
    };
    let input = OnwardInput {
        episode_id: f.episode_id.clone(),
        asset_id: required_text("asset_id", "group or service", Some(&f.asset_id))?,
        referred_on: past_date("referred_on", "date", f.referred_on.as_deref())?
            .unwrap_or_else(today),
        kind: parse_slug(
            "kind",
            "signpost or referral",
            &f.kind,
            OnwardKind::from_slug,
        )?,
        category,
        notes: optional_text(f.notes.as_deref()),
        follow_up_on: parse_optional_date(
            "follow_up_on",
            "follow-up date",
            f.follow_up_on.as_deref(),
        )?,
    };
    on_episode(s, &f.episode_id, |c| {
        assets_store::add_onward(c, &input).map(|_| ())
    })
}

pub fn record_onward_outcome(s: &Session, f: OnwardOutcomeForm) -> Result<PersonRecord> {
    let outcome = parse_slug("outcome", "outcome", &f.outcome, OnwardOutcome::from_slug)?;
    let on = past_date("outcome_on", "date", f.outcome_on.as_deref())?.unwrap_or_else(today);
    let barriers = parse_slugs("barriers", &f.barriers, Barrier::from_slug)?;
    let episode = s.with_vault(|v| Ok(assets_store::onward_episode(v.conn(), &f.onward_id)?))?;
    on_episode(s, &episode, |c| {
        assets_store::record_onward_outcome(c, &f.onward_id, outcome, Some(on), &barriers)
    })
}
