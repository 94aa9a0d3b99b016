//! Panel decisions: the plenary may advance or drop an innovation against
//! the computed recommendation, with a required reason; both stay visible
//! and every change goes into the audit list.

use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::datetime;
use crate::views::results::innovation;
use kipp_session::project::{AuditAction, Decision};
use kipp_session::run::RowView;
use kipp_session::store::Action;

/// The decision form inside the detail view.
pub fn form(c: &Ctx, stage: &str, row: &RowView, current: Option<&Decision>) -> Html {
    let t = c.t;
    if row.incomplete {
        return html! {};
    }
    let stage_s = stage.to_string();
    let id = row.id.clone();
    html! {
        <form class="decision-form" onsubmit={c.d.reform(|e: SubmitEvent| { e.prevent_default(); Action::SaveDecision })}>
            <h3>{ t.decisions_heading }</h3>
            <p>{ format!("{}: {}", t.recommendation, if row.recommended.unwrap_or(row.advanced) { t.advanced } else { t.not_advanced }) }</p>
            if let Some(d) = current {
                <p class="alert-soft">
                    { format!("{}: {} — {}: {}", t.decision, if d.advance { t.advanced } else { t.not_advanced }, t.reason, d.reason) }
                    {" "}
                    <button type="button" class="button small" onclick={c.d.reform(move |_| Action::Revoke(stage_s.clone(), id.clone()))}>{ t.revoke }</button>
                </p>
            }
            <fieldset class="radios">
                <legend>{ t.decision }</legend>
                <label><input type="radio" name="decide" checked={c.s.results.draft_advance}
                    onchange={c.d.reform(|_| Action::DraftAdvance(true))} />{ t.decide_advance }</label>
                <label><input type="radio" name="decide" checked={!c.s.results.draft_advance}
                    onchange={c.d.reform(|_| Action::DraftAdvance(false))} />{ t.decide_drop }</label>
            </fieldset>
            <div class="field wide">
                <label for="decision-reason">{ format!("{} *", t.reason) }</label>
                <textarea id="decision-reason" rows="2" aria-required="true" value={c.s.results.draft_reason.clone()}
                    aria-invalid={c.s.results.draft_error.to_string()}
                    aria-describedby={if c.s.results.draft_error { Some(AttrValue::from("reason-err")) } else { None }}
                    oninput={c.d.reform(|e: InputEvent| Action::DraftReason(e.target_dyn_into::<web_sys::HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default()))} />
                if c.s.results.draft_error { <span class="field-error" id="reason-err">{ t.reason_required }</span> }
            </div>
            <button type="submit" class="button primary">{ t.save_decision }</button>
        </form>
    }
}

/// The decisions screen: current decisions and the audit list.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let lang = c.lang;
    let stage_name = |id: &str| {
        c.s.project
            .inputs
            .competition
            .stages
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let title = |id: &str| {
        innovation(c, id)
            .map(|i| i.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let recommended = |stage: &str, id: &str| {
        c.s.computed
            .as_ref()
            .and_then(|c| c.view.stages.iter().find(|s| s.id == stage))
            .and_then(|s| s.rows.iter().find(|r| r.id == id))
            .map(|r| r.recommended.unwrap_or(r.advanced))
    };
    let yes_no = |b: bool| if b { t.advanced } else { t.not_advanced };
    html! {
        <>
        <h1>{ t.decisions_heading }</h1>
        <p>{ t.decisions_text }</p>
        if c.s.project.decisions.is_empty() {
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
                { for c.s.project.decisions.iter().map(|d| {
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
                                onclick={c.d.reform(move |_| Action::Revoke(s.clone(), i.clone()))}>{ t.revoke }</button></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        }
        <h2>{ t.audit }</h2>
        if c.s.project.audit.is_empty() {
            <p class="muted">{ t.no_decisions }</p>
        } else {
            <ol class="audit">
            { for c.s.project.audit.iter().rev().map(|a| if a.action == AuditAction::Promote { html! {
                <li class="audit-promote">
                    <span class="when">{ datetime(&a.at, lang) }</span>{ " — " }
                    { format!("{} «{}»: ", t.scenario, a.innovation) }<strong>{ t.scenario_promoted }</strong>
                    if !a.reason.is_empty() { { format!(" — {}", a.reason) } }
                </li>
            } } else { html! {
                <li>
                    <span class="when">{ datetime(&a.at, lang) }</span>{ " — " }
                    { if a.stage.is_empty() { t.admin_heading.to_string() } else { stage_name(&a.stage) } }{ ", " }{ title(&a.innovation) }{ ": " }
                    <strong>{ match a.action { AuditAction::Advance => t.decide_advance, AuditAction::Drop => t.decide_drop, AuditAction::Revoke => t.revoked,
                        AuditAction::Eligible => t.make_eligible, AuditAction::Ineligible => t.make_ineligible,
                        AuditAction::Promote => t.scenario_promoted } }</strong>
                    if a.stage.is_empty() {
                        { format!(" ({}: {})", t.in_file, if a.recommended { t.eligible_yes } else { t.eligible_no }) }
                    } else {
                        { format!(" ({}: {})", t.recommendation, yes_no(a.recommended)) }
                    }
                    if !a.reason.is_empty() { { format!(" — {}", a.reason) } }
                </li>
            } }) }
            </ol>
        }
        </>
    }
}
