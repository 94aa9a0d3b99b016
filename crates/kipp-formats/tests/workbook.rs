//! The neutral path of the organiser app: an `.xlsx` file read by the
//! kipp-xlsx module into [`Workbook::to_bytes`], then parsed, gives exactly
//! what the file parsed directly gives (tables, scores, every problem and
//! its place); a [`WorkbookSpec`] sent to the module as JSON is written to
//! exactly the bytes kipp-formats writes.

use kipp_formats::{
    list_sheets, parse_competition, parse_innovations_from, parse_judges_from, parse_scores_from,
    read_scores_sheet_partial, read_workbook, result_xlsx_spec, score_sheet_spec, score_sheet_xlsx,
    survey, write_workbook, FileData, ScoreContext, SheetHints, TemplateSheet, Workbook,
    WorkbookSpec,
};
use kipp_score::{Competition, Judge, Lang};

fn officer(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../data/officer/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// What the app hands to the readers in place of the file.
fn neutral(bytes: &[u8]) -> Vec<u8> {
    read_workbook(bytes).to_bytes()
}

/// Everything the readers say about every sheet of `bytes`, as text.
fn everything(name: &str, bytes: &[u8], comp: &Competition, judges: Option<&[Judge]>) -> String {
    let mut out = format!(
        "survey {:?}\nsheets {:?}\n",
        survey(name, bytes),
        list_sheets(name, bytes)
    );
    let mut sheets: Vec<Option<String>> = vec![None, Some("no such sheet".into())];
    if let Ok(names) = list_sheets(name, bytes) {
        sheets.extend(names.into_iter().map(Some));
    }
    let ctx = ScoreContext {
        competition: comp,
        judges,
    };
    for s in &sheets {
        let f = FileData {
            name,
            bytes,
            sheet: s.as_deref(),
        };
        out.push_str(&format!(
            "[{s:?}]\ninnovations {:?}\nscores {:?}\njudges {:?}\nsheet {:?}\n",
            parse_innovations_from(f),
            parse_scores_from(f),
            parse_judges_from(f),
            read_scores_sheet_partial(f, &ctx, &SheetHints::default()),
        ));
    }
    out
}

/// The officer's competition, and two judges (the workbook has no judges
/// sheet: its sheets are "Inovasi", "Juri 1" … "Juri 5").
fn officer_context() -> (Competition, Vec<Judge>) {
    let comp = parse_competition("competition.json", &officer("competition.json")).unwrap();
    let judges = vec![
        Judge {
            id: "J1".into(),
            name: "Ani".into(),
            ..Judge::default()
        },
        Judge {
            id: "J2".into(),
            conflicts: vec!["INV-001".into()],
            ..Judge::default()
        },
    ];
    (comp, judges)
}

#[test]
fn the_officer_workbook_reads_the_same_through_the_module() {
    let (comp, judges) = officer_context();
    let name = "KIPP_Banyumas_2020.xlsx";
    let book = officer(name);
    let direct = everything(name, &book, &comp, Some(&judges));
    let via = everything(name, &neutral(&book), &comp, Some(&judges));
    assert!(direct.contains("Juri 1"), "{direct}");
    assert_eq!(direct, via);
    let without = everything(name, &neutral(&book), &comp, None);
    assert_eq!(everything(name, &book, &comp, None), without);
}

/// A workbook with every kind of cell the readers treat apart: ints,
/// floats, text numbers, booleans, dates, formulas with and without a
/// saved value, a formula error, an empty sheet, a range that starts at C3.
fn odd_workbook() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Formula, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Juri 1").unwrap();
    for (j, h) in ["ID Inovasi", "Judul", "Kebaruan", "Kemanfaatan", "Jumlah"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, 2 + j as u16, *h).unwrap();
    }
    ws.write_string(3, 2, "001").unwrap();
    ws.write_string(3, 3, "Layanan").unwrap();
    ws.write_number(3, 4, 80.0).unwrap();
    ws.write_string(3, 5, "7,5").unwrap();
    ws.write_formula(3, 6, Formula::new("=E4+F4").set_result("87.5"))
        .unwrap();
    ws.write_number(4, 2, 2.0).unwrap();
    ws.write_boolean(4, 3, true).unwrap();
    ws.write_formula(4, 4, "=1/0").unwrap();
    ws.write_datetime(4, 5, ExcelDateTime::from_ymd(2024, 5, 1).unwrap())
        .unwrap();
    ws.write_string(6, 2, "003").unwrap();
    ws.write_string(6, 4, "=SUM(A1)").unwrap();
    ws.write_number(6, 5, 1e300 * 10.0).unwrap();
    wb.add_worksheet().set_name("Kosong").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Inovasi").unwrap();
    ws.write_string(0, 0, "id").unwrap();
    ws.write_string(0, 1, "title").unwrap();
    ws.write_number(1, 0, 1.0).unwrap();
    ws.write_string(1, 1, "Satu").unwrap();
    ws.write_number(2, 0, 12345678901.0).unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn odd_cells_and_broken_files_read_the_same_through_the_module() {
    let (comp, judges) = officer_context();
    let odd = odd_workbook();
    let mut cut = odd.clone();
    cut.truncate(odd.len() / 2);
    let mut not_a_book = b"PK\x03\x04".to_vec();
    not_a_book.extend_from_slice(b"not really a zip");
    for (name, bytes) in [("odd.xlsx", odd), ("cut.xlsx", cut), ("x.xlsx", not_a_book)] {
        let direct = everything(name, &bytes, &comp, Some(&judges));
        assert_eq!(
            direct,
            everything(name, &neutral(&bytes), &comp, Some(&judges))
        );
    }
}

#[test]
fn damaged_module_output_is_a_located_problem() {
    let bytes = neutral(&odd_workbook());
    let mut cut = bytes.clone();
    cut.truncate(bytes.len() - 3);
    let p = survey("b.xlsx", &cut).unwrap_err();
    assert_eq!((&*p[0].file, p[0].line, p[0].column), ("b.xlsx", 0, 0));
    assert!(
        p[0].message_en.contains("unreadable .xlsx workbook"),
        "{p:?}"
    );
    assert!(Workbook::from_bytes(&cut).is_err());
}

/// What the app does with a spec: JSON to the module, written there.
fn through_module(spec: &WorkbookSpec) -> Vec<u8> {
    let json = serde_json::to_string(spec).unwrap();
    let back: WorkbookSpec = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, spec);
    write_workbook(&back).unwrap()
}

#[test]
fn templates_and_results_are_written_the_same_through_the_module() {
    let (comp, judges) = officer_context();
    let book = officer("KIPP_Banyumas_2020.xlsx");
    let inns = list_sheets("b.xlsx", &book)
        .unwrap()
        .iter()
        .find_map(|s| {
            parse_innovations_from(FileData {
                name: "b.xlsx",
                bytes: &book,
                sheet: Some(s),
            })
            .ok()
        })
        .unwrap();
    let entrants: Vec<_> = inns.iter().collect();
    // (Debug builds write slowly: each stage, two judges, both languages.)
    for lang in [Lang::Id, Lang::En] {
        for st in &comp.stages {
            for j in judges.iter().take(2) {
                let t = TemplateSheet {
                    stage: st,
                    judge: j,
                    innovations: kipp_formats::judge_entrants(&entrants, j),
                };
                let spec = score_sheet_spec(&t, &comp.name, lang);
                assert_eq!(
                    through_module(&spec),
                    score_sheet_xlsx(&t, &comp.name, lang).unwrap()
                );
            }
        }
    }
    // Results: the document's creation time is the clock's, so the spec
    // (not the bytes) is compared, and what is written reads back.
    let sheets = list_sheets("b.xlsx", &book).unwrap();
    fn at<'a>(book: &'a [u8], s: &'a str) -> FileData<'a> {
        FileData {
            name: "b.xlsx",
            bytes: book,
            sheet: Some(s),
        }
    }
    let inn_sheet = sheets
        .iter()
        .find(|s| parse_innovations_from(at(&book, s)).is_ok())
        .unwrap();
    let competition = officer("competition.json");
    let set = kipp_formats::RunSet {
        competition: FileData::new("competition.json", &competition),
        innovations: vec![at(&book, inn_sheet)],
        // The sheets are named "Juri 1".. (not after the judges' ids).
        judges: Vec::new(),
        scores: sheets
            .iter()
            .filter(|s| s.starts_with("Juri"))
            .map(|s| at(&book, s))
            .collect(),
    };
    let p = kipp_formats::prepare_set(&set).unwrap();
    let r = p.rank();
    let extra = vec![(
        "keputusan".to_string(),
        vec![
            vec!["tahap".to_string(), "id".into()],
            vec!["=1".into(), "x".into()],
        ],
    )];
    let spec = result_xlsx_spec(&r, p.innovations(), Lang::Id, &extra);
    let bytes = through_module(&spec);
    let names = list_sheets("r.xlsx", &bytes).unwrap();
    assert_eq!(names.len(), r.stages.len() + 2, "{names:?}");
    assert_eq!(names.last().map(String::as_str), Some("keputusan"));
}
