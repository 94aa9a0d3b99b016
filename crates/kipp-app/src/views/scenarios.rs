//! Scenarios: save named variants of the competition, change a variant's
//! aggregation and normalisation per stage, compare two (τ-b, ρ, who enters
//! and leaves, a slope chart), make one the competition with a reason.

use kipp_score::{Aggregate, CompareStage, Normalize};
use kipp_session::scenario::{differences, side_name, ScenarioMsg, Side};
use kipp_session::store::Action;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::num;
use crate::i18n::Tr;

use wasm_bindgen::JsCast;

fn by_id<T: JsCast>(id: &str) -> Option<T> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<T>()
        .ok()
}

/// The "save as a scenario" form (on the Results tab's weights panel and here).
pub fn save_form(c: &Ctx, id: &'static str) -> Html {
    let t = c.t;
    let input_id = format!("{id}-name");
    let read = input_id.clone();
    html! {
        <div class="scenario-save">
            <div class="field">
                <label for={input_id.clone()}>{ t.scenario_name }</label>
                <input id={input_id} type="text" maxlength="120" aria-describedby={format!("{id}-hint")} />
            </div>
            <button type="button" class="button" id={format!("{id}-save")}
                onclick={c.d.reform(move |_| Action::SaveScenario(by_id::<HtmlInputElement>(&read).map(|i| i.value()).unwrap_or_default()))}>
                { t.scenario_save }
            </button>
            <p class="help" id={format!("{id}-hint")}>{ t.scenario_save_hint }</p>
            { message(c) }
        </div>
    }
}

fn message(c: &Ctx) -> Html {
    let t = c.t;
    let Some(m) = &c.s.scenario_msg else {
        return html! {};
    };
    let (text, ok) = match m {
        ScenarioMsg::EmptyName => (t.scenario_empty_name.to_string(), false),
        ScenarioMsg::Duplicate(n) => (t.scenario_duplicate_fmt.replace("{n}", n), false),
        ScenarioMsg::ZeroWeight => (t.scenario_zero.to_string(), false),
        ScenarioMsg::Saved(n) => (t.scenario_saved_fmt.replace("{n}", n), true),
        ScenarioMsg::NeedsReason => (t.scenario_needs_reason.to_string(), false),
        ScenarioMsg::Promoted(n) => (t.scenario_promoted_fmt.replace("{n}", n), true),
    };
    html! { <p role="status" class={if ok { "ok" } else { "field-error" }}>{ text }</p> }
}

fn agg_name(t: &Tr, a: Aggregate) -> &'static str {
    match a {
        Aggregate::Mean => t.agg_mean,
        Aggregate::Median => t.agg_median,
        Aggregate::Trimmed => t.agg_trimmed,
    }
}

fn side_of(v: &str) -> Side {
    v.parse().ok()
}

/// The scenarios section of the simulation screen.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let p = &c.s.project;
    let official = &p.inputs.competition;
    let list = p.scenarios.iter().enumerate().map(|(i, sc)| {
        let diffs = differences(official, sc);
        let said = if diffs.is_empty() {
            t.scenario_same.to_string()
        } else {
            diffs
                .iter()
                .map(|(stage, w, ag, no)| {
                    let mut parts = Vec::new();
                    if *w {
                        parts.push(t.scenario_weights);
                    }
                    if *ag {
                        parts.push(t.scenario_aggregate);
                    }
                    if *no {
                        parts.push(t.scenario_normalize);
                    }
                    format!("{stage}: {}", parts.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let reason_id = format!("promote-reason-{i}");
        let read = reason_id.clone();
        html! {
            <li class="scenario">
                <div class="scenario-head">
                    <strong>{ sc.name.clone() }</strong>
                    <span class="muted">{ format!(" — {said}") }</span>
                    <button type="button" class="button small danger" aria-label={format!("{} {}", t.scenario_delete, sc.name)}
                        onclick={c.d.reform(move |_| Action::DeleteScenario(i))}>{ t.scenario_delete }</button>
                </div>
                <div class="scenario-stages">
                { for sc.competition.stages.iter().enumerate().map(|(k, st)| {
                    let (ag, no) = (st.aggregate, st.normalize);
                    let agg_id = format!("sc-{i}-{k}-agg");
                    let norm_id = format!("sc-{i}-{k}-norm");
                    html! {
                        <fieldset class="scenario-stage">
                            <legend>{ st.name.clone() }</legend>
                            <label for={agg_id.clone()}>{ t.scenario_aggregate }</label>
                            <select id={agg_id} onchange={c.d.reform(move |e: Event| {
                                let v = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
                                let a = match v.as_str() { "median" => Aggregate::Median, "trimmed" => Aggregate::Trimmed, _ => Aggregate::Mean };
                                Action::ScenarioStage(i, k, a, no)
                            })}>
                            { for [(Aggregate::Mean, "mean"), (Aggregate::Median, "median"), (Aggregate::Trimmed, "trimmed")].into_iter().map(|(a, v)| html! {
                                <option value={v} selected={a == ag}>{ agg_name(t, a) }</option>
                            }) }
                            </select>
                            <label for={norm_id.clone()}>{ t.scenario_normalize }</label>
                            <select id={norm_id} onchange={c.d.reform(move |e: Event| {
                                let v = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
                                Action::ScenarioStage(i, k, ag, if v == "zscore" { Normalize::ZScore } else { Normalize::None })
                            })}>
                                <option value="none" selected={no == Normalize::None}>{ t.norm_none }</option>
                                <option value="zscore" selected={no == Normalize::ZScore}>{ t.norm_zscore }</option>
                            </select>
                        </fieldset>
                    }
                }) }
                </div>
                <details class="promote">
                    <summary>{ t.scenario_promote }</summary>
                    <label for={reason_id.clone()}>{ t.scenario_reason }</label>
                    <textarea id={reason_id} rows="2" />
                    <button type="button" class="button primary"
                        onclick={c.d.reform(move |_| Action::PromoteScenario(i, by_id::<HtmlTextAreaElement>(&read).map(|x| x.value()).unwrap_or_default()))}>
                        { t.scenario_promote }
                    </button>
                </details>
            </li>
        }
    });
    let options = |sel: Side| {
        html! { <>
            <option value="official" selected={sel.is_none()}>{ t.scenario_official }</option>
            { for p.scenarios.iter().enumerate().map(|(i, sc)| html! {
                <option value={i.to_string()} selected={sel == Some(i)}>{ sc.name.clone() }</option>
            }) }
        </> }
    };
    let (sel_a, sel_b) = c.s.scenario_cmp.as_ref().map(|x| (x.a, x.b)).unwrap_or((
        None,
        if p.scenarios.is_empty() {
            None
        } else {
            Some(0)
        },
    ));
    html! {
        <section class="card scenarios" aria-labelledby="scenarios-h">
            <h2 id="scenarios-h">{ t.scenarios_heading }</h2>
            <p class="muted">{ t.scenarios_text }</p>
            { save_form(c, "scenario") }
            if p.scenarios.is_empty() { <p>{ t.scenario_none }</p> }
            else {
                <ul class="scenario-list">{ for list }</ul>
                <div class="fields compare-pick">
                    <div class="field">
                        <label for="cmp-a">{ t.scenario_a }</label>
                        <select id="cmp-a">{ options(sel_a) }</select>
                    </div>
                    <div class="field">
                        <label for="cmp-b">{ t.scenario_b }</label>
                        <select id="cmp-b">{ options(sel_b) }</select>
                    </div>
                </div>
                <button type="button" class="button primary" id="cmp-run" onclick={c.d.reform(|_| {
                    let v = |id: &str| by_id::<HtmlSelectElement>(id).map(|s| s.value()).unwrap_or_default();
                    Action::CompareScenarios(side_of(&v("cmp-a")), side_of(&v("cmp-b")))
                })}>{ t.scenario_compare }</button>
                { comparison(c) }
            }
        </section>
    }
}

fn comparison(c: &Ctx) -> Html {
    let t = c.t;
    let lang = c.lang;
    let Some(cmp) = &c.s.scenario_cmp else {
        return html! {};
    };
    let p = &c.s.project;
    let (na, nb) = (
        side_name(p, cmp.a, t.scenario_official),
        side_name(p, cmp.b, t.scenario_official),
    );
    let r = match &cmp.result {
        Ok(r) => r,
        Err(e) => {
            return html! { <p class="alert" role="alert">{ format!("{} {e}", t.cmp_failed) }</p> }
        }
    };
    let stage_name = |id: &str| {
        p.inputs
            .competition
            .stages
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let title = |id: &str| {
        kipp_session::export::innovation(p, id)
            .map(|i| i.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let f = |x: Option<f64>| x.map(|v| num(v, 3, lang)).unwrap_or_else(|| "–".into());
    html! {
        <div class="comparison" id="comparison">
            <h3>{ format!("A: {na} · B: {nb}") }</h3>
            <p class="muted">{ t.cmp_reading }</p>
            <div class="table-wrap" tabindex="0">
            <table id="compare-table">
                <caption class="visually-hidden">{ format!("{} — A: {na}, B: {nb}", t.scenario_compare) }</caption>
                <thead><tr>
                    <th scope="col">{ t.stage }</th>
                    <th scope="col" class="num">{ t.cmp_tau }</th>
                    <th scope="col" class="num">{ t.cmp_rho }</th>
                    <th scope="col">{ t.cmp_entered }</th>
                    <th scope="col">{ t.cmp_left }</th>
                </tr></thead>
                <tbody>
                { for r.stages.iter().map(|s| html! {
                    <tr data-stage={s.id.clone()}>
                        <th scope="row">{ stage_name(&s.id) }</th>
                        <td class="num tau">{ f(s.kendall_tau_b) }</td>
                        <td class="num rho">{ f(s.spearman_rho) }</td>
                        <td class="entered">{ format!("{}", s.entered.len()) }
                            if !s.entered.is_empty() { <span class="sub">{ s.entered.iter().map(|x| title(x)).collect::<Vec<_>>().join(", ") }</span> }</td>
                        <td class="left">{ format!("{}", s.left.len()) }
                            if !s.left.is_empty() { <span class="sub">{ s.left.iter().map(|x| title(x)).collect::<Vec<_>>().join(", ") }</span> }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            { for r.stages.iter().map(|s| slope(c, s, &stage_name(&s.id), na, nb)) }
        </div>
    }
}

/// Slope chart: rank in A (left) to rank in B (right) for the innovations
/// that advance in A or B (the official advancing list and whoever enters).
fn slope(c: &Ctx, s: &CompareStage, stage: &str, na: &str, nb: &str) -> Html {
    let t = c.t;
    let p = &c.s.project;
    let run = c.s.computed.as_ref().map(|cm| cm.view.clone());
    let adv_a: std::collections::HashSet<&str> = run
        .as_ref()
        .and_then(|v| v.stages.iter().find(|x| x.id == s.id))
        .map(|st| {
            st.rows
                .iter()
                .filter(|r| r.advanced)
                .map(|r| r.id.as_str())
                .collect()
        })
        .unwrap_or_default();
    // Shown: rows advancing in A by the comparison's own rows (top ranks up
    // to the larger of A's list and who entered), at most 60.
    let n_adv = adv_a.len().max(1);
    let mut rows: Vec<_> = s
        .rows
        .iter()
        .filter(|r| {
            r.rank_a.is_some_and(|k| (k as usize) <= n_adv)
                || r.rank_b.is_some_and(|k| (k as usize) <= n_adv)
                || s.entered.contains(&r.id)
                || s.left.contains(&r.id)
        })
        .collect();
    rows.truncate(60);
    if rows.is_empty() {
        return html! {};
    }
    let max = rows
        .iter()
        .flat_map(|r| [r.rank_a, r.rank_b])
        .flatten()
        .max()
        .unwrap_or(1)
        .max(2);
    let (w, left, right, top) = (640.0, 230.0, 410.0, 28.0);
    let row_h = 14.0;
    let h = top + 10.0 + row_h * f64::from(max);
    let y = |k: u32| top + row_h * (f64::from(k) - 0.5);
    let cut_y = top + row_h * n_adv as f64;
    let label = |id: &str| {
        let full = kipp_session::export::innovation(p, id)
            .map(|i| i.title.clone())
            .unwrap_or_else(|| id.to_string());
        if full.chars().count() > 30 {
            format!("{}…", full.chars().take(29).collect::<String>())
        } else {
            full
        }
    };
    html! {
        <figure class="slope">
            <figcaption>{ format!("{stage}: A → B") }</figcaption>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" class="plot slope-chart" aria-labelledby={format!("slope-t-{} slope-d-{}", s.id, s.id)}>
                <title id={format!("slope-t-{}", s.id)}>{ format!("{stage}: A {na} → B {nb}") }</title>
                <desc id={format!("slope-d-{}", s.id)}>{ t.cmp_slope_desc }</desc>
                <text x={left.to_string()} y="14" font-size="11" text-anchor="middle" fill="#57606a">{ "A" }</text>
                <text x={right.to_string()} y="14" font-size="11" text-anchor="middle" fill="#57606a">{ "B" }</text>
                <line x1={(left - 10.0).to_string()} x2={(right + 10.0).to_string()} y1={cut_y.to_string()} y2={cut_y.to_string()}
                    stroke="#a40e26" stroke-dasharray="4 3" />
                { for rows.iter().map(|r| {
                    let colour = if s.entered.contains(&r.id) { "#116329" } else if s.left.contains(&r.id) { "#a40e26" } else { "#8c959f" };
                    match (r.rank_a, r.rank_b) {
                        (Some(a), Some(b)) => html! {
                            <g>
                                <title>{ format!("{}: {a} → {b}", label(&r.id)) }</title>
                                <text x={(left - 14.0).to_string()} y={(y(a) + 4.0).to_string()} font-size="10" text-anchor="end" fill="#1b1f24">{ format!("{a}. {}", label(&r.id)) }</text>
                                <line x1={left.to_string()} x2={right.to_string()} y1={y(a).to_string()} y2={y(b).to_string()} stroke={colour} stroke-width="1.5" />
                                <circle cx={left.to_string()} cy={y(a).to_string()} r="2.5" fill={colour} />
                                <circle cx={right.to_string()} cy={y(b).to_string()} r="2.5" fill={colour} />
                                <text x={(right + 8.0).to_string()} y={(y(b) + 4.0).to_string()} font-size="10" fill="#1b1f24">{ b.to_string() }</text>
                            </g>
                        },
                        _ => html! {},
                    }
                }) }
            </svg>
        </figure>
    }
}
