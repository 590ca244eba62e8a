//! Turns the translation files in `locales/` into Rust: each `locales/<area>.toml` becomes an enum
//! `<Area>` with one variant per key, and `Translate::get` gives its text in either language.
//! A key without both languages, an unknown language, or placeholders (`{name}`) that differ
//! between the languages stop the build, so a missing translation never reaches a page.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=locales");
    let mut files: Vec<_> = fs::read_dir("locales")
        .expect("locales/ is readable")
        .map(|entry| entry.expect("locales/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut out = String::new();
    let mut problems = Vec::new();
    for path in &files {
        let area = path.file_stem().unwrap().to_str().unwrap();
        let source = fs::read_to_string(path).expect("translation file is readable");
        let table: toml::Table = match source.parse() {
            Ok(table) => table,
            Err(error) => {
                problems.push(format!("{}: {error}", path.display()));
                continue;
            }
        };
        let name = camel(area);
        let mut variants = String::new();
        let mut arms = String::new();
        for (key, value) in &table {
            let variant = camel(key);
            let texts = value.as_table();
            let text = |lang: &str| texts.and_then(|t| t.get(lang)).and_then(|v| v.as_str());
            let (Some(zh), Some(en)) = (text("zh"), text("en")) else {
                problems.push(format!("{}: `{key}` needs both `zh` and `en` strings", path.display()));
                continue;
            };
            if let Some(other) = texts.unwrap().keys().find(|k| *k != "zh" && *k != "en") {
                problems.push(format!("{}: `{key}` has an unknown language `{other}`", path.display()));
            }
            if placeholders(zh) != placeholders(en) {
                problems.push(format!("{}: `{key}` has different placeholders in zh and en", path.display()));
            }
            writeln!(variants, "    {variant},").unwrap();
            writeln!(arms, "            ({name}::{variant}, Locale::Zh) => {zh:?},").unwrap();
            writeln!(arms, "            ({name}::{variant}, Locale::En) => {en:?},").unwrap();
        }
        writeln!(
            out,
            "/// The texts of `locales/{area}.toml`.\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum {name} {{\n{variants}}}\n\n\
             impl Translate for {name} {{\n    fn get(self, locale: Locale) -> &'static str {{\n        match (self, locale) {{\n{arms}        }}\n    }}\n}}\n"
        )
        .unwrap();
    }
    if !problems.is_empty() {
        panic!("translation files are incomplete:\n{}", problems.join("\n"));
    }
    let target = Path::new(&env::var("OUT_DIR").unwrap()).join("text.rs");
    fs::write(target, out).unwrap();
}

fn camel(snake: &str) -> String {
    snake
        .split(['_', '-'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}
