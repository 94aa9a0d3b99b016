//! Export: results (CSV, XLSX, JSON with digest), the competition file, the
//! widget's nominees file, the published ranking file, and the project file.

use serde_json::{json, Value};
use yew::prelude::*;

use crate::app::{App, Msg};
use crate::browser;
use crate::views::input_value;
use crate::views::start::picker;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// Results CSV.
    Csv,
    /// Results XLSX, a sheet per stage.
    Xlsx,
    /// Result JSON with digest.
    Json,
    /// competition.json
    Competition,
    /// Nominees file of the widget (docs/nominees.md).
    Nominees,
    /// Published ranking file (docs/ranking.md).
    Ranking,
    /// Project file.
    Project,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "kipp".into()
    } else {
        out
    }
}

/// The panel decisions as JSON (carried into the result and ranking files).
pub fn decisions_json(app: &App) -> Value {
    json!(app
        .project
        .decisions
        .iter()
        .map(|d| {
            let recommended = app
                .computed
                .as_ref()
                .and_then(|c| c.view.stages.iter().find(|s| s.id == d.stage))
                .and_then(|s| s.rows.iter().find(|r| r.id == d.innovation))
                .map(|r| r.advanced);
            json!({"stage": d.stage, "innovation": d.innovation, "recommended": recommended,
                   "advanced": d.advance, "reason": d.reason, "at": d.at})
        })
        .collect::<Vec<_>>())
}

/// The result JSON of §3.1, with a `"decisions"` list when the plenary decided anything.
pub fn result_value(app: &App) -> Option<Value> {
    let c = app.computed.as_ref()?;
    let text = crate::formats::result_json(c)?;
    let mut v: Value = serde_json::from_str(&text).ok()?;
    if !app.project.decisions.is_empty() {
        if let Some(o) = v.as_object_mut() {
            o.insert("decisions".into(), decisions_json(app));
        }
    }
    Some(v)
}

/// Ids advancing from the last stage after panel decisions, in row order.
pub fn final_winners(app: &App) -> Vec<String> {
    let Some(c) = &app.computed else {
        return Vec::new();
    };
    let Some(last) = c.view.stages.last() else {
        return Vec::new();
    };
    last.rows
        .iter()
        .filter(|r| !r.incomplete && crate::views::results::effective(app, &last.id, r).0)
        .map(|r| r.id.clone())
        .collect()
}

/// The widget's nominees file from the final results.
pub fn nominees(app: &App) -> Value {
    let winners = final_winners(app);
    let comp = &app.project.inputs.competition.name;
    let year: Option<i64> = app.year.trim().parse().ok();
    let label = if app.result_label.trim().is_empty() {
        format!("Top {}", winners.len())
    } else {
        app.result_label.trim().to_string()
    };
    let list: Vec<Value> = winners
        .iter()
        .filter_map(|id| crate::views::results::innovation(app, id))
        .map(|i| {
            let mut o = serde_json::Map::new();
            o.insert("id".into(), json!(i.id));
            o.insert("title".into(), json!(i.title));
            for (k, v) in [
                ("unit", &i.unit),
                ("agency", &i.agency),
                ("category", &i.category),
            ] {
                if !v.is_empty() {
                    o.insert(k.into(), json!(v));
                }
            }
            let mut a = serde_json::Map::new();
            if let Some(y) = year {
                a.insert("year".into(), json!(y));
            }
            a.insert("level".into(), json!(app.level));
            a.insert("competition".into(), json!(comp));
            a.insert("result".into(), json!(label));
            o.insert("achievements".into(), json!([Value::Object(a)]));
            Value::Object(o)
        })
        .collect();
    let mut root = serde_json::Map::new();
    root.insert("kipp_nominees".into(), json!(1));
    if !app.publisher.trim().is_empty() {
        root.insert("publisher".into(), json!(app.publisher.trim()));
    }
    root.insert("updated".into(), json!(browser::today()));
    root.insert("innovations".into(), json!(list));
    Value::Object(root)
}

/// The published ranking file shown by `<kipp-ranking>` (docs/ranking.md):
/// the competition as run, the public fields of the innovations in the
/// result, and the result of §3.1 unchanged. Panel decisions, when there are
/// any, stand beside it as a top-level `"decisions"` list (recommendation and
/// decision both kept).
pub fn ranking(app: &App) -> Option<Value> {
    let c = app.computed.as_ref()?;
    let comp_text = crate::formats::competition_json(&app.project.inputs.competition)?;
    let competition: Value = serde_json::from_str(&comp_text).ok()?;
    let result: Value = serde_json::from_str(&crate::formats::result_json(c)?).ok()?;
    let in_result: std::collections::BTreeSet<&str> = c
        .view
        .stages
        .iter()
        .flat_map(|s| s.rows.iter().map(|r| r.id.as_str()))
        .collect();
    let innovations: Vec<Value> = app
        .project
        .inputs
        .innovations
        .iter()
        .filter(|i| in_result.contains(i.id.as_str()))
        .map(|i| {
            json!({"id": i.id, "title": i.title, "unit": i.unit, "agency": i.agency, "category": i.category})
        })
        .collect();
    let mut root = serde_json::Map::new();
    root.insert("kipp_ranking".into(), json!(1));
    if !app.publisher.trim().is_empty() {
        root.insert("publisher".into(), json!(app.publisher.trim()));
    }
    root.insert("published".into(), json!(browser::today()));
    root.insert("competition".into(), competition);
    root.insert("innovations".into(), json!(innovations));
    root.insert("result".into(), result);
    if !app.project.decisions.is_empty() {
        root.insert("decisions".into(), decisions_json(app));
    }
    Some(Value::Object(root))
}

/// Builds and downloads one export; returns (file name, success).
pub fn export(app: &App, kind: ExportKind) -> (String, bool) {
    let base = slug(&app.project.inputs.competition.name);
    let json_mime = "application/json";
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default();
    let (name, mime, bytes): (String, &str, Option<Vec<u8>>) = match kind {
        ExportKind::Csv => (
            format!("{base}-hasil.csv"),
            "text/csv;charset=utf-8",
            app.computed
                .as_ref()
                .and_then(|c| crate::formats::result_csv(c, &app.project, app.lang)),
        ),
        ExportKind::Xlsx => (
            format!("{base}-hasil.xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            app.computed
                .as_ref()
                .and_then(|c| crate::formats::result_xlsx(c, &app.project, app.lang)),
        ),
        ExportKind::Json => (
            format!("{base}-hasil.json"),
            json_mime,
            result_value(app).map(|v| pretty(&v).into_bytes()),
        ),
        ExportKind::Competition => (
            "competition.json".into(),
            json_mime,
            crate::formats::competition_json(&app.project.inputs.competition)
                .map(String::into_bytes),
        ),
        ExportKind::Nominees => (
            format!("{base}-nominasi.json"),
            json_mime,
            Some(pretty(&nominees(app)).into_bytes()),
        ),
        ExportKind::Ranking => (
            format!("{base}-peringkat.json"),
            json_mime,
            ranking(app).map(|v| pretty(&v).into_bytes()),
        ),
        ExportKind::Project => (
            format!("{base}.kipp-project.json"),
            json_mime,
            Some(app.project.to_json().into_bytes()),
        ),
    };
    match bytes {
        Some(b) => {
            let ok = browser::download(&name, mime, &b);
            (name, ok)
        }
        None => (name, false),
    }
}

/// The export screen.
pub fn view(app: &App, ctx: &Context<App>) -> Html {
    let t = app.t();
    let link = ctx.link();
    let can = app.computed.is_some();
    let btn = |kind: ExportKind, label: &'static str, id: &'static str| {
        html! {
            <li><button type="button" class="button" id={id} disabled={!can && kind != ExportKind::Project && kind != ExportKind::Competition}
                onclick={link.callback(move |_| Msg::Export(kind))}>{ label }</button></li>
        }
    };
    let field = |key: &'static str, label: &'static str, value: &str| {
        let id = format!("pub-{key}");
        html! {
            <div class="field">
                <label for={id.clone()}>{ label }</label>
                <input id={id} type="text" value={value.to_string()}
                    oninput={link.callback(move |e: InputEvent| Msg::PublishField(key, e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default()))} />
            </div>
        }
    };
    html! {
        <>
        <h1>{ t.export_heading }</h1>
        if app.project.synthetic { <p class="muted"><span class="badge synthetic">{ t.synthetic_badge }</span>{" "}{ t.synthetic_note }</p> }
        if !app.project.decisions.is_empty() { <p class="alert-soft">{ t.decisions_in_export }</p> }
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
                { field("publisher", t.publisher, &app.publisher) }
                <div class="field">
                    <label for="pub-level">{ t.level }</label>
                    <select id="pub-level" onchange={link.callback(|e: Event| Msg::PublishField("level", input_value(&e)))}>
                    { for ["nasional", "provinsi", "kabupaten", "kota", "lainnya"].into_iter().map(|l| html! {
                        <option value={l} selected={app.level == l}>{ l }</option>
                    }) }
                    </select>
                </div>
                { field("year", t.year, &app.year) }
                { field("result", t.result_label, &app.result_label) }
            </div>
            <ul class="plain buttons">
                { btn(ExportKind::Nominees, t.export_nominees, "export-nominees") }
                { btn(ExportKind::Ranking, t.export_ranking, "export-ranking") }
            </ul>
        </section>
        <section class="card">
            <h2>{ t.project_heading }</h2>
            <p>{ t.project_text }</p>
            <ul class="plain buttons">
                { btn(ExportKind::Project, t.save_project, "save-project") }
            </ul>
            { picker(app, ctx, "open-project", t.open_project, ".json") }
        </section>
        </>
    }
}
