//! Argument and result types of the commands, one file per domain. Generated into TypeScript; keep
//! names in the link worker's words and never put a secret in a result type.
//!
//! Arguments use the core's vocabulary enums and id types, so a value the core does not know is a
//! `BAD_REQUEST` naming the field before any handler runs. A choice left blank arrives as `""` or
//! `null` and is `None` here; the handler then says "Choose the …" beside its field.

mod backup;
mod case_studies;
mod caseload;
mod directory;
mod gp;
mod groups;
mod jobs;
mod onward;
mod outcomes;
mod outreach;
mod report;
mod rights;
mod vault;

pub use backup::*;
pub use case_studies::*;
pub use caseload::*;
pub use directory::*;
pub use gp::*;
pub use groups::*;
pub use jobs::*;
pub use onward::*;
pub use outcomes::*;
pub use outreach::*;
pub use report::*;
pub use rights::*;
pub use vault::*;

use linkwork_core::Passphrase;
use serde::{Deserialize, Deserializer};
use ts_rs::TS;

/// A secret typed into a form. Deserialised straight into zeroizing memory; never serialised.
#[derive(Clone, Debug)]
pub struct SecretInput(pub Passphrase);

impl<'de> Deserialize<'de> for SecretInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(SecretInput(Passphrase::new(String::deserialize(d)?)))
    }
}

impl SecretInput {
    pub fn into_string(self) -> String {
        self.0.expose().to_owned()
    }
}

/// For commands that take nothing.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct NoArgs {}

/// `null`, a missing field or a blank string are all "not given"; anything else must be a `T`.
pub(crate) fn blank_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::de::Error;
    match Option::<serde_json::Value>::deserialize(d)? {
        None => Ok(None),
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(v) => T::deserialize(v).map(Some).map_err(D::Error::custom),
    }
}

pub use crate::demo::{DemoArgs, DemoFilled};
pub use crate::supervisor::{
    Merged, PackSource, SupervisorIdentityArgs, SupervisorIdentityView, SupervisorKey,
    SupervisorKeygenArgs, SupervisorMergeArgs,
};
