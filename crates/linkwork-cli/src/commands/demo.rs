//! `demo`: fake people for demos and benchmarks, through linkwork-demo (not in the desktop app).

use super::{Ctx, Result};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 50)]
    people: u32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, a: DemoArgs) -> Result {
    ctx.unlock(a.passphrase_file)?;
    let d = linkwork_demo::fill(&ctx.session, a.people, a.seed)?;
    writeln!(
        ctx.out,
        "Demo data added: {} people, {} episodes, {} contacts, {} outcome records, {} community assets, {} onward referrals (seed {}). All NHS numbers are in the 999 test range.",
        d.people, d.episodes, d.contacts, d.outcomes, d.assets, d.onward, a.seed
    )?;
    Ok(())
}
