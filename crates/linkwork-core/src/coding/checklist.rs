//! The to-code checklist: every coded line not yet entered in the GP record, by person, oldest
//! first; and every line entered whose record has since gone (entered in error, or moved to
//! another person by a merge), which the GP record must be corrected for.

use super::engine::{episode_lines, CodedLine};
use super::map::CodeMap;
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
    /// Oldest first.
    pub lines: Vec<CodedLine>,
}

/// A line entered in the GP record that is no longer true there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ToCorrect {
    pub mark: EnteredMark,
    /// Whose GP record holds the line (as it was when entered).
    pub name: String,
    pub nhs_number: Option<String>,
    /// What to do, in words.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GpChecklist {
    /// People with lines to enter, the one waiting longest first.
    pub people: Vec<PersonToCode>,
    pub to_correct: Vec<ToCorrect>,
    /// Coded lines still to enter, in all.
    pub pending: u32,
}

fn name(r: &PersonRecord) -> String {
    format!("{} {}", r.person.given_name, r.person.family_name)
}

/// Every person's lines, worked out once for whoever needs them (the checklist, the report's
/// coding figures): each person with their episodes' lines in episode order.
pub fn everyone_lines<'a>(
    people: &'a [PersonRecord],
    map: &CodeMap,
) -> Vec<(&'a PersonRecord, Vec<CodedLine>)> {
    people
        .iter()
        .map(|p| {
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
/// text lines are part of the summary, not of what is keyed into the template.
pub fn checklist(people: &[PersonRecord], marks: &[EnteredMark], map: &CodeMap) -> GpChecklist {
    checklist_of(people, &everyone_lines(people, map), marks)
}

/// [`checklist`] from lines already worked out by [`everyone_lines`].
pub fn checklist_of(
    people: &[PersonRecord],
    lines: &[(&PersonRecord, Vec<CodedLine>)],
    marks: &[EnteredMark],
) -> GpChecklist {
    let marked: HashMap<&str, usize> = marks
        .iter()
        .enumerate()
        .map(|(i, m)| (m.key.as_str(), i))
        .collect();
    // Where each marked line lives now (by mark), to tell a merge from an entry in error.
    let mut owner: Vec<Option<&PersonRecord>> = vec![None; marks.len()];
    let mut out = Vec::new();
    for (p, all) in lines {
        let mut lines = Vec::new();
        for l in all {
            match marked.get(l.key.as_str()) {
                Some(&i) => owner[i] = Some(p),
                None if l.concept_id.is_some() => lines.push(l.clone()),
                None => {}
            }
        }
        if !lines.is_empty() {
            lines.sort_by_key(|l| l.on);
            out.push(PersonToCode {
                person_id: p.person.id.clone(),
                name: name(p),
                nhs_number: p.person.nhs_number.clone(),
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
            let why = match owner {
                None => "The record behind this line was marked entered in error (or removed): remove or correct it in the GP record.".to_string(),
                Some(now) if now.person.id != m.person_id => format!(
                    "This person's records were merged into {}'s: check both GP records.",
                    name(now)
                ),
                Some(_) => return None,
            };
            // A merged-away record is gone: the kept one is the same person (merging refuses two
            // NHS numbers), so its name and number find the GP record.
            let was = by_id.get(&m.person_id).copied().or(owner);
            Some(ToCorrect {
                mark: m.clone(),
                name: was.map(name).unwrap_or_default(),
                nhs_number: was.and_then(|p| p.person.nhs_number.clone()),
                why,
            })
        })
        .collect();
    GpChecklist {
        pending: out.iter().map(|p| p.lines.len() as u32).sum(),
        people: out,
        to_correct,
    }
}
