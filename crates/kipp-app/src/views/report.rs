//! The official report (berita acara and lampiran SK) laid out for print:
//! A4, no interface chrome (`@media print` in app.css), rows never cut by a
//! page break, page numbers. The content comes from `kipp_session::report`.

use std::rc::Rc;

use kipp_session::report::{self, Report, ReportMeta, StageReport};
use kipp_session::store::Action;
use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::{datetime, num, score};

/// The report screen: what the officer types, which stage, print; then the
/// report itself.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let lang = c.lang;
    let Some(computed) = c.s.computed.as_deref() else {
        return html! { <><h1>{ t.report_heading }</h1><p>{ t.no_competition }</p></> };
    };
    let fmt = move |x: f64, d: usize| num(x, d, lang);
    let r = report::build(&c.s.project, computed, c.s.report_stage, c.s.lang, &fmt);
    let meta = &c.s.project.report;
    let field = |id: &'static str,
                 label: &'static str,
                 value: &str,
                 kind: &'static str,
                 set: fn(&mut ReportMeta, String)| {
        let oninput = c.d.reform(move |e: InputEvent| {
            let v = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            Action::ReportMeta(Rc::new(move |m: &mut ReportMeta| set(m, v.clone())))
        });
        html! {
            <div class="field">
                <label for={id}>{ label }</label>
                <input {id} type={kind} value={value.to_string()} {oninput} />
            </div>
        }
    };
    let stages = c.s.project.inputs.competition.stages.iter().enumerate().map(|(k, s)| {
        let name = if s.name.is_empty() { s.id.clone() } else { s.name.clone() };
        html! { <option value={k.to_string()} selected={c.s.report_stage == Some(k)}>{ name }</option> }
    });
    let onstage =
        c.d.reform(|e: Event| Action::ReportStage(crate::views::input_value(&e).parse().ok()));
    html! {
        <>
        <div class="no-print">
            <h1>{ t.report_heading }</h1>
            <p>{ t.report_text }</p>
            <div class="controls report-controls">
                { field("report-place", t.report_place, &meta.place, "text", |m, v| m.place = v) }
                { field("report-date", t.report_date, &meta.date, "date", |m, v| m.date = v) }
                { field("report-body", t.report_body, &meta.body, "text", |m, v| m.body = v) }
                { field("report-chair", t.report_chair, &meta.chair, "text", |m, v| m.chair = v) }
                { field("report-decree", t.report_decree, &meta.decree, "text", |m, v| m.decree = v) }
                <div class="field">
                    <label for="report-stage">{ t.report_which }</label>
                    <select id="report-stage" onchange={onstage}>
                        <option value="all" selected={c.s.report_stage.is_none()}>{ t.report_all }</option>
                        { for stages }
                    </select>
                </div>
            </div>
            <p><button type="button" class="button primary" id="print-report"
                onclick={c.d.reform(|_| Action::Print)}>{ t.print }</button>
                {" "}<button type="button" class="button" id="save-report"
                    onclick={c.d.reform(|_| Action::SaveReport)}>{ t.save_report }</button>
                {" "}<span class="muted">{ t.print_hint }</span></p>
        </div>
        { document(c, &r) }
        </>
    }
}

fn document(c: &Ctx, r: &Report) -> Html {
    let t = c.t;
    let lang = c.lang;
    let today = crate::browser::now_iso();
    let date_iso = if r.meta.date.trim().is_empty() {
        &today[..10]
    } else {
        r.meta.date.trim()
    };
    let date = kipp_ui::fmt::date(date_iso, lang).unwrap_or_else(|| date_iso.to_string());
    let body = if r.meta.body.trim().is_empty() {
        t.report_body_default.to_string()
    } else {
        r.meta.body.clone()
    };
    let competition = match r.year {
        Some(y) if !r.competition.contains(&y.to_string()) => format!("{} {y}", r.competition),
        _ => r.competition.clone(),
    };
    let whole = c.s.report_stage.is_none();
    html! {
        <article class="report" aria-label={t.report_heading} tabindex="0">
            if r.synthetic { <p class="report-synthetic">{ t.synthetic_note }</p> }
            { for r.stages.iter().map(|s| stage(c, r, s, &competition, &date, &body)) }
            if whole && !r.by_agency.is_empty() {
                <section class="report-page" id="report-participation">
                    <p class="report-kicker">{ t.report_annex }</p>
                    <h2 class="report-title">{ format!("{} {}", t.participation, competition) }</h2>
                    <p>{ r.participation.clone() }</p>
                    <table class="report-table">
                        <thead><tr><th scope="col">{ kipp_ui::words::AGENCY.t(lang) }</th><th scope="col" class="num">{ t.innovations_count }</th></tr></thead>
                        <tbody>
                        { for r.by_agency.iter().map(|(a, n)| html! {
                            <tr><td>{ a.clone() }</td><td class="num">{ num(*n as f64, 0, lang) }</td></tr>
                        }) }
                        </tbody>
                    </table>
                </section>
            }
            if whole && !r.winners.is_empty() {
                <section class="report-page">
                    <p class="report-kicker">{ t.report_annex }{ if r.meta.decree.is_empty() { String::new() } else { format!(" {}", r.meta.decree) } }</p>
                    <h2 class="report-title">{ format!("{} {}", t.report_winners_title, competition) }</h2>
                    <table class="report-table">
                        <thead><tr>
                            <th scope="col" class="num">{ t.number_short }</th><th scope="col">{ "ID" }</th>
                            <th scope="col">{ t.title_word }</th><th scope="col">{ t.unit_agency }</th>
                        </tr></thead>
                        <tbody>
                        { for r.winners.iter().enumerate().map(|(n, (id, title, unit))| html! {
                            <tr><td class="num">{ n + 1 }</td><td class="nowrap">{ id.clone() }</td><td>{ title.clone() }</td><td>{ unit.clone() }</td></tr>
                        }) }
                        </tbody>
                    </table>
                    <p class="report-digest">{ format!("{}: ", t.digest) }<code>{ r.digest.clone() }</code></p>
                    <p class="report-small">{ r.verify_hint.clone() }</p>
                    { signatures(c, r, &date) }
                </section>
            }
            <p class="report-small report-printed">{ format!("{} {}", t.report_made, datetime(&today, lang)) }</p>
        </article>
    }
}

fn stage(c: &Ctx, r: &Report, s: &StageReport, competition: &str, date: &str, body: &str) -> Html {
    let t = c.t;
    let lang = c.lang;
    let n = |x: usize| num(x as f64, 0, lang);
    let opening = t
        .report_opening_fmt
        .replace("{date}", date)
        .replace(
            "{place}",
            if r.meta.place.trim().is_empty() {
                "…"
            } else {
                r.meta.place.trim()
            },
        )
        .replace("{body}", body)
        .replace("{stage}", &s.name)
        .replace("{competition}", competition)
        .replace("{n}", &n(s.entrants))
        .replace("{a}", &n(s.advancing));
    html! {
        <section class="report-page" data-stage={s.id.clone()}>
            <p class="report-kicker">{ t.report_minutes }</p>
            <h2 class="report-title">{ competition.to_string() }</h2>
            <p class="report-subtitle">{ format!("{}: {}", t.stage, s.name) }</p>
            <p>{ opening }</p>
            <h3>{ t.criteria }</h3>
            <table class="report-table">
                <thead><tr><th scope="col">{ t.criteria }</th><th scope="col" class="num">{ t.weight }</th><th scope="col">{ t.scale }</th></tr></thead>
                <tbody>
                { for s.criteria.iter().map(|(name, w, scale)| html! {
                    <tr><td>{ name.clone() }</td><td class="num">{ num(*w, 2, lang) }</td><td>{ scale.clone() }</td></tr>
                }) }
                </tbody>
            </table>
            <h3>{ t.report_rules }</h3>
            <ul>{ for s.rules.iter().map(|x| html! { <li>{ x.clone() }</li> }) }</ul>
            <h3>{ t.report_ranking }</h3>
            <table class="report-table report-ranking">
                <thead><tr>
                    <th scope="col" class="num">{ t.rank }</th><th scope="col">{ "ID" }</th>
                    <th scope="col">{ t.title_word }</th><th scope="col">{ t.unit_agency }</th>
                    <th scope="col" class="num">{ t.score }</th><th scope="col">{ t.status }</th>
                </tr></thead>
                <tbody>
                { for s.rows.iter().map(|row| html! {
                    <tr class={classes!(row.advanced.then_some("adv"))}>
                        <td class="num">{ row.rank.map(|x| x.to_string()).unwrap_or_else(|| "–".into()) }</td>
                        <td class="nowrap">{ row.id.clone() }</td><td>{ row.title.clone() }</td><td>{ row.unit.clone() }</td>
                        <td class="num">{ score(row.score, lang) }</td>
                        <td>{ if row.rank.is_none() { t.incomplete } else if row.advanced { t.advanced } else { t.not_advanced } }
                            { if row.decided { format!(" ({})", t.decision.to_lowercase()) } else { String::new() } }
                            { if row.tie { format!(" ({})", t.tie_at_cutoff) } else { String::new() } }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            if !s.ties.is_empty() {
                <p>{ format!("{}: {}", t.report_ties, s.ties.join(", ")) }</p>
            }
            <h3>{ t.decisions_heading }</h3>
            if s.decisions.is_empty() { <p>{ t.no_decisions }</p> } else {
                <table class="report-table">
                    <thead><tr><th scope="col">{ "ID" }</th><th scope="col">{ t.title_word }</th><th scope="col">{ t.decision }</th>
                        <th scope="col">{ t.reason }</th><th scope="col">{ t.time }</th></tr></thead>
                    <tbody>
                    { for s.decisions.iter().map(|d| html! {
                        <tr><td class="nowrap">{ d.id.clone() }</td><td>{ d.title.clone() }</td><td>{ d.decision.clone() }</td>
                            <td>{ d.reason.clone() }</td><td>{ datetime(&d.at, lang) }</td></tr>
                    }) }
                    </tbody>
                </table>
            }
            if !s.excluded.is_empty() {
                <h3>{ t.report_excluded }</h3>
                <p>{ s.excluded.iter().map(|(j, i)| format!("{j} / {i}")).collect::<Vec<_>>().join("; ") }</p>
            }
            if !s.warnings.is_empty() {
                <h3>{ t.warnings }</h3>
                <ul>{ for s.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
            }
            <p class="report-digest">{ format!("{}: ", t.digest) }<code>{ r.digest.clone() }</code></p>
            <p class="report-small">{ r.verify_hint.clone() }</p>
            { signatures(c, r, date) }
        </section>
    }
}

fn signatures(c: &Ctx, r: &Report, date: &str) -> Html {
    let t = c.t;
    let place = r.meta.place.trim();
    html! {
        <div class="signatures">
            <p class="sign-date">{ if place.is_empty() { date.to_string() } else { format!("{place}, {date}") } }</p>
            <div class="sign-grid">
                <div class="sign">
                    <p>{ t.report_chair }</p>
                    <div class="sign-space"></div>
                    <p class="sign-name">{ if r.meta.chair.trim().is_empty() { "(…………………………)".to_string() } else { r.meta.chair.clone() } }</p>
                </div>
                { for r.signatories.iter().map(|name| html! {
                    <div class="sign">
                        <p>{ t.report_member }</p>
                        <div class="sign-space"></div>
                        <p class="sign-name">{ name.clone() }</p>
                    </div>
                }) }
            </div>
        </div>
    }
}
