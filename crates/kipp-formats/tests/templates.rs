//! Score-sheet templates: the workbook layout another reader relies on,
//! conflicts of interest left out, validation and protection in the sheet
//! XML, a filled template read back, and a deterministic ZIP.

use std::io::{Cursor, Read, Write};

use calamine::{Data, Reader};
use kipp_formats::{
    judge_entrants, parse_competition, parse_innovations, parse_judges, parse_scores_from,
    score_sheet_xlsx, score_sheets_zip, FileData, TemplateSheet,
};
use kipp_score::{Competition, Innovation, Judge, Lang};

const COMP: &str = r#"{"kipp": 1, "name": "KIPP Uji 2024", "stages": [
  {"id": "proposal", "name": "Evaluasi Proposal", "criteria": [
     {"id": "kebaruan", "name": "Kebaruan", "weight": 40, "min": 0, "max": 100},
     {"id": "manfaat", "name": "Kemanfaatan", "weight": 60, "min": 0, "max": 100}],
   "advance": {"top": 2}},
  {"id": "presentasi", "name": "Presentasi dan Wawancara", "criteria": [
     {"id": "materi", "name": "", "weight": 1, "min": 1, "max": 5}]}]}"#;
const INN: &str = "id,title,agency,eligible\n\
001,Layanan Antar Jemput KTP,Dinas Dukcapil,ya\n\
002,\"=HYPERLINK(\"\"http://x\"\")\",Dinas Kesehatan,ya\n\
003,Puskesmas Keliling,Dinas Kesehatan,ya\n\
004,Sekolah Ramah Anak,Dinas Pendidikan,tidak\n";
const JUDGES: &str = "id,name,agency,conflicts\nJ1,Ani,,\nJ2,Budi,,003\nJ3,Citra,,\n";

struct Data3 {
    comp: Competition,
    inns: Vec<Innovation>,
    judges: Vec<Judge>,
}

fn data() -> Data3 {
    Data3 {
        comp: parse_competition("c.json", COMP.as_bytes()).unwrap(),
        inns: parse_innovations("i.csv", INN.as_bytes()).unwrap(),
        judges: parse_judges("j.csv", JUDGES.as_bytes()).unwrap(),
    }
}

/// The first stage's entrants: the eligible innovations.
fn entrants(d: &Data3) -> Vec<&Innovation> {
    d.inns.iter().filter(|i| i.eligible).collect()
}

fn sheet<'a>(d: &'a Data3, stage: usize, judge: usize) -> TemplateSheet<'a> {
    TemplateSheet {
        stage: &d.comp.stages[stage],
        judge: &d.judges[judge],
        innovations: judge_entrants(&entrants(d), &d.judges[judge]),
    }
}

fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().to_string(), v)
        })
        .collect()
}

fn entry(bytes: &[u8], name: &str) -> String {
    let e = zip_entries(bytes);
    let (_, v) = e.iter().find(|(n, _)| n == name).unwrap();
    String::from_utf8(v.clone()).unwrap()
}

fn rows(bytes: &[u8], sheet: usize) -> (String, Vec<Vec<Data>>) {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let name = wb.sheet_names()[sheet].clone();
    let r = wb.worksheet_range(&name).unwrap();
    (name, r.rows().map(|r| r.to_vec()).collect())
}

fn texts(row: &[Data]) -> Vec<String> {
    row.iter().map(|c| c.to_string()).collect()
}

#[test]
fn judge_entrants_leave_out_conflicts_in_entrant_order() {
    let d = data();
    let e = entrants(&d);
    let ids = |v: Vec<&Innovation>| v.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(judge_entrants(&e, &d.judges[0])), ["001", "002", "003"]);
    assert_eq!(ids(judge_entrants(&e, &d.judges[1])), ["001", "002"]);
    // An agency conflict (§1.4), and a declared one written with spaces.
    let j = Judge {
        id: "J9".into(),
        agency: "Dinas Kesehatan".into(),
        conflicts: vec![" 001 ".into()],
        ..Judge::default()
    };
    assert!(judge_entrants(&e, &j).is_empty());
}

#[test]
fn template_layout_ids_validation_and_protection() {
    let d = data();
    let t = sheet(&d, 0, 1); // J2, conflict with 003
    let bytes = score_sheet_xlsx(&t, &d.comp.name, Lang::Id).unwrap();
    let (name, r) = rows(&bytes, 0);
    assert_eq!(name, "J2");
    assert_eq!(
        texts(&r[0]),
        [
            "Tahap",
            "Juri",
            "ID Inovasi",
            "Judul",
            "Kebaruan",
            "Kemanfaatan"
        ]
    );
    assert_eq!(r.len(), 3, "header + 2 innovations: 003 is left out");
    assert_eq!(
        texts(&r[1])[..4],
        ["proposal", "J2", "001", "Layanan Antar Jemput KTP"]
    );
    // Ids are text (not the number 1); the formula-like title is neutralised.
    assert_eq!(r[1][2], Data::String("001".into()));
    assert_eq!(r[2][3], Data::String("'=HYPERLINK(\"http://x\")".into()));
    assert!(r[1][4..].iter().all(|c| c == &Data::Empty));

    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(xml.matches("<dataValidation ").count(), 2, "{xml}");
    assert!(xml.contains(r#"<dataValidation type="decimal""#));
    assert!(xml.contains(r#"sqref="E2:E3""#) && xml.contains(r#"sqref="F2:F3""#));
    assert!(xml.contains("<formula1>0</formula1><formula2>100</formula2>"));
    assert!(xml.contains(r#"promptTitle="Skala nilai""#));
    assert!(xml.contains(r#"errorTitle="Nilai di luar skala""#));
    assert!(xml.contains("<sheetProtection "), "{xml}");
    assert!(!xml.contains("password="), "no password");
    assert!(xml.contains(r#"<pane xSplit="4" ySplit="1""#), "{xml}");
    // Criterion cells unlocked, id cells text and locked.
    let styles = entry(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"<protection locked="0"/>"#), "{styles}");
    assert!(styles.contains(r#"formatCode="@""#), "text format @");
    assert!(
        xml.contains(r#"formatColumns="0""#),
        "judges may widen columns"
    );
    // Header notes give the criterion id and scale.
    let notes = zip_entries(&bytes)
        .into_iter()
        .find(|(n, _)| n.starts_with("xl/comments"))
        .map(|(_, v)| String::from_utf8(v).unwrap())
        .unwrap();
    assert!(notes.contains("kebaruan: 0 – 100"), "{notes}");
    // Fixed creation time: reproducible bytes.
    assert!(entry(&bytes, "docProps/core.xml").contains("2020-01-01T00:00:00Z"));
    assert_eq!(score_sheet_xlsx(&t, &d.comp.name, Lang::Id).unwrap(), bytes);

    // Instructions, in Indonesian.
    let (name, r) = rows(&bytes, 1);
    assert_eq!(name, "Petunjuk");
    let all: Vec<String> = r.iter().flat_map(|row| texts(row)).collect();
    for want in [
        "Lembar penilaian",
        "KIPP Uji 2024",
        "Evaluasi Proposal (proposal)",
        "Budi (J2)",
        "Cara mengisi",
        "kebaruan",
        "Kemanfaatan",
    ] {
        assert!(all.iter().any(|c| c == want), "{want} in {all:?}");
    }
    assert!(all.iter().any(|c| c.contains("koma atau titik desimal")));
    assert!(all.iter().any(|c| c.contains("kirimkan kembali")));
    let n_row = r
        .iter()
        .find(|row| texts(row)[0] == "Jumlah inovasi")
        .unwrap();
    assert_eq!(n_row[1], Data::Float(2.0));
}

#[test]
fn template_name_fallback_scale_and_english() {
    let d = data();
    let t = sheet(&d, 1, 0);
    let bytes = score_sheet_xlsx(&t, &d.comp.name, Lang::En).unwrap();
    let (_, r) = rows(&bytes, 0);
    assert_eq!(
        texts(&r[0]),
        ["Stage", "Judge", "Innovation ID", "Title", "materi"]
    );
    assert_eq!(r.len(), 4);
    let xml = entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<formula1>1</formula1><formula2>5</formula2>"));
    assert!(xml.contains(r#"errorTitle="Score outside the scale""#));
    let (name, r) = rows(&bytes, 1);
    assert_eq!(name, "Instructions");
    assert!(r.iter().any(|row| texts(row)[0] == "How to fill in"));
}

/// Fills cells of sheet 1 as Excel would save them: the template's empty,
/// formatted cell `<c r="E2" s="N"/>` gets a value.
fn fill(template: &[u8], values: &[(&str, f64)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, mut data) in zip_entries(template) {
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(data).unwrap();
            for (cell, v) in values {
                let start = xml.find(&format!(r#"<c r="{cell}" "#)).unwrap();
                let end = start + xml[start..].find("/>").unwrap();
                xml.replace_range(end..end + 2, &format!("><v>{v}</v></c>"));
            }
            data = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The test's stand-in for a header-alias reader: the template's headers
/// mapped to the wide form of §1.3 (`stage`, `judge`, `innovation`,
/// criterion ids; `Judul` dropped, a neutralising `'` removed), written as a
/// workbook that the existing reader takes.
fn adapt(filled: &[u8], comp: &Competition) -> Vec<u8> {
    let (_, r) = rows(filled, 0);
    let head = texts(&r[0]);
    let stage = comp
        .stages
        .iter()
        .find(|s| s.id == texts(&r[1])[0])
        .unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let mut out_col = 0u16;
    for (j, h) in head.iter().enumerate() {
        let key = match h.as_str() {
            "Tahap" => "stage".to_string(),
            "Juri" => "judge".to_string(),
            "ID Inovasi" => "innovation".to_string(),
            "Judul" => continue,
            name => stage
                .criteria
                .iter()
                .find(|c| c.name == name || (c.name.is_empty() && c.id == name))
                .unwrap()
                .id
                .clone(),
        };
        ws.write_string(0, out_col, &key).unwrap();
        for (i, row) in r.iter().enumerate().skip(1) {
            match &row[j] {
                Data::String(s) => {
                    let s = match s.strip_prefix('\'') {
                        Some(t) if t.starts_with(['=', '+', '-', '@', '\t', '\r']) => t,
                        _ => s,
                    };
                    ws.write_string(i as u32, out_col, s).unwrap();
                }
                Data::Float(x) => {
                    ws.write_number(i as u32, out_col, *x).unwrap();
                }
                Data::Int(x) => {
                    ws.write_number(i as u32, out_col, *x as f64).unwrap();
                }
                _ => {}
            }
        }
        out_col += 1;
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn filled_template_reads_back_as_the_scores_filled() {
    let d = data();
    let t = sheet(&d, 0, 0); // J1: 001, 002, 003
    let template = score_sheet_xlsx(&t, &d.comp.name, Lang::Id).unwrap();
    let filled = fill(
        &template,
        &[
            ("E2", 70.0),
            ("F2", 85.5),
            ("E3", 60.0),
            ("E4", 0.0),
            ("F4", 100.0),
        ],
    );
    // The filled workbook still opens as the template did.
    let (name, r) = rows(&filled, 0);
    assert_eq!(name, "J1");
    assert_eq!(r[1][5], Data::Float(85.5));

    let wide = adapt(&filled, &d.comp);
    let scores = parse_scores_from(FileData::new("nilai-proposal-j1.xlsx", &wide)).unwrap();
    let got: Vec<(&str, &str, &str, &str, f64)> = scores
        .iter()
        .map(|s| (&*s.stage, &*s.innovation, &*s.judge, &*s.criterion, s.value))
        .collect();
    assert_eq!(
        got,
        [
            ("proposal", "001", "J1", "kebaruan", 70.0),
            ("proposal", "001", "J1", "manfaat", 85.5),
            ("proposal", "002", "J1", "kebaruan", 60.0),
            ("proposal", "003", "J1", "kebaruan", 0.0),
            ("proposal", "003", "J1", "manfaat", 100.0),
        ]
    );
}

#[test]
fn zip_has_one_workbook_per_judge_and_stage_and_is_deterministic() {
    let d = data();
    let sheets: Vec<TemplateSheet> = (0..2)
        .flat_map(|s| (0..3).map(move |j| (s, j)))
        .map(|(s, j)| sheet(&d, s, j))
        .collect();
    let bytes = score_sheets_zip(&sheets, &d.comp.name, Lang::Id).unwrap();
    let entries = zip_entries(&bytes);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "README.txt",
            "nilai-proposal-j1.xlsx",
            "nilai-proposal-j2.xlsx",
            "nilai-proposal-j3.xlsx",
            "nilai-presentasi-j1.xlsx",
            "nilai-presentasi-j2.xlsx",
            "nilai-presentasi-j3.xlsx",
        ]
    );
    for ((_, v), t) in entries[1..].iter().zip(&sheets) {
        assert_eq!(v, &score_sheet_xlsx(t, &d.comp.name, Lang::Id).unwrap());
        let (name, r) = rows(v, 0);
        assert_eq!(name, t.judge.id);
        assert_eq!(r.len(), 1 + t.innovations.len());
    }
    let readme = String::from_utf8(entries[0].1.clone()).unwrap();
    assert!(readme.contains("lembar penilaian satu juri"), "{readme}");
    assert!(readme.contains("one judge's score sheet"), "{readme}");
    assert!(readme
        .contains("nilai-proposal-j2.xlsx  tahap/stage proposal, juri/judge Budi (J2), 2 inovasi"));
    // Same input, same bytes; fixed entry times.
    assert_eq!(
        score_sheets_zip(&sheets, &d.comp.name, Lang::Id).unwrap(),
        bytes
    );
    let mut z = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1));
    }
}
