//! The fixed lists every form offers, with labels, from the one source in linkwork-core.

use super::Result;
use crate::{session::Session, types::*};
use linkwork_core::{
    outcomes::{self, Measure},
    vocab::*,
};

pub fn reference_lists(_: &Session, _: NoArgs) -> Result<ReferenceLists> {
    Ok(ReferenceLists {
        referral_methods: ReferralMethod::choices(),
        needs: NeedCategory::choices(),
        referral_reasons: ReferralReason::choices(),
        referral_sources: ReferralSource::choices(),
        priorities: Priority::choices(),
        all_contact_outcomes: ContactOutcome::choices(),
        group_tags: GroupTag::choices(),
        episode_statuses: EpisodeStatus::choices(),
        close_reasons: CloseReason::choices(),
        contact_types: ContactType::choices(),
        contact_outcomes: ContactOutcome::offered(),
        goal_statuses: GoalStatus::choices(),
        consent: ConsentToShare::choices(),
        risk_kinds: RiskEntryKind::choices(),
        risk_levels: RiskLevel::choices(),
        consent_decisions: ConsentDecision::choices(),
        consent_purposes: linkwork_core::vocab::ConsentPurpose::choices(),
        identity_resolutions: IdentityResolution::choices(),
        preferred_contacts: PreferredContact::choices(),
        sexes: linkwork_core::reach::Sex::choices(),
        ethnic_groups: linkwork_core::reach::EthnicGroup::choices(),
        disabilities: linkwork_core::reach::Disability::choices(),
        carer_roles: linkwork_core::carers::CarerRole::choices(),
        ons4_introduction: outcomes::ONS4_INTRODUCTION.into(),
        ons4_items: outcomes::ons4_items(),
        pam_versions: outcomes::PamVersion::choices(),
        outcome_roles: outcomes::OutcomeRole::choices(),
        measures: Measure::choices(),
        pam_levels: (1..=4u8)
            .map(|l| Choice {
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
        service_types: linkwork_core::vocab::ServiceType::choices(),
        gp_systems: linkwork_core::vocab::GpSystem::choices(),
        outreach_states: linkwork_core::outreach::OutreachState::choices(),
        outreach_outcomes: linkwork_core::outreach::OutreachOutcome::choices(),
        barriers: Barrier::choices(),
    })
}
