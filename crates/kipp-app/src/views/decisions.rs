//! Panel decisions: the plenary may advance or drop an innovation against
//! the computed recommendation, with a required reason; both stay visible
//! and every change goes into the audit list.

use yew::prelude::*;

use crate::app::{App, Msg};
use crate::engine::RowView;
use crate::fmt::datetime;
use crate::project::{AuditAction, Decision};
use crate::views::results::innovation;

/// The decision form inside the detail view.
pub fn form(
    app: &App,
    ctx: &Context<App>,
    stage: &str,
    row: &RowView,
    current: Option<&Decision>,
) -> Html {
    let t = app.t();
    let link = ctx.link();
    if row.incomplete {
        return html! {};
    }
    let stage_s = stage.to_string();
    let id = row.id.clone();
    html! {
        <form class="decision-form" onsubmit={link.callback(|e: SubmitEvent| { e.prevent_default(); Msg::SaveDecision })}>
            <h3>{ t.decisions_heading }</h3>
            <p>{ format!("{}: {}", t.recommendation, if row.advanced { t.advanced } else { t.not_advanced }) }</p>
            if let Some(d) = current {
                <p class="alert-soft">
                    { format!("{}: {} — {}: {}", t.decision, if d.advance { t.advanced } else { t.not_advanced }, t.reason, d.reason) }
                    {" "}
                    <button type="button" class="button small" onclick={link.callback(move |_| Msg::Revoke(stage_s.clone(), id.clone()))}>{ t.revoke }</button>
                </p>
            }
            <fieldset class="radios">
                <legend>{ t.decision }</legend>
                <label><input type="radio" name="decide" checked={app.draft_advance}
                    onchange={link.callback(|_| Msg::DraftAdvance(true))} />{ t.decide_advance }</label>
                <label><input type="radio" name="decide" checked={!app.draft_advance}
                    onchange={link.callback(|_| Msg::DraftAdvance(false))} />{ t.decide_drop }</label>
            </fieldset>
            <div class="field wide">
                <label for="decision-reason">{ format!("{} *", t.reason) }</label>
                <textarea id="decision-reason" rows="2" aria-required="true" value={app.draft_reason.clone()}
                    aria-invalid={app.draft_error.to_string()}
                    aria-describedby={if app.draft_error { Some(AttrValue::from("reason-err")) } else { None }}
                    oninput={link.callback(|e: InputEvent| Msg::DraftReason(e.target_dyn_into::<web_sys::HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default()))} />
                if app.draft_error { <span class="field-error" id="reason-err">{ t.reason_required }</span> }
            </div>
            <button type="submit" class="button primary">{ t.save_decision }</button>
        </form>
    }
}

/// The decisions screen: current decisions and the audit list.
pub fn view(app: &App, ctx: &Context<App>) -> Html {
    let t = app.t();
    let link = ctx.link();
    let lang = app.lang;
    let stage_name = |id: &str| {
        app.project
            .inputs
            .competition
            .stages
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let title = |id: &str| {
        innovation(app, id)
            .map(|i| i.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let recommended = |stage: &str, id: &str| {
        app.computed
            .as_ref()
            .and_then(|c| c.view.stages.iter().find(|s| s.id == stage))
            .and_then(|s| s.rows.iter().find(|r| r.id == id))
            .map(|r| r.advanced)
    };
    let yes_no = |b: bool| if b { t.advanced } else { t.not_advanced };
    html! {
        <>
        <h1>{ t.decisions_heading }</h1>
        <p>{ t.decisions_text }</p>
        if app.project.decisions.is_empty() {
            <p class="muted">{ t.no_decisions }</p>
        } else {
            <div class="table-wrap" tabindex="0">
            <table>
                <caption class="visually-hidden">{ t.decisions_heading }</caption>
                <thead><tr>
                    <th scope="col">{ t.stage }</th><th scope="col">{ t.innovations }</th>
                    <th scope="col">{ t.recommendation }</th><th scope="col">{ t.decision }</th>
                    <th scope="col">{ t.reason }</th><th scope="col">{ t.time }</th>
                    <th scope="col"><span class="visually-hidden">{ t.revoke }</span></th>
                </tr></thead>
                <tbody>
                { for app.project.decisions.iter().map(|d| {
                    let (s, i) = (d.stage.clone(), d.innovation.clone());
                    html! {
                        <tr>
                            <td>{ stage_name(&d.stage) }</td>
                            <td>{ title(&d.innovation) }<span class="sub id">{ d.innovation.clone() }</span></td>
                            <td>{ recommended(&d.stage, &d.innovation).map(yes_no).unwrap_or("–") }</td>
                            <td><strong>{ yes_no(d.advance) }</strong></td>
                            <td>{ d.reason.clone() }</td>
                            <td>{ datetime(&d.at, lang) }</td>
                            <td><button type="button" class="button small"
                                aria-label={format!("{} {}", t.revoke, d.innovation)}
                                onclick={link.callback(move |_| Msg::Revoke(s.clone(), i.clone()))}>{ t.revoke }</button></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        }
        <h2>{ t.audit }</h2>
        if app.project.audit.is_empty() {
            <p class="muted">{ t.no_decisions }</p>
        } else {
            <ol class="audit">
            { for app.project.audit.iter().rev().map(|a| html! {
                <li>
                    <span class="when">{ datetime(&a.at, lang) }</span>{ " — " }
                    { stage_name(&a.stage) }{ ", " }{ title(&a.innovation) }{ ": " }
                    <strong>{ match a.action { AuditAction::Advance => t.decide_advance, AuditAction::Drop => t.decide_drop, AuditAction::Revoke => t.revoked } }</strong>
                    { format!(" ({}: {})", t.recommendation, yes_no(a.recommended)) }
                    if !a.reason.is_empty() { { format!(" — {}", a.reason) } }
                </li>
            }) }
            </ol>
        }
        </>
    }
}
