//! The five methods' arithmetic: the quotes sorted by id, then the winner by the method, ties
//! broken by the draw stream, with the evidence that explains it.

use super::*;
use crate::draw::{DrawError, DrawStream, Purpose, Secret, Seed};
use crate::ids::QuoteId;
use crate::money::Money;
use std::collections::BTreeSet;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selection::testing::*;

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
        assert_eq!(points_x100(best_total), 7_966, "79.66 of 100 points");
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn the_outcome_ignores_the_order_of_quotes((method, quotes, shuffled, secret, choice) in arb_case()) {
            let outcome = select(method, &quotes, &secret, CODE, choice).unwrap();
            prop_assert_eq!(select(method, &shuffled, &secret, CODE, choice).unwrap(), outcome);
        }
    }
}
