//! `demo`: fake people for demos and benchmarks, through linkwork-demo (the command line only).

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
    let size = match a.scale {
        Some(0) => {
            return Err(
                linkwork_api::ApiError::from(linkwork_core::ValidationError::new(
                    "scale",
                    "The scale is a number of link-worker-years, from 1.",
                ))
                .into(),
            )
        }
        Some(years) => linkwork_demo::Size::years(years),
        None => linkwork_demo::Size::people(a.people),
    };
    let d = linkwork_demo::fill_sized(&ctx.session, size, a.seed)?;
    writeln!(
        ctx.out,
        "Demo data added: {} people, {} episodes, {} contacts, {} outcome records, {} community assets, {} onward referrals (seed {}). All NHS numbers are in the 999 test range.",
        d.people, d.episodes, d.contacts, d.outcomes, d.assets, d.onward, a.seed
    )?;
    Ok(())
}
