//! Regression tests of issue 16 (hardening), in the readers: every input
//! that crashed, hung or allocated without bound is now a located problem
//! in both languages (docs/formats.md, "Limits").

//!
//! The same file runs in headless Chromium (tests/web.rs includes it): the
//! browser's stack and memory are smaller, and the app reads files with
//! these readers.

use std::io::Write;
use std::time::Duration;
#[cfg(not(target_arch = "wasm32"))]
use std::time::Instant;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use kipp_formats::limits::{MAX_CELL_CHARS, MAX_JSON_DEPTH, MAX_SHEET_CELLS};
use kipp_formats::{
    parse_competition, parse_innovations, parse_judges, parse_scores, prepare_files, FileData,
    Problem, RunFiles,
};

const COMP: &str = r#"{"kipp": 1, "name": "Uji", "stages": [{"id": "s1", "criteria": [
  {"id": "a", "weight": 1, "min": 0, "max": 10},
  {"id": "b", "weight": 1, "min": 0, "max": 10}]}]}"#;
const INN: &str = "id,title\nA,Alpha\nB,Beta\n";
const SCORES: &str = "stage,innovation,judge,criterion,score\n\
                      s1,A,J1,a,9\ns1,A,J1,b,9\ns1,B,J1,a,5\ns1,B,J1,b,6\n";

fn one(ps: &[Problem]) -> &Problem {
    assert_eq!(ps.len(), 1, "expected one problem, got {ps:#?}");
    &ps[0]
}

/// `p` is at `line:column`, of kind `kind`, its English sentence contains
/// `en`, and it has an Indonesian sentence of its own.
fn at(p: &Problem, line: u32, column: u32, kind: &str, en: &str) {
    assert_eq!((p.line, p.column, p.kind), (line, column, kind), "{p:?}");
    assert!(p.message_en.contains(en), "{:?} lacks {en:?}", p.message_en);
    assert!(
        !p.message_id.is_empty() && p.message_id != p.message_en,
        "{p:?}"
    );
}

/// In the browser (no clock in wasm32-unknown-unknown's std, and an
/// unoptimised build) only that it finishes.
#[cfg(target_arch = "wasm32")]
fn quick<T>(_limit: Duration, f: impl FnOnce() -> T) -> T {
    f()
}

#[cfg(not(target_arch = "wasm32"))]
fn quick<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    assert!(t.elapsed() < limit, "took {:?}", t.elapsed());
    out
}

// ------------------------------------------------------------- nesting

#[test]
fn nested_brackets_are_a_located_problem_not_a_stack_overflow() {
    // 40 KB of brackets overflowed the stack (exit 134) in every JSON
    // reader: the competition file, and innovations, scores and judges
    // lists. The depth is checked before the parser runs.
    let deep = format!("{}{}", "[".repeat(40_000), "]".repeat(40_000));
    let col = MAX_JSON_DEPTH as u32 + 1;
    for probs in [
        parse_competition("c.json", deep.as_bytes()).unwrap_err(),
        parse_innovations("i.json", deep.as_bytes()).unwrap_err(),
        parse_scores("s.json", deep.as_bytes()).unwrap_err(),
        parse_judges("j.json", deep.as_bytes()).unwrap_err(),
    ] {
        at(one(&probs), 1, col, "json.depth", "nested too deep");
    }
    // Objects too, and brackets inside strings do not count.
    let objs = format!("{}1{}", "{\"a\":".repeat(20_000), "}".repeat(20_000));
    let p = parse_competition("c.json", objs.as_bytes()).unwrap_err();
    at(one(&p), 1, 5 * 32 + 1, "json.depth", "nested too deep");
    let text = format!(r#"[{{"id": "A", "title": "{}"}}]"#, "[{".repeat(1000));
    assert_eq!(
        parse_innovations("i.json", text.as_bytes()).unwrap().len(),
        1
    );
}

// ------------------------------------------------------------- XLSX

/// A workbook of one sheet `Nilai` with the given `<sheetData>` content,
/// written with the zip crate (so that any cell reference can be made).
fn workbook(sheet_data: &mut dyn FnMut(&mut dyn Write)) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Nilai" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#)
        .unwrap();
    sheet_data(&mut z);
    z.write_all(b"</sheetData></worksheet>").unwrap();
    z.finish().unwrap().into_inner()
}

fn text_cell(r: &str, t: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#)
}

#[test]
fn a_cell_at_xfd1048576_is_refused_before_the_grid_is_made() {
    // Before: calamine allocated the dense grid of A1:XFD1048576
    // ("memory allocation of 549755813888 bytes failed", abort).
    let wb = workbook(&mut |w| {
        write!(
            w,
            r#"<row r="1">{}{}</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
            text_cell("A1", "id"),
            text_cell("B1", "title")
        )
        .unwrap()
    });
    assert!(wb.len() < 3000, "{}", wb.len());
    let probs = quick(Duration::from_secs(5), || {
        parse_innovations("x.xlsx", &wb).unwrap_err()
    });
    let p = one(&probs);
    at(p, 1_048_576, 16_384, "file.size", "the sheet is too large");
    assert_eq!(p.cell.as_deref(), Some("Nilai!XFD1048576"));
    assert!(p.message_en.contains("from A1 to XFD1048576"), "{p:?}");
    // Formulas alone made a dense grid too.
    let wb = workbook(&mut |w| {
        write!(
            w,
            r#"<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row><row r="1048576"><c r="XFD1048576"><f>1+1</f><v>2</v></c></row>"#
        )
        .unwrap()
    });
    let probs = parse_innovations("f.xlsx", &wb).unwrap_err();
    assert_eq!(one(&probs).kind, "file.size");
}

#[test]
fn a_sheet_at_the_cell_limit_is_read() {
    // 2 columns × 2,097,152 rows would be the limit: a sparse sheet of
    // that range is read (a title cell far down is kept, nothing refused).
    let rows = (MAX_SHEET_CELLS / 2) as u32;
    let wb = workbook(&mut |w| {
        write!(
            w,
            r#"<row r="1">{}{}</row><row r="2">{}{}</row><row r="{rows}">{}{}</row>"#,
            text_cell("A1", "id"),
            text_cell("B1", "title"),
            text_cell("A2", "X"),
            text_cell("B2", "Satu"),
            text_cell(&format!("A{rows}"), "Y"),
            text_cell(&format!("B{rows}"), "Dua"),
        )
        .unwrap()
    });
    let inns = parse_innovations("x.xlsx", &wb).unwrap();
    assert_eq!(
        inns.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        ["X", "Y"]
    );
    assert_eq!(inns[1].loc.line, rows);
}

#[test]
fn a_zip_bomb_is_refused_by_its_uncompressed_size() {
    // Before: 2 MB holding 2 GB of XML took 24 s and 2.1 GB of memory.
    // 300 MB of white space, deflated (fast) to 3 MB.
    let chunk = vec![b' '; 1 << 20];
    let wb = workbook(&mut |w| {
        for _ in 0..300 {
            w.write_all(&chunk).unwrap();
        }
    });
    assert!(wb.len() < 4 << 20, "{}", wb.len());
    let probs = quick(Duration::from_secs(60), || {
        parse_scores("bomb.xlsx", &wb).unwrap_err()
    });
    at(
        one(&probs),
        0,
        0,
        "file.size",
        "more than 256 MB uncompressed",
    );
}

#[test]
fn a_nan_cell_is_not_a_score() {
    // calamine reads <v>NaN</v> as a NaN number: a located problem.
    for v in ["NaN", "inf", "-inf"] {
        let wb = workbook(&mut |w| {
            write!(
                w,
                r#"<row r="1">{}{}{}{}</row><row r="2">{}{}{}<c r="D2"><v>{v}</v></c></row>"#,
                text_cell("A1", "stage"),
                text_cell("B1", "innovation"),
                text_cell("C1", "judge"),
                text_cell("D1", "a"),
                text_cell("A2", "s1"),
                text_cell("B2", "A"),
                text_cell("C2", "J1"),
            )
            .unwrap()
        });
        let probs = prepare_files(RunFiles {
            competition: FileData::new("c.json", COMP.as_bytes()),
            innovations: FileData::new("i.csv", INN.as_bytes()),
            scores: FileData::new("s.xlsx", &wb),
            judges: None,
        })
        .unwrap_err();
        // (Also the sheet lacks criterion b: that problem comes first.)
        let p = probs.iter().find(|p| p.kind == "score.finite").unwrap();
        assert_eq!((p.line, p.column), (2, 4), "{v}: {probs:?}");
        assert!(p.message_en.contains("not a finite number"), "{p:?}");
    }
}

// ------------------------------------------------------------- CSV

#[test]
fn long_csv_lines_are_read_in_linear_time() {
    // Before: 600 KB of two rows with 200,000 empty fields took 53 s.
    let row = ",".repeat(200_000);
    let text = format!("id,title{row}\nA,Alpha{row}\n");
    let inns = quick(Duration::from_secs(10), || {
        parse_innovations("wide.csv", text.as_bytes()).unwrap()
    });
    assert_eq!(inns.len(), 1);
    let text = format!("{row}\n{row}\n");
    let probs = quick(Duration::from_secs(10), || {
        parse_scores("wide.csv", text.as_bytes()).unwrap_err()
    });
    assert!(!probs.is_empty());
}

#[test]
fn a_wide_header_over_empty_lines_reserves_nothing_large() {
    // Before: 1,000 criteria over 5,000,000 empty lines (5 MB) reserved
    // room for 5·10⁹ scores and aborted.
    let crits: Vec<String> = (0..1000).map(|k| format!("c{k}")).collect();
    let text = format!(
        "stage,innovation,judge,{}\n{}",
        crits.join(","),
        "\n".repeat(5_000_000)
    );
    let comp = format!(
        r#"{{"kipp": 1, "stages": [{{"id": "s1", "criteria": [{}]}}]}}"#,
        crits
            .iter()
            .map(|c| format!(r#"{{"id": "{c}", "weight": 1, "min": 0, "max": 10}}"#))
            .collect::<Vec<_>>()
            .join(",")
    );
    let p = prepare_files(RunFiles {
        competition: FileData::new("c.json", comp.as_bytes()),
        innovations: FileData::new("i.csv", INN.as_bytes()),
        scores: FileData::new("s.csv", text.as_bytes()),
        judges: None,
    })
    .unwrap();
    assert_eq!(p.rank().stages[0].rows.len(), 2);
}

// ------------------------------------------------------------- sizes

#[test]
fn a_10_mb_title_is_a_located_problem() {
    let text = format!("id,title\nA,{}\nB,Beta\n", "x".repeat(10_000_000));
    let probs = parse_innovations("i.csv", text.as_bytes()).unwrap_err();
    at(one(&probs), 2, 3, "cell.size", "10000000 characters");
    // The limit itself is fine, in characters (not bytes).
    let text = format!("id,title\nA,{}\n", "é".repeat(MAX_CELL_CHARS));
    assert_eq!(
        parse_innovations("i.csv", text.as_bytes()).unwrap().len(),
        1
    );
    // JSON lists and the competition file too.
    let text = format!(
        r#"[{{"id": "A", "title": "{}"}}]"#,
        "x".repeat(MAX_CELL_CHARS + 1)
    );
    at(
        one(&parse_innovations("i.json", text.as_bytes()).unwrap_err()),
        1,
        23,
        "cell.size",
        "32768 characters",
    );
    let text = COMP.replace(
        "\"Uji\"",
        &format!("\"{}\"", "x".repeat(MAX_CELL_CHARS + 1)),
    );
    at(
        one(&parse_competition("c.json", text.as_bytes()).unwrap_err()),
        1,
        21,
        "cell.size",
        "too long",
    );
}

#[test]
fn a_competition_file_above_16_mib_is_refused() {
    let mut text = COMP.replace("\"Uji\"", "\"Uji\", \"description\": \"\"");
    text.push_str(&" ".repeat(16 << 20));
    let p = parse_competition("c.json", text.as_bytes()).unwrap_err();
    at(one(&p), 0, 0, "file.size", "more than 16 MB");
}

#[test]
fn huge_numbers_in_the_competition_file_are_located() {
    // Before: ranked with NaN scores and exit 0.
    let text = COMP.replacen("\"weight\": 1", "\"weight\": 1e308", 1);
    let p = parse_competition("c.json", text.as_bytes()).unwrap_err();
    at(
        one(&p),
        2,
        25,
        "competition.number",
        "`weight` is too large: 1e308",
    );
    // top: 4294967296 was "must be an integer ≥ 1".
    let text = COMP.replacen("]}]}", r#"], "advance": {"top": 4294967296}}]}"#, 1);
    let p = parse_competition("c.json", text.as_bytes()).unwrap_err();
    at(
        one(&p),
        3,
        70,
        "competition.shape",
        "stages[0].advance.top is too large: 4294967296 (at most 4294967295)",
    );
    let text = COMP.replacen("]}]}", r#"], "advance": {"top": 1e300}}]}"#, 1);
    let p = parse_competition("c.json", text.as_bytes()).unwrap_err();
    assert!(one(&p).message_en.contains("too large: 1e300"), "{p:?}");
}

#[test]
fn an_empty_json_list_is_an_empty_table_like_a_header_only_csv() {
    // Before: `[]` was "required column id is missing" while a CSV with
    // only its header was an empty list of innovations.
    assert_eq!(parse_innovations("i.json", b"[]").unwrap(), vec![]);
    assert_eq!(parse_innovations("i.csv", b"id,title\n").unwrap(), vec![]);
    assert_eq!(parse_scores("s.json", b" [ ] ").unwrap(), vec![]);
    assert_eq!(parse_judges("j.json", b"[]").unwrap(), vec![]);
    let run = |inn: &[u8], name: &str, sc: &[u8], sname: &str| {
        prepare_files(RunFiles {
            competition: FileData::new("c.json", COMP.as_bytes()),
            innovations: FileData::new(name, inn),
            scores: FileData::new(sname, sc),
            judges: None,
        })
        .unwrap()
        .rank()
    };
    let header = "stage,innovation,judge,criterion,score\n".as_bytes();
    let a = run(b"[]", "i.json", b"[]", "s.json");
    let b = run(b"id,title\n", "i.csv", header, "s.csv");
    assert_eq!(a, b);
    assert!(a.stages[0].rows.is_empty());
    // The officers' reader (the app's import) too.
    let comp = parse_competition("c.json", COMP.as_bytes()).unwrap();
    let ctx = kipp_formats::ScoreContext {
        competition: &comp,
        judges: None,
    };
    let sheet = kipp_formats::read_scores_sheet(
        FileData::new("s.json", b"[]"),
        &ctx,
        &kipp_formats::SheetHints::default(),
    )
    .unwrap();
    assert!(sheet.scores.is_empty());
    // Innovations without scores: the same with either empty scores file.
    assert_eq!(
        run(INN.as_bytes(), "i.csv", b"[]", "s.json"),
        run(INN.as_bytes(), "i.csv", header, "s.csv")
    );
}

#[test]
fn valid_inputs_are_read_as_before() {
    let p = prepare_files(RunFiles {
        competition: FileData::new("c.json", COMP.as_bytes()),
        innovations: FileData::new("i.csv", INN.as_bytes()),
        scores: FileData::new("s.csv", SCORES.as_bytes()),
        judges: None,
    })
    .unwrap();
    let r = p.rank();
    let rows: Vec<(&str, Option<f64>)> = r.stages[0]
        .rows
        .iter()
        .map(|x| (x.id.as_str(), x.score))
        .collect();
    assert_eq!(rows, [("A", Some(90.0)), ("B", Some(55.0))]);
}

#[test]
fn too_many_innovations_stop_before_records_are_built() {
    // 1,048,575 innovations cost 1.6 GB and 3 s before the engine said
    // "too many"; now the table's rows are counted first.
    let mut text = String::from("id,title\n");
    for i in 0..=kipp_score::limits::MAX_INNOVATIONS {
        text.push_str(&format!("I{i},Inovasi {i}\n"));
    }
    let probs = quick(Duration::from_secs(10), || {
        parse_innovations("i.csv", text.as_bytes()).unwrap_err()
    });
    at(
        one(&probs),
        100_002,
        1,
        "count.size",
        "Too many innovations: 100001 (at most 100000).",
    );
    // The limit itself is read.
    let upto = text.lines().take(100_001).collect::<Vec<_>>().join("\n");
    assert_eq!(
        parse_innovations("i.csv", upto.as_bytes()).unwrap().len(),
        100_000
    );
}

#[test]
fn an_officers_long_sheet_resolves_each_text_once() {
    // A long-form sheet with officers' headers (Tahap, ID Inovasi, Juri,
    // Kriteria, Nilai) resolved every row's stage, judge and criterion
    // name against every stage, judge and criterion (100,000 rows × 1,000
    // criteria: 14 s). Each distinct text is resolved once now.
    let crits: Vec<String> = (0..1000)
        .map(|k| format!(r#"{{"id": "c{k}", "name": "Kriteria Nomor {k}", "weight": 1, "min": 0, "max": 10}}"#))
        .collect();
    let comp = format!(
        r#"{{"kipp": 1, "stages": [{{"id": "s1", "name": "Tahap Satu", "criteria": [{}]}}]}}"#,
        crits.join(",")
    );
    let mut inn = String::from("id,title\n");
    for i in 0..100 {
        inn.push_str(&format!("I{i:03},Inovasi {i}\n"));
    }
    let mut judges = String::from("id,name\n");
    for j in 0..1000 {
        judges.push_str(&format!("J{j:03},Juri {j}\n"));
    }
    // Every (innovation, judge) sheet complete: 100 × 1 × 1000 rows,
    // judges named by their names.
    let mut sc = String::from("Tahap,ID Inovasi,Juri,Kriteria,Nilai\n");
    for i in 0..100 {
        for k in 0..1000 {
            sc.push_str(&format!(
                "Tahap Satu,I{i:03},Juri {},Kriteria Nomor {k},{}\n",
                i % 7,
                (i + k) % 11
            ));
        }
    }
    let p = quick(Duration::from_secs(20), || {
        kipp_formats::prepare_set(&kipp_formats::RunSet {
            competition: FileData::new("c.json", comp.as_bytes()),
            innovations: vec![FileData::new("i.csv", inn.as_bytes())],
            scores: vec![FileData::new("s.csv", sc.as_bytes())],
            judges: vec![FileData::new("j.csv", judges.as_bytes())],
        })
        .unwrap()
    });
    let r = p.rank();
    assert_eq!(r.stages[0].rows.len(), 100);
    assert!(r.stages[0].rows.iter().all(|x| x.rank.is_some()));
}

#[test]
fn many_unknown_columns_are_compared_with_the_criteria_within_a_budget() {
    // 20,000 columns that are not criteria, each compared with 1,000
    // criteria names for a "did you mean": 48 s. Exact names are looked
    // up in a map; suggestions stop, with a problem, past 250,000 pairs.
    let crits: Vec<String> = (0..1000)
        .map(|k| format!(r#"{{"id": "c{k}", "name": "Kriteria Nomor {k}", "weight": 1, "min": 0, "max": 10}}"#))
        .collect();
    let comp = format!(
        r#"{{"kipp": 1, "stages": [{{"id": "s1", "criteria": [{}]}}]}}"#,
        crits.join(",")
    );
    let cols: Vec<String> = (0..20_000).map(|k| format!("Kriteria Nomer {k}")).collect();
    let sc = format!(
        "Tahap,ID Inovasi,Juri,{}\ns1,A,J1,{}\n",
        cols.join(","),
        vec!["5"; cols.len()].join(",")
    );
    let probs = quick(Duration::from_secs(30), || {
        kipp_formats::prepare_set(&kipp_formats::RunSet {
            competition: FileData::new("c.json", comp.as_bytes()),
            innovations: vec![FileData::new("i.csv", INN.as_bytes())],
            scores: vec![FileData::new("s.csv", sc.as_bytes())],
            judges: vec![],
        })
        .unwrap_err()
    });
    assert_eq!(probs[0].kind, "criterion.unknown");
    assert!(
        probs[0].message_en.contains("did you mean `c0`"),
        "{:?}",
        probs[0]
    );
    // A sheet whose headers are the criteria's names is read as before.
    let names: Vec<String> = (0..1000).map(|k| format!("Kriteria Nomor {k}")).collect();
    let sc = format!(
        "Tahap,ID Inovasi,Juri,{}\ns1,A,J1,{}\ns1,B,J1,{}\n",
        names.join(","),
        vec!["5"; 1000].join(","),
        vec!["7"; 1000].join(",")
    );
    let p = quick(Duration::from_secs(30), || {
        kipp_formats::prepare_set(&kipp_formats::RunSet {
            competition: FileData::new("c.json", comp.as_bytes()),
            innovations: vec![FileData::new("i.csv", INN.as_bytes())],
            scores: vec![FileData::new("s.csv", sc.as_bytes())],
            judges: vec![],
        })
        .unwrap()
    });
    let r = p.rank();
    let scores: Vec<Option<f64>> = r.stages[0].rows.iter().map(|x| x.score).collect();
    assert_eq!(scores, [Some(70.0), Some(50.0)]);
}

#[test]
fn workbook_bytes_with_a_wide_header_over_short_rows_are_refused() {
    // A workbook as the kipp-xlsx module hands it over (Workbook::to_bytes,
    // which `kipp` also takes as a file): a header of 100,000 cells over
    // 100,000 rows of one cell, 700 KB, became a table of 10¹⁰ cells
    // (24 GB, killed). The table's size is checked before it is made.
    use kipp_formats::{WbCell, WbRange, WbSheet, Workbook};
    let text = |s: &str| WbCell::Text(s.to_string());
    let mut header = vec![text("id"), text("title")];
    header.resize(100_000, text("c"));
    let mut rows = vec![header];
    rows.resize(100_001, vec![text("A")]);
    let wb = Workbook {
        sheets: Ok(vec![WbSheet {
            name: "Nilai".into(),
            cells: Ok(WbRange {
                start: (0, 0),
                rows,
                formulas: vec![],
            }),
        }]),
    }
    .to_bytes();
    assert!(wb.len() < 1 << 20, "{}", wb.len());
    let probs = quick(Duration::from_secs(10), || {
        parse_innovations("x.bin", &wb).unwrap_err()
    });
    let p = one(&probs);
    at(
        p,
        100_001,
        100_000,
        "file.size",
        "100001 rows × 100000 columns",
    );
    assert_eq!(p.cell.as_deref(), Some("Nilai!EQXD100001"));
}

#[test]
fn a_json_list_with_a_key_per_object_is_refused_before_its_table_is_made() {
    // Every object a key of its own: 100,000 objects, 4 MB, made a table
    // of 10¹⁰ cells (24 GB, killed).
    let mut text = String::from("[");
    for i in 0..100_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"id":"A{i}","title":"x","k{i}":1}}"#));
    }
    text.push(']');
    let probs = quick(Duration::from_secs(20), || {
        parse_innovations("k.json", text.as_bytes()).unwrap_err()
    });
    let p = one(&probs);
    assert_eq!((p.line, p.kind), (1, "file.size"), "{p:?}");
    assert!(
        p.message_en
            .contains("100000 objects × 100002 different keys are more than 16777216 cells"),
        "{p:?}"
    );
}

#[test]
fn innovation_attributes_are_limited() {
    // 10,000 innovations × 1,000 one-letter columns, 20 MB, cost 1.9 GB
    // (every cell an attribute with its column's name).
    let cols: Vec<String> = (0..1000).map(|k| format!("a{k}")).collect();
    let mut text = format!("id,title,{}\n", cols.join(","));
    let row = vec!["x"; 1000].join(",");
    for i in 0..2000 {
        text.push_str(&format!("I{i},t,{row}\n"));
    }
    let probs = parse_innovations("a.csv", text.as_bytes()).unwrap_err();
    // 1,002 attributes a row (title, id too): the 1,047th row passes.
    at(
        one(&probs),
        1048,
        1,
        "file.size",
        "too many innovation attributes",
    );
    let upto: String = text.lines().take(1000).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        parse_innovations("a.csv", upto.as_bytes()).unwrap().len(),
        999
    );
}

#[test]
fn conflicts_of_interest_are_limited() {
    // 1,000 judges × 16,000 conflicts, 32 MB, cost 0.9 GB.
    let list = vec!["a"; 16_000].join("|");
    let mut text = String::from("id,name,conflicts\n");
    for j in 0..100 {
        text.push_str(&format!("J{j},n,{list}\n"));
    }
    let probs = parse_judges("j.csv", text.as_bytes()).unwrap_err();
    // 16,000 a row: the 66th judge passes 1,048,576.
    at(
        one(&probs),
        67,
        7,
        "file.size",
        "too many conflicts of interest",
    );
}
