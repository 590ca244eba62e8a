//! What the selection's tests share: quotes, secrets and methods to select with, and
//! generators of arbitrary cases.

pub use super::*;
pub use crate::catalogue::WorkingDays;
pub use crate::draw::{Commitment, DrawStream, Purpose, Secret, Seed};
pub use crate::ids::{OrganisationId, QuoteId};
pub use crate::locale::{Explain, Locale};
pub use crate::money::Money;
pub use proptest::prelude::*;
pub use sha2::{Digest, Sha256};
pub use uuid::Uuid;

pub const CODE: &str = "XM-2025-0001";

pub fn id(n: u128) -> QuoteId {
    QuoteId(Uuid::from_u128(n))
}

pub fn quote(n: u128, price: i64, days: u16, rating: Option<u16>, credit: i32) -> EligibleQuote {
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
pub fn priced(prices: &[i64]) -> Vec<EligibleQuote> {
    prices.iter().enumerate().map(|(i, &p)| quote(i as u128 + 1, p, 10, Some(400), 80)).collect()
}

pub fn secret(byte: u8) -> Secret {
    Secret::from_bytes([byte; 32])
}

pub fn weights(price: u32, time: u32, rating: u32, credit: u32) -> BestValueWeights {
    BestValueWeights::new(price, time, rating, credit).unwrap()
}

pub fn run(method: SelectionMethod, quotes: &[EligibleQuote]) -> Outcome {
    select(method, quotes, &secret(1), CODE, None).unwrap()
}

pub fn seed_of(quotes: &[EligibleQuote]) -> Seed {
    let ids: Vec<QuoteId> = quotes.iter().map(|q| q.quote_id).collect();
    Seed::derive(&secret(1), CODE, &ids).unwrap()
}

pub fn tie_of(outcome: &Outcome) -> &Tie {
    match &outcome.evidence {
        Evidence::LowestPrice { tie, .. }
        | Evidence::BestValue { tie, .. }
        | Evidence::ReasonablePrice { tie, .. } => tie,
        other => panic!("no tie in {other:?}"),
    }
}

pub fn record(
    method: SelectionMethod,
    quotes: Vec<EligibleQuote>,
    direct_choice: Option<QuoteId>,
) -> SelectionRecord {
    SelectionRecord::new(CODE, method, Commitment::of(&secret(1)), secret(1), quotes, direct_choice).unwrap()
}

/// Quotes with few distinct prices, days, ratings and credit scores, so ties are common.
pub fn arb_quotes() -> impl Strategy<Value = Vec<EligibleQuote>> {
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

pub fn arb_method() -> impl Strategy<Value = SelectionMethod> {
    prop_oneof![
        Just(SelectionMethod::DirectChoice),
        Just(SelectionMethod::RandomDraw),
        Just(SelectionMethod::LowestPrice),
        Just(SelectionMethod::ReasonablePrice),
        (0u32..=100, 0u32..=100, 0u32..=100).prop_map(|(a, b, c)| {
            let mut cuts = [a, b, c];
            cuts.sort_unstable();
            SelectionMethod::BestValue(weights(cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], 100 - cuts[2]))
        }),
    ]
}

/// A method, quotes, the same quotes shuffled, a secret and (for direct choice) a choice.
pub fn arb_case(
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
