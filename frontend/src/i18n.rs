//! Every string the user interface shows, in Chinese and English. Each [`Text`] names both
//! translations in one `match` arm, so a missing translation does not compile. The chosen
//! language is remembered in the browser's local storage.

use leptos::prelude::*;
use market_domain::Locale;

const STORAGE_KEY: &str = "market.locale";

/// A piece of interface text.
#[derive(Clone, Copy, Debug)]
pub enum Text {
    AppName,
    Tagline,
    SkipToContent,
    SwitchLanguage,
    SwitchLanguageLabel,
    CatalogueHeading,
    CatalogueIntro,
    Loading,
    LoadFailed,
    Retry,
    ColumnCode,
    ColumnName,
    ColumnLegalBasis,
    ColumnTimeLimit,
    ColumnFee,
    FeeGovernmentSet,
    FeeGovernmentGuided,
    FeeMarket,
    NotFoundHeading,
    NotFoundBody,
    BackHome,
    Footer,
}

impl Text {
    pub fn get(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            Text::AppName => ("中介超市", "Intermediary Services Marketplace"),
            Text::Tagline => (
                "中介服务网上交易平台 · 公开选取 · 全程留痕",
                "Buy intermediary services online · chosen competitively · every step on record",
            ),
            Text::SkipToContent => ("跳到正文", "Skip to content"),
            Text::SwitchLanguage => ("English", "中文"),
            Text::SwitchLanguageLabel => ("切换到英文", "Switch to Chinese"),
            Text::CatalogueHeading => ("中介服务事项清单", "Service catalogue"),
            Text::CatalogueIntro => (
                "保留的中介服务事项，公开设定依据、办理时限和收费标准。",
                "The intermediary services the law still requires, with their legal basis, time limit and fee standard.",
            ),
            Text::Loading => ("正在加载…", "Loading…"),
            Text::LoadFailed => ("加载失败：", "Could not load: "),
            Text::Retry => ("重试", "Try again"),
            Text::ColumnCode => ("编码", "Code"),
            Text::ColumnName => ("事项名称", "Service item"),
            Text::ColumnLegalBasis => ("设定依据", "Legal basis"),
            Text::ColumnTimeLimit => ("办理时限", "Time limit"),
            Text::ColumnFee => ("收费标准", "Fee standard"),
            Text::FeeGovernmentSet => ("政府定价", "Government-set price"),
            Text::FeeGovernmentGuided => ("政府指导价", "Government-guided price"),
            Text::FeeMarket => ("市场调节价", "Market price"),
            Text::NotFoundHeading => ("页面不存在", "Page not found"),
            Text::NotFoundBody => ("您要找的页面不存在或已移动。", "The page you asked for does not exist or has moved."),
            Text::BackHome => ("返回首页", "Back to the home page"),
            Text::Footer => (
                "依据《关于深化“最多跑一次”改革推进审批服务便民化的工作方案》建设",
                "Built under Zhejiang's plan for deepening the \"at most one trip\" reform of approval services",
            ),
        };
        match locale {
            Locale::Zh => zh,
            Locale::En => en,
        }
    }
}

/// "N working days" in the reader's language.
pub fn working_days(locale: Locale, days: u16) -> String {
    match locale {
        Locale::Zh => format!("{days} 个工作日"),
        Locale::En if days == 1 => "1 working day".to_owned(),
        Locale::En => format!("{days} working days"),
    }
}

/// The current language, shared by every component through the context.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Locale>);

impl I18n {
    pub fn locale(self) -> Locale {
        self.0.get()
    }

    /// A reactive text: re-renders when the language changes.
    pub fn t(self, text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || text.get(self.0.get())
    }

    pub fn toggle(self) {
        self.0.update(|l| *l = if *l == Locale::Zh { Locale::En } else { Locale::Zh });
    }
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
