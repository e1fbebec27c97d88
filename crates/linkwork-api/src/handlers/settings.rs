//! The settings page: auto-lock time, the outcome settings (follow-up interval, PAM cut-offs),
//! the caseload's rules and the practices served.

use super::Result;
use crate::{session::Session, types::*};
use linkwork_core::{
    caseload::{optional_text, SAFE_CASELOAD_MAX},
    outcomes::{FollowUpWeeks, PamCutoffs, PamScore},
    settings::{WholeTimeEquivalent, ZoomPercent},
    AutoLockMinutes, ValidationError,
};
use linkwork_store::{migrations, settings, Vault};

pub(crate) fn settings_view(s: &Session, vault: &Vault) -> Result<SettingsView> {
    let stored = settings::load(vault.read())?;
    let cut = |f: fn(&PamCutoffs) -> PamScore| stored.pam_cutoffs.as_ref().map(|c| f(c).text());
    Ok(SettingsView {
        follow_up_weeks: stored.follow_up_weeks.weeks(),
        urgent_first_contact_days: stored.urgent_first_contact.get(),
        not_reached_after: stored.not_reached_after.get(),
        outreach_keep_months: stored.outreach_keep_months.get(),
        pam_level2_from: cut(|c| c.level2_from),
        pam_level3_from: cut(|c| c.level3_from),
        pam_level4_from: cut(|c| c.level4_from),
        auto_lock_minutes: stored.auto_lock_minutes.minutes(),
        worker_name: settings::worker_name(vault.read())?,
        whole_time_equivalent: stored.whole_time_equivalent.text(),
        safe_caseload: stored.whole_time_equivalent.scale(SAFE_CASELOAD_MAX),
        zoom_percent: stored.zoom.percent(),
        auto_lock_min: AutoLockMinutes::MIN,
        auto_lock_max: AutoLockMinutes::MAX,
        recovery_recipient: vault.recovery_recipient().map(Into::into),
        data_dir: s.data_dir().display().to_string(),
        data_version: migrations::user_version(vault.read())?,
    })
}

pub fn get_settings(s: &Session, _: NoArgs) -> Result<SettingsView> {
    s.with_vault(|v| settings_view(s, v))
}

pub fn update_settings(s: &Session, a: UpdateSettingsArgs) -> Result<SettingsView> {
    let minutes = AutoLockMinutes::new(a.auto_lock_minutes)?;
    let name = optional_text(a.worker_name.as_deref());
    let wte = match a.whole_time_equivalent.as_deref() {
        Some(t) => Some(WholeTimeEquivalent::parse(t)?),
        None => None,
    };
    if name.as_ref().is_some_and(|n| n.chars().count() > 100) {
        return Err(
            ValidationError::new("worker_name", "Your name can be up to 100 characters.").into(),
        );
    }
    let view = s.with_vault(|v| {
        v.write(|tx| {
            settings::set_auto_lock(tx, minutes)?;
            if let Some(wte) = wte {
                settings::set_whole_time_equivalent(tx, wte)?;
            }
            settings::set_worker_name(tx, name.as_deref())
        })?;
        settings_view(s, v)
    })?;
    s.set_auto_lock(minutes);
    Ok(view)
}

/// The caseload's practice rules: the urgent first-contact target and when someone is "not reached".
pub fn update_caseload_rules(s: &Session, f: CaseloadRulesForm) -> Result<SettingsView> {
    use linkwork_core::settings::{NotReachedAfter, OutreachKeepMonths, UrgentTargetDays};
    let (urgent, after, keep) = linkwork_core::AllValid::all_valid((
        UrgentTargetDays::parse(&f.urgent_first_contact_days),
        NotReachedAfter::parse(&f.not_reached_after),
        OutreachKeepMonths::parse(&f.outreach_keep_months),
    ))?;
    s.with_vault(|v| {
        v.write(|tx| settings::set_caseload_rules(tx, urgent, after, keep))?;
        settings_view(s, v)
    })
}

/// Zooms the window a step (remembered in the vault's settings); the UI applies the result.
pub fn zoom(s: &Session, a: ZoomArgs) -> Result<SettingsView> {
    s.with_vault(|v| {
        let current = settings::load(v.read())?.zoom;
        let next = match a.change {
            ZoomChange::Larger => current.step(true),
            ZoomChange::Smaller => current.step(false),
            ZoomChange::Reset => ZoomPercent::NORMAL,
        };
        v.write(|tx| settings::set_zoom(tx, next))?;
        settings_view(s, v)
    })
}

pub fn update_outcome_settings(s: &Session, f: OutcomeSettingsForm) -> Result<SettingsView> {
    let weeks = f.follow_up_weeks.trim().parse::<u32>().map_err(|_| {
        ValidationError::new(
            "follow_up_weeks",
            "The follow-up interval must be a whole number of weeks from 1 to 52.",
        )
    })?;
    let weeks = FollowUpWeeks::new(weeks)?;
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
        v.write(|tx| settings::set_outcomes(tx, weeks, cutoffs))?;
        settings_view(s, v)
    })
}

/// The GP practices the link worker serves, by name, each with how many records name it.
pub fn practices(s: &Session, _: NoArgs) -> Result<Vec<linkwork_core::practices::Practice>> {
    s.with_vault(|v| Ok(linkwork_store::practices::list(v.read())?))
}

/// Adds a practice (no `practice_id`) or changes one: its name, ODS code and GP system.
pub fn save_practice(s: &Session, f: PracticeForm) -> Result<linkwork_core::practices::Practice> {
    let input = linkwork_store::practices::PracticeInput {
        id: f.practice_id,
        name: f.name,
        ods_code: f.ods_code,
        gp_system: super::chosen("gp_system", "GP system", f.gp_system)?,
    };
    s.with_vault(|v| Ok(v.write(|tx| linkwork_store::practices::save(tx, &input))?))
}
