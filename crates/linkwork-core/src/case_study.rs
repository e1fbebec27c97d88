//! Case studies: a de-identified story of one person's support, written with their consent for the
//! supervisor's report. Pure: the draft made from the record (relative weeks, never dates), and the
//! identifier check every saved and exported text passes.
//!
//! Invariant: a case study holds no name of the person (or of anyone named in their record), no NHS
//! number, phone number, postcode, address or exact date. `check` finds them (blocking) and warns of
//! what might be a name, place or number (capitalised words, long numbers, years); `strip`
//! replaces every blocking finding.

use crate::caseload::{EpisodeView, PersonRecord};
use crate::vocab::ContactOutcome;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

crate::vocab::vocab!(
    /// What the identifier check found.
    FindingKind {
        Name = "name": "a name from their record",
        NhsNumber = "nhs_number": "an NHS number",
        PhoneNumber = "phone_number": "a phone number",
        Postcode = "postcode": "a postcode",
        Address = "address": "part of their address",
        Date = "date": "an exact date",
        PossibleName = "possible_name": "a capitalised word (a name or a place?)",
        Number = "number": "a number that could identify someone",
    }
);

impl FindingKind {
    /// Must go before the case study can be saved or sent.
    pub fn blocking(self) -> bool {
        !matches!(self, FindingKind::PossibleName | FindingKind::Number)
    }

    fn replacement(self) -> &'static str {
        match self {
            FindingKind::Name => "[name removed]",
            FindingKind::NhsNumber => "[NHS number removed]",
            FindingKind::PhoneNumber => "[phone number removed]",
            FindingKind::Postcode => "[postcode removed]",
            FindingKind::Address => "[address removed]",
            FindingKind::Date => "[date removed]",
            FindingKind::PossibleName | FindingKind::Number => "",
        }
    }
}

/// One thing found, by its place in the text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    pub kind: FindingKind,
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub blocking: bool,
    /// In words, for the editor: "“Ivy” is a name from their record".
    pub message: String,
}

/// Words from the record that must not appear: the person's names, the referrer's, carers', and
/// their address.
#[derive(Debug, Clone, Default)]
pub struct Sentinels {
    pub names: Vec<String>,
    pub address: Vec<String>,
}

/// Words of an address that are not identifying on their own.
const ADDRESS_COMMON: &[&str] = &[
    "road",
    "street",
    "lane",
    "avenue",
    "close",
    "drive",
    "house",
    "flat",
    "court",
    "way",
    "the",
    "and",
    "place",
    "terrace",
    "gardens",
    "green",
    "crescent",
    "view",
    "walk",
    "row",
    "hill",
    "park",
    "square",
    "mews",
    "grove",
    "rise",
    "cottage",
    "farm",
    "apartment",
    "floor",
    "upper",
    "lower",
    "north",
    "south",
    "east",
    "west",
    "new",
    "old",
];

impl Sentinels {
    /// Everything about the person whose story it is that must not be in it.
    pub fn of(r: &PersonRecord) -> Self {
        let p = &r.person;
        let mut names: Vec<String> = [
            Some(&p.given_name),
            Some(&p.family_name),
            p.preferred_name.as_ref(),
        ]
        .into_iter()
        .flatten()
        .flat_map(|n| words(n))
        .collect();
        for e in &r.episodes {
            if let Some(n) = &e.referrer_name {
                names.extend(words(n).into_iter().filter(|w| !is_title(w)));
            }
        }
        for c in &r.carers {
            names.extend(words(&c.other_name));
        }
        let address = [p.address.as_deref(), p.postcode.as_deref()]
            .into_iter()
            .flatten()
            .flat_map(words)
            .filter(|w| w.chars().any(|c| c.is_alphabetic()))
            .filter(|w| !ADDRESS_COMMON.contains(&w.to_lowercase().as_str()))
            .collect();
        names.retain(|n| n.chars().count() >= 2);
        names.sort();
        names.dedup();
        Sentinels { names, address }
    }
}

fn is_title(w: &str) -> bool {
    matches!(
        w.to_lowercase().trim_end_matches('.'),
        "dr" | "mr" | "mrs" | "ms" | "miss" | "mx" | "prof" | "nurse"
    )
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_owned)
        .collect()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn is_month(w: &str) -> bool {
    let w = w.to_lowercase();
    w.len() >= 3
        && MONTHS
            .iter()
            .any(|m| *m == w || (w.len() <= 4 && m.starts_with(w.trim_end_matches('.'))))
}

/// Words a case study may start a clause with, or names of measures and services.
const ALLOWED_CAPITALS: &[&str] = &[
    "I",
    "ONS4",
    "PAM",
    "GP",
    "NHS",
    "A&E",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "English",
    "Citizens",
    "Advice",
    "Week",
    "Weeks",
];

/// A token: a run of letters and digits (with inner apostrophes and hyphens), and where it is.
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// After a full stop, a line break or at the start: a capital is expected.
    sentence_start: bool,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = vec![];
    let mut start: Option<usize> = None;
    let mut sentence_start = true;
    let mut expect_capital = true;
    let mut prev = ' ';
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        // "O'Neill", "Smith-Jones", "A&E" are one word; "2026-11-03" is three numbers.
        let joiner =
            matches!(c, '\'' | '\u{2019}' | '-' | '&') && start.is_some() && prev.is_alphabetic();
        prev = c;
        let part = c.is_alphanumeric() || joiner;
        match (start, part) {
            (None, true) => {
                start = Some(i);
                sentence_start = expect_capital;
            }
            (Some(s), false) => {
                let t = text[s..i].trim_end_matches(['\'', '\u{2019}', '-', '&']);
                out.push(Token {
                    text: t,
                    start: s,
                    end: s + t.len(),
                    sentence_start,
                });
                start = None;
                expect_capital = false;
            }
            _ => {}
        }
        if !part && matches!(c, '.' | '!' | '?' | '\n' | ':' | '•' | '(' | '"' | '“') {
            expect_capital = true;
        }
    }
    out
}

fn digits(s: &str) -> usize {
    s.chars().filter(char::is_ascii_digit).count()
}

fn is_outward_code(w: &str) -> bool {
    // A1, A11, AA1, AA11, A1A, AA1A.
    let c: Vec<char> = w.to_uppercase().chars().collect();
    let letters = c.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=2).contains(&letters) || c.len() < letters + 1 || c.len() > letters + 2 {
        return false;
    }
    c[letters].is_ascii_digit() && c[letters + 1..].iter().all(|x| x.is_ascii_alphanumeric())
}

fn is_inward_code(w: &str) -> bool {
    let c: Vec<char> = w.to_uppercase().chars().collect();
    c.len() == 3
        && c[0].is_ascii_digit()
        && c[1].is_ascii_alphabetic()
        && c[2].is_ascii_alphabetic()
}

/// Everything in `text` that identifies someone (blocking) or might (warnings), in order.
pub fn check(text: &str, s: &Sentinels) -> Vec<Finding> {
    let t = tokens(text);
    let mut out: Vec<(FindingKind, usize, usize)> = vec![];
    let mut i = 0;
    while i < t.len() {
        let w = t[i].text;
        let lower = w.to_lowercase();
        // Runs of digit groups joined by spaces or hyphens: NHS and phone numbers.
        if w.chars().all(|c| c.is_ascii_digit()) {
            // A date written with slashes or dots: 14/02/1948, 1.3.26.
            let (start, end, n) = (t[i].start, t[i].end, digits(w));
            let after = &text[end..];
            let is_date = after.starts_with(['/', '.'])
                && after[1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
                && n <= 4;
            let iso = n == 4
                && after.starts_with('-')
                && after[1..].chars().take(2).all(|c| c.is_ascii_digit());
            if is_date || iso {
                let mut end = end;
                let rest = &text[end..];
                let len = rest
                    .char_indices()
                    .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))
                    .last()
                    .map_or(0, |(k, c)| k + c.len_utf8());
                end += len;
                let end = text[..end].trim_end_matches(['.', '-', '/']).len();
                out.push((FindingKind::Date, start, end));
                while i < t.len() && t[i].start < end {
                    i += 1;
                }
                continue;
            }
            let mut j = i;
            let mut n = digits(w);
            while j + 1 < t.len()
                && t[j + 1].text.chars().all(|c| c.is_ascii_digit())
                && text[t[j].end..t[j + 1].start]
                    .chars()
                    .all(|c| c == ' ' || c == '-')
                && t[j + 1].start - t[j].end <= 1
                && n < 13
            {
                j += 1;
                n += digits(t[j].text);
            }
            let (start, end) = (t[i].start, t[j].end);
            let run = &text[start..end];
            let kind = if n == 10 && !run.starts_with('0') {
                Some(FindingKind::NhsNumber)
            } else if (n == 11 && run.starts_with('0')) || (n == 12 && run.starts_with("44")) {
                Some(FindingKind::PhoneNumber)
            } else if n >= 5 || (n == 4 && (1900..=2100).contains(&run.parse::<u32>().unwrap_or(0)))
            {
                // A long number, or a year.
                Some(FindingKind::Number)
            } else {
                None
            };
            // "14 February", "14th Feb 2026".
            if n <= 2 && j == i {
                if let Some(m) = t.get(i + 1).filter(|m| is_month(m.text)) {
                    let mut end = m.end;
                    let mut k = i + 2;
                    if let Some(y) = t
                        .get(i + 2)
                        .filter(|y| y.text.len() == 4 && y.text.chars().all(|c| c.is_ascii_digit()))
                    {
                        end = y.end;
                        k += 1;
                    }
                    out.push((FindingKind::Date, start, end));
                    i = k;
                    continue;
                }
            }
            if let Some(k) = kind {
                out.push((k, start, end));
            }
            i = j + 1;
            continue;
        }
        // "14th February".
        if lower.len() >= 3
            && lower.is_ascii()
            && lower[..lower.len() - 2].chars().all(|c| c.is_ascii_digit())
            && matches!(&lower[lower.len() - 2..], "st" | "nd" | "rd" | "th")
        {
            if let Some(m) = t.get(i + 1).filter(|m| is_month(m.text)) {
                out.push((FindingKind::Date, t[i].start, m.end));
                i += 2;
                continue;
            }
        }
        // "February 14", "March 2026".
        if is_month(w) && w.chars().next().is_some_and(char::is_uppercase) {
            if let Some(d) = t.get(i + 1).filter(|d| {
                let n = d.text.trim_end_matches(|c: char| c.is_alphabetic());
                !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
                    && (n.len() <= 2 || n.len() == 4)
            }) {
                out.push((FindingKind::Date, t[i].start, d.end));
                i += 2;
                continue;
            }
        }
        // Postcodes: "HX1 2AB", "hx12ab".
        if is_outward_code(w) {
            if let Some(inward) = t
                .get(i + 1)
                .filter(|n| is_inward_code(n.text) && n.start - t[i].end <= 1)
            {
                out.push((FindingKind::Postcode, t[i].start, inward.end));
                i += 2;
                continue;
            }
        }
        if w.is_ascii()
            && w.len() >= 5
            && w.len() <= 7
            && is_outward_code(&w[..w.len() - 3])
            && is_inward_code(&w[w.len() - 3..])
        {
            out.push((FindingKind::Postcode, t[i].start, t[i].end));
            i += 1;
            continue;
        }
        if s.names.iter().any(|n| n.eq_ignore_ascii_case(w)) {
            out.push((FindingKind::Name, t[i].start, t[i].end));
        } else if s.address.iter().any(|a| a.eq_ignore_ascii_case(w)) {
            out.push((FindingKind::Address, t[i].start, t[i].end));
        } else if !t[i].sentence_start
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !ALLOWED_CAPITALS.contains(&w)
            && !is_month(w)
        {
            out.push((FindingKind::PossibleName, t[i].start, t[i].end));
        }
        i += 1;
    }
    out.into_iter()
        .map(|(kind, start, end)| {
            let found = text[start..end].to_string();
            Finding {
                message: if kind.blocking() {
                    format!(
                        "\u{201c}{found}\u{201d} is {}: it must come out.",
                        kind.label()
                    )
                } else {
                    format!(
                        "\u{201c}{found}\u{201d} is {}: check it identifies no one.",
                        kind.label()
                    )
                },
                kind,
                text: found,
                start: start as u32,
                end: end as u32,
                blocking: kind.blocking(),
            }
        })
        .collect()
}

/// `text` with every blocking finding replaced (a name by "[name removed]", and so on).
pub fn strip(text: &str, s: &Sentinels) -> String {
    let mut out = text.to_string();
    let found = check(text, s);
    for f in found.iter().rev().filter(|f| f.blocking) {
        out.replace_range(f.start as usize..f.end as usize, f.kind.replacement());
    }
    out
}

/// A label in the middle of a sentence: "Loneliness" becomes "loneliness", "GP" stays "GP".
fn mid_sentence(label: &str) -> String {
    let mut c = label.chars();
    match (c.next(), c.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => a
            .to_lowercase()
            .chain(label[a.len_utf8()..].chars())
            .collect(),
        _ => label.to_string(),
    }
}

/// "week 3": the week of support a day falls in, counting from the referral.
pub fn week_of(received: NaiveDate, on: NaiveDate) -> i64 {
    (on - received).num_days().max(0) / 7 + 1
}

/// A first draft from the record: who referred and why, what mattered (as written: it is checked
/// like everything else), the support given, where they were connected, and the change in ONS4
/// and PAM. Weeks, never dates; kinds of service, never their names.
pub fn draft(e: &EpisodeView) -> String {
    let received = e.referral_received_on;
    let mut out = vec![];
    let reasons: Vec<String> = e
        .referral_reasons
        .iter()
        .map(|r| mid_sentence(r.label()))
        .collect();
    out.push(format!(
        "Referred{} for {}.",
        e.referral_source
            .map(|s| format!(" by {}", mid_sentence(s.label())))
            .unwrap_or_default(),
        if reasons.is_empty() {
            "support".to_string()
        } else {
            reasons.join(", ")
        }
    ));
    if let Some(w) = e.what_matters.as_deref().filter(|w| !w.trim().is_empty()) {
        out.push(format!("What mattered to them: {}", w.trim()));
    }
    let held: Vec<_> = e
        .contacts
        .iter()
        .filter(|c| c.entered_in_error.is_none() && c.outcome == ContactOutcome::TookPlace)
        .collect();
    if let (Some(first), Some(last)) = (
        held.iter().map(|c| c.occurred_at.date()).min(),
        held.iter().map(|c| c.occurred_at.date()).max(),
    ) {
        let mut kinds: Vec<String> = held
            .iter()
            .map(|c| mid_sentence(c.contact_type.label()))
            .collect();
        kinds.sort();
        kinds.dedup();
        out.push(format!(
            "Support: {} contact{} from week {} to week {} ({}).",
            held.len(),
            if held.len() == 1 { "" } else { "s" },
            week_of(received, first),
            week_of(received, last),
            kinds.join(", ")
        ));
    }
    let mut onward: Vec<String> = e
        .onward
        .iter()
        .filter(|o| o.entered_in_error.is_none())
        .map(|o| {
            format!(
                "{} ({}, week {})",
                mid_sentence(o.category.label()),
                mid_sentence(o.outcome.label()),
                week_of(received, o.referred_on)
            )
        })
        .collect();
    onward.dedup();
    if !onward.is_empty() {
        out.push(format!("Connected to: {}.", onward.join("; ")));
    }
    let ons4: Vec<_> = e.outcomes.ons4.iter().collect();
    if let (Some(a), Some(b)) = (
        ons4.iter().min_by_key(|r| r.recorded_on),
        ons4.iter().max_by_key(|r| r.recorded_on),
    ) {
        if a.id != b.id {
            let items: Vec<String> = a
                .items
                .iter()
                .zip(&b.items)
                .filter_map(|(x, y)| {
                    Some(format!(
                        "{} {} to {}",
                        mid_sentence(x.item.label()),
                        x.value?,
                        y.value?
                    ))
                })
                .collect();
            if !items.is_empty() {
                out.push(format!(
                    "Wellbeing (ONS4), week {} to week {}: {}.",
                    week_of(received, a.recorded_on),
                    week_of(received, b.recorded_on),
                    items.join(", ")
                ));
            }
        }
    }
    let pam: Vec<_> = e.outcomes.pam.iter().collect();
    if let (Some(a), Some(b)) = (
        pam.iter().min_by_key(|r| r.recorded_on),
        pam.iter().max_by_key(|r| r.recorded_on),
    ) {
        if a.id != b.id {
            out.push(format!(
                "Activation (PAM): level {} in week {}, level {} in week {}.",
                a.level,
                week_of(received, a.recorded_on),
                b.level,
                week_of(received, b.recorded_on)
            ));
        }
    }
    out.push("In their words: ".into());
    out.join("\n\n")
}

/// A case study as the person's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseStudyView {
    pub id: crate::ids::CaseStudyId,
    pub episode_id: Option<crate::ids::EpisodeId>,
    pub title: String,
    pub body: String,
    /// Chosen for the supervisor's report pack.
    pub in_report: bool,
    pub updated_on: NaiveDate,
    /// What the identifier check finds in it now (against the record as it is now).
    pub findings: Vec<Finding>,
}

/// Whether a case study can go in the report pack: chosen, consent given, and nothing in it
/// that identifies the person (checked again as the pack is made). `None`: it goes in.
pub fn why_left_out(
    in_report: bool,
    consent: crate::vocab::ConsentToShare,
    findings: &[Finding],
) -> Option<&'static str> {
    if !in_report {
        Some("not chosen for the report")
    } else if consent != crate::vocab::ConsentToShare::Yes {
        Some("their consent to a case study is no longer given")
    } else if findings.iter().any(|f| f.blocking) {
        Some("it now holds something that identifies them")
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
