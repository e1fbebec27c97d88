//! The report as one self-contained HTML page: inline styles and SVG charts, no script, nothing
//! fetched, so it opens offline in any browser and prints on A4. Every value is escaped.

use crate::{
    chart,
    figures::Figures,
    present::{self, Cell, Suppression, Table, SECTIONS},
};
use chrono::NaiveDateTime;
use linkwork_core::dates::format_date_gb;

pub use linkwork_core::coding::esc;

const STYLE: &str = r#"
:root { color: #212b32; font-family: Arial, "Helvetica Neue", sans-serif; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45; background: #fff; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .5rem; padding-top: .5rem; border-top: 4px solid #005eb8; break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; break-after: avoid; }
.meta { color: #4c6272; margin: 0 0 1rem; }
.warning { border-left: 8px solid #ffeb3b; background: #fff9c4; padding: .75rem 1rem; margin: 1rem 0; }
.note { color: #4c6272; font-size: .9rem; }
nav ol { columns: 2; margin: .5rem 0 1rem; }
figure { margin: .5rem 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
.legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; }
.legend span { display: inline-block; width: .9rem; height: .9rem; margin-right: .35rem; vertical-align: -0.1rem; }
table { border-collapse: collapse; min-width: min(100%, 34rem); margin: .25rem 0 1rem; font-size: .92rem; }
th, td { border-bottom: 1px solid #d8dde0; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #4c6272; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr { break-inside: avoid; }
.empty { color: #4c6272; font-style: italic; }
.why { display: block; color: #4c6272; font-size: .8rem; white-space: normal; }
@page { size: A4; margin: 15mm; }
@media print { body { padding: 0; max-width: none; font-size: 10pt; } nav { display: none; } h2 { break-before: auto; } }
"#;

/// Shows a table's code column only when there is no label beside it, and leaves out count
/// columns that are zero all the way down (the CSV and workbook keep every column).
fn shown_columns(t: &Table) -> Vec<usize> {
    let hide_code = t.columns.len() > 1 && t.columns[1].name == "label";
    let all_zero = |i: usize| t.rows.iter().all(|r| r[i] == Cell::Count(0));
    (0..t.columns.len())
        .filter(|&i| !(hide_code && i == 0 || t.columns.len() > 4 && all_zero(i)))
        .collect()
}

fn is_number(t: &Table, col: usize) -> bool {
    t.rows.iter().any(|r| !matches!(r[col], Cell::Text(_)))
}

fn table_html(t: &Table, out: &mut String) {
    // The section's first table often shares its title ("Caseload"): one heading is enough.
    if t.title != t.section {
        out.push_str(&format!(
            "<h3 id=\"{}\">{}</h3>\n",
            esc(&t.name),
            esc(&t.title)
        ));
    }
    if let (Some(svg), Some(spec)) = (chart::svg(t), &t.chart) {
        out.push_str("<figure>\n");
        out.push_str(&svg);
        if spec.value_columns.len() > 1 {
            out.push_str("<ul class=\"legend\">");
            for (i, &c) in spec.value_columns.iter().enumerate() {
                if t.rows.iter().all(|r| r[c] == Cell::Count(0)) {
                    continue;
                }
                out.push_str(&format!(
                    "<li><span style=\"background:{}\"></span>{}</li>",
                    chart::colour_hex(i),
                    esc(&t.columns[c].label)
                ));
            }
            out.push_str("</ul>");
        }
        out.push_str("</figure>\n");
    }
    if t.rows.is_empty() {
        out.push_str(&format!("<p class=\"empty\">{}</p>\n", esc(&t.empty)));
        return;
    }
    let cols = shown_columns(t);
    out.push_str("<table>\n<thead><tr>");
    for &c in &cols {
        let class = if is_number(t, c) {
            " class=\"num\""
        } else {
            ""
        };
        let label = match t.columns[c].label.as_str() {
            "" => &t.columns[c].name,
            l => l,
        };
        out.push_str(&format!("<th scope=\"col\"{class}>{}</th>", esc(label)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        out.push_str("<tr>");
        for &c in &cols {
            match &r[c] {
                Cell::Text(s) => out.push_str(&format!("<td>{}</td>", esc(s))),
                other => match other.note() {
                    // "–" alone could read as nothing recorded: the reason is said beside it.
                    Some(why) => out.push_str(&format!(
                        "<td class=\"num\">{}<span class=\"why\">{}</span></td>",
                        esc(&other.display()),
                        esc(why)
                    )),
                    None => {
                        out.push_str(&format!("<td class=\"num\">{}</td>", esc(&other.display())))
                    }
                },
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

fn period(f: &Figures) -> String {
    crate::figures::period_label(f.from, f.to)
}

fn page(
    title: &str,
    meta: &[String],
    s: Suppression,
    lead: Option<&Table>,
    tables: &[Table],
) -> String {
    let mut out = String::new();
    out.push_str("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Nothing may load from anywhere: the page is whole as it is.
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(title)
    ));
    out.push_str(&format!("<h1>{}</h1>\n", esc(title)));
    for m in meta {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", esc(m)));
    }
    match s {
        Suppression::On => out.push_str("<p class=\"note\">So that no one can be recognised, counts from 1 to 4 are shown as &lt;5; a percentage, mean or median with fewer than 5 people behind it is shown as \u{2013} (fewer than 5 people); and a figure that would let one of those be worked out from the others is hidden too (\u{2013}, hidden to protect a small number). Charts draw no bar for them.</p>\n"),
        Suppression::Off => out.push_str("<div class=\"warning\"><strong>For internal use only.</strong> Small numbers are not suppressed in this report: counts from 1 to 4 could let someone be recognised. Do not share it outside the team.</div>\n"),
    }
    out.push_str("<nav aria-label=\"Sections\"><ol>");
    let sections: Vec<&str> = lead
        .map(|t| t.section.as_str())
        .into_iter()
        .chain(SECTIONS)
        .collect();
    for (i, sec) in sections.iter().enumerate() {
        out.push_str(&format!("<li><a href=\"#s{i}\">{}</a></li>", esc(sec)));
    }
    out.push_str("</ol></nav>\n<main>\n");
    for (i, sec) in sections.iter().enumerate() {
        out.push_str(&format!(
            "<section aria-labelledby=\"s{i}\">\n<h2 id=\"s{i}\">{}</h2>\n",
            esc(sec)
        ));
        for t in lead.into_iter().chain(tables).filter(|t| t.section == *sec) {
            table_html(t, &mut out);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n<p class=\"note\">Made by Linkwork. Records entered in error are left out. No names, NHS numbers, dates of birth or notes are in this report.</p>\n</body>\n</html>\n");
    out
}

/// One link worker's report, made at `made` (local time).
pub fn report(f: &Figures, made: NaiveDateTime, s: Suppression) -> String {
    page(
        &format!("Social prescribing report: {}", period(f)),
        &[format!("Link worker: {}", f.worker), made_on(made)],
        s,
        None,
        &present::tables(f, s),
    )
}

fn made_on(made: NaiveDateTime) -> String {
    format!(
        "Made on {} at {}; figures as at the end of the period",
        format_date_gb(made.date()),
        made.format("%H:%M")
    )
}

/// The team's report: the team's figures with charts, and a row per link worker up front, hidden
/// exactly as in the team's CSV set and workbook.
pub fn team(
    workers: &[Figures],
    total: &Figures,
    report: &present::TeamReport,
    made: NaiveDateTime,
    s: Suppression,
) -> String {
    let names: Vec<&str> = workers.iter().map(|w| w.worker.as_str()).collect();
    page(
        &format!("Social prescribing team report: {}", period(total)),
        &[
            format!("{} link workers: {}", workers.len(), names.join(", ")),
            made_on(made),
        ],
        s,
        Some(&report.headline),
        &report.total,
    )
}

/// The case studies chosen for the pack, one page: each a heading and its paragraphs, escaped.
pub fn case_studies(worker: &str, period: &str, items: &[(String, String)]) -> Vec<u8> {
    let mut out = String::new();
    out.push_str("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str(&format!(
        "<title>Case studies: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Case studies</h1>\n",
        esc(period)
    ));
    out.push_str(&format!(
        "<p class=\"meta\">Link worker: {}. Period: {}.</p>\n<p class=\"note\">Each was written with the person's consent to a case study and checked for names, NHS numbers, dates, postcodes, addresses and phone numbers before it was saved and again as this pack was made. Weeks count from the referral.</p>\n",
        esc(worker),
        esc(period)
    ));
    for (title, body) in items {
        out.push_str(&format!("<section>\n<h2>{}</h2>\n", esc(title)));
        for para in body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            out.push_str(&format!("<p>{}</p>\n", esc(para).replace('\n', "<br>")));
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out.into_bytes()
}
