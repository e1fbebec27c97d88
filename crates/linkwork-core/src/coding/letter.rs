//! The letter back to the GP and the referrer, shaped like the national standard's "message back
//! to GP and referrer": who, why referred, what matters, support and onward referrals with their
//! outcomes, scores at start and latest, risks, status, and the coded entries.
//!
//! One rendering serves the screen (the body, shown and printed by the webview) and the standalone
//! file (the same body inside a page with its own styles). Every value is HTML-escaped here.

use super::engine::{summary, support_given, SummaryMode};
use super::map::CodeMap;
use crate::caseload::{EpisodeView, PersonRecord};
use crate::dates::format_date_gb;
use crate::ids::EpisodeId;
use crate::nhs::NhsNumber;
use crate::vocab::{ConsentToShare, EpisodeStatus, OnwardKind};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GpLetter {
    pub episode_id: EpisodeId,
    pub mode: SummaryMode,
    pub full_allowed: bool,
    /// The letter's body as an HTML fragment (escaped; no scripts, no styles).
    pub body_html: String,
    /// A standalone page: the body with its own print styles, to save as a file.
    pub html: String,
    /// A file name to suggest; it holds no name or NHS number (file names show in lists).
    pub file_name: String,
}

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

struct Html(String);

impl Html {
    fn h2(&mut self, t: &str) {
        self.0.push_str(&format!("<h2>{}</h2>\n", esc(t)));
    }
    fn p(&mut self, t: &str) {
        self.0.push_str(&format!("<p>{}</p>\n", esc(t)));
    }
    /// A two-column list of facts; rows with no value are left out.
    fn facts(&mut self, rows: &[(&str, Option<String>)]) {
        self.0.push_str("<dl class=\"letter-facts\">\n");
        for (k, v) in rows {
            if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                self.0
                    .push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", esc(k), esc(v)));
            }
        }
        self.0.push_str("</dl>\n");
    }
    fn table(&mut self, caption: &str, head: &[&str], rows: &[Vec<String>]) {
        self.0.push_str(&format!(
            "<table><caption class=\"letter-visually-hidden\">{}</caption>\n<thead><tr>",
            esc(caption)
        ));
        for h in head {
            self.0
                .push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
        }
        self.0.push_str("</tr></thead>\n<tbody>\n");
        for r in rows {
            self.0.push_str("<tr>");
            for c in r {
                self.0.push_str(&format!("<td>{}</td>", esc(c)));
            }
            self.0.push_str("</tr>\n");
        }
        self.0.push_str("</tbody></table>\n");
    }
}

fn nhs_shown(n: Option<&str>) -> Option<String> {
    n.map(|n| {
        NhsNumber::parse("nhs_number", n)
            .map(|n| n.formatted())
            .unwrap_or_else(|_| n.to_string())
    })
}

fn join_nonempty(parts: &[Option<&str>], sep: &str) -> Option<String> {
    let v: Vec<&str> = parts
        .iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    (!v.is_empty()).then(|| v.join(sep))
}

fn status_text(e: &EpisodeView) -> String {
    match e.status {
        EpisodeStatus::Waiting => "Waiting for a first contact".to_string(),
        EpisodeStatus::Active => "Active: working with the link worker".to_string(),
        EpisodeStatus::Closed => {
            let mut s = "Closed".to_string();
            if let Some(on) = e.closed_on {
                s.push_str(&format!(" on {}", format_date_gb(on)));
            }
            if let Some(r) = e.close_reason {
                s.push_str(&format!(" ({})", r.label().to_lowercase()));
            }
            s
        }
    }
}

/// The letter for episode `e` of `record`, written `today`, signed by the link worker (their name
/// from Settings, when given).
pub fn letter(
    record: &PersonRecord,
    e: &EpisodeView,
    map: &CodeMap,
    mode: SummaryMode,
    today: NaiveDate,
    signed_by: Option<&str>,
) -> GpLetter {
    let coded = summary(record, e, map, mode);
    let p = &record.person;
    let mut h = Html(String::new());
    h.0.push_str("<article class=\"letter\">\n");
    h.0.push_str("<header class=\"letter-head\">\n<h1>Social prescribing: message back to GP and referrer</h1>\n");
    h.p(&format!("Date: {}", format_date_gb(today)));
    h.0.push_str("</header>\n");

    h.facts(&[
        (
            "To the GP practice",
            join_nonempty(
                &[
                    p.gp_practice_name.as_deref(),
                    p.gp_practice_ods.as_deref().map(|o| o.trim()),
                ],
                ", ",
            ),
        ),
        (
            "And the referrer",
            join_nonempty(
                &[
                    e.referrer_name.as_deref(),
                    e.referrer_role.as_deref(),
                    e.referrer_organisation.as_deref(),
                ],
                ", ",
            ),
        ),
    ]);

    h.h2("About");
    let name = format!("{} {}", p.given_name.trim(), p.family_name.trim());
    h.facts(&[
        ("Name", Some(name)),
        ("NHS number", nhs_shown(p.nhs_number.as_deref())),
        ("Date of birth", p.date_of_birth.map(format_date_gb)),
        ("Postcode", p.postcode.clone()),
        (
            "Referral received",
            Some(format_date_gb(e.referral_received_on)),
        ),
        ("Status", Some(status_text(e))),
    ]);

    if coded.mode == SummaryMode::Full {
        full_sections(&mut h, record, e);
    } else {
        let why = if record.person.consent_to_share == ConsentToShare::Yes {
            "This letter holds the coded record only.".to_string()
        } else {
            format!(
                "Consent to share a narrative is recorded as \u{201c}{}\u{201d}, so this letter holds the coded record only.",
                record.person.consent_to_share.label()
            )
        };
        h.p(&why);
    }

    h.h2("Coded entries for the GP record");
    if coded.lines.is_empty() {
        h.p("No coded entries yet.");
    } else {
        let rows: Vec<Vec<String>> = coded
            .lines
            .iter()
            .rev()
            .map(|l| {
                vec![
                    format_date_gb(l.on),
                    l.concept_id.clone().unwrap_or_else(|| "(no code)".into()),
                    l.term.clone(),
                    l.value.clone().unwrap_or_default(),
                ]
            })
            .collect();
        h.table(
            "Coded entries, oldest first",
            &["Date", "SNOMED CT", "Entry", "Value"],
            &rows,
        );
    }
    h.0.push_str("<footer class=\"letter-sign\">\n");
    if let Some(name) = signed_by.map(str::trim).filter(|n| !n.is_empty()) {
        h.p(name);
    }
    h.p("Social prescribing link worker");
    h.0.push_str("</footer>\n</article>\n");

    let body_html = h.0;
    let html = format!(
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Social prescribing: message back to GP and referrer</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body_html}</body>\n</html>\n"
    );
    GpLetter {
        episode_id: e.id.clone(),
        mode: coded.mode,
        full_allowed: coded.full_allowed,
        body_html,
        html,
        file_name: format!(
            "social-prescribing-letter-{}.html",
            today.format("%Y-%m-%d")
        ),
    }
}

fn full_sections(h: &mut Html, record: &PersonRecord, e: &EpisodeView) {
    h.h2("Reason for referral");
    let reasons: Vec<&str> = e.referral_reasons.iter().map(|r| r.label()).collect();
    let needs: Vec<&str> = e.referral_categories.iter().map(|c| c.label()).collect();
    h.facts(&[
        ("Reasons", (!reasons.is_empty()).then(|| reasons.join("; "))),
        (
            "Areas of need",
            (!needs.is_empty()).then(|| needs.join("; ")),
        ),
    ]);
    if reasons.is_empty() && needs.is_empty() {
        h.p("No reason recorded.");
    }

    h.h2("What matters to the person");
    h.p(e
        .what_matters
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .unwrap_or("Not recorded yet."));

    h.h2("Support given");
    h.p(&support_given(e).unwrap_or_else(|| "No contact has taken place yet.".into()));
    let goals: Vec<Vec<String>> = e
        .goals
        .iter()
        .map(|g| vec![g.text.clone(), g.status.label().to_string()])
        .collect();
    if !goals.is_empty() {
        h.table("Goals", &["Goal", "Status"], &goals);
    }

    h.h2("Onward referrals and signposting");
    let onward: Vec<Vec<String>> = e
        .onward
        .iter()
        .filter(|o| o.entered_in_error.is_none())
        .map(|o| {
            vec![
                format_date_gb(o.referred_on),
                if o.kind == OnwardKind::Signpost {
                    "Signposted"
                } else {
                    "Referred"
                }
                .to_string(),
                o.asset_name.clone(),
                o.category.label().to_string(),
                o.outcome.label().to_string(),
            ]
        })
        .collect();
    if onward.is_empty() {
        h.p("None.");
    } else {
        h.table(
            "Onward referrals and signposting",
            &["Date", "How", "Service", "Area", "Outcome"],
            &onward,
        );
    }

    h.h2("Outcome scores");
    let mut scores: Vec<Vec<String>> = Vec::new();
    if let Some(changes) = &e.outcomes.ons4_change {
        for c in changes {
            let shown = |s: &crate::outcomes::ItemScore| match (s.value, &s.band_label) {
                (Some(v), Some(b)) => format!("{v}/10 ({})", b.to_lowercase()),
                (Some(v), None) => format!("{v}/10"),
                (None, _) => "not answered".into(),
            };
            scores.push(vec![
                format!("ONS4 {}", c.label.to_lowercase()),
                shown(&c.baseline),
                shown(&c.latest),
                c.summary.clone(),
            ]);
        }
    } else if let Some(first) = e.outcomes.ons4.first() {
        for s in &first.items {
            scores.push(vec![
                format!("ONS4 {}", s.item.label().to_lowercase()),
                s.value
                    .map(|v| format!("{v}/10"))
                    .unwrap_or_else(|| "not answered".into()),
                "not yet recorded".into(),
                String::new(),
            ]);
        }
    }
    if let Some(p) = &e.outcomes.pam_change {
        scores.push(vec![
            "PAM".into(),
            format!("{} (level {})", p.baseline_score, p.baseline_level),
            format!("{} (level {})", p.latest_score, p.latest_level),
            p.summary.clone(),
        ]);
    } else if let Some(first) = e.outcomes.pam.first() {
        scores.push(vec![
            "PAM".into(),
            format!("{} (level {})", first.score_text, first.level),
            "not yet recorded".into(),
            String::new(),
        ]);
    }
    if scores.is_empty() {
        h.p("No scores recorded.");
    } else {
        h.table(
            "Outcome scores at the start and latest",
            &["Measure", "At the start", "Latest", "Change"],
            &scores,
        );
    }

    h.h2("Risks");
    let risks: Vec<Vec<String>> = record
        .concerns
        .iter()
        .filter(|c| c.entered_in_error.is_none())
        .map(|c| {
            vec![
                format_date_gb(c.raised_on),
                c.concern.clone(),
                c.level.map(|l| l.label().to_string()).unwrap_or_default(),
                match c.closed_on {
                    Some(d) => format!("Closed {}", format_date_gb(d)),
                    None => "Open".into(),
                },
            ]
        })
        .collect();
    if risks.is_empty() {
        h.p("No risks recorded.");
    } else {
        h.table("Risks", &["Raised", "Concern", "Level", "Status"], &risks);
    }
}

/// The standalone file's styles: plain, printable, readable without the app.
const STYLE: &str = "body{font-family:Arial,Helvetica,sans-serif;color:#212b32;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #d8dde0}
.letter-facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
.letter-facts dt{font-weight:bold}.letter-facts dd{margin:0}
table{border-collapse:collapse;width:100%;margin:0 0 1rem}th,td{text-align:left;border-bottom:1px solid #d8dde0;padding:.3rem .5rem .3rem 0;vertical-align:top}
.letter-visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.letter-sign{margin-top:2rem}
@media print{body{margin:0;max-width:none}}
";
