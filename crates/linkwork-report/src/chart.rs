//! Horizontal bar charts as inline SVG, drawn by plotters (no script, no fonts to load: the SVG
//! carries `<text>` the browser renders). A chart only ever shows what its table shows: a value
//! hidden in the table is drawn as no bar and labelled as the table's file has it ("<5", "[c]").

use crate::present::{Cell, Table};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// NHS identity colours (blue, green, warm yellow, grey, red, purple, aqua green, dark blue).
pub const PALETTE: [(u8, u8, u8); 8] = [
    (0x00, 0x5e, 0xb8),
    (0x00, 0x96, 0x39),
    (0xff, 0xb8, 0x1c),
    (0x76, 0x86, 0x92),
    (0xda, 0x29, 0x1c),
    (0x33, 0x00, 0x72),
    (0x00, 0xa4, 0x99),
    (0x00, 0x30, 0x87),
];

pub fn colour_hex(i: usize) -> String {
    let (r, g, b) = PALETTE[i % PALETTE.len()];
    format!("#{r:02x}{g:02x}{b:02x}")
}

const ROW: u32 = 30;
const WIDTH: u32 = 720;
const LABEL_AREA: u32 = 260;

/// The chart of a table, or `None` when the table has no chart or no rows.
pub fn svg(t: &Table) -> Option<String> {
    let spec = t.chart.as_ref()?;
    if t.rows.is_empty() {
        return None;
    }
    let rows: Vec<(String, Vec<&Cell>)> = t
        .rows
        .iter()
        .map(|r| {
            let label = match &r[spec.label_column] {
                Cell::Text(s) => s.clone(),
                other => other.display(),
            };
            (label, spec.value_columns.iter().map(|&c| &r[c]).collect())
        })
        .collect();
    let value = |c: &Cell| c.number().unwrap_or(0.0);
    let longest = rows
        .iter()
        .map(|(_, v)| {
            if spec.stacked {
                v.iter().map(|c| value(c)).sum()
            } else {
                v.iter().map(|c| value(c)).fold(0.0, f64::max)
            }
        })
        .fold(0.0, f64::max);
    // Nothing to draw (all zero or suppressed): the table says it better.
    if longest <= 0.0 {
        return None;
    }
    let x_max = longest * 1.12;
    let n = rows.len();
    let height = 40 + ROW * n as u32;
    let mut out = String::new();
    draw(&mut out, (WIDTH, height), x_max, &rows, spec.stacked).ok()?;
    // The root element gets a role and a name; the table beside it holds the figures.
    Some(out.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" aria-label=\"{}: chart (the figures are in the table below)\" ",
            crate::html::esc(&spec.title)
        ),
        1,
    ))
}

type Rows<'a> = [(String, Vec<&'a Cell>)];

fn draw(
    out: &mut String,
    size: (u32, u32),
    x_max: f64,
    rows: &Rows<'_>,
    stacked: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(out, size).into_drawing_area();
    root.fill(&WHITE)?;
    let n = rows.len();
    let series = rows[0].1.len();
    let mut chart = ChartBuilder::on(&root)
        .margin_top(6)
        .margin_right(40)
        .margin_left(6)
        .x_label_area_size(26)
        .y_label_area_size(LABEL_AREA)
        .build_cartesian_2d(0.0..x_max, 0.0..n as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(6)
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(0xe8, 0xed, 0xee))
        .axis_style(RGBColor(0x76, 0x86, 0x92))
        .x_label_style(
            ("sans-serif", 14)
                .into_font()
                .color(&RGBColor(0x42, 0x52, 0x5b)),
        )
        .x_label_formatter(&|x| {
            // Counts and percentages: whole numbers only.
            if x.fract().abs() < 1e-9 {
                format!("{x:.0}")
            } else {
                String::new()
            }
        })
        .draw()?;
    let label_style = ("sans-serif", 15)
        .into_font()
        .color(&RGBColor(0x21, 0x2b, 0x32))
        .pos(Pos::new(HPos::Right, VPos::Center));
    let value_style = ("sans-serif", 14)
        .into_font()
        .color(&RGBColor(0x21, 0x2b, 0x32))
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (label, cells)) in rows.iter().enumerate() {
        // Row 0 at the top.
        let top = (n - i) as f64 - 0.15;
        let bottom = (n - i - 1) as f64 + 0.15;
        let mut x = 0.0;
        for (s, cell) in cells.iter().enumerate() {
            let v = cell.number().unwrap_or(0.0);
            let (y0, y1) = if stacked || series == 1 {
                (bottom, top)
            } else {
                let h = (top - bottom) / series as f64;
                (top - h * (s + 1) as f64, top - h * s as f64)
            };
            let x0 = if stacked { x } else { 0.0 };
            if v > 0.0 {
                let (r, g, b) = PALETTE[s % PALETTE.len()];
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x0, y0), (x0 + v, y1)],
                    RGBColor(r, g, b).filled(),
                )))?;
            }
            if stacked {
                x += v;
            }
        }
        let (lx, ly) = chart.backend_coord(&(0.0, (n - i) as f64 - 0.5));
        let short: String = if label.chars().count() > 34 {
            label.chars().take(33).collect::<String>() + "…"
        } else {
            label.clone()
        };
        root.draw(&Text::new(short, (lx - 8, ly), label_style.clone()))?;
        // One series: the value at the bar's end, as the table shows it.
        if series == 1 {
            let shown = match cells[0] {
                c if c.is_hidden() => c.csv(),
                c => c.display(),
            };
            let (vx, vy) =
                chart.backend_coord(&(cells[0].number().unwrap_or(0.0), (n - i) as f64 - 0.5));
            root.draw(&Text::new(shown, (vx + 4, vy), value_style.clone()))?;
        }
    }
    root.present()?;
    Ok(())
}
