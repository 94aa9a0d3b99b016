//! The `kipp` binary: exit statuses 0 / 2 / 1, formats, languages, samples.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kipp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kipp"))
        .args(args)
        .output()
        .expect("kipp runs")
}

fn vector(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/vectors")
        .join(id)
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kipp-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn rank_vector(id: &str, extra: &[&str]) -> Output {
    let d = vector(id);
    let comp = d.join("competition.json");
    let inn = ["csv", "json"]
        .iter()
        .map(|e| d.join(format!("innovations.{e}")))
        .find(|p| p.exists())
        .unwrap();
    let sc = ["csv", "json"]
        .iter()
        .map(|e| d.join(format!("scores.{e}")))
        .find(|p| p.exists())
        .unwrap();
    let judges = d.join("judges.csv");
    let mut args = vec![
        "rank",
        s(&comp),
        "--innovations",
        s(&inn),
        "--scores",
        s(&sc),
        "--judges",
        s(&judges),
    ];
    args.extend_from_slice(extra);
    kipp(&args)
}

#[test]
fn rank_json_is_the_result_of_3_1() {
    let out = rank_vector("002", &["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["engine"], "kipp 0.1.0");
    assert_eq!(v["digest"].as_str().unwrap().len(), 64);
    let want: serde_json::Value =
        serde_json::from_slice(&std::fs::read(vector("002").join("expected.json")).unwrap())
            .unwrap();
    assert_eq!(v["winners"], want["winners"]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys.len(), 4);
    // Same input, same output.
    assert_eq!(rank_vector("002", &[]).stdout, out.stdout);
}

#[test]
fn rank_table_in_both_languages() {
    let id = rank_vector("010", &["--format", "table"]);
    assert_eq!(id.status.code(), Some(0));
    let t = String::from_utf8(id.stdout).unwrap();
    for w in [
        "Peringkat",
        "Inovasi",
        "Nilai",
        "Nilai dasar",
        "Nilai tambahan",
        "Lolos",
        "Pemenang",
        "Tahap 1",
    ] {
        assert!(t.contains(w), "missing {w} in\n{t}");
    }
    assert!(t.contains("91,33"), "id-ID numbers: {t}");
    let en = rank_vector("010", &["--format", "table", "--lang", "en"]);
    assert_eq!(en.status.code(), Some(0));
    let t = String::from_utf8(en.stdout).unwrap();
    for w in [
        "Rank",
        "Innovation",
        "Score",
        "Raw",
        "Bonus",
        "Advances",
        "Winners",
        "Stage 1",
    ] {
        assert!(t.contains(w), "missing {w} in\n{t}");
    }
    assert!(t.contains("91.33"));
}

#[test]
fn rank_csv_both_languages() {
    let out = rank_vector("010", &["--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(
        t.starts_with("tahap;peringkat;peringkat_kategori;id;judul;"),
        "{}",
        &t[..80]
    );
    let out = rank_vector("010", &["--format", "csv", "--lang", "en"]);
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.starts_with("stage,rank,category_rank,id,title,"));
}

#[test]
fn rank_xlsx_needs_out_and_writes_a_workbook() {
    let out = rank_vector("010", &["--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    let d = tmp("xlsx");
    let file = d.join("hasil.xlsx");
    let out = rank_vector("010", &["--format", "xlsx", "--out", s(&file)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"PK"));
    let sheets = kipp_formats::list_sheets("hasil.xlsx", &bytes).unwrap();
    assert!(sheets.contains(&"proposal".to_string()), "{sheets:?}");
}

#[test]
fn bad_input_exits_2_with_located_errors() {
    let d = tmp("bad");
    std::fs::write(d.join("c.json"), "{\n  \"kipp\": 1,\n  \"stages\": [{\"id\": \"p\", \"criteria\": [{\"id\": \"a\", \"weight\": \"40\", \"min\": 0, \"max\": 10}]}]\n}").unwrap();
    std::fs::write(d.join("i.csv"), "id,title\nA1,x\nA1,y\n").unwrap();
    std::fs::write(
        d.join("s.csv"),
        "stage;innovation;judge;criterion;score\np;A1;J1;a;NaN\n",
    )
    .unwrap();
    let c = d.join("c.json");
    let i = d.join("i.csv");
    let sc = d.join("s.csv");
    let out = kipp(&[
        "rank",
        s(&c),
        "--innovations",
        s(&i),
        "--scores",
        s(&sc),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with(&format!("{}:3:61: ", s(&c))), "{err}");
    assert!(lines[0].contains("must be a number"), "{err}");
    assert!(
        lines[1].starts_with(&format!("{}:3:1: duplicate innovation id", s(&i))),
        "{err}"
    );
    assert!(
        lines[2].starts_with(&format!("{}:2:11: score \"NaN\" is not finite", s(&sc))),
        "{err}"
    );
    // Indonesian by default.
    let out = kipp(&["rank", s(&c), "--innovations", s(&i), "--scores", s(&sc)]);
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("id inovasi \"A1\" ganda"));
}

#[test]
fn other_failures_exit_1() {
    let out = kipp(&[
        "rank",
        "/nonexistent/competition.json",
        "--innovations",
        "x",
        "--scores",
        "y",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/competition.json"));
    let out = kipp(&["rank", "--bogus"]);
    assert_eq!(out.status.code(), Some(1));
    let out = kipp(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn sample_writes_rankable_files_deterministically() {
    let a = tmp("sample-a");
    let b = tmp("sample-b");
    for d in [&a, &b] {
        let out = kipp(&[
            "sample",
            "--innovations",
            "50",
            "--judges",
            "4",
            "--criteria",
            "3",
            "--stages",
            "3",
            "--seed",
            "9",
            "--out",
            s(d),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for f in [
        "competition.json",
        "innovations.csv",
        "scores.csv",
        "judges.csv",
    ] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f}"
        );
    }
    let comp = std::fs::read_to_string(a.join("competition.json")).unwrap();
    assert!(comp.contains("sintetis") && comp.contains("Synthetic"));
    let out = kipp(&[
        "rank",
        s(&a.join("competition.json")),
        "--innovations",
        s(&a.join("innovations.csv")),
        "--scores",
        s(&a.join("scores.csv")),
        "--judges",
        s(&a.join("judges.csv")),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["stages"].as_array().unwrap().len(), 3);
}

#[test]
fn sample_regional_preset() {
    let d = tmp("regional");
    let out = kipp(&["sample", "--preset", "regional", "--out", s(&d)]);
    assert_eq!(out.status.code(), Some(0));
    let inn = std::fs::read_to_string(d.join("innovations.csv")).unwrap();
    assert_eq!(inn.lines().count(), 108);
}

fn data_args(id: &str) -> Vec<String> {
    let d = vector(id);
    let inn = ["csv", "json"]
        .iter()
        .map(|e| d.join(format!("innovations.{e}")))
        .find(|p| p.exists())
        .unwrap();
    let sc = ["csv", "json"]
        .iter()
        .map(|e| d.join(format!("scores.{e}")))
        .find(|p| p.exists())
        .unwrap();
    vec![
        "--innovations".into(),
        s(&inn).into(),
        "--scores".into(),
        s(&sc).into(),
        "--judges".into(),
        s(&d.join("judges.csv")).into(),
    ]
}

fn kipp_owned(args: &[String]) -> Output {
    let refs: Vec<&str> = args.iter().map(|a| a.as_str()).collect();
    kipp(&refs)
}

#[test]
fn simulate_json_and_table() {
    let comp = vector("002").join("competition.json");
    let mut args: Vec<String> = vec!["simulate".into(), s(&comp).into()];
    args.extend(data_args("002"));
    args.extend(["--draws", "40", "--seed", "5", "--format", "json"].map(String::from));
    let out = kipp_owned(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["stages"][0]["draws"], 40);
    let row = &v["stages"][0]["rows"][0];
    for k in [
        "id",
        "p_advance",
        "ranked_draws",
        "mean_rank",
        "p5",
        "p50",
        "p95",
    ] {
        assert!(row.get(k).is_some(), "{k} in {row}");
    }
    // Same seed, same output.
    assert_eq!(kipp_owned(&args).stdout, out.stdout);
    let n = args.len();
    args[n - 1] = "table".into();
    let t = String::from_utf8(kipp_owned(&args).stdout).unwrap();
    assert!(
        t.contains("Peluang lolos") && t.contains("Rerata peringkat"),
        "{t}"
    );
}

/// The same output on 1, 2 and 3 threads (each draw's random numbers depend
/// only on the seed and the draw); 0 or a non-number is a usage error.
#[test]
fn simulate_threads_give_the_same_output() {
    let comp = vector("002").join("competition.json");
    let mut args: Vec<String> = vec!["simulate".into(), s(&comp).into()];
    args.extend(data_args("002"));
    args.extend(
        [
            "--draws",
            "150",
            "--seed",
            "9",
            "--resample-judges",
            "--format",
            "json",
        ]
        .map(String::from),
    );
    let default = kipp_owned(&args);
    assert_eq!(
        default.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&default.stderr)
    );
    for t in ["1", "2", "3"] {
        let mut a = args.clone();
        a.extend(["--threads".to_string(), t.to_string()]);
        let out = kipp_owned(&a);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(out.stdout, default.stdout, "--threads {t}");
    }
    for bad in ["0", "two", "-1"] {
        let mut a = args.clone();
        a.push(format!("--threads={bad}"));
        let out = kipp_owned(&a);
        assert_eq!(out.status.code(), Some(1), "--threads {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--threads"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn compare_two_scenarios() {
    let d = tmp("compare");
    let a = vector("002").join("competition.json");
    let text = std::fs::read_to_string(&a)
        .unwrap()
        .replacen("\"weight\": 15", "\"weight\": 45", 1);
    let b = d.join("b.json");
    std::fs::write(&b, text).unwrap();
    let mut args: Vec<String> = vec!["compare".into(), s(&a).into(), s(&b).into()];
    args.extend(data_args("002"));
    args.extend(["--format", "json"].map(String::from));
    let out = kipp_owned(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let st = &v["stages"][0];
    assert!(
        st["kendall_tau_b"].is_number() && st["spearman_rho"].is_number(),
        "{st}"
    );
    assert!(st["rows"][0].get("change").is_some());
    let n = args.len();
    args[n - 1] = "table".into();
    args.extend(["--lang", "en"].map(String::from));
    let t = String::from_utf8(kipp_owned(&args).stdout).unwrap();
    assert!(
        t.contains("Kendall") && t.contains("Rank A") && t.contains("Change"),
        "{t}"
    );
}

#[test]
fn judges_report_json_and_table() {
    let comp = vector("002").join("competition.json");
    let mut args: Vec<String> = vec!["judges".into(), s(&comp).into()];
    args.extend(data_args("002"));
    args.extend(["--format", "json"].map(String::from));
    let out = kipp_owned(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let st = &v["stages"][0];
    assert_eq!(st["judges"][0]["id"], "J1");
    assert!(
        st["alpha"].is_object(),
        "alpha is an object of criterion -> value: {st}"
    );
    assert!(st["leave_one_out"][0].get("advancing_changed").is_some());
    let n = args.len();
    args[n - 1] = "table".into();
    let t = String::from_utf8(kipp_owned(&args).stdout).unwrap();
    assert!(
        t.contains("Kecenderungan penilai") && t.contains("Tanpa satu juri"),
        "{t}"
    );
}

#[test]
fn one_workbook_with_named_sheets() {
    use rust_xlsxwriter::Workbook;
    let d = tmp("xlsx-input");
    let mut wb = Workbook::new();
    let inn = wb.add_worksheet();
    inn.set_name("Inovasi").unwrap();
    for (j, h) in ["id", "title", "years_running"].iter().enumerate() {
        inn.write_string(0, j as u16, *h).unwrap();
    }
    for (i, (id, title, years)) in [("A1", "Satu", 3.0), ("A2", "Dua", 1.0)].iter().enumerate() {
        let r = i as u32 + 1;
        inn.write_string(r, 0, *id).unwrap();
        inn.write_string(r, 1, *title).unwrap();
        inn.write_number(r, 2, *years).unwrap();
    }
    let sc = wb.add_worksheet();
    sc.set_name("Nilai").unwrap();
    for (j, h) in ["stage", "innovation", "judge", "a"].iter().enumerate() {
        sc.write_string(0, j as u16, *h).unwrap();
    }
    for (i, (id, v)) in [("A1", 7.0), ("A2", 8.0)].iter().enumerate() {
        let r = i as u32 + 1;
        sc.write_string(r, 0, "p").unwrap();
        sc.write_string(r, 1, *id).unwrap();
        sc.write_string(r, 2, "J1").unwrap();
        sc.write_number(r, 3, *v).unwrap();
    }
    let book = d.join("data.xlsx");
    wb.save(&book).unwrap();
    let comp = d.join("c.json");
    std::fs::write(
        &comp,
        r#"{"kipp": 1, "stages": [{"id": "p", "criteria": [{"id": "a", "weight": 1, "min": 0, "max": 10}],
           "bonus": [{"id": "lama", "points": 20, "when": {"field": "years_running", "op": ">=", "value": 2}}]}]}"#,
    )
    .unwrap();
    let out = kipp(&[
        "rank",
        s(&comp),
        "--innovations",
        s(&book),
        "--innovations-sheet",
        "Inovasi",
        "--scores",
        s(&book),
        "--scores-sheet",
        "Nilai",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // A1: 70 + 20 bonus beats A2: 80.
    assert_eq!(v["winners"], serde_json::json!(["A1", "A2"]));
    assert_eq!(v["stages"][0]["rows"][0]["score"], 90.0);
    // Without sheet names each sheet is told by its headers: the same result.
    let again = kipp(&[
        "rank",
        s(&comp),
        "--innovations",
        s(&book),
        "--scores",
        s(&book),
    ]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(again.stdout, out.stdout);
    // A chosen sheet that is not a scores table is read as one, and says so.
    let out = kipp(&[
        "rank",
        s(&comp),
        "--innovations",
        s(&book),
        "--scores",
        s(&book),
        "--scores-sheet",
        "Inovasi",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Inovasi!A1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn officer(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/officer")
        .join(name)
}

#[test]
fn rank_the_officer_workbook_as_it_is() {
    let comp = officer("competition.json");
    let book = officer("KIPP_Banyumas_2020.xlsx");
    let out = kipp(&[
        "rank",
        s(&comp),
        "--innovations",
        s(&book),
        "--scores",
        s(&book),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stage = &v["stages"][0];
    assert_eq!(stage["id"], "proposal");
    let rows = stage["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 107);
    let advanced = rows.iter().filter(|r| r["advanced"] == true).count();
    assert_eq!(advanced, 20);
    // The other subcommands read the workbook the same way.
    for cmd in ["judges", "simulate"] {
        let mut args = vec![
            cmd,
            s(&comp),
            "--innovations",
            s(&book),
            "--scores",
            s(&book),
        ];
        if cmd == "simulate" {
            args.extend_from_slice(&["--draws", "20"]);
        }
        let out = kipp(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn scores_given_twice_equal_one_combined_file() {
    let d = vector("002");
    let comp = d.join("competition.json");
    let inn = d.join("innovations.csv");
    let judges = d.join("judges.csv");
    let all = std::fs::read_to_string(d.join("scores.csv")).unwrap();
    let mut lines = all.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("stage,"), "{header}");
    let t = tmp("split");
    let (mut a, mut b) = (format!("{header}\n"), format!("{header}\n"));
    let first_stage = all.lines().nth(1).unwrap().split(',').next().unwrap();
    for l in lines {
        if l.split(',').next() == Some(first_stage) {
            a.push_str(l);
            a.push('\n');
        } else {
            b.push_str(l);
            b.push('\n');
        }
    }
    let (pa, pb) = (t.join("a.csv"), t.join("b.csv"));
    std::fs::write(&pa, &a).unwrap();
    std::fs::write(&pb, &b).unwrap();
    let base = [
        "rank",
        s(&comp),
        "--innovations",
        s(&inn),
        "--judges",
        s(&judges),
    ];
    let one = kipp(&[&base[..], &["--scores", s(&d.join("scores.csv"))]].concat());
    let two = kipp(&[&base[..], &["--scores", s(&pa), "--scores", s(&pb)]].concat());
    assert_eq!(
        one.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert_eq!(
        two.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&two.stderr)
    );
    assert_eq!(one.stdout, two.stdout);
    // The same score in both files is a duplicate, as within one file.
    let three = kipp(&[&base[..], &["--scores", s(&pa), "--scores", s(&pa)]].concat());
    assert_eq!(three.status.code(), Some(2));
}

#[test]
fn all_problems_of_all_files_in_one_run() {
    let t = tmp("mixed");
    let comp = officer("competition.json");
    let inn = t.join("innovations.csv");
    std::fs::write(&inn, "id,title\nINV-001,Satu\nINV-002,Dua\n").unwrap();
    let bad = t.join("bad.csv");
    std::fs::write(
        &bad,
        "stage,innovation,judge,criterion,score\nproposal,INV-001,J1,kebaruan,tujuh\n",
    )
    .unwrap();
    let other = t.join("other.csv");
    let mut text = String::from("stage,innovation,judge,criterion,score\n");
    for j in 1..=7 {
        text.push_str(&format!("proposal,INV-404,J{j},kebaruan,50\n"));
    }
    text.push_str("proposal,INV-002,J1,kebaruan,150\n");
    std::fs::write(&other, text).unwrap();
    let out = kipp(&[
        "rank",
        s(&comp),
        "--innovations",
        s(&inn),
        "--scores",
        s(&bad),
        "--scores",
        s(&other),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    let bad_line = format!("{}:2:", s(&bad));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&bad_line) && l.contains("not a number")),
        "{err}"
    );
    let unknown = lines
        .iter()
        .filter(|l| l.starts_with(s(&other)) && l.contains("INV-404"))
        .count();
    assert_eq!(unknown, 7, "{err}");
    let range_line = format!("{}:9:", s(&other));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&range_line) && l.contains("150")),
        "{err}"
    );
}

fn zip_names(path: &Path) -> Vec<String> {
    let z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    z.file_names().map(String::from).collect()
}

#[test]
fn templates_write_one_workbook_per_judge() {
    let d = tmp("templates");
    let out = kipp(&["sample", "--preset", "regional", "--out", s(&d)]);
    assert_eq!(out.status.code(), Some(0));
    let comp = d.join("competition.json");
    let inn = d.join("innovations.csv");
    let judges = d.join("judges.csv");
    let zip = d.join("lembar.zip");
    let args = [
        "templates",
        s(&comp),
        "--innovations",
        s(&inn),
        "--judges",
        s(&judges),
        "--out",
        s(&zip),
    ];
    let out = kipp(&args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("7 lembar penilaian untuk tahap proposal"),
        "{err}"
    );
    let mut names = zip_names(&zip);
    names.sort();
    let mut want: Vec<String> = (1..=7)
        .map(|j| format!("nilai-proposal-j0{j}.xlsx"))
        .collect();
    want.insert(0, "README.txt".into());
    assert_eq!(names, want);
    // Deterministic.
    let first = std::fs::read(&zip).unwrap();
    assert_eq!(kipp(&args).status.code(), Some(0));
    assert_eq!(std::fs::read(&zip).unwrap(), first);

    // A later stage: who advanced, from the scores; into a folder.
    let dir = d.join("presentasi");
    let out = kipp(&[
        "templates",
        s(&comp),
        "--innovations",
        s(&inn),
        "--judges",
        s(&judges),
        "--scores",
        s(&d.join("scores.csv")),
        "--stage",
        "presentasi",
        "--lang",
        "en",
        "--out",
        s(&dir),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("7 score sheets for stage presentasi, 20 innovations"),
        "{err}"
    );
    assert!(dir.join("README.txt").exists());
    assert!(dir.join("nilai-presentasi-j01.xlsx").exists());
}

#[test]
fn templates_need_judges_and_a_known_stage() {
    let d = tmp("templates-bad");
    assert_eq!(
        kipp(&["sample", "--preset", "regional", "--out", s(&d)])
            .status
            .code(),
        Some(0)
    );
    let comp = d.join("competition.json");
    let inn = d.join("innovations.csv");
    let zip = d.join("x.zip");
    let out = kipp(&[
        "templates",
        s(&comp),
        "--innovations",
        s(&inn),
        "--out",
        s(&zip),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--judges: berkas juri diperlukan"), "{err}");
    assert!(!zip.exists());
    let judges = d.join("judges.csv");
    let base = [
        "templates",
        s(&comp),
        "--innovations",
        s(&inn),
        "--judges",
        s(&judges),
    ];
    let run = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend_from_slice(extra);
        a.extend_from_slice(&["--out", s(&zip)]);
        kipp(&a)
    };
    let out = run(&["--stage", "final", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("there is no stage \"final\" (there are: proposal, presentasi)"),
        "{err}"
    );
    // A later stage without scores: who advanced is not known.
    let out = run(&["--stage", "presentasi"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--scores: tahap \"presentasi\" bukan tahap pertama"),
        "{err}"
    );
    // Located problems of the data files, as for rank.
    let bad = d.join("judges-bad.csv");
    std::fs::write(&bad, "name\nAni\n").unwrap();
    let out = kipp(&[
        "templates",
        s(&comp),
        "--innovations",
        s(&inn),
        "--judges",
        s(&bad),
        "--out",
        s(&zip),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("judges-bad.csv:1"), "{err}");
    assert!(!zip.exists());
}

#[test]
fn verify_exits_0_when_it_matches_3_when_it_differs_2_for_bad_input() {
    let d = tmp("verify");
    let out = kipp(&["sample", "--preset", "regional", "--out", s(&d)]);
    assert!(out.status.success());
    let comp = d.join("competition.json");
    let data = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = extra.iter().map(|x| x.to_string()).collect();
        v.push(s(&comp).into());
        for (flag, f) in [
            ("--innovations", "innovations.csv"),
            ("--scores", "scores.csv"),
            ("--judges", "judges.csv"),
        ] {
            v.push(flag.into());
            v.push(s(&d.join(f)).into());
        }
        v
    };
    let ranked = kipp_owned(&[vec!["rank".to_string()], data(&[])[..].to_vec()].concat());
    assert!(ranked.status.success());
    let result = d.join("hasil.json");
    std::fs::write(&result, &ranked.stdout).unwrap();
    let ok = kipp_owned(&data(&["verify", s(&result)]));
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let text = String::from_utf8(ok.stdout).unwrap();
    assert!(text.starts_with("Cocok: "), "{text}");
    // Innovations, not rows: every innovation of the second stage is also in the first.
    let r: serde_json::Value = serde_json::from_slice(&ranked.stdout).unwrap();
    let first = r["stages"][0]["rows"].as_array().unwrap().len();
    assert!(text.contains(&format!("{first} inovasi")), "{text}");

    // A score raised by 0,01 and a criterion value changed: two differences.
    let mut t = r.clone();
    let x = t["stages"][0]["rows"][0]["score"].as_f64().unwrap();
    t["stages"][0]["rows"][0]["score"] = serde_json::json!(x + 0.01);
    let c = t["stages"][1]["rows"][2]["criteria"]
        .as_object_mut()
        .unwrap();
    let (cid, v) = c.iter_mut().next().unwrap();
    let cid = cid.clone();
    *v = serde_json::json!(v.as_f64().unwrap() + 2.0);
    let tampered = d.join("diubah.json");
    std::fs::write(&tampered, serde_json::to_vec(&t).unwrap()).unwrap();
    let bad = kipp_owned(&data(&["verify", s(&tampered), "--format", "json"]));
    assert_eq!(bad.status.code(), Some(3));
    let j: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(j["matches"], false);
    let fields: Vec<&str> = j["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["score".to_string(), format!("criteria.{cid}")]);
    let table = kipp_owned(&data(&["verify", s(&tampered), "--lang", "en"]));
    assert_eq!(table.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&table.stdout).starts_with("DIFFERS: 2 differences"));

    // Bad input: exit 2 with a located message.
    let broken = d.join("rusak.json");
    std::fs::write(&broken, "{\"stages\": [\n").unwrap();
    let e = kipp_owned(&data(&["verify", s(&broken)]));
    assert_eq!(e.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&e.stderr).contains("rusak.json:2"));
}

#[test]
fn embed_writes_a_page_and_its_oembed_file() {
    let dir = tmp("embed");
    let data = dir.join("nominasi-2024.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/nominees-sample.json"),
        &data,
    )
    .unwrap();
    let out = kipp(&[
        "embed",
        s(&data),
        "--site",
        "https://pemkab.example/kipp",
        "--layout",
        "table",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The address to paste, on standard output.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "https://pemkab.example/kipp/nominasi-2024.html"
    );
    let page = std::fs::read_to_string(dir.join("nominasi-2024.html")).unwrap();
    assert!(page.contains("href=\"https://pemkab.example/kipp/nominasi-2024.oembed.json\""));
    assert!(page.contains(
        "<kipp-nominees src=\"https://pemkab.example/kipp/nominasi-2024.json\" layout=\"table\">"
    ));
    let oembed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("nominasi-2024.oembed.json")).unwrap())
            .unwrap();
    assert_eq!(oembed["type"], "rich");
    assert!(oembed["html"]
        .as_str()
        .unwrap()
        .contains("https://pemkab.example/kipp/widget/frame.html?src=https%3A%2F%2Fpemkab.example%2Fkipp%2Fnominasi-2024.json"));

    // Not a kipp file, or a relative site: exit 2, located, nothing written.
    let other = dir.join("lain.json");
    std::fs::write(&other, "{\"halo\": 1}").unwrap();
    let out = kipp(&["embed", s(&other), "--site", "https://pemkab.example/"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lain.json:1:1: bukan berkas data kipp"));
    assert!(!dir.join("lain.html").exists());
    let out = kipp(&["embed", s(&data), "--site", "kipp/", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("--site:1:1: the kipp site's address must be absolute"));
}

/// The officer's workbook, counted directly: the innovations sheet's
/// `agency` column (by its header), with calamine.
fn officer_agency_counts() -> std::collections::BTreeMap<String, u64> {
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(officer("KIPP_Banyumas_2020.xlsx")).unwrap();
    let mut counts = std::collections::BTreeMap::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let mut rows = range.rows();
        let Some(head) = rows.next() else { continue };
        let head: Vec<String> = head.iter().map(|c| c.to_string().to_lowercase()).collect();
        let (Some(a), true) = (
            head.iter()
                .position(|h| h == "agency" || h == "perangkat daerah" || h == "opd"),
            head.iter().any(|h| h.contains("judul") || h == "title"),
        ) else {
            continue;
        };
        for r in rows {
            let v = r.get(a).map(|c| c.to_string()).unwrap_or_default();
            if !v.trim().is_empty() {
                *counts.entry(v.trim().to_string()).or_insert(0) += 1;
            }
        }
    }
    counts
}

#[test]
fn summary_of_the_officer_s_data() {
    let comp = officer("competition.json");
    let book = officer("KIPP_Banyumas_2020.xlsx");
    let out = kipp(&[
        "summary",
        s(&comp),
        "--innovations",
        s(&book),
        "--scores",
        s(&book),
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kipp_summary"], 1);
    let e = &v["editions"][0];
    assert_eq!(e["innovations"], 107);
    assert_eq!(e["agencies"], 36);
    assert_eq!(e["year"], 2020);
    assert_eq!(e["stages"][0]["entered"], 107);
    assert_eq!(e["stages"][0]["advanced"], 20);
    // The presentation sheets have not arrived: that stage is not reported.
    assert_eq!(e["stages"].as_array().unwrap().len(), 1);
    // Every agency's count equals a direct count of the workbook.
    let direct = officer_agency_counts();
    assert_eq!(direct.len(), 36, "the direct count found the agency column");
    let got: std::collections::BTreeMap<String, u64> = e["by_agency"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, direct);
    let mut counts: Vec<u64> = direct.values().copied().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let top: std::collections::BTreeSet<&str> = e["top_agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let want: std::collections::BTreeSet<&str> = direct
        .iter()
        .filter(|(_, &n)| n >= counts[2])
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(top, want);

    // The table says it in one sentence; two editions merge by year.
    let table = kipp(&["summary", s(&comp), "--innovations", s(&book)]);
    assert!(String::from_utf8_lossy(&table.stdout)
        .contains("107 inovasi dari 36 perangkat daerah; terbanyak "));
    let dir = tmp("summary");
    let a = dir.join("2020.json");
    std::fs::write(&a, &out.stdout).unwrap();
    let b = dir.join("2019.json");
    let out19 = kipp(&[
        "summary",
        s(&comp),
        "--innovations",
        s(&book),
        "--year",
        "2019",
        "--format",
        "json",
    ]);
    std::fs::write(&b, &out19.stdout).unwrap();
    let merged = kipp(&["summary", "--merge", s(&a), s(&b), "--format", "json"]);
    assert_eq!(
        merged.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let m: serde_json::Value = serde_json::from_slice(&merged.stdout).unwrap();
    assert_eq!(m["editions"][0]["year"], 2019);
    assert_eq!(m["editions"][1]["year"], 2020);
    assert_eq!(m["editions"][1], e.clone());
    // The same edition twice: exit 2, both files named.
    let twice = kipp(&["summary", "--merge", s(&a), s(&a)]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("sudah ada di"));
}
