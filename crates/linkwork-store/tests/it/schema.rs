//! The database's CHECK lists must be exactly the core's vocabularies: a value the core offers but
//! the database refuses (or the other way round) fails here, not in a link worker's hands.

use crate::util::*;
use linkwork_core::{outcomes::PamVersion, vocab::*};
use linkwork_store::{migrations::MIGRATIONS, vault::Credential, Vault};
use std::collections::{BTreeMap, BTreeSet};

fn slugs<T: Copy>(all: &[T], slug: fn(T) -> &'static str) -> BTreeSet<String> {
    all.iter().map(|v| slug(*v).to_string()).collect()
}

/// Every `column … CHECK (column IN ('a', 'b'))` in the schema, by (table, column).
fn check_lists(dir: &std::path::Path) -> BTreeMap<(String, String), BTreeSet<String>> {
    let conn = raw(dir);
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
        .unwrap();
    let tables: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeMap::new();
    for (table, sql) in tables {
        let mut rest = sql.as_str();
        while let Some(at) = rest.find("CHECK (") {
            rest = &rest[at + "CHECK (".len()..];
            let Some((column, after)) = rest.split_once(" IN (") else {
                continue;
            };
            if column.contains(|c: char| !(c.is_alphanumeric() || c == '_')) {
                continue;
            }
            let list = &after[..after.find(')').unwrap()];
            let values: BTreeSet<String> = list
                .split(',')
                .map(|v| v.trim().trim_matches('\'').to_string())
                .collect();
            if values.iter().all(|v| v.parse::<i64>().is_ok()) {
                continue; // a 0/1 flag, not a list of words
            }
            out.insert((table.clone(), column.to_string()), values);
        }
    }
    out
}

/// Where the schema's CHECK lists and the core's vocabularies disagree, in words.
fn mismatches(dir: &std::path::Path) -> Vec<String> {
    let key = |t: &str, c: &str| (t.to_string(), c.to_string());
    let expected: BTreeMap<(String, String), BTreeSet<String>> = [
        (
            key("person", "consent_to_share"),
            slugs(ConsentToShare::ALL, ConsentToShare::slug),
        ),
        (
            key("person", "preferred_contact"),
            slugs(PreferredContact::ALL, PreferredContact::slug),
        ),
        (
            key("erasure_record", "reason"),
            slugs(
                linkwork_store::rights::ErasureReason::ALL,
                linkwork_store::rights::ErasureReason::slug,
            ),
        ),
        (
            key("episode", "status"),
            slugs(EpisodeStatus::ALL, EpisodeStatus::slug),
        ),
        (
            key("episode", "referral_method"),
            slugs(ReferralMethod::ALL, ReferralMethod::slug),
        ),
        (
            key("episode", "referral_source"),
            slugs(ReferralSource::ALL, ReferralSource::slug),
        ),
        (
            key("episode", "priority"),
            slugs(Priority::ALL, Priority::slug),
        ),
        (
            key("episode_reason", "reason"),
            slugs(ReferralReason::ALL, ReferralReason::slug),
        ),
        (
            key("episode", "close_reason"),
            slugs(CloseReason::ALL, CloseReason::slug),
        ),
        // Where a need came from: the store's own two words, not a list people choose from.
        (
            key("episode_need", "source"),
            ["referral", "plan"].map(String::from).into(),
        ),
        (
            key("contact", "contact_type"),
            slugs(ContactType::ALL, ContactType::slug),
        ),
        (
            key("contact", "outcome"),
            slugs(ContactOutcome::ALL, ContactOutcome::slug),
        ),
        (
            key("goal", "status"),
            slugs(GoalStatus::ALL, GoalStatus::slug),
        ),
        (
            key("risk_entry", "kind"),
            slugs(RiskEntryKind::ALL, RiskEntryKind::slug),
        ),
        (
            key("risk_entry", "level"),
            slugs(RiskLevel::ALL, RiskLevel::slug),
        ),
        (
            key("risk_concern", "level"),
            slugs(RiskLevel::ALL, RiskLevel::slug),
        ),
        (
            key("consent_decision", "decision"),
            slugs(ConsentDecision::ALL, ConsentDecision::slug),
        ),
        (
            key("consent_decision", "purpose"),
            slugs(ConsentPurpose::ALL, ConsentPurpose::slug),
        ),
        (
            key("pam_record", "version"),
            slugs(PamVersion::ALL, PamVersion::slug),
        ),
        (
            key("asset", "delivery"),
            slugs(Delivery::ALL, Delivery::slug),
        ),
        (key("asset", "cost"), slugs(CostKind::ALL, CostKind::slug)),
        (
            key("asset", "referral_route"),
            slugs(ReferralRoute::ALL, ReferralRoute::slug),
        ),
        (
            key("asset", "status"),
            slugs(AssetStatus::ALL, AssetStatus::slug),
        ),
        (
            key("onward_referral", "kind"),
            slugs(OnwardKind::ALL, OnwardKind::slug),
        ),
        (
            key("asset", "service_type"),
            slugs(ServiceType::ALL, ServiceType::slug),
        ),
        (
            key("gp_local_code", "code_use"),
            slugs(
                linkwork_core::coding::CodeUse::ALL,
                linkwork_core::coding::CodeUse::slug,
            ),
        ),
        (
            key("onward_referral", "outcome"),
            slugs(OnwardOutcome::ALL, OnwardOutcome::slug),
        ),
        (
            key("onward_referral_barrier", "barrier"),
            slugs(Barrier::ALL, Barrier::slug),
        ),
        (
            key("practice", "gp_system"),
            slugs(GpSystem::ALL, GpSystem::slug),
        ),
        (
            key("outreach_entry", "state"),
            slugs(
                linkwork_core::outreach::OutreachState::ALL,
                linkwork_core::outreach::OutreachState::slug,
            ),
        ),
        (
            key("person", "sex"),
            slugs(
                linkwork_core::reach::Sex::ALL,
                linkwork_core::reach::Sex::slug,
            ),
        ),
        (
            key("person", "ethnic_group"),
            slugs(
                linkwork_core::reach::EthnicGroup::ALL,
                linkwork_core::reach::EthnicGroup::slug,
            ),
        ),
        (
            key("person", "disability"),
            slugs(
                linkwork_core::reach::Disability::ALL,
                linkwork_core::reach::Disability::slug,
            ),
        ),
        (
            key("group_attendance", "attendance"),
            slugs(
                linkwork_core::groups::Attendance::ALL,
                linkwork_core::groups::Attendance::slug,
            ),
        ),
        (
            key("outreach_attempt", "outcome"),
            slugs(
                linkwork_core::outreach::OutreachOutcome::ALL,
                linkwork_core::outreach::OutreachOutcome::slug,
            ),
        ),
    ]
    .into_iter()
    .collect();
    let found = check_lists(dir);
    let mut out = vec![];
    for (place, values) in &found {
        match expected.get(place) {
            None => out.push(format!(
                "{place:?} has a CHECK list with no vocabulary in this test"
            )),
            Some(want) if want != values => out.push(format!(
                "{place:?}: the database allows {values:?}, the core offers {want:?}"
            )),
            Some(_) => {}
        }
    }
    for place in expected.keys().filter(|k| !found.contains_key(*k)) {
        out.push(format!("{place:?} has no CHECK list"));
    }
    out
}

#[test]
fn every_check_list_is_the_core_vocabulary() {
    let (_t, dir) = vault_dir();
    let _v = new_vault(&dir);
    assert_eq!(mismatches(&dir), Vec::<String>::new());
}

/// A database whose list gained a value the core does not know is caught.
#[test]
fn a_check_list_that_differs_from_the_vocabulary_fails() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    let widen = rebuild_migration(
        &dir,
        "goal",
        "'achieved', 'no_longer_relevant'",
        "'achieved', 'no_longer_relevant', 'parked'",
    );
    let list: Vec<_> = MIGRATIONS.iter().copied().chain([widen]).collect();
    drop(Vault::unlock_with_migrations(&dir, Credential::Passphrase(&pass(PASS)), &list).unwrap());
    let found = mismatches(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("\"goal\", \"status\"") && found[0].contains("parked"),
        "{found:?}"
    );
}
