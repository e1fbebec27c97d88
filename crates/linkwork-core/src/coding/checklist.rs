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

/// The checklist from everyone's records and the marks made so far. Only coded lines are listed:
/// text lines are part of the summary, not of what is keyed into the template.
pub fn checklist(people: &[PersonRecord], marks: &[EnteredMark], map: &CodeMap) -> GpChecklist {
    let marked: HashMap<&str, &EnteredMark> = marks.iter().map(|m| (m.key.as_str(), m)).collect();
    // Where every current line lives now, to tell a merge from an entry in error.
    let mut owner: HashMap<String, &PersonRecord> = HashMap::new();
    let mut out = Vec::new();
    for p in people {
        let mut lines = Vec::new();
        for e in &p.episodes {
            for l in episode_lines(e, map) {
                owner.insert(l.key.clone(), p);
                if l.concept_id.is_some() && !marked.contains_key(l.key.as_str()) {
                    lines.push(l);
                }
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
        .filter(|m| m.corrected_at.is_none())
        .filter_map(|m| {
            let why = match owner.get(&m.key) {
                None => "The record behind this line was marked entered in error (or removed): remove or correct it in the GP record.".to_string(),
                Some(now) if now.person.id != m.person_id => format!(
                    "This person's records were merged into {}'s: check both GP records.",
                    name(now)
                ),
                Some(_) => return None,
            };
            // A merged-away record is gone: the kept one is the same person (merging refuses two
            // NHS numbers), so its name and number find the GP record.
            let was = by_id.get(&m.person_id).or_else(|| owner.get(&m.key));
            Some(ToCorrect {
                mark: m.clone(),
                name: was.map(|p| name(p)).unwrap_or_default(),
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
