//! The screens. Each is a function of the app state; events become [`Msg`]s.

pub mod decisions;
pub mod editor;
pub mod explain;
pub mod export;
pub mod results;
pub mod simulate;
pub mod start;
pub mod verify;

use yew::prelude::*;

use crate::app::{App, Msg, Tab};
use crate::browser::StoreError;
use crate::engine::Located;

/// The page: header, menu, the current screen, status messages.
pub fn shell(app: &App, ctx: &Context<App>) -> Html {
    let t = app.t();
    let link = ctx.link();
    let tabs = Tab::ALL.iter().map(|&tab| {
        let current = tab == app.tab;
        let onclick = link.callback(move |_: MouseEvent| Msg::Tab(tab));
        html! {
            <li>
                <button type="button" {onclick} data-tab={tab.slug()}
                   aria-current={if current { Some(AttrValue::from("page")) } else { None }}
                   class={classes!("tab", current.then_some("current"))}>
                    { tab.label(t) }
                </button>
            </li>
        }
    });
    let body = match app.tab {
        Tab::Start => start::view(app, ctx),
        Tab::Competition => editor::view(app, ctx),
        Tab::Results => results::view(app, ctx),
        Tab::Decisions => decisions::view(app, ctx),
        Tab::Simulate => simulate::view(app, ctx),
        Tab::Verify => verify::view(app, ctx),
        Tab::Export => export::view(app, ctx),
    };
    let storage = app.storage_error.map(|e| {
        let msg = match e {
            StoreError::Full => t.storage_full,
            StoreError::Unavailable => t.storage_off,
        };
        html! { <p class="alert" role="alert">{ msg }</p> }
    });
    let comp_name = &app.project.inputs.competition.name;
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
                        if app.project.synthetic {
                            {" "}<span class="badge synthetic">{ t.synthetic_badge }</span>
                        }
                    </p>
                </div>
            </div>
            <button type="button" class="lang" onclick={link.callback(|_| Msg::ToggleLang)}
                    aria-label={t.lang_switch_label} lang={if app.lang == kipp_ui::Lang::Id { "en" } else { "id" }}>
                { t.lang_switch }
            </button>
        </header>
        <nav aria-label={t.nav_label}><ul class="tabs">{ for tabs }</ul></nav>
        { storage }
        <p class="notice" role="status" aria-live="polite">{ app.notice.clone().unwrap_or_default() }</p>
        <main id="main" tabindex="-1">{ body }</main>
        <footer class="foot"><p>{ t.app_tagline }</p></footer>
        </>
    }
}

/// A list of located problems as a table (file, line, column, message).
pub fn problems_table(app: &App, problems: &[Located], caption: &str) -> Html {
    let t = app.t();
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
                        <td>{ p.message.clone() }</td>
                    </tr>
                }) }
                </tbody>
            </table>
        </div>
    }
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
