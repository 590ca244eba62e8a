//! Any bytes as the body of any request form: the first byte picks the form, the rest is read
//! as its JSON, as the API reads a request body. Reading and parsing never panic; a form that
//! reads writes back to JSON that reads as the same form (nothing is lost or invented on the
//! way); a refusal names at least one field, in both languages; and what a form parses to
//! survives a JSON round trip, as it is stored.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use market_domain::api::*;
use market_domain::ids::OrganisationId;
use market_domain::Locale;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;
use uuid::Uuid;

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else { return };
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap();
    let id = OrganisationId(Uuid::from_u128(1));
    match which % 15 {
        0 => check::<RegistrationForm, _>(body, |f| f.parse(id).map(|r| r.organisation)),
        1 => check::<ServedItemForm, _>(body, ServedItemForm::parse),
        2 => check::<QualificationForm, _>(body, QualificationForm::parse),
        3 => check::<LoginForm, _>(body, |f| f.parse().map(|login| login.email)),
        4 => check::<RefreshForm, _>(body, |f| f.parse().map(|_| ())),
        5 => check::<ProjectForm, _>(body, ProjectForm::parse),
        6 => check::<QuoteForm, _>(body, QuoteForm::parse),
        7 => check::<TextForm, _>(body, TextForm::parse),
        8 => check::<UpholdForm, _>(body, UpholdForm::parse),
        9 => check::<ContractForm, _>(body, ContractForm::parse),
        10 => check::<EvaluationForm, _>(body, EvaluationForm::parse),
        11 => check::<ViolationForm, _>(body, |f| f.parse(now)),
        12 => check::<BlacklistForm, _>(body, |f| f.parse(now)),
        13 => check::<InspectionForm, _>(body, InspectionForm::parse),
        _ => check::<ChoiceForm, _>(body, |f| Ok::<_, FieldErrors>(f.quote)),
    }
});

fn check<F, T>(body: &[u8], parse: impl Fn(&F) -> Result<T, FieldErrors>)
where
    F: Serialize + DeserializeOwned + PartialEq + Debug,
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let Ok(form) = serde_json::from_slice::<F>(body) else { return };
    let written = serde_json::to_vec(&form).expect("a form serializes");
    let reread: F = serde_json::from_slice(&written).expect("a written form reads back");
    assert_eq!(reread, form);
    match parse(&form) {
        Ok(value) => {
            let json = serde_json::to_string(&value).expect("a parsed value serializes");
            let back: T =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json} does not read back: {e}"));
            assert_eq!(back, value);
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a refusal names a field");
            for locale in [Locale::Zh, Locale::En] {
                let rendered = errors.render(locale);
                assert!(rendered.values().all(|messages| messages.iter().all(|m| !m.is_empty())));
            }
        }
    }
}
