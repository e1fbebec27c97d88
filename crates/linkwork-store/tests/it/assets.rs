use crate::util::*;
use chrono::NaiveDate;
use linkwork_core::ids::EpisodeId;
use linkwork_core::vocab::{Barrier, CostKind, NeedCategory, OnwardKind, OnwardOutcome};
use linkwork_store::assets::{self, AssetInput, AssetQuery, BarrierCount};
use linkwork_store::onward::{self, OnwardInput};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn asset(
    name: &str,
    org: &str,
    cats: &[NeedCategory],
    cost: CostKind,
    postcode: &str,
) -> AssetInput {
    AssetInput {
        name: name.into(),
        organisation: Some(org.into()),
        description: Some(format!("{name}, run by {org}.")),
        categories: cats.to_vec(),
        cost: Some(cost),
        postcode: Some(postcode.into()),
        ..Default::default()
    }
}

fn names(hits: &[assets::AssetHit]) -> Vec<&str> {
    hits.iter().map(|h| h.name.as_str()).collect()
}

#[test]
fn search_ranks_by_text_and_filters() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let today = today();
    let choir = v
        .write(|tx| {
            assets::add_asset(
                tx,
                &asset(
                    "Calder Community Choir",
                    "Calder Arts",
                    &[NeedCategory::ArtsCulture, NeedCategory::Befriending],
                    CostKind::Free,
                    "HX7 5AB",
                ),
            )
        })
        .unwrap();
    let walk = v
        .write(|tx| {
            assets::add_asset(
                tx,
                &asset(
                    "Tuesday Walking Group",
                    "Hebden Ramblers",
                    &[NeedCategory::PhysicalActivity, NeedCategory::GreenNature],
                    CostKind::Free,
                    "HX7 6AA",
                ),
            )
        })
        .unwrap();
    v.write(|tx| {
        assets::add_asset(
            tx,
            &asset(
                "Debt Advice Drop-in",
                "Citizens Advice Calderdale",
                &[NeedCategory::Finance],
                CostKind::Free,
                "HX1 1AA",
            ),
        )
    })
    .unwrap();
    let pottery = v
        .write(|tx| {
            assets::add_asset(
                tx,
                &asset(
                    "Pottery for Beginners",
                    "Calder Arts",
                    &[NeedCategory::ArtsCulture],
                    CostKind::Paid,
                    "HX7 5AB",
                ),
            )
        })
        .unwrap();

    let q = |text: &str| AssetQuery {
        text: Some(text.into()),
        ..Default::default()
    };
    // Prefix as you type, any field, accents and case ignored.
    assert_eq!(
        names(&assets::search(v.read(), &q("cho"), today).unwrap()),
        ["Calder Community Choir"]
    );
    // A lone first letter waits for the next one: the list stays as it was with no text.
    assert_eq!(
        names(&assets::search(v.read(), &q("c"), today).unwrap()),
        names(
            &assets::search(
                v.read(),
                &AssetQuery {
                    limit: 50,
                    ..Default::default()
                },
                today
            )
            .unwrap()
        )
    );
    assert_eq!(
        names(&assets::search(v.read(), &q("CALDER ARTS"), today).unwrap()),
        ["Calder Community Choir", "Pottery for Beginners"]
    );
    assert_eq!(
        names(&assets::search(v.read(), &q("hx7 6"), today).unwrap()),
        ["Tuesday Walking Group"]
    );
    assert_eq!(
        names(&assets::search(v.read(), &q("green"), today).unwrap()),
        ["Tuesday Walking Group"],
        "category labels are searchable"
    );
    // A name match outranks a description-only match.
    assert_eq!(
        names(&assets::search(v.read(), &q("calder"), today).unwrap())[0],
        "Calder Community Choir"
    );
    // Punctuation in the query is harmless.
    assert!(assets::search(v.read(), &q("\"drop-in*"), today)
        .unwrap()
        .iter()
        .any(|h| h.name == "Debt Advice Drop-in"));

    let free_arts = AssetQuery {
        category: Some(NeedCategory::ArtsCulture),
        free_only: true,
        ..Default::default()
    };
    assert_eq!(
        names(&assets::search(v.read(), &free_arts, today).unwrap()),
        ["Calder Community Choir"]
    );

    v.write(|tx| assets::set_favourite(tx, &walk, true))
        .unwrap();
    let favs = AssetQuery {
        favourites_only: true,
        ..Default::default()
    };
    assert_eq!(
        names(&assets::search(v.read(), &favs, today).unwrap()),
        ["Tuesday Walking Group"]
    );
    assert_eq!(
        names(&assets::search(v.read(), &AssetQuery::default(), today).unwrap())[0],
        "Tuesday Walking Group",
        "favourites first"
    );

    // Stale after 12 months without verification; "verify now" clears it.
    let later = day("2027-12-01");
    let hits = assets::search(v.read(), &q("pottery"), later).unwrap();
    assert!(hits[0].stale);
    v.write(|tx| assets::verify(tx, &pottery, later)).unwrap();
    assert!(!assets::search(v.read(), &q("pottery"), later).unwrap()[0].stale);
    let recent = AssetQuery {
        verified_within_months: Some(6),
        ..Default::default()
    };
    assert_eq!(
        names(&assets::search(v.read(), &recent, later).unwrap()),
        ["Pottery for Beginners"]
    );

    // Editing keeps search in step.
    let mut renamed = asset(
        "Calder Valley Singers",
        "Calder Arts",
        &[NeedCategory::ArtsCulture],
        CostKind::Free,
        "HX7 5AB",
    );
    renamed.description = None;
    v.write(|tx| assets::update_asset(tx, &choir, &renamed))
        .unwrap();
    assert!(assets::search(v.read(), &q("choir"), today)
        .unwrap()
        .is_empty());
    assert_eq!(
        names(&assets::search(v.read(), &q("singers"), today).unwrap()),
        ["Calder Valley Singers"]
    );
    // One full-text row per asset however often it changes (replaced by rowid, not by a scan).
    v.write(|tx| assets::update_asset(tx, &choir, &renamed))
        .unwrap();
    v.lock().unwrap();
    assert_eq!(count(&dir, "asset_fts"), count(&dir, "asset"));
}

#[test]
fn onward_referrals_record_outcomes_barriers_and_asset_use() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let gym = v
        .write(|tx| {
            assets::add_asset(
                tx,
                &asset(
                    "Gentle Gym",
                    "Leisure Trust",
                    &[NeedCategory::PhysicalActivity],
                    CostKind::Paid,
                    "HX1 2BB",
                ),
            )
        })
        .unwrap();
    let mut episodes = vec![];
    for (i, name) in ["Ann", "Ben", "Cat"].iter().enumerate() {
        episodes.push(refer(&mut v, name, &format!("Test{i}"), day("2026-10-01")).episode_id);
    }
    let onward = |v: &mut linkwork_store::Vault, e: &EpisodeId| {
        v.write(|tx| {
            onward::add_onward(
                tx,
                &OnwardInput {
                    episode_id: e.clone(),
                    asset_id: gym.clone(),
                    referred_on: day("2026-10-10"),
                    kind: OnwardKind::Referral,
                    category: NeedCategory::PhysicalActivity,
                    notes: None,
                    follow_up_on: Some(day("2026-11-10")),
                },
            )
        })
        .unwrap()
    };
    let a = onward(&mut v, &episodes[0]);
    let b = onward(&mut v, &episodes[1]);
    onward(&mut v, &episodes[2]);
    let category: String = raw(&dir)
        .query_row(
            "SELECT category FROM onward_referral WHERE id = ?1",
            [a.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        category, "physical_activity",
        "the category chosen is stored"
    );

    v.write(|tx| {
        onward::record_onward_outcome(
            tx,
            &a,
            OnwardOutcome::Attended,
            Some(day("2026-10-20")),
            &[],
        )
    })
    .unwrap();
    v.write(|tx| {
        onward::record_onward_outcome(
            tx,
            &b,
            OnwardOutcome::DidNotAttend,
            Some(day("2026-10-20")),
            &[Barrier::Cost, Barrier::Transport],
        )
    })
    .unwrap();
    let err = v
        .write(|tx| onward::record_onward_outcome(tx, &b, OnwardOutcome::Declined, None, &[]))
        .unwrap_err();
    assert_eq!(err.to_string(), "Enter the date of the outcome.");

    let early = v.write(|tx| {
        onward::add_onward(
            tx,
            &OnwardInput {
                episode_id: episodes[0].clone(),
                asset_id: gym.clone(),
                referred_on: day("2026-09-01"),
                kind: OnwardKind::Signpost,
                category: NeedCategory::PhysicalActivity,
                notes: None,
                follow_up_on: None,
            },
        )
    });
    assert!(early.is_err(), "before the referral was received");

    let used = onward::asset_use(v.read(), &gym).unwrap();
    assert_eq!((used.referred, used.with_outcome, used.attended), (3, 2, 1));
    assert_eq!(
        used.barriers,
        [
            BarrierCount {
                barrier: Barrier::Cost,
                count: 1
            },
            BarrierCount {
                barrier: Barrier::Transport,
                count: 1
            }
        ]
    );
}
