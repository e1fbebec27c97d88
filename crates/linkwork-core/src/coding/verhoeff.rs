//! SNOMED CT identifiers: digits ending in a Verhoeff check digit, with a partition identifier in the
//! two digits before it ("00" a core concept, "10" an extension concept).

const D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// True when the last digit is the Verhoeff check digit of the rest.
pub fn verhoeff_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut c = 0u8;
    for (i, b) in digits.bytes().rev().enumerate() {
        c = D[c as usize][P[i % 8][(b - b'0') as usize] as usize];
    }
    c == 0
}

/// Why a typed code is not a SNOMED CT concept id, in words; `None` when it is one.
pub fn concept_id_problem(id: &str) -> Option<&'static str> {
    let id = id.trim();
    if id.is_empty() {
        return Some(
            "Enter the SNOMED CT concept id (digits only, as in the practice's template).",
        );
    }
    if !id.bytes().all(|b| b.is_ascii_digit()) {
        return Some("A SNOMED CT concept id is digits only, with no spaces or letters.");
    }
    if !(6..=18).contains(&id.len()) || id.starts_with('0') {
        return Some("A SNOMED CT concept id has 6 to 18 digits and does not start with 0.");
    }
    if !verhoeff_valid(id) {
        return Some(
            "That is not a SNOMED CT code: its last digit does not match (the Verhoeff check). Check it against the practice's template.",
        );
    }
    let partition = &id[id.len() - 3..id.len() - 1];
    if partition != "00" && partition != "10" {
        return Some(
            "That is a SNOMED CT id, but not of a concept (its partition digits are not 00 or 10): it may be a description or relationship id.",
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_values_check_as_published() {
        assert!(verhoeff_valid("871731000000106"));
        assert!(!verhoeff_valid("871731000000107"));
        assert!(verhoeff_valid("138875005"));
        assert!(!verhoeff_valid("138875006"));
        assert_eq!(concept_id_problem("871731000000106"), None);
        assert!(concept_id_problem("871731000000107")
            .unwrap()
            .contains("Verhoeff"));
        assert!(concept_id_problem("8717 31")
            .unwrap()
            .contains("digits only"));
        assert!(concept_id_problem("").is_some());
    }
}
