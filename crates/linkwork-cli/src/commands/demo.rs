//! `demo`: fake people for demos, training and benchmarks (the `demo_fill` command).

use super::{Ctx, Result};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 50, conflicts_with = "scale")]
    people: u32,
    /// Link-worker-years instead (for benchmarks): per year about 300 people, 360 episodes,
    /// 3,000 contacts, 1,200 outcome records, 1,000 directory entries, 800 onward referrals,
    /// some records entered in error and older GP lines marked entered
    #[arg(long)]
    scale: Option<u32>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, a: DemoArgs) -> Result {
    ctx.unlock(a.passphrase_file)?;
    let d = ctx.session.api().demo_fill(linkwork_api::types::DemoArgs {
        seed: a.seed,
        years: a.scale,
        people: a.scale.is_none().then_some(a.people),
        assets: None,
    })?;
    if ctx.printed_json(&d)? {
        return Ok(());
    }
    writeln!(
        ctx.out,
        "Demo data added: {} people, {} episodes, {} contacts, {} outcome records, {} community assets, {} onward referrals (seed {}). All NHS numbers are in the 999 test range.",
        d.people, d.episodes, d.contacts, d.outcomes, d.assets, d.onward, a.seed
    )?;
    Ok(())
}
