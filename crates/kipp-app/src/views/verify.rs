//! Verify: a published result JSON against the result recomputed from the
//! current inputs: the digest and every row's rank and advancing status.

use serde_json::Value;
use yew::prelude::*;

use crate::app::App;
use crate::views::start::picker;

/// One difference.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// Stage id ("" for the whole result).
    pub stage: String,
    /// Innovation id ("" for the whole result).
    pub id: String,
    /// What differs (`digest`, `rank`, `advanced`, `row`, `stage`, ...).
    pub field: String,
    /// In the published file.
    pub expected: String,
    /// Recomputed.
    pub actual: String,
}

/// The outcome of a verification.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyOutcome {
    /// The published file.
    pub file: String,
    /// Unreadable file: the message.
    pub error: Option<String>,
    /// Digest of the published file.
    pub digest: String,
    /// Everything that differs (empty: it matches).
    pub differences: Vec<Difference>,
    /// Rows compared.
    pub rows: usize,
}

fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "–".into(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// Compares the published result `text` with the recomputed run.
pub fn verify(app: &App, file: &str, text: &str) -> VerifyOutcome {
    let mut out = VerifyOutcome {
        file: file.to_string(),
        error: None,
        digest: String::new(),
        differences: Vec::new(),
        rows: 0,
    };
    let published: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            out.error = Some(e.to_string());
            return out;
        }
    };
    // A published ranking file (`kipp_ranking`) holds the result under "result".
    let published = match published.get("result") {
        Some(r) if published.get("kipp_ranking").is_some() => r.clone(),
        _ => published,
    };
    out.digest = show(published.get("digest"));
    let Some(computed) = &app.computed else {
        out.error = Some(app.t().cannot_rank.to_string());
        return out;
    };
    let run = &computed.view;
    let mut diff = |stage: &str, id: &str, field: &str, e: String, a: String| {
        out.differences.push(Difference {
            stage: stage.into(),
            id: id.into(),
            field: field.into(),
            expected: e,
            actual: a,
        })
    };
    if out.digest != run.digest {
        diff("", "", "digest", out.digest.clone(), run.digest.clone());
    }
    let stages = published
        .get("stages")
        .and_then(|s| s.as_array())
        .cloned()
        .unwrap_or_default();
    let mut rows = 0;
    for ps in &stages {
        let sid = show(ps.get("id"));
        let Some(rs) = run.stages.iter().find(|s| s.id == sid) else {
            diff(&sid, "", "stage", sid.clone(), "–".into());
            continue;
        };
        let prow = ps
            .get("rows")
            .and_then(|r| r.as_array())
            .cloned()
            .unwrap_or_default();
        for pr in &prow {
            rows += 1;
            let id = show(pr.get("id"));
            let Some(r) = rs.rows.iter().find(|r| r.id == id) else {
                diff(&sid, &id, "row", id.clone(), "–".into());
                continue;
            };
            let prank = pr.get("rank").and_then(|v| v.as_u64());
            if prank != r.rank.map(u64::from) {
                diff(
                    &sid,
                    &id,
                    "rank",
                    show(pr.get("rank")),
                    r.rank.map(|x| x.to_string()).unwrap_or_else(|| "–".into()),
                );
            }
            let padv = pr
                .get("advanced")
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if padv != r.advanced {
                diff(
                    &sid,
                    &id,
                    "advanced",
                    padv.to_string(),
                    r.advanced.to_string(),
                );
            }
        }
        for r in &rs.rows {
            if !prow.iter().any(|p| show(p.get("id")) == r.id) {
                diff(&sid, &r.id, "row", "–".into(), r.id.clone());
            }
        }
    }
    for rs in &run.stages {
        if !stages.iter().any(|p| show(p.get("id")) == rs.id) {
            diff(&rs.id, "", "stage", "–".into(), rs.id.clone());
        }
    }
    out.rows = rows;
    out
}

/// The verify screen.
pub fn view(app: &App, ctx: &Context<App>) -> Html {
    let t = app.t();
    let outcome = app.verify.as_ref().map(|v| {
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
        { picker(app, ctx, "verify-file", t.choose_result, ".json") }
        { outcome }
        </>
    }
}
