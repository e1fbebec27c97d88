//! The parts of an ORUK service Linkwork reads and writes, and the mapping to and from
//! [`AssetInput`]. Fields with no ORUK home (who it is for, how to refer, categories) travel as
//! attributes in Linkwork's own taxonomies, so an export and re-import loses nothing.

use linkwork_core::assets::{parse_time, AssetInput, Slot, WEEKDAYS};
use linkwork_core::vocab::{AssetStatus, CostKind, Delivery, NeedCategory, ReferralRoute};
use serde::{Deserialize, Serialize};

pub const TAXONOMY_CATEGORY: &str = "linkwork:need-category";
pub const TAXONOMY_ROUTE: &str = "linkwork:referral-route";
pub const TAXONOMY_ELIGIBILITY: &str = "linkwork:eligibility";
pub const TAXONOMY_LGA: &str = "esdServiceTypes";

pub const ACCESS_WHEELCHAIR: &str = "Wheelchair accessible";
pub const ACCESS_LOOP: &str = "Hearing loop";
pub const ACCESS_TRANSPORT: &str = "Transport can be arranged";

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Service {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_at_locations: Vec<ServiceAtLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cost_options: Vec<CostOption>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Schedule {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct ServiceAtLocation {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Location {
    pub id: String,
    pub location_type: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accessibility: Vec<Accessibility>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Address {
    pub id: String,
    pub address_1: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_2: Option<String>,
    pub city: String,
    pub state_province: String,
    pub postal_code: String,
    pub country: String,
    pub address_type: String,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Accessibility {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct CostOption {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_description: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Contact {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Phone {
    pub id: String,
    pub number: String,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Attribute {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxonomy_term: Option<TaxonomyTerm>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct TaxonomyTerm {
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxonomy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
}

fn some(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// A problem with one field, for the caller to place.
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

fn age(field: &'static str, v: Option<f64>) -> Result<Option<u8>, FieldProblem> {
    match v {
        None => Ok(None),
        Some(a) if a.fract() == 0.0 && (0.0..=130.0).contains(&a) => Ok(Some(a as u8)),
        Some(a) => Err(FieldProblem {
            field,
            message: format!(
                "{a} is not an age Linkwork can use; give a whole number of years from 0 to 130."
            ),
        }),
    }
}

/// ORUK status text to ours. The schema's enum has already refused anything else.
fn status(s: &str) -> AssetStatus {
    match s {
        "inactive" => AssetStatus::Inactive,
        "defunct" => AssetStatus::Defunct,
        "temporarily closed" => AssetStatus::TemporarilyClosed,
        _ => AssetStatus::Active,
    }
}

pub fn status_text(s: AssetStatus) -> &'static str {
    match s {
        AssetStatus::Active => "active",
        AssetStatus::Inactive => "inactive",
        AssetStatus::Defunct => "defunct",
        AssetStatus::TemporarilyClosed => "temporarily closed",
    }
}

fn money(a: f64) -> String {
    if a.fract() == 0.0 {
        format!("£{a:.0}")
    } else {
        format!("£{a:.2}")
    }
}

/// Reads one validated service. `parent` is the organisation of an organization_full feed.
pub fn to_asset(s: &Service, parent: Option<&Organization>) -> Result<AssetInput, FieldProblem> {
    let org = s.organization.as_ref().or(parent);
    let mut a = AssetInput {
        oruk_id: Some(s.id.clone()),
        name: s.name.clone(),
        organisation: org.map(|o| o.name.clone()),
        organisation_oruk_id: org
            .map(|o| o.id.clone())
            .or_else(|| some(&s.organization_id)),
        description: some(&s.description),
        website: some(&s.url),
        email: some(&s.email),
        status: Some(status(&s.status)),
        min_age: age("minimum_age", s.minimum_age)?,
        max_age: age("maximum_age", s.maximum_age)?,
        ..Default::default()
    };
    if let (Some(lo), Some(hi)) = (a.min_age, a.max_age) {
        if lo > hi {
            return Err(FieldProblem {
                field: "maximum_age",
                message: format!("The maximum age ({hi}) is below the minimum age ({lo})."),
            });
        }
    }

    // Cost: from the options when there are any; the fees text is the description.
    let opts = &s.cost_options;
    a.cost = Some(if opts.is_empty() {
        CostKind::Unknown
    } else if opts.iter().any(|o| o.amount.is_some_and(|x| x > 0.0)) {
        CostKind::Paid
    } else if opts.iter().all(|o| {
        o.amount == Some(0.0)
            || o.option
                .as_deref()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("free"))
    }) {
        CostKind::Free
    } else {
        CostKind::Paid
    });
    a.cost_description = some(&s.fees).or_else(|| {
        let priced: Vec<String> = opts
            .iter()
            .filter_map(|o| o.amount.filter(|x| *x > 0.0).map(|x| (o, x)))
            .map(|(o, x)| {
                [
                    some(&o.option).map(|t| format!("{t}:")),
                    Some(money(x)),
                    some(&o.amount_description),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
            })
            .collect();
        (!priced.is_empty()).then(|| priced.join("; "))
    });

    a.phone = s
        .contacts
        .iter()
        .flat_map(|c| &c.phones)
        .map(|p| p.number.trim().trim_matches('"').trim().to_string())
        .find(|n| !n.is_empty());

    // Where: the first physical address; online if any location is virtual.
    let locations: Vec<&Location> = s
        .service_at_locations
        .iter()
        .filter_map(|l| l.location.as_ref())
        .collect();
    let physical = locations.iter().any(|l| l.location_type != "virtual");
    let virtual_ = locations.iter().any(|l| l.location_type == "virtual");
    a.delivery = Some(match (physical, virtual_) {
        (true, true) => Delivery::Both,
        (false, true) => Delivery::Online,
        _ => Delivery::InPerson,
    });
    if let Some(addr) = locations.iter().flat_map(|l| &l.addresses).next() {
        let parts: Vec<&str> = [
            Some(addr.address_1.as_str()),
            addr.address_2.as_deref(),
            Some(addr.city.as_str()),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
        a.address = (!parts.is_empty()).then(|| parts.join(", "));
        a.postcode = Some(addr.postal_code.clone());
    }
    let mut notes = Vec::new();
    for d in locations
        .iter()
        .flat_map(|l| &l.accessibility)
        .filter_map(|x| some(&x.description))
    {
        let lower = d.to_lowercase();
        match d.as_str() {
            ACCESS_WHEELCHAIR => a.wheelchair_access = true,
            ACCESS_LOOP => a.hearing_loop = true,
            ACCESS_TRANSPORT => a.transport = true,
            _ => {
                // Council feeds describe access in words; the common ones set the flags too.
                a.wheelchair_access |= lower.contains("wheelchair");
                a.hearing_loop |=
                    lower.contains("hearing loop") || lower.contains("induction loop");
                if !notes.contains(&d) {
                    notes.push(d);
                }
            }
        }
    }
    a.access_notes = (!notes.is_empty()).then(|| notes.join("\n"));

    // When: weekly slots from byday; the descriptions as the words.
    let mut words = Vec::new();
    for sc in &s.schedules {
        if let Some(d) = some(&sc.description) {
            if !words.contains(&d) {
                words.push(d);
            }
        }
        let weekly = sc
            .freq
            .as_deref()
            .is_none_or(|f| f.eq_ignore_ascii_case("WEEKLY"));
        if let (true, Some(days)) = (weekly, sc.byday.as_deref()) {
            for code in days.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                // "1MO" (first Monday) is monthly in effect: kept in the words, not as a weekly slot.
                let Some(i) = WEEKDAYS
                    .iter()
                    .position(|(c, _)| c.eq_ignore_ascii_case(code))
                else {
                    continue;
                };
                let time = |t: &Option<String>,
                            field: &'static str|
                 -> Result<Option<String>, FieldProblem> {
                    match some(t) {
                        None => Ok(None),
                        Some(t) => parse_time(&t).map(Some).ok_or(FieldProblem {
                            field,
                            message: format!(
                                "\"{t}\" is not a time; ORUK times look like 10:00:00."
                            ),
                        }),
                    }
                };
                a.slots.push(Slot {
                    weekday: i as u8 + 1,
                    opens_at: time(&sc.opens_at, "opens_at")?,
                    closes_at: time(&sc.closes_at, "closes_at")?,
                });
            }
        }
    }
    a.schedule_text = (!words.is_empty()).then(|| words.join("\n"));

    for t in s.attributes.iter().filter_map(|x| x.taxonomy_term.as_ref()) {
        let taxonomy = t.taxonomy.as_deref().unwrap_or_default();
        let term = t.term.as_deref().unwrap_or_default();
        match taxonomy {
            TAXONOMY_CATEGORY => a.categories.extend(NeedCategory::from_slug(term)),
            TAXONOMY_ROUTE => {
                a.referral_route = ReferralRoute::from_slug(term);
                a.referral_how = Some(t.description.clone());
            }
            TAXONOMY_ELIGIBILITY => a.eligibility = Some(t.description.clone()),
            _ if taxonomy.to_lowercase().starts_with("esd")
                || t.term_uri
                    .as_deref()
                    .is_some_and(|u| u.contains("id.esd.org.uk/service")) =>
            {
                a.lga_service_type = Some(if term.is_empty() {
                    t.name.clone()
                } else {
                    term.to_string()
                });
            }
            // Other taxonomies: a term whose name is one of our category labels counts.
            _ => a.categories.extend(
                NeedCategory::ALL
                    .iter()
                    .copied()
                    .find(|c| c.label().eq_ignore_ascii_case(t.name.trim())),
            ),
        }
    }
    Ok(a.normalised())
}

/// A stable id for something Linkwork makes up on export (an organisation, a location…), so the
/// same directory always exports the same ids.
pub fn derived_id(kind: &str, key: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        format!("linkwork:{kind}:{key}").as_bytes(),
    )
    .to_string()
}

fn term(id_key: &str, taxonomy: &str, term: &str, name: &str, description: &str) -> Attribute {
    Attribute {
        id: derived_id("attribute", id_key),
        taxonomy_term: Some(TaxonomyTerm {
            id: derived_id("term", &format!("{taxonomy}:{term}")),
            name: name.to_string(),
            description: description.to_string(),
            taxonomy: Some(taxonomy.to_string()),
            term_uri: None,
            term: Some(term.to_string()),
        }),
    }
}

/// One asset as an ORUK service_full. `id` is its ORUK id (a local asset's own id when it has none).
pub fn from_asset(id: &str, a: &AssetInput) -> Service {
    let org = a.organisation.as_ref().map(|name| {
        let org_id = a
            .organisation_oruk_id
            .clone()
            .unwrap_or_else(|| derived_id("organization", name));
        Organization {
            id: org_id,
            name: name.clone(),
            description: name.clone(),
        }
    });
    let k = |what: &str| format!("{id}:{what}");
    let delivery = a.delivery.unwrap_or(Delivery::InPerson);
    let mut accessibility = Vec::new();
    for (on, text) in [
        (a.wheelchair_access, ACCESS_WHEELCHAIR),
        (a.hearing_loop, ACCESS_LOOP),
        (a.transport, ACCESS_TRANSPORT),
    ] {
        if on {
            accessibility.push(Accessibility {
                id: derived_id("accessibility", &k(text)),
                description: Some(text.into()),
            });
        }
    }
    for (i, line) in a.access_notes.iter().flat_map(|n| n.lines()).enumerate() {
        accessibility.push(Accessibility {
            id: derived_id("accessibility", &k(&format!("note{i}"))),
            description: Some(line.into()),
        });
    }
    let addresses = if a.address.is_some() || a.postcode.is_some() {
        vec![Address {
            id: derived_id("address", id),
            address_1: a.address.clone().unwrap_or_default(),
            address_2: None,
            city: String::new(),
            state_province: String::new(),
            postal_code: a.postcode.clone().unwrap_or_default(),
            country: "GB".into(),
            address_type: "physical".into(),
        }]
    } else {
        vec![]
    };
    // The address and access details sit on the first location: the physical one, or for an
    // online-only asset the virtual one (where the importer also looks).
    let mut details = Some((addresses, accessibility));
    let mut locations = Vec::new();
    for (kind, wanted) in [
        ("physical", delivery != Delivery::Online),
        ("virtual", delivery != Delivery::InPerson),
    ] {
        if wanted {
            let (addresses, accessibility) = details.take().unwrap_or_default();
            locations.push(Location {
                id: derived_id("location", &k(kind)),
                location_type: kind.into(),
                addresses,
                accessibility,
            });
        }
    }
    let service_at_locations = locations
        .into_iter()
        .map(|l| ServiceAtLocation {
            id: derived_id("service_at_location", &format!("{id}:{}", l.id)),
            location: Some(l),
        })
        .collect();

    let mut schedules: Vec<Schedule> = a
        .schedule_text
        .iter()
        .flat_map(|t| t.lines())
        .enumerate()
        .map(|(i, line)| Schedule {
            id: derived_id("schedule", &k(&format!("text{i}"))),
            description: Some(line.into()),
            ..Default::default()
        })
        .collect();
    for s in &a.slots {
        let key = format!("{}:{:?}:{:?}", s.weekday, s.opens_at, s.closes_at);
        schedules.push(Schedule {
            id: derived_id("schedule", &k(&key)),
            freq: Some("WEEKLY".into()),
            byday: Some(WEEKDAYS[usize::from(s.weekday.clamp(1, 7)) - 1].0.into()),
            opens_at: s.opens_at.as_ref().map(|t| format!("{t}:00")),
            closes_at: s.closes_at.as_ref().map(|t| format!("{t}:00")),
            description: None,
        });
    }

    let cost_options = match a.cost.unwrap_or(CostKind::Unknown) {
        CostKind::Free => vec![CostOption {
            id: derived_id("cost", id),
            option: Some("Free".into()),
            amount: Some(0.0),
            amount_description: None,
        }],
        CostKind::Paid => vec![CostOption {
            id: derived_id("cost", id),
            option: Some("Paid".into()),
            amount: None,
            amount_description: None,
        }],
        CostKind::Unknown => vec![],
    };
    let contacts = a
        .phone
        .iter()
        .map(|p| Contact {
            id: derived_id("contact", id),
            name: a.organisation.clone().or(Some(a.name.clone())),
            phones: vec![Phone {
                id: derived_id("phone", id),
                number: p.clone(),
            }],
        })
        .collect();

    let mut attributes: Vec<Attribute> = a
        .categories
        .iter()
        .map(|c| {
            term(
                &k(c.slug()),
                TAXONOMY_CATEGORY,
                c.slug(),
                c.label(),
                c.label(),
            )
        })
        .collect();
    if let Some(r) = a.referral_route {
        attributes.push(term(
            &k("route"),
            TAXONOMY_ROUTE,
            r.slug(),
            r.label(),
            a.referral_how.as_deref().unwrap_or_default(),
        ));
    } else if let Some(how) = &a.referral_how {
        attributes.push(term(&k("route"), TAXONOMY_ROUTE, "", "How to refer", how));
    }
    if let Some(e) = &a.eligibility {
        attributes.push(term(
            &k("eligibility"),
            TAXONOMY_ELIGIBILITY,
            "eligibility",
            "Who it is for",
            e,
        ));
    }
    if let Some(code) = &a.lga_service_type {
        let mut t = term(&k("lga"), TAXONOMY_LGA, code, code, "LGA service type");
        if let Some(tt) = t.taxonomy_term.as_mut() {
            tt.term_uri = code
                .rsplit(':')
                .next()
                .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
                .map(|n| format!("http://id.esd.org.uk/service/{n}"));
        }
        attributes.push(t);
    }

    Service {
        id: id.to_string(),
        organization_id: org.as_ref().map(|o| o.id.clone()),
        name: a.name.clone(),
        description: a.description.clone(),
        url: a.website.clone(),
        email: a.email.clone(),
        status: status_text(a.status.unwrap_or(AssetStatus::Active)).into(),
        fees: a.cost_description.clone(),
        minimum_age: a.min_age.map(f64::from),
        maximum_age: a.max_age.map(f64::from),
        organization: org,
        schedules,
        service_at_locations,
        cost_options,
        contacts,
        attributes,
    }
}
