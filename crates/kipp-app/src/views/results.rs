//! Results per stage: ranking table with per-criterion bars and badges,
//! sort, filter, search, a detail view that explains a score, the stage's
//! warnings, and weight sliders that re-rank at once.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use kipp_score::Innovation;
use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::{num, score};
use crate::i18n::Tr;
use crate::views::{input_value, problems_table};
use kipp_session::run::{RowView, StageView};
use kipp_session::store::{Action, Filter, SortKey};
use kipp_ui::components::{RowFn, WindowRow, WindowedBody};
use kipp_ui::Lang;

/// The innovation with `id`, if known.
pub fn innovation<'a>(c: &'a Ctx, id: &str) -> Option<&'a Innovation> {
    kipp_session::export::innovation(&c.s.project, id)
}

/// Advances after panel decisions: (final, overridden).
pub fn effective(row: &RowView) -> (bool, bool) {
    kipp_session::export::effective(row)
}

/// Badges of a row.
pub fn badges(c: &Ctx, row: &RowView) -> Html {
    badges_t(c.t, row)
}

/// Badges of a row, in the language of `t`.
pub fn badges_t(t: &Tr, row: &RowView) -> Html {
    let (adv, overridden) = effective(row);
    html! {
        <span class="badges">
            if row.incomplete {
                <span class="badge incomplete">{ t.incomplete }</span>
            } else if adv {
                <span class="badge advanced">{ t.advanced }</span>
            } else {
                <span class="badge out">{ t.not_advanced }</span>
            }
            if row.tie_at_cutoff { <span class="badge tie">{ t.tie_at_cutoff }</span> }
            if overridden {
                <span class="badge decision">{ format!("{} ({}: {})", t.decision, t.recommendation,
                    if row.recommended.unwrap_or(row.advanced) { t.advanced } else { t.not_advanced }) }</span>
            }
        </span>
    }
}

fn bars(lang: Lang, stage: &StageView, row: &RowView) -> Html {
    let label = stage
        .criteria
        .iter()
        .zip(row.criteria.iter())
        .map(|(c, v)| format!("{}: {}", c.name, score(*v, lang)))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        <div class="bars" role="img" aria-label={label.clone()} title={label}>
        { for row.criteria.iter().map(|v| {
            let w = v.unwrap_or(0.0).clamp(0.0, 100.0);
            html! { <span class="bar"><span class="fill" style={format!("width:{w:.1}%")}></span></span> }
        }) }
        </div>
    }
}

/// The results screen.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let lang = c.lang;
    let Some(run) = c.s.shown_run() else {
        return html! {
            <>
            <h1>{ t.results_heading }</h1>
            if c.s.loading { <p role="status">{ t.loading }</p> }
            if c.s.project.inputs.competition.stages.is_empty() { <p>{ t.no_competition }</p> }
            { problems_table(c, &c.s.problems, t.cannot_rank) }
            </>
        };
    };
    let Some(stage) = run.stages.get(c.s.results.stage_idx) else {
        return html! { <p>{ t.no_data }</p> };
    };
    let stage_tabs = run.stages.iter().enumerate().map(|(i, s)| {
        let cur = i == c.s.results.stage_idx;
        html! {
            <button type="button" class={classes!("seg", cur.then_some("current"))} aria-pressed={cur.to_string()}
                onclick={c.d.reform(move |_| Action::Stage(i))}>{ s.name.clone() }</button>
        }
    });
    // filter, search, sort: over indices, so that the windowed body's row
    // renderer (which outlives this borrow) can look the rows up again
    let q = c.s.results.search.trim().to_lowercase();
    let invs = c.s.project.inputs.innovations.clone();
    // With trial weights: each row's move against the official ranking.
    let moves =
        c.s.trial_view
            .as_ref()
            .and(c.s.trial_moves.clone())
            .filter(|m| m.get(c.s.results.stage_idx).is_some());
    let stage_moves = moves.as_ref().map(|m| &m[c.s.results.stage_idx]);
    let by_id: HashMap<&str, usize> = invs
        .iter()
        .enumerate()
        .map(|(k, i)| (i.id.as_str(), k))
        .collect();
    let mut rows: Vec<(usize, Option<usize>)> = stage
        .rows
        .iter()
        .enumerate()
        .map(|(k, r)| (k, by_id.get(r.id.as_str()).copied()))
        .filter(|&(k, inv)| {
            let r = &stage.rows[k];
            let inv = inv.map(|x| &invs[x]);
            let (adv, _) = effective(r);
            let f = match c.s.results.filter {
                Filter::All => true,
                Filter::Advanced => adv && !r.incomplete,
                Filter::NotAdvanced => !adv && !r.incomplete,
                Filter::Incomplete => r.incomplete,
                Filter::Tie => r.tie_at_cutoff,
                Filter::Ineligible => false,
                Filter::Changed => stage_moves.is_some_and(|m| m.changed_status(stage, k)),
            };
            let cat = c.s.results.category.is_empty()
                || inv
                    .map(|i| i.category == c.s.results.category)
                    .unwrap_or(false);
            let s = q.is_empty()
                || r.id.to_lowercase().contains(&q)
                || inv
                    .map(|i| {
                        [&i.title, &i.unit, &i.agency, &i.category]
                            .iter()
                            .any(|x| x.to_lowercase().contains(&q))
                    })
                    .unwrap_or(false);
            f && cat && s
        })
        .collect();
    let text = |inv: Option<usize>, f: fn(&Innovation) -> &String| {
        inv.map(|i| f(&invs[i]).to_lowercase()).unwrap_or_default()
    };
    match c.s.results.sort.0 {
        SortKey::Rank => {}
        SortKey::Title => rows.sort_by_cached_key(|&(_, i)| text(i, |i| &i.title)),
        SortKey::Agency => rows.sort_by_cached_key(|&(_, i)| text(i, |i| &i.agency)),
        SortKey::Category => rows.sort_by_cached_key(|&(_, i)| text(i, |i| &i.category)),
        SortKey::Score => rows.sort_by(|a, b| {
            let score = |k: usize| stage.rows[k].score.unwrap_or(f64::NEG_INFINITY);
            score(b.0).total_cmp(&score(a.0))
        }),
    }
    if c.s.results.sort.1 {
        rows.reverse();
    }
    let categories: BTreeSet<&str> =
        c.s.project
            .inputs
            .innovations
            .iter()
            .map(|i| i.category.as_str())
            .filter(|c| !c.is_empty())
            .collect();
    let sort_btn = |key: SortKey, label: &'static str| {
        let active = c.s.results.sort.0 == key;
        let aria = if active {
            if c.s.results.sort.1 {
                "descending"
            } else {
                "ascending"
            }
        } else {
            "none"
        };
        let arrow = if active {
            if c.s.results.sort.1 {
                " ▲"
            } else {
                " ▼"
            }
        } else {
            ""
        };
        (
            aria,
            html! {
                <button type="button" class="sort" onclick={c.d.reform(move |_| Action::Sort(key))}>
                    { label }<span aria-hidden="true">{ arrow }</span>
                </button>
            },
        )
    };
    let (a_rank, _) = sort_btn(SortKey::Rank, t.rank);
    let b_rank = {
        let arrow = match (c.s.results.sort.0 == SortKey::Rank, c.s.results.sort.1) {
            (true, false) => " ▼",
            (true, true) => " ▲",
            _ => "",
        };
        html! {
            <button type="button" class="sort" onclick={c.d.reform(|_| Action::Sort(SortKey::Rank))}>
                <span class="rank-long">{ t.rank }</span><span class="rank-short" aria-hidden="true">{ "#" }</span>
                <span aria-hidden="true">{ arrow }</span>
            </button>
        }
    };
    let (a_title, b_title) = sort_btn(SortKey::Title, t.title);
    let (a_agency, b_agency) = sort_btn(SortKey::Agency, t.agency);
    let (a_cat, b_cat) = sort_btn(SortKey::Category, t.category);
    let (a_score, b_score) = sort_btn(SortKey::Score, t.score);
    let per_cat = stage.rows.iter().any(|r| r.category_rank.is_some());
    let shown = rows.len();
    let total = stage.rows.len();
    let row_fn: RowFn = {
        let view = c.s.shown_run_rc().cloned().unwrap_or_default();
        let si = c.s.results.stage_idx;
        let selected = c.s.results.selected.clone();
        let d = c.d.clone();
        let rows = Rc::new(rows);
        let moves = moves.clone();
        Rc::new(move |i: usize| {
            let (k, inv) = rows[i];
            let stage = &view.stages[si];
            let r = &stage.rows[k];
            let inv = inv.map(|x| &invs[x]);
            let id = r.id.clone();
            let sel = selected.as_deref() == Some(r.id.as_str());
            let title = inv.map(|i| i.title.clone()).unwrap_or_else(|| r.id.clone());
            let sm = moves.as_ref().map(|m| &m[si]);
            let entered = sm.is_some_and(|m| r.advanced && m.entered.contains(&r.id));
            let left = sm.is_some_and(|m| !r.advanced && m.left.contains(&r.id));
            WindowRow {
                key: r.id.clone(),
                class: classes!(
                    sel.then_some("selected"),
                    r.incomplete.then_some("muted"),
                    entered.then_some("entered"),
                    left.then_some("left")
                ),
                cells: html! { <>
                    <td class="num rank">
                        { r.rank.map(|x| x.to_string()).unwrap_or_else(|| "–".into()) }
                        if per_cat { if let Some(cr) = r.category_rank { <span class="sub">{ format!(" ({cr})") }</span> } }
                    </td>
                    if let Some(m) = sm { { move_cell(t, m.moves.get(k).copied().flatten(), entered, left) } }
                    <td class="title-cell">
                        <button type="button" class="linkish" aria-expanded={sel.to_string()}
                            onclick={d.reform(move |_| Action::Select(if sel { None } else { Some(id.clone()) }))}>
                            { title }
                        </button>
                        <span class="sub id">{ r.id.clone() }</span>
                        <span class="sub unit">{ inv.map(|i| i.unit.clone()).unwrap_or_default() }</span>
                        <span class="show-sm">{ badges_t(t, r) }</span>
                    </td>
                    <td class="hide-sm">{ inv.map(|i| i.agency.clone()).unwrap_or_default() }</td>
                    <td class="hide-sm">{ inv.map(|i| i.category.clone()).unwrap_or_default() }</td>
                    <td class="num score">{ score(r.score, lang) }</td>
                    <td class="hide-sm">{ bars(lang, stage, r) }</td>
                    <td class="num hide-sm">{ score(r.bonus, lang) }</td>
                    <td class="num hide-sm">{ r.sheets }</td>
                    <td class="hide-sm">{ badges_t(t, r) }</td>
                </> },
            }
        })
    };
    html! {
        <>
        <h1>{ t.results_heading }</h1>
        if c.s.project.synthetic { <p class="muted"><span class="badge synthetic">{ t.synthetic_badge }</span>{" "}{ t.synthetic_note }</p> }
        if let Some(comp) = &c.s.computed {
            <p class="participation" id="participation"><strong>{ t.participation }{ ": " }</strong>{ comp.participation_line(lang) }</p>
        }
        { problems_table(c, &c.s.problems, t.cannot_rank) }
        if run.stages.len() > 1 {
            <div class="segmented" role="group" aria-label={t.stages}>{ for stage_tabs }</div>
        }
        <h2 class="stage-title">{ format!("{}: {}", t.stage, stage.name) }</h2>
        { sliders(c, stage) }
        <div class="toolbar">
            <div class="field">
                <label for="search">{ t.search }</label>
                <input id="search" type="search" placeholder={t.search_ph} value={c.s.results.search.clone()}
                    oninput={c.d.reform(|e: InputEvent| Action::Search(e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default()))} />
            </div>
            <div class="field">
                <label for="filter">{ t.filter }</label>
                <select id="filter" onchange={c.d.reform(|e: Event| Action::Filter(match input_value(&e).as_str() {
                    "advanced" => Filter::Advanced, "out" => Filter::NotAdvanced, "incomplete" => Filter::Incomplete, "tie" => Filter::Tie, "ineligible" => Filter::Ineligible, "changed" => Filter::Changed, _ => Filter::All }))}>
                    <option value="all" selected={c.s.results.filter == Filter::All}>{ t.all }</option>
                    <option value="advanced" selected={c.s.results.filter == Filter::Advanced}>{ t.advanced }</option>
                    <option value="out" selected={c.s.results.filter == Filter::NotAdvanced}>{ t.not_advanced }</option>
                    <option value="incomplete" selected={c.s.results.filter == Filter::Incomplete}>{ t.incomplete }</option>
                    <option value="tie" selected={c.s.results.filter == Filter::Tie}>{ t.tie_at_cutoff }</option>
                    <option value="ineligible" selected={c.s.results.filter == Filter::Ineligible}>{ t.eligible_no }</option>
                    if stage_moves.is_some() { <option value="changed" selected={c.s.results.filter == Filter::Changed}>{ t.filter_changed }</option> }
                </select>
            </div>
            if !categories.is_empty() {
                <div class="field">
                    <label for="catfilter">{ t.category }</label>
                    <select id="catfilter" onchange={c.d.reform(|e: Event| Action::Category(input_value(&e)))}>
                        <option value="" selected={c.s.results.category.is_empty()}>{ t.all }</option>
                        { for categories.iter().map(|k| html! { <option value={k.to_string()} selected={c.s.results.category == *k}>{ k.to_string() }</option> }) }
                    </select>
                </div>
            }
        </div>
        <p class="muted count-line" aria-live="polite">{ format!("{} {} {}", num(shown as f64, 0, lang), t.shown_of, num(total as f64, 0, lang)) }</p>
        { detail(c, stage) }
        if c.s.results.filter == Filter::Ineligible { { ineligible(c) } } else {
        <div class="table-wrap" tabindex="0">
        <table class="results" id="results-table" aria-rowcount={(shown + 1).to_string()}>
            <caption class="visually-hidden">{ format!("{} — {}", t.results_heading, stage.name) }</caption>
            <thead><tr aria-rowindex="1">
                <th scope="col" class="num rank-h" aria-sort={a_rank}>{ b_rank }</th>
                if stage_moves.is_some() { <th scope="col" class="move-h">{ t.col_move }</th> }
                <th scope="col" aria-sort={a_title}>{ b_title }</th>
                <th scope="col" class="hide-sm" aria-sort={a_agency}>{ b_agency }</th>
                <th scope="col" class="hide-sm" aria-sort={a_cat}>{ b_cat }</th>
                <th scope="col" class="num score-h" aria-sort={a_score}>{ b_score }</th>
                <th scope="col" class="hide-sm">{ t.criteria }</th>
                <th scope="col" class="num hide-sm">{ t.bonus }</th>
                <th scope="col" class="num hide-sm">{ t.sheets }</th>
                <th scope="col" class="hide-sm">{ t.status }</th>
            </tr></thead>
            <WindowedBody len={shown} row={row_fn} cols={if stage_moves.is_some() { 10 } else { 9 }} estimate={52.0} />
        </table>
        </div>
        if shown == 0 { <p>{ t.no_data }</p> } else { <p class="muted table-keys">{ t.table_keys }</p> }
        }
        <section class="card warnings" aria-labelledby="warn-h">
            <h2 id="warn-h">{ t.warnings }</h2>
            if stage.warnings.is_empty() { <p class="muted">{ t.no_warnings }</p> }
            else { <ul>{ for stage.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul> }
        </section>
        if !run.digest.is_empty() {
            <p class="digest"><span>{ t.digest }{ ": " }</span><code>{ run.digest.clone() }</code></p>
        }
        </>
    }
}

/// The innovations not eligible at the administrative check (they enter
/// no stage), with why.
fn ineligible(c: &Ctx) -> Html {
    let t = c.t;
    let q = c.s.results.search.trim().to_lowercase();
    let rows: Vec<_> = kipp_session::admin::rows(&c.s.project)
        .into_iter()
        .filter(|r| r.shown(kipp_session::admin::AdminFilter::Ineligible, &q))
        .collect();
    html! {
        <>
        <div class="table-wrap" tabindex="0">
        <table class="results" id="ineligible-table">
            <caption>{ t.ineligible_heading }</caption>
            <thead><tr>
                <th scope="col">{ t.innovations }</th>
                <th scope="col" class="hide-sm">{ t.agency }</th>
                <th scope="col">{ t.reason }</th>
            </tr></thead>
            <tbody>
            { for rows.iter().map(|r| html! {
                <tr>
                    <th scope="row">{ r.innovation.title.clone() }<span class="sub id">{ r.innovation.id.clone() }</span></th>
                    <td class="hide-sm">{ r.innovation.agency.clone() }</td>
                    <td>{ r.reason.unwrap_or("–").to_string() }</td>
                </tr>
            }) }
            </tbody>
        </table>
        </div>
        if rows.is_empty() { <p>{ t.no_data }</p> }
        </>
    }
}

fn sliders(c: &Ctx, stage: &StageView) -> Html {
    let t = c.t;
    let lang = c.lang;
    let si = c.s.results.stage_idx;
    let Some(computed) = &c.s.computed else {
        return html! {};
    };
    let base = computed.weights();
    let current: Vec<f64> =
        c.s.trial
            .as_ref()
            .and_then(|tw| tw.get(si).cloned())
            .or_else(|| base.get(si).cloned())
            .unwrap_or_default();
    let total: f64 = current.iter().sum();
    let max = base
        .get(si)
        .map(|ws| ws.iter().cloned().fold(0.0, f64::max))
        .unwrap_or(1.0)
        .max(1.0)
        * 3.0;
    html! {
        <details class="card sliders" open={c.s.trial.is_some()}>
            <summary>{ t.sliders_heading }</summary>
            <p class="muted">{ t.sliders_text }</p>
            if c.s.trial.is_some() { { trial_summary(c, stage) } }
            <div class="slider-grid">
            { for stage.criteria.iter().enumerate().map(|(ci, cr)| {
                let w = current.get(ci).copied().unwrap_or(cr.weight);
                let pct = if total > 0.0 { w / total * 100.0 } else { 0.0 };
                let id = format!("w-{si}-{ci}");
                let num_id = format!("wn-{si}-{ci}");
                let d = c.d.clone();
                let on_input = Callback::from(move |e: InputEvent| {
                    let v = e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value_as_number()).unwrap_or(f64::NAN);
                    // An empty or half-typed number field changes nothing.
                    if v.is_finite() && v >= 0.0 { d.emit(Action::TrialWeight(si, ci, v)) }
                });
                html! {
                    <div class="slider">
                        <label for={id.clone()}>{ cr.name.clone() }</label>
                        <input type="range" id={id} min="0" max={format!("{}", max.max(w))} step="any" value={format!("{w}")}
                            aria-valuetext={format!("{} ({}%)", num(w, 2, lang), num(pct, 1, lang))}
                            oninput={on_input.clone()} />
                        <span class="weight-num">
                            <label for={num_id.clone()} class="visually-hidden">{ format!("{} {}", t.weight_of, cr.name) }</label>
                            <input type="number" id={num_id} min="0" step="any" inputmode="decimal" value={format!("{w}")}
                                oninput={on_input} />
                            <output>{ format!("{}%", num(pct, 1, lang)) }</output>
                        </span>
                    </div>
                }
            }) }
            </div>
            if c.s.trial.is_some() {
                <div class="actions">
                    <button type="button" class="button primary" disabled={!c.s.trial_applicable()}
                        aria-describedby={(!c.s.trial_applicable()).then_some("no-apply")}
                        onclick={c.d.reform(|_| Action::ApplyTrial)}>{ t.apply_weights }</button>
                    <button type="button" class="button" onclick={c.d.reform(|_| Action::ResetTrial)}>{ t.reset_weights }</button>
                </div>
                if !c.s.trial_applicable() { <p class="muted" id="no-apply">{ t.whatif_no_apply }</p> }
                { crate::views::scenarios::save_form(c, "trial-scenario") }
            }
        </details>
    }
}

/// The move of one row against the official ranking: an arrow and a count,
/// read out in words.
fn move_cell(t: &Tr, mv: Option<i64>, entered: bool, left: bool) -> Html {
    let (shown, said) = match mv {
        Some(x) if x > 0 => (
            format!("↑{x}"),
            t.move_up_fmt.replace("{n}", &x.to_string()),
        ),
        Some(x) if x < 0 => (
            format!("↓{}", -x),
            t.move_down_fmt.replace("{n}", &(-x).to_string()),
        ),
        Some(_) => ("=".to_string(), t.move_same.to_string()),
        None => ("–".to_string(), String::new()),
    };
    let status = if entered {
        Some((t.whatif_entered, t.status_entered))
    } else if left {
        Some((t.whatif_left, t.status_left))
    } else {
        None
    };
    let cls = match mv {
        Some(x) if x > 0 => "up",
        Some(x) if x < 0 => "down",
        _ => "same",
    };
    html! {
        <td class={classes!("move", cls)}>
            <span aria-hidden="true">{ shown }</span>
            <span class="visually-hidden">{ said }</span>
            if let Some((badge, words)) = status {
                <span class={classes!("badge", if entered { "entered" } else { "left" })}>
                    <span aria-hidden="true">{ badge }</span><span class="visually-hidden">{ format!("; {words}") }</span>
                </span>
            }
        </td>
    }
}

/// What the trial weights change in this stage, in words and numbers, and
/// who enters and leaves the advancing list.
fn trial_summary(c: &Ctx, stage: &StageView) -> Html {
    let t = c.t;
    let lang = c.lang;
    let si = c.s.results.stage_idx;
    if c.s.trial_all_zero().is_some() {
        return html! { <p class="alert-soft" role="status">{ t.whatif_zero }</p> };
    }
    let Some(m) =
        c.s.trial_view
            .as_ref()
            .and(c.s.trial_moves.as_ref())
            .and_then(|m| m.get(si))
    else {
        return html! { <p class="alert-soft">{ t.whatif_active }</p> };
    };
    let n = |x: usize| num(x as f64, 0, lang);
    let ranked = stage.rows.iter().filter(|r| r.rank.is_some()).count();
    let advancing = stage.rows.iter().filter(|r| r.advanced).count();
    let title = |id: &String| {
        innovation(c, id)
            .map(|i| i.title.clone())
            .unwrap_or_else(|| id.clone())
    };
    let list = |ids: &[String], label: &'static str, cls: &'static str| {
        if ids.is_empty() {
            return html! {};
        }
        html! {
            <div class={classes!("moved-list", cls)}>
                <h3>{ format!("{label} ({})", n(ids.len())) }</h3>
                <ul>{ for ids.iter().take(50).map(|id| html! { <li>{ title(id) }<span class="sub id">{ format!(" {id}") }</span></li> }) }</ul>
                if ids.len() > 50 { <p class="muted">{ format!("… +{}", n(ids.len() - 50)) }</p> }
            </div>
        }
    };
    html! {
        <div class="trial-summary">
            <p class="alert-soft" role="status">{ t.whatif_moves_fmt
                .replace("{m}", &n(m.moved)).replace("{r}", &n(ranked))
                .replace("{e}", &n(m.entered.len())).replace("{l}", &n(m.left.len()))
                .replace("{a}", &n(advancing)) }</p>
            if !m.entered.is_empty() || !m.left.is_empty() {
                <div class="moved-lists">
                    { list(&m.entered, t.whatif_entered, "entered") }
                    { list(&m.left, t.whatif_left, "left") }
                </div>
            }
        </div>
    }
}

fn detail(c: &Ctx, stage: &StageView) -> Html {
    let t = c.t;
    let lang = c.lang;
    let Some(id) = &c.s.results.selected else {
        return html! {};
    };
    let Some(row) = stage.rows.iter().find(|r| &r.id == id) else {
        return html! {};
    };
    let inv = innovation(c, id);
    let explanation =
        c.s.computed
            .as_ref()
            .and_then(|cm| cm.explain(c.s.results.stage_idx, id))
            .map(|e| crate::views::explain::view(c, stage, &e));
    let decision = c.s.project.decision(&stage.id, id);
    html! {
        <section class="card detail" aria-labelledby="detail-heading">
            <div class="detail-head">
                <h2 id="detail-heading" tabindex="-1">{ format!("{} — {}", t.detail_heading, inv.map(|i| i.title.clone()).unwrap_or_else(|| id.clone())) }</h2>
                <button type="button" class="button small" onclick={c.d.reform(|_| Action::Select(None))}>{ t.close }</button>
            </div>
            <dl class="kv">
                <div><dt>{ "ID" }</dt><dd>{ id.clone() }</dd></div>
                if let Some(i) = inv {
                    <div><dt>{ t.unit }</dt><dd>{ i.unit.clone() }</dd></div>
                    <div><dt>{ t.agency }</dt><dd>{ i.agency.clone() }</dd></div>
                    <div><dt>{ t.category }</dt><dd>{ i.category.clone() }</dd></div>
                }
                <div><dt>{ t.rank }</dt><dd>{ row.rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into()) }</dd></div>
                <div><dt>{ t.score }</dt><dd>{ score(row.score, lang) }</dd></div>
                <div><dt>{ t.raw }</dt><dd>{ score(row.raw, lang) }</dd></div>
                <div><dt>{ t.bonus }</dt><dd>{ score(row.bonus, lang) }</dd></div>
                <div><dt>{ t.status }</dt><dd>{ badges(c, row) }</dd></div>
            </dl>
            { explanation.unwrap_or_else(|| html! { <p class="muted">{ t.explain_na }</p> }) }
            { crate::views::decisions::form(c, &stage.id, row, decision) }
        </section>
    }
}
