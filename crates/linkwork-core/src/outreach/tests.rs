use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

/// An EMIS Web search exported to CSV: a title and date above the headings, a BOM, CRLF line
/// ends, "SURNAME, Forename" in one quoted column, dates as 21-Nov-1950, and a reason per row.
const EMIS: &str = "\u{feff}\"Frailty register - moderate and severe\"\r\n\"Run on 01-Dec-2026\"\r\n\r\n\"NHS Number\",\"Full Name\",\"Date of Birth\",\"Mobile Telephone\",\"Postcode\",\"Search Name\"\r\n\"943 476 5919\",\"WALKER, Ivy\",\"14-Feb-1948\",\"07700 900123\",\"hx1 2ab\",\"Frailty, moderate\"\r\n\"9990000093\",\"O'BRIEN, Sean\",\"01-Jan-1950\",\"\",\"HX3 9ZZ\",\"Frailty, severe\"\r\n";

/// A SystmOne search: separate name columns, dates as 21/11/1950 with a time, LF line ends.
const SYSTMONE: &str = "NHS number,Surname,First name,Date of birth,Telephone number,Postcode\n9434765919,Walker,Ivy,14/02/1948 00:00,01422 123456,HX1 2AB\n,Bright,Jo,03/03/1960,,\n";

#[test]
fn emis_and_systmone_searches_are_read_whatever_their_shape() {
    let emis = read_list(EMIS.as_bytes(), today()).unwrap();
    assert_eq!(emis.rows.len(), 2);
    let ivy = &emis.rows[0];
    assert_eq!(ivy.line, 5);
    assert_eq!(
        (ivy.given_name.as_str(), ivy.family_name.as_str()),
        ("Ivy", "Walker")
    );
    assert_eq!(ivy.nhs_number.as_ref().unwrap().formatted(), "943 476 5919");
    assert_eq!(ivy.date_of_birth, NaiveDate::from_ymd_opt(1948, 2, 14));
    assert_eq!(ivy.postcode.as_deref(), Some("HX1 2AB"));
    assert_eq!(
        ivy.reason.as_deref(),
        Some("Frailty, moderate"),
        "a quoted comma"
    );
    assert_eq!(emis.rows[1].family_name, "O'Brien");
    assert_eq!(emis.rows[1].phone, None);
    assert!(emis.columns.contains(&("name", "Full Name".into())));

    let s1 = read_list(SYSTMONE.as_bytes(), today()).unwrap();
    assert_eq!(s1.rows.len(), 2);
    assert_eq!(
        s1.rows[0].date_of_birth,
        NaiveDate::from_ymd_opt(1948, 2, 14)
    );
    assert_eq!(s1.rows[0].phone.as_deref(), Some("01422 123456"));
    assert_eq!(s1.rows[1].nhs_number, None);
    assert_eq!(s1.rows[1].line, 3);
}

#[test]
fn bad_rows_are_named_by_line_and_column_and_nothing_is_read() {
    let file = "NHS number,Surname,Forename,DOB\n9434765918,Walker,Ivy,14/02/1948\n9990000093,,Sam,31/02/1950\n,Bright,Jo,\n9990000093,Okafor,Sam,01/01/2030\n";
    let problems = read_list(file.as_bytes(), today()).unwrap_err();
    let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 5, "{said:#?}");
    assert!(
        said[0]
            .starts_with("Line 2, column \u{201c}NHS number\u{201d}: \u{201c}9434765918\u{201d}"),
        "{said:#?}"
    );
    assert_eq!(
        said[1],
        "Line 3, column \u{201c}Surname\u{201d}: The family name is missing."
    );
    assert!(
        said[2].starts_with(
            "Line 3, column \u{201c}DOB\u{201d}: \u{201c}31/02/1950\u{201d} is not a date"
        ),
        "{said:#?}"
    );
    assert!(
        said[3].starts_with("Line 4: Neither an NHS number nor a date of birth"),
        "{said:#?}"
    );
    assert_eq!(
        said[4],
        "Line 5, column \u{201c}DOB\u{201d}: 01/01/2030 is in the future."
    );
}

#[test]
fn files_that_are_not_a_list_say_what_is_missing() {
    let no_header = read_list(b"a,b,c\n1,2,3\n", today()).unwrap_err();
    assert!(
        no_header[0].message.contains("No heading row"),
        "{no_header:?}"
    );
    let no_key = read_list(b"Surname,Forename\nWalker,Ivy\n", today()).unwrap_err();
    assert!(no_key[0]
        .message
        .contains("no NHS number or date of birth column"));
    let empty = read_list(b"Surname,Forename,NHS number\n", today()).unwrap_err();
    assert!(empty[0].message.contains("nobody under them"));
    let open_quote = read_list(b"Surname,Forename,DOB\n\"Walker,Ivy,01/01/1950\n", today());
    // An unclosed quotation mark swallows the rest of the file: no row, said plainly.
    assert!(open_quote.is_err());
    assert!(read_list(&[0xff, 0xfe, 0x41], today()).unwrap_err()[0]
        .message
        .contains("UTF-8"));
}

#[test]
fn the_same_person_is_matched_by_number_else_name_and_birth_date() {
    let l = read_list(SYSTMONE.as_bytes(), today()).unwrap();
    let mut twin = l.rows[1].clone();
    twin.given_name = "JO".into();
    assert!(same_person(&l.rows[1], &twin));
    twin.date_of_birth = None;
    assert!(!same_person(&l.rows[1], &twin));
    assert!(same_person(&l.rows[0], &l.rows[0].clone()));
}

#[test]
fn each_outcome_leaves_its_state() {
    assert_eq!(OutreachOutcome::LeftMessage.state(), OutreachState::Tried);
    assert_eq!(OutreachOutcome::Accepted.state(), OutreachState::Accepted);
    assert!(OutreachState::Reached.is_open() && !OutreachState::Declined.is_open());
    assert_eq!(
        removal_due(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(), 3),
        NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()
    );
}
