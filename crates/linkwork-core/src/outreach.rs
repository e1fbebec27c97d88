//! Proactive outreach lists: the people a practice search found (a frailty register, people who
//! are lonely or often attend), reached by the link worker rather than referred. This module reads
//! the CSV a GP system's search exports and says what each row is; the store keeps the lists.
//! Pure.
//!
//! Invariant: a list is read whole or not at all. Every row that cannot be read is named by its
//! line and column, and one such row stops the import (the store writes nothing).

use crate::{
    dates::format_date_gb,
    ids::{EpisodeId, OutreachEntryId, OutreachListId, PersonId, PracticeId},
    nhs::NhsNumber,
};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

crate::vocab::vocab!(
    /// Where one person on a list stands.
    OutreachState {
        NotTried = "not_tried": "Not yet tried",
        Tried = "tried": "Tried, not reached",
        Reached = "reached": "Reached, deciding",
        Accepted = "accepted": "Accepted: referral made",
        Declined = "declined": "Declined",
        NotSuitable = "not_suitable": "Not suitable",
        DiedOrMoved = "died_or_moved": "Died or moved away",
    }
);

crate::vocab::vocab!(
    /// What one try to reach someone on a list came to (logged like a contact).
    OutreachOutcome {
        NoAnswer = "no_answer": "No answer",
        LeftMessage = "left_message": "Left a message",
        WrongNumber = "wrong_number": "Wrong number",
        Reached = "reached": "Reached",
        Accepted = "accepted": "Accepted support",
        Declined = "declined": "Declined",
        NotSuitable = "not_suitable": "Not suitable",
        DiedOrMoved = "died_or_moved": "Died or moved away",
    }
);

impl OutreachOutcome {
    /// The state a person is in after this outcome.
    pub fn state(self) -> OutreachState {
        use OutreachOutcome as O;
        match self {
            O::NoAnswer | O::LeftMessage | O::WrongNumber => OutreachState::Tried,
            O::Reached => OutreachState::Reached,
            O::Accepted => OutreachState::Accepted,
            O::Declined => OutreachState::Declined,
            O::NotSuitable => OutreachState::NotSuitable,
            O::DiedOrMoved => OutreachState::DiedOrMoved,
        }
    }

    /// A try that did not speak to the person.
    pub fn is_attempt_only(self) -> bool {
        self.state() == OutreachState::Tried
    }
}

impl OutreachState {
    /// Still to work: nobody has decided anything yet.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            OutreachState::NotTried | OutreachState::Tried | OutreachState::Reached
        )
    }
}

/// One row of a list as read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    /// The file's line (1 is the first line, whatever comes before the header).
    pub line: u32,
    pub nhs_number: Option<NhsNumber>,
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
    pub postcode: Option<String>,
    /// The search's reason for this person, when the file gives one per row.
    pub reason: Option<String>,
}

/// A row that cannot be read: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowProblem {
    pub line: u32,
    /// The column's heading as the file spells it (empty for the whole row or file).
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column.as_str()) {
            (0, _) => write!(f, "{}", self.message),
            (l, "") => write!(f, "Line {l}: {}", self.message),
            (l, c) => write!(f, "Line {l}, column \u{201c}{c}\u{201d}: {}", self.message),
        }
    }
}

/// What the file holds: its rows, or every problem in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadList {
    pub rows: Vec<ListRow>,
    /// The headings recognised, as (what Linkwork reads, as the file spells it).
    pub columns: Vec<(&'static str, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Nhs,
    Given,
    Family,
    FullName,
    Dob,
    Phone,
    Postcode,
    Reason,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Nhs => "NHS number",
            Field::Given => "given name",
            Field::Family => "family name",
            Field::FullName => "name",
            Field::Dob => "date of birth",
            Field::Phone => "phone",
            Field::Postcode => "postcode",
            Field::Reason => "reason",
        }
    }
}

/// Headings as EMIS Web and SystmOne searches (and people tidying them) spell them, compared
/// without case, spaces or punctuation.
fn field_of(heading: &str) -> Option<Field> {
    let h: String = heading
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    Some(match h.as_str() {
        "nhsnumber" | "nhsno" | "nhs" | "nhsnum" => Field::Nhs,
        "forename" | "forenames" | "firstname" | "firstnames" | "givenname" | "givennames"
        | "callingname" => Field::Given,
        "surname" | "familyname" | "lastname" => Field::Family,
        "name" | "fullname" | "patientname" | "patient" => Field::FullName,
        "dateofbirth" | "dob" | "birthdate" | "dateofbirthddmmyyyy" => Field::Dob,
        "telephone"
        | "telephonenumber"
        | "phone"
        | "phonenumber"
        | "mobile"
        | "mobilenumber"
        | "mobiletelephone"
        | "mobiletelephonenumber"
        | "hometelephone"
        | "contactnumber"
        | "preferredtelephone"
        | "preferredtelephonenumber"
        | "usualtelephone" => Field::Phone,
        "postcode" | "postalcode" | "postcodeofusualaddress" => Field::Postcode,
        "reason" | "searchname" | "search" | "register" | "flag" | "why" => Field::Reason,
        _ => return None,
    })
}

/// A date as GP systems export it: 21/11/1950, 21-Nov-1950, 21 Nov 1950, 1950-11-21.
fn export_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    [
        "%d/%m/%Y", "%d-%b-%Y", "%d %b %Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y",
    ]
    .iter()
    .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
    .or_else(|| {
        // SystmOne may add a time: "21/11/1950 00:00".
        NaiveDateTime::parse_from_str(s, "%d/%m/%Y %H:%M")
            .ok()
            .map(|d| d.date())
    })
}

/// "SMITH, Mary" or "Mary Smith" as (given, family).
fn split_name(full: &str) -> Option<(String, String)> {
    let full = full.trim();
    if let Some((family, given)) = full.split_once(',') {
        let (g, f) = (given.trim(), family.trim());
        return (!g.is_empty() && !f.is_empty()).then(|| (g.to_string(), f.to_string()));
    }
    let (given, family) = full.rsplit_once(' ')?;
    Some((given.trim().to_string(), family.trim().to_string()))
}

/// Capitalised as a name is written ("SMITH" → "Smith", "o'brien" → "O'Brien"), when the file
/// shouts it or whispers it; a name already mixed in case is kept as it is.
fn tidy_name(s: &str) -> String {
    let s = s.trim();
    let mixed = s.chars().any(|c| c.is_uppercase()) && s.chars().any(|c| c.is_lowercase());
    if mixed {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, ' ' | '-' | '\'' | '\u{2019}');
    }
    out
}

fn blank(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Reads a practice search's CSV: a header row (found among the first ten lines: a report title
/// or the search's date above it is skipped), then one person per row. Accepts a UTF-8 byte order
/// mark, CRLF line ends, quoted fields with commas, and either given and family name columns or one
/// name column ("SMITH, Mary"). Needs a name on every row, and an NHS number or a date of birth to
/// tell people apart; an NHS number must pass its check digit, a date must be a real one in the past.
pub fn read_list(bytes: &[u8], today: NaiveDate) -> Result<ReadList, Vec<RowProblem>> {
    let whole = |message: &str| {
        vec![RowProblem {
            line: 0,
            column: String::new(),
            message: message.into(),
        }]
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(whole(
            "The file is not text in UTF-8. Export the search again as CSV (comma separated).",
        ));
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The line a record starts on, counted in the text (the reader does not count blank lines).
    // After CRLF the reader's position is the LF itself: it belongs to the line before.
    let line_at = |byte: u64| {
        let end = (byte as usize + 1).min(text.len());
        1 + text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32
    };
    let mut records = vec![];
    for r in reader.records() {
        match r {
            Ok(r) => {
                let line = r.position().map_or(0, |p| line_at(p.byte()));
                records.push((line, r));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                return Err(vec![RowProblem {
                    line,
                    column: String::new(),
                    message: "This line cannot be read as CSV (a quotation mark left open?)."
                        .into(),
                }]);
            }
        }
    }
    // The header: the first of the first ten lines naming a name column.
    let Some(h) = records.iter().take(10).position(|(_, r)| {
        let fields: Vec<Field> = r.iter().filter_map(field_of).collect();
        fields.contains(&Field::FullName)
            || fields.contains(&Field::Family) && fields.contains(&Field::Given)
    }) else {
        return Err(whole(
            "No heading row with the people's names was found. The file needs a row of column headings such as \u{201c}NHS number\u{201d}, \u{201c}Surname\u{201d}, \u{201c}Forename\u{201d} and \u{201c}Date of birth\u{201d}.",
        ));
    };
    let header = &records[h].1;
    let mut cols: Vec<(Field, usize, String)> = vec![];
    for (i, heading) in header.iter().enumerate() {
        if let Some(f) = field_of(heading) {
            // The first of two phone columns (home, mobile) wins; an empty one falls to the next.
            cols.push((f, i, heading.trim().to_string()));
        }
    }
    if !cols.iter().any(|(f, _, _)| *f == Field::Nhs)
        && !cols.iter().any(|(f, _, _)| *f == Field::Dob)
    {
        return Err(whole(
            "The file has no NHS number or date of birth column, so people on it could not be told apart. Add one of them to the search's output.",
        ));
    }
    let columns = {
        let mut seen: Vec<(&'static str, String)> = vec![];
        for (f, _, heading) in &cols {
            if !seen.iter().any(|(n, _)| *n == f.name()) {
                seen.push((f.name(), heading.clone()));
            }
        }
        seen
    };
    let mut rows = vec![];
    let mut problems = vec![];
    for (line, r) in &records[h + 1..] {
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = *line;
        let cell = |f: Field| -> Option<(String, String)> {
            cols.iter()
                .filter(|(g, _, _)| *g == f)
                .find_map(|(_, i, heading)| r.get(*i).and_then(blank).map(|v| (v, heading.clone())))
        };
        let heading = |f: Field| -> String {
            cols.iter()
                .find(|(g, _, _)| *g == f)
                .map(|(_, _, h)| h.clone())
                .unwrap_or_default()
        };
        let mut bad = |column: String, message: String| {
            problems.push(RowProblem {
                line,
                column,
                message,
            })
        };
        let nhs_number = match cell(Field::Nhs) {
            None => None,
            Some((v, heading)) => match NhsNumber::parse("nhs_number", &v) {
                Ok(n) => Some(n),
                Err(e) => {
                    bad(heading, format!("\u{201c}{v}\u{201d}: {}", e.message));
                    None
                }
            },
        };
        let (given, family) = match (
            cell(Field::Given),
            cell(Field::Family),
            cell(Field::FullName),
        ) {
            (Some((g, _)), Some((f, _)), _) => (Some(g), Some(f)),
            (g, f, Some((full, heading))) => match split_name(&full) {
                Some((sg, sf)) => (g.map(|x| x.0).or(Some(sg)), f.map(|x| x.0).or(Some(sf))),
                None => {
                    bad(
                        heading,
                        format!("\u{201c}{full}\u{201d} is not a given name and a family name."),
                    );
                    (None, None)
                }
            },
            (g, f, None) => {
                if g.is_none() {
                    bad(heading(Field::Given), "The given name is missing.".into());
                }
                if f.is_none() {
                    bad(heading(Field::Family), "The family name is missing.".into());
                }
                (g.map(|x| x.0), f.map(|x| x.0))
            }
        };
        let date_of_birth = match cell(Field::Dob) {
            None => None,
            Some((v, heading)) => match export_date(&v) {
                Some(d) if d <= today => Some(d),
                Some(_) => {
                    bad(heading, format!("{v} is in the future."));
                    None
                }
                None => {
                    bad(
                        heading,
                        format!("\u{201c}{v}\u{201d} is not a date like 21/11/1950."),
                    );
                    None
                }
            },
        };
        if nhs_number.is_none()
            && date_of_birth.is_none()
            && cell(Field::Nhs).is_none()
            && cell(Field::Dob).is_none()
        {
            bad(
                String::new(),
                "Neither an NHS number nor a date of birth: this person could not be told apart from others of the same name.".into(),
            );
        }
        if let (Some(given), Some(family)) = (given, family) {
            rows.push(ListRow {
                line,
                nhs_number,
                given_name: tidy_name(&given),
                family_name: tidy_name(&family),
                date_of_birth,
                phone: cell(Field::Phone).map(|x| x.0),
                postcode: cell(Field::Postcode).map(|x| x.0.to_uppercase()),
                reason: cell(Field::Reason).map(|x| x.0),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if rows.is_empty() {
        return Err(whole("The file has headings but nobody under them."));
    }
    Ok(ReadList { rows, columns })
}

/// A list as the outreach screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutreachListSummary {
    pub id: OutreachListId,
    pub name: String,
    pub practice_id: PracticeId,
    pub practice: String,
    /// The day the practice ran the search.
    pub searched_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    /// When the rows that did not become referrals are removed (closed lists only).
    pub removal_due_on: Option<NaiveDate>,
    pub people: u32,
    /// Still to work (not tried, tried, reached).
    pub open: u32,
    pub reached: u32,
    pub accepted: u32,
    /// Rows removed after the list closed (no names are kept, only how many).
    pub removed: u32,
}

/// Another list the same person is on, and how they stand there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AlsoOn {
    pub list_id: OutreachListId,
    pub list: String,
    pub state: OutreachState,
    pub last_tried_on: Option<NaiveDate>,
}

/// One try, as logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutreachAttemptView {
    pub at: NaiveDateTime,
    pub outcome: OutreachOutcome,
}

/// One person on a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutreachEntryView {
    pub id: OutreachEntryId,
    pub line: u32,
    pub given_name: String,
    pub family_name: String,
    /// 3-3-4.
    pub nhs_number: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
    pub postcode: Option<String>,
    pub reason: Option<String>,
    pub state: OutreachState,
    /// Newest first.
    pub attempts: Vec<OutreachAttemptView>,
    /// Known already (by NHS number, else name and date of birth).
    pub person_id: Option<PersonId>,
    /// Their open episode, when they are on the caseload now.
    pub open_episode_id: Option<EpisodeId>,
    /// The referral made when they accepted.
    pub episode_id: Option<EpisodeId>,
    pub also_on: Vec<AlsoOn>,
}

/// A list with everyone on it, in the order to call: not tried first, then those tried least and
/// longest ago; decided ones last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutreachListView {
    pub list: OutreachListSummary,
    pub entries: Vec<OutreachEntryView>,
}

/// One row of an import's preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviewRow {
    pub line: u32,
    pub name: String,
    pub nhs_number: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// Someone already known, and how they were matched.
    pub known: Option<KnownPerson>,
    /// The earlier line of this file with the same person: this row is left out.
    pub same_as_line: Option<u32>,
    pub also_on: Vec<AlsoOn>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KnownPerson {
    pub person_id: PersonId,
    pub name: String,
    /// "NHS number" or "name and date of birth".
    pub matched_by: String,
    pub open_episode_id: Option<EpisodeId>,
}

/// What an import would do: every row and what it matches, or every problem (nothing imported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutreachPreview {
    pub rows: Vec<PreviewRow>,
    pub problems: Vec<RowProblem>,
    /// How the file's headings were read, as (what, heading).
    pub columns: Vec<(String, String)>,
    /// People the import adds (rows less those repeated in the file).
    pub people: u32,
    pub known: u32,
    pub on_other_lists: u32,
}

/// The day a closed list's rows that did not become referrals are removed.
pub fn removal_due(closed_on: NaiveDate, months: u32) -> NaiveDate {
    closed_on + chrono::Months::new(months)
}

/// The same person, for a list: by NHS number when both have one, else by name and date of birth.
pub fn same_person(a: &ListRow, b: &ListRow) -> bool {
    match (&a.nhs_number, &b.nhs_number) {
        (Some(x), Some(y)) => x == y,
        _ => {
            a.date_of_birth.is_some()
                && a.date_of_birth == b.date_of_birth
                && a.given_name.to_lowercase() == b.given_name.to_lowercase()
                && a.family_name.to_lowercase() == b.family_name.to_lowercase()
        }
    }
}

/// "Tried 2 times, last 03/12/2026" and the like, for the command line.
pub fn describe(e: &OutreachEntryView) -> String {
    match e.attempts.first() {
        None => e.state.label().to_string(),
        Some(last) => format!(
            "{} ({} {}, last {})",
            e.state.label(),
            e.attempts.len(),
            if e.attempts.len() == 1 {
                "try"
            } else {
                "tries"
            },
            format_date_gb(last.at.date())
        ),
    }
}

#[cfg(test)]
mod tests;
