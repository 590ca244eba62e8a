//! Amounts as typed: parsing never panics, an accepted amount is never negative and prints as an
//! amount that parses back to itself. The first eight bytes, read as a number of fen, also
//! round-trip through the format (every amount a form can show, it can read back).
#![no_main]

use libfuzzer_sys::fuzz_target;
use market_domain::{Explain, Locale, Money};

fuzz_target!(|data: &[u8]| {
    if let Ok(input) = std::str::from_utf8(data) {
        match Money::parse(input) {
            Ok(amount) => {
                assert!(amount.fen() >= 0, "{input:?} parsed as a negative amount");
                let shown = amount.to_string();
                assert_eq!(Money::parse(&shown), Ok(amount), "{input:?} shown as {shown:?}");
                // Without the symbol and commas too: the plain form a person may type.
                let plain = format!("{}.{:02}", amount.fen() / 100, amount.fen() % 100);
                assert_eq!(Money::parse(&plain), Ok(amount));
            }
            Err(error) => {
                assert!(!error.explain(Locale::Zh).is_empty());
                assert!(!error.explain(Locale::En).is_empty());
            }
        }
    }
    if let Some(bytes) = data.get(..8) {
        let fen = i64::from_le_bytes(bytes.try_into().expect("eight bytes")).unsigned_abs();
        let fen = i64::try_from(fen).unwrap_or(i64::MAX);
        let amount = Money::from_fen(fen);
        assert_eq!(Money::parse(&amount.to_string()), Ok(amount));
        assert_eq!(Money::parse(&format!("{:>40}", amount)), Ok(amount), "padding is surrounding space");
    }
});
