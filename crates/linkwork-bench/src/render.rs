//! The figures as Markdown tables.

use crate::ScaleRun;
use std::time::Duration;

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn ratio(a: Duration, b: Duration) -> String {
    if b.is_zero() {
        return "–".into();
    }
    format!("{:.2}", a.as_secs_f64() / b.as_secs_f64())
}

/// The figures as Markdown tables (what the README's Benchmarks section shows).
pub fn render(runs: &[ScaleRun]) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    for r in runs {
        let d = &r.summary;
        line(format!(
            "### {}: {} people, {} episodes, {} contacts, {} outcome records, {} assets, {} onward referrals",
            r.label, d.people, d.episodes, d.contacts, d.outcomes, d.assets, d.onward
        ));
        line(String::new());
        line(format!(
            "Built in {:.1} s; database {:.1} MB after the run.",
            r.build.as_secs_f64(),
            r.database_bytes as f64 / 1e6
        ));
        line(String::new());
        line("| action | median | p99 | runs |".into());
        line("|---|---:|---:|---:|".into());
        for f in r.actions.iter().chain([&r.unlock]) {
            line(format!(
                "| {} | {} | {} | {} |",
                f.name,
                ms(f.median()),
                ms(f.p99()),
                f.samples.len()
            ));
        }
        for f in r.actions.iter().filter(|f| !f.labels.is_empty()) {
            let slow: Vec<String> = f
                .slowest(3)
                .iter()
                .map(|(d, q)| format!("{q} {}", ms(*d)))
                .collect();
            line(String::new());
            line(format!(
                "Slowest {}: {}.",
                f.name.replace(", each keystroke", " keystrokes"),
                slow.join(", ")
            ));
        }
        line(String::new());
        line(format!(
            "Encrypted against plain, {} (store level, same rows, interleaved):",
            r.label
        ));
        line(String::new());
        line("| workload | encrypted median | plain median | ratio | encrypted p99 | plain p99 | ratio |".into());
        line("|---|---:|---:|---:|---:|---:|---:|".into());
        let (mut enc_total, mut plain_total) = (Duration::ZERO, Duration::ZERO);
        for (e, p) in &r.pairs {
            enc_total += e.samples.iter().sum::<Duration>();
            plain_total += p.samples.iter().sum::<Duration>();
            line(format!(
                "| {} | {} | {} | {} | {} | {} | {} |",
                e.name,
                ms(e.median()),
                ms(p.median()),
                ratio(e.median(), p.median()),
                ms(e.p99()),
                ms(p.p99()),
                ratio(e.p99(), p.p99())
            ));
        }
        line(format!(
            "| **whole workload** | {} | {} | **{}** | | | |",
            ms(enc_total),
            ms(plain_total),
            ratio(enc_total, plain_total)
        ));
        line(String::new());
    }
    if let (Some(small), Some(big)) = (runs.first(), runs.last()) {
        if runs.len() > 1 {
            line(format!("### Growth: {} against {}", big.label, small.label));
            line(String::new());
            line(format!(
                "| action | {s} p99 | {b} p99 | ratio |",
                s = small.label,
                b = big.label
            ));
            line("|---|---:|---:|---:|".into());
            for f in &small.actions {
                if let Some(g) = big.actions.iter().find(|g| g.name == f.name) {
                    line(format!(
                        "| {} | {} | {} | {} |",
                        f.name,
                        ms(f.p99()),
                        ms(g.p99()),
                        ratio(g.p99(), f.p99())
                    ));
                }
            }
            line(String::new());
        }
    }
    out
}
