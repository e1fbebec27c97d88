//! Signed handovers: a colleague's key is accepted once, by the fingerprint compared by phone;
//! a stranger who has only the public handover key cannot attach rows (even a newer consent
//! decision) to someone here by NHS number; a changed, re-addressed or unsigned package is refused.
//! Each refusal writes nothing.

use crate::util::*;
use chrono::{Duration, TimeZone, Utc};
use linkwork_core::{
    ids::PersonId,
    vocab::{ConsentDecision, ConsentPurpose},
    Coded, ErrorCode,
};
use linkwork_store::{
    colleagues::{self, Trust},
    handover::{self, ErasedChoice, HandoverRecipient, Imported, Opened, Opener},
    migrations::latest_version,
    people, Result, StoreError, Vault,
};
use std::{
    io::{Read as _, Write as _},
    iter,
    path::Path,
};

const IVY: &str = "943 476 5919";

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

fn sealed(from: &Vault, name: &str, people: &[PersonId], to: &Vault) -> Vec<u8> {
    let package = handover::package(from.read(), people, Some(name.into()), now()).unwrap();
    let key = HandoverRecipient::parse("to", &to.identity().unwrap().recipient()).unwrap();
    handover::seal(&package, &key, &from.identity().unwrap()).unwrap()
}

fn open(bytes: &[u8], here: &Vault) -> Result<Opened> {
    handover::open(
        bytes,
        Opener::Vault(&here.identity().unwrap()),
        latest_version(),
    )
}

/// What the import command does: the signer admitted (or accepted now), then the rows.
fn import(here: &mut Vault, bytes: &[u8], accept: Option<&str>) -> Result<Imported> {
    let o = open(bytes, here)?;
    here.write(|tx| {
        colleagues::admit(tx, &o.signer, o.package.from.as_deref(), accept)?;
        handover::apply(tx, &o.package, ErasedChoice::LeaveOut)
    })
}

/// Rows that would show any write: people, their consent, and the audit trail.
fn state(dir: &Path) -> (i64, i64, i64, i64, Option<String>) {
    let consent: Option<String> = raw(dir)
        .query_row(
            "SELECT consent_to_share FROM person WHERE nhs_number = '9434765919'",
            [],
            |r| r.get(0),
        )
        .ok();
    (
        count(dir, "person"),
        count(dir, "consent_decision"),
        count(dir, "audit_log"),
        count(dir, "colleague_key"),
        consent,
    )
}

fn age_plaintext(bytes: &[u8], dir: &Path) -> Vec<u8> {
    let id: age::x25519::Identity = identity_secret(dir).parse().unwrap();
    let mut out = Vec::new();
    age::Decryptor::new(bytes)
        .unwrap()
        .decrypt(iter::once(&id as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn age_to(plain: &[u8], to: &Vault) -> Vec<u8> {
    let r: age::x25519::Recipient = to.identity().unwrap().recipient().parse().unwrap();
    let mut out = Vec::new();
    let mut w = age::Encryptor::with_recipients(iter::once(&r as &dyn age::Recipient))
        .unwrap()
        .wrap_output(&mut out)
        .unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
    out
}

fn split(plain: &[u8]) -> (&[u8], &[u8]) {
    let at = plain.iter().position(|b| *b == b'\n').unwrap();
    (&plain[..at], &plain[at + 1..])
}

#[test]
fn a_colleague_is_accepted_once_by_the_fingerprint_compared_by_phone() {
    let (_t1, a) = vault_dir();
    let (_t2, b) = vault_dir();
    let mut asha = new_vault(&a);
    let mut me = new_vault(&b);
    let ivy = refer_person(&mut asha, person_input("Ivy", "Walker", Some(IVY)), today());
    let first = sealed(&asha, "Asha Patel", &[ivy.person_id], &me);
    let fingerprint = asha.identity().unwrap().signer_key().fingerprint();
    assert_eq!(open(&first, &me).unwrap().signer.fingerprint(), fingerprint);
    assert_eq!(
        colleagues::trust_of(
            me.read(),
            &asha.identity().unwrap().signer_key(),
            Some("Asha Patel")
        )
        .unwrap(),
        Trust::New
    );

    // Not accepted, or accepted with a fingerprint that is not this key's: refused, nothing written.
    let before = state(&b);
    for accept in [None, Some("0000 0000 0000 0000 0000")] {
        let e = import(&mut me, &first, accept).unwrap_err();
        assert_eq!(e.code(), ErrorCode::SignerNotAccepted, "{e}");
        assert!(e.to_string().contains(&fingerprint), "{e}");
        assert!(e.to_string().contains("Phone Asha Patel"), "{e}");
        assert_eq!(state(&b), before);
    }

    // Accepted with the fingerprint as heard (any case, any spacing): imported, and recorded.
    let heard = fingerprint.replace(' ', "").to_lowercase();
    let done = import(&mut me, &first, Some(&heard)).unwrap();
    assert_eq!(done.added["person"], 1);
    let list = colleagues::list(me.read()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].fingerprint.as_str(), list[0].name.as_deref()),
        (fingerprint.as_str(), Some("Asha Patel"))
    );
    let audited: i64 = raw(&b)
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'colleague_key' AND action = 'create' AND entity_id = ?1",
            [&fingerprint],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);

    // Her next handover goes straight through.
    let sam = refer_person(&mut asha, person_input("Sam", "Okafor", None), today());
    let second = sealed(
        &asha,
        "Asha Patel",
        std::slice::from_ref(&sam.person_id),
        &me,
    );
    assert_eq!(import(&mut me, &second, None).unwrap().added["person"], 1);

    // She changes her passphrase: a new key, so the next one asks again and says why.
    asha.change_passphrase(&pass(PASS), &pass("Asha's new passphrase"), FAST)
        .unwrap();
    let third = sealed(&asha, "Asha Patel", &[sam.person_id], &me);
    let before = state(&b);
    let e = import(&mut me, &third, None).unwrap_err();
    assert!(
        matches!(&e, StoreError::HandoverSignerNotAccepted { changed: Some(n), .. } if n == "Asha Patel"),
        "{e:?}"
    );
    assert!(e.to_string().contains("different key"), "{e}");
    assert_eq!(state(&b), before);

    // Forgetting her old key: her handovers signed with it are asked about again.
    me.write(|tx| colleagues::forget(tx, &fingerprint)).unwrap();
    assert!(colleagues::list(me.read()).unwrap().is_empty());
    let e = import(&mut me, &second, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SignerNotAccepted, "{e}");
}

/// The review's attack: anyone holding the public handover key could seal a package that attaches
/// a newer consent decision to someone here by NHS number. Signed by a key not accepted here
/// (even one claiming an accepted colleague's name), it is refused and nothing is written.
#[test]
fn a_stranger_with_only_the_handover_key_cannot_attach_a_consent_decision_by_nhs_number() {
    let (_t1, a) = vault_dir();
    let (_t2, b) = vault_dir();
    let (_t3, c) = vault_dir();
    let mut me = new_vault(&b);
    let ivy = refer_person(&mut me, person_input("Ivy", "Walker", Some(IVY)), today());
    me.write(|tx| {
        people::record_consent(
            tx,
            &ivy.person_id,
            ConsentPurpose::ShareWithGp,
            ConsentDecision::Given,
            today() - Duration::days(10),
        )
    })
    .unwrap();
    // A colleague accepted before, so the name is one this vault trusts.
    let mut asha = new_vault(&a);
    let jo = refer_person(&mut asha, person_input("Jo", "Bright", None), today());
    let fp = asha.identity().unwrap().signer_key().fingerprint();
    let from_asha = sealed(&asha, "Asha Patel", &[jo.person_id], &me);
    import(&mut me, &from_asha, Some(&fp)).unwrap();

    // The stranger's own vault: Ivy by her NHS number, consent withdrawn today.
    let mut stranger = new_vault(&c);
    let fake = refer_person(
        &mut stranger,
        person_input("Ivy", "Walker", Some(IVY)),
        today(),
    );
    stranger
        .write(|tx| {
            people::record_consent(
                tx,
                &fake.person_id,
                ConsentPurpose::ShareWithGp,
                ConsentDecision::NotGiven,
                today(),
            )
        })
        .unwrap();
    let before = state(&b);
    assert_eq!(before.4.as_deref(), Some("yes"));
    for name in ["Someone", "Asha Patel"] {
        let bytes = sealed(&stranger, name, std::slice::from_ref(&fake.person_id), &me);
        // Its signature is valid (the stranger's own): what stops it is that no one accepted it.
        open(&bytes, &me).unwrap();
        let e = import(&mut me, &bytes, None).unwrap_err();
        assert_eq!(e.code(), ErrorCode::SignerNotAccepted, "{e}");
        if name == "Asha Patel" {
            assert!(e.to_string().contains("different key"), "{e}");
        }
        assert_eq!(state(&b), before, "{name}");
    }
}

#[test]
fn a_changed_readdressed_or_unsigned_handover_is_refused_as_a_possible_forgery() {
    let (_t1, a) = vault_dir();
    let (_t2, b) = vault_dir();
    let (_t3, c) = vault_dir();
    let mut asha = new_vault(&a);
    let mut me = new_vault(&b);
    let other = new_vault(&c);
    let ivy = refer_person(&mut asha, person_input("Ivy", "Walker", Some(IVY)), today());
    let sam = refer_person(&mut asha, person_input("Sam", "Okafor", None), today());
    let fp = asha.identity().unwrap().signer_key().fingerprint();
    let before = state(&b);

    let genuine = sealed(
        &asha,
        "Asha Patel",
        std::slice::from_ref(&ivy.person_id),
        &me,
    );
    let plain = age_plaintext(&genuine, &b);
    let (line, body) = split(&plain);

    // Her signature, with a changed package under it.
    let changed = String::from_utf8(body.to_vec())
        .unwrap()
        .replace("\"Ivy\"", "\"Iva\"");
    assert_ne!(changed.as_bytes(), body);
    let with_changed = [line, b"\n", changed.as_bytes()].concat();
    // Her signature from one package, over another of hers.
    let other_package = age_plaintext(&sealed(&asha, "Asha Patel", &[sam.person_id], &me), &b);
    let with_other = [line, b"\n", split(&other_package).1].concat();
    // A handover she sealed for another colleague, passed on to me by them.
    let theirs = sealed(&asha, "Asha Patel", &[ivy.person_id], &other);
    let passed_on = age_plaintext(&theirs, &c);

    for (what, plain) in [
        ("changed", with_changed),
        ("another package", with_other),
        ("passed on", passed_on),
    ] {
        let bytes = age_to(&plain, &me);
        let e = open(&bytes, &me).unwrap_err();
        assert!(matches!(e, StoreError::HandoverForged), "{what}: {e}");
        assert_eq!(e.code(), ErrorCode::BackupForged, "{what}");
        let e = import(&mut me, &bytes, Some(&fp)).unwrap_err();
        assert!(matches!(e, StoreError::HandoverForged), "{what}: {e}");
        assert_eq!(state(&b), before, "{what}");
    }

    // A package with no signature (as versions before signing made them).
    let unsigned = age_to(body, &me);
    let e = import(&mut me, &unsigned, Some(&fp)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupDamaged, "{e}");
    assert!(e.to_string().contains("did not sign"), "{e}");
    assert_eq!(state(&b), before);

    // The genuine one, accepted: so the refusals above were the forgeries', not of everything.
    import(&mut me, &genuine, Some(&fp)).unwrap();
    assert_eq!(count(&b, "person"), 1);
}
