//! The code map: which SNOMED CT concept records which event. The shipped codes come from
//! `data/snomed-codes.csv` (read in public code lists; see its `source` column) and nothing else;
//! a practice may add local codes (from its own template), which must be concept ids.

use crate::vocab::{vocab, NeedCategory, ServiceType};
use serde::Serialize;
use ts_rs::TS;

vocab!(
    /// Every event a code can record. The slugs are the `app_use` column of the shipped list.
    CodeUse {
        EpisodeOffered = "episode.offered": "Social prescribing offered",
        EpisodeAccepted = "episode.accepted": "Referral accepted (first contact after accepting)",
        EpisodeDeclined = "episode.declined": "Social prescribing declined",
        ContactHeld = "contact.held": "Contact that took place",
        EpisodeClosed = "episode.closed": "Case closed",
        EpisodeSignpostedIn = "episode.signposted_in": "Signposted to the service",
        OnwardVoluntary = "onward.voluntary": "Onward: voluntary or community group",
        OnwardCommunity = "onward.community": "Onward: community service",
        OnwardSupportGroup = "onward.support_group": "Onward: support group",
        OnwardHousing = "onward.housing": "Onward: housing",
        OnwardFinance = "onward.finance": "Onward: money, debt and benefits",
        OnwardLegal = "onward.legal": "Onward: legal advice",
        OnwardFaith = "onward.faith": "Onward: faith-based",
        OnwardCarers = "onward.carers": "Onward: carers support",
        OnwardPhysicalActivity = "onward.physical_activity": "Onward: physical activity",
        OnwardArts = "onward.arts": "Onward: arts",
        OnwardLearning = "onward.learning": "Onward: learning",
        OnwardEmployment = "onward.employment": "Onward: employment support",
        OnwardCounselling = "onward.counselling": "Onward: counselling",
        OnwardBereavement = "onward.bereavement": "Onward: bereavement support",
        OnwardMentalHealth = "onward.mental_health": "Onward: mental health service",
        OnwardSocialCare = "onward.social_care": "Onward: adult social care",
        OnwardFood = "onward.food": "Onward: food / community meals",
        OnwardDayCentre = "onward.day_centre": "Onward: day centre",
        OnwardWeight = "onward.weight": "Onward: weight management",
        OnwardSmoking = "onward.smoking": "Onward: stop smoking",
        OnwardDrugsAlcohol = "onward.drugs_alcohol": "Onward: drugs and alcohol",
        OnwardSelfHelp = "onward.self_help": "Onward: self-help",
        Ons4LifeSatisfaction = "ons4.life_satisfaction": "ONS4 life satisfaction (local codes only)",
        Ons4Worthwhile = "ons4.worthwhile": "ONS4 worthwhile (local codes only)",
        Ons4Happiness = "ons4.happiness": "ONS4 happiness (local codes only)",
        Ons4Anxiety = "ons4.anxiety": "ONS4 anxiety (local codes only)",
        PamScore = "pam.score": "PAM score (local codes only)",
    }
);

/// The onward code a referral category reaches, when one fits without guessing. Categories with no
/// entry (healthcare, heritage, green / nature, age-related activities, domestic abuse) are too
/// broad for one code: their referrals become text lines, unless the asset names a service type.
pub fn onward_use_for_category(c: NeedCategory) -> Option<CodeUse> {
    use CodeUse as U;
    use NeedCategory as N;
    Some(match c {
        N::MentalHealth => U::OnwardMentalHealth,
        N::Finance => U::OnwardFinance,
        N::Carers => U::OnwardCarers,
        N::Housing => U::OnwardHousing,
        N::SocialCare => U::OnwardSocialCare,
        N::PhysicalActivity => U::OnwardPhysicalActivity,
        N::ArtsCulture => U::OnwardArts,
        N::Faith => U::OnwardFaith,
        N::Employment => U::OnwardEmployment,
        N::Learning => U::OnwardLearning,
        N::Befriending => U::OnwardVoluntary,
        N::Food => U::OnwardFood,
        N::AgeRelated | N::Healthcare | N::GreenNature | N::Heritage | N::DomesticAbuse => {
            return None
        }
    })
}

/// The onward code an asset's own service type names (it wins over the category).
pub fn onward_use_for_service(s: ServiceType) -> CodeUse {
    use CodeUse as U;
    use ServiceType as S;
    match s {
        S::Counselling => U::OnwardCounselling,
        S::Bereavement => U::OnwardBereavement,
        S::Legal => U::OnwardLegal,
        S::StopSmoking => U::OnwardSmoking,
        S::WeightManagement => U::OnwardWeight,
        S::DrugsAlcohol => U::OnwardDrugsAlcohol,
        S::DayCentre => U::OnwardDayCentre,
        S::SupportGroup => U::OnwardSupportGroup,
        S::SelfHelp => U::OnwardSelfHelp,
        S::CommunityService => U::OnwardCommunity,
        S::VoluntaryGroup => U::OnwardVoluntary,
    }
}

/// One code in the map, shipped or local.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MapEntry {
    #[serde(rename = "use")]
    #[ts(rename = "use")]
    pub code_use: CodeUse,
    pub concept_id: String,
    pub term: String,
    /// When to record it, in words.
    pub rule: String,
    /// Where the code was read (shipped), or "Added by the practice" (local).
    pub source: String,
    pub local: bool,
}

const SHIPPED_CSV: &str = include_str!("../../data/snomed-codes.csv");

/// Splits one CSV line with quoted fields ("a, b" and doubled quotes).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// The shipped codes, in the file's order. The file is part of the build; a row that does not fit
/// fails the crate's tests, never a link worker's session.
pub fn shipped() -> Vec<MapEntry> {
    SHIPPED_CSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let f = csv_fields(l);
            let code_use = CodeUse::from_slug(f.get(2)?)?;
            Some(MapEntry {
                code_use,
                concept_id: f.first()?.clone(),
                term: f.get(1)?.clone(),
                rule: f.get(3)?.clone(),
                source: f.get(4)?.clone(),
                local: false,
            })
        })
        .collect()
}

/// The map in use: the practice's local codes first (a local code for an event replaces the
/// shipped one, as the practice's template is what the GP record holds), then the shipped codes.
#[derive(Debug, Clone, Default)]
pub struct CodeMap {
    pub entries: Vec<MapEntry>,
}

impl CodeMap {
    pub fn new(local: Vec<MapEntry>) -> Self {
        let mut entries = local;
        entries.extend(shipped());
        Self { entries }
    }

    pub fn code_for(&self, u: CodeUse) -> Option<&MapEntry> {
        self.entries.iter().find(|e| e.code_use == u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coding::concept_id_problem;

    #[test]
    fn every_shipped_row_is_read_and_every_code_passes_verhoeff() {
        let rows = SHIPPED_CSV.lines().skip(1).filter(|l| !l.trim().is_empty());
        let shipped = shipped();
        assert_eq!(shipped.len(), rows.count(), "a row did not parse");
        for e in &shipped {
            assert_eq!(concept_id_problem(&e.concept_id), None, "{}", e.concept_id);
            assert!(!e.term.is_empty() && !e.rule.is_empty() && !e.source.is_empty());
        }
        // Every onward use a category or service type reaches has a shipped code.
        let map = CodeMap::new(vec![]);
        for c in NeedCategory::ALL {
            if let Some(u) = onward_use_for_category(*c) {
                assert!(map.code_for(u).is_some(), "{u:?}");
            }
        }
        for s in ServiceType::ALL {
            assert!(map.code_for(onward_use_for_service(*s)).is_some(), "{s:?}");
        }
        assert_eq!(
            map.code_for(CodeUse::EpisodeAccepted).unwrap().concept_id,
            "871731000000106"
        );
        assert!(
            map.code_for(CodeUse::Ons4Anxiety).is_none(),
            "no shipped ONS4 code"
        );
    }

    #[test]
    fn quoted_fields_keep_their_commas() {
        assert_eq!(
            csv_fields(r#"1,"a, b",c,"say ""hi""""#),
            ["1", "a, b", "c", "say \"hi\""]
        );
    }

    #[test]
    fn a_local_code_replaces_the_shipped_one_for_its_event() {
        let local = MapEntry {
            code_use: CodeUse::ContactHeld,
            concept_id: "138875005".into(),
            term: "Practice template: seen".into(),
            rule: String::new(),
            source: "Added by the practice".into(),
            local: true,
        };
        let map = CodeMap::new(vec![local]);
        let e = map.code_for(CodeUse::ContactHeld).unwrap();
        assert!(e.local);
        assert_eq!(e.concept_id, "138875005");
    }
}
