//! Verification of a published result (docs/formats.md, "Verify"): a result
//! JSON (§3.1, with the app's panel decisions) or a published ranking file,
//! compared number by number with the result recomputed from the inputs.
//! Shared by `kipp verify` and the organiser app.
//!
//! Every published number is compared: per stage and innovation `rank`,
//! `category_rank`, `score`, `raw`, `bonus`, each criterion's value,
//! `sheets`, `advanced`, `tie_at_cutoff`, `incomplete` and `recommended`;
//! per stage its rows and warnings; the winners and the digest. Numbers are
//! equal when they are equal at the spec's comparison precision (§2.5: q(x) =
//! round(x · 10⁶)), so a result written with fewer digits by another tool
//! still matches, and a change of 0,01 never does.

use std::collections::BTreeSet;
use std::sync::Arc;

use kipp_score::{q, Decision, Lang, Row, RunResult, StageResult};
use serde::Deserialize;

use crate::problem::Problem;

/// A published result as read from its file.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    /// The result.
    pub result: RunResult,
    /// The panel decisions it declares (applied when recomputing).
    pub decisions: Vec<Decision>,
    /// True for a published ranking file (`kipp_ranking`), false for a
    /// result JSON.
    pub ranking_file: bool,
}

#[derive(Deserialize)]
struct DecisionDoc {
    stage: String,
    innovation: String,
    /// The app writes `advanced`; `advance` is accepted too.
    #[serde(alias = "advance")]
    advanced: bool,
}

/// §3.1 plus `decisions` (fields spelled out: `flatten` would buffer the
/// whole document and pull a second deserializer into the app's wasm).
#[derive(Deserialize)]
struct ResultDoc {
    #[serde(default)]
    engine: String,
    #[serde(default)]
    digest: String,
    stages: Vec<StageResult>,
    #[serde(default)]
    winners: Vec<String>,
    #[serde(default)]
    decisions: Vec<DecisionDoc>,
}

#[derive(Deserialize)]
struct RankingDoc {
    result: RunResult,
    #[serde(default)]
    decisions: Vec<DecisionDoc>,
}

/// Reads a result JSON or a published ranking file.
pub fn read_published(name: &str, bytes: &[u8]) -> Result<Published, Vec<Problem>> {
    let file: Arc<str> = Arc::from(name);
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let bad = |e: serde_json::Error| {
        vec![Problem::new(
            &file,
            e.line() as u32,
            e.column() as u32,
            format!("hasil terbitan tidak terbaca: {e}"),
            format!("the published result cannot be read: {e}"),
        )
        .with_kind("published.json")]
    };
    let probe: serde_json::Value = serde_json::from_slice(text).map_err(bad)?;
    let ranking_file = probe.get("kipp_ranking").is_some();
    let (result, decisions) = if ranking_file {
        let d: RankingDoc = serde_json::from_slice(text).map_err(bad)?;
        (d.result, d.decisions)
    } else {
        if probe.get("stages").is_none() {
            return Err(vec![Problem::new(
                &file,
                1,
                1,
                "bukan hasil kipp: tidak ada \"stages\" (atau \"kipp_ranking\")",
                "not a kipp result: no \"stages\" (nor \"kipp_ranking\")",
            )
            .with_kind("published.kind")]);
        }
        let d: ResultDoc = serde_json::from_slice(text).map_err(bad)?;
        (
            RunResult {
                engine: d.engine,
                digest: d.digest,
                stages: d.stages,
                winners: d.winners,
            },
            d.decisions,
        )
    };
    Ok(Published {
        result,
        decisions: decisions
            .into_iter()
            .map(|d| Decision {
                stage: d.stage,
                innovation: d.innovation,
                advance: d.advanced,
            })
            .collect(),
        ranking_file,
    })
}

/// One published value that the recomputation does not give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// Stage id (`""` for the whole result).
    pub stage: String,
    /// Innovation id (`""` for the stage or the whole result).
    pub innovation: String,
    /// What differs: `digest`, `winners`, `stage`, `row`, `warnings`,
    /// `rank`, `category_rank`, `score`, `raw`, `bonus`, `criteria.<id>`,
    /// `sheets`, `advanced`, `tie_at_cutoff`, `incomplete`, `recommended`.
    pub field: String,
    /// As published (`–`: absent).
    pub published: String,
    /// As recomputed (`–`: absent).
    pub recomputed: String,
}

/// The outcome of a verification.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Verification {
    /// Everything that differs; empty when the published result matches.
    pub differences: Vec<Difference>,
    /// Stages published.
    pub stages: usize,
    /// Innovations published (distinct ids over all stages, not rows).
    pub innovations: usize,
    /// Rows published (an innovation in two stages is two rows).
    pub rows: usize,
    /// The published digest.
    pub digest: String,
}

impl Verification {
    /// True when nothing differs.
    pub fn matches(&self) -> bool {
        self.differences.is_empty()
    }
}

fn num(x: Option<f64>) -> String {
    match x {
        Some(x) => format!("{x}"),
        None => "–".into(),
    }
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => q(a) == q(b),
        (None, None) => true,
        _ => false,
    }
}

/// Compares `published` with `recomputed` (the same inputs and decisions
/// ranked again). Warnings are compared as their Indonesian sentences (how
/// results are written).
pub fn compare_results(published: &RunResult, recomputed: &RunResult) -> Verification {
    let mut out = Verification {
        stages: published.stages.len(),
        digest: published.digest.clone(),
        ..Verification::default()
    };
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    let mut d = |stage: &str, innovation: &str, field: &str, p: String, r: String| {
        out.differences.push(Difference {
            stage: stage.into(),
            innovation: innovation.into(),
            field: field.into(),
            published: p,
            recomputed: r,
        })
    };
    if published.digest != recomputed.digest {
        d(
            "",
            "",
            "digest",
            published.digest.clone(),
            recomputed.digest.clone(),
        );
    }
    if published.winners != recomputed.winners {
        d(
            "",
            "",
            "winners",
            published.winners.join(", "),
            recomputed.winners.join(", "),
        );
    }
    let mut rows = 0;
    for ps in &published.stages {
        let Some(rs) = recomputed.stages.iter().find(|s| s.id == ps.id) else {
            d(&ps.id, "", "stage", ps.id.clone(), "–".into());
            continue;
        };
        rows += ps.rows.len();
        for pr in &ps.rows {
            ids.insert(&pr.id);
            match rs.rows.iter().find(|r| r.id == pr.id) {
                Some(rr) => compare_row(&ps.id, pr, rr, &mut d),
                None => d(&ps.id, &pr.id, "row", pr.id.clone(), "–".into()),
            }
        }
        for rr in &rs.rows {
            if !ps.rows.iter().any(|p| p.id == rr.id) {
                d(&ps.id, &rr.id, "row", "–".into(), rr.id.clone());
            }
        }
        let (pw, rw) = (warnings(ps), warnings(rs));
        if pw != rw {
            d(&ps.id, "", "warnings", pw.join(" | "), rw.join(" | "));
        }
    }
    for rs in &recomputed.stages {
        if !published.stages.iter().any(|p| p.id == rs.id) {
            d(&rs.id, "", "stage", "–".into(), rs.id.clone());
        }
    }
    out.rows = rows;
    out.innovations = ids.len();
    out
}

fn warnings(s: &StageResult) -> Vec<String> {
    s.warning_messages(Lang::Id)
}

fn compare_row(
    stage: &str,
    p: &Row,
    r: &Row,
    d: &mut impl FnMut(&str, &str, &str, String, String),
) {
    let id = p.id.as_str();
    let opt = |x: Option<u32>| x.map(|x| x.to_string()).unwrap_or_else(|| "–".into());
    if p.rank != r.rank {
        d(stage, id, "rank", opt(p.rank), opt(r.rank));
    }
    if p.category_rank != r.category_rank {
        d(
            stage,
            id,
            "category_rank",
            opt(p.category_rank),
            opt(r.category_rank),
        );
    }
    for (field, a, b) in [
        ("score", p.score, r.score),
        ("raw", p.raw, r.raw),
        ("bonus", p.bonus, r.bonus),
    ] {
        if !same(a, b) {
            d(stage, id, field, num(a), num(b));
        }
    }
    for (c, v) in &p.criteria {
        let rv = r.criteria.iter().find(|(k, _)| k == c).map(|(_, v)| *v);
        if !same(Some(*v), rv) {
            d(stage, id, &format!("criteria.{c}"), num(Some(*v)), num(rv));
        }
    }
    for (c, v) in &r.criteria {
        if !p.criteria.iter().any(|(k, _)| k == c) {
            d(
                stage,
                id,
                &format!("criteria.{c}"),
                "–".into(),
                num(Some(*v)),
            );
        }
    }
    if p.sheets != r.sheets {
        d(
            stage,
            id,
            "sheets",
            p.sheets.to_string(),
            r.sheets.to_string(),
        );
    }
    for (field, a, b) in [
        ("advanced", p.advanced, r.advanced),
        ("tie_at_cutoff", p.tie_at_cutoff, r.tie_at_cutoff),
        ("incomplete", p.incomplete, r.incomplete),
    ] {
        if a != b {
            d(stage, id, field, a.to_string(), b.to_string());
        }
    }
    if p.recommended != r.recommended {
        let s = |x: Option<bool>| x.map(|b| b.to_string()).unwrap_or_else(|| "–".into());
        d(stage, id, "recommended", s(p.recommended), s(r.recommended));
    }
}
