//! Drawing a random inspection (双随机抽查): a label and how many providers; the draw is shown
//! with everything that lets anyone recompute it, and a link to its public page.

use crate::api::use_api;
use crate::components::links::ProviderLink;
use crate::i18n::text::{Common, Supervision as Text};
use crate::i18n::use_i18n;
use crate::ui::form::checked;
use crate::ui::format::instant;
use crate::ui::whole_number;
use crate::ui::{Act, ActStatus, Field, FormCheck, RequireRole};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::{FieldErrors, Inspection, InspectionForm};
use market_domain::project::Role;

#[component]
pub fn InspectionDraw() -> impl IntoView {
    view! {
        <RequireRole roles=&[Role::Supervisor]>
            <DrawPage/>
        </RequireRole>
    }
}

/// Reads the form as typed.
fn inspection(label: String, providers: &str) -> Result<InspectionForm, FieldErrors> {
    let mut errors = FieldErrors::new();
    let providers = whole_number::<u16>(&mut errors, "providers", providers);
    // A number not yet typed stands in as a valid one, so the label is still judged.
    let form = InspectionForm { label, providers: providers.unwrap_or(1) };
    checked(form, errors, |f| f.parse().err())
}

#[component]
fn DrawPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let label = RwSignal::new(String::new());
    let providers = RwSignal::new(String::new());
    let drawn = RwSignal::new(None::<Inspection>);
    let act = Act::new(
        Text::InspectionDrawn,
        move |form: InspectionForm| async move { api.draw_inspection(&form).await },
        move |inspection| drawn.set(Some(inspection)),
    );
    let check = FormCheck::new(act, move || inspection(label.get_untracked(), &providers.get_untracked()));
    let errors = check.errors;
    let send = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        act.ask(form, Text::Draw, move || i18n.t(Text::DrawConsequence)().to_owned());
    };
    view! {
        <section class="panel">
            <h1>{i18n.t(Common::NavInspectionDraw)}</h1>
            <p class="intro">{i18n.t(Text::InspectionIntro)}</p>
            <form on:submit=send novalidate data-testid="inspection-form">
                <Field
                    id="inspection-label"
                    name="label"
                    label=Text::InspectionLabel
                    value=label
                    errors
                    required=true
                    on_input=check.on_input("label")
                />
                <Field
                    id="inspection-providers"
                    name="providers"
                    label=Text::InspectionProviders
                    value=providers
                    errors
                    kind="number"
                    required=true
                    on_input=check.on_input("providers")
                />
                {check.banner()}
                <button type="submit" class="primary" disabled=move || act.pending()>{i18n.t(Text::Draw)}</button>
                <ActStatus act/>
            </form>
        </section>
        {move || drawn.get().map(|inspection| view! { <DrawnInspection inspection/> })}
    }
}

/// A drawn inspection: who was drawn, and what lets anyone recompute the draw.
#[component]
fn DrawnInspection(inspection: Inspection) -> impl IntoView {
    let i18n = use_i18n();
    let Inspection { id, drawn_at, record } = inspection;
    view! {
        <section class="panel" data-testid="inspection-result">
            <h2>{record.label.clone()}</h2>
            <dl class="sv-facts">
                <dt>{i18n.t(Text::DrawnAt)}</dt>
                <dd>{instant(drawn_at)}</dd>
                <dt>{i18n.t(Text::DrawnProviders)}</dt>
                <dd>
                    <ol class="sv-drawn">
                        {record.draw.providers.iter().map(|&p| view! { <li><ProviderLink id=p/></li> }).collect_view()}
                    </ol>
                </dd>
                <dt>{i18n.t(Text::Inspectors)}</dt>
                <dd>
                    <ol>
                        {record.draw.inspectors.iter().map(|a| view! { <li class="code">{a.to_string()}</li> }).collect_view()}
                    </ol>
                </dd>
                <dt>{i18n.t(Text::Commitment)}</dt>
                <dd class="sv-hash" data-testid="inspection-commitment">{record.commitment.to_string()}</dd>
                <dt>{i18n.t(Text::Secret)}</dt>
                <dd class="sv-hash" data-testid="inspection-secret">{String::from(record.secret.clone())}</dd>
                <dt>{i18n.t(Text::Seed)}</dt>
                <dd class="sv-hash">{record.draw.seed.to_string()}</dd>
            </dl>
            <p><A href=format!("/inspections/{id}")>{i18n.t(Text::InspectionPublicPage)}</A></p>
        </section>
    }
}
