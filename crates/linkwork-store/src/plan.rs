//! Goals and actions in an episode's plan.

use crate::{
    audit::{AuditAction, Entity},
    episodes::{open_episode, touch_episode},
    error::StoreError,
    sql::new_id,
    write::{Read, Tx},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::{
    ids::{ActionId, EpisodeId, GoalId, PersonId},
    vocab::GoalStatus,
};
use rusqlite::{params, OptionalExtension};

pub fn add_goal(
    tx: &Tx<'_>,
    episode: &EpisodeId,
    text: &str,
    importance: u8,
    status: GoalStatus,
) -> Result<GoalId> {
    open_episode(tx.read(), episode)?;
    let id: GoalId = new_id();
    tx.conn().execute(
        "INSERT INTO goal (id, episode_id, text, importance, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id.as_str(), episode.as_str(), text, importance, status.slug(), tx.now()],
    )?;
    tx.audit(AuditAction::Create, Entity::Goal, Some(id.as_str()))?;
    touch_episode(tx, episode)?;
    Ok(id)
}

pub fn update_goal(
    tx: &Tx<'_>,
    id: &GoalId,
    text: &str,
    importance: u8,
    status: GoalStatus,
) -> Result<()> {
    let episode: EpisodeId = tx
        .conn()
        .query_row(
            "SELECT episode_id FROM goal WHERE id = ?1",
            [id.as_str()],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound("goal"))?
        .into();
    open_episode(tx.read(), &episode)?;
    tx.conn().execute(
        "UPDATE goal SET text = ?2, importance = ?3, status = ?4, updated_at = ?5 WHERE id = ?1",
        params![id.as_str(), text, importance, status.slug(), tx.now()],
    )?;
    tx.audit(AuditAction::Update, Entity::Goal, Some(id.as_str()))
}

pub fn add_action(
    tx: &Tx<'_>,
    episode: &EpisodeId,
    who: &str,
    what: &str,
    due_on: Option<NaiveDate>,
) -> Result<ActionId> {
    open_episode(tx.read(), episode)?;
    let id: ActionId = new_id();
    tx.conn().execute(
        "INSERT INTO plan_action (id, episode_id, who, what, due_on, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id.as_str(), episode.as_str(), who, what, due_on, tx.now()],
    )?;
    tx.audit(AuditAction::Create, Entity::PlanAction, Some(id.as_str()))?;
    touch_episode(tx, episode)?;
    Ok(id)
}

/// Marks an action done on `done_on`, or not done with `None`.
pub fn set_action_done(tx: &Tx<'_>, id: &ActionId, done_on: Option<NaiveDate>) -> Result<()> {
    let changed = tx.conn().execute(
        "UPDATE plan_action SET done_on = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.as_str(), done_on, tx.now()],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound("action"));
    }
    tx.audit(AuditAction::Update, Entity::PlanAction, Some(id.as_str()))
}

/// The person a goal belongs to (through its episode).
pub fn person_of_goal(r: Read<'_>, id: &GoalId) -> Result<PersonId> {
    person_through_episode(r, "goal", id.as_str(), "goal")
}

/// The person an action belongs to (through its episode).
pub fn person_of_action(r: Read<'_>, id: &ActionId) -> Result<PersonId> {
    person_through_episode(r, "plan_action", id.as_str(), "action")
}

fn person_through_episode(
    r: Read<'_>,
    table: &str,
    id: &str,
    what: &'static str,
) -> Result<PersonId> {
    r.conn()
        .query_row(
            &format!("SELECT e.person_id FROM {table} x JOIN episode e ON e.id = x.episode_id WHERE x.id = ?1"),
            [id],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .map(PersonId::from)
        .ok_or(StoreError::NotFound(what))
}
