//! Verify: a published result JSON against the result recomputed from the
//! current inputs: the digest and every row's rank and advancing status.

use yew::prelude::*;

use crate::app::Ctx;
use crate::views::start::picker;

/// The verify screen.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let outcome = c.s.verify.as_ref().map(|v| {
        if let Some(e) = &v.error {
            return html! { <p class="alert" role="alert">{ format!("{}: {}", v.file, e) }</p> };
        }
        if v.differences.is_empty() {
            html! {
                <div class="ok-box" role="status">
                    <p><strong>{ t.verify_ok }</strong></p>
                    <p>{ format!("{} — {} {}", v.file, v.rows, t.innovations.to_lowercase()) }</p>
                    <p class="digest"><code>{ v.digest.clone() }</code></p>
                </div>
            }
        } else {
            html! {
                <div class="problems" role="alert">
                    <p><strong>{ t.verify_bad }</strong>{ format!(" {} ({})", v.file, v.differences.len()) }</p>
                    <div class="table-wrap" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">{ t.stage }</th><th scope="col">{ "ID" }</th><th scope="col">{ t.field }</th>
                            <th scope="col">{ t.expected }</th><th scope="col">{ t.actual }</th>
                        </tr></thead>
                        <tbody>
                        { for v.differences.iter().map(|d| html! {
                            <tr><td>{ d.stage.clone() }</td><td>{ d.id.clone() }</td>
                                <td>{ match d.field.as_str() {
                                    "digest" => t.digest_differs,
                                    "rank" => t.rank,
                                    "advanced" => t.status,
                                    "stage" => t.stage,
                                    _ => t.innovations,
                                } }</td>
                                <td><code>{ d.expected.clone() }</code></td><td><code>{ d.actual.clone() }</code></td></tr>
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
