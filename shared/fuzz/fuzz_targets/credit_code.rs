//! Any text as a unified social credit code: parsing never panics, and a code it accepts is the
//! input trimmed and upper-cased, prints back to the same text, parses again to itself, is what
//! `complete` makes of its first 17 characters, and reads the same through JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use market_domain::{Explain, Locale, UnifiedSocialCreditCode};

fuzz_target!(|input: &str| {
    match UnifiedSocialCreditCode::parse(input) {
        Ok(code) => {
            let text = code.to_string();
            assert_eq!(text, input.trim().to_ascii_uppercase());
            assert_eq!(text.len(), 18, "a code is 18 ASCII characters");
            assert!(code.division_code().bytes().all(|b| b.is_ascii_digit()));
            assert_eq!(UnifiedSocialCreditCode::parse(&text).as_ref(), Ok(&code));
            assert_eq!(UnifiedSocialCreditCode::complete(&text[..17]).as_ref(), Ok(&code));
            let json = serde_json::to_string(&code).expect("a code serializes");
            assert_eq!(serde_json::from_str::<UnifiedSocialCreditCode>(&json).ok().as_ref(), Some(&code));
        }
        Err(error) => {
            // Every refusal can be told to a person, in either language.
            assert!(!error.explain(Locale::Zh).is_empty());
            assert!(!error.explain(Locale::En).is_empty());
            let json = serde_json::to_string(input).expect("a string serializes");
            assert!(serde_json::from_str::<UnifiedSocialCreditCode>(&json).is_err());
        }
    }
    // `complete` never panics either, and what it makes always parses.
    if let Ok(code) = UnifiedSocialCreditCode::complete(input) {
        assert_eq!(UnifiedSocialCreditCode::parse(code.as_str()).as_ref(), Ok(&code));
    }
});
