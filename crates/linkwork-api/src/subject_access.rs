//! The readable copy of a person's records (a subject access request): one HTML page, no script,
//! each record as a list of its fields in plain words, dates as DD/MM/YYYY; and the same rows as
//! JSON for anyone who needs them whole.

use linkwork_store::{audit::AuditEntry, rights::SubjectAccess};
use serde_json::Value as Json;

/// Headings in the order a reader expects; tables not named here follow under their own name.
const SECTIONS: &[(&str, &str)] = &[
    ("person", "Personal details"),
    ("person_tag", "Tags"),
    ("practice_registration", "GP practices registered at"),
    ("practice", "GP practices"),
    ("consent_decision", "Consent to share: decisions"),
    ("episode", "Referrals and episodes of care"),
    ("episode_reason", "Reasons for referral"),
    ("episode_need", "Needs and concerns"),
    ("contact", "Contacts, with notes"),
    ("contact_draft", "A contact note not yet saved"),
    ("goal", "Goals"),
    ("plan_action", "Plan actions"),
    ("risk_concern", "Risk concerns"),
    ("risk_entry", "Risk entries"),
    ("ons4_record", "Wellbeing scores (ONS4)"),
    ("pam_record", "Patient Activation Measure scores"),
    ("onward_referral", "Onward referrals"),
    ("onward_referral_barrier", "Barriers to onward referrals"),
    ("gp_line_entered", "Codes entered in the GP record"),
    ("outreach_entry", "On outreach lists from practice searches"),
    ("outreach_attempt", "Calls made from outreach lists"),
    ("group_activity", "Groups booked on"),
    ("group_member", "Bookings on groups"),
    ("group_attendance", "Group registers"),
    ("carer_link", "Carers: who cares for whom"),
    ("case_study", "Case studies written with consent"),
    ("asset", "Services referred to"),
];

/// Directory detail and record links a reader does not need (they stay in the JSON).
const SKIPPED_TABLES: &[&str] = &["asset_category", "asset_slot"];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A column name in words: `referral_received_on` → "Referral received on", `nhs_number` → "NHS number".
fn label(column: &str) -> String {
    let column = column.strip_suffix("_tenths").unwrap_or(column);
    let words: Vec<String> = column
        .split('_')
        .map(|w| match w {
            "nhs" | "gp" | "ods" | "pam" | "oruk" | "id" => w.to_uppercase(),
            "ons4" => "ONS4".into(),
            other => other.to_owned(),
        })
        .collect();
    let text = words.join(" ");
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The fixed list a column's stored words come from, so a reader sees "Took place", not
/// `took_place`.
fn choices(table: &str, column: &str) -> Vec<linkwork_core::vocab::Choice> {
    use linkwork_core::vocab::*;
    match (table, column) {
        ("episode", "status") => EpisodeStatus::choices(),
        ("goal", "status") => GoalStatus::choices(),
        ("asset", "status") => AssetStatus::choices(),
        (_, "close_reason") => CloseReason::choices(),
        (_, "referral_method") => ReferralMethod::choices(),
        (_, "referral_source") => ReferralSource::choices(),
        (_, "priority") => Priority::choices(),
        (_, "contact_type") => ContactType::choices(),
        ("contact", "outcome") => ContactOutcome::choices(),
        ("onward_referral", "outcome") => OnwardOutcome::choices(),
        ("onward_referral", "kind") => OnwardKind::choices(),
        ("onward_referral_barrier", "barrier") => Barrier::choices(),
        ("episode_reason", "reason") => ReferralReason::choices(),
        (_, "category") => NeedCategory::choices(),
        (_, "consent_to_share") => ConsentToShare::choices(),
        (_, "decision") => ConsentDecision::choices(),
        (_, "purpose") => ConsentPurpose::choices(),
        (_, "preferred_contact") => PreferredContact::choices(),
        ("person_tag", "tag") => GroupTag::choices(),
        ("risk_entry", "kind") => RiskEntryKind::choices(),
        (t, "level") if t.starts_with("risk") => RiskLevel::choices(),
        ("pam_record", "version") => linkwork_core::outcomes::PamVersion::choices(),
        _ => vec![],
    }
}

fn value(table: &str, column: &str, v: &Json) -> Option<String> {
    let text = match v {
        Json::Null => return None,
        Json::String(s) if s.is_empty() => return None,
        Json::String(s) => s.clone(),
        other => other.to_string(),
    };
    if let Some(c) = choices(table, column).into_iter().find(|c| c.value == text) {
        return Some(c.label);
    }
    // PAM scores are kept in tenths so they compare exactly.
    if column == "score_tenths" {
        if let Ok(n) = text.parse::<u32>() {
            return Some(format!("{}.{}", n / 10, n % 10));
        }
    }
    if column == "nhs_number" && text.len() == 10 {
        return Some(format!("{} {} {}", &text[..3], &text[3..6], &text[6..]));
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return Some(linkwork_core::dates::format_date_gb(d));
    }
    // A time as the link worker entered it (local, to the minute).
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M") {
        return Some(t.format("%d/%m/%Y %H:%M").to_string());
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(&text) {
        return Some(linkwork_core::dates::format_timestamp_gb(t.to_utc()));
    }
    Some(text)
}

/// The column that puts a table's records in the order they happened, if it has one.
const WHEN: &[&str] = &[
    "occurred_at",
    "recorded_on",
    "referred_on",
    "decided_on",
    "referral_received_on",
    "created_at",
];

/// Link columns (`…_id`, `id`) and stored form JSON are left out of the readable page.
fn shown(column: &str) -> bool {
    column != "id" && !column.ends_with("_id") && column != "line_key"
}

pub fn html(a: &SubjectAccess) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <title>Records held about {name}</title><style>\
         body{{font-family:Arial,sans-serif;max-width:60em;margin:2em auto;line-height:1.4;color:#212b32}}\
         section.record{{border-left:4px solid #005eb8;padding:0 1em;margin:1em 0}}\
         dl{{display:grid;grid-template-columns:14em 1fr;gap:.2em 1em}}dt{{font-weight:bold}}\
         dd{{margin:0;white-space:pre-wrap}}table{{border-collapse:collapse}}\
         td,th{{border:1px solid #aeb7bd;padding:.2em .5em;text-align:left}}\
         </style></head><body><h1>Records held about {name}</h1>\
         <p>Made on {made} by Linkwork, the social prescribing link worker's record. It holds every \
         record about this person, including notes, and what was done to those records and when. \
         The file <code>records.json</code> beside this page holds the same records whole.</p>",
        name = esc(&a.name),
        made = linkwork_core::dates::format_timestamp_gb(a.generated_at),
    ));
    let mut order: Vec<(&str, String)> =
        SECTIONS.iter().map(|(t, h)| (*t, h.to_string())).collect();
    for t in a.tables.keys() {
        if !order.iter().any(|(o, _)| o == t) && !SKIPPED_TABLES.contains(&t.as_str()) {
            order.push((t.as_str(), label(t)));
        }
    }
    for (table, heading) in order {
        let Some(rows) = a.tables.get(table).filter(|r| !r.is_empty()) else {
            continue;
        };
        out.push_str(&format!("<h2>{}</h2>", esc(&heading)));
        let mut rows: Vec<_> = rows.iter().collect();
        if let Some(when) = WHEN.iter().find(|w| rows[0].contains_key(**w)) {
            rows.sort_by_key(|r| r.get(*when).and_then(Json::as_str).unwrap_or("").to_owned());
        }
        for (i, row) in rows.iter().enumerate() {
            out.push_str(&format!(
                "<section class=\"record\"><h3>{} of {}</h3><dl>",
                i + 1,
                rows.len()
            ));
            for (column, v) in row.iter().filter(|(c, _)| shown(c)) {
                if let Some(text) = value(table, column, v) {
                    out.push_str(&format!(
                        "<dt>{}</dt><dd>{}</dd>",
                        esc(&label(column)),
                        esc(&text)
                    ));
                }
            }
            out.push_str("</dl></section>");
        }
    }
    out.push_str("<h2>What was done to these records</h2>");
    out.push_str(&audit_table(&a.audit));
    out.push_str("</body></html>\n");
    out
}

fn audit_table(entries: &[AuditEntry]) -> String {
    if entries.is_empty() {
        return "<p>Nothing recorded.</p>".into();
    }
    let mut t = String::from(
        "<table><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">What</th>\
         <th scope=\"col\">Record</th><th scope=\"col\">Fields changed</th></tr></thead><tbody>",
    );
    for e in entries {
        let when = value("audit", "at", &Json::String(e.at.clone())).unwrap_or_default();
        t.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&when),
            esc(&crate::handlers::rights::action_words(e.action)),
            esc(&crate::handlers::rights::record_words(e.entity)),
            esc(&e.fields.join(", ")),
        ));
    }
    t.push_str("</tbody></table>");
    t
}

/// The rows whole, with the audit events, as JSON.
pub fn json(a: &SubjectAccess) -> Vec<u8> {
    let audit: Vec<Json> = a
        .audit
        .iter()
        .map(|e| {
            serde_json::json!({
                "at": e.at, "action": e.action.as_str(), "record": e.entity.as_str(),
                "record_id": e.entity_id, "by": e.actor, "fields": e.fields,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "format": "linkwork-subject-access",
        "version": 1,
        "person_id": a.person_id.as_str(),
        "name": a.name,
        "generated_at": a.generated_at.to_rfc3339(),
        "records": a.tables,
        "audit": audit,
    });
    serde_json::to_vec_pretty(&doc).expect("serialises")
}
