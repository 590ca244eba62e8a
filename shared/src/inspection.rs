//! Random inspections (双随机、一公开): the supervisor draws which providers are inspected and
//! which inspectors go, from published lists, with a committed secret — so the result can be
//! recomputed by anyone, like a selection (see `draw` and docs/selection.md).

use crate::draw::{Commitment, DrawError, DrawStream, Purpose, Secret, SecretMismatch, Seed};
use crate::ids::{AccountId, OrganisationId};
use crate::locale::{Explain, Locale};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which of the two lists an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InspectionList {
    Providers,
    Inspectors,
}

impl InspectionList {
    fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Providers, Locale::Zh) => "中介机构",
            (Self::Inspectors, Locale::Zh) => "检查人员",
            (Self::Providers, Locale::En) => "providers",
            (Self::Inspectors, Locale::En) => "inspectors",
        }
    }
}

impl fmt::Display for InspectionList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name(Locale::En))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InspectionError {
    #[error("the number of {0} to draw is zero: expected at least one")]
    NothingToDraw(InspectionList),
    #[error("{wanted} {list} are to be drawn but only {available} are listed")]
    TooFew { list: InspectionList, wanted: usize, available: usize },
    #[error("provider {0} is listed twice")]
    DuplicateProvider(OrganisationId),
    #[error("inspector {0} is listed twice")]
    DuplicateInspector(AccountId),
    #[error(transparent)]
    Draw(#[from] DrawError),
    #[error(transparent)]
    SecretMismatch(#[from] SecretMismatch),
}

impl Explain for InspectionError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::NothingToDraw(list), Locale::Zh) => {
                format!("抽取的{}数量为零，至少应为一", list.name(locale))
            }
            (Self::TooFew { list, wanted, available }, Locale::Zh) => {
                format!("要抽取 {wanted} 个{}，但名单中只有 {available} 个", list.name(locale))
            }
            (Self::DuplicateProvider(id), Locale::Zh) => format!("中介机构 {id} 在名单中出现了两次"),
            (Self::DuplicateInspector(id), Locale::Zh) => format!("检查人员 {id} 在名单中出现了两次"),
            (Self::Draw(err), _) => err.explain(locale),
            (Self::SecretMismatch(err), _) => err.explain(locale),
            (_, Locale::En) => self.to_string(),
        }
    }
}

/// The result of an inspection draw, each list in the order drawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionDraw {
    pub seed: Seed,
    pub providers: Vec<OrganisationId>,
    pub inspectors: Vec<AccountId>,
}

/// Draws `n` distinct providers and `m` distinct inspectors. The seed binds the label (e.g. the
/// inspection's code) and both lists, each member as `provider:<id>` or `inspector:<id>`; each
/// list is sorted by id and drawn from by a partial Fisher–Yates shuffle on its own stream.
pub fn draw_inspection(
    secret: &Secret,
    label: &str,
    providers: &[OrganisationId],
    n: usize,
    inspectors: &[AccountId],
    m: usize,
) -> Result<InspectionDraw, InspectionError> {
    let providers =
        sorted_distinct(providers, n, InspectionList::Providers, InspectionError::DuplicateProvider)?;
    let inspectors =
        sorted_distinct(inspectors, m, InspectionList::Inspectors, InspectionError::DuplicateInspector)?;
    let members: Vec<String> = providers
        .iter()
        .map(|id| format!("provider:{id}"))
        .chain(inspectors.iter().map(|id| format!("inspector:{id}")))
        .collect();
    let seed = Seed::derive_general(secret, label, &members)?;
    let providers = DrawStream::new(&seed, Purpose::InspectionProviders)
        .choose(n, providers.len())?
        .into_iter()
        .map(|i| providers[i])
        .collect();
    let inspectors = DrawStream::new(&seed, Purpose::InspectionInspectors)
        .choose(m, inspectors.len())?
        .into_iter()
        .map(|i| inspectors[i])
        .collect();
    Ok(InspectionDraw { seed, providers, inspectors })
}

fn sorted_distinct<T: Ord + Copy>(
    list: &[T],
    wanted: usize,
    which: InspectionList,
    duplicate: fn(T) -> InspectionError,
) -> Result<Vec<T>, InspectionError> {
    let mut sorted = list.to_vec();
    sorted.sort_unstable();
    if let Some(pair) = sorted.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(duplicate(pair[0]));
    }
    if wanted == 0 {
        return Err(InspectionError::NothingToDraw(which));
    }
    if wanted > sorted.len() {
        return Err(InspectionError::TooFew { list: which, wanted, available: sorted.len() });
    }
    Ok(sorted)
}

/// The public record of an inspection draw: everything needed to recompute it.
/// Deserializing accepts any claim; `verify_inspection` judges it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionRecord {
    pub label: String,
    /// As published before the draw.
    pub commitment: Commitment,
    pub secret: Secret,
    pub providers: Vec<OrganisationId>,
    pub provider_count: usize,
    pub inspectors: Vec<AccountId>,
    pub inspector_count: usize,
    pub draw: InspectionDraw,
}

impl InspectionRecord {
    /// Draws and records; refuses a secret that does not match the published commitment.
    pub fn new(
        label: &str,
        commitment: Commitment,
        secret: Secret,
        providers: Vec<OrganisationId>,
        provider_count: usize,
        inspectors: Vec<AccountId>,
        inspector_count: usize,
    ) -> Result<Self, InspectionError> {
        commitment.check(&secret)?;
        let draw = draw_inspection(&secret, label, &providers, provider_count, &inspectors, inspector_count)?;
        Ok(Self {
            label: label.to_owned(),
            commitment,
            secret,
            providers,
            provider_count,
            inspectors,
            inspector_count,
            draw,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InspectionVerifyError {
    #[error(transparent)]
    SecretMismatch(#[from] SecretMismatch),
    #[error("the recorded lists cannot be drawn from: {0}")]
    Inputs(InspectionError),
    #[error("the recorded draw differs from the recomputed one at `{field}`")]
    DrawMismatch { field: String },
}

impl Explain for InspectionVerifyError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::SecretMismatch(err), _) => err.explain(locale),
            (Self::Inputs(err), Locale::Zh) => format!("记录中的名单无法进行抽取：{}", err.explain(locale)),
            (Self::DrawMismatch { field }, Locale::Zh) => {
                format!("记录的抽取结果与重新计算的结果在 `{field}` 处不一致")
            }
            (_, Locale::En) => self.to_string(),
        }
    }
}

/// Re-checks a published inspection record from its contents alone; returns the recomputed draw.
pub fn verify_inspection(record: &InspectionRecord) -> Result<InspectionDraw, InspectionVerifyError> {
    record.commitment.check(&record.secret)?;
    let recomputed = draw_inspection(
        &record.secret,
        &record.label,
        &record.providers,
        record.provider_count,
        &record.inspectors,
        record.inspector_count,
    )
    .map_err(InspectionVerifyError::Inputs)?;
    let (recorded, fresh) = (&record.draw, &recomputed);
    let field = if recorded.seed != fresh.seed {
        Some("seed".to_owned())
    } else if let Some(i) = first_index_differing(&recorded.providers, &fresh.providers) {
        Some(format!("providers[{i}]"))
    } else {
        first_index_differing(&recorded.inspectors, &fresh.inspectors).map(|i| format!("inspectors[{i}]"))
    };
    match field {
        Some(field) => Err(InspectionVerifyError::DrawMismatch { field }),
        None => Ok(recomputed),
    }
}

/// The first index where two lists differ; a missing element counts as differing.
fn first_index_differing<T: PartialEq>(a: &[T], b: &[T]) -> Option<usize> {
    (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn org(n: u128) -> OrganisationId {
        OrganisationId(Uuid::from_u128(n))
    }

    fn account(n: u128) -> AccountId {
        AccountId(Uuid::from_u128(n))
    }

    fn secret() -> Secret {
        Secret::from_bytes([42; 32])
    }

    fn record() -> InspectionRecord {
        let providers = (1..=10).map(org).collect();
        let inspectors = (1..=5).map(|n| account(100 + n)).collect();
        InspectionRecord::new("CC-2025-07", Commitment::of(&secret()), secret(), providers, 3, inspectors, 2)
            .unwrap()
    }

    #[test]
    fn draws_distinct_members_of_the_lists_independently_of_their_order() {
        let record = record();
        let draw = &record.draw;
        assert_eq!((draw.providers.len(), draw.inspectors.len()), (3, 2));
        assert!(draw.providers.iter().all(|p| record.providers.contains(p)));
        assert!(draw.inspectors.iter().all(|i| record.inspectors.contains(i)));
        let distinct: std::collections::BTreeSet<_> = draw.providers.iter().collect();
        assert_eq!(distinct.len(), 3);

        let mut providers = record.providers.clone();
        providers.reverse();
        let mut inspectors = record.inspectors.clone();
        inspectors.rotate_left(2);
        let again = draw_inspection(&secret(), "CC-2025-07", &providers, 3, &inspectors, 2).unwrap();
        assert_eq!(&again, draw);

        // The seed is the documented encoding, and each list is a Fisher–Yates draw on its own stream.
        let mut members: Vec<String> = (1..=10).map(|n| format!("provider:{}", org(n))).collect();
        members.extend((1..=5).map(|n| format!("inspector:{}", account(100 + n))));
        let seed = Seed::derive_general(&secret(), "CC-2025-07", &members).unwrap();
        assert_eq!(draw.seed, seed);
        let chosen = DrawStream::new(&seed, Purpose::InspectionProviders).choose(3, 10).unwrap();
        assert_eq!(draw.providers, chosen.iter().map(|&i| org(i as u128 + 1)).collect::<Vec<_>>());
        let chosen = DrawStream::new(&seed, Purpose::InspectionInspectors).choose(2, 5).unwrap();
        assert_eq!(draw.inspectors, chosen.iter().map(|&i| account(i as u128 + 101)).collect::<Vec<_>>());

        // Drawing every provider is allowed.
        let all = draw_inspection(&secret(), "x", &providers, 10, &inspectors, 5).unwrap();
        assert_eq!(all.providers.len(), 10);
    }

    #[test]
    fn every_input_error() {
        let s = secret();
        let (p, i) = ([org(1), org(2)], [account(1)]);
        let cases = [
            (
                draw_inspection(&s, "x", &p, 0, &i, 1),
                InspectionError::NothingToDraw(InspectionList::Providers),
            ),
            (
                draw_inspection(&s, "x", &p, 1, &i, 0),
                InspectionError::NothingToDraw(InspectionList::Inspectors),
            ),
            (
                draw_inspection(&s, "x", &p, 3, &i, 1),
                InspectionError::TooFew { list: InspectionList::Providers, wanted: 3, available: 2 },
            ),
            (
                draw_inspection(&s, "x", &[org(2), org(1), org(2)], 1, &i, 1),
                InspectionError::DuplicateProvider(org(2)),
            ),
            (
                draw_inspection(&s, "x", &p, 1, &[account(1), account(1)], 1),
                InspectionError::DuplicateInspector(account(1)),
            ),
            (draw_inspection(&s, "", &p, 1, &i, 1), InspectionError::Draw(DrawError::EmptyLabel)),
        ];
        for (got, expected) in cases {
            assert_eq!(got, Err(expected));
        }
        let wrong = InspectionRecord::new(
            "x",
            Commitment::of(&Secret::from_bytes([0; 32])),
            s,
            p.to_vec(),
            1,
            i.to_vec(),
            1,
        );
        assert!(matches!(wrong, Err(InspectionError::SecretMismatch(_))));

        let too_few = InspectionError::TooFew { list: InspectionList::Inspectors, wanted: 3, available: 2 };
        assert_eq!(too_few.to_string(), "3 inspectors are to be drawn but only 2 are listed");
        assert_eq!(too_few.explain(Locale::Zh), "要抽取 3 个检查人员，但名单中只有 2 个");
        assert_eq!(
            InspectionError::NothingToDraw(InspectionList::Providers).explain(Locale::Zh),
            "抽取的中介机构数量为零，至少应为一"
        );
        assert_eq!(
            InspectionError::DuplicateProvider(org(1)).explain(Locale::Zh),
            format!("中介机构 {} 在名单中出现了两次", org(1))
        );
        assert_eq!(
            InspectionError::DuplicateInspector(account(1)).explain(Locale::Zh),
            format!("检查人员 {} 在名单中出现了两次", account(1))
        );
        assert_eq!(
            InspectionError::Draw(DrawError::EmptyLabel).explain(Locale::Zh),
            "抽取标识为空，应填写如项目编号"
        );
    }

    #[test]
    fn verification_accepts_the_honest_record_and_pinpoints_changes() {
        let record = record();
        assert_eq!(verify_inspection(&record), Ok(record.draw.clone()));
        let json = serde_json::to_string(&record).unwrap();
        assert_eq!(verify_inspection(&serde_json::from_str(&json).unwrap()), Ok(record.draw.clone()));

        let mut changed = record.clone();
        changed.secret = Secret::from_bytes([1; 32]);
        assert!(matches!(verify_inspection(&changed), Err(InspectionVerifyError::SecretMismatch(_))));

        // A new secret with a matching commitment: the seed no longer matches.
        changed.commitment = Commitment::of(&changed.secret);
        assert_eq!(
            verify_inspection(&changed),
            Err(InspectionVerifyError::DrawMismatch { field: "seed".into() })
        );

        // A provider dropped from the published list changes the seed.
        let mut changed = record.clone();
        changed.providers.retain(|p| *p != record.draw.providers[0]);
        assert_eq!(
            verify_inspection(&changed),
            Err(InspectionVerifyError::DrawMismatch { field: "seed".into() })
        );

        let mut changed = record.clone();
        let outsider = record.providers.iter().find(|p| !record.draw.providers.contains(p)).copied().unwrap();
        changed.draw.providers[1] = outsider;
        let err = verify_inspection(&changed).unwrap_err();
        assert_eq!(err, InspectionVerifyError::DrawMismatch { field: "providers[1]".into() });
        assert_eq!(err.explain(Locale::Zh), "记录的抽取结果与重新计算的结果在 `providers[1]` 处不一致");

        let mut changed = record.clone();
        changed.draw.inspectors.pop();
        assert_eq!(
            verify_inspection(&changed),
            Err(InspectionVerifyError::DrawMismatch { field: "inspectors[1]".into() })
        );

        let mut changed = record;
        changed.inspector_count = 9;
        let err = verify_inspection(&changed).unwrap_err();
        assert_eq!(
            err,
            InspectionVerifyError::Inputs(InspectionError::TooFew {
                list: InspectionList::Inspectors,
                wanted: 9,
                available: 5
            })
        );
        assert_eq!(
            err.explain(Locale::Zh),
            "记录中的名单无法进行抽取：要抽取 9 个检查人员，但名单中只有 5 个"
        );
    }
}
