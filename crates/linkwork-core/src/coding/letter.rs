//! The letters back after social prescribing, shaped like the national standard's "message back
//! to GP and referrer" but written twice, because consent to share has a purpose: one to the GP
//! practice and one to the referrer. Each holds only what its consent covers:
//! - the GP's letter, with consent to share with the GP: why referred, what matters, support and
//!   onward referrals with their outcomes, scores at start and latest, this episode's concerns
//!   (open, or closed during it — never another episode's), status, and the coded entries; without
//!   it, the coded entries only, and why;
//! - the referrer's letter, with consent to share with the referrer: the same less the risk log and
//!   the codes (never the risk log, whatever the consent); without it, a plain notice that the
//!   referral was received, when the person was first contacted and whether the episode has
//!   closed, and why it says no more.
//!
//! One rendering serves the screen (the body, shown and printed by the webview) and the standalone
//! file (the same body inside a page with its own styles). Every value is HTML-escaped here.

use super::engine::{summary, support_given, CodedLine, SummaryMode};
use super::map::CodeMap;
use crate::caseload::{ConcernView, EpisodeView, PersonRecord};
use crate::dates::format_date_gb;
use crate::ids::EpisodeId;
use crate::nhs::NhsNumber;
use crate::vocab::{ConsentPurpose, ConsentToShare, EpisodeStatus, OnwardKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who a letter is for. Each has its own consent to share.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LetterTo {
    #[default]
    Gp,
    Referrer,
}

impl LetterTo {
    pub fn purpose(self) -> ConsentPurpose {
        match self {
            LetterTo::Gp => ConsentPurpose::ShareWithGp,
            LetterTo::Referrer => ConsentPurpose::ShareWithReferrer,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GpLetter {
    pub episode_id: EpisodeId,
    pub to: LetterTo,
    pub mode: SummaryMode,
    /// The letter may hold more than the codes (GP) or the plain notice (referrer): the person's
    /// current consent for this letter's purpose is "yes".
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

/// The concerns of this episode: open while it ran (raised by its end, not closed before it
/// began). A concern closed before the referral arrived belongs to an earlier episode.
pub fn episode_concerns<'a>(
    record: &'a PersonRecord,
    e: &EpisodeView,
    today: NaiveDate,
) -> Vec<&'a ConcernView> {
    let end = e.closed_on.unwrap_or(today);
    record
        .concerns
        .iter()
        .filter(|c| c.entered_in_error.is_none())
        .filter(|c| c.raised_on <= end && c.closed_on.is_none_or(|d| d >= e.referral_received_on))
        .collect()
}

/// The letter to `to` about episode `e` of `record`, written `today`, signed by the link worker
/// (their name from Settings, when given).
pub fn letter(
    record: &PersonRecord,
    e: &EpisodeView,
    map: &CodeMap,
    to: LetterTo,
    mode: SummaryMode,
    today: NaiveDate,
    signed_by: Option<&str>,
) -> GpLetter {
    let consent = record.consent_for(to.purpose());
    let full_allowed = consent == ConsentToShare::Yes;
    let mode = if full_allowed {
        mode
    } else {
        SummaryMode::CodesOnly
    };
    let p = &record.person;
    let title = match to {
        LetterTo::Gp => "Social prescribing: message to the GP practice",
        LetterTo::Referrer => "Social prescribing: message to the referrer",
    };
    let mut h = Html(String::new());
    h.0.push_str("<article class=\"letter\">\n");
    h.0.push_str(&format!(
        "<header class=\"letter-head\">\n<h1>{}</h1>\n",
        esc(title)
    ));
    h.p(&format!("Date: {}", format_date_gb(today)));
    h.0.push_str("</header>\n");

    let practice = join_nonempty(
        &[
            p.gp_practice_name.as_deref(),
            p.gp_practice_ods.as_deref().map(|o| o.trim()),
        ],
        ", ",
    );
    let referrer = join_nonempty(
        &[
            e.referrer_name.as_deref(),
            e.referrer_role.as_deref(),
            e.referrer_organisation.as_deref(),
        ],
        ", ",
    );
    h.facts(&[match to {
        LetterTo::Gp => ("To the GP practice", practice),
        LetterTo::Referrer => ("To the referrer", referrer),
    }]);

    h.h2("About");
    let name = format!("{} {}", p.given_name.trim(), p.family_name.trim());
    let died = p.date_of_death.map(format_date_gb);
    let notice = to == LetterTo::Referrer && mode == SummaryMode::CodesOnly;
    if notice {
        h.facts(&[
            ("Name", Some(name)),
            ("NHS number", nhs_shown(p.nhs_number.as_deref())),
            ("Date of birth", p.date_of_birth.map(format_date_gb)),
            ("Died", died),
            (
                "Referral received",
                Some(format_date_gb(e.referral_received_on)),
            ),
            (
                "First contacted",
                Some(
                    e.first_contact_on()
                        .map(format_date_gb)
                        .unwrap_or_else(|| "Not yet".into()),
                ),
            ),
            (
                "Closed",
                Some(
                    e.closed_on
                        .map(format_date_gb)
                        .unwrap_or_else(|| "No, still open".into()),
                ),
            ),
        ]);
    } else {
        h.facts(&[
            ("Name", Some(name)),
            ("NHS number", nhs_shown(p.nhs_number.as_deref())),
            ("Date of birth", p.date_of_birth.map(format_date_gb)),
            ("Died", died),
            ("Postcode", p.postcode.clone()),
            (
                "Referral received",
                Some(format_date_gb(e.referral_received_on)),
            ),
            ("Status", Some(status_text(e))),
        ]);
    }

    if mode == SummaryMode::Full {
        full_sections(&mut h, e);
        if to == LetterTo::Gp {
            risk_section(&mut h, record, e, today);
        }
    } else {
        let who = match to {
            LetterTo::Gp => "the GP practice",
            LetterTo::Referrer => "the referrer",
        };
        let holds = match to {
            LetterTo::Gp => "this letter holds the coded record only",
            LetterTo::Referrer => "this letter says only that the referral was received, when the person was first contacted and whether their support has ended",
        };
        h.p(&if full_allowed {
            format!("{}.", capitalise(holds))
        } else {
            format!(
                "Consent to share with {who} is recorded as \u{201c}{}\u{201d}, so {holds}.",
                consent.label()
            )
        });
    }

    if to == LetterTo::Gp {
        let coded = summary(record, e, map, mode);
        coded_section(&mut h, &coded.lines);
    }
    h.0.push_str("<footer class=\"letter-sign\">\n");
    if let Some(name) = signed_by.map(str::trim).filter(|n| !n.is_empty()) {
        h.p(name);
    }
    h.p("Social prescribing link worker");
    h.0.push_str("</footer>\n</article>\n");

    let body_html = h.0;
    let html = format!(
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body_html}</body>\n</html>\n",
        esc(title)
    );
    GpLetter {
        episode_id: e.id.clone(),
        to,
        mode,
        full_allowed,
        body_html,
        html,
        file_name: format!(
            "social-prescribing-{}-letter-{}.html",
            match to {
                LetterTo::Gp => "gp",
                LetterTo::Referrer => "referrer",
            },
            today.format("%Y-%m-%d")
        ),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn coded_section(h: &mut Html, lines: &[CodedLine]) {
    h.h2("Coded entries for the GP record");
    if lines.is_empty() {
        h.p("No coded entries yet.");
        return;
    }
    let rows: Vec<Vec<String>> = lines
        .iter()
        .rev()
        .map(|l| {
            let mut term = l.term.clone();
            if l.by_referrer {
                term.push_str(" (coded by the referrer)");
            }
            vec![
                format_date_gb(l.on),
                l.concept_id.clone().unwrap_or_else(|| "(no code)".into()),
                term,
                l.value.clone().unwrap_or_default(),
            ]
        })
        .collect();
    h.table(
        "Coded entries, oldest first",
        &["Date", "SNOMED CT", "Entry", "Value"],
        &rows,
    );
    if lines.iter().any(|l| l.by_referrer) {
        h.p("Coded by the referrer: the practice's referrers enter these themselves, so the link worker does not enter them again.");
    }
}

fn full_sections(h: &mut Html, e: &EpisodeView) {
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
}

/// This episode's concerns (never another episode's): only in the GP's letter, with consent.
fn risk_section(h: &mut Html, record: &PersonRecord, e: &EpisodeView, today: NaiveDate) {
    h.h2("Risks");
    let risks: Vec<Vec<String>> = episode_concerns(record, e, today)
        .into_iter()
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
