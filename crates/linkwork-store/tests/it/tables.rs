use crate::util::*;
use linkwork_core::AutoLockMinutes;
use linkwork_store::{audit, settings};

#[test]
fn settings_default_and_update_with_an_audit_row() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    assert_eq!(settings::load(v.conn()).unwrap().auto_lock_minutes, AutoLockMinutes::DEFAULT);
    settings::set_auto_lock(v.conn_mut(), AutoLockMinutes::new(5).unwrap()).unwrap();
    settings::set_auto_lock(v.conn_mut(), AutoLockMinutes::new(7).unwrap()).unwrap();
    assert_eq!(settings::load(v.conn()).unwrap().auto_lock_minutes.minutes(), 7);
    let last = &audit::recent(v.conn(), 1).unwrap()[0];
    assert_eq!((last.action.as_str(), last.entity.as_str(), last.entity_id.as_deref()), ("update", "settings", Some("auto_lock_minutes")));
}

#[test]
fn an_unreadable_setting_falls_back_to_the_default() {
    let (_t, dir) = vault_dir();
    let v = new_vault(&dir);
    v.conn()
        .execute("INSERT INTO settings (key, value, updated_at) VALUES ('auto_lock_minutes', '999', 'x')", [])
        .unwrap();
    assert_eq!(settings::load(v.conn()).unwrap().auto_lock_minutes, AutoLockMinutes::DEFAULT);
}

#[test]
fn audit_rows_carry_no_content_columns() {
    let (_t, dir) = vault_dir();
    let v = new_vault(&dir);
    let cols: Vec<String> = v
        .conn()
        .prepare("SELECT name FROM pragma_table_info('audit_log')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(cols, ["id", "at", "action", "entity", "entity_id"]);
}
