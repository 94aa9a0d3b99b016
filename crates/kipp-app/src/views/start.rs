//! Start: the project list (new, open, rename, duplicate, delete), the
//! built-in demo and presets (each opens as a new project), import by picker
//! or drag-and-drop, and the import preview (kind per table, what changes
//! per judge and stage, every problem at once).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::num;
use crate::views::problems_table;
use kipp_session::import::{self, Kind};
use kipp_session::store::{Action, Confirm};

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

/// A file picker plus drop zone that sends [`Action::Files`].
pub fn picker(c: &Ctx, id: &str, label: &str, accept: &str) -> Html {
    let onchange = c.files.reform(|e: Event| {
        let input: Option<web_sys::HtmlInputElement> = e.target().and_then(|t| t.dyn_into().ok());
        let files = files_of(input.as_ref().and_then(|i| i.files()));
        if let Some(i) = input {
            i.set_value("");
        }
        files
    });
    let ondragover = c.d.reform(|e: DragEvent| {
        e.prevent_default();
        Action::Dragging(true)
    });
    let ondragleave = c.d.reform(|_: DragEvent| Action::Dragging(false));
    let ondrop = c.files.reform(|e: DragEvent| {
        e.prevent_default();
        files_of(e.data_transfer().and_then(|d| d.files()))
    });
    html! {
        <div class={classes!("dropzone", c.s.dragging.then_some("dragging"))}
             {ondragover} {ondragleave} {ondrop}>
            <label class="button primary" for={id.to_string()}>{ label.to_string() }</label>
            <input type="file" id={id.to_string()} class="visually-hidden" multiple=true
                   accept={accept.to_string()} {onchange} />
            <span class="drop-hint">{ c.t.drop_here }</span>
        </div>
    }
}

/// The start screen.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let lang = c.lang;
    let counts = import::counts(&c.s.project.inputs);
    let presets = import::preset_names();
    html! {
        <>
        <h1>{ t.start_heading }</h1>
        <section class="card current" aria-labelledby="current-h">
            <h2 id="current-h">{ t.current_work }</h2>
            <div class="fields">
                <div class="field">
                    <label for="project-name">{ t.project_name }</label>
                    <input id="project-name" type="text" value={c.s.project.name.clone()} placeholder={c.s.project.inputs.competition.name.clone()}
                        onchange={c.d.reform(|e: Event| Action::Rename(crate::views::input_value(&e)))} />
                </div>
                <div class="field">
                    <label for="project-year">{ t.year }</label>
                    <input id="project-year" type="text" inputmode="numeric" size="6"
                        value={c.s.project.year.map(|y| y.to_string()).unwrap_or_default()}
                        onchange={c.d.reform(|e: Event| Action::SetYear(crate::views::input_value(&e)))} />
                </div>
            </div>
            <p>
                <strong>{ c.s.project.inputs.competition.name.clone() }</strong>
                if c.s.project.synthetic {
                    {" "}<span class="badge synthetic">{ t.synthetic_badge }</span>
                }
            </p>
            if c.s.project.synthetic { <p class="muted">{ t.synthetic_note }</p> }
            { counts_list(c, &counts) }
        </section>
        { projects(c) }
        <div class="grid3">
            <section class="card" aria-labelledby="demo-h">
                <h2 id="demo-h">{ t.demo_heading }</h2>
                <p>{ t.demo_text }{" "}<span class="badge synthetic">{ t.synthetic_badge }</span></p>
                <button type="button" class="button" onclick={c.d.reform(|_| Action::OpenDemo)}>{ t.open_demo }</button>
            </section>
            <section class="card" aria-labelledby="preset-h">
                <h2 id="preset-h">{ t.presets_heading }</h2>
                <p>{ t.presets_text }</p>
                <ul class="plain">
                { for presets.iter().enumerate().map(|(i, (_, name))| html! {
                    <li><button type="button" class="button link-like"
                        onclick={c.d.reform(move |_| Action::UsePreset(i))}>{ name.clone() }</button></li>
                }) }
                </ul>
            </section>
            <section class="card" aria-labelledby="import-h">
                <h2 id="import-h">{ t.import_heading }</h2>
                <p>{ t.import_text }</p>
                { picker(c, "import-files", t.choose_files, ".json,.csv,.tsv,.txt,.xlsx") }
            </section>
        </div>
        { problems_table(c, &c.s.import_errors, t.errors_heading) }
        { preview(c, lang) }
        </>
    }
}

/// Counts of innovations, judges, score values and sheets per stage.
pub fn counts_list(x: &Ctx, c: &import::Preview) -> Html {
    let t = x.t;
    let lang = x.lang;
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

fn kind_label(c: &Ctx, k: Kind) -> &'static str {
    let t = c.t;
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

fn projects(c: &Ctx) -> Html {
    let t = c.t;
    let lang = c.lang;
    let confirm = c.s.confirm.as_ref().map(|q| match q {
        Confirm::Delete(_, name) => html! {
            <div class="confirm" role="alertdialog" aria-labelledby="confirm-q">
                <p id="confirm-q"><strong>{ format!("{} «{}»?", t.delete_project_q, name) }</strong>{" "}{ t.delete_project_note }</p>
                <button type="button" class="button danger" id="confirm-yes" onclick={c.d.reform(|_| Action::Confirm)}>{ t.delete }</button>
                {" "}
                <button type="button" class="button" id="confirm-no" onclick={c.d.reform(|_| Action::Cancel)}>{ t.cancel }</button>
            </div>
        },
    });
    let rows = c.s.projects.iter().map(|m| {
        let current = m.id == c.s.project.id;
        let id = m.id.clone();
        let id2 = m.id.clone();
        html! {
            <tr class={classes!(current.then_some("current-row"))}>
                <th scope="row">
                    { m.name.clone() }
                    if m.synthetic { {" "}<span class="badge synthetic">{ t.synthetic_badge }</span> }
                    if current { {" "}<span class="badge">{ t.open_now }</span> }
                </th>
                <td>{ m.year.map(|y| y.to_string()).unwrap_or_else(|| "–".into()) }</td>
                <td>{ crate::fmt::datetime(&m.changed, lang) }</td>
                <td class="num hide-sm">{ num(m.innovations as f64, 0, lang) }</td>
                <td class="num hide-sm">{ format!("{} KB", num((m.size as f64 / 1024.0).ceil(), 0, lang)) }</td>
                <td class="actions-cell">
                    if !current {
                        <button type="button" class="button small" onclick={c.d.reform(move |_| Action::OpenProject(id.clone()))}
                            aria-label={format!("{} {}", t.open, m.name)}>{ t.open }</button>
                    }
                    <button type="button" class="button small" onclick={c.d.reform(move |_| Action::AskDelete(id2.clone()))}
                        aria-label={format!("{} {}", t.delete, m.name)}>{ t.delete }</button>
                </td>
            </tr>
        }
    });
    html! {
        <section class="card" aria-labelledby="projects-h">
            <h2 id="projects-h">{ t.projects_heading }</h2>
            <p class="muted">{ t.projects_text }</p>
            { for confirm }
            if !c.s.projects.is_empty() {
                <div class="table-wrap" tabindex="0">
                <table id="project-list">
                    <caption class="visually-hidden">{ t.projects_heading }</caption>
                    <thead><tr>
                        <th scope="col">{ t.project_name }</th><th scope="col">{ t.year }</th>
                        <th scope="col">{ t.last_change }</th><th scope="col" class="num hide-sm">{ t.innovations }</th>
                        <th scope="col" class="num hide-sm">{ t.size }</th><th scope="col">{ t.actions }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </div>
            }
            <div class="actions">
                <button type="button" class="button" id="new-project" onclick={c.d.reform(|_| Action::NewProject)}>{ t.new_project }</button>
                <button type="button" class="button" id="duplicate-project" onclick={c.d.reform(|_| Action::Duplicate)}>{ t.duplicate_project }</button>
            </div>
        </section>
    }
}

fn preview(c: &Ctx, lang: kipp_ui::Lang) -> Html {
    let Some(st) = &c.s.import else {
        return html! {};
    };
    let t = c.t;
    let rows = st.files.iter().enumerate().map(|(i, f)| {
        let id = format!("kind-{i}");
        let onchange = c.d.reform(move |e: Event| {
            let v = crate::views::input_value(&e);
            let k = Kind::CHOOSABLE.into_iter().find(|k| kind_slug(*k) == v).unwrap_or(Kind::Unknown);
            Action::ImportKind(i, k)
        });
        let choosable = Kind::CHOOSABLE.contains(&f.kind) || f.kind == Kind::Unknown;
        let kind = if choosable {
            html! {
                <>
                <label class="visually-hidden" for={id.clone()}>{ format!("{} {}", t.kind, f.label()) }</label>
                <select id={id} {onchange}>
                { for Kind::CHOOSABLE.iter().map(|k| html! {
                    <option value={kind_slug(*k)} selected={f.kind == *k}>{ kind_label(c, *k) }</option>
                }) }
                </select>
                </>
            }
        } else {
            html! { kind_label(c, f.kind) }
        };
        html! {
            <tr>
                <td>{ f.raw.name.clone() }</td>
                <td>{ f.sheet.clone().unwrap_or_else(|| "–".into()) }</td>
                <td>{ kind }</td>
                <td class="num">{ num(f.count as f64, 0, lang) }</td>
            </tr>
        }
    });
    let ok = st.errors.is_empty() && st.result.is_some();
    let changes = (!st.preview.changes.is_empty()).then(|| html! {
        <div class="table-wrap" tabindex="0">
        <table id="import-changes">
            <caption>{ t.changes_heading }</caption>
            <thead><tr>
                <th scope="col">{ t.judge }</th><th scope="col">{ t.stage }</th>
                <th scope="col" class="num">{ t.values_changed }</th><th scope="col" class="num">{ t.values_new }</th>
                <th scope="col" class="num">{ t.values_removed }</th><th scope="col" class="num">{ t.values_same }</th>
            </tr></thead>
            <tbody>
            { for st.preview.changes.iter().map(|ch| html! {
                <tr>
                    <th scope="row">{ ch.judge.clone() }</th><td>{ ch.stage_name.clone() }</td>
                    <td class="num">{ num(ch.changed as f64, 0, lang) }</td>
                    <td class="num">{ num(ch.added as f64, 0, lang) }</td>
                    <td class="num">{ num(ch.removed as f64, 0, lang) }</td>
                    <td class="num">{ num(ch.unchanged as f64, 0, lang) }</td>
                </tr>
            }) }
            </tbody>
        </table>
        </div>
    });
    let orphans = (!st.preview.orphan_decisions.is_empty()).then(|| html! {
        <p class="alert-soft" id="orphan-decisions">{ format!("{}: {}", t.orphan_decisions,
            st.preview.orphan_decisions.iter().map(|(s, i)| format!("{i} ({s})")).collect::<Vec<_>>().join(", ")) }</p>
    });
    html! {
        <section class="card preview" aria-labelledby="preview-h">
            <h2 id="preview-h">{ t.preview_heading }</h2>
            <p>{ t.preview_text }</p>
            <div class="table-wrap" tabindex="0">
            <table id="import-tables">
                <thead><tr>
                    <th scope="col">{ t.file }</th><th scope="col">{ t.sheet }</th>
                    <th scope="col">{ t.kind }</th><th scope="col" class="num">{ t.counts }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            </div>
            { sheet_reading(c, st, lang) }
            if !st.notes.is_empty() {
                <ul class="muted notes">{ for st.notes.iter().map(|n| html! { <li>{ format!("{}: {}", n.file, n.message) }</li> }) }</ul>
            }
            if ok {
                { counts_list(c, &st.preview) }
                { for changes }
                if !st.preview.kept.is_empty() {
                    <p class="muted">{ format!("{}: {}", t.kept_from_current,
                        st.preview.kept.iter().map(|k| kind_label(c, *k)).collect::<Vec<_>>().join(", ")) }</p>
                }
                { for orphans }
            }
            { problems_table(c, &st.errors, t.errors_heading) }
            <div class="actions">
                if ok {
                    <button type="button" class="button primary" id="apply-import"
                        onclick={c.d.reform(|_| Action::ApplyImport)}>{ t.apply_import }</button>
                }
                <button type="button" class="button" onclick={c.d.reform(|_| Action::CancelImport)}>{ t.cancel }</button>
            </div>
        </section>
    }
}

/// How each score sheet is read: its judge and stage (changeable when no
/// column names them) and one row per column header with what it is read
/// as (changeable; remembered in the project).
fn sheet_reading(c: &Ctx, st: &kipp_session::import::ImportState, lang: kipp_ui::Lang) -> Html {
    use kipp_session::import::ColumnChoice;
    use kipp_session::import::ColumnRole;
    let t = c.t;
    let sheets: Vec<(
        usize,
        &kipp_session::import::FileEntry,
        &kipp_session::import::SheetRead,
    )> = st
        .files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == Kind::Scores)
        .filter_map(|(i, f)| f.read.as_ref().map(|r| (i, f, r)))
        .collect();
    if sheets.is_empty() {
        return html! {};
    }
    let stage_name = |id: &str| {
        st.stages
            .iter()
            .find(|(s, _)| s == id)
            .map(|(_, n)| {
                if n.is_empty() {
                    id.to_string()
                } else {
                    n.clone()
                }
            })
            .unwrap_or_else(|| id.to_string())
    };
    let crit_label = |id: &str| {
        st.criteria
            .iter()
            .find(|(_, c, _)| c == id)
            .map(|(_, c, n)| {
                if n.is_empty() {
                    c.clone()
                } else {
                    format!("{n} ({c})")
                }
            })
            .unwrap_or_else(|| id.to_string())
    };
    let sheet_rows = sheets.iter().map(|(i, f, r)| {
        let i = *i;
        let judge = if r.has_column("judge") {
            html! { if r.judge.is_empty() { { t.several } } else { { r.judge.clone() } } }
        } else {
            let id = format!("sheet-judge-{i}");
            let onchange = c.d.reform(move |e: Event| Action::ImportJudge(i, crate::views::input_value(&e)));
            html! {
                <>
                <label class="visually-hidden" for={id.clone()}>{ format!("{} {}", t.judge_of_sheet, f.label()) }</label>
                <input id={id} class="sheet-judge" type="text" list="known-judges" size="8"
                    value={f.judge.clone().unwrap_or_else(|| r.judge.clone())} {onchange} />
                </>
            }
        };
        let stage = if r.has_column("stage") {
            html! { if r.stage.is_empty() { { t.several } } else { { stage_name(&r.stage) } } }
        } else {
            let id = format!("sheet-stage-{i}");
            let onchange = c.d.reform(move |e: Event| Action::ImportStage(i, crate::views::input_value(&e)));
            let chosen = f.stage.clone().unwrap_or_default();
            html! {
                <>
                <label class="visually-hidden" for={id.clone()}>{ format!("{} {}", t.stage_of_sheet, f.label()) }</label>
                <select id={id} class="sheet-stage" {onchange}>
                    <option value="" selected={chosen.is_empty()}>{ format!("{}: {}", t.as_in_sheet,
                        if r.stage.is_empty() { "–".to_string() } else { stage_name(&r.stage) }) }</option>
                    { for st.stages.iter().map(|(sid, _)| html! {
                        <option value={sid.clone()} selected={chosen == *sid}>{ stage_name(sid) }</option>
                    }) }
                </select>
                </>
            }
        };
        html! {
            <tr>
                <th scope="row">{ f.sheet.clone().unwrap_or_else(|| f.raw.name.clone()) }</th>
                <td>{ judge }</td>
                <td>{ stage }</td>
                <td class="num">{ num(f.count as f64, 0, lang) }</td>
            </tr>
        }
    });
    // One row per header, as the first sheet with it read it.
    let mut headers: Vec<(&str, &ColumnRole, String)> = Vec::new();
    for (_, _, r) in &sheets {
        for col in &r.columns {
            if !headers.iter().any(|(h, _, _)| *h == col.header) {
                headers.push((&col.header, &col.role, r.stage.clone()));
            }
        }
    }
    let column_rows = headers.iter().enumerate().map(|(n, (header, role, stage))| {
        let header = header.to_string();
        let read_as = match role {
            ColumnRole::Key(k) => html! { <span class="muted">{ format!("{}: {k}", t.key_column) }</span> },
            ColumnRole::Criterion(_) | ColumnRole::Ignored => {
                let id = format!("column-{n}");
                let mapped = st.mappings.get(&header).cloned();
                let h = header.clone();
                let onchange = c.d.reform(move |e: Event| {
                    let v = crate::views::input_value(&e);
                    let choice = match v.as_str() {
                        "" => ColumnChoice::Auto,
                        "-" => ColumnChoice::Ignore,
                        id => ColumnChoice::Criterion(id.trim_start_matches('=').to_string()),
                    };
                    Action::ImportColumn(h.clone(), choice)
                });
                let auto = match (mapped.is_some(), role) {
                    (false, ColumnRole::Criterion(cid)) => format!("{}: {}", t.column_auto, crit_label(cid)),
                    (false, _) => format!("{}: {}", t.column_auto, t.column_ignore),
                    (true, _) => t.column_auto.to_string(),
                };
                let crits = st.criteria.iter().filter(|(s, _, _)| stage.is_empty() || s == stage);
                html! {
                    <>
                    <label class="visually-hidden" for={id.clone()}>{ format!("{} {}", t.read_as, header) }</label>
                    <select id={id} class="column-choice" data-header={header.clone()} {onchange}>
                        <option value="" selected={mapped.is_none()}>{ auto }</option>
                        <option value="-" selected={mapped.as_deref() == Some("")}>{ t.column_ignore }</option>
                        { for crits.map(|(_, cid, _)| html! {
                            <option value={format!("={cid}")} selected={mapped.as_deref() == Some(cid.as_str())}>{ crit_label(cid) }</option>
                        }) }
                    </select>
                    </>
                }
            }
        };
        html! { <tr><th scope="row">{ header }</th><td>{ read_as }</td></tr> }
    });
    let notes: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for (_, _, r) in &sheets {
            for n in &r.notes {
                if !v.contains(n) {
                    v.push(n.clone());
                }
            }
        }
        v
    };
    html! {
        <details class="sheet-reading" open={!st.errors.is_empty()}>
            <summary>{ t.sheet_reading }</summary>
            <p class="muted">{ t.sheet_reading_text }</p>
            <datalist id="known-judges">
                { for st.judge_ids.iter().map(|j| html! { <option value={j.clone()} /> }) }
            </datalist>
            <div class="table-wrap" tabindex="0">
            <table id="sheet-reading">
                <thead><tr>
                    <th scope="col">{ t.sheet }</th><th scope="col">{ t.judge }</th>
                    <th scope="col">{ t.stage }</th><th scope="col" class="num">{ t.counts }</th>
                </tr></thead>
                <tbody>{ for sheet_rows }</tbody>
            </table>
            </div>
            <div class="table-wrap" tabindex="0">
            <table id="column-reading">
                <caption>{ t.columns_of }</caption>
                <thead><tr><th scope="col">{ t.column_header }</th><th scope="col">{ t.read_as }</th></tr></thead>
                <tbody>{ for column_rows }</tbody>
            </table>
            </div>
            if !notes.is_empty() {
                <ul class="muted notes">{ for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
            }
        </details>
    }
}

fn kind_slug(k: Kind) -> &'static str {
    match k {
        Kind::Competition => "competition",
        Kind::Innovations => "innovations",
        Kind::Scores => "scores",
        Kind::Judges => "judges",
        Kind::Project => "project",
        Kind::Result => "result",
        Kind::Unknown => "unknown",
    }
}
