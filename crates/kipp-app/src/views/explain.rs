//! "Why this score?": each judge's sheet, normalised values, aggregation,
//! the 0–100 scale, weights, matched bonus rules and the stage combination.

use kipp_score::Explanation;
use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::{num, score};
use kipp_session::run::StageView;

/// Renders an explanation of one row.
pub fn view(c: &Ctx, stage: &StageView, e: &Explanation) -> Html {
    let t = c.t;
    let lang = c.lang;
    let name = |id: &str| {
        stage
            .criteria
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let wsum: f64 = e.criteria.iter().map(|c| c.weight).sum();
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
    let judge_name = |id: &str| {
        c.s.project
            .inputs
            .judges
            .as_ref()
            .and_then(|js| js.iter().find(|j| j.id == id))
            .filter(|j| !j.name.is_empty())
            .map(|j| format!("{} ({})", j.name, j.id))
            .unwrap_or_else(|| id.to_string())
    };
    html! {
        <div class="explain">
            <div class="table-wrap" tabindex="0">
            <table class="explain-table">
                <caption>{ t.sheets }</caption>
                <thead><tr>
                    <th scope="col">{ t.judge }</th>
                    { for e.criteria.iter().map(|c| html! { <th scope="col" class="num">{ name(&c.id) }</th> }) }
                </tr></thead>
                <tbody>
                { for e.sheets.iter().map(|s| html! {
                    <tr class={classes!(s.dropped_conflict.then_some("dropped"))}>
                        <th scope="row">
                            { judge_name(&s.judge) }
                            if s.dropped_conflict { <span class="badge out">{ t.conflict }</span> }
                        </th>
                        { for s.values.iter().enumerate().map(|(k, v)| {
                            let n = s.normalised.as_ref().and_then(|n| n.get(k)).copied();
                            html! {
                                <td class="num">
                                    { num(*v, 2, lang) }
                                    if let Some(n) = n { if n != *v {
                                        <span class="sub" title={t.value_normalised}>{ format!(" → {}", num(n, 2, lang)) }</span>
                                    } }
                                </td>
                            }
                        }) }
                    </tr>
                }) }
                </tbody>
                <tfoot>
                    <tr><th scope="row">{ t.aggregated }</th>
                        { for e.criteria.iter().map(|c| html! { <td class="num">{ score(c.aggregated, lang) }</td> }) }</tr>
                    <tr><th scope="row">{ t.scaled }</th>
                        { for e.criteria.iter().map(|c| html! { <td class="num">{ score(c.s, lang) }</td> }) }</tr>
                    <tr><th scope="row">{ t.weight }</th>
                        { for e.criteria.iter().map(|c| html! { <td class="num">{ format!("{} ({}%)", num(c.weight, 2, lang), num(if wsum > 0.0 { c.weight / wsum * 100.0 } else { 0.0 }, 1, lang)) }</td> }) }</tr>
                </tfoot>
            </table>
            </div>
            <p>{ format!("{} = Σ {} × s / Σ {} = {}", t.raw, t.weight.to_lowercase(), t.weight.to_lowercase(), score(e.raw, lang)) }</p>
            <p>{ format!("{}: ", t.matched_rules) }
                if e.bonus_rules.is_empty() { { t.none } }
                else { { e.bonus_rules.iter().map(|(id, p)| format!("{id} ({})", num(*p, 2, lang))).collect::<Vec<_>>().join(", ") } }
                { format!(" — {} = {}", t.bonus, num(e.bonus, 2, lang)) }
            </p>
            <p>{ format!("{}: ", t.combine_terms) }
                { e.combine.iter().map(|c| format!("{} × {} ({})", num(c.weight, 2, lang), score(c.own, lang), stage_name(&c.stage))).collect::<Vec<_>>().join(" + ") }
                { format!(" → {} = {}", t.score, score(e.score, lang)) }
            </p>
        </div>
    }
}
