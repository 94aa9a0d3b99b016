//! Regression tests of issue 16 (hardening) through the `kipp` binary: each
//! confirmed case exits 2 with a located message (or 1 for a bad option),
//! never 134 (abort) and never 0 with NaN in the result.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kipp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kipp"))
        .args(args)
        .output()
        .expect("kipp runs")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kipp-harden-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const COMP: &str = r#"{"kipp": 1, "name": "Uji", "stages": [{"id": "s1", "criteria": [
  {"id": "a", "weight": 10, "min": 0, "max": 10},
  {"id": "b", "weight": 30, "min": 0, "max": 10}]}]}"#;
const INN: &str = "id,title\nA,Alpha\nB,Beta\nC,Gamma\n";
const SCORES: &str = "stage,innovation,judge,criterion,score\n\
    s1,A,J1,a,9\ns1,A,J1,b,9\ns1,B,J1,a,5\ns1,B,J1,b,6\ns1,C,J1,a,2\ns1,C,J1,b,3\n";

/// A folder with the three files, `replace` applied to them by name.
fn files(name: &str, replace: &[(&str, &str)]) -> PathBuf {
    let d = tmp(name);
    for (f, text) in [("c.json", COMP), ("i.csv", INN), ("s.csv", SCORES)] {
        let text = replace
            .iter()
            .find(|(n, _)| *n == f)
            .map_or(text, |(_, t)| t);
        std::fs::write(d.join(f), text).unwrap();
    }
    d
}

fn rank(d: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "rank".to_string(),
        s(&d.join("c.json")).to_string(),
        "--innovations".into(),
        s(&d.join("i.csv")).to_string(),
        "--scores".into(),
        s(&d.join("s.csv")).to_string(),
    ];
    args.extend(extra.iter().map(|x| x.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    kipp(&args)
}

/// Exit 2 and standard error's first line is `file:line:column: …`
/// containing `want`.
fn bad(out: &Output, file: &Path, line: u32, col: u32, want: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let first = err.lines().next().unwrap_or("");
    let place = format!("{}:{line}:{col}: ", file.display());
    assert!(
        first.starts_with(&place),
        "{first:?} should start with {place:?}"
    );
    assert!(first.contains(want), "{first:?} should contain {want:?}");
}

#[test]
fn nested_brackets_exit_2_in_every_json_reader() {
    // Before: stack overflow, exit 134.
    let deep = format!("{}{}", "[".repeat(40_000), "]".repeat(40_000));
    for f in ["c.json", "i.csv", "s.csv"] {
        let d = files(&format!("nest-{f}"), &[(f, &deep)]);
        let out = rank(&d, &["--lang", "en"]);
        bad(&out, &d.join(f), 1, 33, "JSON nested too deep");
    }
    let d = files("nest-id", &[("c.json", &deep)]);
    bad(
        &rank(&d, &[]),
        &d.join("c.json"),
        1,
        33,
        "JSON bersarang terlalu dalam",
    );
}

#[test]
fn overflowing_numbers_exit_2_not_nan() {
    // Before: exit 0, every score NaN or inf.
    let cases = [
        (
            COMP.replace("\"weight\": 10", "\"weight\": 1e308"),
            2,
            25,
            "`weight` is too large: 1e308",
        ),
        (
            COMP.replace(
                "\"min\": 0, \"max\": 10}]",
                "\"min\": -1e308, \"max\": 1e308}]",
            ),
            3,
            36,
            "`min` is too large: -1e308",
        ),
        (
            COMP.replace(
                "]}]}",
                r#"], "bonus": [
  {"id": "x", "points": 1e308, "when": {"field": "title", "op": "!=", "value": "z"}},
  {"id": "y", "points": 1e308, "when": {"field": "title", "op": "!=", "value": "z"}}]}]}"#,
            ),
            4,
            25,
            "`points` is too large: 1e308",
        ),
        (
            COMP.replace("]}]}", r#"], "normalize": "zscore"}]}"#)
                .replace("\"max\": 10}", "\"max\": 1e-300}"),
            2,
            46,
            "`max` is too small: 1e-300",
        ),
        (
            COMP.replace("]}]}", r#"], "advance": {"top": 4294967296}}]}"#),
            3,
            71,
            "stages[0].advance.top is too large: 4294967296",
        ),
    ];
    for (k, (comp, line, col, want)) in cases.iter().enumerate() {
        let d = files(&format!("num-{k}"), &[("c.json", comp)]);
        bad(
            &rank(&d, &["--lang", "en"]),
            &d.join("c.json"),
            *line,
            *col,
            want,
        );
    }
}

#[test]
fn kappa_out_of_range_is_a_usage_error_and_in_range_is_finite() {
    // Before: 1e308 and 1e-320 passed and made every weight NaN (every
    // innovation rank 1 in every draw); a negative kappa became 50.
    let d = files("kappa", &[]);
    let sim = |kappa: &str| {
        kipp(&[
            "simulate",
            s(&d.join("c.json")),
            "--innovations",
            s(&d.join("i.csv")),
            "--scores",
            s(&d.join("s.csv")),
            "--draws",
            "200",
            "--format",
            "json",
            &format!("--kappa={kappa}"),
        ])
    };
    for k in ["1e308", "1e-320", "0", "-1", "NaN", "inf", "x"] {
        let out = sim(k);
        assert_eq!(out.status.code(), Some(1), "{k}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--kappa"), "{k}: {err}");
    }
    for k in ["1e-100", "0.001", "1e15"] {
        let out = sim(k);
        assert_eq!(out.status.code(), Some(0), "{k}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let rows = v["stages"][0]["rows"].as_array().unwrap();
        let firsts = rows.iter().filter(|r| r["mean_rank"] == 1.0).count();
        assert!(firsts < 3, "{k}: {rows:?}");
        for r in rows {
            assert!(r["mean_rank"].as_f64().is_some_and(f64::is_finite), "{r}");
        }
    }
}

#[test]
fn size_limits_exit_2_with_the_place() {
    // A 10 MB title.
    let title = format!("id,title\nA,{}\nB,Beta\nC,Gamma\n", "x".repeat(10_000_000));
    let d = files("title", &[("i.csv", &title)]);
    bad(
        &rank(&d, &["--lang", "en"]),
        &d.join("i.csv"),
        2,
        3,
        "10000000 characters",
    );
    // 100,000 judges.
    let mut judges = String::from("id,name\n");
    for j in 0..100_000 {
        judges.push_str(&format!("J{j},Juri {j}\n"));
    }
    let d = files("judges", &[]);
    std::fs::write(d.join("j.csv"), judges).unwrap();
    bad(
        &rank(&d, &["--judges", s(&d.join("j.csv")), "--lang", "en"]),
        &d.join("j.csv"),
        10_002,
        1,
        "Too many judges: 100000 (at most 10000).",
    );
    // 1,001 criteria (1,000 are read).
    let crits = |n: usize| {
        let c: Vec<String> = (0..n)
            .map(|k| format!(r#"{{"id": "c{k}", "weight": 1, "min": 0, "max": 10}}"#))
            .collect();
        format!(
            r#"{{"kipp": 1, "stages": [{{"id": "s1", "criteria": [{}]}}]}}"#,
            c.join(", ")
        )
    };
    let d = files("crit", &[("c.json", &crits(1001))]);
    bad(
        &rank(&d, &["--lang", "en"]),
        &d.join("c.json"),
        1,
        49,
        "Too many criteria in this stage: 1001 (at most 1000).",
    );
    let d = files(
        "crit1000",
        &[
            ("c.json", &crits(1000)),
            ("s.csv", "stage,innovation,judge\n"),
        ],
    );
    assert_eq!(rank(&d, &[]).status.code(), Some(0));
}

#[test]
fn a_file_above_256_mib_is_refused_without_reading_it_all() {
    let d = files("big", &[]);
    let f = std::fs::File::create(d.join("s.csv")).unwrap();
    // Sparse: no disk used.
    f.set_len((256 << 20) + 1).unwrap();
    let out = rank(&d, &["--lang", "en"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(
        err.trim(),
        format!(
            "{}: the file is too large: more than 256 MB",
            d.join("s.csv").display()
        )
    );
}

#[test]
fn an_empty_json_list_ranks_as_a_header_only_csv() {
    // Before: `[]` exit 2 (no id column), the header-only CSV exit 0.
    let a = files("empty-json", &[("i.csv", "[]"), ("s.csv", "[]")]);
    let b = files(
        "empty-csv",
        &[
            ("i.csv", "id,title\n"),
            ("s.csv", "stage,innovation,judge,criterion,score\n"),
        ],
    );
    let (oa, ob) = (
        rank(&a, &["--format", "json"]),
        rank(&b, &["--format", "json"]),
    );
    assert_eq!(
        oa.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&oa.stderr)
    );
    assert_eq!(ob.status.code(), Some(0));
    assert_eq!(oa.stdout, ob.stdout);
}
