//! The workbook: a cover sheet, then one sheet per table with real numbers in proper formats
//! (counts as whole numbers, percentages as percentages, means to one place), so a supervisor can
//! sum and chart them. Hidden values are text: "<5" for a count from 1 to 4, "[c]" for anything else
//! hidden (see `present::WITHHELD`).

use crate::present::{Cell, Table};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

pub fn workbook(cover: &[(String, String)], tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let count = Format::new().set_num_format("#,##0");
    let percent = Format::new().set_num_format("0.0%");
    let decimal = Format::new().set_num_format("0.0");
    let hidden = Format::new().set_align(FormatAlign::Right);

    let sheet = wb.add_worksheet().set_name("about")?;
    for (i, (k, v)) in cover.iter().enumerate() {
        sheet.write_string_with_format(i as u32, 0, k, &bold)?;
        sheet.write_string(i as u32, 1, v)?;
    }
    let start = cover.len() as u32 + 1;
    sheet.write_string_with_format(start, 0, "Sheet", &bold)?;
    sheet.write_string_with_format(start, 1, "What it holds", &bold)?;
    for (i, t) in tables.iter().enumerate() {
        sheet.write_string(start + 1 + i as u32, 0, sheet_name(&t.name))?;
        sheet.write_string(start + 1 + i as u32, 1, &t.title)?;
    }
    sheet.autofit();

    for t in tables {
        let sheet = wb.add_worksheet().set_name(sheet_name(&t.name))?;
        sheet.write_string_with_format(0, 0, &t.title, &title)?;
        for (c, col) in t.columns.iter().enumerate() {
            sheet.write_string_with_format(2, c as u16, &col.name, &bold)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = 3 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c, s).map(|_| ())?,
                    Cell::Count(n) => sheet
                        .write_number_with_format(r, c, *n as f64, &count)
                        .map(|_| ())?,
                    Cell::Percent(x) => sheet
                        .write_number_with_format(r, c, x / 100.0, &percent)
                        .map(|_| ())?,
                    Cell::Decimal(x) => sheet
                        .write_number_with_format(r, c, *x, &decimal)
                        .map(|_| ())?,
                    Cell::Suppressed | Cell::TooFew | Cell::Withheld => sheet
                        .write_string_with_format(r, c, cell.csv(), &hidden)
                        .map(|_| ())?,
                    Cell::Blank => {}
                }
            }
        }
        if t.rows.is_empty() && !t.empty.is_empty() {
            sheet.write_string(3, 0, &t.empty)?;
        }
        sheet.set_freeze_panes(3, 0)?;
        sheet.autofit();
    }
    wb.save_to_buffer()
}

/// Sheet names are at most 31 characters.
pub fn sheet_name(table: &str) -> &str {
    &table[..table.len().min(31)]
}
