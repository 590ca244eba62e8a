//! Playing the stories: every step of every story in the order of time, on a copy of the market
//! whose frozen clock is moved to each step's time, through [`lifecycle`] as the routes would —
//! so the stored events, quotes, draws, notifications, credit contributions and counters are
//! the live system's own.

use super::error::DemoError;
use super::parties::{Parties, Party};
use super::rng::Rng;
use super::stories::{Buyer, Extra, Plan, Plans};
use super::texts;
use super::timeline::{End, Step};
use crate::clock::TestClock;
use crate::error::ApiError;
use crate::lifecycle;
use crate::market::Market;
use crate::repo::notifications::{self, Inbox, NotificationKind};
use crate::repo::{accounts, catalogue, projects, RepoError};
use chrono::Duration;
use market_domain::credit::{Blacklisting, CreditContribution};
use market_domain::draw::Commitment;
use market_domain::ids::{OrganisationId, ProjectId, QuoteId};
use market_domain::organisation::OrganisationKind;
use market_domain::project::{Actor, Command, Evaluation, ObjectionStatus, Project, Score};
use market_domain::{Description, Money, ServiceItem, WorkingDays};
use std::sync::Arc;

/// Plays every story; returns the projects made, in the stories' order.
pub(super) async fn play(
    market: &Market,
    parties: &Parties,
    plans: &Plans,
) -> Result<Vec<ProjectId>, DemoError> {
    let steps = plans.steps();
    let start = steps.first().map_or_else(|| market.clock.now(), |s| s.0);
    let clock = Arc::new(TestClock::frozen_at(start));
    let market = Market { clock: clock.clone(), ..market.clone() };
    let mut player = Player { market, parties, ids: vec![None; plans.plans.len()] };
    for (at, story, step) in steps {
        clock.advance_to(at);
        let plan = &plans.plans[story];
        player.step(plan, step).await.map_err(|source| DemoError::Step {
            story,
            title: plan.title.to_string(),
            step: format!("{step:?}"),
            source,
        })?;
    }
    Ok(player.ids.into_iter().flatten().collect())
}

struct Player<'a> {
    market: Market,
    parties: &'a Parties,
    ids: Vec<Option<ProjectId>>,
}

impl Player<'_> {
    async fn step(&mut self, plan: &Plan, step: Step) -> Result<(), ApiError> {
        let buyer = self.buyer(plan.story.buyer).actor();
        let store = self.market.store.as_ref();
        if step == Step::Create {
            let (item, terms, org) =
                (self.item(plan).await?, plan.terms.clone(), self.buyer(plan.story.buyer).org.clone());
            let project = lifecycle::create(&self.market, &buyer, |id, code| {
                Ok(Command::CreateDraft {
                    id,
                    code,
                    terms: terms.clone(),
                    item: item.clone(),
                    buyer: org.clone(),
                })
            })
            .await?;
            self.ids[plan.index] = Some(project.id);
            return Ok(());
        }
        let id = self.ids[plan.index].ok_or(ApiError::NotFound)?;
        match step {
            Step::Create => {}
            Step::Publish => {
                let item = self.item(plan).await?;
                let commitment = Commitment::of(&plan.secret);
                let keep = projects::keep_secret(id, &plan.secret);
                lifecycle::act(&self.market, id, &buyer, |_| {
                    Ok((Command::Publish { commitment, item: item.clone() }, vec![keep.clone()]))
                })
                .await?;
            }
            Step::Quote(i) => {
                let q = &plan.quotes[i];
                self.quote(id, q.provider, q.id, q.price, q.days).await?;
            }
            Step::Requote(i) => {
                let q = &plan.quotes[i];
                self.quote(id, q.provider, q.replacement.0, q.replacement.1, q.days).await?;
            }
            Step::Withdraw(i) => {
                let q = &plan.quotes[i];
                let actor = self.parties.providers[q.provider].party.actor();
                self.act(id, &actor, Command::WithdrawQuote { quote: q.id }).await?;
            }
            Step::Ask(k) => {
                let q = &plan.questions[k];
                let actor = self.parties.providers[q.asker].party.actor();
                self.act(id, &actor, Command::AskQuestion { question: q.id, text: q.text.clone() }).await?;
            }
            Step::Answer(k) => {
                let q = &plan.questions[k];
                self.act(id, &buyer, Command::AnswerQuestion { question: q.id, answer: q.answer.clone() })
                    .await?;
            }
            Step::Cancel => {
                self.act(id, &buyer, Command::Cancel { reason: plan.cancel_reason.clone() }).await?;
            }
            Step::Close => {
                lifecycle::settle(&self.market, id).await?;
            }
            Step::Choose => {
                // The enterprise takes the quickest of the eligible quotes, the cheaper if equal.
                let secret = projects::secret(store, id).await?.ok_or(ApiError::Internal)?;
                lifecycle::act(&self.market, id, &buyer, |p| {
                    let chosen = p
                        .eligible
                        .iter()
                        .min_by_key(|q| (q.promised_days, q.price))
                        .ok_or(ApiError::Internal)?;
                    Ok((
                        Command::ChooseDirectly { quote: chosen.quote_id, secret: secret.clone() },
                        Vec::new(),
                    ))
                })
                .await?;
            }
            Step::Object => {
                let project = lifecycle::settle(&self.market, id).await?;
                let winner = project.winner().map(|w| w.provider);
                let objector =
                    project.quotes.iter().find(|q| Some(q.provider) != winner).ok_or(ApiError::Internal)?;
                let reason = if plan.story.end == End::ObjectionPending {
                    texts::OBJECTION_PENDING
                } else if plan.has(Extra::Upheld) {
                    texts::OBJECTION_UPHELD.0
                } else {
                    texts::OBJECTION_REJECTED.0
                };
                let actor = self.provider(objector.provider)?.actor();
                self.act(
                    id,
                    &actor,
                    Command::FileObjection { objection: plan.objection, reason: text(reason)? },
                )
                .await?;
            }
            Step::Decide => {
                let supervisor = self.parties.supervisors[plan.index % self.parties.supervisors.len()];
                let objection = plan.objection;
                if plan.has(Extra::Upheld) {
                    let reason = text(texts::OBJECTION_UPHELD.1)?;
                    lifecycle::act(&self.market, id, &supervisor, |p| {
                        let disqualify = p.winner().map(|w| w.id);
                        Ok((
                            Command::UpholdObjection { objection, reason: reason.clone(), disqualify },
                            Vec::new(),
                        ))
                    })
                    .await?;
                } else {
                    let reason = text(texts::OBJECTION_REJECTED.1)?;
                    self.act(id, &supervisor, Command::RejectObjection { objection, reason }).await?;
                }
            }
            Step::Blacklist => self.blacklist(id).await?,
            Step::Propose => {
                let discount = plan.has(Extra::Discount);
                lifecycle::act(&self.market, id, &buyer, |p| {
                    let quoted = p.winner().ok_or(ApiError::Internal)?.price;
                    // A discount of 3 %, to the hundred yuan below.
                    let price = if discount {
                        quoted
                            .mul_ratio(97, 100)
                            .map_or(quoted, |m| Money::from_fen(m.fen() / 10_000 * 10_000))
                    } else {
                        quoted
                    };
                    Ok((Command::ProposeContract { price }, Vec::new()))
                })
                .await?;
            }
            Step::Sign => self.as_winner(id, Command::SignContract).await?,
            Step::Start => self.as_winner(id, Command::StartService).await?,
            Step::Deliver => {
                let project = self.project(id).await?;
                let text_of = super::texts::item(plan.story.item).ok_or(ApiError::Internal)?;
                let summary = if project.deliveries.is_empty() {
                    format!("提交{}成果：{}。", text_of.service, text_of.deliverable)
                } else {
                    format!("已按退回意见补充近期监测数据并修改预测章节，重新提交{}。", text_of.deliverable)
                };
                self.as_winner(id, Command::SubmitDelivery { summary: text(&summary)? }).await?;
            }
            Step::Return => {
                self.act(id, &buyer, Command::ReturnDelivery { reason: text(texts::RETURN_REASON)? }).await?;
            }
            Step::Accept => {
                self.act(id, &buyer, Command::AcceptDelivery).await?;
            }
            Step::Evaluate => {
                let evaluation = self.evaluation(plan, id).await?;
                self.act(id, &buyer, Command::Evaluate { evaluation }).await?;
            }
        }
        Ok(())
    }

    fn buyer(&self, buyer: Buyer) -> &Party {
        match buyer {
            Buyer::E(i) => &self.parties.enterprises[i],
            Buyer::D(i) => &self.parties.departments[i],
        }
    }

    fn provider(&self, id: OrganisationId) -> Result<&Party, ApiError> {
        let index = self.parties.provider_index(id).ok_or(ApiError::Internal)?;
        Ok(&self.parties.providers[index].party)
    }

    /// The catalogue item as stored, as a route looks it up.
    async fn item(&self, plan: &Plan) -> Result<ServiceItem, ApiError> {
        catalogue::item(self.market.store.as_ref(), &plan.terms.item).await?.ok_or(ApiError::NotFound)
    }

    async fn project(&self, id: ProjectId) -> Result<Project, ApiError> {
        projects::get(self.market.store.as_ref(), id).await?.ok_or(ApiError::NotFound)
    }

    async fn act(&self, id: ProjectId, actor: &Actor, command: Command) -> Result<Project, ApiError> {
        lifecycle::act(&self.market, id, actor, |_| Ok((command.clone(), Vec::new()))).await
    }

    /// A quote with the provider's registration as stored now (its blacklistings included).
    async fn quote(
        &self,
        id: ProjectId,
        provider: usize,
        quote: QuoteId,
        price: Money,
        promised_days: WorkingDays,
    ) -> Result<(), ApiError> {
        let party = &self.parties.providers[provider].party;
        let org = accounts::organisation(self.market.store.as_ref(), party.org.id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let command = Command::SubmitQuote { quote, price, promised_days, provider: org.value };
        self.act(id, &party.actor(), command).await.map(drop)
    }

    async fn as_winner(&self, id: ProjectId, command: Command) -> Result<(), ApiError> {
        let project = self.project(id).await?;
        let winner = project.winner().ok_or(ApiError::Internal)?.provider;
        let actor = self.provider(winner)?.actor();
        self.act(id, &actor, command).await.map(drop)
    }

    /// The supervisor's decision after an upheld objection: the disqualified provider is
    /// blacklisted for a year, with a violation on its credit record, and told.
    async fn blacklist(&self, id: ProjectId) -> Result<(), ApiError> {
        let project = self.project(id).await?;
        let provider = project
            .objections
            .iter()
            .find_map(|o| match o.status {
                ObjectionStatus::Upheld { disqualified: Some(quote), .. } => {
                    project.quote(quote).map(|q| q.provider)
                }
                _ => None,
            })
            .ok_or(ApiError::Internal)?;
        let store = self.market.store.as_ref();
        let stored = accounts::organisation(store, provider).await?.ok_or(ApiError::NotFound)?;
        let now = self.market.clock.now();
        let mut after = stored.value.clone();
        let OrganisationKind::Provider(profile) = &mut after.kind else { return Err(ApiError::Internal) };
        let term = Blacklisting::new(texts::BLACKLISTING.into(), now, now + Duration::days(365))
            .map_err(|e| ApiError::Malformed(e.to_string()))?;
        profile.blacklistings.push(term);
        accounts::save_organisation(store, Some(&stored), &after, now).await?;
        let violation = CreditContribution::violation(texts::VIOLATION.into(), -20, now)
            .map_err(|e| ApiError::Malformed(e.to_string()))?;
        let writes = vec![
            accounts::credit_contribution_write(provider, &violation),
            notifications::about_organisation(
                Inbox::Organisation(provider),
                now,
                NotificationKind::Blacklisted,
            ),
        ];
        store.write(writes).await.map_err(RepoError::from)?;
        Ok(())
    }

    /// Scores around the winner's quality, a little up or down; a late delivery's timeliness
    /// is poor whoever delivered it.
    async fn evaluation(&self, plan: &Plan, id: ProjectId) -> Result<Evaluation, ApiError> {
        let project = self.project(id).await?;
        let winner = project.winner().ok_or(ApiError::Internal)?.provider;
        let quality =
            i64::from(self.parties.provider_index(winner).map_or(3, |i| self.parties.providers[i].quality));
        let late = project.deliveries.iter().any(|d| d.overdue_days > 0);
        let mut rng = Rng::new(0xE7A1_0000 + plan.index as u64);
        let mut score =
            |centre: i64| Score::new(u8::try_from((centre + rng.range(-1, 1)).clamp(1, 5)).unwrap_or(3));
        let evaluation_scores = [
            score(quality)?,
            if late { Score::new(2)? } else { score(quality)? },
            score(quality)?,
            score(quality.max(3))?,
            score(quality)?,
        ];
        let sum: u16 = evaluation_scores.iter().map(|s| u16::from(s.get())).sum();
        let comment = texts::comment(sum * 20, &mut rng);
        let [quality, timeliness, attitude, fee_reasonableness, compliance] = evaluation_scores;
        Ok(Evaluation {
            quality,
            timeliness,
            attitude,
            fee_reasonableness,
            compliance,
            comment: text(comment)?,
        })
    }
}

/// The demo's own texts are short, plain lines: parsing them cannot fail, but is checked.
fn text(s: &str) -> Result<Description, ApiError> {
    Description::parse(s).map_err(|e| ApiError::Malformed(format!("demo text: {e}")))
}
