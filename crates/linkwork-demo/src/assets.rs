//! A fake community directory for Calderdale, and onward referrals from demo episodes to it.

use crate::Rng;
use chrono::{Duration, NaiveDate};
use linkwork_core::assets::{AssetInput, Slot};
use linkwork_core::ids::{AssetId, EpisodeId};
use linkwork_core::vocab::{
    AssetStatus, Barrier, CostKind, Delivery, NeedCategory, OnwardKind, OnwardOutcome,
    ReferralRoute,
};
use linkwork_store::{
    assets,
    onward::{self, OnwardInput},
    StoreError, Tx,
};

/// Kinds of group per category: (name, organisation kind, description).
const ASSET_KINDS: &[(NeedCategory, &[&str], &str)] = &[
    (
        NeedCategory::MentalHealth,
        &[
            "Talking Therapies Drop-in",
            "Men's Mental Health Circle",
            "Anxiety Peer Support",
            "Wellbeing College Course",
        ],
        "Friendly, confidential support; no diagnosis needed.",
    ),
    (
        NeedCategory::Finance,
        &[
            "Debt Advice Clinic",
            "Benefits Check Drop-in",
            "Energy Bill Advice",
            "Food Pantry",
        ],
        "Free, confidential help with money, benefits and bills.",
    ),
    (
        NeedCategory::Carers,
        &[
            "Carers' Coffee Morning",
            "Young Carers Club",
            "Carers' Support Line",
        ],
        "Time out and practical help for unpaid carers.",
    ),
    (
        NeedCategory::AgeRelated,
        &[
            "Over-60s Lunch Club",
            "Tea Dance",
            "Memory Café",
            "Silver Surfers Computer Help",
        ],
        "Company, a hot meal or an activity for older people.",
    ),
    (
        NeedCategory::Housing,
        &[
            "Housing Advice Surgery",
            "Tenancy Support",
            "Home Repairs Handyperson",
        ],
        "Advice and practical help to stay safe and well at home.",
    ),
    (
        NeedCategory::SocialCare,
        &[
            "Adult Social Care Front Door",
            "Day Opportunities",
            "Shopping Buddies",
        ],
        "Help to live independently.",
    ),
    (
        NeedCategory::Healthcare,
        &[
            "Stop Smoking Service",
            "Weight Management Group",
            "Diabetes Education Course",
        ],
        "NHS and community health programmes.",
    ),
    (
        NeedCategory::PhysicalActivity,
        &[
            "Walking for Health",
            "Chair-based Exercise",
            "Couch to 5k Group",
            "Swim Session for Adults",
            "Walking Football",
        ],
        "Gentle, sociable exercise at your own pace.",
    ),
    (
        NeedCategory::GreenNature,
        &[
            "Community Allotment",
            "Conservation Volunteers",
            "Park Gardening Group",
        ],
        "Get outdoors, grow food and look after green spaces.",
    ),
    (
        NeedCategory::ArtsCulture,
        &[
            "Community Choir",
            "Art for Wellbeing",
            "Creative Writing Group",
            "Knit and Natter",
        ],
        "Make something with others; no experience needed.",
    ),
    (
        NeedCategory::Heritage,
        &[
            "Local History Society",
            "Museum Volunteers",
            "Family History Group",
        ],
        "Discover and share the story of where you live.",
    ),
    (
        NeedCategory::Faith,
        &[
            "Church Community Lunch",
            "Mosque Sisters' Circle",
            "Gurdwara Langar",
        ],
        "Open to everyone, whatever their faith.",
    ),
    (
        NeedCategory::Befriending,
        &[
            "Telephone Befriending",
            "Befriending Visits",
            "Community Friends Café",
        ],
        "A regular friendly chat with a trained volunteer.",
    ),
    (
        NeedCategory::Learning,
        &[
            "Adult Learning English Classes",
            "Basic Computer Skills",
            "Cookery on a Budget",
        ],
        "Free or low-cost courses for adults.",
    ),
    (
        NeedCategory::Employment,
        &["Job Club", "Volunteering Hub", "Work and Health Coaching"],
        "Help towards work or volunteering.",
    ),
    (
        NeedCategory::DomesticAbuse,
        &["Domestic Abuse Advice Line", "Freedom Programme"],
        "Confidential support; call 999 in an emergency.",
    ),
    (
        NeedCategory::Food,
        &[
            "Community Pantry",
            "Pay-as-you-feel Café",
            "Community Fridge",
        ],
        "Good food at low or no cost, and company.",
    ),
];

const ASSET_TOWNS: &[(&str, &str)] = &[
    ("Halifax", "HX1"),
    ("Brighouse", "HD6"),
    ("Elland", "HX5"),
    ("Hebden Bridge", "HX7"),
    ("Todmorden", "OL14"),
    ("Sowerby Bridge", "HX6"),
    ("King Cross", "HX1"),
    ("Ovenden", "HX3"),
];
const VENUES: &[&str] = &[
    "Community Centre",
    "Library",
    "Methodist Hall",
    "Town Hall",
    "Leisure Centre",
    "Park Pavilion",
];
const ORGS: &[&str] = &[
    "Calderdale Voluntary Action",
    "Age UK Calderdale",
    "Citizens Advice Calderdale",
    "Calderdale Council",
    "Healthy Minds",
    "Northern Lights Trust",
    "Valley Community Partnership",
    "St Mary's Church",
];

pub(crate) fn demo_assets(
    tx: &Tx<'_>,
    rng: &mut Rng,
    n: u32,
) -> Result<Vec<(AssetId, NeedCategory)>, StoreError> {
    let today = tx.today();
    let mut out = Vec::new();
    for i in 0..n {
        let (cat, names, about) = ASSET_KINDS[i as usize % ASSET_KINDS.len()];
        let name = names[(i as usize / ASSET_KINDS.len()) % names.len()];
        let (town, district) = ASSET_TOWNS[(i as usize / ASSET_KINDS.len() / names.len().max(1)
            + i as usize)
            % ASSET_TOWNS.len()];
        let venue = rng.pick(VENUES);
        let mut categories = vec![cat];
        if rng.chance(35) {
            categories.push(*rng.pick(NeedCategory::ALL));
        }
        let free = rng.chance(70);
        let weekday = rng.range(1, 6) as u8;
        let start = rng.range(9, 18);
        let a = AssetInput {
            name: format!("{town} {name}"),
            organisation: Some(rng.pick(ORGS).to_string()),
            description: Some(format!("{about} Meets at {town} {venue}.")),
            categories,
            // Ofcom's drama range for landlines (01632 960000 to 960999), never a real line.
            phone: Some(format!("01632 960{:03}", rng.below(1000))),
            email: rng.chance(60).then(|| format!("hello{i}@example.org")),
            website: rng.chance(50).then(|| format!("https://example.org/{i}")),
            address: Some(format!(
                "{town} {venue}, {} {}, {town}",
                rng.range(1, 120),
                rng.pick(&[
                    "High Street",
                    "Church Lane",
                    "Station Road",
                    "Market Street",
                    "Park Road",
                    "Mill Lane"
                ])
            )),
            postcode: Some(format!(
                "{district} {}{}{}",
                rng.range(1, 9),
                (b'A' + rng.below(26) as u8) as char,
                (b'A' + rng.below(26) as u8) as char
            )),
            delivery: Some(*rng.pick(&[
                Delivery::InPerson,
                Delivery::InPerson,
                Delivery::InPerson,
                Delivery::Both,
                Delivery::Online,
            ])),
            schedule_text: Some(format!(
                "Every {} in term time",
                linkwork_core::assets::WEEKDAYS[usize::from(weekday) - 1].1
            )),
            slots: vec![Slot {
                weekday,
                opens_at: Some(format!("{start:02}:00")),
                closes_at: Some(format!(
                    "{:02}:{}",
                    start + 1,
                    ["00", "30"][rng.below(2) as usize]
                )),
            }],
            cost: Some(if free {
                CostKind::Free
            } else {
                *rng.pick(&[CostKind::Paid, CostKind::Unknown])
            }),
            cost_description: (!free).then(|| format!("£{} a session", rng.range(1, 6))),
            min_age: rng.chance(40).then_some(18),
            wheelchair_access: rng.chance(70),
            hearing_loop: rng.chance(30),
            transport: rng.chance(15),
            referral_route: Some(*rng.pick(ReferralRoute::ALL)),
            status: Some(if rng.chance(92) {
                AssetStatus::Active
            } else {
                *rng.pick(AssetStatus::ALL)
            }),
            ..Default::default()
        };
        let id = assets::add_asset(tx, &a)?;
        // Verified at some point in the last two years: roughly a third are stale.
        let checked = today - Duration::days(rng.range(0, 730));
        assets::verify(tx, &id, checked)?;
        if rng.chance(8) {
            assets::set_favourite(tx, &id, true)?;
        }
        out.push((id, cat));
    }
    Ok(out)
}

/// 0–`most` onward referrals for an episode seen between `from` and `to`, to assets matching its
/// needs, with outcomes and barriers for those old enough to have one.
pub(crate) fn demo_onward(
    tx: &Tx<'_>,
    rng: &mut Rng,
    directory: &[(AssetId, NeedCategory)],
    episode: &EpisodeId,
    reasons: &[NeedCategory],
    (from, to): (NaiveDate, NaiveDate),
    most: i64,
) -> Result<u32, StoreError> {
    let today = tx.today();
    let mut made = 0;
    for _ in 0..rng.range(0, most) {
        let want = *rng.pick(reasons);
        let matching: Vec<&(AssetId, NeedCategory)> =
            directory.iter().filter(|(_, c)| *c == want).collect();
        let (asset_id, category) = if matching.is_empty() {
            rng.pick(directory)
        } else {
            *rng.pick(&matching)
        };
        let on = from + Duration::days(rng.range(0, (to - from).num_days()));
        let id = onward::add_onward(
            tx,
            &OnwardInput {
                episode_id: episode.clone(),
                asset_id: asset_id.clone(),
                referred_on: on,
                kind: if rng.chance(60) {
                    OnwardKind::Signpost
                } else {
                    OnwardKind::Referral
                },
                category: *category,
                notes: None,
                follow_up_on: Some(on + Duration::days(14)),
            },
        )?;
        made += 1;
        let heard = on + Duration::days(rng.range(7, 28));
        if heard > today {
            continue;
        }
        let outcome = match rng.below(100) {
            0..=54 => OnwardOutcome::Attended,
            55..=64 => OnwardOutcome::PartlyAttended,
            65..=79 => OnwardOutcome::DidNotAttend,
            80..=86 => OnwardOutcome::Declined,
            87..=93 => OnwardOutcome::ServiceFull,
            _ => OnwardOutcome::NotSuitable,
        };
        let barriers: Vec<Barrier> = match outcome {
            OnwardOutcome::Attended => vec![],
            OnwardOutcome::ServiceFull => vec![Barrier::NoProvision],
            _ => (0..rng.range(1, 2))
                .map(|_| *rng.pick(Barrier::ALL))
                .collect(),
        };
        onward::record_onward_outcome(tx, &id, outcome, Some(heard), &barriers)?;
    }
    Ok(made)
}
