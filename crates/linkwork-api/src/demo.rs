//! `linkwork demo`: deterministic, realistic fake caseloads for screenshots, tests and benchmarks.
//! Same seed and same anchor date give the same data. NHS numbers come from the test range
//! (999 000 0000 – 999 999 9999), which is never issued to a real person.

use chrono::{Duration, NaiveDate, NaiveTime};
use linkwork_core::outcomes::{Ons4Answers, PamScore, PamVersion};
use linkwork_core::{
    vocab::{
        CloseReason, ConsentToShare, ContactOutcome, ContactType, GoalStatus, GroupTag,
        NeedCategory, ReferralMethod, RiskEntryKind,
    },
    NhsNumber,
};
use linkwork_store::outcomes::{self as oc, Ons4Input, PamInput};
use linkwork_store::{
    caseload::{self as cl, ContactInput, PersonInput, PlanInput, ReferralInput, Referred},
    Connection, StoreError,
};

/// SplitMix64: tiny, fast, and stable forever (unlike a library RNG whose stream may change).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const GIVEN: &[&str] = &[
    "Margaret",
    "Jean",
    "Patricia",
    "Susan",
    "Linda",
    "Janet",
    "Christine",
    "Barbara",
    "Sandra",
    "Helen",
    "Amelia",
    "Olivia",
    "Aisha",
    "Priya",
    "Fatima",
    "Grace",
    "Chloe",
    "Megan",
    "Siobhan",
    "Agnieszka",
    "John",
    "David",
    "Michael",
    "Peter",
    "Robert",
    "Stephen",
    "Paul",
    "Andrew",
    "Mark",
    "Ian",
    "Oliver",
    "Harry",
    "Mohammed",
    "Arjun",
    "Kwame",
    "Liam",
    "Callum",
    "Rhys",
    "Tomasz",
    "George",
];
const FAMILY: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper",
    "Hill", "Ward", "Hughes", "Khan", "Begum", "Okafor", "Nowak", "O'Brien", "McDonald", "Ahmed",
    "Singh", "Murphy", "Lewis",
];
const STREETS: &[&str] = &[
    "Church Lane",
    "Station Road",
    "Victoria Street",
    "Mill Lane",
    "The Crescent",
    "Park Avenue",
    "Queens Road",
    "Manor Way",
    "Chapel Street",
    "Kingsway",
    "Orchard Close",
    "Moor Lane",
];
const TOWNS: &[(&str, &str)] = &[
    ("Halifax", "HX1"),
    ("Bradford", "BD7"),
    ("Wakefield", "WF1"),
    ("Barnsley", "S70"),
    ("Rotherham", "S60"),
    ("Doncaster", "DN1"),
    ("Huddersfield", "HD1"),
    ("Keighley", "BD21"),
    ("Dewsbury", "WF13"),
    ("Pontefract", "WF8"),
];
const REFERRERS: &[(&str, &str, &str)] = &[
    ("Dr Amir Hussain", "GP", "Calder Valley Surgery"),
    ("Dr Ruth Ellis", "GP", "Moorside Medical Practice"),
    ("Jo Pearson", "Practice nurse", "Calder Valley Surgery"),
    (
        "Sam Okoro",
        "Community mental health nurse",
        "South West Yorkshire Partnership",
    ),
    ("Claire Dunn", "Social worker", "Adult Social Care"),
    ("Front desk", "Receptionist", "Moorside Medical Practice"),
];
const GOALS: &[&str] = &[
    "Get out of the house twice a week",
    "Sort out the council tax arrears",
    "Join a walking group",
    "Feel less lonely in the evenings",
    "Find volunteering that uses my skills",
    "Get help with caring for my husband",
    "Start swimming again",
    "Make one new friend",
    "Apply for Attendance Allowance",
    "Learn to use the computer at the library",
];
const NOTES: &[&str] = &[
    "Talked through what matters to them. Keen on something local and free.",
    "Discussed options for getting out more; will think about the walking group.",
    "Follow-up call. Went to the group last week and enjoyed it.",
    "Home visit. Still finding it hard to leave the house; agreed small steps.",
    "Rang to check in. Benefits form sent off with Citizens Advice's help.",
    "Attended coffee morning with them for the first session.",
];

fn person(rng: &mut Rng, k: u32) -> PersonInput {
    let nhs = (0..)
        .find_map(|j| NhsNumber::from_first_nine(999_000_000 + k * 3 + j))
        .expect("test-range NHS number");
    let (town, district) = *rng.pick(TOWNS);
    let given = rng.pick(GIVEN).to_string();
    let dob = NaiveDate::from_ymd_opt(
        rng.range(1934, 2006) as i32,
        rng.range(1, 12) as u32,
        rng.range(1, 28) as u32,
    )
    .unwrap();
    let mut tags: Vec<GroupTag> = (0..rng.below(3))
        .map(|_| *rng.pick(GroupTag::ALL))
        .collect();
    tags.sort();
    tags.dedup();
    PersonInput {
        nhs_number: Some(nhs),
        given_name: given.clone(),
        family_name: rng.pick(FAMILY).to_string(),
        preferred_name: rng.chance(15).then(|| given.chars().take(3).collect()),
        date_of_birth: Some(dob),
        pronouns: None,
        phone: Some(format!("07700 9{:05}", rng.below(100_000))),
        address: Some(format!(
            "{} {}, {}",
            rng.range(1, 180),
            rng.pick(STREETS),
            town
        )),
        postcode: Some(format!(
            "{} {}{}{}",
            district,
            rng.range(1, 9),
            (b'A' + rng.below(26) as u8) as char,
            (b'A' + rng.below(26) as u8) as char
        )),
        gp_practice_name: Some("Calder Valley Surgery".into()),
        gp_practice_ods: Some("B86001".into()),
        communication_needs: rng
            .chance(10)
            .then(|| "Hard of hearing: face to face or text, not phone calls".into()),
        consent_to_share: *rng.pick(&[
            ConsentToShare::Yes,
            ConsentToShare::Yes,
            ConsentToShare::No,
            ConsentToShare::NotAsked,
        ]),
        consent_recorded_on: None,
        notes: None,
        tags,
    }
}

/// What `fill` made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub people: u32,
    pub episodes: u32,
    pub contacts: u32,
    /// ONS4 and PAM records.
    pub outcomes: u32,
    pub assets: u32,
    pub onward: u32,
}

/// Fills an empty caseload with `people` people, relative to `today`.
pub fn fill(
    conn: &mut Connection,
    people: u32,
    seed: u64,
    today: NaiveDate,
) -> Result<DemoSummary, StoreError> {
    if !cl::is_empty(conn)? || linkwork_store::assets::count(conn)? > 0 {
        return Err(linkwork_core::ValidationError::new(
            "people",
            "Demo data only goes into an empty vault, so it can never mix with real records. Create a new vault for it.",
        )
        .into());
    }
    // A new, empty vault: full fsync per transaction buys nothing while generating.
    conn.execute_batch("PRAGMA synchronous = OFF")?;
    let result = fill_inner(conn, people, seed, today);
    conn.execute_batch("PRAGMA synchronous = FULL")?;
    result
}

fn fill_inner(
    conn: &mut Connection,
    people: u32,
    seed: u64,
    today: NaiveDate,
) -> Result<DemoSummary, StoreError> {
    let mut rng = Rng::new(seed);
    let mut summary = DemoSummary {
        people: 0,
        episodes: 0,
        contacts: 0,
        outcomes: 0,
        assets: 0,
        onward: 0,
    };
    // Assets and onward referrals draw from their own stream, so adding them left every existing
    // demo person exactly as it was.
    let mut arng = Rng::new(seed ^ 0xA55E_7000);
    let directory = demo_assets(conn, &mut arng, (people * 2).clamp(120, 400), today)?;
    summary.assets = directory.len() as u32;
    for k in 0..people {
        let p = person(&mut rng, k);
        let age_days = rng.range(0, 420);
        let received = today - Duration::days(age_days);
        let (name, role, org) = *rng.pick(REFERRERS);
        let reasons: Vec<NeedCategory> = (0..rng.range(1, 3))
            .map(|_| *rng.pick(NeedCategory::ALL))
            .collect();
        let referral = ReferralInput {
            received_on: received,
            method: *rng.pick(&[
                ReferralMethod::SecureEmail,
                ReferralMethod::NhsErs,
                ReferralMethod::Phone,
                ReferralMethod::SecureMessaging,
                ReferralMethod::SelfReferral,
            ]),
            referrer_name: Some(name.into()),
            referrer_role: Some(role.into()),
            referrer_organisation: Some(org.into()),
            referrer_ods: None,
            reasons: {
                let mut r = reasons;
                r.sort();
                r.dedup();
                r
            },
            notes: None,
        };
        let added = cl::add_referral(
            conn,
            Referred::Person {
                details: p,
                allow_possible_duplicate: true,
            },
            &referral,
        )?;
        summary.people += 1;
        summary.episodes += 1;
        // Recent referrals are often still waiting; older ones mostly engaged and many closed.
        let waiting = age_days < 21 && rng.chance(70);
        if waiting {
            continue;
        }
        let first_gap = rng.range(1, 20).min(age_days.max(1));
        let contacts = rng.range(2, 12);
        let mut day = received + Duration::days(first_gap);
        let mut wellbeing = Trajectory::new(&mut rng);
        let mut last_measured: Option<NaiveDate> = None;
        for c in 0..contacts {
            if day > today {
                break;
            }
            let contact_type = match rng.below(100) {
                0..=79 => ContactType::Phone,
                80..=89 => ContactType::FaceToFace,
                90..=94 => ContactType::HomeVisit,
                95..=97 => ContactType::Group,
                _ => ContactType::Video,
            };
            let outcome = if c == 0 || rng.chance(85) {
                ContactOutcome::TookPlace
            } else {
                *rng.pick(&[
                    ContactOutcome::DidNotAttend,
                    ContactOutcome::UnableToContact,
                    ContactOutcome::Cancelled,
                ])
            };
            let at = day.and_time(
                NaiveTime::from_hms_opt(
                    rng.range(9, 16) as u32,
                    [0, 15, 30, 45][rng.below(4) as usize],
                    0,
                )
                .unwrap(),
            );
            let contact_id = cl::add_contact(
                conn,
                &ContactInput {
                    episode_id: added.episode_id.clone(),
                    occurred_at: at,
                    contact_type,
                    duration_minutes: (outcome == ContactOutcome::TookPlace)
                        .then(|| [15, 20, 30, 45, 60, 90][rng.below(6) as usize]),
                    outcome,
                    notes: Some(rng.pick(NOTES).to_string()),
                },
            )?;
            summary.contacts += 1;
            // A baseline at the first contact for most people; a follow-up every six weeks or so.
            let measure = match last_measured {
                None => rng.chance(80),
                Some(last) => day - last >= Duration::days(42) && rng.chance(70),
            };
            if outcome == ContactOutcome::TookPlace && measure {
                summary.outcomes +=
                    wellbeing.record(conn, &mut rng, &added.episode_id, Some(contact_id), day)?;
                last_measured = Some(day);
            }
            day += Duration::days(rng.range(5, 21));
        }
        let first_seen = received + Duration::days(first_gap);
        let last_seen = day.min(today);
        if last_seen > first_seen {
            summary.onward += demo_onward(
                conn,
                &mut arng,
                &directory,
                &added.episode_id,
                &referral.reasons,
                first_seen,
                last_seen,
                today,
            )?;
        }
        cl::update_plan(
            conn,
            &added.episode_id,
            &PlanInput {
                what_matters: Some(
                    "Feeling part of the community again and getting on top of money worries."
                        .into(),
                ),
                needs: vec![*rng.pick(NeedCategory::ALL)],
                next_review_on: Some(today + Duration::days(rng.range(-10, 40))),
            },
        )?;
        for _ in 0..rng.range(1, 3) {
            let status = *rng.pick(GoalStatus::ALL);
            cl::add_goal(
                conn,
                &added.episode_id,
                *rng.pick(GOALS),
                rng.range(3, 10) as u8,
                status,
            )?;
        }
        if rng.chance(60) {
            cl::add_action(
                conn,
                &added.episode_id,
                "Link worker",
                "Send details of the Tuesday walking group",
                Some(today + Duration::days(rng.range(-5, 14))),
            )?;
        }
        if rng.chance(6) {
            cl::add_risk_entry(
                conn,
                &added.person_id,
                RiskEntryKind::Raised,
                received + Duration::days(first_gap),
                "Said they sometimes feel there is no point going on.",
                Some("Discussed with GP the same day; crisis line number given."),
            )?;
        }
        // Most people are discharged within three to four months, so an older referral is usually closed.
        let closable = day.min(today) - received > Duration::days(70);
        if age_days > 150 || (closable && rng.chance(60)) {
            let reason = *rng.pick(&[
                CloseReason::GoalsMet,
                CloseReason::GoalsMet,
                CloseReason::GoalsMet,
                CloseReason::UnableToContact,
                CloseReason::Declined,
                CloseReason::ReferredElsewhere,
                CloseReason::MovedAway,
            ]);
            if reason == CloseReason::GoalsMet
                && last_measured.is_some_and(|d| d < day.min(today))
                && rng.chance(75)
            {
                summary.outcomes +=
                    wellbeing.record(conn, &mut rng, &added.episode_id, None, day.min(today))?;
            }
            cl::close_episode(conn, &added.episode_id, day.min(today), reason, None)?;
        }
    }
    Ok(summary)
}

/// One person's wellbeing over an episode: starts lowish, drifts towards better with noise, and
/// for some people gets worse. PAM (for about a third) moves with it. Demo PAM levels are drawn
/// beside the score, never derived from it: Linkwork ships no score-to-level mapping.
struct Trajectory {
    ons4: [i64; 4],
    trend: i64,
    pam: Option<(i64, i64)>,
    records: u32,
}

impl Trajectory {
    fn new(rng: &mut Rng) -> Self {
        Self {
            ons4: [
                rng.range(1, 7),
                rng.range(2, 7),
                rng.range(1, 7),
                rng.range(3, 9),
            ],
            trend: *rng.pick(&[-1, 0, 1, 1, 1, 2, 2]),
            pam: rng
                .chance(35)
                .then(|| (rng.range(380, 640), rng.range(1, 3))),
            records: 0,
        }
    }

    fn record(
        &mut self,
        conn: &mut Connection,
        rng: &mut Rng,
        episode_id: &str,
        contact_id: Option<String>,
        on: NaiveDate,
    ) -> Result<u32, StoreError> {
        if self.records > 0 {
            for (i, v) in self.ons4.iter_mut().enumerate() {
                let step = self.trend + rng.range(-1, 1);
                *v = (*v + if i == 3 { -step } else { step }).clamp(0, 10);
            }
        }
        let declined = rng.chance(4).then(|| rng.below(4) as usize);
        let answers = Ons4Answers(std::array::from_fn(|i| {
            (Some(i) != declined).then_some(self.ons4[i] as u8)
        }));
        oc::add_ons4(
            conn,
            &Ons4Input {
                episode_id: episode_id.into(),
                contact_id: contact_id.clone(),
                recorded_on: on,
                answers,
            },
        )?;
        let mut n = 1;
        if let Some((score, level)) = self.pam.as_mut() {
            if self.records > 0 {
                let gain = self.trend * 20 + rng.range(-25, 40);
                *score = (*score + gain).clamp(0, 1000);
                if gain > 40 && *level < 4 {
                    *level += 1;
                }
            }
            let input = PamInput {
                episode_id: episode_id.into(),
                contact_id,
                recorded_on: on,
                score: PamScore::from_tenths(*score as u16).expect("clamped to 0..=1000"),
                level: *level as u8,
                version: PamVersion::Pam13,
            };
            oc::add_pam(conn, &input)?;
            n += 1;
        }
        self.records += 1;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn the_generator_is_stable() {
        let mut r = Rng::new(7);
        let first: Vec<u64> = (0..3).map(|_| r.below(1000)).collect();
        let mut r = Rng::new(7);
        assert_eq!(first, (0..3).map(|_| r.below(1000)).collect::<Vec<_>>());
    }
}

// ---- Assets and onward referrals --------------------------------------------------------------

use linkwork_core::assets::{AssetInput, Slot};
use linkwork_core::vocab::{
    AssetStatus, Barrier, CostKind, Delivery, OnwardKind, OnwardOutcome, ReferralRoute,
};
use linkwork_store::assets::{self as assets_store, OnwardInput};

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

fn demo_assets(
    conn: &mut Connection,
    rng: &mut Rng,
    n: u32,
    today: NaiveDate,
) -> Result<Vec<(String, NeedCategory)>, StoreError> {
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
            phone: Some(format!("01422 {}", rng.range(100_000, 999_999))),
            email: rng.chance(60).then(|| format!("hello{i}@example.org.uk")),
            website: rng
                .chance(50)
                .then(|| format!("https://example.org.uk/{i}")),
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
        let id = assets_store::add_asset(conn, &a, today)?;
        // Verified at some point in the last two years: roughly a third are stale.
        let checked = today - Duration::days(rng.range(0, 730));
        assets_store::verify(conn, &id, checked)?;
        if rng.chance(8) {
            assets_store::set_favourite(conn, &id, true)?;
        }
        out.push((id, cat));
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn demo_onward(
    conn: &mut Connection,
    rng: &mut Rng,
    directory: &[(String, NeedCategory)],
    episode: &str,
    reasons: &[NeedCategory],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<u32, StoreError> {
    let mut made = 0;
    for _ in 0..rng.range(0, 3) {
        let want = *rng.pick(reasons);
        let matching: Vec<&(String, NeedCategory)> =
            directory.iter().filter(|(_, c)| *c == want).collect();
        let (asset_id, category) = if matching.is_empty() {
            rng.pick(directory)
        } else {
            *rng.pick(&matching)
        };
        let on = from + Duration::days(rng.range(0, (to - from).num_days()));
        let id = assets_store::add_onward(
            conn,
            &OnwardInput {
                episode_id: episode.to_string(),
                asset_id: asset_id.clone(),
                referred_on: on,
                kind: if rng.chance(60) {
                    OnwardKind::Signpost
                } else {
                    OnwardKind::Referral
                },
                category: Some(*category),
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
        assets_store::record_onward_outcome(conn, &id, outcome, Some(heard), &barriers)?;
    }
    Ok(made)
}
