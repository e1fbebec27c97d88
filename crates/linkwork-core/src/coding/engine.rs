//! From an episode's records to the lines for the GP record: one per event the code map has a code
//! for, and a text line where no code exists (never a guessed code). Records entered in error never
//! make a line.

use super::map::{onward_use_for_category, onward_use_for_service, CodeMap, CodeUse};
use crate::caseload::{EpisodeView, PersonRecord};
use crate::dates::format_date_gb;
use crate::ids::EpisodeId;
use crate::outcomes::Ons4Item;
use crate::vocab::{ConsentToShare, ContactOutcome, ContactType, EpisodeStatus, OnwardKind};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// One line for the GP record: a coded event (concept id and term, maybe a value), or a text line
/// saying what happened where no code exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CodedLine {
    /// Stable across recomputations ("contact:<id>:held"): what "entered in the GP record" marks.
    pub key: String,
    pub episode_id: EpisodeId,
    pub on: NaiveDate,
    /// The event, when the line records one the map knows.
    #[serde(rename = "use")]
    #[ts(rename = "use")]
    pub code_use: Option<CodeUse>,
    /// `None`: a text line (no code exists, or the practice has not added one).
    pub concept_id: Option<String>,
    /// The code's term, or for a text line the words to record.
    pub term: String,
    pub value: Option<String>,
    /// The code is the practice's own.
    pub local: bool,
    /// The practice's referrers enter this event themselves: shown, never on the to-code list.
    pub by_referrer: bool,
    /// [`CodedLine::tsv`], for the window's Copy (so the paste format lives here only).
    pub paste: String,
}

impl CodedLine {
    /// Tab-separated, paste-ready: date, concept id, term, value. No name or NHS number, ever.
    pub fn tsv(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}",
            format_date_gb(self.on),
            self.concept_id.as_deref().unwrap_or(""),
            self.term,
            self.value.as_deref().unwrap_or("")
        )
    }
}

/// Contacts with the person themselves: correspondence (text, email, letter) and "other" are not
/// an interaction the "seen" code describes, so they are never coded.
pub fn is_interaction(t: ContactType) -> bool {
    matches!(
        t,
        ContactType::Phone
            | ContactType::FaceToFace
            | ContactType::FaceToFaceCommunity
            | ContactType::HomeVisit
            | ContactType::Video
            | ContactType::Group
    )
}

struct Lines<'m> {
    map: &'m CodeMap,
    episode: EpisodeId,
    out: Vec<CodedLine>,
}

impl Lines<'_> {
    /// A line for `u` on `on`: coded when the map has a code, else `text` (if any).
    fn event(
        &mut self,
        key: String,
        on: NaiveDate,
        u: CodeUse,
        value: Option<String>,
        // Worked out only for a text line: most events have a code, and the checklist makes
        // lines for every record in the vault.
        text: impl FnOnce() -> Option<String>,
    ) {
        let line = match self.map.code_for(u) {
            Some(c) => CodedLine {
                key,
                episode_id: self.episode.clone(),
                on,
                code_use: Some(u),
                concept_id: Some(c.concept_id.clone()),
                term: c.term.clone(),
                value,
                local: c.local,
                by_referrer: self.map.by_referrer.contains(&u),
                paste: String::new(),
            },
            // The value stays with a text line too: the FHIR export carries it as data.
            None => match text() {
                Some(t) => CodedLine {
                    value,
                    ..self.text_line(key, on, Some(u), t)
                },
                None => return,
            },
        };
        self.out.push(line);
    }

    fn text_line(&self, key: String, on: NaiveDate, u: Option<CodeUse>, text: String) -> CodedLine {
        CodedLine {
            key,
            episode_id: self.episode.clone(),
            on,
            code_use: u,
            concept_id: None,
            term: text,
            value: None,
            local: false,
            by_referrer: false,
            paste: String::new(),
        }
    }
}

fn ons4_use(item: Ons4Item) -> CodeUse {
    match item {
        Ons4Item::LifeSatisfaction => CodeUse::Ons4LifeSatisfaction,
        Ons4Item::Worthwhile => CodeUse::Ons4Worthwhile,
        Ons4Item::Happiness => CodeUse::Ons4Happiness,
        Ons4Item::Anxiety => CodeUse::Ons4Anxiety,
    }
}

/// Every line an episode gives, oldest first.
pub fn episode_lines(e: &EpisodeView, map: &CodeMap) -> Vec<CodedLine> {
    let id = e.id.as_str().to_string();
    let mut l = Lines {
        map,
        episode: e.id.clone(),
        out: Vec::new(),
    };
    if let Some(on) = e.offered_on {
        l.event(
            format!("episode:{id}:offered"),
            on,
            CodeUse::EpisodeOffered,
            None,
            || None,
        );
    }
    if let Some(on) = e.declined_on {
        l.event(
            format!("episode:{id}:declined"),
            on,
            CodeUse::EpisodeDeclined,
            None,
            || None,
        );
    }
    let mut held: Vec<_> = e
        .contacts
        .iter()
        .filter(|c| c.entered_in_error.is_none())
        .filter(|c| c.outcome == ContactOutcome::TookPlace && is_interaction(c.contact_type))
        .collect();
    held.sort_by_key(|c| c.occurred_at);
    // Accepted: once per episode, at the first interaction on or after the day of accepting.
    if let Some(accepted) = e.accepted_on {
        if let Some(first) = held.iter().find(|c| c.occurred_at.date() >= accepted) {
            l.event(
                format!("episode:{id}:accepted"),
                first.occurred_at.date(),
                CodeUse::EpisodeAccepted,
                None,
                || None,
            );
        }
    }
    for c in &held {
        l.event(
            format!("contact:{}:held", c.id.as_str()),
            c.occurred_at.date(),
            CodeUse::ContactHeld,
            None,
            || None,
        );
    }
    for o in e.onward.iter().filter(|o| o.entered_in_error.is_none()) {
        let key = format!("onward:{}", o.id.as_str());
        let what = || {
            format!(
                "{} {} ({})",
                if o.kind == OnwardKind::Signpost {
                    "Signposted to"
                } else {
                    "Referred to"
                },
                o.asset_name,
                o.category.label()
            )
        };
        let coded = match (o.kind, o.service_type) {
            // The codes are for referrals; a signpost is recorded in words.
            (OnwardKind::Signpost, _) => None,
            (OnwardKind::Referral, Some(s)) => Some(onward_use_for_service(s)),
            (OnwardKind::Referral, None) => onward_use_for_category(o.category),
        };
        match coded {
            Some(u) => l.event(key, o.referred_on, u, None, || Some(what())),
            None => {
                let line = l.text_line(key, o.referred_on, None, what());
                l.out.push(line);
            }
        }
    }
    for r in &e.outcomes.ons4 {
        for s in &r.items {
            let key = format!("ons4:{}:{}", r.id.as_str(), s.item.slug());
            let text = || {
                let label = s.item.label().to_lowercase();
                match (s.value, &s.band_label) {
                    (Some(v), Some(b)) => format!("ONS4 {label} {v}/10 ({})", b.to_lowercase()),
                    (Some(v), None) => format!("ONS4 {label} {v}/10"),
                    (None, _) => format!("ONS4 {label}: declined to answer"),
                }
            };
            match s.value {
                Some(v) => l.event(
                    key,
                    r.recorded_on,
                    ons4_use(s.item),
                    Some(v.to_string()),
                    || Some(text()),
                ),
                None => {
                    let line = l.text_line(key, r.recorded_on, None, text());
                    l.out.push(line);
                }
            }
        }
    }
    for r in &e.outcomes.pam {
        let text = || {
            format!(
                "PAM score {}, level {} ({})",
                r.score_text,
                r.level,
                r.version.label()
            )
        };
        l.event(
            format!("pam:{}", r.id.as_str()),
            r.recorded_on,
            CodeUse::PamScore,
            Some(r.score_text.clone()),
            || Some(text()),
        );
    }
    if e.status == EpisodeStatus::Closed {
        if let Some(on) = e.closed_on {
            l.event(
                format!("episode:{id}:closed"),
                on,
                CodeUse::EpisodeClosed,
                None,
                || None,
            );
        }
    }
    // Stable: by date, events of one day in the order they happen in the episode.
    l.out.sort_by_key(|x| x.on);
    for line in &mut l.out {
        line.paste = line.tsv();
    }
    l.out
}

/// What a summary may hold: codes only, or codes and a short narrative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SummaryMode {
    CodesOnly,
    Full,
}

/// The GP summary of one episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GpSummary {
    pub episode_id: EpisodeId,
    pub mode: SummaryMode,
    /// Full is allowed only when the person's current consent to share is "yes".
    pub full_allowed: bool,
    /// Newest first. Codes only: coded lines alone.
    pub lines: Vec<CodedLine>,
    /// Full only: a few sentences (what matters, support given, outcomes).
    pub narrative: Vec<String>,
    /// The whole block, paste-ready (tab-separated lines, then the narrative).
    pub text: String,
    /// Lines already marked entered in the GP record: key → when (RFC 3339). Filled by the caller,
    /// which holds the marks.
    pub entered: std::collections::BTreeMap<String, String>,
}

/// The episode's summary in `mode`; full falls back to codes only without consent to share.
pub fn summary(
    record: &PersonRecord,
    e: &EpisodeView,
    map: &CodeMap,
    mode: SummaryMode,
) -> GpSummary {
    let full_allowed = record.person.consent_to_share == ConsentToShare::Yes;
    let mode = if full_allowed {
        mode
    } else {
        SummaryMode::CodesOnly
    };
    let mut lines = episode_lines(e, map);
    if mode == SummaryMode::CodesOnly {
        lines.retain(|l| l.concept_id.is_some());
    }
    lines.reverse();
    let narrative = if mode == SummaryMode::Full {
        narrative(e)
    } else {
        Vec::new()
    };
    // Lines the referrer codes are shown with the summary but left out of what is pasted.
    let mut text: Vec<String> = lines
        .iter()
        .filter(|l| !l.by_referrer)
        .map(CodedLine::tsv)
        .collect();
    if !narrative.is_empty() {
        text.push(String::new());
        text.extend(narrative.iter().cloned());
    }
    GpSummary {
        episode_id: e.id.clone(),
        mode,
        full_allowed,
        lines,
        narrative,
        text: text.join("\n"),
        entered: Default::default(),
    }
}

/// What matters, support given and outcomes, in a few sentences. No name, no NHS number.
fn narrative(e: &EpisodeView) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(w) = e.what_matters.as_deref().filter(|w| !w.trim().is_empty()) {
        out.push(format!("What matters to the person: {}", w.trim()));
    }
    if let Some(s) = support_given(e) {
        out.push(format!("Support given: {s}"));
    }
    let onward: Vec<String> = e
        .onward
        .iter()
        .filter(|o| o.entered_in_error.is_none())
        .map(|o| format!("{} ({})", o.asset_name, o.outcome.label().to_lowercase()))
        .collect();
    if !onward.is_empty() {
        out.push(format!("Connected to: {}.", onward.join("; ")));
    }
    if let Some(changes) = &e.outcomes.ons4_change {
        let words: Vec<String> = changes
            .iter()
            .map(|c| format!("{} {}", c.label.to_lowercase(), c.summary))
            .collect();
        out.push(format!(
            "ONS4 from baseline to latest: {}.",
            words.join("; ")
        ));
    }
    if let Some(p) = &e.outcomes.pam_change {
        out.push(format!(
            "PAM from {} to {} ({}).",
            p.baseline_score, p.latest_score, p.summary
        ));
    }
    out
}

/// "6 contacts from 02/08/2026 to 19/10/2026." — contacts that took place, none entered in error.
pub(crate) fn support_given(e: &EpisodeView) -> Option<String> {
    let mut held: Vec<_> = e
        .contacts
        .iter()
        .filter(|c| c.entered_in_error.is_none() && c.outcome == ContactOutcome::TookPlace)
        .map(|c| c.occurred_at.date())
        .collect();
    held.sort();
    let (first, last) = (held.first()?, held.last()?);
    Some(format!(
        "{} contact{} from {} to {}.",
        held.len(),
        if held.len() == 1 { "" } else { "s" },
        format_date_gb(*first),
        format_date_gb(*last)
    ))
}
