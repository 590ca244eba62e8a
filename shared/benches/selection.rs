//! Selection by each method, and verification of a record, among 1,000 eligible quotes.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use market_domain::catalogue::WorkingDays;
use market_domain::draw::{Commitment, Secret};
use market_domain::ids::{OrganisationId, QuoteId};
use market_domain::selection::{
    select, verify_selection, BestValueWeights, EligibleQuote, SelectionMethod, SelectionRecord,
};
use market_domain::Money;
use uuid::Uuid;

const QUOTES: u128 = 1_000;
const PROJECT: &str = "XM-2025-0001";

/// 1,000 quotes with varied prices, times, ratings and credit, in a scrambled id order.
fn quotes() -> Vec<EligibleQuote> {
    (0..QUOTES)
        .map(|i| {
            let spread = (i * 7_919) % 1_000;
            EligibleQuote {
                quote_id: QuoteId(Uuid::from_u128(i.wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835))),
                provider_id: OrganisationId(Uuid::from_u128(i)),
                price: Money::from_fen(400_000 + 100 * spread as i64),
                promised_days: WorkingDays::new(10 + (spread % 40) as u16).unwrap(),
                rating: (i % 5 != 0).then_some(100 + (spread % 401) as u16),
                credit_score: (spread % 120) as i32 - 10,
            }
        })
        .collect()
}

fn methods() -> [(&'static str, SelectionMethod, bool); 5] {
    [
        ("direct_choice", SelectionMethod::DirectChoice, true),
        ("random_draw", SelectionMethod::RandomDraw, false),
        ("lowest_price", SelectionMethod::LowestPrice, false),
        ("best_value", SelectionMethod::BestValue(BestValueWeights::new(40, 20, 20, 20).unwrap()), false),
        ("reasonable_price", SelectionMethod::ReasonablePrice, false),
    ]
}

fn bench(c: &mut Criterion) {
    let quotes = quotes();
    let secret = Secret::from_bytes([7; 32]);
    let chosen = quotes[500].quote_id;
    let mut group = c.benchmark_group("select_1000");
    for (name, method, direct) in methods() {
        let choice = direct.then_some(chosen);
        group.bench_function(name, |b| {
            b.iter(|| select(black_box(method), black_box(&quotes), &secret, PROJECT, choice).unwrap())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("verify_1000");
    for (name, method, direct) in methods() {
        let choice = direct.then_some(chosen);
        let record = SelectionRecord::new(
            PROJECT,
            method,
            Commitment::of(&secret),
            secret.clone(),
            quotes.clone(),
            choice,
        )
        .unwrap();
        group.bench_function(name, |b| b.iter(|| verify_selection(black_box(&record)).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
