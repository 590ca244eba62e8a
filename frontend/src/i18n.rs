//! The interface's two languages. Every string a page shows comes from a translation file in
//! `locales/` (one per area of the site, each key with `zh` and `en`), which `build.rs` turns into
//! an enum per file: a key missing a language does not compile. The chosen language is
//! remembered in the browser's local storage; Chinese is the default.

use leptos::prelude::*;
use market_domain::api::Message;
use market_domain::{Locale, LocalizedText, Term};

/// The translation files, as enums: `Common::Loading`, `Catalogue::Heading`, …
pub mod text {
    use market_domain::Locale;

    /// A key of a translation file.
    pub trait Translate: Copy + Send + Sync + 'static {
        fn get(self, locale: Locale) -> &'static str;
    }

    include!(concat!(env!("OUT_DIR"), "/text.rs"));
}

pub use text::Translate;

/// A text in both languages, taken from a translation file. Components take this rather than
/// being generic over each file's enum, which would compile them once per file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    zh: &'static str,
    en: &'static str,
}

impl<K: Translate> From<K> for Tr {
    fn from(key: K) -> Self {
        Tr { zh: key.get(Locale::Zh), en: key.get(Locale::En) }
    }
}

/// The domain's names ([`Term`]) read like the translation files' texts.
impl From<Term> for Tr {
    fn from(term: Term) -> Self {
        Tr { zh: term.zh, en: term.en }
    }
}

impl Tr {
    pub fn get(self, locale: Locale) -> &'static str {
        match locale {
            Locale::Zh => self.zh,
            Locale::En => self.en,
        }
    }
}

const STORAGE_KEY: &str = "market.locale";

/// The current language, shared by every component through the context.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Locale>);

impl I18n {
    /// The language now (tracked: a closure that calls it re-renders on a switch).
    pub fn locale(self) -> Locale {
        self.0.get()
    }

    /// The language now, without tracking it (for requests).
    pub fn locale_untracked(self) -> Locale {
        self.0.get_untracked()
    }

    /// A reactive text: re-renders when the language changes.
    pub fn t(self, key: impl Into<Tr>) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let key = key.into();
        move || key.get(self.0.get())
    }

    /// The text of `key` now, with its `{name}` placeholders filled (tracked).
    pub fn fill(self, key: impl Into<Tr>, values: &[(&str, &str)]) -> String {
        fill(key.into().get(self.locale()), values)
    }

    /// A message the API or the domain gives in both languages, in the current one (tracked).
    pub fn message(self, message: &Message) -> String {
        message.get(self.locale()).to_owned()
    }

    /// A bilingual domain text (catalogue names, legal bases …) in the current language (tracked).
    pub fn localized(self, text: &LocalizedText) -> String {
        text.get(self.locale()).to_owned()
    }

    pub fn toggle(self) {
        self.0.update(|l| *l = if *l == Locale::Zh { Locale::En } else { Locale::Zh });
    }
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Sets up the language from local storage (Chinese if none), keeps `<html lang>` and the
/// stored preference in step with it, and provides it to every component.
pub fn provide_i18n() -> I18n {
    let storage = window().local_storage().ok().flatten();
    let stored = storage.as_ref().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let locale = RwSignal::new(stored.and_then(|tag| tag.parse::<Locale>().ok()).unwrap_or_default());
    Effect::new(move |_| {
        let tag = locale.get().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
        if let Some(storage) = &storage {
            let _ = storage.set_item(STORAGE_KEY, tag);
        }
    });
    let i18n = I18n(locale);
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
