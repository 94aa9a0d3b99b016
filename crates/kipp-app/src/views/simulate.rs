//! Simulations: Monte Carlo robustness of the ranking (§5: weights drawn
//! around the configured ones, optionally judges' sheets resampled) with a
//! rank-interval plot as inline SVG, and the judge report (leniency,
//! agreement, leave one judge out).

use std::collections::HashMap;
use std::rc::Rc;

use kipp_session::export::innovation;
use kipp_session::run::StageView;
use kipp_session::sim::{SimAction, SimMessage};
use kipp_ui::components::{RowFn, WindowRow, WindowedBody};
use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::num;
use kipp_session::store::Action;

/// Ranks shown around the cut-off on each side.
const AROUND: u32 = 20;
/// At most this many rows in the plot of the whole field (the table below
/// has every row).
const PLOT_MAX: usize = 1000;

/// Rank intervals (p5–p95, median) and P(advance) of the innovations
/// ranked around the cut-off (or the whole field), in official rank order,
/// with the cut-off drawn as a dashed line between rank N and N+1.
fn plot(c: &Ctx, sim: &kipp_score::SimStage, official: Option<&StageView>) -> Html {
    let t = c.t;
    let lang = c.lang;
    let st = &c.s.sim;
    let p_of: HashMap<&str, &kipp_score::SimRow> =
        sim.rows.iter().map(|r| (r.id.as_str(), r)).collect();
    let n_adv = official.map_or(0, |o| o.rows.iter().filter(|r| r.advanced).count()) as u32;
    // Official order when there is a run; else the simulation's order.
    let mut ordered: Vec<(Option<u32>, bool, &kipp_score::SimRow)> = match official {
        Some(o) => o
            .rows
            .iter()
            .filter_map(|r| p_of.get(r.id.as_str()).map(|s| (r.rank, r.advanced, *s)))
            .filter(|(_, _, s)| s.p50.is_some())
            .collect(),
        None => sim
            .rows
            .iter()
            .filter(|r| r.p50.is_some())
            .map(|r| (None, false, r))
            .collect(),
    };
    let windowed = !st.plot_all && n_adv > 0;
    let (lo_rank, hi_rank) = (n_adv.saturating_sub(AROUND).max(1), n_adv + AROUND);
    if windowed {
        ordered.retain(|(rank, _, _)| rank.is_some_and(|r| r >= lo_rank && r <= hi_rank));
    }
    ordered.truncate(PLOT_MAX);
    if ordered.is_empty() {
        return html! {};
    }
    let row_h = 18.0;
    // Room for LABEL_CHARS characters at 11 px (up to about 7.5 px each in
    // bold) right-aligned before the axis, the rank included: longer labels
    // end in "…" instead of leaving the plot.
    const LABEL_CHARS: usize = 32;
    let left = 250.0;
    let right = 56.0;
    let width = 720.0;
    let plot_w = width - left - right;
    let top = 34.0;
    let height = top + 8.0 + row_h * ordered.len() as f64;
    let mut lo = ordered
        .iter()
        .filter_map(|(_, _, r)| r.p5)
        .min()
        .unwrap_or(1);
    let mut hi = ordered
        .iter()
        .filter_map(|(_, _, r)| r.p95)
        .max()
        .unwrap_or(1);
    if n_adv > 0 {
        lo = lo.min(n_adv);
        hi = hi.max(n_adv + 1);
    }
    let (lo, hi) = (f64::from(lo), f64::from(hi.max(lo + 1)));
    let x = |r: f64| left + (r - lo) / (hi - lo) * plot_w;
    let cut = n_adv > 0;
    let cut_x = x(f64::from(n_adv) + 0.5);
    let label = |title: &str| {
        if title.chars().count() > LABEL_CHARS {
            format!(
                "{}…",
                title.chars().take(LABEL_CHARS - 1).collect::<String>()
            )
        } else {
            title.to_string()
        }
    };
    let k = st.stage;
    html! {
        <figure class="plot-figure">
        <div class="actions plot-toggle">
            if n_adv > 0 {
                <button type="button" class="button small" aria-pressed={st.plot_all.to_string()}
                    onclick={c.d.reform(move |_| Action::Sim(SimAction::PlotAll(windowed)))}>
                    { if windowed { t.plot_all } else { t.plot_window } }
                </button>
            }
        </div>
        <div class="plot-scroll" tabindex="0" role="group" aria-label={t.rank_interval}>
        <svg class="plot" viewBox={format!("0 0 {width} {height}")} role="img"
             aria-labelledby={format!("plot-title-{k} plot-desc-{k}")}>
            <title id={format!("plot-title-{k}")}>{ format!("{} — {}", t.rank_interval, t.sim_heading) }</title>
            <desc id={format!("plot-desc-{k}")}>{ t.plot_desc }</desc>
            <line x1={left.to_string()} x2={(left + plot_w).to_string()} y1="20" y2="20" stroke="#8c959f" />
            <text x={left.to_string()} y="14" font-size="10" fill="#57606a">{ num(lo, 0, lang) }</text>
            <text x={(left + plot_w).to_string()} y="14" font-size="10" fill="#57606a" text-anchor="end">{ num(hi, 0, lang) }</text>
            <text x={(width - 4.0).to_string()} y="14" font-size="10" fill="#57606a" text-anchor="end">{ "P" }</text>
            if cut {
                <line class="cutoff" x1={cut_x.to_string()} x2={cut_x.to_string()} y1="20" y2={(height - 4.0).to_string()}
                    stroke="#a40e26" stroke-width="1.5" stroke-dasharray="4 3" />
                <text x={cut_x.to_string()} y="30" font-size="10" fill="#a40e26" text-anchor="middle">
                    { format!("{} {}", t.plot_cutoff, n_adv) }
                </text>
            }
            { for ordered.iter().enumerate().map(|(i, (rank, adv, r))| {
                let y = top + 8.0 + row_h * i as f64;
                let title = innovation(&c.s.project, &r.id).map(|i| i.title.clone()).unwrap_or_else(|| r.id.clone());
                let (p5, p50, p95) = (r.p5.unwrap_or(1), r.p50.unwrap_or(1), r.p95.unwrap_or(1));
                let colour = if *adv { "#0b5cad" } else { "#6e7781" };
                html! {
                    <g>
                        <title>{ format!("{}{title}: {} {p5}–{p95}, median {p50}; {} {}%",
                            rank.map(|k| format!("{k}. ")).unwrap_or_default(), t.rank_interval, t.p_advance, num(r.p_advance * 100.0, 1, lang)) }</title>
                        <text x={(left - 6.0).to_string()} y={(y + 4.0).to_string()} font-size="11" text-anchor="end"
                            fill="#1b1f24" font-weight={if *adv { "600" } else { "400" }}>
                            { label(&format!("{}{title}", rank.map(|k| format!("{k}. ")).unwrap_or_default())) }
                        </text>
                        <line x1={x(f64::from(p5)).to_string()} x2={x(f64::from(p95)).to_string()} y1={y.to_string()} y2={y.to_string()}
                            stroke={colour} stroke-width="3" stroke-linecap="round" />
                        <circle cx={x(f64::from(p50)).to_string()} cy={y.to_string()} r="4" fill="#fff" stroke={colour} stroke-width="2" />
                        <text x={(width - 4.0).to_string()} y={(y + 4.0).to_string()} font-size="11" text-anchor="end" fill="#1b1f24">
                            { format!("{}%", num(r.p_advance * 100.0, 0, lang)) }
                        </text>
                    </g>
                }
            }) }
        </svg>
        </div>
        if windowed {
            <figcaption class="muted">{ t.plot_window_fmt.replace("{a}", &lo_rank.to_string()).replace("{b}", &hi_rank.to_string()).replace("{n}", &n_adv.to_string()) }</figcaption>
        }
        </figure>
    }
}

/// The findings of one stage in words, each with its number, and the
/// uncertain innovations first.
fn findings(c: &Ctx, sim: &kipp_score::SimStage, official: &StageView) -> Html {
    let t = c.t;
    let lang = c.lang;
    let f = kipp_session::findings::sim_findings(official, sim);
    let n = |x: usize| num(x as f64, 0, lang);
    if f.advancing == 0 {
        return html! { <section class="findings" aria-labelledby="find-h"><h2 id="find-h">{ t.find_heading }</h2><p>{ t.find_none_advance }</p></section> };
    }
    let title = |id: &str| {
        innovation(&c.s.project, id)
            .map(|i| i.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    html! {
        <section class="findings" aria-labelledby="find-h" id="sim-findings">
            <h2 id="find-h">{ t.find_heading }</h2>
            <ul class="finding-list">
                <li id="find-kept">{ t.find_kept_fmt.replace("{d}", &n(f.draws as usize))
                    .replace("{k}", &num(f.expected_kept, 1, lang)).replace("{n}", &n(f.advancing)) }</li>
                <li id="find-secure">{ t.find_secure_fmt.replace("{s}", &n(f.secure)).replace("{n}", &n(f.advancing))
                    .replace("{u}", &n(f.uncertain.len())) }</li>
                if f.uncertain.is_empty() { <li>{ t.find_robust }</li> }
                if f.challengers > 0 { <li id="find-challengers">{ t.find_challengers_fmt.replace("{c}", &n(f.challengers)) }</li> }
                if f.fragile > 0 { <li>{ t.find_fragile_fmt.replace("{f}", &n(f.fragile)) }</li> }
            </ul>
            if !f.uncertain.is_empty() {
                <h3 class="uncertain-h">{ t.uncertain_heading }</h3>
                <div class="table-wrap" tabindex="0">
                <table id="uncertain-table">
                    <caption class="visually-hidden">{ t.uncertain_heading }</caption>
                    <thead><tr>
                        <th scope="col">{ t.title }</th>
                        <th scope="col" class="num">{ t.official_rank }</th>
                        <th scope="col">{ t.official_status }</th>
                        <th scope="col" class="num">{ t.p_advance }</th>
                    </tr></thead>
                    <tbody>
                    { for f.uncertain.iter().take(200).map(|u| html! {
                        <tr>
                            <th scope="row">{ title(&u.id) }<span class="sub id">{ u.id.clone() }</span></th>
                            <td class="num">{ u.rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into()) }</td>
                            <td>if u.officially { <span class="badge advanced">{ t.advanced }</span> } else { <span class="badge out">{ t.not_advanced }</span> }</td>
                            <td class="num">{ format!("{}%", num(u.p_advance * 100.0, 1, lang)) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
                if f.uncertain.len() > 200 { <p class="muted">{ format!("… +{}", n(f.uncertain.len() - 200)) }</p> }
            }
        </section>
    }
}

/// The judge report of one stage read in words.
fn judge_reading(c: &Ctx, s: &kipp_score::JudgesStage) -> Html {
    use kipp_session::findings::Agreement;
    let t = c.t;
    let lang = c.lang;
    let f = kipp_session::findings::judge_findings(s);
    let weak: Vec<String> = f
        .criteria
        .iter()
        .filter(|(_, _, g)| *g == Agreement::Weak)
        .map(|(id, _, _)| crit_name(c, &s.id, id))
        .collect();
    html! {
        <ul class="finding-list judge-findings">
            if f.decisive.is_empty() { <li>{ t.loo_none }</li> }
            { for f.decisive.iter().map(|(j, n)| html! { <li>{ t.loo_fmt.replace("{j}", j).replace("{n}", &n.to_string()) }</li> }) }
            if let Some((j, x)) = &f.most_lenient { <li>{ t.lenient_fmt.replace("{j}", j).replace("{x}", &num(*x, 1, lang)) }</li> }
            if let Some((j, x)) = &f.strictest { <li>{ t.strict_fmt.replace("{j}", j).replace("{x}", &num(-*x, 1, lang)) }</li> }
            if weak.is_empty() { <li>{ t.alpha_ok }</li> }
            else { <li class="warn-text">{ t.alpha_weak_fmt.replace("{n}", &weak.len().to_string()).replace("{c}", &weak.join(", ")) }</li> }
        </ul>
    }
}

/// A criterion's name in a stage (its id when unknown).
fn crit_name(c: &Ctx, stage: &str, id: &str) -> String {
    c.s.project
        .inputs
        .competition
        .stages
        .iter()
        .find(|s| s.id == stage)
        .and_then(|s| s.criteria.iter().find(|x| x.id == id))
        .map(|x| x.name.clone())
        .unwrap_or_else(|| id.to_string())
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
    let field = |key: &'static str, label: &'static str, help: &'static str, value: &str| {
        let id = format!("sim-{key}");
        let help_id = format!("help-{key}");
        html! {
            <div class="field">
                <label for={id.clone()}>{ label }</label>
                <input id={id} type="text" inputmode="numeric" value={value.to_string()} aria-describedby={help_id.clone()}
                    oninput={c.d.reform(move |e: InputEvent| Action::Sim(SimAction::Field(key, e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default())))} />
                <p class="help" id={help_id}>{ help }</p>
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
        let official = c
            .s
            .computed
            .as_ref()
            .and_then(|cm| cm.view.stages.iter().find(|x| x.id == s.id));
        html! {
            <section class="card">
                <div class="segmented" role="group" aria-label={t.stages}>
                { for stage_names.iter().enumerate().map(|(i, n)| html! {
                    <button type="button" class={classes!("seg", (i == k).then_some("current"))} aria-pressed={(i == k).to_string()}
                        onclick={c.d.reform(move |_| Action::Sim(SimAction::Stage(i)))}>{ n.clone() }</button>
                }) }
                </div>
                <p class="muted">{ format!("{}: {}", t.sim_draws, num(f64::from(s.draws), 0, lang)) }</p>
                if let Some(o) = official { { findings(c, s, o) } }
                { plot(c, s, official) }
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
                        { judge_reading(c, s) }
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
                            { s.alpha.iter().map(|(cid, a)| {
                                let reading = match kipp_session::findings::agreement(*a) {
                                    kipp_session::findings::Agreement::Reliable => t.alpha_reliable,
                                    kipp_session::findings::Agreement::Tentative => t.alpha_tentative,
                                    kipp_session::findings::Agreement::Weak => t.alpha_weak,
                                    kipp_session::findings::Agreement::Unknown => t.alpha_unknown,
                                };
                                format!("{} {} ({reading})", crit_name(c, &s.id, cid), a.map(|x| num(x, 2, lang)).unwrap_or_else(|| "–".into()))
                            }).collect::<Vec<_>>().join(" · ") }
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
                { field("draws", t.sim_draws, t.help_draws, &st.draws) }
                { field("seed", t.sim_seed, t.help_seed, &st.seed) }
                { field("kappa", t.sim_kappa, t.help_kappa, &st.kappa) }
                <div class="field check">
                    <input id="sim-resample" type="checkbox" checked={st.resample} aria-describedby="help-resample"
                        onchange={c.d.reform(|e: Event| Action::Sim(SimAction::Resample(crate::views::input_checked(&e))))} />
                    <label for="sim-resample">{ t.sim_resample }</label>
                    <p class="help" id="help-resample">{ t.help_resample }</p>
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
        { crate::views::scenarios::view(c) }
        </>
    }
}
