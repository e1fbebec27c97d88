use crate::util::*;
use linkwork_core::AutoLockMinutes;
use linkwork_store::{audit, settings};

#[test]
fn settings_default_and_update_with_an_audit_row() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    assert_eq!(
        settings::load(v.read()).unwrap().auto_lock_minutes,
        AutoLockMinutes::DEFAULT
    );
    v.write(|tx| settings::set_auto_lock(tx, AutoLockMinutes::new(5).unwrap()))
        .unwrap();
    v.write(|tx| settings::set_auto_lock(tx, AutoLockMinutes::new(7).unwrap()))
        .unwrap();
    assert_eq!(
        settings::load(v.read())
            .unwrap()
            .auto_lock_minutes
            .minutes(),
        7
    );
    let last = &audit::recent(v.read(), 1).unwrap()[0];
    assert_eq!(
        (
            last.action.as_str(),
            last.entity.as_str(),
            last.entity_id.as_deref()
        ),
        ("update", "settings", Some("auto_lock_minutes"))
    );
}

#[test]
fn an_unreadable_setting_falls_back_to_the_default() {
    let (_t, dir) = vault_dir();
    let v = new_vault(&dir);
    raw(&dir)
        .execute("INSERT INTO settings (key, value, updated_at) VALUES ('auto_lock_minutes', '999', 'x')", [])
        .unwrap();
    assert_eq!(
        settings::load(v.read()).unwrap().auto_lock_minutes,
        AutoLockMinutes::DEFAULT
    );
}

#[test]
fn audit_rows_carry_no_content_columns() {
    let (_t, dir) = vault_dir();
    let _v = new_vault(&dir);
    let cols: Vec<String> = raw(&dir)
        .prepare("SELECT name FROM pragma_table_info('audit_log')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        cols,
        [
            "id",
            "at",
            "action",
            "entity",
            "entity_id",
            "actor",
            "prev_hash",
            "hash",
            // Names of changed fields, from `'static` lists in the store (never values).
            "fields"
        ]
    );
}

#[test]
fn caseload_writes_leave_audit_rows_without_content() {
    use linkwork_core::vocab::{ContactOutcome, ContactType};
    use linkwork_store::contacts::{self, ContactInput};
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let added = refer(&mut v, "Zebedee", "Quinlan", day);
    v.write(|tx| {
        contacts::add_contact(
            tx,
            &ContactInput {
                episode_id: added.episode_id.clone(),
                occurred_at: day.and_hms_opt(10, 0, 0).unwrap(),
                contact_type: ContactType::Phone,
                duration_minutes: Some(10),
                outcome: ContactOutcome::TookPlace,
                notes: Some("Zebedee said hello".into()),
            },
        )
    })
    .unwrap();
    let rows: Vec<(String, String)> = audit::recent(v.read(), 5)
        .unwrap()
        .into_iter()
        .map(|e| (e.action.as_str().to_string(), e.entity.as_str().to_string()))
        .collect();
    let expect = [
        ("update", "episode"),
        ("create", "contact"),
        ("create", "episode"),
        ("create", "person"),
    ];
    assert_eq!(
        rows[..4]
            .iter()
            .map(|(a, e)| (a.as_str(), e.as_str()))
            .collect::<Vec<_>>(),
        expect
    );
    let dump: String = audit::recent(v.read(), 50)
        .unwrap()
        .iter()
        .map(|e| format!("{e:?}"))
        .collect();
    assert!(
        !dump.contains("Zebedee") && !dump.contains("Quinlan"),
        "no patient content in the audit log"
    );
}

/// Every foreign key leads an index (or the primary key; a partial index does not count), so a
/// person's or an episode's rows are found without reading the whole table: what keeps a record's
/// page as quick on a ten-year vault as on a new one.
#[test]
fn every_foreign_key_column_is_indexed() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    let conn = raw(&dir);
    let unindexed: Vec<String> = conn
        .prepare(
            "SELECT m.name || '.' || f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND NOT EXISTS (
               SELECT 1 FROM pragma_index_list(m.name) il, pragma_index_info(il.name) ii
               WHERE il.partial = 0 AND ii.seqno = 0 AND ii.name = f.\"from\")
             ORDER BY 1",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(unindexed, Vec::<String>::new());
}
