//! The store-level workload, run against the vault and its unencrypted copy in the same process.

use crate::{at_p, Figure, Options, Result, Targets, PASSPHRASE};
use linkwork_core::{
    vocab::{ContactOutcome, ContactType, NeedCategory, OnwardKind},
    Clock, Passphrase, SystemClock,
};
use linkwork_store::{
    assets::{self, AssetQuery},
    caseload::{self, CaseloadQuery},
    contacts::{self, ContactInput},
    onward::{self, OnwardInput},
    person_record::person_record,
    plaintext_bench::{export_plaintext, PlainDb},
    vault::Credential,
    Read, Tx, Vault,
};
use std::{path::Path, sync::Arc};

/// The store-level workload, against the vault and an unencrypted copy of it, alternating sample
/// by sample so both see the same machine.
pub(crate) fn encrypted_vs_plain(
    o: &Options,
    data: &Path,
    tmp: &Path,
    t: &Targets,
) -> Result<Vec<(Figure, Figure)>> {
    let pass = Passphrase::new(PASSPHRASE.into());
    let mut vault = Vault::unlock(data, Credential::Passphrase(&pass))?;
    let plain_path = tmp.join("plain.db");
    export_plaintext(&vault, &plain_path)?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let today = clock.today();
    let mut plain = PlainDb::open(&plain_path, clock.clone())?;
    let n = o.runs.max(1);
    let mut pairs = Vec::new();

    type Step<'a> = Box<dyn FnMut(&mut dyn Db, usize) -> linkwork_store::Result<()> + 'a>;
    let mut steps: Vec<(&str, usize, Step)> = Vec::new();
    steps.push((
        "open a person record",
        n,
        Box::new(|db, i| person_record(db.read(), &at_p(i, &t.people), today).map(drop)),
    ));
    steps.push((
        "caseload list and counters",
        n,
        Box::new(|db, _| {
            let open = caseload::caseload(db.read(), today, &CaseloadQuery::default())?;
            caseload::counters(db.read(), today, &open).map(drop)
        }),
    ));
    let keys = &t.caseload_keystrokes;
    steps.push((
        "caseload search, each keystroke",
        keys.len() * (n / keys.len()).max(1),
        Box::new(move |db, i| {
            let q = CaseloadQuery {
                search: Some(keys[i % keys.len()].clone()),
                ..Default::default()
            };
            caseload::caseload(db.read(), today, &q).map(drop)
        }),
    ));
    let akeys = &t.asset_keystrokes;
    steps.push((
        "asset search, each keystroke",
        akeys.len() * (n / akeys.len()).max(1),
        Box::new(move |db, i| {
            let q = AssetQuery {
                text: Some(akeys[i % akeys.len()].clone()),
                active_only: true,
                limit: 100,
                ..Default::default()
            };
            assets::search(db.read(), &q, today).map(drop)
        }),
    ));
    let now = chrono::Local::now().naive_local();
    steps.push((
        "save a contact (durable)",
        n,
        Box::new(move |db, i| {
            let c = ContactInput {
                episode_id: t.episodes[i % t.episodes.len()].clone(),
                occurred_at: now,
                contact_type: ContactType::Phone,
                duration_minutes: Some(20),
                outcome: ContactOutcome::TookPlace,
                notes: Some("Talked through the walking group; will try Thursday.".into()),
            };
            db.write_dyn(&mut |tx| contacts::add_contact(tx, &c).map(drop))
        }),
    ));
    steps.push((
        "save a draft",
        n,
        Box::new(|db, i| {
            let e = &t.episodes[i % t.episodes.len()];
            db.write_dyn(&mut |tx| {
                contacts::save_draft(tx, e, &format!("{{\"notes\":\"draft {i}\"}}"))
            })
        }),
    ));
    steps.push((
        "onward referral",
        n,
        Box::new(move |db, i| {
            let input = OnwardInput {
                episode_id: t.episodes[i % t.episodes.len()].clone(),
                asset_id: t.assets[i % t.assets.len()].clone(),
                referred_on: today,
                kind: OnwardKind::Referral,
                category: NeedCategory::Befriending,
                notes: None,
                follow_up_on: None,
            };
            db.write_dyn(&mut |tx| onward::add_onward(tx, &input).map(drop))
        }),
    ));
    for (name, runs, mut step) in steps {
        let (mut enc, mut pla) = (Figure::new(name), Figure::new(name));
        step(&mut vault, usize::MAX / 2)?;
        step(&mut plain, usize::MAX / 2)?;
        for i in 0..runs {
            enc.time(|| Ok(step(&mut vault, i)?))?;
            pla.time(|| Ok(step(&mut plain, i)?))?;
        }
        pairs.push((enc, pla));
    }
    vault.lock()?;
    Ok(pairs)
}

/// One connection, encrypted or not; the workload cannot tell them apart.
trait Db {
    fn read(&self) -> Read<'_>;
    fn write_dyn(
        &mut self,
        f: &mut dyn FnMut(&Tx<'_>) -> linkwork_store::Result<()>,
    ) -> linkwork_store::Result<()>;
}
impl Db for Vault {
    fn read(&self) -> Read<'_> {
        Vault::read(self)
    }
    fn write_dyn(
        &mut self,
        f: &mut dyn FnMut(&Tx<'_>) -> linkwork_store::Result<()>,
    ) -> linkwork_store::Result<()> {
        Vault::write(self, |tx| f(tx))
    }
}
impl Db for PlainDb {
    fn read(&self) -> Read<'_> {
        PlainDb::read(self)
    }
    fn write_dyn(
        &mut self,
        f: &mut dyn FnMut(&Tx<'_>) -> linkwork_store::Result<()>,
    ) -> linkwork_store::Result<()> {
        PlainDb::write(self, |tx| f(tx))
    }
}
