//! The yew view of `<kipp-ranking>`.

use std::rc::Rc;

use kipp_ui::components::{Notice, NoticeKind};
use kipp_ui::{fmt, words, Lang, W};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::file::{self, Ranking, RankingFile};

const RESULT: W = W("Hasil peringkat", "Ranking result");
const LOAD_FAILED: W = W(
    "Data peringkat gagal dimuat.",
    "The ranking data could not be loaded.",
);
const INVALID: W = W(
    "Berkas peringkat tidak sesuai format:",
    "The ranking file does not follow the format:",
);
const NO_SOURCE: W = W(
    "Tidak ada sumber data (atribut src).",
    "No data source (a src attribute).",
);
const PUBLISHED: W = W("diumumkan", "published");
const OFFICIAL: W = W("Hasil resmi", "Official result");
const SIMULATION: W = W(
    "Simulasi — bukan hasil resmi",
    "Simulation — not the official result",
);
const SIM_TITLE: W = W("Simulasi bobot kriteria", "Simulate criterion weights");
const SIM_HELP: W = W(
    "Geser bobot untuk melihat bagaimana peringkat tahap ini akan berubah. Nilai per kriteria tetap seperti yang diumumkan; hasil resmi tidak berubah.",
    "Move the weights to see how this stage's ranking would change. The published per-criterion values stay as they are; the official result does not change.",
);
const RESET: W = W("Kembalikan bobot resmi", "Reset to the official weights");
const NO_WEIGHT: W = W(
    "Semua bobot nol: tidak ada peringkat.",
    "All weights are zero: no ranking.",
);
const WINNER: W = W("Pemenang", "Winner");
const TIE: W = W("nilai sama di batas lolos", "tie at the cut-off");
const OFFICIAL_RANK: W = W("Peringkat resmi", "Official rank");
const DIGEST: W = W("Sidik hasil (SHA-256)", "Result digest (SHA-256)");
const NOTES: W = W("Catatan tahap", "Stage notes");
const UNVERIFIED: W = W(
    "Tidak terverifikasi: sebagian peringkat atau nilai dalam berkas ini tidak sesuai dengan aturan kompetisinya sendiri",
    "Not verified: some ranks or scores in this file do not follow its own competition rules",
);
const UNVERIFIED_ROW: W = W("tidak terverifikasi", "not verified");

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
    /// The `simulate` attribute is present.
    pub simulate: bool,
    /// The `src` attribute (for messages).
    pub src: Rc<str>,
    /// The file's text.
    pub data: Data,
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Failed(AttrValue, Option<AttrValue>),
    Ready(Rc<Ranking>),
}

fn error_text(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "?".into())
}

fn process(result: Result<JsValue, JsValue>, props: &AppProps) -> Load {
    let lang = props.lang;
    let src = &props.src;
    let fail = |text: W, detail: String| {
        web_sys::console::error_1(&format!("kipp-ranking: {src}: {detail}").into());
        Load::Failed(text.t(lang).into(), Some(detail.into()))
    };
    let text = match result {
        Err(e) => return fail(LOAD_FAILED, error_text(&e)),
        Ok(v) => match v.as_string() {
            Some(t) => t,
            None => return Load::Failed(NO_SOURCE.t(lang).into(), None),
        },
    };
    let value = match js_sys::JSON::parse(&text) {
        Ok(v) => v,
        Err(e) => return fail(INVALID, error_text(&e)),
    };
    let parsed: RankingFile = match serde_wasm_bindgen::from_value(value) {
        Ok(f) => f,
        Err(e) => return fail(INVALID, e.to_string()),
    };
    match file::check(parsed) {
        Ok(r) => Load::Ready(Rc::new(r)),
        Err(e) => {
            web_sys::console::error_1(&format!("kipp-ranking: {src}: {}", e.en).into());
            Load::Failed(
                INVALID.t(lang).into(),
                Some(e.message(lang == Lang::En).to_string().into()),
            )
        }
    }
}

/// The root component.
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
        Load::Ready(r) => html! {
            <View {lang} simulate={props.simulate} ranking={r.clone()} />
        },
    };
    html! {
        <div class="kipp" lang={lang.tag()} part="root" role="group" aria-label={RESULT.t(lang)}>
            { body }
        </div>
    }
}

#[derive(Properties, Clone, PartialEq)]
struct ViewProps {
    lang: Lang,
    simulate: bool,
    ranking: Rc<Ranking>,
}

fn official_weights(r: &Ranking, index: usize) -> Vec<f64> {
    r.file
        .result
        .stages
        .get(index)
        .and_then(|s| r.stage(&s.id))
        .map(|s| s.criteria.iter().map(|c| c.weight).collect())
        .unwrap_or_default()
}

#[function_component]
fn View(props: &ViewProps) -> Html {
    let lang = props.lang;
    let r = &props.ranking;
    // Checked once per file: rows the file's own rules do not give.
    let suspect = {
        let r = r.clone();
        use_memo((), move |_| r.inconsistencies())
    };
    let index = use_state(|| 0usize);
    let weights = {
        let r = r.clone();
        use_state(move || official_weights(&r, 0))
    };
    let stages = &r.file.result.stages;
    let Some(res) = stages.get(*index) else {
        return Html::default();
    };
    let stage = r.stage(&res.id);
    let official = official_weights(r, *index);
    let simulated = props.simulate && *weights != official;
    let last = *index + 1 == r.competition.stages.len();

    let on_stage = |i: usize| {
        let index = index.clone();
        let weights = weights.clone();
        let r = r.clone();
        Callback::from(move |_: MouseEvent| {
            index.set(i);
            weights.set(official_weights(&r, i));
        })
    };
    let on_reset = {
        let weights = weights.clone();
        let official = official.clone();
        Callback::from(move |_: MouseEvent| weights.set(official.clone()))
    };

    let tabs = html! {
        <div class="stages" role="group" aria-label={words::STAGE.t(lang)} part="stages">
            { for stages.iter().enumerate().map(|(i, s)| {
                let name = r.stage(&s.id).map(|st| st.name.clone()).unwrap_or_else(|| s.id.clone());
                html! {
                    <button type="button" class="stage" part="button" aria-pressed={(i == *index).to_string()}
                        onclick={on_stage(i)}>{ name }</button>
                }
            }) }
        </div>
    };

    let sliders = if props.simulate {
        let criteria = stage.map(|s| s.criteria.as_slice()).unwrap_or_default();
        let max = official.iter().copied().fold(0.0, f64::max).max(50.0) * 2.0;
        html! {
            <fieldset class="sim" part="simulation">
                <legend>{ SIM_TITLE.t(lang) }</legend>
                <p class="sim-help">{ SIM_HELP.t(lang) }</p>
                <div class="sliders">
                    { for criteria.iter().enumerate().map(|(ci, c)| {
                        let w = weights.get(ci).copied().unwrap_or(0.0);
                        let oninput = {
                            let weights = weights.clone();
                            Callback::from(move |e: InputEvent| {
                                let el: HtmlInputElement = e.target_unchecked_into();
                                let v = el.value_as_number();
                                let mut next = (*weights).clone();
                                if let Some(slot) = next.get_mut(ci) {
                                    *slot = if v.is_finite() { v.max(0.0) } else { 0.0 };
                                }
                                weights.set(next);
                            })
                        };
                        let shown = fmt::number(w, 1, lang);
                        html! {
                            <label class="slider" part="slider">
                                <span class="slider-name">{ c.name.clone() }</span>
                                <input type="range" min="0" max={max.to_string()} step="1"
                                    value={w.to_string()} aria-valuetext={shown.clone()} {oninput} />
                                <output class="slider-value">{ shown }</output>
                            </label>
                        }
                    }) }
                </div>
                <button type="button" class="reset" part="button" onclick={on_reset}
                    disabled={!simulated}>{ RESET.t(lang) }</button>
            </fieldset>
        }
    } else {
        Html::default()
    };

    let rows = if simulated {
        r.simulate(*index, &weights)
    } else {
        None
    };
    let no_weight = simulated && rows.is_none();
    let stage_name = stage
        .map(|s| s.name.clone())
        .unwrap_or_else(|| res.id.clone());

    // (id, rank, score, advanced, tie, incomplete, official rank)
    type Line = (
        String,
        Option<u32>,
        Option<f64>,
        bool,
        bool,
        bool,
        Option<u32>,
    );
    let lines: Vec<Line> = match &rows {
        Some(rows) => rows
            .iter()
            .map(|row| {
                let official = res
                    .rows
                    .iter()
                    .find(|p| p.id == row.id)
                    .and_then(|p| p.rank);
                (
                    row.id.clone(),
                    row.rank,
                    row.score,
                    row.advanced,
                    row.tie_at_cutoff,
                    row.incomplete,
                    official,
                )
            })
            .collect(),
        None => res
            .rows
            .iter()
            .map(|row| {
                (
                    row.id.clone(),
                    row.rank,
                    row.score,
                    row.advanced,
                    row.tie_at_cutoff,
                    row.incomplete,
                    row.rank,
                )
            })
            .collect(),
    };
    let cut = stage.is_some_and(|s| s.advance.is_some());
    let advanced_word = if last { WINNER } else { words::ADVANCES };

    let table = if no_weight {
        html! { <Notice kind={NoticeKind::Empty} text={NO_WEIGHT.t(lang)} /> }
    } else {
        html! {
            <>
            <p class="table-title" id="kipp-ranking-title">
                { stage_name.clone() }{ ": " }
                if simulated { <strong class="sim-mark">{ SIMULATION.t(lang) }</strong> }
                else { { OFFICIAL.t(lang) } }
            </p>
            if simulated && cut { <p class="sim-words" role="status">{ sim_words(&res.rows, &lines.iter().filter(|l| l.3).map(|l| l.0.as_str()).collect::<Vec<_>>(), lang) }</p> }
            <div class="table-wrap" part="table-wrap" tabindex="0" role="group"
                aria-labelledby="kipp-ranking-title">
                <table part="table" class={classes!(simulated.then_some("simulated"))}
                    aria-labelledby="kipp-ranking-title">
                    <thead>
                        <tr>
                            <th scope="col" class="num">{ words::RANK.t(lang) }</th>
                            <th scope="col">{ words::INNOVATION.t(lang) }</th>
                            <th scope="col" class="num">{ words::SCORE.t(lang) }</th>
                            if cut { <th scope="col">{ "Status" }</th> }
                            if simulated { <th scope="col" class="num">{ OFFICIAL_RANK.t(lang) }</th> }
                        </tr>
                    </thead>
                    <tbody>
                        { for lines.iter().map(|(id, rank, score, advanced, tie, incomplete, off)| {
                            let public = r.innovation(id);
                            let title = public.map(|p| p.title.clone()).filter(|t| !t.is_empty()).unwrap_or_else(|| id.clone());
                            let unit = public.and_then(|p| p.unit.clone().or_else(|| p.agency.clone()));
                            let change = match (rank, off) {
                                (Some(a), Some(b)) if a != b => {
                                    let d = i64::from(*b) - i64::from(*a);
                                    let (arrow, word) = if d > 0 { ("▲", W("naik", "up")) } else { ("▼", W("turun", "down")) };
                                    Some((arrow, format!("{} {}", word.t(lang), d.abs())))
                                }
                                _ => None,
                            };
                            html! {
                                <tr key={id.clone()} class={classes!(advanced.then_some("advanced"))}>
                                    <td class="num rank">{ rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into()) }</td>
                                    <th scope="row">
                                        <span class="title">{ title }</span>
                                        if let Some(u) = unit { <span class="unit">{ u }</span> }
                                        if !simulated && suspect.iter().any(|x| x.stage == res.id && &x.id == id) {
                                            <span class="unit unverified-row">{ UNVERIFIED_ROW.t(lang) }</span>
                                        }
                                    </th>
                                    <td class="num">{ score.map(|s| fmt::number(s, 2, lang)).unwrap_or_else(|| "–".into()) }</td>
                                    if cut {
                                        <td>
                                            if *incomplete {
                                                <span class="badge incomplete" part="badge">{ words::INCOMPLETE.t(lang) }</span>
                                            } else if *advanced {
                                                <span class="badge advanced" part="badge">{ advanced_word.t(lang) }</span>
                                                if *tie { <span class="tie">{ TIE.t(lang) }</span> }
                                            } else {
                                                <span class="badge out" part="badge">{ words::NOT_ADVANCING.t(lang) }</span>
                                            }
                                        </td>
                                    }
                                    if simulated {
                                        <td class="num">
                                            { off.map(|r| r.to_string()).unwrap_or_else(|| "–".into()) }
                                            if let Some((arrow, text)) = change {
                                                <span class="change" aria-hidden="true">{ " " }{ arrow }</span>
                                                <span class="sr-only">{ " (" }{ text }{ ")" }</span>
                                            }
                                        </td>
                                    }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            </>
        }
    };

    let meta: Vec<String> = [
        r.file.publisher.clone(),
        r.file.published.as_ref().map(|d| {
            format!(
                "{} {}",
                PUBLISHED.t(lang),
                fmt::date(d, lang).unwrap_or_else(|| d.clone())
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect();

    html! {
        <div class="ranking">
            <header class="head">
                if !r.competition.name.is_empty() {
                    <p class="name" part="title">{ r.competition.name.clone() }</p>
                }
                if !meta.is_empty() { <p class="meta">{ meta.join(" · ") }</p> }
            </header>
            if stages.len() > 1 { { tabs } }
            { sliders }
            if simulated {
                <p class="banner" role="status" part="banner">{ SIMULATION.t(lang) }</p>
            }
            if !suspect.is_empty() {
                <p class="banner unverified" role="alert" part="banner">
                    { format!("{} ({}: {}).", UNVERIFIED.t(lang), suspect.len(),
                        suspect.iter().take(3).map(|x| format!("{} {}", x.id, x.field)).collect::<Vec<_>>().join(", ")) }
                </p>
            }
            { table }
            if !res.warnings.is_empty() {
                <details class="notes">
                    <summary>{ NOTES.t(lang) }</summary>
                    <ul>{ for res.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
                </details>
            }
            if !r.file.result.digest.is_empty() {
                <p class="digest" part="digest">
                    { DIGEST.t(lang) }{ ": " }<code>{ r.file.result.digest.clone() }</code>
                    if !r.file.result.engine.is_empty() { { " · " }{ r.file.result.engine.clone() } }
                </p>
            }
        </div>
    }
}

/// The simulation in plain words: how many of the officially advancing
/// stay, and how many enter and leave (always next to "Simulasi — bukan
/// hasil resmi").
fn sim_words(official: &[file::RowFile], now: &[&str], lang: Lang) -> String {
    let was: Vec<&str> = official
        .iter()
        .filter(|r| r.advanced)
        .map(|r| r.id.as_str())
        .collect();
    let kept = was.iter().filter(|id| now.contains(id)).count();
    let entered = now.len() - kept;
    let left = was.len() - kept;
    match lang {
        Lang::Id => format!(
            "Dengan bobot ini, {kept} dari {} inovasi yang lolos tetap lolos; {entered} masuk dan {left} keluar.",
            was.len()
        ),
        Lang::En => format!(
            "With these weights, {kept} of the {} advancing innovations still advance; {entered} enter and {left} leave.",
            was.len()
        ),
    }
}
