//! Re-checking a published selection record from its contents alone, and saying where it lies.

use super::*;
use crate::draw::SecretMismatch;
use crate::ids::QuoteId;
use crate::locale::{Explain, Locale};

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
    use crate::selection::testing::*;

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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

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
}
