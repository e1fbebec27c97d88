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

/// The onward code a referral category reaches, only where the code's meaning is the category's.
/// The rest become text lines unless the asset's service type names a code: healthcare, heritage,
/// green / nature, age-related activities and domestic abuse are too broad for one code; mental
/// health support ("Referral to mental health team" reads as a statutory team), arts and culture
/// ("arts therapy"), employment support ("vocational rehabilitation") and food ("community
/// meals") each name something narrower than the category.
pub fn onward_use_for_category(c: NeedCategory) -> Option<CodeUse> {
    use CodeUse as U;
    use NeedCategory as N;
    Some(match c {
        N::Befriending => U::OnwardVoluntary,
        N::Housing => U::OnwardHousing,
        N::Finance => U::OnwardFinance,
        N::Faith => U::OnwardFaith,
        N::Carers => U::OnwardCarers,
        N::PhysicalActivity => U::OnwardPhysicalActivity,
        N::Learning => U::OnwardLearning,
        N::SocialCare => U::OnwardSocialCare,
        N::MentalHealth
        | N::ArtsCulture
        | N::Employment
        | N::Food
        | N::AgeRelated
        | N::Healthcare
        | N::GreenNature
        | N::Heritage
        | N::DomesticAbuse => return None,
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
        S::MentalHealthTeam => U::OnwardMentalHealth,
        S::ArtsTherapy => U::OnwardArts,
        S::VocationalRehabilitation => U::OnwardEmployment,
        S::CommunityMeals => U::OnwardFood,
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
    /// Where the code was read (shipped), or which practices a local code was added for.
    pub source: String,
    pub local: bool,
    /// The practice a local code is for; none for a code for every practice (or a shipped one).
    pub practice_id: Option<crate::ids::PracticeId>,
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
                practice_id: None,
            })
        })
        .collect()
}

/// The events a referrer may already code in the GP record before the link worker sees the person
/// (the practice's "offered" template, or a referral that records acceptance).
pub const REFERRER_MAY_CODE: [CodeUse; 3] = [
    CodeUse::EpisodeOffered,
    CodeUse::EpisodeAccepted,
    CodeUse::EpisodeDeclined,
];

/// The map in use: the practice's local codes first (a local code for an event replaces the
/// shipped one, as the practice's template is what the GP record holds), then the shipped codes;
/// and the events the practice's referrers code themselves.
#[derive(Debug, Clone, Default)]
pub struct CodeMap {
    pub entries: Vec<MapEntry>,
    /// Events the referrer codes: their lines are shown "coded by the referrer" and are never on
    /// the to-code list, so nothing is entered twice. Only events in [`REFERRER_MAY_CODE`].
    pub by_referrer: Vec<CodeUse>,
}

impl CodeMap {
    pub fn new(local: Vec<MapEntry>) -> Self {
        let mut entries = local;
        entries.extend(shipped());
        Self {
            entries,
            by_referrer: Vec::new(),
        }
    }

    /// The same map, with the events the practice's referrers code themselves.
    pub fn with_referrer_codes(mut self, uses: &[CodeUse]) -> Self {
        self.by_referrer = uses
            .iter()
            .copied()
            .filter(|u| REFERRER_MAY_CODE.contains(u))
            .collect();
        self
    }

    pub fn code_for(&self, u: CodeUse) -> Option<&MapEntry> {
        self.entries.iter().find(|e| e.code_use == u)
    }

    /// `concept_id` records `u` in this map (the practice's code or the shipped one): a line whose
    /// code moved between the two still says the same thing in the GP record.
    pub fn records(&self, u: CodeUse, concept_id: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.code_use == u && e.concept_id == concept_id)
    }
}

/// The maps in use across practices: each practice's own codes and referrer habits over those set
/// for every practice. A person's lines are made with their practice's map, since each practice's
/// record is kept in its own GP system with its own template.
#[derive(Debug, Clone, Default)]
pub struct CodeMaps {
    /// For people with no practice, and practices with nothing of their own.
    pub all: CodeMap,
    pub by_practice: std::collections::HashMap<crate::ids::PracticeId, CodeMap>,
}

impl CodeMaps {
    /// One map for everyone.
    pub fn single(all: CodeMap) -> Self {
        Self {
            all,
            by_practice: Default::default(),
        }
    }

    pub fn for_practice(&self, p: Option<&crate::ids::PracticeId>) -> &CodeMap {
        p.and_then(|p| self.by_practice.get(p)).unwrap_or(&self.all)
    }

    pub fn for_person(&self, r: &crate::caseload::PersonRecord) -> &CodeMap {
        self.for_practice(r.person.practice_id.as_ref())
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

    /// The shipped list is where a practice (and Help) reads when each code applies: every
    /// category and service type that reaches an onward code is named in that code's rule, and
    /// no onward rule names a category that does not reach it.
    #[test]
    fn each_onward_rule_names_what_reaches_it() {
        let map = CodeMap::new(vec![]);
        for c in NeedCategory::ALL {
            let mention = format!("category {}", c.label());
            if let Some(u) = onward_use_for_category(*c) {
                let rule = &map.code_for(u).unwrap().rule;
                assert!(rule.contains(&mention), "{c:?} not in {u:?}'s rule");
            }
            // A rule may also name a category to say it is recorded in words instead.
            for e in map.entries.iter().filter(|e| e.rule.contains(&mention)) {
                let in_words = e.rule.find("recorded in words") > e.rule.find(&mention);
                assert!(
                    onward_use_for_category(*c) == Some(e.code_use) || in_words,
                    "{:?}'s rule names {c:?}, which does not reach it",
                    e.code_use
                );
            }
        }
        for s in ServiceType::ALL {
            let e = map.code_for(onward_use_for_service(*s)).unwrap();
            assert!(
                e.rule.contains(&format!("service type {}", s.label())),
                "{s:?} not in {:?}'s rule",
                e.code_use
            );
        }
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
            practice_id: None,
        };
        let map = CodeMap::new(vec![local]);
        let e = map.code_for(CodeUse::ContactHeld).unwrap();
        assert!(e.local);
        assert_eq!(e.concept_id, "138875005");
    }
}
