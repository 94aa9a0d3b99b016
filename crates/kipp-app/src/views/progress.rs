//! Score sheets: a template workbook per judge and stage to send out (one
//! ZIP per stage), and who still owes what (judges x stages: expected,
//! received, incomplete, out of range; innovations short of `min_judges`).

use kipp_session::progress::progress;
use kipp_session::store::Action;
use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::num;

/// The score-sheet screen.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let lang = c.lang;
    let stages = progress(&c.s.project, c.s.computed.as_deref());
    if stages.is_empty() {
        return html! { <><h1>{ t.progress_heading }</h1><p>{ t.no_competition }</p></> };
    }
    let n = |x: usize| num(x as f64, 0, lang);
    html! {
        <>
        <h1>{ t.progress_heading }</h1>
        <p>{ t.progress_text }</p>
        { for stages.iter().enumerate().map(|(k, st)| {
            let owing: Vec<String> = st.judges.iter().filter(|j| j.owed() > 0)
                .map(|j| format!("{} {} {} {}", j.judge, t.still_owes, n(j.owed()), t.sheets_word)).collect();
            let hid = format!("progress-{}", st.stage);
            html! {
            <section class="card" aria-labelledby={hid.clone()}>
                <h2 id={hid.clone()}>{ st.name.clone() }</h2>
                <p>
                    { match st.entrants { Some(e) => format!("{}: {}", t.entrants, n(e)), None => t.entrants_unknown.to_string() } }
                </p>
                <button type="button" class="button" id={format!("templates-{}", st.stage)}
                    disabled={st.entrants.is_none()}
                    onclick={c.d.reform(move |_| Action::Templates(k))}>{ t.download_templates }</button>
                <div class="table-wrap" tabindex="0">
                <table class="progress-table">
                    <caption>{ format!("{} — {}", t.progress_heading, st.name) }</caption>
                    <thead><tr>
                        <th scope="col">{ t.judge }</th>
                        <th scope="col" class="num">{ t.expected_sheets }</th>
                        <th scope="col" class="num">{ t.received_sheets }</th>
                        <th scope="col" class="num">{ t.incomplete_sheets }</th>
                        <th scope="col" class="num">{ t.out_of_range }</th>
                    </tr></thead>
                    <tbody>
                    { for st.judges.iter().map(|j| html! {
                        <tr class={classes!((j.owed() > 0 || j.out_of_range > 0).then_some("owing"))}>
                            <th scope="row">{ j.judge.clone() }</th>
                            <td class="num">{ j.expected.map(n).unwrap_or_else(|| "–".into()) }</td>
                            <td class="num">{ n(j.received) }</td>
                            <td class="num">{ n(j.incomplete) }</td>
                            <td class="num">{ n(j.out_of_range) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
                <p class="muted">{ t.expected_note }</p>
                if !owing.is_empty() { <p class="alert-soft">{ owing.join("; ") }</p> }
                if !st.short.is_empty() {
                    <p class="alert-soft">{ format!("{} ({} {}): {}", t.short_of_judges, t.min_judges_word, st.min_judges,
                        st.short.iter().take(20).map(|(id, k)| format!("{id} ({k})")).collect::<Vec<_>>().join(", ")
                        + &if st.short.len() > 20 { format!(" … (+{})", st.short.len() - 20) } else { String::new() }) }</p>
                }
            </section>
        }}) }
        </>
    }
}
