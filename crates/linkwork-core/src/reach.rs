//! Who the service reaches: optional, sensitive details about a person, never required and shown
//! only on their Details tab, and the bands the report counts them by. Pure.
//!
//! Invariant: none of these is ever needed to do anything else in Linkwork; a person with none
//! recorded counts as "not recorded", and the report leaves the detailed ethnic category on the
//! laptop (it counts the five broad groups).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::vocab::vocab!(
    /// Sex, as the person describes it.
    Sex {
        Female = "female": "Female",
        Male = "male": "Male",
        Another = "another": "Describes themselves another way",
        NotStated = "not_stated": "Prefers not to say",
    }
);

crate::vocab::vocab!(
    /// The NHS Data Dictionary's ethnic categories (2001 census), as the person gives it.
    EthnicGroup {
        WhiteBritish = "white_british": "White: British",
        WhiteIrish = "white_irish": "White: Irish",
        WhiteOther = "white_other": "White: any other White background",
        MixedWhiteBlackCaribbean = "mixed_white_black_caribbean": "Mixed: White and Black Caribbean",
        MixedWhiteBlackAfrican = "mixed_white_black_african": "Mixed: White and Black African",
        MixedWhiteAsian = "mixed_white_asian": "Mixed: White and Asian",
        MixedOther = "mixed_other": "Mixed: any other mixed background",
        AsianIndian = "asian_indian": "Asian or Asian British: Indian",
        AsianPakistani = "asian_pakistani": "Asian or Asian British: Pakistani",
        AsianBangladeshi = "asian_bangladeshi": "Asian or Asian British: Bangladeshi",
        AsianOther = "asian_other": "Asian or Asian British: any other Asian background",
        BlackCaribbean = "black_caribbean": "Black or Black British: Caribbean",
        BlackAfrican = "black_african": "Black or Black British: African",
        BlackOther = "black_other": "Black or Black British: any other Black background",
        Chinese = "chinese": "Other ethnic groups: Chinese",
        Other = "other": "Other ethnic groups: any other ethnic group",
        NotStated = "not_stated": "Not stated (the person chose not to say)",
    }
);

crate::vocab::vocab!(
    /// The broad groups the report counts by (never the detailed category).
    BroadEthnicGroup {
        White = "white": "White",
        Mixed = "mixed": "Mixed or multiple",
        Asian = "asian": "Asian or Asian British",
        Black = "black": "Black or Black British",
        Other = "other": "Other ethnic groups (Chinese included)",
        NotStated = "not_stated": "Not stated",
    }
);

impl EthnicGroup {
    /// The Data Dictionary's code (A to S, Z for not stated), for the GP system's own records.
    pub fn code(self) -> &'static str {
        use EthnicGroup as E;
        match self {
            E::WhiteBritish => "A",
            E::WhiteIrish => "B",
            E::WhiteOther => "C",
            E::MixedWhiteBlackCaribbean => "D",
            E::MixedWhiteBlackAfrican => "E",
            E::MixedWhiteAsian => "F",
            E::MixedOther => "G",
            E::AsianIndian => "H",
            E::AsianPakistani => "J",
            E::AsianBangladeshi => "K",
            E::AsianOther => "L",
            E::BlackCaribbean => "M",
            E::BlackAfrican => "N",
            E::BlackOther => "P",
            E::Chinese => "R",
            E::Other => "S",
            E::NotStated => "Z",
        }
    }

    pub fn broad(self) -> BroadEthnicGroup {
        use BroadEthnicGroup as B;
        match self.code() {
            "A" | "B" | "C" => B::White,
            "D" | "E" | "F" | "G" => B::Mixed,
            "H" | "J" | "K" | "L" => B::Asian,
            "M" | "N" | "P" => B::Black,
            "R" | "S" => B::Other,
            _ => B::NotStated,
        }
    }
}

crate::vocab::vocab!(
    /// Whether the person considers themselves to have a disability or long-term condition.
    Disability {
        Yes = "yes": "Yes",
        No = "no": "No",
        NotStated = "not_stated": "Prefers not to say",
    }
);

crate::vocab::vocab!(
    /// Age on the period's last day, in the bands the report counts by.
    AgeBand {
        Under18 = "under_18": "Under 18",
        From18To24 = "18_24": "18 to 24",
        From25To34 = "25_34": "25 to 34",
        From35To44 = "35_44": "35 to 44",
        From45To54 = "45_54": "45 to 54",
        From55To64 = "55_64": "55 to 64",
        From65To74 = "65_74": "65 to 74",
        From75To84 = "75_84": "75 to 84",
        From85 = "85_plus": "85 and over",
    }
);

/// The band someone born on `dob` is in on `on` (`None` before they were born).
pub fn age_band(dob: NaiveDate, on: NaiveDate) -> Option<AgeBand> {
    let mut years = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        years -= 1;
    }
    use AgeBand as A;
    Some(match years {
        y if y < 0 => return None,
        0..=17 => A::Under18,
        18..=24 => A::From18To24,
        25..=34 => A::From25To34,
        35..=44 => A::From35To44,
        45..=54 => A::From45To54,
        55..=64 => A::From55To64,
        65..=74 => A::From65To74,
        75..=84 => A::From75To84,
        _ => A::From85,
    })
}

/// The optional details, as recorded (every one may be missing).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonProfile {
    #[serde(default)]
    pub sex: Option<Sex>,
    #[serde(default)]
    pub ethnic_group: Option<EthnicGroup>,
    #[serde(default)]
    pub first_language: Option<String>,
    #[serde(default)]
    pub interpreter_needed: Option<bool>,
    #[serde(default)]
    pub disability: Option<Disability>,
    /// The Index of Multiple Deprivation decile the practice gives (1 most deprived, 10 least).
    #[serde(default)]
    pub imd_decile: Option<u8>,
}

impl PersonProfile {
    pub fn is_empty(&self) -> bool {
        *self == PersonProfile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_bands_turn_on_the_birthday() {
        let on = d(2026, 10, 31);
        assert_eq!(age_band(d(2008, 11, 1), on), Some(AgeBand::Under18));
        assert_eq!(age_band(d(2008, 10, 31), on), Some(AgeBand::From18To24));
        assert_eq!(age_band(d(1941, 10, 31), on), Some(AgeBand::From85));
        assert_eq!(age_band(d(1941, 11, 1), on), Some(AgeBand::From75To84));
        assert_eq!(age_band(d(2027, 1, 1), on), None);
    }

    #[test]
    fn every_ethnic_category_has_its_code_and_one_broad_group() {
        let codes: std::collections::BTreeSet<_> =
            EthnicGroup::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), EthnicGroup::ALL.len());
        assert_eq!(EthnicGroup::Chinese.broad(), BroadEthnicGroup::Other);
        assert_eq!(
            EthnicGroup::MixedWhiteAsian.broad(),
            BroadEthnicGroup::Mixed
        );
        assert_eq!(EthnicGroup::NotStated.broad(), BroadEthnicGroup::NotStated);
        for b in BroadEthnicGroup::ALL {
            assert!(EthnicGroup::ALL.iter().any(|e| e.broad() == *b), "{b:?}");
        }
    }
}
