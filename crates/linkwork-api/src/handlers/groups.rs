//! Group activities: make and change groups, book people on them, add sessions and save a
//! session's register (one contact per person booked, written by the store in one transaction).

use super::Result;
use crate::{session::Session, types::*};
use chrono::{NaiveDate, NaiveTime};
use linkwork_core::{
    caseload::{optional_text, required_text},
    dates::parse_date,
    groups::{GroupSessionView, GroupSummary, GroupView, PersonGroup},
    AllValid, ValidationError,
};
use linkwork_store::groups::{self, GroupInput, SessionInput};

pub fn groups(s: &Session, _: NoArgs) -> Result<Vec<GroupSummary>> {
    let now = s.now_local();
    s.with_vault(|v| Ok(groups::groups(v.read(), now)?))
}

pub fn group(s: &Session, a: GroupArgs) -> Result<GroupView> {
    s.with_vault(|v| Ok(groups::group(v.read(), &a.group_id)?))
}

pub fn save_group(s: &Session, f: GroupForm) -> Result<GroupView> {
    let input = GroupInput {
        name: required_text("name", "group's name", f.name.as_deref())?,
        asset_id: f.asset_id,
        place: optional_text(f.place.as_deref()),
    };
    let closed_on = f.closed.then(|| s.today());
    s.with_vault(|v| {
        let id = v.write(|tx| match &f.group_id {
            None => groups::add_group(tx, &input),
            Some(id) => {
                // Closing keeps the day it was first closed.
                let was = groups::group(tx.read(), id)?.closed_on;
                let closed = closed_on.map(|today| was.unwrap_or(today));
                groups::update_group(tx, id, &input, closed).map(|_| id.clone())
            }
        })?;
        Ok(groups::group(v.read(), &id)?)
    })
}

pub fn join_group(s: &Session, a: GroupMemberArgs) -> Result<GroupView> {
    let today = s.today();
    s.with_vault(|v| {
        v.write(|tx| groups::join(tx, &a.group_id, &a.person_id, today))?;
        Ok(groups::group(v.read(), &a.group_id)?)
    })
}

pub fn leave_group(s: &Session, a: GroupMemberArgs) -> Result<GroupView> {
    let today = s.today();
    s.with_vault(|v| {
        v.write(|tx| groups::leave(tx, &a.group_id, &a.person_id, today))?;
        Ok(groups::group(v.read(), &a.group_id)?)
    })
}

fn start_time(field: &str, t: &str) -> std::result::Result<NaiveTime, ValidationError> {
    let t = t.trim();
    if t.is_empty() {
        return Err(ValidationError::new(
            field,
            "Enter the time it starts, like 10:30.",
        ));
    }
    ["%H:%M", "%H.%M", "%H%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(t, f).ok())
        .ok_or_else(|| ValidationError::new(field, "The start time must be a time, like 10:30."))
}

pub fn add_group_session(s: &Session, f: GroupSessionForm) -> Result<GroupSessionView> {
    let duration = match f.duration_minutes {
        None => Err(ValidationError::new(
            "duration_minutes",
            "Enter how long the session lasts, in minutes (1 to 600).",
        )),
        Some(m) if !(1..=600).contains(&m) => Err(ValidationError::new(
            "duration_minutes",
            "The session's length must be from 1 to 600 minutes.",
        )),
        Some(m) => Ok(m),
    };
    let (date, time, duration_minutes): (NaiveDate, NaiveTime, u32) = (
        parse_date("date", "session's date", &f.date),
        start_time("time", &f.time),
        duration,
    )
        .all_valid()?;
    let input = SessionInput {
        starts_at: date.and_time(time),
        duration_minutes,
        place: optional_text(f.place.as_deref()),
    };
    s.with_vault(|v| {
        let id = v.write(|tx| groups::add_session(tx, &f.group_id, &input))?;
        Ok(groups::session(v.read(), &id)?)
    })
}

pub fn group_session(s: &Session, a: GroupSessionArgs) -> Result<GroupSessionView> {
    s.with_vault(|v| Ok(groups::session(v.read(), &a.session_id)?))
}

pub fn save_register(s: &Session, f: RegisterForm) -> Result<RegisterSavedView> {
    let today = s.today();
    s.with_vault(|v| {
        let done = v.write(|tx| {
            if groups::session_starts(tx.read(), &f.session_id)?.date() > today {
                return Err(ValidationError::new(
                    "came",
                    "This session has not happened yet: take the register on the day.",
                )
                .into());
            }
            groups::save_register(tx, &f.session_id, &f.came, &f.apologies)
        })?;
        Ok(RegisterSavedView {
            recorded: done.recorded,
            corrected: done.corrected,
            session: groups::session(v.read(), &f.session_id)?,
        })
    })
}

pub fn person_groups(s: &Session, a: PersonArgs) -> Result<Vec<PersonGroup>> {
    s.with_vault(|v| Ok(groups::person_groups(v.read(), &a.person_id)?))
}
