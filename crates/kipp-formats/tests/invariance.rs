//! The same competition written in every way §1.5 allows (delimiters, decimal
//! commas, BOM, quoting, row and column order, long and wide form, JSON
//! lists) gives the identical result, digest included.

use std::collections::BTreeMap;

use kipp_formats::sample::{generate, SampleOptions};
use kipp_formats::{competition_json, prepare_files, result_json, FileData, RunFiles};
use kipp_score::{Attr, BonusRule, Inputs, Op, RuleValue};

type Table = (Vec<String>, Vec<Vec<String>>);

fn base() -> Inputs {
    let mut inputs = generate(&SampleOptions {
        innovations: 40,
        judges: 4,
        criteria: 3,
        stages: 2,
        tops: vec![12],
        final_top: 4,
        seed: 7,
        ..SampleOptions::default()
    });
    // Titles that need quoting in every dialect, and a decimal attribute
    // that a bonus rule reads (so the decimal comma matters).
    for (i, inn) in inputs.innovations.iter_mut().enumerate() {
        if i % 3 == 0 {
            inn.title = format!("{}; \"edisi\", ke-{i}\ttab", inn.title);
        }
        let rating = format!("{}.{}", i % 5, i % 10);
        inn.attrs.insert(
            "rating".into(),
            Attr {
                number: rating.parse().ok(),
                text: rating,
            },
        );
    }
    inputs.competition.stages[0].bonus.push(BonusRule {
        id: "rating".into(),
        points: 2.5,
        field: "rating".into(),
        op: Op::Ge,
        value: RuleValue::One(Attr {
            text: "2.5".into(),
            number: Some(2.5),
        }),
    });
    inputs
}

fn innovations_table(inputs: &Inputs) -> Table {
    let head: Vec<String> = [
        "id",
        "title",
        "unit",
        "agency",
        "category",
        "years_running",
        "rating",
        "eligible",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // `rating` only where base() added it.
    let rating = inputs
        .innovations
        .iter()
        .any(|i| i.attrs.contains_key("rating"));
    let rows = inputs
        .innovations
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.title.clone(),
                i.unit.clone(),
                i.agency.clone(),
                i.category.clone(),
                i.attrs["years_running"].text.clone(),
                i.attrs
                    .get("rating")
                    .map(|a| a.text.clone())
                    .unwrap_or_default(),
                if i.eligible { "Ya" } else { "TIDAK" }.to_string(),
            ]
        })
        .map(|mut r| {
            if !rating {
                r.remove(6);
            }
            r
        })
        .collect();
    let mut head = head;
    if !rating {
        head.remove(6);
    }
    (head, rows)
}

fn scores_long(inputs: &Inputs) -> Table {
    let head = ["stage", "innovation", "judge", "criterion", "score"]
        .map(String::from)
        .to_vec();
    let rows = inputs
        .scores
        .iter()
        .map(|s| {
            vec![
                s.stage.to_string(),
                s.innovation.to_string(),
                s.judge.to_string(),
                s.criterion.to_string(),
                format!("{}", s.value),
            ]
        })
        .collect();
    (head, rows)
}

fn scores_wide(inputs: &Inputs) -> Table {
    let mut crits: Vec<String> = Vec::new();
    for st in &inputs.competition.stages {
        for c in &st.criteria {
            if !crits.contains(&c.id) {
                crits.push(c.id.clone());
            }
        }
    }
    let mut sheets: BTreeMap<(String, String, String), BTreeMap<String, f64>> = BTreeMap::new();
    for s in &inputs.scores {
        sheets
            .entry((
                s.stage.to_string(),
                s.innovation.to_string(),
                s.judge.to_string(),
            ))
            .or_default()
            .insert(s.criterion.to_string(), s.value);
    }
    let mut head = ["stage", "innovation", "judge"].map(String::from).to_vec();
    head.extend(crits.iter().cloned());
    let mut rows: Vec<Vec<String>> = sheets
        .into_iter()
        .map(|((st, i, j), vals)| {
            let mut r = vec![st, i, j];
            r.extend(
                crits
                    .iter()
                    .map(|c| vals.get(c).map(|v| format!("{v}")).unwrap_or_default()),
            );
            r
        })
        .collect();
    // A row of only empty scores is ignored (§1.3).
    let mut empty = vec!["proposal".to_string(), "INV-001".into(), "J9".into()];
    empty.extend(crits.iter().map(|_| String::new()));
    rows.push(empty);
    (head, rows)
}

fn judges_table(inputs: &Inputs) -> Table {
    let head = ["id", "name", "agency", "conflicts"]
        .map(String::from)
        .to_vec();
    let rows = inputs
        .judges
        .iter()
        .flatten()
        .map(|j| {
            vec![
                j.id.clone(),
                j.name.clone(),
                j.agency.clone(),
                j.conflicts.join(" | "),
            ]
        })
        .collect();
    (head, rows)
}

/// A small deterministic permutation.
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..v.len()).rev() {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (x >> 33) as usize % (i + 1);
        v.swap(i, j);
    }
}

fn shuffled(t: &Table, seed: u64) -> Table {
    let mut cols: Vec<usize> = (0..t.0.len()).collect();
    shuffle(&mut cols, seed);
    let mut rows = t.1.clone();
    shuffle(&mut rows, seed + 1);
    let pick = |r: &Vec<String>| cols.iter().map(|&c| r[c].clone()).collect::<Vec<_>>();
    (pick(&t.0), rows.iter().map(pick).collect())
}

fn is_decimal(s: &str) -> bool {
    let t = s.strip_prefix('-').unwrap_or(s);
    match t.split_once('.') {
        Some((a, b)) => {
            !a.is_empty() && !b.is_empty() && (a.to_owned() + b).bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

fn csv(t: &Table, delim: u8, bom: bool, padded: bool) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delim)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let conv = |s: &String| {
        let s = if delim == b';' && is_decimal(s) {
            s.replace('.', ",")
        } else {
            s.clone()
        };
        if padded && !s.contains('"') && !s.contains(delim as char) {
            format!(" {s} ")
        } else {
            s
        }
    };
    w.write_record(&t.0).unwrap();
    for r in &t.1 {
        w.write_record(r.iter().map(conv)).unwrap();
    }
    let mut out = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    out.extend(w.into_inner().unwrap());
    out
}

fn json_list(t: &Table, numeric: &[&str]) -> Vec<u8> {
    let list: Vec<serde_json::Value> =
        t.1.iter()
            .map(|r| {
                let mut m = serde_json::Map::new();
                for (h, v) in t.0.iter().zip(r) {
                    let val = if numeric.contains(&h.as_str()) && !v.is_empty() {
                        serde_json::Value::from(v.parse::<f64>().unwrap())
                    } else if h == "eligible" {
                        serde_json::Value::Bool(v.eq_ignore_ascii_case("ya"))
                    } else {
                        serde_json::Value::from(v.clone())
                    };
                    if !(v.is_empty() && numeric.contains(&h.as_str())) {
                        m.insert(h.clone(), val);
                    }
                }
                serde_json::Value::Object(m)
            })
            .collect();
    serde_json::to_vec_pretty(&list).unwrap()
}

fn rank(comp: &[u8], inn: &[u8], scores: &[u8], judges: &[u8]) -> String {
    let p = prepare_files(RunFiles {
        competition: FileData::new("competition.json", comp),
        innovations: FileData::new("innovations", inn),
        scores: FileData::new("scores", scores),
        judges: Some(FileData::new("judges", judges)),
    })
    .unwrap_or_else(|ps| {
        panic!(
            "{}",
            ps.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    result_json(&p.rank())
}

#[test]
fn every_way_of_writing_gives_the_same_result_and_digest() {
    let inputs = base();
    let comp = competition_json(&inputs.competition);
    let inn = innovations_table(&inputs);
    let long = scores_long(&inputs);
    let wide = scores_wide(&inputs);
    let judges = judges_table(&inputs);
    let reference = rank(
        comp.as_bytes(),
        &csv(&inn, b',', false, false),
        &csv(&long, b',', false, false),
        &csv(&judges, b',', false, false),
    );
    assert!(reference.contains("\"digest\": \""));

    let mut variants: Vec<(&str, String)> = Vec::new();
    for (name, delim, bom) in [
        ("semicolon", b';', false),
        ("tab", b'\t', false),
        ("bom-comma", b',', true),
        ("bom-semicolon", b';', true),
    ] {
        variants.push((
            name,
            rank(
                comp.as_bytes(),
                &csv(&inn, delim, bom, false),
                &csv(&long, delim, bom, false),
                &csv(&judges, delim, bom, false),
            ),
        ));
    }
    variants.push((
        "white space around fields",
        rank(
            comp.as_bytes(),
            &csv(&inn, b',', false, true),
            &csv(&long, b';', false, true),
            &csv(&judges, b'\t', false, true),
        ),
    ));
    for seed in [1, 2, 3] {
        variants.push((
            "shuffled rows and columns",
            rank(
                comp.as_bytes(),
                &csv(&shuffled(&inn, seed), b';', false, false),
                &csv(&shuffled(&long, seed * 7), b',', false, false),
                &csv(&shuffled(&judges, seed * 3), b'\t', false, false),
            ),
        ));
    }
    variants.push((
        "wide",
        rank(
            comp.as_bytes(),
            &csv(&inn, b',', false, false),
            &csv(&wide, b',', false, false),
            &csv(&judges, b',', false, false),
        ),
    ));
    variants.push((
        "wide shuffled with decimal comma",
        rank(
            comp.as_bytes(),
            &csv(&inn, b',', false, false),
            &csv(&shuffled(&wide, 5), b';', true, false),
            &csv(&judges, b',', false, false),
        ),
    ));
    let numeric_scores: Vec<&str> = wide
        .0
        .iter()
        .skip(3)
        .map(|s| s.as_str())
        .chain(["score"])
        .collect();
    variants.push((
        "JSON lists",
        rank(
            comp.as_bytes(),
            &json_list(&inn, &["years_running", "rating"]),
            &json_list(&long, &numeric_scores),
            &csv(&judges, b',', false, false),
        ),
    ));
    variants.push((
        "JSON wide",
        rank(
            comp.as_bytes(),
            &json_list(&shuffled(&inn, 9), &[]),
            &json_list(&wide, &numeric_scores),
            &csv(&judges, b',', false, false),
        ),
    ));
    let compact_comp =
        serde_json::to_vec(&serde_json::from_str::<serde_json::Value>(&comp).unwrap()).unwrap();
    variants.push((
        "competition without white space",
        rank(
            &compact_comp,
            &csv(&inn, b',', false, false),
            &csv(&long, b',', false, false),
            &csv(&judges, b',', false, false),
        ),
    ));
    let mut failures = Vec::new();
    for (name, got) in &variants {
        if got != &reference {
            let first = got
                .lines()
                .zip(reference.lines())
                .enumerate()
                .find(|(_, (a, b))| a != b)
                .map(|(i, (a, b))| format!("line {}: {a:?} != {b:?}", i + 1))
                .unwrap_or_else(|| "length differs".into());
            failures.push(format!("{name}: {first}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_changed_value_changes_the_digest() {
    let inputs = base();
    let comp = competition_json(&inputs.competition);
    let inn = innovations_table(&inputs);
    let mut long = scores_long(&inputs);
    let judges = judges_table(&inputs);
    let digest = |r: &str| serde_json::from_str::<serde_json::Value>(r).unwrap()["digest"].clone();
    let a = rank(
        comp.as_bytes(),
        &csv(&inn, b',', false, false),
        &csv(&long, b',', false, false),
        &csv(&judges, b',', false, false),
    );
    let v: f64 = long.1[0][4].parse().unwrap();
    long.1[0][4] = format!("{}", if v > 5.0 { v - 1.0 } else { v + 1.0 });
    let b = rank(
        comp.as_bytes(),
        &csv(&inn, b',', false, false),
        &csv(&long, b',', false, false),
        &csv(&judges, b',', false, false),
    );
    assert_ne!(digest(&a), digest(&b));
}

#[test]
fn competition_json_round_trips() {
    let inputs = base();
    let text = competition_json(&inputs.competition);
    let back = kipp_formats::parse_competition("c.json", text.as_bytes()).unwrap();
    assert_eq!(back, inputs.competition);
    for dir in
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/vectors")).unwrap()
    {
        let path = dir.unwrap().path().join("competition.json");
        if !path.exists() {
            continue;
        }
        let c = kipp_formats::parse_competition("c.json", &std::fs::read(&path).unwrap()).unwrap();
        let again =
            kipp_formats::parse_competition("c.json", competition_json(&c).as_bytes()).unwrap();
        assert_eq!(again, c, "{}", path.display());
    }
}

#[test]
fn presets_parse_and_validate() {
    for (id, file, text) in kipp_formats::presets::ALL {
        let c = kipp_formats::parse_competition(file, text.as_bytes())
            .unwrap_or_else(|ps| panic!("{id}: {ps:?}"));
        assert!(!c.description.is_empty(), "{id} cites its source");
        let on_disk = std::fs::read(format!(
            "{}/../../data/presets/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert_eq!(on_disk, text.as_bytes(), "{id}");
        for s in &c.stages {
            let sum: f64 = s.criteria.iter().map(|c| c.weight).sum();
            assert_eq!(sum, 100.0, "{id}/{}", s.id);
        }
    }
    let kipp = kipp_formats::parse_competition(
        "k.json",
        kipp_formats::presets::KIPP_NASIONAL_2023_PROPOSAL.as_bytes(),
    )
    .unwrap();
    let w: Vec<(&str, f64)> = kipp.stages[0]
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.weight))
        .collect();
    assert_eq!(
        w,
        [
            ("latar-belakang", 10.0),
            ("kebaruan", 15.0),
            ("implementasi", 5.0),
            ("signifikansi", 30.0),
            ("adaptabilitas", 20.0),
            ("sumber-daya", 5.0),
            ("keberlanjutan", 15.0)
        ]
    );
    let iga = kipp_formats::parse_competition(
        "i.json",
        kipp_formats::presets::IGA_2023_PRESENTASI.as_bytes(),
    )
    .unwrap();
    let w: Vec<f64> = iga.stages[0].criteria.iter().map(|c| c.weight).collect();
    assert_eq!(w, [30.0, 25.0, 15.0, 20.0, 10.0]);
    let reg = kipp_formats::parse_competition("r.json", kipp_formats::presets::REGIONAL.as_bytes())
        .unwrap();
    assert_eq!(reg.stages.len(), 2);
    assert_eq!(reg.stages[0].advance.as_ref().and_then(|a| a.top), Some(20));
    assert_eq!(reg.stages[1].advance.as_ref().and_then(|a| a.top), Some(10));
    assert_eq!(reg.stages[0].bonus[0].field, "years_running");
}

#[test]
fn regional_sample_is_the_demo_shape() {
    let inputs = generate(&SampleOptions::regional());
    assert_eq!(inputs.innovations.len(), 107);
    let agencies: std::collections::BTreeSet<&str> = inputs
        .innovations
        .iter()
        .map(|i| i.agency.as_str())
        .collect();
    assert!(
        agencies.len() >= 30 && agencies.len() <= 36,
        "{}",
        agencies.len()
    );
    assert!(inputs.competition.name.contains("sintetis"));
    let p = kipp_score::prepare(&inputs).expect("valid");
    let r = p.rank();
    assert_eq!(r.stages[0].rows.iter().filter(|r| r.advanced).count(), 20);
    assert!(r.winners.len() >= 10);
    // Deterministic by seed.
    assert_eq!(generate(&SampleOptions::regional()), inputs);
    // Ties happen with integer-heavy scores (on some raw criterion value).
    let national = generate(&SampleOptions {
        innovations: 300,
        ..SampleOptions::default()
    });
    let r = kipp_score::prepare(&national).unwrap().rank();
    let scores: Vec<i64> = r.stages[0]
        .rows
        .iter()
        .filter_map(|r| r.score)
        .map(|s| (s * 1e6).round() as i64)
        .collect();
    let distinct: std::collections::BTreeSet<i64> = scores.iter().copied().collect();
    assert!(distinct.len() < scores.len(), "some shared scores expected");
}

/// A table as the only sheet of a workbook: numbers as numbers (as a
/// spreadsheet holds them), everything else as text.
fn xlsx(t: &Table, numeric: &[&str]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in t.0.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in t.1.iter().enumerate() {
        for (c, (h, v)) in t.0.iter().zip(row).enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v.parse::<f64>() {
                Ok(x) if numeric.contains(&h.as_str()) => ws.write_number(r, c, x).unwrap(),
                _ if v.is_empty() => ws,
                _ => ws.write_string(r, c, v).unwrap(),
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 24, ..Default::default() })]

    /// For random valid competitions and data (sizes, stages, criteria,
    /// judges, advancing and seed drawn), the CSV (comma and semicolon with
    /// decimal commas), JSON-list and XLSX forms of the same files, and the
    /// scores in another row order, give the same result, digest included.
    #[test]
    fn random_competitions_give_the_same_digest_in_every_form(
        innovations in 1usize..50,
        judges in 1usize..6,
        criteria in 1usize..5,
        stages in 1usize..4,
        top in 1u32..20,
        seed in proptest::prelude::any::<u64>(),
        order in proptest::prelude::any::<u64>(),
    ) {
        let inputs = generate(&SampleOptions {
            innovations,
            judges,
            criteria,
            stages,
            tops: vec![top; stages.saturating_sub(1)],
            final_top: top.min(5),
            seed,
            ..SampleOptions::default()
        });
        let comp = competition_json(&inputs.competition);
        let inn = innovations_table(&inputs);
        let long = scores_long(&inputs);
        let jt = judges_table(&inputs);
        let numeric_inn = ["years_running"];
        let numeric_scores = ["score"];
        let reference = rank(
            comp.as_bytes(),
            &csv(&inn, b',', false, false),
            &csv(&long, b',', false, false),
            &csv(&jt, b',', false, false),
        );
        let forms = [
            ("semicolon", csv(&inn, b';', false, false), csv(&long, b';', false, false), csv(&jt, b';', false, false)),
            ("JSON", json_list(&inn, &numeric_inn), json_list(&long, &numeric_scores), json_list(&jt, &[])),
            ("XLSX", xlsx(&inn, &numeric_inn), xlsx(&long, &numeric_scores), xlsx(&jt, &[])),
            ("rows shuffled", csv(&shuffled(&inn, order), b',', false, false), csv(&shuffled(&long, order ^ 1), b';', false, false), xlsx(&shuffled(&jt, order ^ 2), &[])),
        ];
        for (name, i, s, j) in &forms {
            let got = rank(comp.as_bytes(), i, s, j);
            proptest::prop_assert!(got == reference, "{name} differs:\n{got}\n---\n{reference}");
        }
    }
}
