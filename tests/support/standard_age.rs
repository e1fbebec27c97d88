//! The standard age tools, for tests that prove a file opens without Linkwork: `age-keygen` and
//! `age` on Linux. The Windows build's tests (run under Wine) have no `age` command; there the
//! age library, which is the same format, stands in. Shared by the API and CLI test binaries.

use std::path::Path;

/// Writes a new identity file to `path` (`age-keygen -o`); returns its public key.
pub fn keygen(path: &Path) -> String {
    #[cfg(unix)]
    {
        let out = std::process::Command::new("age-keygen")
            .arg("-o")
            .arg(path)
            .output()
            .expect("age-keygen (./dev setup installs it)");
        assert!(out.status.success(), "age-keygen failed");
    }
    #[cfg(not(unix))]
    {
        use age::secrecy::ExposeSecret;
        let id = age::x25519::Identity::generate();
        let text = format!(
            "# public key: {}\n{}\n",
            id.to_public(),
            id.to_string().expose_secret()
        );
        std::fs::write(path, text).unwrap();
    }
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("# public key: ").map(str::to_owned))
        .expect("a public key line")
}

/// The plaintext of `file`, decrypted with the identity file `key` (`age -d -i`).
pub fn decrypt(key: &Path, file: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        let out = std::process::Command::new("age")
            .arg("-d")
            .arg("-i")
            .arg(key)
            .arg(file)
            .output()
            .expect("age (./dev setup installs it)");
        assert!(
            out.status.success(),
            "age -d: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }
    #[cfg(not(unix))]
    {
        use std::{io::Read, str::FromStr};
        let text = std::fs::read_to_string(key).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("AGE-SECRET-KEY-"))
            .unwrap();
        let id = age::x25519::Identity::from_str(line).unwrap();
        let bytes = std::fs::read(file).unwrap();
        let d = age::Decryptor::new(&bytes[..]).unwrap();
        let mut r = d
            .decrypt(std::iter::once(&id as &dyn age::Identity))
            .unwrap();
        let mut out = vec![];
        r.read_to_end(&mut out).unwrap();
        out
    }
}
