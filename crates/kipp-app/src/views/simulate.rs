//! Simulations: Monte Carlo robustness of the ranking (§5: weights drawn
//! around the configured ones, optionally judges' sheets resampled) with a
//! rank-interval plot as inline SVG, and the judge report (leniency,
//! agreement, leave one judge out).

use std::collections::HashMap;
use std::rc::Rc;

use kipp_session::export::innovation;
use kipp_session::sim::{SimAction, SimMessage};
use kipp_ui::components::{RowFn, WindowRow, WindowedBody};
use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::num;
use kipp_session::store::Action;

fn plot(c: &Ctx, rows: &[kipp_score::SimRow], max_rank: u32) -> Html {
    let t = c.t;
    let lang = c.lang;
    let shown: Vec<_> = rows.iter().filter(|r| r.p50.is_some()).take(30).collect();
    if shown.is_empty() {
        return html! {};
    }
    let row_h = 18.0;
    // Room for LABEL_CHARS characters at 11 px (up to about 6.9 px each) right-aligned
    // before the axis: longer titles end in "…" instead of leaving the plot.
    const LABEL_CHARS: usize = 30;
    let left = 215.0;
    let width = 640.0;
    let plot_w = width - left - 20.0;
    let height = 30.0 + row_h * shown.len() as f64;
    let max = f64::from(max_rank.max(2));
    let x = |r: u32| left + (f64::from(r) - 1.0) / (max - 1.0) * plot_w;
    html! {
        <svg class="plot" viewBox={format!("0 0 {width} {height}")} role="img"
             aria-label={format!("{} — {}", t.rank_interval, t.sim_heading)}>
            <line x1={left.to_string()} x2={(left + plot_w).to_string()} y1="16" y2="16" stroke="#8c959f" />
            <text x={left.to_string()} y="12" font-size="10" fill="#57606a">{ "1" }</text>
            <text x={(left + plot_w).to_string()} y="12" font-size="10" fill="#57606a" text-anchor="end">{ max_rank.to_string() }</text>
            { for shown.iter().enumerate().map(|(k, r)| {
                let y = 30.0 + row_h * k as f64;
                let title = innovation(&c.s.project, &r.id).map(|i| i.title.clone()).unwrap_or_else(|| r.id.clone());
                let (p5, p50, p95) = (r.p5.unwrap_or(1), r.p50.unwrap_or(1), r.p95.unwrap_or(1));
                html! {
                    <g>
                        <title>{ format!("{title}: {} {p5}–{p95}, median {p50}; {} {}%", t.rank_interval, t.p_advance, num(r.p_advance * 100.0, 1, lang)) }</title>
                        <text x={(left - 6.0).to_string()} y={(y + 4.0).to_string()} font-size="11" text-anchor="end" fill="#1b1f24">
                            { if title.chars().count() > LABEL_CHARS {
                                format!("{}…", title.chars().take(LABEL_CHARS - 1).collect::<String>())
                            } else {
                                title.clone()
                            } }
                        </text>
                        <line x1={x(p5).to_string()} x2={x(p95).to_string()} y1={y.to_string()} y2={y.to_string()} stroke="#0b5cad" stroke-width="3" stroke-linecap="round" />
                        <circle cx={x(p50).to_string()} cy={y.to_string()} r="4" fill="#fff" stroke="#0b5cad" stroke-width="2" />
                    </g>
                }
            }) }
        </svg>
    }
}

/// "1.200 / 10.000 undian · sekitar 3 detik lagi".
fn progress_line(c: &Ctx) -> String {
    let t = c.t;
    let lang = c.lang;
    let st = &c.s.sim;
    let (done, total) = st.progress;
    let mut s = format!(
        "{} / {} {}",
        num(f64::from(done), 0, lang),
        num(f64::from(total), 0, lang),
        t.sim_draws_unit
    );
    if let Some(ms) = st.time_left_ms(js_sys::Date::now()) {
        let secs = (ms / 1000.0).ceil().max(1.0);
        s.push_str(" · ");
        s.push_str(&if secs < 60.0 {
            format!("{} {} {}", t.about, num(secs, 0, lang), t.seconds_left)
        } else {
            format!(
                "{} {} {}",
                t.about,
                num((secs / 60.0).ceil(), 0, lang),
                t.minutes_left
            )
        });
    }
    s
}

/// The row renderer of the windowed simulation table (stage `k` of `r`).
fn sim_rows(c: &Ctx, r: &Rc<kipp_score::SimResult>, k: usize) -> RowFn {
    let r = r.clone();
    let invs = c.s.project.inputs.innovations.clone();
    let by_id: HashMap<String, usize> = invs
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.clone(), i))
        .collect();
    let lang = c.lang;
    Rc::new(move |i: usize| {
        let row = &r.stages[k].rows[i];
        let title = by_id
            .get(&row.id)
            .map(|&x| invs[x].title.clone())
            .unwrap_or_else(|| row.id.clone());
        WindowRow {
            key: row.id.clone(),
            class: Classes::new(),
            cells: html! { <>
                <td>{ title }<span class="sub id">{ row.id.clone() }</span></td>
                <td class="num">{ format!("{}%", num(row.p_advance * 100.0, 1, lang)) }</td>
                <td class="num">{ row.mean_rank.map(|m| num(m, 1, lang)).unwrap_or_else(|| "–".into()) }</td>
                <td class="num">{ match (row.p5, row.p50, row.p95) {
                    (Some(a), Some(m), Some(b)) => format!("{a}–{b} ({m})"),
                    _ => "–".into() } }</td>
            </> },
        }
    })
}

/// The simulation screen.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let lang = c.lang;
    let st = &c.s.sim;
    if c.s.computed.is_none() {
        return html! { <><h1>{ t.sim_heading }</h1><p>{ t.no_data }</p></> };
    }
    let field = |key: &'static str, label: &'static str, value: &str| {
        let id = format!("sim-{key}");
        html! {
            <div class="field">
                <label for={id.clone()}>{ label }</label>
                <input id={id} type="text" inputmode="numeric" value={value.to_string()}
                    oninput={c.d.reform(move |e: InputEvent| Action::Sim(SimAction::Field(key, e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default())))} />
            </div>
        }
    };
    let result = st.result.as_ref().map(|r| {
        let stage_names: Vec<String> = r
            .stages
            .iter()
            .map(|s| {
                c.s.project
                    .inputs
                    .competition
                    .stages
                    .iter()
                    .find(|x| x.id == s.id)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| s.id.clone())
            })
            .collect();
        let k = st.stage.min(r.stages.len().saturating_sub(1));
        let Some(s) = r.stages.get(k) else {
            return html! {};
        };
        let max_rank = s.rows.iter().filter_map(|x| x.p95).max().unwrap_or(1);
        html! {
            <section class="card">
                <div class="segmented" role="group" aria-label={t.stages}>
                { for stage_names.iter().enumerate().map(|(i, n)| html! {
                    <button type="button" class={classes!("seg", (i == k).then_some("current"))} aria-pressed={(i == k).to_string()}
                        onclick={c.d.reform(move |_| Action::Sim(SimAction::Stage(i)))}>{ n.clone() }</button>
                }) }
                </div>
                <p class="muted">{ format!("{}: {}", t.sim_draws, num(f64::from(s.draws), 0, lang)) }</p>
                { plot(c, &s.rows, max_rank) }
                <div class="actions">
                    <button type="button" class="button" id="sim-download"
                        onclick={c.d.reform(|_| Action::Sim(SimAction::Download))}>{ t.sim_download }</button>
                </div>
                <div class="table-wrap" tabindex="0">
                <table id="sim-table" aria-rowcount={(s.rows.len() + 1).to_string()}>
                    <caption class="visually-hidden">{ t.sim_heading }</caption>
                    <thead><tr aria-rowindex="1">
                        <th scope="col">{ t.title }</th>
                        <th scope="col" class="num">{ t.p_advance }</th>
                        <th scope="col" class="num">{ t.mean_rank }</th>
                        <th scope="col" class="num">{ t.rank_interval }</th>
                    </tr></thead>
                    <WindowedBody len={s.rows.len()} row={sim_rows(c, r, k)} cols={4} estimate={40.0} />
                </table>
                </div>
                <p class="muted table-keys">{ t.table_keys }</p>
            </section>
        }
    });
    let judges = st.judges.as_ref().map(|j| {
        html! {
            <>
            { for j.stages.iter().map(|s| {
                let name = c.s.project.inputs.competition.stages.iter().find(|x| x.id == s.id).map(|x| x.name.clone()).unwrap_or_else(|| s.id.clone());
                html! {
                    <section class="card">
                        <h3>{ format!("{}: {}", t.stage, name) }</h3>
                        <div class="table-wrap" tabindex="0">
                        <table>
                            <caption class="visually-hidden">{ format!("{} — {}", t.judges_heading, name) }</caption>
                            <thead><tr>
                                <th scope="col">{ t.judge }</th>
                                <th scope="col" class="num">{ t.sheets }</th>
                                <th scope="col" class="num">{ t.leniency }</th>
                                <th scope="col" class="num">{ t.loo }</th>
                            </tr></thead>
                            <tbody>
                            { for s.judges.iter().map(|r| {
                                let loo = s.leave_one_out.iter().find(|l| l.judge == r.id).map(|l| l.advancing_changed);
                                html! {
                                    <tr>
                                        <td>{ r.id.clone() }</td>
                                        <td class="num">{ r.sheets }</td>
                                        <td class="num">{ r.leniency.map(|x| num(x, 2, lang)).unwrap_or_else(|| "–".into()) }</td>
                                        <td class="num">{ loo.map(|x| x.to_string()).unwrap_or_else(|| "–".into()) }</td>
                                    </tr>
                                }
                            }) }
                            </tbody>
                        </table>
                        </div>
                        <p>{ format!("{}: ", t.agreement) }
                            { s.alpha.iter().map(|(c, a)| format!("{c} {}", a.map(|x| num(x, 2, lang)).unwrap_or_else(|| "–".into()))).collect::<Vec<_>>().join(" · ") }
                        </p>
                    </section>
                }
            }) }
            </>
        }
    });
    html! {
        <>
        <h1>{ t.sim_heading }</h1>
        <section class="card">
            <div class="fields">
                { field("draws", t.sim_draws, &st.draws) }
                { field("seed", t.sim_seed, &st.seed) }
                { field("kappa", t.sim_kappa, &st.kappa) }
                <div class="field check">
                    <input id="sim-resample" type="checkbox" checked={st.resample}
                        onchange={c.d.reform(|e: Event| Action::Sim(SimAction::Resample(crate::views::input_checked(&e))))} />
                    <label for="sim-resample">{ t.sim_resample }</label>
                </div>
            </div>
            <div class="actions">
                <button type="button" class="button primary" id="sim-run" disabled={st.running}
                    onclick={c.d.reform(|_| Action::Sim(SimAction::Run))}>{ t.sim_run }</button>
                if st.running {
                    <button type="button" class="button" onclick={c.d.reform(|_| Action::Sim(SimAction::Cancel))}>{ t.sim_cancel }</button>
                }
                <button type="button" class="button" id="judges-run" disabled={st.judges_running}
                    onclick={c.d.reform(|_| Action::Sim(SimAction::Judges))}>{ t.judges_heading }</button>
            </div>
            if st.judges_running { <p role="status" id="judges-running">{ t.judges_running }</p> }
            if st.running {
                <label for="sim-progress">{ t.sim_progress }</label>
                <progress id="sim-progress" class="progress" max={st.progress.1.to_string()} value={st.progress.0.to_string()}>
                    { format!("{} / {}", st.progress.0, st.progress.1) }
                </progress>
                <p class="muted" id="sim-progress-text">{ progress_line(c) }</p>
            }
            if let Some(why) = &st.worker_problem {
                <p class="muted" id="sim-on-page">{ format!("{} ({why})", t.sim_on_page) }</p>
            }
            if let Some(m) = &st.message { <p role="status">{ match m { SimMessage::NotANumber => t.not_a_number, SimMessage::Cancelled => t.sim_cancelled } }</p> }
        </section>
        { result }
        if st.judges.is_some() { <h2>{ t.judges_heading }</h2> }
        { judges }
        </>
    }
}
