//! The fixed lists a link worker picks from. Each value has a stable slug (stored in the database
//! and sent to the UI) and a label (shown). Slugs never change once shipped.

use serde::Serialize;
use ts_rs::TS;

/// One choice as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// What every fixed list offers, so code outside this crate (the CLI's argument parser) can handle
/// any of them alike.
pub trait Vocabulary: Sized + Copy + Send + Sync + 'static {
    const ALL: &'static [Self];
    fn slug(self) -> &'static str;
    fn label(self) -> &'static str;
    fn from_slug(s: &str) -> Option<Self>;
}

macro_rules! vocab {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $slug:literal : $label:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name { $( #[serde(rename = $slug)] $variant ),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn slug(self) -> &'static str { match self { $($name::$variant => $slug),* } }
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),* } }
            pub fn from_slug(s: &str) -> Option<Self> { match s { $($slug => Some($name::$variant),)* _ => None } }
            pub fn choices() -> Vec<$crate::vocab::Choice> {
                Self::ALL.iter().map(|v| $crate::vocab::Choice { value: v.slug().into(), label: v.label().into() }).collect()
            }
        }

        impl $crate::vocab::Vocabulary for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn slug(self) -> &'static str { $name::slug(self) }
            fn label(self) -> &'static str { $name::label(self) }
            fn from_slug(s: &str) -> Option<Self> { $name::from_slug(s) }
        }
    };
}
pub(crate) use vocab;

vocab!(
    /// How the referral arrived.
    ReferralMethod {
        Phone = "phone": "Phone",
        Letter = "letter": "Letter",
        SecureEmail = "secure_email": "Secure email",
        SecureMessaging = "secure_messaging": "Secure messaging",
        NhsErs = "nhs_ers": "NHS e-Referral Service",
        SelfReferral = "self_referral": "Self-referral",
        Other = "other": "Other",
    }
);

vocab!(
    /// Who referred, as a role (beside how the referral arrived).
    ReferralSource {
        Gp = "gp": "GP",
        PracticeNurse = "practice_nurse": "Practice nurse",
        OtherPracticeStaff = "other_practice_staff": "Other practice staff",
        ProactiveSearch = "proactive_search": "Social prescribing: proactive or population-health search",
        SecondaryCare = "secondary_care": "Secondary care (hospital)",
        SocialCare = "social_care": "Social care",
        Vcse = "vcse": "Voluntary, community or social enterprise organisation",
        SelfReferral = "self_referral": "Self-referral",
        Other = "other": "Other",
    }
);

vocab!(
    /// Why the person was referred: their needs and concerns, in plain words (no codes).
    ReferralReason {
        Loneliness = "loneliness": "Loneliness or social isolation",
        LowMoodAnxiety = "low_mood_anxiety": "Low mood or anxiety",
        Bereavement = "bereavement": "Bereavement",
        LongTermCondition = "long_term_condition": "Long-term condition self-management",
        MoneyDebt = "money_debt": "Money and debt",
        Housing = "housing": "Housing",
        WorkBenefits = "work_benefits": "Work and benefits",
        Caring = "caring": "Caring responsibilities",
        PhysicalActivity = "physical_activity": "Physical activity",
        Weight = "weight": "Weight",
        AlcoholDrugs = "alcohol_drugs": "Alcohol or drugs",
        Smoking = "smoking": "Smoking",
        Relationships = "relationships": "Relationships",
        DomesticAbuse = "domestic_abuse": "Domestic abuse",
        DigitalExclusion = "digital_exclusion": "Digital exclusion",
        Other = "other": "Other",
    }
);

vocab!(
    /// How soon a waiting referral needs a first contact.
    Priority {
        Routine = "routine": "Routine",
        Urgent = "urgent": "Urgent",
    }
);

vocab!(
    /// Referral categories (the national survey's): where people are referred on, and the needs
    /// agreed in the plan. Referral reasons recorded before `ReferralReason` existed used these too.
    NeedCategory {
        MentalHealth = "mental_health": "Mental health support",
        Finance = "finance": "Finance / money and debt",
        Carers = "carers": "Carers",
        AgeRelated = "age_related": "Age-related activities",
        Housing = "housing": "Housing",
        SocialCare = "social_care": "Social care",
        Healthcare = "healthcare": "Healthcare services",
        PhysicalActivity = "physical_activity": "Physical activity",
        GreenNature = "green_nature": "Green / nature",
        ArtsCulture = "arts_culture": "Arts and culture",
        Heritage = "heritage": "Heritage",
        Faith = "faith": "Faith-based",
        Employment = "employment": "Employment support",
        DomesticAbuse = "domestic_abuse": "Domestic abuse",
        Learning = "learning": "Learning / education",
        Befriending = "befriending": "Befriending and social groups",
        Food = "food": "Food",
    }
);

vocab!(
    /// Groups a person belongs to, for tagging and reporting.
    GroupTag {
        MentalHealthProblems = "mental_health_problems": "Mental health problems",
        SevereMentalIllness = "severe_mental_illness": "Severe mental illness",
        Carers = "carers": "Carers",
        FinancialHardship = "financial_hardship": "Financial hardship",
        Unemployed = "unemployed_neet": "Unemployed / NEET",
        Dementia = "dementia": "Dementia",
        ChronicFatigue = "chronic_fatigue": "Chronic fatigue",
        Frailty = "frailty": "Frailty",
        LongTermConditions = "long_term_conditions": "Long-term conditions",
        Cancer = "cancer": "Cancer",
        Homelessness = "homelessness": "Homelessness / housing need",
        Refugees = "refugees_asylum_seekers": "Refugees and asylum seekers",
        CareLeavers = "care_leavers": "Care leavers",
        Prison = "prison": "People in or leaving prison",
        NewMothers = "new_postnatal_mothers": "New / postnatal mothers",
        ChildrenYoungPeople = "children_young_people": "Children and young people",
        Neurodiversity = "neurodiversity": "Neurodiversity",
        LearningDisabilities = "learning_disabilities": "Learning disabilities",
        Loneliness = "loneliness": "Loneliness / social isolation",
        DomesticAbuse = "domestic_abuse": "Domestic abuse",
    }
);

vocab!(
    EpisodeStatus {
        Waiting = "waiting": "Waiting",
        Active = "active": "Active",
        Closed = "closed": "Closed",
    }
);

vocab!(
    /// Why an episode of care ended.
    CloseReason {
        GoalsMet = "goals_met": "Goals met",
        Declined = "declined": "Declined",
        UnableToContact = "unable_to_contact": "Unable to contact",
        MovedAway = "moved_away": "Moved away",
        Deceased = "deceased": "Died",
        ReferredElsewhere = "referred_elsewhere": "Referred elsewhere",
        InappropriateReferral = "inappropriate_referral": "Inappropriate referral / not eligible",
        Disengaged = "disengaged": "Disengaged",
        Escalated = "escalated": "Escalated to a clinical or statutory service",
        HandedOver = "handed_over": "Handed over to another link worker",
        Other = "other": "Other",
    }
);

vocab!(
    ContactType {
        Phone = "phone": "Phone",
        FaceToFace = "face_to_face": "Face to face at the practice",
        FaceToFaceCommunity = "face_to_face_community": "Face to face in the community",
        HomeVisit = "home_visit": "Home visit",
        Video = "video": "Video",
        Group = "group": "Group",
        TextMessage = "text_message": "Text message",
        Email = "email": "Email",
        Letter = "letter": "Letter",
        Other = "other": "Other",
    }
);

vocab!(
    ContactOutcome {
        TookPlace = "took_place": "Took place",
        DidNotAttend = "did_not_attend": "Did not attend",
        CancelledByPerson = "cancelled_by_person": "Cancelled by the person",
        CancelledByLinkWorker = "cancelled_by_link_worker": "Cancelled by the link worker",
        UnableToContact = "unable_to_contact": "Unable to contact",
        LeftMessage = "left_message": "Tried: left a message",
        Cancelled = "cancelled": "Cancelled (who cancelled not recorded)",
    }
);

vocab!(
    GoalStatus {
        NotStarted = "not_started": "Not started",
        InProgress = "in_progress": "In progress",
        Achieved = "achieved": "Achieved",
        NoLongerRelevant = "no_longer_relevant": "No longer relevant",
    }
);

vocab!(
    /// Consent to share a narrative summary with the GP.
    ConsentToShare {
        Yes = "yes": "Yes",
        No = "no": "No",
        NotAsked = "not_asked": "Not asked",
    }
);

vocab!(
    /// An entry in one concern of a person's risk and safeguarding log.
    RiskEntryKind {
        Raised = "raised": "Concern raised",
        Update = "update": "Update",
        Cleared = "cleared": "Concern closed",
    }
);

vocab!(
    /// How serious a concern is, as the link worker judges it.
    RiskLevel {
        Low = "low": "Low",
        Medium = "medium": "Medium",
        High = "high": "High",
    }
);

vocab!(
    /// A decision in a person's consent history (the current value is the newest).
    ConsentDecision {
        Given = "yes": "Given",
        NotGiven = "no": "Not given or withdrawn",
    }
);

vocab!(
    /// How the person prefers to be contacted.
    PreferredContact {
        Phone = "phone": "Phone call",
        TextMessage = "text_message": "Text message",
        Letter = "letter": "Letter",
        InPerson = "in_person": "In person",
    }
);

vocab!(
    /// How a referral whose NHS number is known, but whose name or date of birth differs, is resolved.
    /// (A wrong number is corrected on the form instead.)
    IdentityResolution {
        UpdateDetails = "update_details": "Same person: update the stored details",
        KeepDetails = "keep_details": "Same person: keep the stored details",
    }
);

vocab!(
    /// What a consent decision is for. Case studies and others will follow.
    ConsentPurpose {
        ShareWithGp = "share_with_gp": "Share with the GP practice",
        ShareWithReferrer = "share_with_referrer": "Share with the referrer",
        CaseStudy = "case_study": "A case study for the service's report (no name or details that identify them)",
    }
);

vocab!(
    /// The clinical system a GP practice keeps its record in (where the to-code lines are entered).
    GpSystem {
        EmisWeb = "emis_web": "EMIS Web",
        SystmOne = "systmone": "SystmOne",
        Other = "other": "Another system",
    }
);

vocab!(
    /// Open Referral UK service status.
    AssetStatus {
        Active = "active": "Active",
        TemporarilyClosed = "temporarily_closed": "Temporarily closed",
        Inactive = "inactive": "Inactive",
        Defunct = "defunct": "Defunct",
    }
);

vocab!(
    /// How an asset is delivered.
    Delivery {
        InPerson = "in_person": "In person",
        Online = "online": "Online",
        Both = "both": "In person and online",
    }
);

vocab!(
    CostKind {
        Free = "free": "Free",
        Paid = "paid": "Paid",
        Unknown = "unknown": "Not known",
    }
);

vocab!(
    /// How a person gets to an asset.
    ReferralRoute {
        SelfReferral = "self_referral": "Self-referral",
        Signpost = "signpost": "Signpost",
        FormalReferral = "formal_referral": "Formal referral",
    }
);

vocab!(
    /// A finer kind of service an asset may be (optional, set by the link worker): it lets an onward
    /// referral carry the SNOMED code no referral category reaches. Never inferred.
    ServiceType {
        Counselling = "counselling": "Counselling or emotional support",
        Bereavement = "bereavement": "Bereavement support",
        Legal = "legal": "Legal advice",
        StopSmoking = "stop_smoking": "Stop smoking",
        WeightManagement = "weight_management": "Weight management",
        DrugsAlcohol = "drugs_alcohol": "Drugs and alcohol",
        DayCentre = "day_centre": "Day centre",
        SupportGroup = "support_group": "Peer support group",
        SelfHelp = "self_help": "Self-help service",
        CommunityService = "community_service": "Community service (other)",
        VoluntaryGroup = "voluntary_group": "Voluntary or community group",
        MentalHealthTeam = "mental_health_team": "Mental health team",
        ArtsTherapy = "arts_therapy": "Arts therapy",
        VocationalRehabilitation = "vocational_rehabilitation": "Vocational rehabilitation",
        CommunityMeals = "community_meals": "Community meals",
    }
);

vocab!(
    /// The person's answer to the offer of support, recorded on its own (the question asked after a
    /// first contact when no answer is recorded yet).
    OfferAnswer {
        Accepted = "accepted": "Accepted support",
        Declined = "declined": "Declined support",
    }
);

vocab!(
    /// An onward referral: pointing the person to the asset, or referring them to it.
    OnwardKind {
        Signpost = "signpost": "Signpost",
        Referral = "referral": "Referral",
    }
);

vocab!(
    OnwardOutcome {
        Pending = "pending": "Pending",
        Attended = "attended": "Attended",
        PartlyAttended = "partly_attended": "Partly attended",
        DidNotAttend = "did_not_attend": "Did not attend",
        Declined = "declined": "Declined",
        ServiceFull = "service_full": "Service full / waiting list",
        NotSuitable = "not_suitable": "Not suitable",
    }
);

vocab!(
    /// Barriers to onward referral, as the national surveys ask them.
    Barrier {
        NoProvision = "no_provision": "Lack of provision / waiting list",
        Cost = "cost": "Cost of the activity",
        Transport = "transport": "Lack of transport / access",
        ComplicatedPathway = "complicated_pathway": "Complicated referral pathway",
        NotAware = "not_aware": "Not aware of what is available",
        Relevance = "relevance": "Concern about relevance",
        Quality = "quality": "Concern about quality",
        ChoseNotToAttend = "chose_not_to_attend": "Person chose not to attend",
    }
);

impl ContactOutcome {
    /// A try that did not reach the person: a run of these is "not reached". A cancellation is
    /// not (the person or the link worker was in touch to cancel).
    pub fn not_reached(self) -> bool {
        matches!(
            self,
            ContactOutcome::DidNotAttend
                | ContactOutcome::UnableToContact
                | ContactOutcome::LeftMessage
        )
    }

    /// What a new contact may record: `Cancelled` (who cancelled not recorded) is only for old rows.
    pub fn offered() -> Vec<Choice> {
        Self::ALL
            .iter()
            .filter(|o| **o != ContactOutcome::Cancelled)
            .map(|v| Choice {
                value: v.slug().into(),
                label: v.label().into(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_unique() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            slug: fn(T) -> &'static str,
            from: fn(&str) -> Option<T>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for v in all {
                assert!(seen.insert(slug(*v)), "duplicate slug {}", slug(*v));
                assert_eq!(from(slug(*v)), Some(*v));
            }
        }
        check(
            NeedCategory::ALL,
            NeedCategory::slug,
            NeedCategory::from_slug,
        );
        check(GroupTag::ALL, GroupTag::slug, GroupTag::from_slug);
        check(
            ReferralMethod::ALL,
            ReferralMethod::slug,
            ReferralMethod::from_slug,
        );
        check(
            ContactOutcome::ALL,
            ContactOutcome::slug,
            ContactOutcome::from_slug,
        );
        check(Barrier::ALL, Barrier::slug, Barrier::from_slug);
        check(
            OnwardOutcome::ALL,
            OnwardOutcome::slug,
            OnwardOutcome::from_slug,
        );
        check(AssetStatus::ALL, AssetStatus::slug, AssetStatus::from_slug);
        assert_eq!(NeedCategory::ALL.len(), 17);
        assert_eq!(Barrier::ALL.len(), 8);
        assert_eq!(GroupTag::ALL.len(), 20);
    }

    #[test]
    fn serde_uses_the_slug() {
        assert_eq!(
            serde_json::to_string(&ContactType::HomeVisit).unwrap(),
            "\"home_visit\""
        );
    }
}
