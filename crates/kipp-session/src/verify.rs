//! Verify: a published result JSON (or ranking file) against the result
//! recomputed from the current inputs: the digest and every row's rank and
//! advancing status.

use kipp_score::Lang;
use serde_json::Value;

use crate::run::Computed;
use crate::words::words;

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
pub fn verify(computed: Option<&Computed>, file: &str, text: &str, lang: Lang) -> VerifyOutcome {
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
    let Some(computed) = computed else {
        out.error = Some(words(lang).cannot_rank.to_string());
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
