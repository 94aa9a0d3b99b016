//! Start: the built-in demo, presets, import by picker or drag-and-drop, and
//! the import preview.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::{App, Msg};
use crate::fmt::num;
use crate::import::{self, Kind};
use crate::views::problems_table;

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let mut out = Vec::new();
    if let Some(list) = list {
        for i in 0..list.length() {
            if let Some(f) = list.get(i) {
                out.push(f);
            }
        }
    }
    out
}

/// A file picker plus drop zone that sends [`Msg::Files`].
pub fn picker(app: &App, ctx: &Context<App>, id: &str, label: &str, accept: &str) -> Html {
    let link = ctx.link();
    let onchange = link.callback(|e: Event| {
        let input: Option<web_sys::HtmlInputElement> = e.target().and_then(|t| t.dyn_into().ok());
        let files = files_of(input.as_ref().and_then(|i| i.files()));
        if let Some(i) = input {
            i.set_value("");
        }
        Msg::Files(files)
    });
    let ondragover = link.callback(|e: DragEvent| {
        e.prevent_default();
        Msg::Dragging(true)
    });
    let ondragleave = link.callback(|_: DragEvent| Msg::Dragging(false));
    let ondrop = link.callback(|e: DragEvent| {
        e.prevent_default();
        Msg::Files(files_of(e.data_transfer().and_then(|d| d.files())))
    });
    html! {
        <div class={classes!("dropzone", app.dragging.then_some("dragging"))}
             {ondragover} {ondragleave} {ondrop}>
            <label class="button primary" for={id.to_string()}>{ label.to_string() }</label>
            <input type="file" id={id.to_string()} class="visually-hidden" multiple=true
                   accept={accept.to_string()} {onchange} />
            <span class="drop-hint">{ app.t().drop_here }</span>
        </div>
    }
}

/// The start screen.
pub fn view(app: &App, ctx: &Context<App>) -> Html {
    let t = app.t();
    let link = ctx.link();
    let lang = app.lang;
    let counts = import::counts(&app.project.inputs);
    let presets = import::preset_names();
    html! {
        <>
        <h1>{ t.start_heading }</h1>
        <section class="card current" aria-labelledby="current-h">
            <h2 id="current-h">{ t.current_work }</h2>
            <p>
                <strong>{ app.project.inputs.competition.name.clone() }</strong>
                if app.project.synthetic {
                    {" "}<span class="badge synthetic">{ t.synthetic_badge }</span>
                }
            </p>
            if app.project.synthetic { <p class="muted">{ t.synthetic_note }</p> }
            { counts_list(app, &counts) }
        </section>
        <div class="grid3">
            <section class="card" aria-labelledby="demo-h">
                <h2 id="demo-h">{ t.demo_heading }</h2>
                <p>{ t.demo_text }{" "}<span class="badge synthetic">{ t.synthetic_badge }</span></p>
                <button type="button" class="button" onclick={link.callback(|_| Msg::OpenDemo)}>{ t.open_demo }</button>
            </section>
            <section class="card" aria-labelledby="preset-h">
                <h2 id="preset-h">{ t.presets_heading }</h2>
                <p>{ t.presets_text }</p>
                <ul class="plain">
                { for presets.iter().enumerate().map(|(i, (_, name))| html! {
                    <li><button type="button" class="button link-like"
                        onclick={link.callback(move |_| Msg::UsePreset(i))}>{ name.clone() }</button></li>
                }) }
                </ul>
            </section>
            <section class="card" aria-labelledby="import-h">
                <h2 id="import-h">{ t.import_heading }</h2>
                <p>{ t.import_text }</p>
                { picker(app, ctx, "import-files", t.choose_files, ".json,.csv,.tsv,.txt,.xlsx") }
            </section>
        </div>
        { problems_table(app, &app.import_errors, t.errors_heading) }
        { preview(app, ctx, lang) }
        </>
    }
}

/// Counts of innovations, judges, score values and sheets per stage.
pub fn counts_list(app: &App, c: &import::Preview) -> Html {
    let t = app.t();
    let lang = app.lang;
    html! {
        <dl class="counts">
            if let Some((_, n)) = &c.competition {
                <div><dt>{ t.stages }</dt><dd>{ num(*n as f64, 0, lang) }</dd></div>
            }
            <div><dt>{ t.innovations }</dt><dd>{ num(c.innovations as f64, 0, lang) }</dd></div>
            <div><dt>{ t.judges }</dt><dd>{ c.judges.map(|j| num(j as f64, 0, lang)).unwrap_or_else(|| "–".into()) }</dd></div>
            <div><dt>{ t.scores_values }</dt><dd>{ num(c.values as f64, 0, lang) }</dd></div>
            { for c.sheets.iter().map(|(s, n)| html! {
                <div><dt>{ format!("{} — {}", t.sheets, s) }</dt><dd>{ num(*n as f64, 0, lang) }</dd></div>
            }) }
        </dl>
    }
}

fn kind_label(app: &App, k: Kind) -> &'static str {
    let t = app.t();
    match k {
        Kind::Competition => t.kind_competition,
        Kind::Innovations => t.kind_innovations,
        Kind::Scores => t.kind_scores,
        Kind::Judges => t.kind_judges,
        Kind::Project => t.kind_project,
        Kind::Result => t.kind_result,
        Kind::Unknown => t.kind_unknown,
    }
}

fn preview(app: &App, ctx: &Context<App>, lang: kipp_ui::Lang) -> Html {
    let Some(st) = &app.import else {
        return html! {};
    };
    let t = app.t();
    let link = ctx.link();
    let rows = st.files.iter().enumerate().map(|(i, f)| {
        let sheet = if f.sheets.is_empty() {
            html! { "–" }
        } else {
            let onchange = link.callback(move |e: Event| Msg::ImportSheet(i, crate::views::input_value(&e)));
            let id = format!("sheet-{i}");
            html! {
                <>
                <label class="visually-hidden" for={id.clone()}>{ format!("{} {}", t.sheet, f.raw.name) }</label>
                <select id={id} {onchange}>
                { for f.sheets.iter().map(|s| html! {
                    <option value={s.clone()} selected={f.sheet.as_deref() == Some(s.as_str())}>{ s.clone() }</option>
                }) }
                </select>
                </>
            }
        };
        html! {
            <tr>
                <td>{ f.raw.name.clone() }</td>
                <td>{ kind_label(app, f.kind) }</td>
                <td>{ sheet }</td>
                <td class="num">{ num(f.count as f64, 0, lang) }</td>
            </tr>
        }
    });
    let ok = st.errors.is_empty() && st.result.is_some();
    html! {
        <section class="card preview" aria-labelledby="preview-h">
            <h2 id="preview-h">{ t.preview_heading }</h2>
            <p>{ t.preview_text }</p>
            <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr>
                    <th scope="col">{ t.file }</th><th scope="col">{ t.kind }</th>
                    <th scope="col">{ t.sheet }</th><th scope="col" class="num">{ t.counts }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            </div>
            if ok {
                { counts_list(app, &st.preview) }
                if !st.preview.kept.is_empty() {
                    <p class="muted">{ format!("{}: {}", t.kept_from_current,
                        st.preview.kept.iter().map(|k| kind_label(app, *k)).collect::<Vec<_>>().join(", ")) }</p>
                }
            }
            { problems_table(app, &st.errors, t.errors_heading) }
            <div class="actions">
                if ok {
                    <button type="button" class="button primary" id="apply-import"
                        onclick={link.callback(|_| Msg::ApplyImport)}>{ t.apply_import }</button>
                }
                <button type="button" class="button" onclick={link.callback(|_| Msg::CancelImport)}>{ t.cancel }</button>
            </div>
        </section>
    }
}
