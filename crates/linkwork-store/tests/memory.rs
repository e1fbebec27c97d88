//! No freed memory holds the raw key or the passphrase. A quarantining allocator keeps every block
//! freed during create, unlock, two passphrase changes and lock (never handing it out again, so
//! its bytes stay as they were left); afterwards each block is searched for the raw key, its hex
//! form (SQLCipher's raw key literal) and both passphrases.
//!
//! Twice: first as plain Rust frees memory, where Linkwork's own code must leave no copy (the one
//! copy allowed is in age's 64 KiB stream buffer, which age frees unwiped: pinned here so any other
//! shows); then with the binaries' allocator (`WipeOnFree`), where no copy at all may remain.
//! SQLite's own allocations (C `malloc`) are outside this allocator: SQLCipher wipes those itself
//! with `cipher_memory_security`.
//!
//! Its own test binary: the allocator is global to the process.

use linkwork_core::Passphrase;
use linkwork_store::{KdfCost, Vault};
use std::{
    alloc::{GlobalAlloc, Layout, System},
    io::Read,
    sync::atomic::{AtomicBool, AtomicUsize, Ordering},
};

const CAP: usize = 1 << 22;
static ON: AtomicBool = AtomicBool::new(false);
static WIPE: AtomicBool = AtomicBool::new(false);
static COUNT: AtomicUsize = AtomicUsize::new(0);
static BLOCKS: [(AtomicUsize, AtomicUsize); CAP] =
    [const { (AtomicUsize::new(0), AtomicUsize::new(0)) }; CAP];

struct Quarantine;

unsafe impl GlobalAlloc for Quarantine {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ON.load(Ordering::SeqCst) {
            let i = COUNT.fetch_add(1, Ordering::SeqCst);
            if i < CAP {
                if WIPE.load(Ordering::SeqCst) {
                    // SAFETY: the block is still ours.
                    unsafe { linkwork_store::wipe::wipe(ptr, layout.size()) };
                }
                BLOCKS[i].0.store(ptr as usize, Ordering::SeqCst);
                BLOCKS[i].1.store(layout.size(), Ordering::SeqCst);
                return; // kept, never reused
            }
        }
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Quarantine = Quarantine;

const PASS: &str = "quarantined passphrase 4471";
const NEW: &str = "an interim passphrase 9902";

fn raw_key(dir: &std::path::Path) -> Vec<u8> {
    let bytes = std::fs::read(dir.join(linkwork_store::paths::PASSPHRASE_KEY_FILE)).unwrap();
    let id = age::scrypt::Identity::new(PASS.to_string().into());
    let mut key = Vec::new();
    age::Decryptor::new(&bytes[..])
        .unwrap()
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut key)
        .unwrap();
    key
}

/// Runs create, unlock, two passphrase changes and lock with frees quarantined; returns what
/// was found in freed blocks.
fn quarantined_run(wipe: bool) -> Vec<String> {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("vault");
    COUNT.store(0, Ordering::SeqCst);
    WIPE.store(wipe, Ordering::SeqCst);
    ON.store(true, Ordering::SeqCst);
    let v = Vault::create(
        &dir,
        &Passphrase::new(PASS.to_string()),
        None,
        KdfCost::InsecureForTests(10),
    )
    .unwrap();
    v.lock().unwrap();
    let mut v = Vault::unlock(
        &dir,
        linkwork_store::vault::Credential::Passphrase(&Passphrase::new(PASS.to_string())),
    )
    .unwrap();
    // A passphrase change rekeys: the old key and the new passphrase pass through memory too.
    let pass = Passphrase::new(PASS.to_string());
    let new = Passphrase::new(NEW.to_string());
    v.change_passphrase(&pass, &new, KdfCost::InsecureForTests(10))
        .unwrap();
    v.change_passphrase(&new, &pass, KdfCost::InsecureForTests(10))
        .unwrap();
    v.lock().unwrap();
    drop((pass, new));
    ON.store(false, Ordering::SeqCst);

    let n = COUNT.load(Ordering::SeqCst);
    assert!(n < CAP, "more frees than the quarantine holds ({n})");
    assert!(n > 100, "the allocator saw almost nothing ({n} frees)");
    let key = raw_key(&dir);
    let patterns: [(&str, Vec<u8>); 4] = [
        ("raw key", key.clone()),
        ("key as hex", hex::encode(&key).into_bytes()),
        ("passphrase", PASS.as_bytes().to_vec()),
        ("interim passphrase", NEW.as_bytes().to_vec()),
    ];
    let mut hits = vec![];
    for b in &BLOCKS[..n] {
        let (ptr, len) = (b.0.load(Ordering::SeqCst), b.1.load(Ordering::SeqCst));
        // SAFETY: a block freed while quarantining; it was never given back to the system.
        let block = unsafe { std::slice::from_raw_parts(ptr as *const u8, len) };
        for (what, p) in &patterns {
            if block.windows(p.len()).any(|w| w == &p[..]) {
                hits.push(format!("{what} in a freed block of {len} bytes"));
            }
        }
    }
    hits
}

#[test]
fn freed_memory_never_holds_the_raw_key_or_the_passphrase() {
    let plain = quarantined_run(false);
    let ours: Vec<_> = plain
        .iter()
        .filter(|h| !h.ends_with("block of 65536 bytes"))
        .collect();
    assert!(
        ours.is_empty(),
        "Linkwork's own code freed secrets unwiped: {ours:#?}"
    );
    let wiped = quarantined_run(true);
    assert!(wiped.is_empty(), "with WipeOnFree: {wiped:#?}");
}
