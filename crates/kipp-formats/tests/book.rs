//! Workbooks as officers keep them: survey, wide per-judge sheets, header
//! matching and suggestions, hints, grouped problems, one round of problems.

use std::collections::BTreeMap;
use std::sync::Arc;

use calamine::{Data, Reader};
use kipp_formats::{
    group_problems, parse_competition, prepare_files, prepare_set, read_scores_sheet, result_json,
    survey, ColumnRole, FileData, Problem, RunFiles, RunSet, ScoreContext, SheetHints, TableKind,
};
use kipp_score::{Competition, Judge};
use proptest::prelude::*;

const BOOK: &str = "KIPP_Banyumas_2020.xlsx";

fn officer(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../data/officer/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn competition() -> Competition {
    parse_competition("competition.json", &officer("competition.json")).unwrap()
}

fn sheet<'a>(name: &'a str, bytes: &'a [u8], sheet: &'a str) -> FileData<'a> {
    FileData {
        sheet: Some(sheet),
        ..FileData::new(name, bytes)
    }
}

const JUDGE_SHEETS: [&str; 5] = ["Juri 1", "Juri 2", "Juri 3", "Juri 4", "Juri 5"];

#[test]
fn officer_workbook_survey() {
    let tables = survey(BOOK, &officer(BOOK)).unwrap();
    let kinds: Vec<(Option<&str>, TableKind)> = tables
        .iter()
        .map(|t| (t.sheet.as_deref(), t.kind))
        .collect();
    let mut want = vec![(Some("Inovasi"), TableKind::Innovations)];
    want.extend(
        JUDGE_SHEETS
            .iter()
            .map(|s| (Some(*s), TableKind::WideScores)),
    );
    assert_eq!(kinds, want);
    assert_eq!(tables[0].rows, 107);
    assert_eq!(tables[1].headers[1], "ID Inovasi");
    let comp = survey("competition.json", &officer("competition.json")).unwrap();
    assert_eq!(comp[0].kind, TableKind::Competition);
    assert_eq!(comp[0].rows, 2);
}

/// The officer's sheets read independently with calamine: (judge, innovation,
/// criterion id, value) of every filled criterion cell.
fn officer_cells(comp: &Competition) -> Vec<(String, String, String, f64)> {
    let book = officer(BOOK);
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(&book[..])).unwrap();
    let stage = &comp.stages[0];
    let mut out = Vec::new();
    for (n, name) in JUDGE_SHEETS.iter().enumerate() {
        let range = wb.worksheet_range(name).unwrap();
        let mut rows = range.rows();
        let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
        for row in rows {
            let inn = row[1].to_string();
            if inn.is_empty() {
                continue;
            }
            for (j, h) in header.iter().enumerate() {
                let Some(c) = stage.criteria.iter().find(|c| &c.name == h) else {
                    continue;
                };
                let v = match row.get(j) {
                    Some(Data::Float(x)) => *x,
                    Some(Data::Int(x)) => *x as f64,
                    _ => continue,
                };
                out.push((format!("J{}", n + 1), inn.clone(), c.id.clone(), v));
            }
        }
    }
    out
}

#[test]
fn officer_judge_sheets() {
    let comp = competition();
    let book = officer(BOOK);
    let ctx = ScoreContext {
        competition: &comp,
        judges: None,
    };
    let mut got = Vec::new();
    for (n, name) in JUDGE_SHEETS.iter().enumerate() {
        let s = read_scores_sheet(sheet(BOOK, &book, name), &ctx, &SheetHints::default())
            .unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(s.judge, format!("J{}", n + 1));
        assert_eq!(&*s.stage, "proposal");
        let role = |h: &str| {
            s.columns
                .iter()
                .find(|c| c.header == h)
                .unwrap()
                .role
                .clone()
        };
        assert_eq!(role("No"), ColumnRole::Ignored);
        assert_eq!(role("Judul"), ColumnRole::Ignored);
        assert_eq!(role("Jumlah"), ColumnRole::Ignored);
        assert_eq!(role("ID Inovasi"), ColumnRole::Key("innovation"));
        assert_eq!(
            role("Latar Belakang dan Tujuan"),
            ColumnRole::Criterion("latar-belakang".into())
        );
        assert!(s.notes.iter().any(|p| p.message_en.contains("Jumlah")));
        let first = &s.scores[0];
        assert_eq!((first.loc.line, first.cols[1], first.cols[4]), (2, 2, 4));
        got.extend(s.scores.iter().map(|x| {
            (
                x.judge.to_string(),
                x.innovation.to_string(),
                x.criterion.to_string(),
                x.value,
            )
        }));
    }
    let want = officer_cells(&comp);
    assert!(
        want.len() <= 107 * 5 * 7 && want.len() > 107 * 5 * 6,
        "{}",
        want.len()
    );
    assert_eq!(got, want);
}

#[test]
fn officer_workbook_ranks_like_its_long_csv() {
    let comp = competition();
    let book = officer(BOOK);
    let comp_bytes = officer("competition.json");
    let mut csv = String::from("stage,innovation,judge,criterion,score\n");
    for (j, i, c, v) in officer_cells(&comp) {
        csv.push_str(&format!("proposal,{i},{j},{c},{v}\n"));
    }
    let long = prepare_files(RunFiles {
        competition: FileData::new("competition.json", &comp_bytes),
        innovations: sheet(BOOK, &book, "Inovasi"),
        scores: FileData::new("scores.csv", csv.as_bytes()),
        judges: None,
    })
    .unwrap()
    .rank();
    let wide = prepare_set(&RunSet {
        competition: FileData::new("competition.json", &comp_bytes),
        innovations: vec![sheet(BOOK, &book, "Inovasi")],
        judges: Vec::new(),
        scores: JUDGE_SHEETS.iter().map(|s| sheet(BOOK, &book, s)).collect(),
    })
    .unwrap()
    .rank();
    assert_eq!(wide, long);
    assert_eq!(result_json(&wide), result_json(&long));
    let advanced = wide.stages[0].rows.iter().filter(|r| r.advanced).count();
    assert_eq!(advanced, 20);
}

/// A cell of a test workbook.
#[derive(Clone, Debug)]
enum C {
    S(&'static str),
    T(String),
    N(f64),
    E,
}

fn workbook(sheets: &[(&str, Vec<Vec<C>>)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    C::S(s) => ws.write_string(r, c, *s).map(|_| ()),
                    C::T(s) => ws.write_string(r, c, s).map(|_| ()),
                    C::N(x) => ws.write_number(r, c, *x).map(|_| ()),
                    C::E => Ok(()),
                }
                .unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn read_one(
    bytes: &[u8],
    sheet_name: &str,
    comp: &Competition,
    judges: Option<&[Judge]>,
    hints: &SheetHints,
) -> Result<kipp_formats::ScoreSheet, Vec<Problem>> {
    let ctx = ScoreContext {
        competition: comp,
        judges,
    };
    read_scores_sheet(sheet("t.xlsx", bytes, sheet_name), &ctx, hints)
}

#[test]
fn headers_match_in_any_case_and_punctuation() {
    let comp = competition();
    let bytes = workbook(&[(
        "Penilai-2",
        vec![
            vec![
                C::S("KODE  INOVASI"),
                C::S("latar belakang DAN tujuan"),
                C::S("KEBARUAN"),
                C::S("Sumber-Daya"),
                C::S("keberlanjutan"),
                C::S("Rata rata"),
                C::S("Catatan"),
            ],
            vec![
                C::S("INV-001"),
                C::N(70.0),
                C::S("80.5"),
                C::N(60.0),
                C::E,
                C::N(70.0),
                C::S("bagus"),
            ],
        ],
    )]);
    let s = read_one(&bytes, "Penilai-2", &comp, None, &SheetHints::default()).unwrap();
    assert_eq!((&*s.judge, &*s.stage), ("J2", "proposal"));
    let got: Vec<(&str, f64)> = s.scores.iter().map(|x| (&*x.criterion, x.value)).collect();
    assert_eq!(
        got,
        [
            ("latar-belakang", 70.0),
            ("kebaruan", 80.5),
            ("sumber-daya", 60.0)
        ]
    );
    assert_eq!(s.scores[2].loc.line, 2);
    assert_eq!(s.scores[2].cols[4], 4);
    assert_eq!(s.columns[6].role, ColumnRole::Ignored);
    assert_eq!(s.notes.len(), 2, "{:?}", s.notes);
}

fn typo_sheet(name: &'static str) -> Vec<u8> {
    workbook(&[(
        name,
        vec![
            vec![
                C::S("No"),
                C::S("ID Inovasi"),
                C::S("Judul"),
                C::S("Latar Belakang dan Tujuan"),
                C::S("Kebaharuan"),
                C::S("Signifikansi"),
            ],
            vec![
                C::N(1.0),
                C::S("INV-001"),
                C::S("Si Cantik"),
                C::N(70.0),
                C::N(75.0),
                C::N(80.0),
            ],
        ],
    )])
}

#[test]
fn a_misspelt_criterion_gets_a_suggestion_at_its_header() {
    let comp = competition();
    let bytes = typo_sheet("Juri 3");
    let p = read_one(&bytes, "Juri 3", &comp, None, &SheetHints::default()).unwrap_err();
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].kind, "criterion.unknown");
    assert_eq!(p[0].cell.as_deref(), Some("Juri 3!E1"));
    assert_eq!((p[0].line, p[0].column), (1, 5));
    assert_eq!(
        p[0].message_id,
        "Kolom `Kebaharuan` bukan kriteria tahap Evaluasi Proposal — maksud Anda `kebaruan` (Kebaruan)?"
    );
    assert!(p[0]
        .message_en
        .contains("did you mean `kebaruan` (Kebaruan)?"));
}

#[test]
fn hints_override_columns_judge_and_stage() {
    let comp = competition();
    let bytes = typo_sheet("Lembar A");
    let mut hints = SheetHints {
        judge: Some("J9".into()),
        ..SheetHints::default()
    };
    hints
        .columns
        .insert("Kebaharuan".into(), Some("kebaruan".into()));
    let s = read_one(&bytes, "Lembar A", &comp, None, &hints).unwrap();
    assert_eq!(&*s.judge, "J9");
    assert_eq!(s.scores.len(), 3);
    assert_eq!(&*s.scores[1].criterion, "kebaruan");
    hints.columns.insert("Kebaharuan".into(), None);
    hints.columns.insert("Signifikansi".into(), None);
    let s = read_one(&bytes, "Lembar A", &comp, None, &hints).unwrap();
    assert_eq!(s.scores.len(), 1);
    // The stage by hint, by name: then `Kebaharuan` is the presentation
    // criterion and the proposal ones are ignored.
    hints.columns.clear();
    hints.stage = Some("presentasi dan wawancara".into());
    let s = read_one(&bytes, "Lembar A", &comp, None, &hints).unwrap();
    assert_eq!((&*s.stage, s.scores.len()), ("presentasi", 1));
}

#[test]
fn a_sheet_without_a_judge_is_a_located_problem() {
    let comp = competition();
    let bytes = typo_sheet("Lembar A");
    let mut hints = SheetHints::default();
    hints
        .columns
        .insert("Kebaharuan".into(), Some("kebaruan".into()));
    let p = read_one(&bytes, "Lembar A", &comp, None, &hints).unwrap_err();
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].kind, "judge.unknown-sheet");
    assert_eq!(p[0].cell.as_deref(), Some("Lembar A!A1"));
    assert!(p[0].message_id.contains("pilih juri di pratinjau"));
    assert!(p[0]
        .message_en
        .contains("name the sheet after the judge's id"));
    // With a judges table, the sheet may be named after a judge's name; and
    // `Juri 3` is J3 only when J3 is in the table.
    let judges = vec![Judge {
        id: "siti".into(),
        name: "Siti Aminah".into(),
        ..Judge::default()
    }];
    let bytes = typo_sheet("SITI aminah");
    let s = read_one(&bytes, "SITI aminah", &comp, Some(&judges), &hints).unwrap();
    assert_eq!(&*s.judge, "siti");
    let bytes = typo_sheet("Juri 3");
    let p = read_one(&bytes, "Juri 3", &comp, Some(&judges), &hints).unwrap_err();
    assert_eq!(p[0].kind, "judge.unknown-sheet");
}

#[test]
fn long_form_sheets_with_indonesian_headers() {
    let comp = competition();
    let bytes = workbook(&[(
        "Nilai",
        vec![
            vec![
                C::S("Tahap"),
                C::S("Kode Inovasi"),
                C::S("Juri"),
                C::S("Kriteria"),
                C::S("Nilai"),
            ],
            vec![
                C::S("Evaluasi Proposal"),
                C::S("INV-001"),
                C::S("J1"),
                C::S("Latar Belakang dan Tujuan"),
                C::N(70.0),
            ],
            vec![
                C::S("proposal"),
                C::S("INV-002"),
                C::S("J2"),
                C::S("kebaruan"),
                C::N(60.0),
            ],
        ],
    )]);
    let s = read_one(&bytes, "Nilai", &comp, None, &SheetHints::default()).unwrap();
    assert_eq!((&*s.stage, &*s.judge), ("proposal", ""));
    let got: Vec<(&str, &str, &str)> = s
        .scores
        .iter()
        .map(|x| (&*x.stage, &*x.judge, &*x.criterion))
        .collect();
    assert_eq!(
        got,
        [
            ("proposal", "J1", "latar-belakang"),
            ("proposal", "J2", "kebaruan")
        ]
    );
}

#[test]
fn problems_group_by_file_and_kind() {
    let f: Arc<str> = Arc::from("scores.csv");
    let g: Arc<str> = Arc::from("other.csv");
    let mut ps = Vec::new();
    for i in 0..7 {
        ps.push(Problem::new(&f, 10 + i, 4, "x", "x").with_kind("innovation.unknown"));
    }
    ps.insert(2, Problem::new(&f, 3, 1, "y", "y").with_kind("score.range"));
    ps.push(Problem::new(&g, 2, 2, "z", "z").with_kind("innovation.unknown"));
    let mut cell = Problem::new(&g, 7, 5, "w", "w").with_kind("score.range");
    cell.cell = Some("Juri 3!E7".into());
    ps.push(cell);
    let groups = group_problems(&ps);
    let summary: Vec<(&str, &str, usize, usize)> = groups
        .iter()
        .map(|g| (&*g.file, g.kind, g.count, g.more))
        .collect();
    assert_eq!(
        summary,
        [
            ("scores.csv", "innovation.unknown", 7, 2),
            ("scores.csv", "score.range", 1, 0),
            ("other.csv", "innovation.unknown", 1, 0),
            ("other.csv", "score.range", 1, 0),
        ]
    );
    assert_eq!(
        groups[0].places,
        [
            "scores.csv:10:4",
            "scores.csv:11:4",
            "scores.csv:12:4",
            "scores.csv:13:4",
            "scores.csv:14:4"
        ]
    );
    assert_eq!(groups[0].first, ps[0]);
    assert_eq!(groups[3].places, ["Juri 3!E7"]);
}

#[test]
fn one_round_reports_parse_and_engine_problems() {
    let comp_bytes = officer("competition.json");
    let innovations = "id,title\nINV-001,a\nINV-002,b\n";
    let bad = "stage,innovation,judge,criterion,score\nproposal,INV-001,J1,kebaruan,tujuh\n";
    let mut unknown = String::from("stage,innovation,judge,criterion,score\n");
    for j in 1..=7 {
        unknown.push_str(&format!("proposal,INV-404,J{j},kebaruan,50\n"));
    }
    unknown.push_str("proposal,INV-002,J1,kebaruan,500\n");
    let dup = "stage,innovation,judge,criterion,score\nproposal,INV-002,J1,kebaruan,50\n";
    let p = prepare_set(&RunSet {
        competition: FileData::new("competition.json", &comp_bytes),
        innovations: vec![FileData::new("innovations.csv", innovations.as_bytes())],
        judges: Vec::new(),
        scores: vec![
            FileData::new("bad.csv", bad.as_bytes()),
            FileData::new("unknown.csv", unknown.as_bytes()),
            FileData::new("dup.csv", dup.as_bytes()),
        ],
    })
    .unwrap_err();
    let groups = group_problems(&p);
    let summary: Vec<(&str, &str, usize)> =
        groups.iter().map(|g| (&*g.file, g.kind, g.count)).collect();
    assert!(
        summary.contains(&("bad.csv", "score.number", 1)),
        "{summary:?}"
    );
    assert!(
        summary.contains(&("unknown.csv", "innovation.unknown", 7)),
        "{summary:?}"
    );
    assert!(
        summary.contains(&("unknown.csv", "score.range", 1)),
        "{summary:?}"
    );
    assert!(
        summary.contains(&("dup.csv", "score.duplicate", 1)),
        "{summary:?}"
    );
    // An innovations file that does not parse: no follow-on unknown innovations.
    let p = prepare_set(&RunSet {
        competition: FileData::new("competition.json", &comp_bytes),
        innovations: vec![FileData::new("innovations.csv", b"id,judul\nINV-001,a\n")],
        judges: Vec::new(),
        scores: vec![FileData::new("unknown.csv", unknown.as_bytes())],
    })
    .unwrap_err();
    assert!(p.iter().all(|p| p.kind != "innovation.unknown"), "{p:?}");
    assert!(p.iter().any(|p| p.kind == "header.missing"));
    assert!(p.iter().any(|p| p.kind == "score.range"));
}

#[test]
fn engine_problems_in_sheets_name_their_cell() {
    let comp_bytes = officer("competition.json");
    let bytes = workbook(&[
        (
            "Inovasi",
            vec![
                vec![C::S("id"), C::S("title")],
                vec![C::S("INV-001"), C::S("a")],
            ],
        ),
        (
            "Juri 3",
            vec![
                vec![C::S("ID Inovasi"), C::S("Kebaruan")],
                vec![C::S("INV-001"), C::N(101.0)],
            ],
        ),
    ]);
    let p = prepare_set(&RunSet {
        competition: FileData::new("competition.json", &comp_bytes),
        innovations: vec![sheet("t.xlsx", &bytes, "Inovasi")],
        judges: Vec::new(),
        scores: vec![sheet("t.xlsx", &bytes, "Juri 3")],
    })
    .unwrap_err();
    let range = p.iter().find(|p| p.kind == "score.range").unwrap();
    assert_eq!(range.cell.as_deref(), Some("Juri 3!B2"), "{p:?}");
}

fn multiset(bytes: &[u8], names: &[String], comp: &Competition) -> Vec<String> {
    let ctx = ScoreContext {
        competition: comp,
        judges: None,
    };
    let mut v: Vec<String> = names
        .iter()
        .flat_map(|n| {
            read_scores_sheet(sheet("t.xlsx", bytes, n), &ctx, &SheetHints::default())
                .unwrap()
                .scores
        })
        .map(|s| {
            format!(
                "{} {} {} {} {}",
                s.stage, s.innovation, s.judge, s.criterion, s.value
            )
        })
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn sheet_and_row_order_do_not_change_the_scores(
        seed in any::<u64>(),
        values in proptest::collection::vec(proptest::option::of(0u32..=200), 4 * 3 * 3),
    ) {
        let comp = competition();
        let headers = ["No", "ID Inovasi", "Kebaruan", "Signifikansi", "Jumlah"];
        let build = |order: &[usize], rows: &[usize]| {
            let sheets: Vec<(String, Vec<Vec<C>>)> = order
                .iter()
                .map(|&j| {
                    let mut r = vec![headers.iter().map(|h| C::S(h)).collect::<Vec<_>>()];
                    for &i in rows {
                        let mut row = vec![C::N(i as f64 + 1.0), C::T(format!("INV-{i:03}"))];
                        for c in 0..2 {
                            row.push(match values[(j * 4 + i) * 2 + c] {
                                Some(x) => C::N(f64::from(x) / 2.0),
                                None => C::E,
                            });
                        }
                        row.push(C::N(0.0));
                        r.push(row);
                    }
                    (format!("Juri {}", j + 1), r)
                })
                .collect();
            let refs: Vec<(&str, Vec<Vec<C>>)> =
                sheets.iter().map(|(n, r)| (n.as_str(), r.clone())).collect();
            let names: Vec<String> = sheets.iter().map(|(n, _)| n.clone()).collect();
            (workbook(&refs), names)
        };
        let (a, an) = build(&[0, 1, 2], &[0, 1, 2, 3]);
        // A permutation of sheets and rows from the seed.
        let mut order = vec![0usize, 1, 2];
        let mut rows = vec![0usize, 1, 2, 3];
        let mut x = seed;
        for v in [&mut order, &mut rows] {
            for i in (1..v.len()).rev() {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                v.swap(i, (x >> 33) as usize % (i + 1));
            }
        }
        let (b, bn) = build(&order, &rows);
        prop_assert_eq!(multiset(&a, &an, &comp), multiset(&b, &bn, &comp));
    }
}

#[test]
fn hints_serialise() {
    let mut h = SheetHints::default();
    h.columns.insert("Kebaharuan".into(), None);
    h.judge = Some("J3".into());
    let json = serde_json::to_string(&h).unwrap();
    let back: SheetHints = serde_json::from_str(&json).unwrap();
    assert_eq!(back, h);
    let _: BTreeMap<String, Option<String>> = back.columns;
}

#[test]
fn formula_cells_give_their_saved_value() {
    use rust_xlsxwriter::{Formula, Workbook};
    let comp = competition();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("J1").unwrap();
    for (j, h) in ["ID Inovasi", "Kebaruan", "Signifikansi", "Skor Akhir"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    for r in 1..=2u32 {
        ws.write_string(r, 0, format!("INV-00{r}")).unwrap();
        ws.write_number(r, 2, 60.0).unwrap();
        ws.write_formula(r, 3, Formula::new(format!("=B{0}+C{0}", r + 1)))
            .unwrap();
    }
    ws.write_formula(1, 1, Formula::new("=35+35").set_result("70"))
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let s = read_one(&bytes, "J1", &comp, None, &SheetHints::default()).unwrap();
    let got: Vec<(&str, &str, f64)> = s
        .scores
        .iter()
        .map(|x| (&*x.innovation, &*x.criterion, x.value))
        .collect();
    assert_eq!(
        got,
        [
            ("INV-001", "kebaruan", 70.0),
            ("INV-001", "signifikansi", 60.0),
            ("INV-002", "signifikansi", 60.0)
        ]
    );
    // `Skor Akhir` holds formulas only: ignored, with a note.
    assert_eq!(s.columns[3].role, ColumnRole::Ignored);
    assert!(s
        .notes
        .iter()
        .any(|n| n.message_en.contains("formulas only")));
    // A formula without a saved value in a criterion column is a problem.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("J1").unwrap();
    ws.write_string(0, 0, "ID Inovasi").unwrap();
    ws.write_string(0, 1, "Kebaruan").unwrap();
    ws.write_string(1, 0, "INV-001").unwrap();
    ws.write_formula(1, 1, Formula::new("=35+35")).unwrap();
    let bytes = without_saved_values(&wb.save_to_buffer().unwrap());
    let p = read_one(&bytes, "J1", &comp, None, &SheetHints::default()).unwrap_err();
    assert_eq!(p[0].kind, "cell.formula", "{p:?}");
    assert_eq!(p[0].cell.as_deref(), Some("J1!B2"));
}

/// The workbook with every formula's saved value removed (as a program that
/// writes formulas without computing them leaves it).
fn without_saved_values(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let mut text = Vec::new();
        f.read_to_end(&mut text).unwrap();
        if f.name().starts_with("xl/worksheets/") {
            let s = String::from_utf8(text).unwrap();
            let s = s.replace("</f><v>0</v>", "</f>");
            text = s.into_bytes();
        }
        out.start_file(f.name(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn the_stage_named_in_the_sheet_name() {
    let comp = competition();
    let bytes = workbook(&[(
        "Presentasi J2",
        vec![
            vec![C::S("ID Inovasi"), C::S("Kemanfaatan"), C::S("Kebaruan")],
            vec![C::S("INV-001"), C::N(70.0), C::N(75.0)],
        ],
    )]);
    let p = read_one(&bytes, "Presentasi J2", &comp, None, &SheetHints::default()).unwrap_err();
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].message_en
            .contains("stage Presentasi dan Wawancara; did you mean `kebaharuan`"),
        "{p:?}"
    );
}

#[test]
fn a_sheet_without_an_innovation_column_is_one_problem() {
    let comp = competition();
    let bytes = workbook(&[(
        "Juri 1",
        vec![
            vec![C::S("Nama"), C::S("Kebaruan")],
            vec![C::S("Si Cantik"), C::N(70.0)],
            vec![C::S("Si Manis"), C::N(71.0)],
        ],
    )]);
    let p = read_one(&bytes, "Juri 1", &comp, None, &SheetHints::default()).unwrap_err();
    let kinds: Vec<&str> = p.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, ["header.missing"], "{p:?}");
}
