//! The worked example of docs/selection.md: if this test changes, the document must too.

use super::testing::*;

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
