//! Builders for tests: inputs in code, no files.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::Arc;

use kipp_score::*;

pub fn crit(id: &str, weight: f64, min: f64, max: f64) -> Criterion {
    Criterion {
        id: id.into(),
        name: id.into(),
        weight,
        min,
        max,
    }
}

pub fn stage(id: &str, criteria: Vec<Criterion>) -> Stage {
    Stage {
        id: id.into(),
        name: id.into(),
        criteria,
        normalize: Normalize::None,
        aggregate: Aggregate::Mean,
        min_judges: 1,
        bonus: vec![],
        combine: None,
        tie_break: vec![],
        advance: None,
    }
}

pub fn comp(stages: Vec<Stage>) -> Competition {
    Competition {
        name: "Uji".into(),
        description: String::new(),
        stages,
    }
}

pub fn attr(text: &str) -> Attr {
    let t = text.trim();
    let numeric = {
        let b = t.strip_prefix('-').unwrap_or(t);
        let mut parts = b.splitn(2, '.');
        let a = parts.next().unwrap_or("");
        let c = parts.next();
        !a.is_empty()
            && a.bytes().all(|x| x.is_ascii_digit())
            && c.is_none_or(|c| !c.is_empty() && c.bytes().all(|x| x.is_ascii_digit()))
    };
    Attr {
        text: t.to_string(),
        number: if numeric { t.parse().ok() } else { None },
    }
}

pub fn inn(id: &str) -> Innovation {
    inn_full(id, "", "", &[])
}

pub fn inn_full(id: &str, agency: &str, category: &str, extra: &[(&str, &str)]) -> Innovation {
    let mut attrs = BTreeMap::new();
    attrs.insert("id".to_string(), attr(id));
    attrs.insert("title".to_string(), attr(&format!("Inovasi {id}")));
    if !agency.is_empty() {
        attrs.insert("agency".to_string(), attr(agency));
    }
    if !category.is_empty() {
        attrs.insert("category".to_string(), attr(category));
    }
    for (k, v) in extra {
        if !v.is_empty() {
            attrs.insert(k.to_string(), attr(v));
        }
    }
    Innovation {
        id: id.into(),
        title: format!("Inovasi {id}"),
        unit: String::new(),
        agency: agency.into(),
        category: category.into(),
        group: String::new(),
        eligible: true,
        attrs,
        loc: loc("innovations.csv", 1),
    }
}

pub fn loc(file: &str, line: u32) -> Loc {
    Loc {
        file: Arc::from(file),
        line,
        column: 1,
    }
}

pub fn sc(stage: &str, inn: &str, judge: &str, crit: &str, value: f64) -> Score {
    Score {
        stage: stage.into(),
        innovation: inn.into(),
        judge: judge.into(),
        criterion: crit.into(),
        value,
        loc: loc("scores.csv", 2),
        cols: [1, 2, 3, 4, 5],
    }
}

/// Sheets: (innovation, judge, values in criterion order) for a stage.
pub fn sheets(stage: &Stage, rows: &[(&str, &str, &[f64])]) -> Vec<Score> {
    let mut out = Vec::new();
    for (line, (i, j, v)) in rows.iter().enumerate() {
        for (c, x) in stage.criteria.iter().zip(v.iter()) {
            let mut s = sc(&stage.id, i, j, &c.id, *x);
            s.loc.line = line as u32 + 2;
            out.push(s);
        }
    }
    out
}

pub fn judge(id: &str, agency: &str, conflicts: &[&str]) -> Judge {
    Judge {
        id: id.into(),
        name: id.into(),
        agency: agency.into(),
        conflicts: conflicts.iter().map(|s| s.to_string()).collect(),
        loc: loc("judges.csv", 2),
    }
}

pub fn inputs(c: Competition, innovations: Vec<Innovation>, scores: Vec<Score>) -> Inputs {
    Inputs {
        competition: c,
        innovations,
        scores,
        judges: None,
    }
}

pub fn run(i: &Inputs) -> RunResult {
    match prepare(i) {
        Ok(p) => p.rank(),
        Err(e) => panic!(
            "prepare failed: {:?}",
            e.iter().map(|d| d.message(Lang::En)).collect::<Vec<_>>()
        ),
    }
}

pub fn row<'a>(r: &'a RunResult, stage: usize, id: &str) -> &'a Row {
    r.stages[stage]
        .rows
        .iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

pub fn ids(r: &RunResult, stage: usize) -> Vec<&str> {
    r.stages[stage].rows.iter().map(|x| x.id.as_str()).collect()
}

pub fn ranks(r: &RunResult, stage: usize) -> Vec<Option<u32>> {
    r.stages[stage].rows.iter().map(|x| x.rank).collect()
}

pub fn advanced(r: &RunResult, stage: usize) -> Vec<&str> {
    r.stages[stage]
        .rows
        .iter()
        .filter(|x| x.advanced)
        .map(|x| x.id.as_str())
        .collect()
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

/// One criterion 0..100 (s = the score): a stage where innovation i gets
/// exactly `scores[i]` from a single judge.
pub fn direct(stage_id: &str, scores: &[(&str, f64)]) -> (Stage, Vec<Score>) {
    let st = stage(stage_id, vec![crit("nilai", 1.0, 0.0, 100.0)]);
    let rows: Vec<(&str, &str, Vec<f64>)> =
        scores.iter().map(|(i, v)| (*i, "J1", vec![*v])).collect();
    let mut out = Vec::new();
    for (i, j, v) in &rows {
        out.push(sc(stage_id, i, j, "nilai", v[0]));
    }
    (st, out)
}
