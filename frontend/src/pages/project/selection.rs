//! The selection result with its evidence, and "verify this draw": the published draw record is
//! fetched and recomputed here, in the browser, by the very code the functions ran
//! (`market_domain::selection::verify_selection`), and the page says plainly whether it matches.

use crate::api::{use_api, ApiError};
use crate::components::links::ProviderLink;
use crate::i18n::text::{Common, Project as Text};
use crate::i18n::{use_i18n, I18n, Tr, Translate};
use crate::ui::{describe_error, format, DataTable};
use leptos::prelude::*;
use leptos::task::spawn_local;
use market_domain::api::Message;
use market_domain::ids::QuoteId;
use market_domain::project::{Project, Role};
use market_domain::selection::{verify_selection, Evidence, SelectionRecord, Tie};

/// The firm behind a quote, as the record names it; its provider's short id for a record made
/// before names were kept.
fn firm(p: &Project, id: QuoteId) -> String {
    let quote = p.quote(id);
    match quote.and_then(|q| q.provider_name.as_ref()) {
        Some(name) => name.to_string(),
        None => quote.map(|q| q.provider.to_string().chars().take(8).collect()).unwrap_or_default(),
    }
}

/// How the winner was found, in words (tracked).
fn evidence_text(i18n: I18n, evidence: &Evidence) -> String {
    let tie = |t: &Tie| match t.drawn {
        Some(drawn) if t.tied.len() > 1 => {
            let (count, drawn) = (t.tied.len().to_string(), (drawn + 1).to_string());
            format!(" {}", i18n.fill(Text::Tie, &[("count", &count), ("drawn", &drawn)]))
        }
        _ => String::new(),
    };
    match evidence {
        Evidence::DirectChoice { .. } => Text::EvidenceDirect.get(i18n.locale()).to_owned(),
        Evidence::RandomDraw { order, index, .. } => i18n.fill(
            Text::EvidenceRandom,
            &[("count", &order.len().to_string()), ("row", &(index + 1).to_string())],
        ),
        Evidence::LowestPrice { lowest, tie: t, .. } => {
            i18n.fill(Text::EvidenceLowest, &[("lowest", &lowest.to_string())]) + &tie(t)
        }
        Evidence::BestValue { best_total, lowest_price, fewest_days, tie: t, .. } => {
            i18n.fill(
                Text::EvidenceBest,
                &[
                    ("total", &format::points(*best_total)),
                    ("price", &lowest_price.to_string()),
                    ("days", &fewest_days.get().to_string()),
                ],
            ) + &tie(t)
        }
        Evidence::ReasonablePrice { mean, factor, reference, nearest, tie: t, .. } => {
            let factor = format!("{}.{:02} %", factor / 100, factor % 100);
            i18n.fill(
                Text::EvidenceReasonable,
                &[
                    ("mean", &mean.to_string()),
                    ("factor", &factor),
                    ("reference", &reference.to_string()),
                    ("nearest", &nearest.to_string()),
                ],
            ) + &tie(t)
        }
    }
}

fn seed_of(evidence: &Evidence) -> Option<String> {
    match evidence {
        Evidence::DirectChoice { .. } => None,
        Evidence::RandomDraw { seed, .. }
        | Evidence::LowestPrice { seed, .. }
        | Evidence::BestValue { seed, .. }
        | Evidence::ReasonablePrice { seed, .. } => Some(seed.to_string()),
    }
}

fn dt<K: Translate>(i18n: I18n, term: K, value: impl IntoView + 'static) -> impl IntoView {
    view! { <dt>{i18n.t(term)}</dt><dd>{value}</dd> }
}

/// One record's facts.
fn record_facts(i18n: I18n, p: &Project, record: SelectionRecord) -> impl IntoView {
    let winner = record.quotes.iter().find(|q| q.quote_id == record.outcome.winner).cloned();
    let evidence = record.outcome.evidence.clone();
    let seed = seed_of(&evidence);
    view! {
        <dl class="facts">
            {winner.map(|w| view! {
                {dt(i18n, Common::Winner, view! { <span data-testid="winner"><ProviderLink id=w.provider_id name=p.name_of(w.provider_id).cloned()/></span> })}
                {dt(i18n, Text::WinningPrice, w.price.to_string())}
            })}
            {dt(i18n, Text::Method, i18n.t(format::method(&record.method)))}
            {dt(i18n, Text::EligibleCount, record.quotes.len().to_string())}
            {dt(i18n, Text::Evidence, move || evidence_text(i18n, &evidence))}
            {dt(i18n, Text::Commitment, view! { <code class="hex">{record.commitment.to_string()}</code> })}
            {dt(i18n, Text::Secret, view! { <code class="hex">{record.secret.to_hex()}</code> })}
            {seed.map(|s| dt(i18n, Text::Seed, view! { <code class="hex">{s}</code> }))}
        </dl>
        {draw_table(i18n, p, &record)}
    }
}

/// The eligible quotes as the draw counts them, numbered from 1 as the evidence names them, with
/// the firm behind each (the record's name), its price and days, its best-value score where there
/// is one, and the winner marked.
fn draw_table(i18n: I18n, p: &Project, record: &SelectionRecord) -> impl IntoView + use<> {
    let scores = match &record.outcome.evidence {
        Evidence::BestValue { scores, .. } => Some(scores.clone()),
        _ => None,
    };
    let mut columns: Vec<Tr> = vec![
        Text::ColRow.into(),
        Role::Provider.term().into(),
        Text::Price.into(),
        Text::PromisedDays.into(),
    ];
    columns.extend(scores.is_some().then(|| Tr::from(Text::ColScore)));
    let rows = record
        .outcome
        .evidence
        .order()
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let q = record.quotes.iter().find(|q| q.quote_id == *id)?;
            let won = *id == record.outcome.winner;
            let score = scores
                .as_ref()
                .and_then(|s| s.iter().find(|s| s.quote_id == *id))
                .map(|s| view! { <td>{format::points(s.total)}</td> });
            let days = q.promised_days.get();
            Some(view! {
                <tr class:winner=won data-testid="draw-row">
                    <td>{i + 1}</td>
                    <td>
                        <ProviderLink id=q.provider_id name=p.name_of(q.provider_id).cloned()/>
                        {won.then(|| view! { " " <strong>{i18n.t(Text::WinnerMark)}</strong> })}
                    </td>
                    <td>{q.price.to_string()}</td>
                    <td>{move || format::working_days(i18n, days)}</td>
                    {score}
                </tr>
            })
        })
        .collect_view();
    view! {
        <DataTable label=Text::DrawTable class="draw-table" testid="draw-table" columns>
            {rows}
        </DataTable>
    }
}

/// What verifying found: every record matched (the winner in force), or the first that did not.
#[derive(Clone)]
enum Verdict {
    Matches { winner: Option<QuoteId>, voided: usize },
    Mismatch(Message),
    Failed(ApiError),
}

#[component]
pub fn Selection(p: Project) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = p.id;
    let pending = RwSignal::new(false);
    let verdict = RwSignal::new(None::<Verdict>);
    let verify = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        verdict.set(None);
        spawn_local(async move {
            let result = match api.project_selection(id).await {
                Err(error) => Verdict::Failed(error),
                Ok(view) => {
                    let records = view.voided.iter().chain(view.selection.as_ref());
                    match records.map(verify_selection).find_map(Result::err) {
                        Some(error) => Verdict::Mismatch(Message::from(&error)),
                        None => Verdict::Matches {
                            winner: view.selection.as_ref().map(|s| s.outcome.winner),
                            voided: view.voided.len(),
                        },
                    }
                }
            };
            pending.set(false);
            verdict.set(Some(result));
        });
    };
    let project = p.clone();
    let outcome = move || {
        if pending.get() {
            return view! { <p class="progress" role="status" aria-live="polite">{i18n.t(Text::Verifying)}</p> }.into_any();
        }
        match verdict.get() {
            None => ().into_any(),
            Some(Verdict::Matches { winner, voided }) => {
                let winner = winner.map(|w| firm(&project, w));
                let text = move || {
                    let mut text = match &winner {
                        Some(w) => i18n.fill(Text::Verified, &[("winner", w)]),
                        None => Text::NoSelectionRecord.get(i18n.locale()).to_owned(),
                    };
                    if voided > 0 {
                        text = format!(
                            "{text} {}",
                            i18n.fill(Text::VerifiedVoided, &[("count", &voided.to_string())])
                        );
                    }
                    text
                };
                view! { <p class="success verify-result verified" data-testid="verify-result" role="status">{text}</p> }.into_any()
            }
            Some(Verdict::Mismatch(message)) => view! {
                <p class="error verify-result mismatch" data-testid="verify-result" role="alert">
                    {move || i18n.fill(Text::Mismatch, &[("reason", &i18n.message(&message))])}
                </p>
            }
            .into_any(),
            Some(Verdict::Failed(reason)) => view! {
                <p class="error verify-result" data-testid="verify-result" role="alert">
                    {i18n.t(Common::ActionFailed)} {describe_error(i18n, &reason)}
                </p>
            }
            .into_any(),
        }
    };
    let voided = p.voided_selections.clone();
    view! {
        <section class="panel need-selection" data-testid="selection">
            <h2>{i18n.t(Text::Selection)}</h2>
            {p.selection.clone().map(|record| record_facts(i18n, &p, record))}
            {p.publicity_ends_at.map(|at| view! { <dl class="facts">{dt(i18n, Text::PublicityEnds, format::instant(at))}</dl> })}
            <button type="button" class="primary" data-testid="verify-draw" on:click=verify disabled=move || pending.get()>
                {i18n.t(Text::Verify)}
            </button>
            {outcome}
            {(!voided.is_empty()).then(|| view! {
                <h3>{i18n.t(Text::Voided)}</h3>
                {voided.into_iter().map(|r| record_facts(i18n, &p, r)).collect_view()}
            })}
        </section>
    }
}
