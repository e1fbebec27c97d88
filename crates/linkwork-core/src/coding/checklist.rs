//! The to-code checklist: every coded line not yet entered in the GP record, by person, oldest
//! first; every line entered that is no longer what the GP record holds — its record gone (entered
//! in error, removed, or moved to another person by a merge) or the line itself changed (date,
//! code or value) — which the GP record must be corrected for; and the episodes whose "referral
//! accepted" code cannot be placed because no one recorded whether the person accepted.

use super::engine::{episode_lines, CodedLine};
use super::map::{CodeMap, CodeMaps};
use crate::caseload::PersonRecord;
use crate::ids::{EpisodeId, PersonId};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// A line as it was when marked entered in the GP record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EnteredMark {
    pub key: String,
    pub person_id: PersonId,
    pub episode_id: EpisodeId,
    pub on: NaiveDate,
    pub concept_id: Option<String>,
    pub term: String,
    pub value: Option<String>,
    /// `value` was kept when the line was marked (marks made before data version 12 did not keep
    /// it, so a changed value cannot be told for them).
    pub value_known: bool,
    /// When it was marked (RFC 3339).
    pub entered_at: String,
    /// When its correction in the GP record was marked done.
    pub corrected_at: Option<String>,
}

/// One person's lines still to enter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonToCode {
    pub person_id: PersonId,
    pub name: String,
    /// 3-3-4, as the GP system shows it.
    pub nhs_number: Option<String>,
    /// Whose GP record it is (the practice's name, else its ODS code), for working through one
    /// practice at a time.
    pub practice: Option<String>,
    /// The practice they are registered at, to group and filter by.
    pub practice_id: Option<crate::ids::PracticeId>,
    /// Oldest first.
    pub lines: Vec<CodedLine>,
}

/// A line entered in the GP record that is no longer true there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ToCorrect {
    /// The line as it was entered.
    pub mark: EnteredMark,
    /// The line as the record gives it now, when it changed; `None` when it is gone (or is now a
    /// text line, with no code to enter).
    pub now: Option<CodedLine>,
    /// Whose GP record holds the line (as it was when entered).
    pub name: String,
    pub nhs_number: Option<String>,
    pub practice: Option<String>,
    pub practice_id: Option<crate::ids::PracticeId>,
    /// What to do, in words.
    pub why: String,
}

/// An episode whose person was seen with no answer to the offer recorded: its "referral accepted"
/// line cannot be made until the link worker records when they accepted (or that they declined).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AcceptanceMissing {
    pub person_id: PersonId,
    pub episode_id: EpisodeId,
    pub name: String,
    pub nhs_number: Option<String>,
    /// The first contact that took place.
    pub first_seen: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GpChecklist {
    /// People with lines to enter, the one waiting longest first.
    pub people: Vec<PersonToCode>,
    pub to_correct: Vec<ToCorrect>,
    /// Coded lines still to enter, in all.
    pub pending: u32,
    /// Episodes with contacts but no acceptance recorded, the longest seen first.
    pub no_acceptance: Vec<AcceptanceMissing>,
}

fn name(r: &PersonRecord) -> String {
    format!("{} {}", r.person.given_name, r.person.family_name)
}

fn practice(r: &PersonRecord) -> Option<String> {
    let p = &r.person;
    p.gp_practice_name
        .clone()
        .or_else(|| p.gp_practice_ods.clone())
}

/// Every person's lines, worked out once for whoever needs them (the checklist, the report's
/// coding figures): each person with their episodes' lines in episode order.
pub fn everyone_lines<'a>(
    people: &'a [PersonRecord],
    maps: &CodeMaps,
) -> Vec<(&'a PersonRecord, Vec<CodedLine>)> {
    people
        .iter()
        .map(|p| {
            let map = maps.for_person(p);
            let lines = p
                .episodes
                .iter()
                .flat_map(|e| episode_lines(e, map))
                .collect();
            (p, lines)
        })
        .collect()
}

/// The checklist from everyone's records and the marks made so far. Only coded lines are listed:
/// text lines are part of the summary, not of what is keyed into the template; nor are lines the
/// practice's referrers enter themselves.
pub fn checklist(people: &[PersonRecord], marks: &[EnteredMark], maps: &CodeMaps) -> GpChecklist {
    checklist_of(people, &everyone_lines(people, maps), marks, maps)
}

/// What changed in a marked line, in words ("date 17/10/2026 → 25/10/2026"); empty when the GP
/// record still holds what the line says. A code that moved between the practice's code and the
/// shipped one for the same event is no change: the GP record says the same.
pub fn line_changes(mark: &EnteredMark, now: &CodedLine, map: &CodeMap) -> Vec<String> {
    let gb = crate::dates::format_date_gb;
    let mut out = Vec::new();
    if mark.on != now.on {
        out.push(format!("date {} \u{2192} {}", gb(mark.on), gb(now.on)));
    }
    let same_code = match (&mark.concept_id, &now.concept_id, now.code_use) {
        (Some(a), Some(b), _) if a == b => true,
        (Some(a), Some(_), Some(u)) => map.records(u, a),
        (None, None, _) => true,
        _ => false,
    };
    if !same_code {
        out.push(match &now.concept_id {
            Some(c) => format!(
                "code {} \u{2192} {c} {}",
                mark.concept_id.as_deref().unwrap_or("none"),
                now.term
            ),
            None => "no code fits any more: it is recorded in words".to_string(),
        });
    }
    if mark.value_known && mark.value != now.value && now.concept_id.is_some() {
        out.push(format!(
            "value {} \u{2192} {}",
            mark.value.as_deref().unwrap_or("none"),
            now.value.as_deref().unwrap_or("none")
        ));
    }
    out
}

/// [`checklist`] from lines already worked out by [`everyone_lines`].
pub fn checklist_of(
    people: &[PersonRecord],
    lines: &[(&PersonRecord, Vec<CodedLine>)],
    marks: &[EnteredMark],
    maps: &CodeMaps,
) -> GpChecklist {
    let marked: HashMap<&str, usize> = marks
        .iter()
        .enumerate()
        .map(|(i, m)| (m.key.as_str(), i))
        .collect();
    // Where each marked line lives now (by mark), to tell a merge from an entry in error, and the
    // line itself, to tell a changed line.
    let mut owner: Vec<Option<(&PersonRecord, &CodedLine)>> = vec![None; marks.len()];
    let mut out = Vec::new();
    for (p, all) in lines {
        let mut lines = Vec::new();
        for l in all {
            match marked.get(l.key.as_str()) {
                Some(&i) => owner[i] = Some((p, l)),
                None if l.concept_id.is_some() && !l.by_referrer => lines.push(l.clone()),
                None => {}
            }
        }
        if !lines.is_empty() {
            lines.sort_by_key(|l| l.on);
            out.push(PersonToCode {
                person_id: p.person.id.clone(),
                name: name(p),
                nhs_number: p.person.nhs_number.clone(),
                practice: practice(p),
                practice_id: p.person.practice_id.clone(),
                lines,
            });
        }
    }
    out.sort_by_key(|p| p.lines[0].on);
    let by_id: HashMap<&PersonId, &PersonRecord> =
        people.iter().map(|p| (&p.person.id, p)).collect();
    let to_correct = marks
        .iter()
        .zip(owner)
        .filter(|(m, _)| m.corrected_at.is_none())
        .filter_map(|(m, owner)| {
            let (why, now) = match owner {
                None => ("The record behind this line was marked entered in error (or removed): remove or correct it in the GP record.".to_string(), None),
                Some((p, _)) if p.person.id != m.person_id => (format!(
                    "This person's records were merged into {}'s: check both GP records.",
                    name(p)
                ), None),
                // The referrer enters this event: what they entered is theirs to correct.
                Some((_, l)) if l.by_referrer => return None,
                Some((p, l)) => {
                    let changes = line_changes(m, l, maps.for_person(p));
                    if changes.is_empty() {
                        return None;
                    }
                    let what = if l.concept_id.is_some() {
                        "correct it in the GP record"
                    } else {
                        "remove the code from the GP record"
                    };
                    (
                        format!("The line changed after it was entered ({}): {what}.", changes.join("; ")),
                        l.concept_id.is_some().then(|| l.clone()),
                    )
                }
            };
            // A merged-away record is gone: the kept one is the same person (merging refuses two
            // NHS numbers), so its name and number find the GP record.
            let was = by_id.get(&m.person_id).copied().or(owner.map(|(p, _)| p));
            Some(ToCorrect {
                mark: m.clone(),
                now,
                name: was.map(name).unwrap_or_default(),
                nhs_number: was.and_then(|p| p.person.nhs_number.clone()),
                practice: was.and_then(practice),
                practice_id: was.and_then(|p| p.person.practice_id.clone()),
                why,
            })
        })
        .collect();
    let mut no_acceptance: Vec<AcceptanceMissing> = people
        .iter()
        .flat_map(|p| {
            p.episodes
                .iter()
                .filter(|e| e.acceptance_missing)
                .map(|e| AcceptanceMissing {
                    person_id: p.person.id.clone(),
                    episode_id: e.id.clone(),
                    name: name(p),
                    nhs_number: p.person.nhs_number.clone(),
                    first_seen: first_seen(e).unwrap_or(e.referral_received_on),
                })
        })
        .collect();
    no_acceptance.sort_by(|a, b| (a.first_seen, &a.name).cmp(&(b.first_seen, &b.name)));
    GpChecklist {
        pending: out.iter().map(|p| p.lines.len() as u32).sum(),
        people: out,
        to_correct,
        no_acceptance,
    }
}

/// The first contact with the person that took place (the one that would carry "accepted").
fn first_seen(e: &crate::caseload::EpisodeView) -> Option<NaiveDate> {
    e.contacts
        .iter()
        .filter(|c| {
            c.entered_in_error.is_none()
                && c.outcome == crate::vocab::ContactOutcome::TookPlace
                && super::engine::is_interaction(c.contact_type)
        })
        .map(|c| c.occurred_at.date())
        .min()
}
