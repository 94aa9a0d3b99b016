//! Conformance: every folder of data/vectors, read through the formats crate,
//! prepared and ranked, must agree with its expected.json as
//! data/vectors/README.md says.

use std::fs;
use std::path::{Path, PathBuf};

use kipp_formats::{prepare_files, FileData, RunFiles};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/vectors")
}

fn find(dir: &Path, stem: &str) -> Option<PathBuf> {
    ["csv", "json", "xlsx"]
        .iter()
        .map(|e| dir.join(format!("{stem}.{e}")))
        .find(|p| p.exists())
}

/// Runs one vector folder; returns the result JSON value.
pub fn run(dir: &Path) -> Result<Value, String> {
    let read = |p: &Path| fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let comp = read(&dir.join("competition.json"))?;
    let inn_path = find(dir, "innovations").ok_or("no innovations file")?;
    let sc_path = find(dir, "scores").ok_or("no scores file")?;
    let inn = read(&inn_path)?;
    let sc = read(&sc_path)?;
    let judges_path = find(dir, "judges");
    let judges = match &judges_path {
        Some(p) => Some(read(p)?),
        None => None,
    };
    let files = RunFiles {
        competition: FileData::new("competition.json", &comp),
        innovations: FileData::new("innovations", &inn),
        scores: FileData::new("scores", &sc),
        judges: judges.as_deref().map(|b| FileData::new("judges.csv", b)),
    };
    let prepared = prepare_files(files).map_err(|ps| {
        ps.iter()
            .map(|p| p.render(kipp_score::Lang::En))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let result = prepared.rank();
    serde_json::from_str(&kipp_formats::result_json(&result)).map_err(|e| e.to_string())
}

fn close(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6,
        _ => a.is_null() && b.is_null(),
    }
}

/// Differences between a result and the expected one, per README.md.
pub fn differences(got: &Value, want: &Value) -> Vec<String> {
    let mut d = Vec::new();
    let gs = got["stages"].as_array().cloned().unwrap_or_default();
    let ws = want["stages"].as_array().cloned().unwrap_or_default();
    if gs.len() != ws.len() {
        d.push(format!("{} stages, expected {}", gs.len(), ws.len()));
    }
    for (g, w) in gs.iter().zip(&ws) {
        let sid = w["id"].as_str().unwrap_or("?");
        if g["id"] != w["id"] {
            d.push(format!("stage id {} != {}", g["id"], w["id"]));
        }
        let gr = g["rows"].as_array().cloned().unwrap_or_default();
        let wr = w["rows"].as_array().cloned().unwrap_or_default();
        if gr.len() != wr.len() {
            d.push(format!("{sid}: {} rows, expected {}", gr.len(), wr.len()));
        }
        for (i, (a, b)) in gr.iter().zip(&wr).enumerate() {
            for k in [
                "id",
                "rank",
                "category_rank",
                "sheets",
                "advanced",
                "tie_at_cutoff",
                "incomplete",
            ] {
                if a[k] != b[k] {
                    d.push(format!(
                        "{sid} row {i} ({}): {k} = {}, expected {}",
                        b["id"], a[k], b[k]
                    ));
                }
            }
            for k in ["score", "raw", "bonus"] {
                if !close(&a[k], &b[k]) {
                    d.push(format!(
                        "{sid} row {i} ({}): {k} = {}, expected {}",
                        b["id"], a[k], b[k]
                    ));
                }
            }
            let ac = a["criteria"].as_object().cloned().unwrap_or_default();
            let bc = b["criteria"].as_object().cloned().unwrap_or_default();
            if ac.len() != bc.len() {
                d.push(format!(
                    "{sid} row {i}: criteria {:?} expected {:?}",
                    ac.keys(),
                    bc.keys()
                ));
            }
            for (k, v) in &bc {
                if !ac.get(k).is_some_and(|x| close(x, v)) {
                    d.push(format!(
                        "{sid} row {i} ({}): criteria.{k} = {:?}, expected {v}",
                        b["id"],
                        ac.get(k)
                    ));
                }
            }
        }
    }
    if got["winners"] != want["winners"] {
        d.push(format!(
            "winners {} expected {}",
            got["winners"], want["winners"]
        ));
    }
    d
}

#[test]
fn all_public_vectors_conform() {
    let mut dirs: Vec<PathBuf> = fs::read_dir(vectors_dir())
        .expect("data/vectors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 20,
        "expected the public vectors, found {}",
        dirs.len()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let want: Value =
            serde_json::from_slice(&fs::read(dir.join("expected.json")).expect("expected.json"))
                .expect("expected.json is JSON");
        match run(dir) {
            Err(e) => failures.push(format!("{}: error\n{e}", dir.display())),
            Ok(got) => {
                let d = differences(&got, &want);
                if !d.is_empty() {
                    failures.push(format!(
                        "{}: {} differences\n  {}",
                        dir.display(),
                        d.len(),
                        d.iter().take(8).cloned().collect::<Vec<_>>().join("\n  ")
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors fail:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}
