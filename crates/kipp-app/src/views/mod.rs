//! The screens. Each is a function of the app state; events become [`Msg`]s.

pub mod admin;
pub mod decisions;
pub mod editor;
pub mod explain;
pub mod export;
pub mod progress;
pub mod report;
pub mod results;
pub mod scenarios;
pub mod simulate;
pub mod start;
pub mod verify;

use yew::prelude::*;

use crate::app::Ctx;
use crate::i18n::Tr;
use kipp_session::run::Located;
use kipp_session::store::{Action, Tab};
use kipp_session::store::{Notice, SaveState};

/// The menu label of a tab.
pub fn tab_label(tab: Tab, t: &Tr) -> &'static str {
    match tab {
        Tab::Start => t.tab_start,
        Tab::Competition => t.tab_competition,
        Tab::Admin => t.tab_admin,
        Tab::Progress => t.tab_progress,
        Tab::Results => t.tab_results,
        Tab::Decisions => t.tab_decisions,
        Tab::Simulate => t.tab_simulate,
        Tab::Verify => t.tab_verify,
        Tab::Report => t.tab_report,
        Tab::Export => t.tab_export,
    }
}

fn notice_text(c: &Ctx, n: &Notice) -> String {
    let t = c.t;
    match n {
        Notice::Restored => t.restored.to_string(),
        Notice::Imported => t.imported.to_string(),
        Notice::DecisionSaved => t.save_decision.to_string(),
        Notice::EligibilitySaved => t.eligibility_saved.to_string(),
        Notice::Downloaded(name) => format!("{} {}", t.downloaded, name),
        Notice::Failed(name) => format!("{}: {}", t.failed, name),
        Notice::Undone => t.undone.to_string(),
        Notice::Redone => t.redone.to_string(),
        Notice::NewProject(name) => format!("{}: {}", t.new_project_made, name),
        Notice::Deleted(name) => format!("{}: {}", t.deleted, name),
        Notice::LoadingXlsx => t.xlsx_loading.to_string(),
    }
}

/// The page: header, menu, the current screen, status messages.
pub fn shell(c: &Ctx) -> Html {
    let t = c.t;
    let tabs = Tab::ALL.iter().map(|&tab| {
        let current = tab == c.s.tab;
        let onclick = c.d.reform(move |_: MouseEvent| Action::Tab(tab));
        html! {
            <li>
                <button type="button" {onclick} data-tab={tab.slug()}
                   aria-current={if current { Some(AttrValue::from("page")) } else { None }}
                   class={classes!("tab", current.then_some("current"))}>
                    { tab_label(tab, t) }
                </button>
            </li>
        }
    });
    let body = match c.s.tab {
        Tab::Start => start::view(c),
        Tab::Competition => editor::view(c),
        Tab::Admin => admin::view(c),
        Tab::Progress => progress::view(c),
        Tab::Results => results::view(c),
        Tab::Decisions => decisions::view(c),
        Tab::Simulate => simulate::view(c),
        Tab::Verify => verify::view(c),
        Tab::Report => report::view(c),
        Tab::Export => export::view(c),
    };
    let storage = match &c.s.save {
        SaveState::Failed(e) => {
            html! { <p class="alert" role="alert" id="save-failed">{ format!("{} ({e})", t.save_failed) }</p> }
        }
        _ => html! {},
    };
    let save_label = match &c.s.save {
        SaveState::Saving => t.saving,
        SaveState::Saved => t.saved,
        _ => "",
    };
    let notice =
        c.s.notice
            .as_ref()
            .map(|n| notice_text(c, n))
            .unwrap_or_default();
    let comp_name = &c.s.project.inputs.competition.name;
    html! {
        <>
        <a class="skip" href="#main">{ t.skip }</a>
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">{"k"}</span>
                <div>
                    <p class="app-name">{ "kipp" }</p>
                    <p class="comp-name">
                        { comp_name.clone() }
                        if c.s.project.synthetic {
                            {" "}<span class="badge synthetic">{ t.synthetic_badge }</span>
                        }
                    </p>
                </div>
            </div>
            <div class="history" role="group" aria-label={format!("{} / {}", t.undo, t.redo)}>
                <span class="save-state" id="save-state">{ save_label }</span>
                <button type="button" class="button small" id="undo" disabled={!c.s.can_undo()}
                    title={t.undo_hint} aria-keyshortcuts="Control+Z"
                    onclick={c.d.reform(|_| Action::Undo)}>{ format!("↶ {}", t.undo) }</button>
                <button type="button" class="button small" id="redo" disabled={!c.s.can_redo()}
                    title={t.redo_hint} aria-keyshortcuts="Control+Y"
                    onclick={c.d.reform(|_| Action::Redo)}>{ format!("↷ {}", t.redo) }</button>
            </div>
            <button type="button" class="lang" onclick={c.d.reform(|_| Action::ToggleLang)}
                    aria-label={t.lang_switch_label} lang={if c.lang == kipp_ui::Lang::Id { "en" } else { "id" }}>
                { t.lang_switch }
            </button>
        </header>
        <nav aria-label={t.nav_label}><ul class="tabs">{ for tabs }</ul></nav>
        { storage }
        <p class="notice" role="status" aria-live="polite">{ notice }</p>
        <main id="main" tabindex="-1">{ body }</main>
        <footer class="foot"><p>{ t.app_tagline }</p></footer>
        </>
    }
}

/// A list of located problems as a table (file, line, column, message).
pub fn problems_table(c: &Ctx, problems: &[Located], caption: &str) -> Html {
    let t = c.t;
    if problems.is_empty() {
        return html! {};
    }
    html! {
        <div class="problems" role="alert">
            <table class="problems-table">
                <caption>{ caption.to_string() }</caption>
                <thead><tr>
                    <th scope="col">{ t.file }</th>
                    <th scope="col">{ t.line }</th>
                    <th scope="col">{ t.column }</th>
                    <th scope="col">{ t.message }</th>
                </tr></thead>
                <tbody>
                { for problems.iter().map(|p| html! {
                    <tr>
                        <td>{ if p.file.is_empty() { p.path.clone() } else if p.path.is_empty() { p.file.clone() } else { format!("{} ({})", p.file, p.path) } }</td>
                        <td class="num">{ if p.line > 0 { p.line.to_string() } else { "–".into() } }</td>
                        <td class="num">{ if p.column > 0 { p.column.to_string() } else { "–".into() } }</td>
                        <td>
                            { p.message.clone() }
                            if p.count > 1 {
                                {" "}<span class="problem-group">{ group_text(c, p) }</span>
                            }
                        </td>
                    </tr>
                }) }
                </tbody>
            </table>
        </div>
    }
}

/// `(7 kali; juga di Juri 3!E9, E11, … +2 lainnya)` for a grouped problem.
fn group_text(c: &Ctx, p: &Located) -> String {
    let t = c.t;
    let rest: Vec<&str> = p.places.iter().skip(1).map(|s| s.as_str()).collect();
    let listed = p.places.len().max(1);
    let more = p.count.saturating_sub(listed);
    let mut s = format!(
        "({} {}",
        crate::fmt::num(p.count as f64, 0, c.lang),
        t.times
    );
    if !rest.is_empty() {
        s.push_str(&format!("; {} {}", t.also_at, rest.join(", ")));
    }
    if more > 0 {
        s.push_str(&format!(
            ", … +{} {}",
            crate::fmt::num(more as f64, 0, c.lang),
            t.more_places
        ));
    }
    s.push(')');
    s
}

/// The value of the input element behind an event.
pub fn input_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let Some(target) = e.target() else {
        return String::new();
    };
    if let Some(i) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        return i.value();
    }
    if let Some(s) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return s.value();
    }
    if let Some(t) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return t.value();
    }
    String::new()
}

/// Whether the checkbox behind an event is checked.
pub fn input_checked(e: &Event) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.checked())
        .unwrap_or(false)
}
