//! The names people read are defined once, in the domain (`Term`s beside their types): each is
//! given in both languages and told apart from the others of its kind, and no translation file
//! of the browser defines one of them again (where it would drift, as 已验收 did from 已确认).

use market_domain::project::{Evaluation, Funding, ProjectState, QuoteOutcome, Role};
use market_domain::selection::SelectionMethod;
use market_domain::{QualificationType, Term};
use std::collections::BTreeSet;
use std::path::Path;

/// Every kind of name, with its terms.
fn kinds() -> Vec<(&'static str, Vec<Term>)> {
    vec![
        ("project states", ProjectState::ALL.map(ProjectState::term).to_vec()),
        ("roles", Role::ALL.map(Role::term).to_vec()),
        ("quote outcomes", QuoteOutcome::ALL.map(QuoteOutcome::term).to_vec()),
        ("selection methods", SelectionMethod::NAMES.map(|(_, term)| term).to_vec()),
        ("funding", vec![Funding::term_of(false), Funding::term_of(true)]),
        ("evaluation dimensions", Evaluation::DIMENSIONS.to_vec()),
        ("qualification types", QualificationType::named().map(|(_, term)| term).collect()),
    ]
}

#[test]
fn every_name_is_given_in_both_languages_and_distinct_in_its_kind() {
    for (kind, terms) in kinds() {
        assert!(!terms.is_empty(), "{kind}");
        for term in &terms {
            assert!(!term.zh.trim().is_empty() && !term.en.trim().is_empty(), "{kind}: {term:?}");
            assert!(!term.zh.is_ascii(), "{kind}: {term:?} has no Chinese name");
        }
        let zh: BTreeSet<_> = terms.iter().map(|t| t.zh).collect();
        let en: BTreeSet<_> = terms.iter().map(|t| t.en.to_lowercase()).collect();
        assert_eq!((zh.len(), en.len()), (terms.len(), terms.len()), "{kind}: two share a name");
    }
}

/// The Chinese texts of a translation file: each line `key = { zh = "…", en = "…" }`.
fn chinese_texts(file: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .filter_map(|line| {
            let (key, rest) = line.split_once(" = ")?;
            let zh = rest.split_once("zh = \"")?.1.split_once('"')?.0;
            Some((key.trim().to_owned(), zh.to_owned()))
        })
        .collect()
}

/// Texts that are another thing's name though they read like a domain name: the menu entry of the
/// provider directory reads 中介机构 in Chinese, but "Providers" (the directory), not "Provider".
const NOT_AGAIN: [(&str, &str); 1] = [("common.toml", "nav_providers")];

#[test]
fn no_translation_file_defines_a_domain_name_again() {
    let names: BTreeSet<&str> = kinds().into_iter().flat_map(|(_, terms)| terms).map(|t| t.zh).collect();
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/locales");
    let (mut files, mut texts, mut again) = (0, 0, Vec::new());
    for entry in std::fs::read_dir(&locales).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            files += 1;
            for (key, zh) in chinese_texts(&path) {
                texts += 1;
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                if names.contains(zh.as_str()) && !NOT_AGAIN.contains(&(file.as_str(), key.as_str())) {
                    again.push(format!("{file}: `{key}` = “{zh}”"));
                }
            }
        }
    }
    assert!(again.is_empty(), "defined again; take them from the domain's Terms:\n{}", again.join("\n"));
    assert!(files >= 10 && texts >= 300, "read {files} files, {texts} texts: the parser missed them");
}
