//! Result writers: CSV in both languages with formula neutralisation, XLSX
//! with a sheet per stage, JSON exactly §3.1.

use kipp_formats::{prepare_files, result_csv, result_json, result_xlsx, FileData, RunFiles};
use kipp_score::Lang;

const COMP: &str = r#"{"kipp": 1, "name": "Uji", "stages": [
  {"id": "proposal", "criteria": [{"id": "a", "weight": 1, "min": 0, "max": 10}], "advance": {"top": 1}},
  {"id": "final", "criteria": [{"id": "b", "weight": 1, "min": 0, "max": 10}]}]}"#;
const INN: &str =
    "id,title,agency\nA1,=HYPERLINK(\"http://x\"),@Dinas\nA2,\"Dua, dengan koma\",-Dinas\n";
const SCORES: &str = "stage,innovation,judge,criterion,score\nproposal,A1,J1,a,7.5\nproposal,A2,J1,a,6\nfinal,A1,J1,b,9\n";

fn result() -> (kipp_score::RunResult, Vec<kipp_score::Innovation>) {
    let p = prepare_files(RunFiles {
        competition: FileData::new("c.json", COMP.as_bytes()),
        innovations: FileData::new("i.csv", INN.as_bytes()),
        scores: FileData::new("s.csv", SCORES.as_bytes()),
        judges: None,
    })
    .unwrap();
    (p.rank(), p.innovations().to_vec())
}

#[test]
fn csv_neutralises_formulas_and_follows_the_language() {
    let (r, inns) = result();
    let id = result_csv(&r, &inns, Lang::Id);
    let lines: Vec<&str> = id.lines().collect();
    assert_eq!(
        lines[0],
        "tahap;peringkat;peringkat_kategori;id;judul;unit_penyelenggara;perangkat_daerah;kategori;nilai;nilai_dasar;nilai_tambahan;a;b;lembar_penilaian;lolos;nilai_sama_di_batas;belum_lengkap"
    );
    assert_eq!(
        lines[1],
        "proposal;1;;A1;\"'=HYPERLINK(\"\"http://x\"\")\";;'@Dinas;;75;75;0;75;;1;ya;tidak;tidak"
    );
    assert!(
        lines[2].contains("Dua, dengan koma;;'-Dinas;;60;60;0;60;;1;tidak"),
        "{}",
        lines[2]
    );
    let en = result_csv(&r, &inns, Lang::En);
    assert!(en.starts_with("stage,rank,category_rank,id,title,unit,agency,"));
    assert!(
        en.contains("\"Dua, dengan koma\",,'-Dinas,,60,60,0,60,,1,no,no,no"),
        "{en}"
    );
    // Decimal comma in the Indonesian table.
    let r2 = {
        let mut r = r.clone();
        r.stages[0].rows[0].score = Some(81.5);
        r
    };
    assert!(result_csv(&r2, &inns, Lang::Id).contains(";81,5;"));
}

#[test]
fn xlsx_has_a_sheet_per_stage() {
    let (r, inns) = result();
    let bytes = result_xlsx(&r, &inns, Lang::Id).unwrap();
    let sheets = kipp_formats::list_sheets("r.xlsx", &bytes).unwrap();
    assert_eq!(sheets, ["proposal", "final", "ringkasan"]);
    // Read back through the importer: the header row and typed numbers.
    use calamine::{Data, Reader};
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("proposal").unwrap();
    assert_eq!(range.get((0, 0)), Some(&Data::String("tahap".into())));
    assert_eq!(range.get((1, 8)), Some(&Data::Float(75.0)));
    assert_eq!(
        range.get((1, 4)),
        Some(&Data::String("'=HYPERLINK(\"http://x\")".into()))
    );
}

#[test]
fn json_is_exactly_3_1() {
    let (r, _) = result();
    let v: serde_json::Value = serde_json::from_str(&result_json(&r)).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["digest", "engine", "stages", "winners"]);
    let row = &v["stages"][0]["rows"][0];
    let mut rk: Vec<&String> = row.as_object().unwrap().keys().collect();
    rk.sort();
    assert_eq!(
        rk,
        [
            "advanced",
            "bonus",
            "category_rank",
            "criteria",
            "id",
            "incomplete",
            "rank",
            "raw",
            "score",
            "sheets",
            "tie_at_cutoff"
        ]
    );
    assert_eq!(v["winners"], serde_json::json!(["A1"]));
}
