//! Verify: a published result JSON (or ranking file) against the result
//! recomputed from the project's inputs: every published number, the
//! winners, the warnings and the digest (kipp_session::verify).

use yew::prelude::*;

use crate::app::Ctx;
use crate::views::start::picker;

/// A published field in words.
fn field_label(c: &Ctx, f: &str) -> String {
    let t = c.t;
    if let Some(id) = f.strip_prefix("criteria.") {
        return format!("{}: {id}", t.criteria);
    }
    match f {
        "digest" => t.digest_differs,
        "winners" => t.winners_word,
        "stage" => t.stage,
        "row" => t.row_word,
        "warnings" => t.warnings,
        "rank" => t.rank,
        "category_rank" => t.category_rank_word,
        "score" => t.score,
        "raw" => t.raw,
        "bonus" => t.bonus,
        "sheets" => t.sheets,
        "advanced" => t.advanced_word,
        "tie_at_cutoff" => t.tie_at_cutoff,
        "incomplete" => t.incomplete,
        "recommended" => t.recommendation,
        other => return other.to_string(),
    }
    .to_string()
}

/// The verify screen.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let n = |x: usize| crate::fmt::num(x as f64, 0, c.lang);
    let outcome = c.s.verify.as_ref().map(|v| {
        if let Some(e) = &v.error {
            return html! { <p class="alert" role="alert">{ format!("{}: {}", v.file, e) }</p> };
        }
        let counts = t
            .verify_counts_fmt
            .replace("{i}", &n(v.innovations))
            .replace("{s}", &n(v.stages))
            .replace("{r}", &n(v.rows))
            .replace("{d}", &n(v.decisions));
        let note = v.decisions_differ.then(|| html! { <p class="alert-soft">{ t.verify_decisions_differ }</p> });
        if v.differences.is_empty() {
            html! {
                <div class="ok-box" role="status">
                    <p><strong>{ t.verify_ok }</strong></p>
                    <p id="verify-counts">{ format!("{} — {counts}", v.file) }</p>
                    <p class="digest"><code>{ v.digest.clone() }</code></p>
                    { for note }
                </div>
            }
        } else {
            html! {
                <div class="problems" role="alert">
                    <p><strong>{ t.verify_bad }</strong>{ format!(" {} ({})", v.file, n(v.differences.len())) }</p>
                    <p id="verify-counts">{ counts }</p>
                    { for note }
                    <div class="table-wrap" tabindex="0">
                    <table id="verify-differences">
                        <thead><tr>
                            <th scope="col">{ t.stage }</th><th scope="col">{ "ID" }</th><th scope="col">{ t.field }</th>
                            <th scope="col">{ t.expected }</th><th scope="col">{ t.actual }</th>
                        </tr></thead>
                        <tbody>
                        { for v.differences.iter().map(|d| html! {
                            <tr data-field={d.field.clone()}><td>{ d.stage.clone() }</td><td>{ d.innovation.clone() }</td>
                                <td>{ field_label(c, &d.field) }</td>
                                <td><code>{ d.published.clone() }</code></td><td><code>{ d.recomputed.clone() }</code></td></tr>
                        }) }
                        </tbody>
                    </table>
                    </div>
                </div>
            }
        }
    });
    html! {
        <>
        <h1>{ t.verify_heading }</h1>
        <p>{ t.verify_text }</p>
        { picker(c, "verify-file", t.choose_result, ".json") }
        { outcome }
        </>
    }
}
