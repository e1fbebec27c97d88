//! Fake people: names, addresses and details drawn from the seed. NHS numbers come from the test
//! range (999 000 0000 – 999 999 9999), which is never issued to a real person.

use crate::Rng;
use chrono::NaiveDate;
use linkwork_core::{
    vocab::{
        ConsentToShare, GroupTag, NeedCategory, PreferredContact, ReferralReason, ReferralSource,
    },
    NhsNumber,
};
use linkwork_store::people::PersonInput;

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
/// The practices of a Primary Care Network: name, ODS code, GP system.
pub(crate) const PRACTICES: &[(&str, &str, linkwork_core::vocab::GpSystem)] = &[
    (
        "Calder Valley Surgery",
        "B86001",
        linkwork_core::vocab::GpSystem::EmisWeb,
    ),
    (
        "Hebble Brook Practice",
        "B86002",
        linkwork_core::vocab::GpSystem::SystmOne,
    ),
    (
        "Ryburn Health Centre",
        "B86003",
        linkwork_core::vocab::GpSystem::EmisWeb,
    ),
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
pub(crate) const REFERRERS: &[(&str, &str, &str, ReferralSource)] = &[
    (
        "Dr Amir Hussain",
        "GP",
        "Calder Valley Surgery",
        ReferralSource::Gp,
    ),
    (
        "Dr Ruth Ellis",
        "GP",
        "Moorside Medical Practice",
        ReferralSource::Gp,
    ),
    (
        "Jo Pearson",
        "Practice nurse",
        "Calder Valley Surgery",
        ReferralSource::PracticeNurse,
    ),
    (
        "Sam Okoro",
        "Community mental health nurse",
        "South West Yorkshire Partnership",
        ReferralSource::SecondaryCare,
    ),
    (
        "Claire Dunn",
        "Social worker",
        "Adult Social Care",
        ReferralSource::SocialCare,
    ),
    (
        "Front desk",
        "Receptionist",
        "Moorside Medical Practice",
        ReferralSource::OtherPracticeStaff,
    ),
];

/// Referral reasons, weighted roughly as link workers report them (loneliness and low mood far
/// ahead), with the referral category an onward referral for each would fall under.
pub(crate) const REASONS: &[(ReferralReason, u64, NeedCategory)] = &[
    (ReferralReason::Loneliness, 30, NeedCategory::Befriending),
    (
        ReferralReason::LowMoodAnxiety,
        24,
        NeedCategory::MentalHealth,
    ),
    (
        ReferralReason::LongTermCondition,
        12,
        NeedCategory::Healthcare,
    ),
    (ReferralReason::MoneyDebt, 11, NeedCategory::Finance),
    (ReferralReason::Housing, 6, NeedCategory::Housing),
    (ReferralReason::Bereavement, 5, NeedCategory::MentalHealth),
    (
        ReferralReason::PhysicalActivity,
        5,
        NeedCategory::PhysicalActivity,
    ),
    (ReferralReason::Caring, 4, NeedCategory::Carers),
    (ReferralReason::WorkBenefits, 4, NeedCategory::Employment),
    (ReferralReason::Weight, 3, NeedCategory::PhysicalActivity),
    (ReferralReason::Relationships, 2, NeedCategory::Befriending),
    (ReferralReason::DigitalExclusion, 2, NeedCategory::Learning),
    (ReferralReason::AlcoholDrugs, 1, NeedCategory::Healthcare),
    (ReferralReason::Smoking, 1, NeedCategory::Healthcare),
    (
        ReferralReason::DomesticAbuse,
        1,
        NeedCategory::DomesticAbuse,
    ),
];
pub(crate) const GOALS: &[&str] = &[
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
pub(crate) const NOTES: &[&str] = &[
    "Talked through what matters to them. Keen on something local and free.",
    "Discussed options for getting out more; will think about the walking group.",
    "Follow-up call. Went to the group last week and enjoyed it.",
    "Home visit. Still finding it hard to leave the house; agreed small steps.",
    "Rang to check in. Benefits form sent off with Citizens Advice's help.",
    "Attended coffee morning with them for the first session.",
];

/// Whether a group tag is plausible for someone of this age and sex (new mothers are women of
/// child-bearing age, care leavers young adults, frailty and dementia mostly older people).
fn plausible(tag: GroupTag, age: i64, female: bool) -> bool {
    match tag {
        GroupTag::NewMothers => female && (16..=45).contains(&age),
        GroupTag::ChildrenYoungPeople => age < 25,
        GroupTag::CareLeavers => (16..=25).contains(&age),
        GroupTag::Dementia => age >= 60,
        GroupTag::Frailty => age >= 65,
        GroupTag::Unemployed => age < 67,
        _ => true,
    }
}

pub(crate) fn person(rng: &mut Rng, k: u32, today: NaiveDate) -> PersonInput {
    let nhs = (0..)
        .find_map(|j| NhsNumber::from_first_nine(999_000_000 + k * 3 + j))
        .expect("test-range NHS number");
    let (town, district) = *rng.pick(TOWNS);
    let g = rng.below(GIVEN.len() as u64) as usize;
    let given = GIVEN[g].to_string();
    // GIVEN lists twenty women's names, then men's.
    let female = g < 20;
    let dob = NaiveDate::from_ymd_opt(
        rng.range(1934, 2006) as i32,
        rng.range(1, 12) as u32,
        rng.range(1, 28) as u32,
    )
    .unwrap();
    let age = (today - dob).num_days() / 365;
    let mut tags: Vec<GroupTag> = (0..rng.below(3))
        .map(|_| *rng.pick(GroupTag::ALL))
        .filter(|t| plausible(*t, age, female))
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
        // Ofcom's drama range: 07700 900000 to 900999 is never given to anyone.
        phone: Some(format!("07700 900{:03}", rng.below(1000))),
        preferred_contact: rng.chance(70).then(|| {
            *rng.pick(&[
                PreferredContact::Phone,
                PreferredContact::Phone,
                PreferredContact::TextMessage,
                PreferredContact::Letter,
                PreferredContact::InPerson,
            ])
        }),
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
        // Three practices of one primary care network, in turn (no draw: the same seed gives the
        // same people as before).
        // Found by its code among the practices the demo lists first.
        practice_id: None,
        gp_practice_name: Some(PRACTICES[k as usize % PRACTICES.len()].0.into()),
        gp_practice_ods: Some(PRACTICES[k as usize % PRACTICES.len()].1.into()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_people_have_drama_phone_numbers_and_plausible_tags() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let mut rng = Rng::new(9);
        for k in 0..500 {
            let p = person(&mut rng, k, today);
            let phone = p.phone.unwrap();
            assert!(
                phone.starts_with("07700 900") && phone.len() == 12,
                "{phone}"
            );
            let age = (today - p.date_of_birth.unwrap()).num_days() / 365;
            let female = GIVEN[..20].contains(&p.given_name.as_str());
            for t in p.tags {
                assert!(
                    plausible(t, age, female),
                    "{t:?} for {} aged {age}",
                    p.given_name
                );
            }
        }
    }
}
