//! Workbooks on any bytes (seeded with real .xlsx files): the sheet list,
//! every table reader on each sheet, and the score-sheet reader (one sheet
//! per judge) against the officer's competition: results or located
//! problems, memory bounded by the documented limits.
#![no_main]
use kipp_formats::{FileData, ScoreContext, SheetHints};
use libfuzzer_sys::fuzz_target;

static COMPETITION: &[u8] = include_bytes!("../../data/officer/competition.json");

fuzz_target!(|data: &[u8]| {
    let comp =
        kipp_formats::parse_competition("competition.json", COMPETITION).expect("officer file");
    let ctx = ScoreContext {
        competition: &comp,
        judges: None,
    };
    let sheets = match kipp_formats::list_sheets("book.xlsx", data) {
        Ok(s) => s,
        Err(p) => {
            kipp_fuzz::check_problems(&p);
            Vec::new()
        }
    };
    kipp_fuzz::all_tables("book.xlsx", data);
    for name in sheets.iter().take(4) {
        let f = FileData {
            name: "book.xlsx",
            bytes: data,
            sheet: Some(name),
        };
        if let Err(p) = kipp_formats::parse_innovations_from(f) {
            kipp_fuzz::check_problems(&p);
        }
        if let Err(p) = kipp_formats::parse_scores_from(f) {
            kipp_fuzz::check_problems(&p);
        }
        match kipp_formats::read_scores_sheet(f, &ctx, &SheetHints::default()) {
            Ok(sheet) => assert!(sheet.scores.iter().all(|s| s.value.is_finite())),
            Err(p) => kipp_fuzz::check_problems(&p),
        }
    }
});
