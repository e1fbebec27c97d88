//! An episode as a FHIR R4 Bundle (type collection) using UK Core profiles: the Patient (NHS number
//! identifier), an Encounter per contact that took place, a Procedure per episode event, a
//! ServiceRequest per onward referral or signpost, an Observation per ONS4 item and PAM score.
//!
//! Built from the same coded lines as the summary, so it holds exactly what the summary holds in
//! the same mode: codes only leaves out every text line. A resource without a SNOMED code carries
//! text alone — never an invented code.

use super::engine::{summary, CodedLine, SummaryMode};
use super::map::CodeMap;
use crate::assets::OnwardView;
use crate::caseload::{ContactView, EpisodeView, PersonRecord};
use crate::outcomes::Ons4Item;
use crate::vocab::{ContactType, OnwardKind, OnwardOutcome};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc, Weekday};
use serde_json::{json, Value};
use uuid::Uuid;

pub const NHS_NUMBER_SYSTEM: &str = "https://fhir.nhs.uk/Id/nhs-number";
pub const SNOMED_SYSTEM: &str = "http://snomed.info/sct";
const PROFILE_BASE: &str = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-";
/// Names Linkwork's resource ids (UUID v5): the same record gives the same id in every export.
const NAMESPACE: Uuid = Uuid::from_u128(0x6c69_6e6b_776f_726b_8000_0000_0000_0001);

fn id_for(key: &str) -> String {
    Uuid::new_v5(&NAMESPACE, key.as_bytes()).to_string()
}

fn meta(resource: &str) -> Value {
    json!({ "profile": [format!("{PROFILE_BASE}{resource}")] })
}

/// The UK's offset from UTC at a wall-clock time: British Summer Time runs from 01:00 UTC on the
/// last Sunday of March to 01:00 UTC on the last Sunday of October. FHIR needs an offset on any
/// time of day; the vault stores the link worker's wall-clock time.
pub fn uk_offset_hours(t: NaiveDateTime) -> i32 {
    fn last_sunday(year: i32, month: u32) -> NaiveDate {
        let mut d =
            NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().expect("in range");
        }
        d
    }
    let y = t.year();
    let start = last_sunday(y, 3).and_hms_opt(1, 0, 0).expect("valid");
    // 01:00 UTC is 02:00 BST, the wall-clock time when summer time ends.
    let end = last_sunday(y, 10).and_hms_opt(2, 0, 0).expect("valid");
    if t >= start && t < end {
        1
    } else {
        0
    }
}

fn local_date_time(t: NaiveDateTime) -> String {
    format!(
        "{}+0{}:00",
        t.format("%Y-%m-%dT%H:%M:%S"),
        uk_offset_hours(t)
    )
}

fn concept(line: &CodedLine, text: &str) -> Value {
    match &line.concept_id {
        Some(code) => json!({
            "coding": [{ "system": SNOMED_SYSTEM, "code": code, "display": line.term }],
            "text": line.term,
        }),
        None => json!({ "text": text }),
    }
}

fn encounter_class(t: ContactType) -> (&'static str, &'static str) {
    match t {
        ContactType::Phone | ContactType::Video => ("VR", "virtual"),
        ContactType::HomeVisit => ("HH", "home health"),
        _ => ("AMB", "ambulatory"),
    }
}

fn encounter(id: &str, patient: &str, line: &CodedLine, c: &ContactView) -> Value {
    let (code, display) = encounter_class(c.contact_type);
    let mut r = json!({
        "resourceType": "Encounter",
        "id": id,
        "meta": meta("Encounter"),
        "status": "finished",
        "class": {
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "code": code,
            "display": display,
        },
        "type": [concept(line, &line.term)],
        "subject": { "reference": patient },
        "period": { "start": local_date_time(c.occurred_at) },
    });
    if let Some(m) = c.duration_minutes {
        r["length"] = json!({
            "value": m,
            "unit": "min",
            "system": "http://unitsofmeasure.org",
            "code": "min",
        });
    }
    r
}

fn service_request(id: &str, patient: &str, line: &CodedLine, o: &OnwardView) -> Value {
    let status = match o.outcome {
        OnwardOutcome::Pending => "active",
        OnwardOutcome::Attended | OnwardOutcome::PartlyAttended => "completed",
        _ => "revoked",
    };
    json!({
        "resourceType": "ServiceRequest",
        "id": id,
        "meta": meta("ServiceRequest"),
        "status": status,
        // A signpost suggests a service; a referral asks it to act.
        "intent": if o.kind == OnwardKind::Signpost { "proposal" } else { "order" },
        "code": concept(line, &line.term),
        "subject": { "reference": patient },
        "authoredOn": o.referred_on.format("%Y-%m-%d").to_string(),
        "performer": [{ "display": o.asset_name }],
    })
}

fn procedure(id: &str, patient: &str, line: &CodedLine) -> Value {
    json!({
        "resourceType": "Procedure",
        "id": id,
        "meta": meta("Procedure"),
        "status": "completed",
        "code": concept(line, &line.term),
        "subject": { "reference": patient },
        "performedDateTime": line.on.format("%Y-%m-%d").to_string(),
    })
}

fn observation(id: &str, patient: &str, line: &CodedLine, text: &str) -> Value {
    let mut r = json!({
        "resourceType": "Observation",
        "id": id,
        "meta": meta("Observation"),
        "status": "final",
        "code": concept(line, text),
        "subject": { "reference": patient },
        "effectiveDateTime": line.on.format("%Y-%m-%d").to_string(),
    });
    let ons4 = line.key.starts_with("ons4:");
    match line.value.as_deref() {
        Some(v) if ons4 => {
            if let Ok(n) = v.parse::<u8>() {
                r["valueInteger"] = json!(n);
            }
        }
        Some(v) => {
            if let Ok(n) = v.parse::<f64>() {
                r["valueQuantity"] = json!({ "value": n });
            }
        }
        None => {
            r["dataAbsentReason"] = json!({
                "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                    "code": "asked-declined",
                    "display": "Asked But Declined",
                }]
            });
        }
    }
    r
}

/// The Bundle for episode `e` in `mode` (full falls back to codes only without consent), made at
/// `now`.
pub fn bundle(
    record: &PersonRecord,
    e: &EpisodeView,
    map: &CodeMap,
    mode: SummaryMode,
    now: DateTime<Utc>,
) -> Value {
    let p = &record.person;
    let patient_id = id_for(&format!("person:{}", p.id.as_str()));
    let patient_ref = format!("urn:uuid:{patient_id}");
    let mut patient = json!({
        "resourceType": "Patient",
        "id": patient_id,
        "meta": meta("Patient"),
        "name": [{ "use": "official", "family": p.family_name, "given": [p.given_name] }],
    });
    if let Some(n) = &p.nhs_number {
        // Shown 3-3-4 in the app; the identifier is the 10 digits alone.
        let digits: String = n.chars().filter(char::is_ascii_digit).collect();
        patient["identifier"] = json!([{ "system": NHS_NUMBER_SYSTEM, "value": digits }]);
    }
    if let Some(d) = p.date_of_birth {
        patient["birthDate"] = json!(d.format("%Y-%m-%d").to_string());
    }
    let mut entries = vec![json!({ "fullUrl": patient_ref, "resource": patient })];

    let s = summary(record, e, map, mode);
    // Oldest first reads best in a record.
    for line in s.lines.iter().rev() {
        let id = id_for(&line.key);
        let mut parts = line.key.split(':');
        let resource = match (parts.next(), parts.next(), parts.next()) {
            (Some("contact"), Some(cid), _) => e
                .contacts
                .iter()
                .find(|c| c.id.as_str() == cid)
                .map(|c| encounter(&id, &patient_ref, line, c)),
            (Some("onward"), Some(oid), _) => e
                .onward
                .iter()
                .find(|o| o.id.as_str() == oid)
                .map(|o| service_request(&id, &patient_ref, line, o)),
            (Some("ons4"), _, Some(item)) => {
                let label = Ons4Item::from_slug(item).map_or(item, |i| i.label());
                Some(observation(
                    &id,
                    &patient_ref,
                    line,
                    &format!("ONS4 {}", label.to_lowercase()),
                ))
            }
            (Some("pam"), _, _) => Some(observation(
                &id,
                &patient_ref,
                line,
                "Patient Activation Measure score",
            )),
            _ => Some(procedure(&id, &patient_ref, line)),
        };
        if let Some(r) = resource {
            entries.push(json!({ "fullUrl": format!("urn:uuid:{id}"), "resource": r }));
        }
    }
    json!({
        "resourceType": "Bundle",
        "id": id_for(&format!("bundle:{}:{}", e.id.as_str(), now.timestamp())),
        "meta": meta("Bundle"),
        "type": "collection",
        "timestamp": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "entry": entries,
    })
}
