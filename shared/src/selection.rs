//! Selection (选取): choosing the winning quote by the project's method, with the evidence that
//! explains the result, and the public record anyone can re-check. Every step that decides an
//! outcome is integer arithmetic over the sorted quotes and the draw stream of `draw`, so the
//! browser, the functions and a re-implementation in another language agree to the last bit.
//! docs/selection.md specifies it.

use crate::catalogue::WorkingDays;
use crate::draw::{Commitment, DrawError, DrawStream, Purpose, Secret, SecretMismatch, Seed};
use crate::ids::{OrganisationId, QuoteId};
use crate::locale::{Explain, Locale};
use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
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

/// Chooses the winner. The result depends only on the arguments, never on the order of
/// `quotes`: they are sorted by id first. Whether a method (e.g. direct choice) is allowed for
/// the project is the project's rule, checked before this is called.
pub fn select(
    method: SelectionMethod,
    quotes: &[EligibleQuote],
    secret: &Secret,
    project_code: &str,
    direct_choice: Option<QuoteId>,
) -> Result<Outcome, SelectionError> {
    let sorted = checked_and_sorted(quotes)?;
    let order: Vec<QuoteId> = sorted.iter().map(|q| q.quote_id).collect();
    if let (Some(chosen), false) = (direct_choice, method == SelectionMethod::DirectChoice) {
        return Err(SelectionError::UnexpectedDirectChoice(chosen));
    }
    // No randomness in direct choice: it needs no seed (nor a project code).
    let seed = || Seed::derive(secret, project_code, &order);
    match method {
        SelectionMethod::DirectChoice => {
            let chosen = direct_choice.ok_or(SelectionError::DirectChoiceMissing)?;
            if order.binary_search(&chosen).is_err() {
                return Err(SelectionError::DirectChoiceNotEligible(chosen));
            }
            Ok(Outcome { winner: chosen, evidence: Evidence::DirectChoice { order } })
        }
        SelectionMethod::RandomDraw => {
            let seed = seed()?;
            let index = DrawStream::new(&seed, Purpose::Draw).below(order.len() as u64)?;
            Ok(Outcome {
                winner: order[index as usize],
                evidence: Evidence::RandomDraw { order, seed, index },
            })
        }
        SelectionMethod::LowestPrice => {
            let seed = seed()?;
            let lowest = sorted.iter().map(|q| q.price).min().expect("at least one quote");
            let tied = sorted.iter().filter(|q| q.price == lowest).map(|q| q.quote_id).collect();
            let (winner, tie) = break_tie(tied, &seed)?;
            Ok(Outcome { winner, evidence: Evidence::LowestPrice { order, seed, lowest, tie } })
        }
        SelectionMethod::BestValue(weights) => {
            let seed = seed()?;
            best_value(&sorted, weights, order, seed)
        }
        SelectionMethod::ReasonablePrice => {
            let seed = seed()?;
            reasonable_price(&sorted, order, seed)
        }
    }
}

/// The quotes sorted by id, after checking what every method relies on. Checks run in sorted
/// order, so the error reported does not depend on the input order either.
fn checked_and_sorted(quotes: &[EligibleQuote]) -> Result<Vec<&EligibleQuote>, SelectionError> {
    if quotes.is_empty() {
        return Err(SelectionError::NoQuotes);
    }
    let mut sorted: Vec<&EligibleQuote> = quotes.iter().collect();
    sorted.sort_unstable_by_key(|q| q.quote_id);
    if let Some(pair) = sorted.windows(2).find(|pair| pair[0].quote_id == pair[1].quote_id) {
        return Err(SelectionError::DuplicateQuote(pair[0].quote_id));
    }
    let mut providers = BTreeSet::new();
    for quote in &sorted {
        if quote.price.fen() <= 0 {
            return Err(SelectionError::NonPositivePrice {
                quote_id: quote.quote_id,
                price: quote.price.fen(),
            });
        }
        if let Some(rating) = quote.rating.filter(|r| !RATING_RANGE.contains(r)) {
            return Err(SelectionError::BadRating { quote_id: quote.quote_id, rating });
        }
        if !providers.insert(quote.provider_id) {
            return Err(SelectionError::DuplicateProvider(quote.provider_id));
        }
    }
    Ok(sorted)
}

/// The winner among equally good quotes: the only one, or `tied[below(tied.len())]` from the
/// tie-break stream.
fn break_tie(tied: Vec<QuoteId>, seed: &Seed) -> Result<(QuoteId, Tie), DrawError> {
    if tied.len() == 1 {
        return Ok((tied[0], Tie { tied, drawn: None }));
    }
    let drawn = DrawStream::new(seed, Purpose::TieBreak).below(tied.len() as u64)?;
    Ok((tied[drawn as usize], Tie { tied, drawn: Some(drawn) }))
}

/// `numerator × 10,000 / denominator`, rounded down: the best quote in a component scores the
/// full 10,000.
fn ratio_score(numerator: i64, denominator: i64) -> u32 {
    let score = i128::from(numerator) * i128::from(FULL_SCORE) / i128::from(denominator);
    u32::try_from(score).expect("numerator ≤ denominator keeps the score within 0..=10,000")
}

fn best_value(
    sorted: &[&EligibleQuote],
    weights: BestValueWeights,
    order: Vec<QuoteId>,
    seed: Seed,
) -> Result<Outcome, SelectionError> {
    let lowest_price = sorted.iter().map(|q| q.price).min().expect("at least one quote");
    let fewest_days = sorted.iter().map(|q| q.promised_days).min().expect("at least one quote");
    let scores: Vec<QuoteScore> = sorted
        .iter()
        .map(|q| {
            let price = ratio_score(lowest_price.fen(), q.price.fen());
            let time = ratio_score(fewest_days.get().into(), q.promised_days.get().into());
            let rating = q
                .rating
                .map_or(UNRATED_SCORE, |r| u32::from(r) * FULL_SCORE / u32::from(*RATING_RANGE.end()));
            let credit = q.credit_score.clamp(0, 100) as u32 * 100;
            let total = [
                (weights.price, price),
                (weights.time, time),
                (weights.rating, rating),
                (weights.credit, credit),
            ]
            .iter()
            .map(|&(weight, component)| u64::from(weight) * u64::from(component))
            .sum();
            QuoteScore { quote_id: q.quote_id, price, time, rating, credit, total }
        })
        .collect();
    let best_total = scores.iter().map(|s| s.total).max().expect("at least one quote");
    let tied = scores.iter().filter(|s| s.total == best_total).map(|s| s.quote_id).collect();
    let (winner, tie) = break_tie(tied, &seed)?;
    let evidence =
        Evidence::BestValue { order, seed, weights, lowest_price, fewest_days, scores, best_total, tie };
    Ok(Outcome { winner, evidence })
}

fn reasonable_price(
    sorted: &[&EligibleQuote],
    order: Vec<QuoteId>,
    seed: Seed,
) -> Result<Outcome, SelectionError> {
    // Among equal prices the first in id order: `min_by_key` returns the first of equal keys.
    let first_extreme = |highest: bool, skip: Option<usize>| {
        (0..sorted.len()).filter(|&i| Some(i) != skip).min_by_key(|&i| {
            if highest {
                -sorted[i].price.fen()
            } else {
                sorted[i].price.fen()
            }
        })
    };
    let (dropped_highest, dropped_lowest) = if sorted.len() >= 3 {
        let highest = first_extreme(true, None);
        (highest, first_extreme(false, highest))
    } else {
        (None, None)
    };
    let kept: Vec<i128> = (0..sorted.len())
        .filter(|i| Some(*i) != dropped_highest && Some(*i) != dropped_lowest)
        .map(|i| i128::from(sorted[i].price.fen()))
        .collect();
    let count = kept.len() as i128;
    // Rounded half up: floor((2 × sum + count) / (2 × count)).
    let mean = (2 * kept.iter().sum::<i128>() + count) / (2 * count);
    let mean = Money::from_fen(i64::try_from(mean).expect("a mean of i64 prices fits in i64"));
    let factor = DrawStream::new(&seed, Purpose::PriceFactor).in_range(FACTOR_RANGE)?;
    let reference = mean.mul_ratio(factor as i64, BASIS_POINTS).expect("a factor below 1 cannot overflow");
    let distances: Vec<QuoteDistance> = sorted
        .iter()
        .map(|q| QuoteDistance {
            quote_id: q.quote_id,
            distance: Money::from_fen((q.price.fen() - reference.fen()).abs()),
        })
        .collect();
    let nearest = distances.iter().map(|d| d.distance).min().expect("at least one quote");
    let tied = distances.iter().filter(|d| d.distance == nearest).map(|d| d.quote_id).collect();
    let (winner, tie) = break_tie(tied, &seed)?;
    let evidence = Evidence::ReasonablePrice {
        order,
        seed,
        dropped_highest: dropped_highest.map(|i| sorted[i].quote_id),
        dropped_lowest: dropped_lowest.map(|i| sorted[i].quote_id),
        mean,
        factor,
        reference,
        distances,
        nearest,
        tie,
    };
    Ok(Outcome { winner, evidence })
}

/// The public record of a selection: everything needed to recompute it. Published as JSON and
/// re-checked in the browser; deserializing accepts any claim, `verify_selection` judges it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelectionRecord {
    pub project_code: String,
    pub method: SelectionMethod,
    /// As published with the project, before any quote was seen.
    pub commitment: Commitment,
    /// Revealed at selection.
    pub secret: Secret,
    pub quotes: Vec<EligibleQuote>,
    pub direct_choice: Option<QuoteId>,
    pub outcome: Outcome,
}

impl SelectionRecord {
    /// Selects and records. Refuses a secret that does not match the published commitment,
    /// since such a record would fail every visitor's check.
    pub fn new(
        project_code: &str,
        method: SelectionMethod,
        commitment: Commitment,
        secret: Secret,
        quotes: Vec<EligibleQuote>,
        direct_choice: Option<QuoteId>,
    ) -> Result<Self, SelectionError> {
        commitment.check(&secret)?;
        let outcome = select(method, &quotes, &secret, project_code, direct_choice)?;
        Ok(Self {
            project_code: project_code.to_owned(),
            method,
            commitment,
            secret,
            quotes,
            direct_choice,
            outcome,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error(transparent)]
    SecretMismatch(#[from] SecretMismatch),
    #[error("the recorded inputs cannot be selected from: {0}")]
    Inputs(SelectionError),
    #[error("the record names {recorded} as the winner, but recomputing gives {recomputed}")]
    WinnerMismatch { recorded: QuoteId, recomputed: QuoteId },
    #[error("the record's evidence differs from the recomputed evidence at `{field}`")]
    EvidenceMismatch { field: String },
}

impl Explain for VerifyError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::SecretMismatch(err), _) => err.explain(locale),
            (Self::Inputs(err), Locale::Zh) => format!("记录中的数据无法进行选取：{}", err.explain(locale)),
            (Self::WinnerMismatch { recorded, recomputed }, Locale::Zh) => {
                format!("记录的中选报价为 {recorded}，但重新计算的结果是 {recomputed}")
            }
            (Self::EvidenceMismatch { field }, Locale::Zh) => {
                format!("记录的选取依据与重新计算的结果在 `{field}` 处不一致")
            }
            (_, Locale::En) => self.to_string(),
        }
    }
}

/// Re-checks a published record from its contents alone: the secret matches the commitment,
/// and selecting again gives the recorded winner and evidence. Returns the recomputed outcome.
pub fn verify_selection(record: &SelectionRecord) -> Result<Outcome, VerifyError> {
    record.commitment.check(&record.secret)?;
    let recomputed =
        select(record.method, &record.quotes, &record.secret, &record.project_code, record.direct_choice)
            .map_err(VerifyError::Inputs)?;
    if record.outcome.winner != recomputed.winner {
        return Err(VerifyError::WinnerMismatch {
            recorded: record.outcome.winner,
            recomputed: recomputed.winner,
        });
    }
    if let Some(field) = first_difference(&record.outcome.evidence, &recomputed.evidence) {
        return Err(VerifyError::EvidenceMismatch { field });
    }
    Ok(recomputed)
}

/// The path of the first field where two pieces of evidence differ, e.g. `scores[2]`.
fn first_difference(recorded: &Evidence, recomputed: &Evidence) -> Option<String> {
    fn list<T: PartialEq>(name: &str, a: &[T], b: &[T]) -> Option<String> {
        match a.iter().zip(b).position(|(x, y)| x != y) {
            Some(i) => Some(format!("{name}[{i}]")),
            None if a.len() != b.len() => Some(format!("{name}.length")),
            None => None,
        }
    }
    fn field<T: PartialEq>(name: &str, a: &T, b: &T) -> Option<String> {
        (a != b).then(|| name.to_owned())
    }
    fn tie(a: &Tie, b: &Tie) -> Option<String> {
        list("tie.tied", &a.tied, &b.tied).or_else(|| field("tie.drawn", &a.drawn, &b.drawn))
    }
    use Evidence as E;
    match (recorded, recomputed) {
        (E::DirectChoice { order: o1 }, E::DirectChoice { order: o2 }) => list("order", o1, o2),
        (
            E::RandomDraw { order: o1, seed: s1, index: i1 },
            E::RandomDraw { order: o2, seed: s2, index: i2 },
        ) => list("order", o1, o2).or_else(|| field("seed", s1, s2)).or_else(|| field("index", i1, i2)),
        (
            E::LowestPrice { order: o1, seed: s1, lowest: l1, tie: t1 },
            E::LowestPrice { order: o2, seed: s2, lowest: l2, tie: t2 },
        ) => list("order", o1, o2)
            .or_else(|| field("seed", s1, s2))
            .or_else(|| field("lowest", l1, l2))
            .or_else(|| tie(t1, t2)),
        (
            E::BestValue {
                order: o1,
                seed: s1,
                weights: w1,
                lowest_price: p1,
                fewest_days: d1,
                scores: c1,
                best_total: b1,
                tie: t1,
            },
            E::BestValue {
                order: o2,
                seed: s2,
                weights: w2,
                lowest_price: p2,
                fewest_days: d2,
                scores: c2,
                best_total: b2,
                tie: t2,
            },
        ) => list("order", o1, o2)
            .or_else(|| field("seed", s1, s2))
            .or_else(|| field("weights", w1, w2))
            .or_else(|| field("lowest_price", p1, p2))
            .or_else(|| field("fewest_days", d1, d2))
            .or_else(|| list("scores", c1, c2))
            .or_else(|| field("best_total", b1, b2))
            .or_else(|| tie(t1, t2)),
        (
            E::ReasonablePrice {
                order: o1,
                seed: s1,
                dropped_highest: h1,
                dropped_lowest: l1,
                mean: m1,
                factor: f1,
                reference: r1,
                distances: d1,
                nearest: n1,
                tie: t1,
            },
            E::ReasonablePrice {
                order: o2,
                seed: s2,
                dropped_highest: h2,
                dropped_lowest: l2,
                mean: m2,
                factor: f2,
                reference: r2,
                distances: d2,
                nearest: n2,
                tie: t2,
            },
        ) => list("order", o1, o2)
            .or_else(|| field("seed", s1, s2))
            .or_else(|| field("dropped_highest", h1, h2))
            .or_else(|| field("dropped_lowest", l1, l2))
            .or_else(|| field("mean", m1, m2))
            .or_else(|| field("factor", f1, f2))
            .or_else(|| field("reference", r1, r2))
            .or_else(|| list("distances", d1, d2))
            .or_else(|| field("nearest", n1, n2))
            .or_else(|| tie(t1, t2)),
        _ => Some("method".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sha2::{Digest, Sha256};
    use uuid::Uuid;

    const CODE: &str = "XM-2025-0001";

    fn id(n: u128) -> QuoteId {
        QuoteId(Uuid::from_u128(n))
    }

    fn quote(n: u128, price: i64, days: u16, rating: Option<u16>, credit: i32) -> EligibleQuote {
        EligibleQuote {
            quote_id: id(n),
            provider_id: OrganisationId(Uuid::from_u128(1_000 + n)),
            price: Money::from_fen(price),
            promised_days: WorkingDays::new(days).unwrap(),
            rating,
            credit_score: credit,
        }
    }

    /// Quotes differing only in price.
    fn priced(prices: &[i64]) -> Vec<EligibleQuote> {
        prices.iter().enumerate().map(|(i, &p)| quote(i as u128 + 1, p, 10, Some(400), 80)).collect()
    }

    fn secret(byte: u8) -> Secret {
        Secret::from_bytes([byte; 32])
    }

    fn weights(price: u32, time: u32, rating: u32, credit: u32) -> BestValueWeights {
        BestValueWeights::new(price, time, rating, credit).unwrap()
    }

    fn run(method: SelectionMethod, quotes: &[EligibleQuote]) -> Outcome {
        select(method, quotes, &secret(1), CODE, None).unwrap()
    }

    fn seed_of(quotes: &[EligibleQuote]) -> Seed {
        let ids: Vec<QuoteId> = quotes.iter().map(|q| q.quote_id).collect();
        Seed::derive(&secret(1), CODE, &ids).unwrap()
    }

    fn tie_of(outcome: &Outcome) -> &Tie {
        match &outcome.evidence {
            Evidence::LowestPrice { tie, .. }
            | Evidence::BestValue { tie, .. }
            | Evidence::ReasonablePrice { tie, .. } => tie,
            other => panic!("no tie in {other:?}"),
        }
    }

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

    #[test]
    fn direct_choice_takes_the_named_quote() {
        let quotes = priced(&[300, 100, 200]);
        let outcome = select(SelectionMethod::DirectChoice, &quotes, &secret(1), CODE, Some(id(3))).unwrap();
        assert_eq!(
            outcome,
            Outcome { winner: id(3), evidence: Evidence::DirectChoice { order: vec![id(1), id(2), id(3)] } }
        );
    }

    #[test]
    fn random_draw_takes_the_drawn_index_of_the_sorted_quotes() {
        let quotes = priced(&[500, 400, 300, 200, 100]);
        let outcome = run(SelectionMethod::RandomDraw, &quotes);
        let seed = seed_of(&quotes);
        let index = DrawStream::new(&seed, Purpose::Draw).below(5).unwrap();
        assert_eq!(outcome.winner, id(u128::from(index) + 1));
        assert_eq!(outcome.winner, id(4), "fixed by the secret and the project code");
        let order = (1..=5).map(id).collect();
        assert_eq!(outcome.evidence, Evidence::RandomDraw { order, seed, index });
    }

    #[test]
    fn lowest_price_wins_and_ties_are_drawn() {
        let outcome = run(SelectionMethod::LowestPrice, &priced(&[300, 100, 200]));
        assert_eq!(outcome.winner, id(2));
        assert_eq!(tie_of(&outcome), &Tie { tied: vec![id(2)], drawn: None });

        let quotes = priced(&[100, 300, 100, 200, 100]);
        let outcome = run(SelectionMethod::LowestPrice, &quotes);
        let drawn = DrawStream::new(&seed_of(&quotes), Purpose::TieBreak).below(3).unwrap();
        assert_eq!(tie_of(&outcome), &Tie { tied: vec![id(1), id(3), id(5)], drawn: Some(drawn) });
        assert_eq!(outcome.winner, [id(1), id(3), id(5)][drawn as usize]);
        assert_eq!(outcome.winner, id(5), "fixed by the secret and the project code");
        match outcome.evidence {
            Evidence::LowestPrice { lowest, .. } => assert_eq!(lowest, Money::from_fen(100)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn best_value_scores_each_component_with_integer_division() {
        let quotes = [
            quote(1, 100_000, 20, Some(500), 150),
            quote(2, 80_000, 30, None, -20),
            quote(3, 120_000, 10, Some(350), 90),
        ];
        let w = weights(40, 30, 20, 10);
        let outcome = run(SelectionMethod::BestValue(w), &quotes);
        assert_eq!(outcome.winner, id(3));
        let Evidence::BestValue { scores, lowest_price, fewest_days, best_total, tie, weights: used, .. } =
            outcome.evidence
        else {
            panic!("not best value")
        };
        assert_eq!((lowest_price, fewest_days.get(), used), (Money::from_fen(80_000), 10, w));
        let score = |n, price, time, rating, credit, total| QuoteScore {
            quote_id: id(n),
            price,
            time,
            rating,
            credit,
            total,
        };
        assert_eq!(
            scores,
            vec![
                // 10,000 × 80,000 / 100,000; 10,000 × 10 / 20; 500 × 20; credit 150 clamped to 100.
                score(1, 8_000, 5_000, 10_000, 10_000, 770_000),
                // The lowest price; 3,333.3 rounded down; unrated; credit −20 clamped to 0.
                score(2, 10_000, 3_333, 6_000, 0, 619_990),
                score(3, 6_666, 10_000, 7_000, 9_000, 796_640),
            ]
        );
        assert_eq!(best_total, 796_640);
        assert_eq!(tie, Tie { tied: vec![id(3)], drawn: None });

        // Equal totals are drawn among.
        let quotes = [quote(1, 100, 10, None, 50), quote(2, 100, 10, None, 50), quote(3, 200, 10, None, 50)];
        let outcome = run(SelectionMethod::BestValue(weights(100, 0, 0, 0)), &quotes);
        let drawn = DrawStream::new(&seed_of(&quotes), Purpose::TieBreak).below(2).unwrap();
        assert_eq!(tie_of(&outcome), &Tie { tied: vec![id(1), id(2)], drawn: Some(drawn) });
        assert_eq!(outcome.winner, [id(1), id(2)][drawn as usize]);
    }

    fn reasonable(outcome: &Outcome) -> (Option<QuoteId>, Option<QuoteId>, i64, u64, i64, Vec<i64>) {
        match &outcome.evidence {
            Evidence::ReasonablePrice {
                dropped_highest,
                dropped_lowest,
                mean,
                factor,
                reference,
                distances,
                ..
            } => (
                *dropped_highest,
                *dropped_lowest,
                mean.fen(),
                *factor,
                reference.fen(),
                distances.iter().map(|d| d.distance.fen()).collect(),
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reasonable_price_drops_the_extremes_and_takes_the_nearest_to_the_reference() {
        let quotes = priced(&[100, 250, 290, 360, 1_000]);
        let outcome = run(SelectionMethod::ReasonablePrice, &quotes);
        let factor =
            DrawStream::new(&seed_of(&quotes), Purpose::PriceFactor).in_range(9_500..=9_800).unwrap();
        assert_eq!(factor, 9_555, "fixed by the secret, the project code and the quote ids");
        // Mean of 250, 290, 360 = 300; 300 × 0.9555 = 286.65 → 287.
        assert_eq!(
            reasonable(&outcome),
            (Some(id(5)), Some(id(1)), 300, 9_555, 287, vec![187, 37, 3, 73, 713])
        );
        assert_eq!(outcome.winner, id(3));
        // The dropped quotes still compete: only the mean leaves them out.
        // Same ids, so the same factor: mean 300, reference 287, which the dropped lowest matches.
        let outcome = run(SelectionMethod::ReasonablePrice, &priced(&[287, 300, 300, 300, 400]));
        assert_eq!(
            reasonable(&outcome),
            (Some(id(5)), Some(id(1)), 300, 9_555, 287, vec![0, 13, 13, 13, 113])
        );
        assert_eq!(outcome.winner, id(1));

        // Among equal prices the first in id order is dropped as the highest, the next as the lowest.
        let quotes = priced(&[500, 500, 500, 500]);
        let outcome = run(SelectionMethod::ReasonablePrice, &quotes);
        let (high, low, mean, ..) = reasonable(&outcome);
        assert_eq!((high, low, mean), (Some(id(1)), Some(id(2)), 500));
        assert_eq!(tie_of(&outcome).tied, (1..=4).map(id).collect::<Vec<_>>());

        // Fewer than three: nothing is dropped; the mean is rounded half up (101.5 → 102).
        let outcome = run(SelectionMethod::ReasonablePrice, &priced(&[101, 102]));
        let (high, low, mean, factor, reference, _) = reasonable(&outcome);
        assert_eq!((high, low, mean), (None, None, 102));
        assert_eq!(Some(Money::from_fen(reference)), Money::from_fen(102).mul_ratio(factor as i64, 10_000));
        assert_eq!(outcome.winner, id(1));
        let outcome = run(SelectionMethod::ReasonablePrice, &priced(&[7]));
        assert_eq!(outcome.winner, id(1));
    }

    #[test]
    fn reasonable_price_ties_at_equal_distance_are_drawn() {
        let probe = priced(&[1, 2, 3, 4]);
        let factor =
            DrawStream::new(&seed_of(&probe), Purpose::PriceFactor).in_range(9_500..=9_800).unwrap() as i64;
        // The middle two average 100,000, so the reference is 10 × factor; the lowest (dropped
        // from the mean, still competing) and the second sit 500 fen either side of it.
        let reference = 10 * factor;
        let quotes = priced(&[reference - 500, reference + 500, 200_000 - reference - 500, 1_000_000]);
        let outcome = run(SelectionMethod::ReasonablePrice, &quotes);
        let (high, low, mean, _, got_reference, distances) = reasonable(&outcome);
        assert_eq!((high, low, mean, got_reference), (Some(id(4)), Some(id(1)), 100_000, reference));
        assert_eq!(distances, vec![500, 500, 200_000 - 2 * reference - 500, 1_000_000 - reference]);
        let drawn = DrawStream::new(&seed_of(&quotes), Purpose::TieBreak).below(2).unwrap();
        assert_eq!(tie_of(&outcome), &Tie { tied: vec![id(1), id(2)], drawn: Some(drawn) });
        assert_eq!(outcome.winner, [id(1), id(2)][drawn as usize]);
    }

    fn record(
        method: SelectionMethod,
        quotes: Vec<EligibleQuote>,
        direct_choice: Option<QuoteId>,
    ) -> SelectionRecord {
        SelectionRecord::new(CODE, method, Commitment::of(&secret(1)), secret(1), quotes, direct_choice)
            .unwrap()
    }

    #[test]
    fn verification_accepts_the_honest_record_and_pinpoints_changes() {
        let quotes = priced(&[100, 250, 290, 360, 1_000]);
        let honest = record(SelectionMethod::ReasonablePrice, quotes.clone(), None);
        assert_eq!(verify_selection(&honest), Ok(honest.outcome.clone()));

        // A changed price that is part of the mean.
        let mut changed = honest.clone();
        changed.quotes[3].price = Money::from_fen(366);
        let err = verify_selection(&changed).unwrap_err();
        assert_eq!(err, VerifyError::EvidenceMismatch { field: "mean".into() });
        assert_eq!(err.to_string(), "the record's evidence differs from the recomputed evidence at `mean`");
        assert_eq!(err.explain(Locale::Zh), "记录的选取依据与重新计算的结果在 `mean` 处不一致");

        // A changed secret: it no longer matches the commitment …
        let mut changed = honest.clone();
        changed.secret = secret(2);
        let err = verify_selection(&changed).unwrap_err();
        assert_eq!(
            err,
            VerifyError::SecretMismatch(SecretMismatch {
                published: Commitment::of(&secret(1)),
                of_secret: Commitment::of(&secret(2))
            })
        );
        assert_eq!(
            err.explain(Locale::Zh),
            SelectionError::from(changed.commitment.check(&secret(2)).unwrap_err()).explain(Locale::Zh)
        );
        // … and with a commitment forged to match, the seed differs.
        changed.commitment = Commitment::of(&secret(2));
        let err = verify_selection(&changed).unwrap_err();
        assert!(
            matches!(&err, VerifyError::EvidenceMismatch { field } if field == "seed")
                || matches!(err, VerifyError::WinnerMismatch { .. }),
            "{err:?}"
        );

        // A removed quote.
        let mut changed = honest.clone();
        changed.quotes.remove(1);
        assert!(matches!(
            verify_selection(&changed),
            Err(VerifyError::WinnerMismatch { .. } | VerifyError::EvidenceMismatch { .. })
        ));

        // A changed winner.
        let mut changed = honest.clone();
        changed.outcome.winner = id(2);
        let err = verify_selection(&changed).unwrap_err();
        assert_eq!(err, VerifyError::WinnerMismatch { recorded: id(2), recomputed: id(3) });
        assert_eq!(
            err.explain(Locale::Zh),
            format!("记录的中选报价为 {}，但重新计算的结果是 {}", id(2), id(3))
        );

        // Tampered evidence is located to the field.
        let mut changed = honest.clone();
        if let Evidence::ReasonablePrice { distances, .. } = &mut changed.outcome.evidence {
            distances[4].distance = Money::from_fen(1);
        }
        assert_eq!(
            verify_selection(&changed),
            Err(VerifyError::EvidenceMismatch { field: "distances[4]".into() })
        );
        let mut changed = honest.clone();
        changed.method = SelectionMethod::LowestPrice;
        changed.outcome.winner = id(1);
        assert_eq!(verify_selection(&changed), Err(VerifyError::EvidenceMismatch { field: "method".into() }));

        // Inputs that cannot be selected from.
        let mut changed = honest;
        changed.quotes.clear();
        let err = verify_selection(&changed).unwrap_err();
        assert_eq!(err, VerifyError::Inputs(SelectionError::NoQuotes));
        assert_eq!(
            err.to_string(),
            "the recorded inputs cannot be selected from: there is no eligible quote to select from"
        );
        assert_eq!(err.explain(Locale::Zh), "记录中的数据无法进行选取：没有可供选取的有效报价");
    }

    #[test]
    fn verification_detects_changed_prices_for_price_methods() {
        // Lowest price: the winner's price raised above another's changes the winner.
        let honest = record(SelectionMethod::LowestPrice, priced(&[300, 100, 200]), None);
        let mut changed = honest.clone();
        changed.quotes[1].price = Money::from_fen(250);
        assert_eq!(
            verify_selection(&changed),
            Err(VerifyError::WinnerMismatch { recorded: id(2), recomputed: id(3) })
        );
        // Raised but still the lowest: the recorded lowest price is wrong.
        changed.quotes[1].price = Money::from_fen(150);
        assert_eq!(verify_selection(&changed), Err(VerifyError::EvidenceMismatch { field: "lowest".into() }));

        // Best value: another quote's price changes its score.
        let quotes = vec![
            quote(1, 100, 10, Some(500), 100),
            quote(2, 200, 10, Some(500), 100),
            quote(3, 400, 10, None, 0),
        ];
        let honest = record(SelectionMethod::BestValue(weights(50, 20, 20, 10)), quotes, None);
        assert_eq!(honest.outcome.winner, id(1));
        let mut changed = honest;
        changed.quotes[2].price = Money::from_fen(500);
        assert_eq!(
            verify_selection(&changed),
            Err(VerifyError::EvidenceMismatch { field: "scores[2]".into() })
        );

        // Random draw and direct choice do not depend on prices at all, by design: the record
        // still verifies, as the winner follows from the rest.
        let honest = record(SelectionMethod::RandomDraw, priced(&[300, 100, 200]), None);
        let mut changed = honest.clone();
        changed.quotes[0].price = Money::from_fen(1);
        assert_eq!(verify_selection(&changed), Ok(honest.outcome));
    }

    #[test]
    fn verification_of_direct_choice() {
        let honest = record(SelectionMethod::DirectChoice, priced(&[300, 100, 200]), Some(id(3)));
        assert_eq!(verify_selection(&honest).map(|o| o.winner), Ok(id(3)));
        let mut changed = honest.clone();
        changed.quotes.remove(0);
        assert_eq!(
            verify_selection(&changed),
            Err(VerifyError::EvidenceMismatch { field: "order[0]".into() })
        );
        let mut changed = honest;
        changed.quotes.push(quote(4, 50, 10, None, 0));
        assert_eq!(
            verify_selection(&changed),
            Err(VerifyError::EvidenceMismatch { field: "order.length".into() })
        );
    }

    /// Over 100,000 draws among 7 quotes with reproducible secrets (SHA-256 of the draw's number),
    /// each quote wins within ±3 % (relative) of 1/7 of them.
    #[test]
    fn random_draws_are_uniform() {
        let quotes = priced(&[1, 2, 3, 4, 5, 6, 7]);
        let ids: Vec<QuoteId> = quotes.iter().map(|q| q.quote_id).collect();
        let mut wins = [0u32; 7];
        for i in 0u64..100_000 {
            let secret = Secret::from_bytes(Sha256::digest(i.to_be_bytes()).into());
            let winner = select(SelectionMethod::RandomDraw, &quotes, &secret, CODE, None).unwrap().winner;
            wins[ids.iter().position(|id| *id == winner).unwrap()] += 1;
        }
        assert_eq!(wins.iter().sum::<u32>(), 100_000);
        for (i, &count) in wins.iter().enumerate() {
            // |count − 100,000/7| ≤ 3 % of 100,000/7, kept in integers.
            assert!((7 * i64::from(count) - 100_000).abs() <= 3_000, "quote {i} won {count} times: {wins:?}");
        }
    }

    /// Quotes with few distinct prices, days, ratings and credit scores, so ties are common.
    fn arb_quotes() -> impl Strategy<Value = Vec<EligibleQuote>> {
        let row = (
            1i64..=5,
            1u16..=4,
            proptest::option::of(prop_oneof![Just(100u16), Just(350), Just(500)]),
            -5i32..=105,
        );
        proptest::collection::vec(row, 1..9).prop_map(|rows| {
            rows.into_iter()
                .enumerate()
                .map(|(i, (price, days, rating, credit))| {
                    // Ids that do not sort in submission order.
                    let n = (i as u128 * 0x9e37_79b9_7f4a_7c15) % 1_000_003;
                    let mut q = quote(n, price * 100, days, rating, credit);
                    q.provider_id = OrganisationId(Uuid::from_u128(i as u128));
                    q
                })
                .collect()
        })
    }

    fn arb_method() -> impl Strategy<Value = SelectionMethod> {
        prop_oneof![
            Just(SelectionMethod::DirectChoice),
            Just(SelectionMethod::RandomDraw),
            Just(SelectionMethod::LowestPrice),
            Just(SelectionMethod::ReasonablePrice),
            (0u32..=100, 0u32..=100, 0u32..=100).prop_map(|(a, b, c)| {
                let mut cuts = [a, b, c];
                cuts.sort_unstable();
                SelectionMethod::BestValue(weights(
                    cuts[0],
                    cuts[1] - cuts[0],
                    cuts[2] - cuts[1],
                    100 - cuts[2],
                ))
            }),
        ]
    }

    /// A method, quotes, the same quotes shuffled, a secret and (for direct choice) a choice.
    fn arb_case(
    ) -> impl Strategy<Value = (SelectionMethod, Vec<EligibleQuote>, Vec<EligibleQuote>, Secret, Option<QuoteId>)>
    {
        (arb_method(), arb_quotes(), any::<[u8; 32]>(), any::<proptest::sample::Index>()).prop_flat_map(
            |(method, quotes, bytes, pick)| {
                let choice = (method == SelectionMethod::DirectChoice).then(|| pick.get(&quotes).quote_id);
                let shuffled = Just(quotes.clone()).prop_shuffle();
                (Just(method), Just(quotes), shuffled, Just(Secret::from_bytes(bytes)), Just(choice))
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn the_outcome_ignores_the_order_of_quotes((method, quotes, shuffled, secret, choice) in arb_case()) {
            let outcome = select(method, &quotes, &secret, CODE, choice).unwrap();
            prop_assert_eq!(select(method, &shuffled, &secret, CODE, choice).unwrap(), outcome);
        }

        #[test]
        fn verification_accepts_honest_records_and_rejects_tampering(
            (method, quotes, _shuffled, secret, choice) in arb_case(),
            other in any::<[u8; 32]>(),
            victim in any::<proptest::sample::Index>(),
        ) {
            let commitment = Commitment::of(&secret);
            let honest = SelectionRecord::new(CODE, method, commitment, secret, quotes, choice).unwrap();
            prop_assert_eq!(verify_selection(&honest), Ok(honest.outcome.clone()));
            let json = serde_json::to_string(&honest).unwrap();
            let parsed: SelectionRecord = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(verify_selection(&parsed), Ok(honest.outcome.clone()));

            let mut changed = honest.clone();
            changed.secret = Secret::from_bytes(other);
            prop_assume!(changed.secret != honest.secret);
            prop_assert!(matches!(verify_selection(&changed), Err(VerifyError::SecretMismatch(_))));

            let mut changed = honest.clone();
            changed.quotes.remove(victim.index(changed.quotes.len()));
            prop_assert!(verify_selection(&changed).is_err());

            if honest.quotes.len() > 1 {
                let mut changed = honest.clone();
                let loser = honest.quotes.iter().find(|q| q.quote_id != honest.outcome.winner).unwrap().quote_id;
                changed.outcome.winner = loser;
                prop_assert_eq!(
                    verify_selection(&changed),
                    Err(VerifyError::WinnerMismatch { recorded: loser, recomputed: honest.outcome.winner })
                );
            }

            // Under the reasonable-price method every price counts (its distance is listed).
            if method == SelectionMethod::ReasonablePrice {
                let mut changed = honest.clone();
                let i = victim.index(changed.quotes.len());
                changed.quotes[i].price = Money::from_fen(changed.quotes[i].price.fen() + 1);
                prop_assert!(verify_selection(&changed).is_err());
            }
        }
    }

    /// The worked example of docs/selection.md: if this test changes, the document must too.
    mod worked_example {
        use super::*;

        const PROJECT: &str = "XM-2025-0042";

        /// An id made of one repeated hex digit, e.g. `11111111-1111-4111-8111-111111111111`.
        fn repeated(digit: char) -> Uuid {
            let d = |n: usize| digit.to_string().repeat(n);
            Uuid::parse_str(&format!("{}-{}-4{}-8{}-{}", d(8), d(4), d(3), d(3), d(12))).unwrap()
        }

        fn example_quote(
            digit: char,
            provider: char,
            price: i64,
            days: u16,
            rating: Option<u16>,
            credit: i32,
        ) -> EligibleQuote {
            EligibleQuote {
                quote_id: QuoteId(repeated(digit)),
                provider_id: OrganisationId(repeated(provider)),
                price: Money::from_fen(price),
                promised_days: WorkingDays::new(days).unwrap(),
                rating,
                credit_score: credit,
            }
        }

        /// In the order they were submitted, not sorted.
        fn quotes() -> Vec<EligibleQuote> {
            vec![
                example_quote('4', 'd', 610_000, 10, Some(490), 95),
                example_quote('2', 'b', 520_000, 15, None, 80),
                example_quote('5', 'e', 430_000, 30, Some(300), 60),
                example_quote('1', 'a', 480_000, 20, Some(450), 90),
                example_quote('3', 'c', 455_050, 25, Some(380), 100),
                example_quote('6', 'f', 430_000, 20, None, 70),
            ]
        }

        fn secret() -> Secret {
            Secret::parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").unwrap()
        }

        fn q(digit: char) -> QuoteId {
            QuoteId(repeated(digit))
        }

        fn pick(method: SelectionMethod) -> Outcome {
            select(method, &quotes(), &secret(), PROJECT, None).unwrap()
        }

        #[test]
        fn commitment_seed_and_streams() {
            assert_eq!(
                Commitment::of(&secret()).to_hex(),
                "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd"
            );
            assert_eq!(seed().to_hex(), "9c124198d998f5c31a707f1b35475bafe76389d1abef07806fe2ba8992b88cfb");
            let first = |purpose| {
                let mut stream = DrawStream::new(&seed(), purpose);
                [stream.next_u64(), stream.next_u64()]
            };
            assert_eq!(first(Purpose::Draw), [17_324_885_683_772_634_630, 581_078_415_705_378_210]);
            assert_eq!(first(Purpose::TieBreak), [4_358_768_856_723_250_342, 8_962_777_958_617_995_843]);
            assert_eq!(first(Purpose::PriceFactor), [227_284_158_096_405_532, 11_813_220_405_077_903_465]);
        }

        fn seed() -> Seed {
            let ids: Vec<QuoteId> = quotes().iter().map(|q| q.quote_id).collect();
            Seed::derive(&secret(), PROJECT, &ids).unwrap()
        }

        fn order() -> Vec<QuoteId> {
            "123456".chars().map(q).collect()
        }

        #[test]
        fn random_draw() {
            let evidence = Evidence::RandomDraw { order: order(), seed: seed(), index: 0 };
            assert_eq!(pick(SelectionMethod::RandomDraw), Outcome { winner: q('1'), evidence });
        }

        #[test]
        fn lowest_price() {
            let tie = Tie { tied: vec![q('5'), q('6')], drawn: Some(0) };
            let evidence =
                Evidence::LowestPrice { order: order(), seed: seed(), lowest: Money::from_fen(430_000), tie };
            assert_eq!(pick(SelectionMethod::LowestPrice), Outcome { winner: q('5'), evidence });
        }

        #[test]
        fn best_value() {
            let w = weights(40, 20, 20, 20);
            let score = |digit, price, time, rating, credit, total| QuoteScore {
                quote_id: q(digit),
                price,
                time,
                rating,
                credit,
                total,
            };
            let evidence = Evidence::BestValue {
                order: order(),
                seed: seed(),
                weights: w,
                lowest_price: Money::from_fen(430_000),
                fewest_days: WorkingDays::new(10).unwrap(),
                scores: vec![
                    score('1', 8_958, 5_000, 9_000, 9_000, 818_320),
                    score('2', 8_269, 6_666, 6_000, 8_000, 744_080),
                    score('3', 9_449, 4_000, 7_600, 10_000, 809_960),
                    score('4', 7_049, 10_000, 9_800, 9_500, 867_960),
                    score('5', 10_000, 3_333, 6_000, 6_000, 706_660),
                    score('6', 10_000, 5_000, 6_000, 7_000, 760_000),
                ],
                best_total: 867_960,
                tie: Tie { tied: vec![q('4')], drawn: None },
            };
            assert_eq!(pick(SelectionMethod::BestValue(w)), Outcome { winner: q('4'), evidence });
        }

        #[test]
        fn reasonable_price() {
            let distance = |digit, fen| QuoteDistance { quote_id: q(digit), distance: Money::from_fen(fen) };
            let evidence = Evidence::ReasonablePrice {
                order: order(),
                seed: seed(),
                dropped_highest: Some(q('4')),
                dropped_lowest: Some(q('5')),
                mean: Money::from_fen(471_263),
                factor: 9_755,
                reference: Money::from_fen(459_717),
                distances: vec![
                    distance('1', 20_283),
                    distance('2', 60_283),
                    distance('3', 4_667),
                    distance('4', 150_283),
                    distance('5', 29_717),
                    distance('6', 29_717),
                ],
                nearest: Money::from_fen(4_667),
                tie: Tie { tied: vec![q('3')], drawn: None },
            };
            assert_eq!(pick(SelectionMethod::ReasonablePrice), Outcome { winner: q('3'), evidence });
        }

        #[test]
        fn the_published_record_verifies() {
            let record = SelectionRecord::new(
                PROJECT,
                SelectionMethod::ReasonablePrice,
                Commitment::of(&secret()),
                secret(),
                quotes(),
                None,
            )
            .unwrap();
            let json = serde_json::to_value(&record).unwrap();
            assert_eq!(json["secret"], "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
            assert_eq!(json["method"], serde_json::json!({ "method": "reasonable_price" }));
            assert_eq!(json["outcome"]["evidence"]["reference"], 459_717);
            let parsed: SelectionRecord = serde_json::from_value(json).unwrap();
            assert_eq!(verify_selection(&parsed), Ok(record.outcome));
        }
    }
}
