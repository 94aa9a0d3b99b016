//! The export screen: results (CSV, XLSX, JSON with digest), the competition
//! file, the widget's nominees file, the published ranking file, the project
//! file (the bytes are made by `kipp_session::export`).

use kipp_session::export::{site_address, ExportKind};
use yew::prelude::*;

use crate::app::Ctx;
use crate::views::input_value;
use crate::views::start::picker;
use kipp_session::store::Action;

/// The export screen.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let can = c.s.computed.is_some();
    let btn = |kind: ExportKind, label: &'static str, id: &'static str| {
        html! {
            <li><button type="button" class="button" id={id} disabled={!can && kind != ExportKind::Project && kind != ExportKind::Competition && kind != ExportKind::Summary}
                onclick={c.d.reform(move |_| Action::Export(kind))}>{ label }</button></li>
        }
    };
    let site_ok = site_address(&c.s.publish).is_some();
    let page_btn = |kind: ExportKind, label: &'static str, id: &'static str, ready: bool| {
        html! {
            <li><button type="button" class="button" id={id} disabled={!(ready && site_ok)}
                onclick={c.d.reform(move |_| Action::Export(kind))}>{ label }</button></li>
        }
    };
    let field = |key: &'static str, label: &'static str, value: &str| {
        let id = format!("pub-{key}");
        html! {
            <div class="field">
                <label for={id.clone()}>{ label }</label>
                <input id={id} type="text" value={value.to_string()}
                    oninput={c.d.reform(move |e: InputEvent| Action::PublishField(key, e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default()))} />
            </div>
        }
    };
    html! {
        <>
        <h1>{ t.export_heading }</h1>
        if c.s.project.synthetic { <p class="muted"><span class="badge synthetic">{ t.synthetic_badge }</span>{" "}{ t.synthetic_note }</p> }
        if !c.s.project.decisions.is_empty() { <p class="alert-soft">{ t.decisions_in_export }</p> }
        <section class="card">
            <h2>{ t.results_heading }</h2>
            <ul class="plain buttons">
                { btn(ExportKind::Csv, t.export_csv, "export-csv") }
                { btn(ExportKind::Xlsx, t.export_xlsx, "export-xlsx") }
                { btn(ExportKind::Json, t.export_json, "export-json") }
                { btn(ExportKind::Competition, t.export_competition, "export-competition") }
            </ul>
        </section>
        <section class="card">
            <h2>{ t.publish_heading }</h2>
            <div class="fields">
                { field("publisher", t.publisher, &c.s.publish.publisher) }
                <div class="field">
                    <label for="pub-level">{ t.level }</label>
                    <select id="pub-level" onchange={c.d.reform(|e: Event| Action::PublishField("level", input_value(&e)))}>
                    { for ["nasional", "provinsi", "kabupaten", "kota", "lainnya"].into_iter().map(|l| html! {
                        <option value={l} selected={c.s.publish.level == l}>{ kipp_ui::words::level(l).t(c.lang) }</option>
                    }) }
                    </select>
                </div>
                { field("year", t.year, &c.s.publish.year) }
                { field("result", t.result_label, &c.s.publish.label) }
            </div>
            <ul class="plain buttons">
                { btn(ExportKind::Nominees, t.export_nominees, "export-nominees") }
                { btn(ExportKind::Ranking, t.export_ranking, "export-ranking") }
                { btn(ExportKind::Summary, t.export_summary, "export-summary") }
            </ul>
            <div class="fields">
                <div class="field wide">
                    <label for="pub-site">{ t.site_address }</label>
                    <input id="pub-site" type="url" inputmode="url" placeholder="https://" aria-describedby="pub-site-hint"
                        value={c.s.publish.site.clone()}
                        oninput={c.d.reform(|e: InputEvent| Action::PublishField("site", e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default()))} />
                    <p class="muted" id="pub-site-hint">{ t.site_hint }</p>
                </div>
            </div>
            <ul class="plain buttons">
                { page_btn(ExportKind::NomineesPage, t.export_nominees_page, "export-nominees-page", true) }
                { page_btn(ExportKind::RankingPage, t.export_ranking_page, "export-ranking-page", can) }
            </ul>
        </section>
        <section class="card">
            <h2>{ t.project_heading }</h2>
            <p>{ t.project_text }</p>
            <ul class="plain buttons">
                { btn(ExportKind::Project, t.save_project, "save-project") }
            </ul>
            { picker(c, "open-project", t.open_project, ".json") }
        </section>
        </>
    }
}
