//! The summary view of `<kipp-nominees src="summary.json">`: the sentence a
//! news post writes, the headline numbers, bar charts of the agencies with
//! most innovations, of the categories and of the years, and the same
//! numbers as tables on demand.

use std::rc::Rc;

use kipp_ui::sentences::{participation, thousands};
use kipp_ui::{words, Lang, W};
use yew::prelude::*;

use crate::data;
use crate::summary::{Count, Summary};

const TITLE: W = W("Partisipasi", "Participation");
const INNOVATIONS: W = W("Inovasi", "Innovations");
const AGENCIES: W = W("Perangkat daerah", "Agencies");
const ADVANCED: W = W("lolos", "advanced");
const TOP_AGENCIES: W = W(
    "Perangkat daerah dengan inovasi terbanyak",
    "Agencies with most innovations",
);
const BY_CATEGORY: W = W("Inovasi per kategori", "Innovations by category");
const BY_UNIT_TYPE: W = W("Inovasi per jenis unit", "Innovations by unit type");
const UNIT_TYPE: W = W("Jenis unit", "Unit type");
const BY_YEAR: W = W("Inovasi per tahun", "Innovations by year");
const AS_TABLE: W = W("Lihat angka sebagai tabel", "Show the numbers as a table");
const COUNT: W = W("Jumlah", "Count");
const SOURCE: W = W("Sumber", "Source");
const EMPTY: W = W(
    "Ringkasan ini tidak berisi penyelenggaraan.",
    "This summary has no edition.",
);

/// Bars shown per chart (the table has every row).
const BARS: usize = 10;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub lang: Lang,
    pub summary: Rc<Summary>,
    /// The heading level of the view's sections (`heading-level`).
    pub heading: u8,
}

fn heading(level: u8, text: String) -> Html {
    let tag = format!("h{}", level.clamp(2, 6));
    html! { <@{tag} class="summary-heading">{ text }</@> }
}

/// One bar chart: a list (read as text by screen readers) whose bars are
/// SVG, scaled to the largest count.
fn bars(title: String, list: &[(String, u64)], lang: Lang, level: u8) -> Html {
    let max = list.iter().map(|(_, c)| *c).max().unwrap_or(0).max(1);
    html! {
        <section class="chart" part="chart">
            { heading(level, title.clone()) }
            <ol class="bars" aria-label={title}>
            { for list.iter().take(BARS).map(|(name, c)| {
                // Per mille of the largest, as "62.5" (integers only: float
                // formatting would cost the widget several KB).
                let w = (c.saturating_mul(1000) / max).max(5);
                html! {
                    <li>
                        <span class="bar-label">{ name.clone() }</span>
                        <span class="bar-row">
                            <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                <rect x="0" y="0" height="10" width={format!("{}.{}", w / 10, w % 10)} />
                            </svg>
                            <span class="bar-value">{ thousands(*c, lang) }</span>
                        </span>
                    </li>
                }
            }) }
            </ol>
        </section>
    }
}

fn table(caption: String, head: &'static str, list: &[(String, u64)], lang: Lang) -> Html {
    html! {
        <table class="summary-table">
            <caption>{ caption }</caption>
            <thead><tr><th scope="col">{ head }</th><th scope="col">{ COUNT.t(lang) }</th></tr></thead>
            <tbody>
            { for list.iter().map(|(n, c)| html! {
                <tr><th scope="row">{ n.clone() }</th><td>{ thousands(*c, lang) }</td></tr>
            }) }
            </tbody>
        </table>
    }
}

fn named(list: &[Count]) -> Vec<(String, u64)> {
    list.iter().map(|c| (c.name.clone(), c.count)).collect()
}

#[function_component]
pub fn SummaryView(p: &SummaryProps) -> Html {
    let lang = p.lang;
    let level = p.heading.clamp(2, 6);
    let Some(e) = p.summary.editions.last() else {
        return html! { <p class="notice">{ EMPTY.t(lang) }</p> };
    };
    let sentence = participation(e.innovations, e.agencies, &e.top(), lang);
    let title = match (e.competition.is_empty(), e.year) {
        (false, _) => e.competition.clone(),
        (true, Some(y)) => format!("{} {y}", TITLE.t(lang)),
        (true, None) => TITLE.t(lang).to_string(),
    };
    let agencies = named(&e.by_agency);
    let categories: Vec<(String, u64)> = e
        .by_category
        .iter()
        .map(|c| (data::category_name(&c.name, lang == Lang::En), c.count))
        .collect();
    let unit_types = named(&e.by_unit_type);
    let years: Vec<(String, u64)> = p
        .summary
        .editions
        .iter()
        .filter_map(|e| e.year.map(|y| (y.to_string(), e.innovations)))
        .collect();
    let sub = (level + 1).min(6);
    html! {
        <div class="summary" part="summary">
            { heading(level, title) }
            <p class="headline" part="headline">{ sentence }</p>
            <dl class="stats">
                <div><dt>{ INNOVATIONS.t(lang) }</dt><dd>{ thousands(e.innovations, lang) }</dd></div>
                if let Some(a) = e.agencies {
                    <div><dt>{ AGENCIES.t(lang) }</dt><dd>{ thousands(a, lang) }</dd></div>
                }
                if let Some(el) = e.eligible {
                    <div><dt>{ words::ELIGIBLE.t(lang) }</dt><dd>{ thousands(el, lang) }</dd></div>
                }
                { for e.stages.iter().map(|s| html! {
                    <div><dt>{ s.name.clone() }</dt>
                        <dd>{ format!("{} → {} {}", thousands(s.entered, lang), thousands(s.advanced, lang), ADVANCED.t(lang)) }</dd></div>
                }) }
            </dl>
            if !agencies.is_empty() { { bars(TOP_AGENCIES.t(lang).into(), &agencies, lang, sub) } }
            if !categories.is_empty() { { bars(BY_CATEGORY.t(lang).into(), &categories, lang, sub) } }
            if !unit_types.is_empty() { { bars(BY_UNIT_TYPE.t(lang).into(), &unit_types, lang, sub) } }
            if years.len() > 1 { { bars(BY_YEAR.t(lang).into(), &years, lang, sub) } }
            <details class="as-table" part="details">
                <summary>{ AS_TABLE.t(lang) }</summary>
                if !agencies.is_empty() { { table(TOP_AGENCIES.t(lang).into(), words::AGENCY.t(lang), &agencies, lang) } }
                if !categories.is_empty() { { table(BY_CATEGORY.t(lang).into(), words::CATEGORY.t(lang), &categories, lang) } }
                if !unit_types.is_empty() { { table(BY_UNIT_TYPE.t(lang).into(), UNIT_TYPE.t(lang), &unit_types, lang) } }
                if !years.is_empty() { { table(BY_YEAR.t(lang).into(), words::YEAR.t(lang), &years, lang) } }
            </details>
            if let Some(pubr) = &p.summary.publisher {
                <p class="source">{ format!("{}: {pubr}", SOURCE.t(lang)) }</p>
            }
        </div>
    }
}
