//! Selection (选取): choosing the winning quote by the project's method, with the evidence that
//! explains the result, and the public record anyone can re-check. Every step that decides an
//! outcome is integer arithmetic over the sorted quotes and the draw stream of `draw`, so the
//! browser, the functions and a re-implementation in another language agree to the last bit.
//! docs/selection.md specifies it. Here: the methods, their inputs and evidence; the methods'
//! arithmetic in `methods`, the public record in `record`, its re-check in `verification`.

mod methods;
mod record;
#[cfg(test)]
mod testing;
mod verification;
#[cfg(test)]
mod worked_example;

pub use methods::select;
pub use record::SelectionRecord;
pub use verification::{verify_selection, VerifyError};

use crate::catalogue::WorkingDays;
use crate::draw::{DrawError, SecretMismatch, Seed};
use crate::ids::{OrganisationId, QuoteId};
use crate::locale::{Explain, Locale, Term};
use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a project's winner is chosen, as published with the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SelectionMethod {
    /// 直接选取: the buyer names the quote.
    DirectChoice,
    /// 随机抽取: every quote equally likely.
    RandomDraw,
    /// 竞价选取: the lowest price; ties drawn.
    LowestPrice,
    /// 综合评分: the highest weighted score; ties drawn.
    BestValue(BestValueWeights),
    /// 最优价: the quote nearest a reference price drawn below the trimmed mean; ties drawn.
    ReasonablePrice,
}

impl SelectionMethod {
    /// Each method's API name and name, in the order buyers are offered them.
    pub const NAMES: [(&'static str, Term); 5] = [
        ("direct_choice", Term::new("直接选取", "Direct choice")),
        ("random_draw", Term::new("随机抽取", "Random draw")),
        ("lowest_price", Term::new("竞价选取", "Lowest price")),
        ("best_value", Term::new("综合评分", "Best value")),
        ("reasonable_price", Term::new("最优价", "Reasonable price")),
    ];

    /// The method's place in [`SelectionMethod::NAMES`].
    pub fn index(&self) -> usize {
        match self {
            SelectionMethod::DirectChoice => 0,
            SelectionMethod::RandomDraw => 1,
            SelectionMethod::LowestPrice => 2,
            SelectionMethod::BestValue(_) => 3,
            SelectionMethod::ReasonablePrice => 4,
        }
    }

    /// The method's name.
    pub fn term(&self) -> Term {
        Self::NAMES[self.index()].1
    }
}

/// The four scored components of best value, named in errors and evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScoreComponent {
    Price,
    Time,
    Rating,
    Credit,
}

impl ScoreComponent {
    fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Price, Locale::Zh) => "价格",
            (Self::Time, Locale::Zh) => "服务时限",
            (Self::Rating, Locale::Zh) => "服务评价",
            (Self::Credit, Locale::Zh) => "信用",
            (Self::Price, Locale::En) => "price",
            (Self::Time, Locale::En) => "time",
            (Self::Rating, Locale::En) => "rating",
            (Self::Credit, Locale::En) => "credit",
        }
    }
}

impl fmt::Display for ScoreComponent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name(Locale::En))
    }
}

/// Published weights of best value, in whole percent: each 0–100, together exactly 100, so the
/// buyer's priorities are stated plainly and no component can be inflated after the fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawWeights")]
pub struct BestValueWeights {
    price: u32,
    time: u32,
    rating: u32,
    credit: u32,
}

#[derive(Deserialize)]
struct RawWeights {
    price: u32,
    time: u32,
    rating: u32,
    credit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeightsError {
    #[error("the {component} weight is {value} %: expected a whole percent from 0 to 100")]
    OutOfRange { component: ScoreComponent, value: u32 },
    #[error("the weights add up to {0} %: expected exactly 100 %")]
    WrongSum(u32),
}

impl Explain for WeightsError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::OutOfRange { component, value }, Locale::Zh) => {
                format!("{}权重为 {value}%，应为 0 到 100 之间的整数百分比", component.name(locale))
            }
            (Self::WrongSum(sum), Locale::Zh) => format!("各项权重之和为 {sum}%，应恰好为 100%"),
            (_, Locale::En) => self.to_string(),
        }
    }
}

impl BestValueWeights {
    pub fn new(price: u32, time: u32, rating: u32, credit: u32) -> Result<Self, WeightsError> {
        let weights = Self { price, time, rating, credit };
        for (component, value) in weights.by_component() {
            if value > 100 {
                return Err(WeightsError::OutOfRange { component, value });
            }
        }
        let sum = price + time + rating + credit;
        if sum != 100 {
            return Err(WeightsError::WrongSum(sum));
        }
        Ok(weights)
    }

    pub fn price(&self) -> u32 {
        self.price
    }
    pub fn time(&self) -> u32 {
        self.time
    }
    pub fn rating(&self) -> u32 {
        self.rating
    }
    pub fn credit(&self) -> u32 {
        self.credit
    }

    fn by_component(&self) -> [(ScoreComponent, u32); 4] {
        [
            (ScoreComponent::Price, self.price),
            (ScoreComponent::Time, self.time),
            (ScoreComponent::Rating, self.rating),
            (ScoreComponent::Credit, self.credit),
        ]
    }
}

impl TryFrom<RawWeights> for BestValueWeights {
    type Error = WeightsError;
    fn try_from(raw: RawWeights) -> Result<Self, Self::Error> {
        Self::new(raw.price, raw.time, raw.rating, raw.credit)
    }
}

/// A quote that may win, with what the methods weigh. The caller has already excluded quotes
/// that may not win (late, blacklisted, unqualified, conflicted).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EligibleQuote {
    pub quote_id: QuoteId,
    pub provider_id: OrganisationId,
    pub price: Money,
    pub promised_days: WorkingDays,
    /// The provider's mean rating × 100, 100..=500; `None` while it has no rating yet.
    pub rating: Option<u16>,
    pub credit_score: i32,
}

/// The lowest and highest mean rating × 100 (one to five stars).
pub const RATING_RANGE: std::ops::RangeInclusive<u16> = 100..=500;

/// Best value's constants: every component scores 0..=10,000; an unrated provider scores as a
/// three-star one (so a newcomer is neither shut out nor favoured).
pub const FULL_SCORE: u32 = 10_000;
pub const UNRATED_SCORE: u32 = 6_000;

/// The reasonable-price factor, in basis points: the reference price is 95–98 % of the mean.
pub const FACTOR_RANGE: std::ops::RangeInclusive<u64> = 9_500..=9_800;
const BASIS_POINTS: i64 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("there is no eligible quote to select from")]
    NoQuotes,
    #[error("quote {0} appears twice among the eligible quotes")]
    DuplicateQuote(QuoteId),
    #[error("provider {0} has more than one eligible quote: expected at most one per provider")]
    DuplicateProvider(OrganisationId),
    #[error("quote {quote_id} has the price {price} fen: expected more than zero")]
    NonPositivePrice { quote_id: QuoteId, price: i64 },
    #[error("quote {quote_id} has the rating {rating}: expected a mean rating × 100 from 100 to 500")]
    BadRating { quote_id: QuoteId, rating: u16 },
    #[error("direct choice needs the chosen quote to be named")]
    DirectChoiceMissing,
    #[error("the chosen quote {0} is not among the eligible quotes")]
    DirectChoiceNotEligible(QuoteId),
    #[error("a quote ({0}) was named as chosen, but the method is not direct choice")]
    UnexpectedDirectChoice(QuoteId),
    #[error(transparent)]
    Draw(#[from] DrawError),
    #[error(transparent)]
    SecretMismatch(#[from] SecretMismatch),
}

impl Explain for SelectionError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::NoQuotes, Locale::Zh) => "没有可供选取的有效报价".to_owned(),
            (Self::DuplicateQuote(id), Locale::Zh) => format!("报价 {id} 在有效报价中出现了两次"),
            (Self::DuplicateProvider(id), Locale::Zh) => {
                format!("中介机构 {id} 有不止一份有效报价，每家机构至多一份")
            }
            (Self::NonPositivePrice { quote_id, price }, Locale::Zh) => {
                format!("报价 {quote_id} 的价格为 {price} 分，应大于零")
            }
            (Self::BadRating { quote_id, rating }, Locale::Zh) => {
                format!("报价 {quote_id} 的评价为 {rating}，应为 100 到 500 之间（平均评分 × 100）")
            }
            (Self::DirectChoiceMissing, Locale::Zh) => "直接选取须指明所选报价".to_owned(),
            (Self::DirectChoiceNotEligible(id), Locale::Zh) => format!("所选报价 {id} 不在有效报价之中"),
            (Self::UnexpectedDirectChoice(id), Locale::Zh) => {
                format!("指明了所选报价 {id}，但选取方式不是直接选取")
            }
            (Self::Draw(err), _) => err.explain(locale),
            (Self::SecretMismatch(err), _) => err.explain(locale),
            (_, Locale::En) => self.to_string(),
        }
    }
}

/// The winner and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outcome {
    pub winner: QuoteId,
    pub evidence: Evidence,
}

/// Everything needed to understand a result, per method. `order` is the eligible quotes' ids
/// sorted (every index below refers to it or to a list derived from it); lists per quote follow
/// `order`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Evidence {
    DirectChoice {
        order: Vec<QuoteId>,
    },
    RandomDraw {
        order: Vec<QuoteId>,
        seed: Seed,
        /// The winner's index in `order`: the first `below(order.len())` of the draw stream.
        index: u64,
    },
    LowestPrice {
        order: Vec<QuoteId>,
        seed: Seed,
        lowest: Money,
        tie: Tie,
    },
    BestValue {
        order: Vec<QuoteId>,
        seed: Seed,
        weights: BestValueWeights,
        lowest_price: Money,
        fewest_days: WorkingDays,
        scores: Vec<QuoteScore>,
        best_total: u64,
        tie: Tie,
    },
    ReasonablePrice {
        order: Vec<QuoteId>,
        seed: Seed,
        /// With three quotes or more: the quotes left out of the mean.
        dropped_highest: Option<QuoteId>,
        dropped_lowest: Option<QuoteId>,
        /// The mean of the remaining prices, in fen, rounded half up.
        mean: Money,
        /// In basis points, drawn from 9,500..=9,800.
        factor: u64,
        reference: Money,
        distances: Vec<QuoteDistance>,
        nearest: Money,
        tie: Tie,
    },
}

impl Evidence {
    /// The eligible quotes in the order the draw counts them (the published table's order).
    pub fn order(&self) -> &[QuoteId] {
        match self {
            Evidence::DirectChoice { order }
            | Evidence::RandomDraw { order, .. }
            | Evidence::LowestPrice { order, .. }
            | Evidence::BestValue { order, .. }
            | Evidence::ReasonablePrice { order, .. } => order,
        }
    }
}

/// A best-value total (Σ weight % × component, each component out of [`FULL_SCORE`]) on the
/// 100-point scale people read, in hundredths of a point, rounded down: 796,640 is 79.66 points.
pub fn points_x100(total: u64) -> u64 {
    total / (u64::from(FULL_SCORE) / 100)
}

/// The quotes that were equally good (in `order`'s order) and, when there were several, the
/// index among them drawn from the tie-break stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tie {
    pub tied: Vec<QuoteId>,
    pub drawn: Option<u64>,
}

/// One quote's best-value components (each 0..=10,000) and weighted total (Σ weight × component).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteScore {
    pub quote_id: QuoteId,
    pub price: u32,
    pub time: u32,
    pub rating: u32,
    pub credit: u32,
    pub total: u64,
}

/// How far one quote's price is from the reference price.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteDistance {
    pub quote_id: QuoteId,
    pub distance: Money,
}

#[cfg(test)]
mod tests {
    use super::testing::*;

    #[test]
    fn weights_are_whole_percents_summing_to_100() {
        let w = weights(40, 30, 20, 10);
        assert_eq!((w.price(), w.time(), w.rating(), w.credit()), (40, 30, 20, 10));
        assert!(BestValueWeights::new(100, 0, 0, 0).is_ok());
        let err = BestValueWeights::new(40, 101, 0, 0).unwrap_err();
        assert_eq!(err, WeightsError::OutOfRange { component: ScoreComponent::Time, value: 101 });
        assert_eq!(err.to_string(), "the time weight is 101 %: expected a whole percent from 0 to 100");
        assert_eq!(err.explain(Locale::Zh), "服务时限权重为 101%，应为 0 到 100 之间的整数百分比");
        let err = BestValueWeights::new(40, 30, 20, 5).unwrap_err();
        assert_eq!(err, WeightsError::WrongSum(95));
        assert_eq!(err.explain(Locale::Zh), "各项权重之和为 95%，应恰好为 100%");
        assert_eq!(err.explain(Locale::En), "the weights add up to 95 %: expected exactly 100 %");
    }

    #[test]
    fn methods_serialize_with_a_method_tag() {
        let cases = [
            (SelectionMethod::DirectChoice, r#"{"method":"direct_choice"}"#),
            (SelectionMethod::RandomDraw, r#"{"method":"random_draw"}"#),
            (SelectionMethod::LowestPrice, r#"{"method":"lowest_price"}"#),
            (SelectionMethod::ReasonablePrice, r#"{"method":"reasonable_price"}"#),
            (
                SelectionMethod::BestValue(weights(40, 30, 20, 10)),
                r#"{"method":"best_value","price":40,"time":30,"rating":20,"credit":10}"#,
            ),
        ];
        for (method, json) in cases {
            assert_eq!(serde_json::to_string(&method).unwrap(), json);
            assert_eq!(serde_json::from_str::<SelectionMethod>(json).unwrap(), method);
        }
        let bad = r#"{"method":"best_value","price":50,"time":30,"rating":20,"credit":10}"#;
        let err = serde_json::from_str::<SelectionMethod>(bad).unwrap_err();
        assert!(err.to_string().contains("add up to 110"), "{err}");
        assert!(serde_json::from_str::<SelectionMethod>(r#"{"method":"lottery"}"#).is_err());
    }

    #[test]
    fn every_selection_error() {
        let two = priced(&[100, 200]);
        let s = secret(1);
        let mut dup_quote = two.clone();
        dup_quote.push(quote(2, 300, 10, None, 0));
        let mut dup_provider = two.clone();
        dup_provider[1].provider_id = dup_provider[0].provider_id;
        let zh = |e: &SelectionError| e.explain(Locale::Zh);
        let cases: Vec<(Result<Outcome, SelectionError>, SelectionError, String)> = vec![
            (
                select(SelectionMethod::RandomDraw, &[], &s, CODE, None),
                SelectionError::NoQuotes,
                "没有可供选取的有效报价".into(),
            ),
            (
                select(SelectionMethod::RandomDraw, &dup_quote, &s, CODE, None),
                SelectionError::DuplicateQuote(id(2)),
                format!("报价 {} 在有效报价中出现了两次", id(2)),
            ),
            (
                select(SelectionMethod::RandomDraw, &dup_provider, &s, CODE, None),
                SelectionError::DuplicateProvider(two[0].provider_id),
                format!("中介机构 {} 有不止一份有效报价，每家机构至多一份", two[0].provider_id),
            ),
            (
                select(SelectionMethod::LowestPrice, &priced(&[100, 0]), &s, CODE, None),
                SelectionError::NonPositivePrice { quote_id: id(2), price: 0 },
                format!("报价 {} 的价格为 0 分，应大于零", id(2)),
            ),
            (
                select(SelectionMethod::LowestPrice, &[quote(1, 5, 1, Some(501), 0)], &s, CODE, None),
                SelectionError::BadRating { quote_id: id(1), rating: 501 },
                format!("报价 {} 的评价为 501，应为 100 到 500 之间（平均评分 × 100）", id(1)),
            ),
            (
                select(SelectionMethod::DirectChoice, &two, &s, CODE, None),
                SelectionError::DirectChoiceMissing,
                "直接选取须指明所选报价".into(),
            ),
            (
                select(SelectionMethod::DirectChoice, &two, &s, CODE, Some(id(9))),
                SelectionError::DirectChoiceNotEligible(id(9)),
                format!("所选报价 {} 不在有效报价之中", id(9)),
            ),
            (
                select(SelectionMethod::LowestPrice, &two, &s, CODE, Some(id(1))),
                SelectionError::UnexpectedDirectChoice(id(1)),
                format!("指明了所选报价 {}，但选取方式不是直接选取", id(1)),
            ),
            (
                select(SelectionMethod::RandomDraw, &two, &s, "", None),
                SelectionError::Draw(DrawError::EmptyLabel),
                "抽取标识为空，应填写如项目编号".into(),
            ),
            (
                SelectionRecord::new(
                    CODE,
                    SelectionMethod::RandomDraw,
                    Commitment::of(&secret(2)),
                    s.clone(),
                    two,
                    None,
                )
                .map(|r| r.outcome),
                SelectionError::SecretMismatch(SecretMismatch {
                    published: Commitment::of(&secret(2)),
                    of_secret: Commitment::of(&secret(1)),
                }),
                format!(
                    "公布的随机密钥的哈希值为 {}，与事先公布的承诺值 {} 不符",
                    Commitment::of(&secret(1)),
                    Commitment::of(&secret(2))
                ),
            ),
        ];
        for (got, expected, chinese) in cases {
            assert_eq!(got.as_ref(), Err(&expected));
            assert_eq!(zh(&expected), chinese);
            assert_eq!(expected.explain(Locale::En), expected.to_string());
        }
        assert_eq!(
            SelectionError::NonPositivePrice { quote_id: id(2), price: -5 }.to_string(),
            format!("quote {} has the price -5 fen: expected more than zero", id(2))
        );
        // A rating below 100 is refused as well; `None` (not yet rated) is fine.
        assert_eq!(
            select(SelectionMethod::LowestPrice, &[quote(1, 5, 1, Some(99), 0)], &s, CODE, None),
            Err(SelectionError::BadRating { quote_id: id(1), rating: 99 })
        );
        assert!(select(SelectionMethod::LowestPrice, &[quote(1, 5, 1, None, 0)], &s, CODE, None).is_ok());
    }
}
