//! Whether a file name Linkwork proposes is one Windows accepts. Linux takes almost any name;
//! Windows refuses some characters, device names (`CON`, `NUL.txt`…) and names ending in a dot or
//! a space, so every name offered in a save dialog or written into a folder is checked here.

/// The start of every CSV file Linkwork writes for a person to open (the report's tables, the
/// directory template and export): Excel reads a CSV file as UTF-8 only when it starts with this
/// byte-order mark (without it, "Zoë" shows as "ZoÃ«"). Their rows end in CR LF (RFC 4180), as
/// Windows tools expect. Linkwork's own CSV readers take files with or without it.
pub const CSV_BOM: &[u8] = b"\xEF\xBB\xBF";

/// What a spreadsheet would take as the start of a formula (or, for tab and CR, shift into one).
const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A text cell for a CSV file a person opens in a spreadsheet. A value starting like a formula
/// (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`, so Excel shows it as text instead of running
/// it: a name or an asset's description from a feed cannot become `=HYPERLINK(…)` (OWASP's
/// advice). Numbers Linkwork writes as numbers do not go through here. [`csv_text_read`] undoes it.
pub fn csv_text(value: &str) -> std::borrow::Cow<'_, str> {
    // `'` already in front of a formula start gets one more, so reading back is exact.
    if value.trim_start_matches('\'').starts_with(FORMULA_START) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// A cell of a CSV file Linkwork wrote with [`csv_text`], as it was before.
pub fn csv_text_read(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// Windows' longest file name (one path component), in UTF-16 units.
pub const MAX_NAME: usize = 255;

const DEVICES: &[&str] = &["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];

/// Why Windows would refuse `name` as a file name, or `None` when it would accept it.
pub fn windows_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() || name == "." || name == ".." {
        return Some("is empty or a folder reference");
    }
    if name.encode_utf16().count() > MAX_NAME {
        return Some("is longer than 255 characters");
    }
    if let Some(c) = name
        .chars()
        .find(|c| (*c as u32) < 32 || r#"<>:"/\|?*"#.contains(*c))
    {
        return Some(if (c as u32) < 32 {
            "holds a control character"
        } else {
            "holds a character Windows does not allow (< > : \" / \\ | ? *)"
        });
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("ends with a dot or a space");
    }
    // A device name is reserved with any extension, and with trailing spaces before it.
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix).is_some_and(|n| {
            matches!(
                n,
                "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
            )
        })
    };
    if DEVICES.contains(&stem.as_str()) || numbered("COM") || numbered("LPT") {
        return Some("is a name Windows keeps for a device (CON, NUL, COM1…)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_starts_like_a_formula_is_written_as_text_and_read_back_exactly() {
        for (value, written) in [
            (
                "=HYPERLINK(\"http://x\",\"Click\")",
                "'=HYPERLINK(\"http://x\",\"Click\")",
            ),
            ("+44 20 7946 0000", "'+44 20 7946 0000"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("'=1", "''=1"),
            ("Zoë's walking group", "Zoë's walking group"),
            ("'quoted'", "'quoted'"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(csv_text(value), written, "{value:?}");
            assert_eq!(csv_text_read(written), value, "{written:?}");
        }
    }

    #[test]
    fn windows_refuses_what_it_refuses() {
        for bad in [
            "",
            ".",
            "..",
            "CON",
            "con.txt",
            "Nul.age",
            "COM1.csv",
            "lpt9",
            "COM¹",
            "AUX .txt",
            "a:b.age",
            "what?.age",
            "a/b",
            "a\\b",
            "tab\there",
            "report.",
            "report ",
        ] {
            assert!(windows_problem(bad).is_some(), "{bad:?} should be refused");
        }
        let long = "a".repeat(256);
        assert_eq!(
            windows_problem(&long),
            Some("is longer than 255 characters")
        );
        for good in [
            "linkwork-report-2026-10-asha-patel.age",
            "console.txt",
            "COM10.txt",
            "Zoë Ó'Brien records.zip",
            ".hidden",
            &"a".repeat(255),
        ] {
            assert_eq!(windows_problem(good), None, "{good:?} is fine");
        }
    }
}
