//! The yew view of `<kipp-nominees>`.

use std::rc::Rc;

use kipp_ui::components::{Notice, NoticeKind};
use kipp_ui::{fmt, words, Lang, W};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlDialogElement, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::data::{self, Achievement, Config, Filter, Innovation, Layout, Level, Nominees};

const NOMINEES: W = W("Daftar nominasi inovasi", "List of innovation nominees");
const LOAD_FAILED: W = W(
    "Data nominasi gagal dimuat.",
    "The nominee data could not be loaded.",
);
const NO_SOURCE: W = W(
    "Tidak ada sumber data (atribut src atau JSON di dalam elemen).",
    "No data source (a src attribute or JSON inside the element).",
);
const INVALID: W = W(
    "Berkas nominasi tidak sesuai format:",
    "The nominee file does not follow the format:",
);
const INVALID_SUMMARY: W = W(
    "Berkas ringkasan tidak sesuai format:",
    "The summary file does not follow the format:",
);
const SKIPPED: W = W(
    "entri dilewati karena tidak sesuai format",
    "entries left out: not in the format",
);
const SHARE: W = W("Bagikan tautan", "Share link");
const COPIED: W = W("Tautan disalin.", "Link copied.");
const SHARE_FAILED: W = W(
    "Tautan tidak dapat dibagikan di browser ini.",
    "The link cannot be shared in this browser.",
);
const MORE_PROBLEMS: W = W(
    "masalah lain: lihat konsol",
    "more problems: see the console",
);
const SEARCH_HINT: W = W("Nama inovasi atau unit", "Innovation or unit name");
const RESULT: W = W("Hasil", "Result");
const CLEAR: W = W("Hapus saringan", "Clear filters");
const SHOW_MORE: W = W("Tampilkan lebih banyak", "Show more");
const REGION: W = W("Wilayah", "Region");
const SUMMARY: W = W("Ringkasan", "Summary");
const LINKS: W = W("Tautan", "Links");
const SOURCE: W = W("Sumber", "Source");
const UPDATED: W = W("diperbarui", "updated");
const NONE_MATCH: W = W(
    "Tidak ada inovasi yang cocok dengan saringan.",
    "No innovation matches the filters.",
);
const NEW_TAB: W = W("(tab baru)", "(new tab)");

/// The promise of the file's text, compared by identity.
#[derive(Clone)]
pub struct Data(pub js_sys::Promise);

impl PartialEq for Data {
    fn eq(&self, other: &Self) -> bool {
        let (a, b): (&JsValue, &JsValue) = (&self.0, &other.0);
        a == b
    }
}

/// Properties of [`App`].
#[derive(Properties, Clone, PartialEq)]
pub struct AppProps {
    /// Interface language.
    pub lang: Lang,
    /// The attributes.
    pub config: Rc<Config>,
    /// Base URL for relative links and images.
    pub base: Rc<str>,
    /// The `src` attribute (for messages), possibly empty.
    pub src: Rc<str>,
    /// The file's text.
    pub data: Data,
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Failed(AttrValue, Option<AttrValue>),
    /// The nominees, and a note when some entries were left out.
    Ready(Rc<Nominees>, Option<AttrValue>),
    /// A participation summary file.
    Summary(Rc<crate::summary::Summary>),
}

fn error_text(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "?".into())
}

fn console_error(msg: &str) {
    web_sys::console::error_1(&msg.into());
}

/// Resolves a (validated) URL against `base`; `None` unless http(s).
fn resolve(url: &str, base: &str) -> Option<String> {
    let u = if base.is_empty() {
        web_sys::Url::new(url)
    } else {
        web_sys::Url::new_with_base(url, base)
    }
    .ok()?;
    matches!(u.protocol().as_str(), "http:" | "https:").then(|| u.href())
}

fn process(result: Result<JsValue, JsValue>, props: &AppProps) -> Load {
    let lang = props.lang;
    let label = if props.src.is_empty() {
        "inline JSON".to_string()
    } else {
        props.src.to_string()
    };
    let text = match result {
        Err(e) => {
            let msg = error_text(&e);
            console_error(&format!("kipp-nominees: {label}: could not load: {msg}"));
            return Load::Failed(LOAD_FAILED.t(lang).into(), Some(msg.into()));
        }
        Ok(v) => match v.as_string() {
            Some(t) => t,
            None => {
                console_error("kipp-nominees: no src attribute and no <script type=\"application/json\"> child");
                return Load::Failed(NO_SOURCE.t(lang).into(), None);
            }
        },
    };
    let value = match js_sys::JSON::parse(&text) {
        Ok(v) => crate::js::to_value(&v, 0).ok_or(data::ProblemKind::TooDeep),
        Err(e) => Err(data::ProblemKind::NotJson(error_text(&e))),
    };
    // A summary file (docs/summary.md) shows the summary view.
    if let Ok(v) = &value {
        if v.get("kipp_summary").is_some() {
            return match crate::summary::read(v) {
                Ok(s) => Load::Summary(Rc::new(s)),
                Err(at) => {
                    console_error(&format!("kipp-nominees: {label}: {at}"));
                    Load::Failed(INVALID_SUMMARY.t(lang).into(), Some(at.into()))
                }
            };
        }
    }
    let checked = match value {
        Ok(v) => data::validate(&v),
        Err(kind) => data::Checked {
            result: Err(vec![data::Problem {
                path: String::new(),
                kind,
            }]),
            skipped: vec![],
            skipped_entries: 0,
            dropped: vec![],
        },
    };
    for d in &checked.dropped {
        web_sys::console::warn_1(
            &format!(
                "kipp-nominees: {label}: {}: URL dropped (only http, https or relative): {}",
                d.path, d.url
            )
            .into(),
        );
    }
    match checked.result {
        Err(problems) => {
            for p in &problems {
                console_error(&format!("kipp-nominees: {label}: {}", p.message(true)));
            }
            let first = problems
                .first()
                .map(|p| p.message(lang == Lang::En))
                .unwrap_or_default();
            let detail = if problems.len() > 1 {
                format!(
                    "{first} (+{} {})",
                    problems.len() - 1,
                    MORE_PROBLEMS.t(lang)
                )
            } else {
                first
            };
            Load::Failed(INVALID.t(lang).into(), Some(detail.into()))
        }
        Ok(mut n) => {
            if let Some(region) = &props.config.region {
                n.innovations.retain(|i| data::in_region(i, region));
            }
            for inn in &mut n.innovations {
                inn.image = inn.image.take().and_then(|u| resolve(&u, &props.base));
                inn.links
                    .retain_mut(|l| match resolve(&l.url, &props.base) {
                        Some(u) => {
                            l.url = u;
                            true
                        }
                        None => false,
                    });
            }
            for p in &checked.skipped {
                console_error(&format!(
                    "kipp-nominees: {label}: entry left out: {}",
                    p.message(true)
                ));
            }
            let note = (checked.skipped_entries > 0).then(|| {
                let first = checked
                    .skipped
                    .first()
                    .map(|p| p.message(lang == Lang::En))
                    .unwrap_or_default();
                let more = if checked.skipped.len() > 1 {
                    format!(
                        " (+{} {})",
                        checked.skipped.len() - 1,
                        MORE_PROBLEMS.t(lang)
                    )
                } else {
                    String::new()
                };
                AttrValue::from(format!(
                    "{} {}: {first}{more}",
                    checked.skipped_entries,
                    SKIPPED.t(lang)
                ))
            });
            Load::Ready(Rc::new(n), note)
        }
    }
}

/// The root component: loading, error or the browser of nominees.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let load = use_state(|| Load::Loading);
    {
        let load = load.setter();
        let props = props.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let result = JsFuture::from(props.data.0.clone()).await;
                load.set(process(result, &props));
            });
        });
    }
    let lang = props.lang;
    let body = match &*load {
        Load::Loading => html! {
            <Notice kind={NoticeKind::Loading} text={words::LOADING.t(lang)} />
        },
        Load::Failed(text, detail) => html! {
            <Notice kind={NoticeKind::Error} text={text.clone()} detail={detail.clone()} />
        },
        Load::Ready(n, note) => html! {
            <>
            if let Some(note) = note {
                <p class="notice notice-skipped" part="notice" role="status">{ note.clone() }</p>
            }
            <Browser {lang} config={props.config.clone()} nominees={n.clone()} />
            </>
        },
        Load::Summary(s) => html! {
            <crate::summary_view::SummaryView {lang} summary={s.clone()} heading={props.config.heading.max(2)} />
        },
    };
    html! {
        <div class="kipp" lang={lang.tag()} part="root" role="group" aria-label={NOMINEES.t(lang)}>
            { body }
        </div>
    }
}

#[derive(Properties, Clone, PartialEq)]
struct BrowserProps {
    lang: Lang,
    config: Rc<Config>,
    nominees: Rc<Nominees>,
}

fn level_text(level: Option<Level>, lang: Lang) -> Option<&'static str> {
    level.map(|l| words::level(l.code()).t(lang))
}

fn tier_class(result: &str) -> &'static str {
    match data::tier(result) {
        1 => "badge t1",
        2 => "badge t2",
        3 => "badge t3",
        _ => "badge t4",
    }
}

/// The result badge and "level · year" of an achievement.
fn achievement_line(a: &Achievement, lang: Lang) -> Html {
    let meta: Vec<String> = level_text(a.level, lang)
        .map(str::to_string)
        .into_iter()
        .chain(a.year.map(|y| y.to_string()))
        .collect();
    html! {
        <>
            if let Some(r) = &a.result {
                <span class={tier_class(r)} part="badge">{ r.clone() }</span>
            }
            if !meta.is_empty() {
                <span class="meta">{ meta.join(" · ") }</span>
            }
        </>
    }
}

/// `text` cut to `max` characters with an ellipsis (the dialog shows all).
fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn place(inn: &Innovation) -> String {
    [&inn.unit, &inn.region]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ")
}

#[function_component]
fn Browser(props: &BrowserProps) -> Html {
    let lang = props.lang;
    let filter = use_state(|| props.config.preset.clone());
    let limit = props.config.limit.unwrap_or(data::DEFAULT_LIMIT);
    let shown = use_state(|| limit);
    // A shared link (`#kipp-<id>` on the page) opens that nominee.
    let selected = {
        let all = props.nominees.clone();
        let answers = props.config.shared_links;
        use_state(move || {
            if !answers {
                return None;
            }
            let hash = gloo_hash();
            let id = hash.strip_prefix("#kipp-")?;
            let id = js_sys::decode_uri_component(id).ok()?.as_string()?;
            all.innovations.iter().position(|i| i.id == id)
        })
    };
    // What the share button said ("link copied").
    let shared = use_state(|| None::<&'static str>);
    // Bumped at every opening: reopening the same nominee right after Escape
    // (before the close has rendered) must still open the dialog.
    let openings = use_state(|| 0u32);
    // Bumped by "clear filters": a new key re-creates the form's controls.
    let generation = use_state(|| 0u32);
    let dialog_ref = use_node_ref();
    let root_ref = use_node_ref();
    let all = &props.nominees.innovations;
    let choices = {
        let n = props.nominees.clone();
        use_memo(n, |n| data::choices(n.innovations.iter()))
    };

    // Open the dialog when an innovation is selected.
    {
        let dialog_ref = dialog_ref.clone();
        use_effect_with((*selected, *openings), move |(sel, _)| {
            if sel.is_some() {
                if let Some(d) = dialog_ref.cast::<HtmlDialogElement>() {
                    if !d.open() {
                        if let Err(e) = d.show_modal() {
                            console_error(&format!("kipp-nominees: dialog: {}", error_text(&e)));
                        }
                    }
                    // Focus the close button ourselves: the dialog's own
                    // focusing (autofocus) is not guaranteed when it reopens
                    // right after a close, before that close has rendered.
                    if let Ok(Some(b)) = d.query_selector("button.close") {
                        if let Some(b) = b.dyn_ref::<HtmlElement>() {
                            let _ = b.focus();
                        }
                    }
                }
            }
        });
    }

    // After "clear filters" the button is gone: focus goes to the search box.
    {
        let root_ref = root_ref.clone();
        use_effect_with(*generation, move |g| {
            if *g > 0 {
                let input = root_ref
                    .cast::<web_sys::Element>()
                    .and_then(|r| r.query_selector("input").ok().flatten());
                if let Some(i) = input.as_ref().and_then(|i| i.dyn_ref::<HtmlElement>()) {
                    let _ = i.focus();
                }
            }
        });
    }

    let set_filter = |f: fn(&mut Filter, String)| {
        let filter = filter.clone();
        let shown = shown.clone();
        Callback::from(move |value: String| {
            let mut next = (*filter).clone();
            f(&mut next, value);
            filter.set(next);
            shown.set(limit);
        })
    };
    let on_select = |cb: Callback<String>| {
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(el.value());
        })
    };
    let on_year = on_select(set_filter(|f, v| f.year = v.parse().ok()));
    let on_level = on_select(set_filter(|f, v| f.level = Level::parse(&v)));
    let on_result = on_select(set_filter(|f, v| f.result = (!v.is_empty()).then_some(v)));
    let on_category = on_select(set_filter(|f, v| f.category = (!v.is_empty()).then_some(v)));
    let on_query = {
        let cb = set_filter(|f, v| f.query = v);
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            cb.emit(el.value());
        })
    };
    let on_clear = {
        let filter = filter.clone();
        let shown = shown.clone();
        let generation = generation.clone();
        Callback::from(move |_: MouseEvent| {
            filter.set(Filter::default());
            shown.set(limit);
            generation.set(generation.wrapping_add(1));
        })
    };
    let on_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(shown.saturating_add(limit)))
    };
    let on_open = |i: usize| {
        let selected = selected.clone();
        let openings = openings.clone();
        Callback::from(move |_: MouseEvent| {
            selected.set(Some(i));
            openings.set(openings.wrapping_add(1));
        })
    };
    let on_close = {
        let selected = selected.clone();
        let root_ref = root_ref.clone();
        let shared = shared.clone();
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |_: Event| {
            // The close event comes a task after the close: when the dialog
            // was opened again meanwhile (Escape then Enter at once), it is
            // stale and must not undo the new opening.
            if dialog_ref
                .cast::<HtmlDialogElement>()
                .is_some_and(|d| d.open())
            {
                return;
            }
            shared.set(None);
            if let Some(i) = *selected {
                // Focus goes back to the button that opened the dialog.
                if let Some(root) = root_ref.cast::<web_sys::Element>() {
                    if let Ok(Some(b)) = root.query_selector(&format!("button[data-i=\"{i}\"]")) {
                        if let Some(b) = b.dyn_ref::<HtmlElement>() {
                            let _ = b.focus();
                        }
                    }
                }
            }
            selected.set(None);
        })
    };
    let on_share = {
        let selected = selected.clone();
        let shared = shared.clone();
        let all = props.nominees.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(inn) = selected.and_then(|i| all.innovations.get(i)) else {
                return;
            };
            shared.set(Some(share_link(&inn.id, &inn.title)));
        })
    };
    // A click on the backdrop (the dialog element itself) closes it.
    let on_dialog_click = Callback::from(move |e: MouseEvent| {
        let Some(target) = e.target() else { return };
        if let Some(d) = target.dyn_ref::<HtmlDialogElement>() {
            d.close();
        }
    });

    let matched: Vec<(usize, &Innovation)> = all
        .iter()
        .enumerate()
        .filter(|(_, inn)| filter.matches(inn))
        .collect();
    let visible = &matched[..matched.len().min(*shown)];

    let option = |value: String, text: String, current: bool| {
        html! { <option {value} selected={current}>{ text }</option> }
    };
    // `all` marks "Semua" selected when no value is: yew inserts the options
    // last to first, and the first one inserted would otherwise be chosen.
    let select = |label: W, onchange: Callback<Event>, options: Html, all: bool, show: bool| {
        if !show {
            return Html::default();
        }
        html! {
            <label class="field" part="field">
                <span class="label">{ label.t(lang) }</span>
                <select {onchange} part="select">
                    <option value="" selected={all}>{ words::ALL.t(lang) }</option>
                    { options }
                </select>
            </label>
        }
    };
    let year_opts: Html = choices
        .years
        .iter()
        .map(|y| option(y.to_string(), y.to_string(), filter.year == Some(*y)))
        .collect();
    let level_opts: Html = choices
        .levels
        .iter()
        .map(|l| {
            option(
                l.code().into(),
                words::level(l.code()).t(lang).into(),
                filter.level == Some(*l),
            )
        })
        .collect();
    let result_opts: Html = choices
        .results
        .iter()
        .map(|r| option(r.clone(), r.clone(), filter.result.as_ref() == Some(r)))
        .collect();
    let category_opts: Html = choices
        .categories
        .iter()
        .map(|c| {
            let label = props.nominees.category_label(c, lang == Lang::En);
            option(c.clone(), label, filter.category.as_ref() == Some(c))
        })
        .collect();
    let filtering = *filter != Filter::default();

    let filters = html! {
        <form key={*generation} class="filters" part="filters" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label class="field search" part="field">
                <span class="label">{ words::SEARCH.t(lang) }</span>
                <input type="search" part="search" value={filter.query.clone()}
                    placeholder={SEARCH_HINT.t(lang)} oninput={on_query} />
            </label>
            { select(words::YEAR, on_year, year_opts, filter.year.is_none(), choices.years.len() > 1 || filter.year.is_some()) }
            { select(words::LEVEL, on_level, level_opts, filter.level.is_none(), choices.levels.len() > 1 || filter.level.is_some()) }
            { select(RESULT, on_result, result_opts, filter.result.is_none(), choices.results.len() > 1 || filter.result.is_some()) }
            { select(words::CATEGORY, on_category, category_opts, filter.category.is_none(), choices.categories.len() > 1 || filter.category.is_some()) }
            if filtering {
                <button type="button" class="clear" part="button" onclick={on_clear}>{ CLEAR.t(lang) }</button>
            }
        </form>
    };

    let summary = match lang {
        Lang::Id => format!(
            "Menampilkan {} dari {} inovasi",
            visible.len(),
            matched.len()
        ),
        Lang::En => format!(
            "Showing {} of {} innovation{}",
            visible.len(),
            matched.len(),
            if matched.len() == 1 { "" } else { "s" }
        ),
    };

    let open_button = |i: usize, inn: &Innovation| {
        html! {
            <button type="button" class="open" part="open" data-i={i.to_string()}
                aria-haspopup="dialog" onclick={on_open(i)}>{ clip(&inn.title, 120) }</button>
        }
    };

    let list = if all.is_empty() {
        html! { <Notice kind={NoticeKind::Empty} text={words::NO_DATA.t(lang)} /> }
    } else if matched.is_empty() {
        html! { <Notice kind={NoticeKind::Empty} text={NONE_MATCH.t(lang)} /> }
    } else {
        let heading = format!("h{}", props.config.heading);
        match props.config.layout {
            Layout::Cards | Layout::List => {
                let class = if props.config.layout == Layout::Cards {
                    "items cards"
                } else {
                    "items list"
                };
                html! {
                    <ul {class} part="list">
                        { for visible.iter().map(|(i, inn)| html! {
                            <li class="item" part="item" key={*i}>
                                <@{heading.clone()} class="title">{ open_button(*i, inn) }</@>
                                if let Some(t) = &inn.long_title {
                                    <p class="long">{ t.clone() }</p>
                                }
                                <p class="place">{ place(inn) }</p>
                                if let Some(a) = inn.headline() {
                                    <p class="ach">{ achievement_line(a, lang) }</p>
                                }
                            </li>
                        }) }
                    </ul>
                }
            }
            Layout::Table => html! {
                <div class="table-wrap" part="table-wrap" tabindex="0" role="group" aria-label={NOMINEES.t(lang)}>
                    <table part="table">
                        <thead>
                            <tr>
                                <th scope="col">{ words::INNOVATION.t(lang) }</th>
                                <th scope="col">{ words::UNIT.t(lang) }</th>
                                <th scope="col">{ REGION.t(lang) }</th>
                                <th scope="col">{ words::ACHIEVEMENT.t(lang) }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for visible.iter().map(|(i, inn)| html! {
                                <tr key={*i}>
                                    <th scope="row">{ open_button(*i, inn) }
                                        if let Some(t) = &inn.long_title {
                                            <span class="long">{ t.clone() }</span>
                                        }
                                    </th>
                                    <td>{ inn.unit.clone().unwrap_or_default() }</td>
                                    <td>{ inn.region.clone().unwrap_or_default() }</td>
                                    <td>if let Some(a) = inn.headline() { { achievement_line(a, lang) } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            },
        }
    };

    let source = {
        let n = &props.nominees;
        let mut parts = Vec::new();
        if let Some(p) = &n.publisher {
            parts.push(format!("{}: {p}", SOURCE.t(lang)));
        }
        if let Some(u) = &n.updated {
            let d = fmt::date(u, lang).unwrap_or_else(|| u.clone());
            parts.push(format!("{} {d}", UPDATED.t(lang)));
        }
        parts.join(" · ")
    };

    let dialog_body = selected
        .and_then(|i| all.get(i))
        .map(|inn| {
            let category = inn
                .category
                .as_deref()
                .map(|c| props.nominees.category_label(c, lang == Lang::En));
            detail(inn, category, lang, on_share.clone(), *shared)
        })
        .unwrap_or_default();

    html! {
        <div class="browser" ref={root_ref}>
            { filters }
            <p class="summary" part="summary" aria-live="polite">{ summary }</p>
            { list }
            if visible.len() < matched.len() {
                <p class="more-wrap">
                    <button type="button" class="more" part="button" onclick={on_more}>{ SHOW_MORE.t(lang) }</button>
                </p>
            }
            if !source.is_empty() {
                <p class="source" part="source">{ source }</p>
            }
            <dialog ref={dialog_ref} class="dialog" part="dialog" aria-labelledby="kipp-dialog-title"
                onclose={on_close} onclick={on_dialog_click}>
                { dialog_body }
            </dialog>
        </div>
    }
}

/// The page's URL hash (`#kipp-…` links open a nominee).
fn gloo_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Shares the link to nominee `id` (this page with `#kipp-<id>`): the Web
/// Share API where the browser has it, else the clipboard. Returns what to
/// say (the key of the message).
fn share_link(id: &str, title: &str) -> &'static str {
    use js_sys::{Function, Object, Reflect};
    let Some(w) = web_sys::window() else {
        return "failed";
    };
    let href = w.location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    let url = format!("{base}#kipp-{}", js_sys::encode_uri_component(id));
    let nav = Reflect::get(&w, &"navigator".into()).unwrap_or(JsValue::UNDEFINED);
    let call = |obj: &JsValue, name: &str, arg: &JsValue| -> bool {
        Reflect::get(obj, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .map(|f| f.call1(obj, arg).is_ok())
            .unwrap_or(false)
    };
    let data = Object::new();
    let _ = Reflect::set(&data, &"title".into(), &title.into());
    let _ = Reflect::set(&data, &"url".into(), &url.as_str().into());
    if call(&nav, "share", &data) {
        return "shared";
    }
    match Reflect::get(&nav, &"clipboard".into()) {
        Ok(cb) if !cb.is_undefined() && call(&cb, "writeText", &url.as_str().into()) => "copied",
        _ => "failed",
    }
}

/// The content of the detail dialog.
fn detail(
    inn: &Innovation,
    category: Option<String>,
    lang: Lang,
    on_share: Callback<MouseEvent>,
    shared: Option<&'static str>,
) -> Html {
    let facts: Vec<(W, String)> = [
        (words::UNIT, inn.unit.clone()),
        (words::AGENCY, inn.agency.clone()),
        (
            REGION,
            Some(
                [&inn.region, &inn.province]
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .filter(|s| !s.is_empty()),
        ),
        (words::CATEGORY, category),
    ]
    .into_iter()
    .filter_map(|(w, v)| v.map(|v| (w, v)))
    .collect();
    html! {
        <div class="dialog-body">
            <form method="dialog" class="dialog-close">
                <button class="close" part="button" autofocus=true>{ words::CLOSE.t(lang) }</button>
            </form>
            <h2 id="kipp-dialog-title" class="dialog-title">{ inn.title.clone() }</h2>
            <p class="share-wrap">
                <button type="button" class="share" part="button" onclick={on_share}>{ SHARE.t(lang) }</button>
                <span class="share-status" role="status">{ match shared {
                    Some("copied") => COPIED.t(lang),
                    Some("failed") => SHARE_FAILED.t(lang),
                    _ => "",
                } }</span>
            </p>
            if let Some(t) = &inn.long_title {
                <p class="long">{ t.clone() }</p>
            }
            if let Some(src) = &inn.image {
                <img class="image" src={src.clone()} alt="" loading="lazy" referrerpolicy="no-referrer" />
            }
            if !facts.is_empty() {
                <dl class="facts">
                    { for facts.into_iter().map(|(w, v)| html! {
                        <div><dt>{ w.t(lang) }</dt><dd>{ v }</dd></div>
                    }) }
                </dl>
            }
            if let Some(s) = &inn.summary {
                <h3>{ SUMMARY.t(lang) }</h3>
                <p class="text">{ s.clone() }</p>
            }
            if !inn.achievements.is_empty() {
                <h3>{ words::ACHIEVEMENT.t(lang) }</h3>
                <ol class="timeline">
                    { for inn.achievements.iter().map(|a| html! {
                        <li>
                            { achievement_line(a, lang) }
                            if let Some(c) = &a.competition {
                                <span class="competition">{ c.clone() }</span>
                            }
                        </li>
                    }) }
                </ol>
            }
            if !inn.links.is_empty() {
                <h3>{ LINKS.t(lang) }</h3>
                <ul class="links">
                    { for inn.links.iter().map(|l| html! {
                        <li><a href={l.url.clone()} target="_blank" rel="noopener noreferrer" part="link">
                            { l.label.clone() }<span class="sr-only">{ " " }{ NEW_TAB.t(lang) }</span>
                        </a></li>
                    }) }
                </ul>
            }
        </div>
    }
}
