//! `linkwork-bench`: builds scale-1 and scale-10 demo vaults in a temporary folder and prints
//! median and p99 for every everyday action, encrypted against plain, and growth. See the README's
//! Benchmarks section. Run it from a release build: `./dev bench`.

use clap::Parser;
use linkwork_bench::{render, run, Options, Scale};

#[derive(Parser)]
#[command(about = "Time every everyday action on one- and ten-link-worker-year vaults")]
struct Args {
    /// Link-worker-years to build, comma-separated
    #[arg(long, value_delimiter = ',', default_value = "1,10")]
    scales: Vec<u32>,
    /// Samples per quick action (slow ones take fewer)
    #[arg(long, default_value_t = 200)]
    runs: usize,
    /// Services in the imported Open Referral UK feed
    #[arg(long, default_value_t = 10_000)]
    import: u32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

// The app's own allocator (every freed block zeroed), so the figures include what it costs.
#[global_allocator]
static ALLOC: linkwork_api::WipeOnFree = linkwork_api::WipeOnFree;

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|m| m.trim_start_matches([' ', '\t', ':']))
        })
        .unwrap_or("unknown CPU")
        .to_string();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:").map(|m| m.trim().to_string()))
        .unwrap_or_default();
    let os = std::fs::read_to_string("/etc/os-release")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("PRETTY_NAME=")
                .map(|m| m.trim_matches('"').to_string())
        })
        .unwrap_or_else(|| std::env::consts::OS.into());
    format!("{model}, {cores} cores, {mem} memory, {os}")
}

fn main() {
    let a = Args::parse();
    if a.scales.contains(&0) {
        eprintln!("linkwork-bench: a scale is a number of link-worker-years, from 1");
        std::process::exit(2);
    }
    if cfg!(debug_assertions) {
        eprintln!("linkwork-bench: this is a debug build; figures mean little (use ./dev bench)");
    }
    let o = Options {
        sizes: a
            .scales
            .iter()
            .map(|n| (format!("scale {n}"), Scale::years(*n)))
            .collect(),
        runs: a.runs,
        import_services: a.import,
        seed: a.seed,
        ..Options::standard()
    };
    let started = std::time::Instant::now();
    match run(&o, &mut |m| eprintln!("… {m}")) {
        Ok(runs) => {
            println!("Machine: {}", machine());
            println!(
                "Linkwork {}, release build, run took {:.0} s.\n",
                env!("CARGO_PKG_VERSION"),
                started.elapsed().as_secs_f64()
            );
            print!("{}", render(&runs));
        }
        Err(e) => {
            eprintln!("linkwork-bench: {e}");
            std::process::exit(1);
        }
    }
}
