//! Score-sheet templates (lembar penilaian): one workbook per judge and
//! stage, which an officer sends to each judge and reads back once filled.
//!
//! The layout is a contract with the reader of filled sheets (see
//! docs/formats.md, "Score-sheet templates"): sheet 1 is named after the
//! judge id and has the header `Tahap`, `Juri`, `ID Inovasi`, `Judul` (in
//! English `Stage`, `Judge`, `Innovation ID`, `Title`), then one column per
//! criterion of the stage headed by its name (its id when the name is
//! empty); one row per innovation. The id columns and the header are locked,
//! the criterion cells unlocked and limited to the criterion's scale; the
//! sheet is protected without a password. Sheet 2 (`Petunjuk` /
//! `Instructions`) tells the judge how to fill it in.
//!
//! Output is deterministic: the workbook's creation time is fixed
//! (2020-01-01) and ZIP entries carry the DOS epoch (1980-01-01 00:00), so
//! the same input gives the same bytes natively and in WebAssembly.

use std::io::{Cursor, Write as _};

use kipp_score::{Innovation, Judge, Lang, Stage};

use crate::xlsx::{
    column_name, CellFormat, FilePart, SheetOp, SheetSpec, Validation, WorkbookSpec,
};

use crate::num::number_text;
use crate::write::neutralise;

/// The creation time written in every template's document properties
/// (`docProps/core.xml`), instead of the clock, so that output is
/// reproducible: 2020-01-01T00:00:00Z.
const CREATED: (u16, u8, u8) = (2020, 1, 1);

/// One judge's score sheet for one stage: what [`score_sheet_xlsx`] writes.
#[derive(Clone, Debug)]
pub struct TemplateSheet<'a> {
    /// The stage to score (its criteria become the columns).
    pub stage: &'a Stage,
    /// The judge who fills in the sheet.
    pub judge: &'a Judge,
    /// The innovations to score, one row each, in this order (see
    /// [`judge_entrants`]).
    pub innovations: Vec<&'a Innovation>,
}

/// True when `judge` has a conflict of interest with `inn` (scoring.md
/// §1.4): the innovation is listed in the judge's `conflicts`, or its agency
/// equals the judge's non-empty agency (exact string compare, as the engine).
fn conflicted(judge: &Judge, inn: &Innovation) -> bool {
    (!judge.agency.is_empty() && judge.agency == inn.agency)
        || judge.conflicts.iter().any(|c| c.trim() == inn.id)
}

/// The innovations judge `judge` must score in a stage from a list of
/// entrants: conflicts of interest (§1.4) left out, in entrant order.
pub fn judge_entrants<'a>(entrants: &[&'a Innovation], judge: &Judge) -> Vec<&'a Innovation> {
    entrants
        .iter()
        .copied()
        .filter(|i| !conflicted(judge, i))
        .collect()
}

/// Words of the templates in one language.
struct Words {
    keys: [&'static str; 4],
    instructions: &'static str,
    scale_title: &'static str,
    error_title: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Id => Words {
            keys: ["Tahap", "Juri", "ID Inovasi", "Judul"],
            instructions: "Petunjuk",
            scale_title: "Skala nilai",
            error_title: "Nilai di luar skala",
        },
        Lang::En => Words {
            keys: ["Stage", "Judge", "Innovation ID", "Title"],
            instructions: "Instructions",
            scale_title: "Score scale",
            error_title: "Score outside the scale",
        },
    }
}

/// A number as people of `lang` write it (`7,5` in Indonesian).
fn num(x: f64, lang: Lang) -> String {
    let t = number_text(x);
    match lang {
        Lang::Id => t.replace('.', ","),
        Lang::En => t,
    }
}

/// The header of a criterion column: its name, or its id when the name is
/// empty.
fn criterion_header(c: &kipp_score::Criterion) -> &str {
    if c.name.trim().is_empty() {
        &c.id
    } else {
        &c.name
    }
}

/// A valid Excel sheet name for a judge id: at most 31 characters,
/// `[]:*?/\` replaced by `_`, no apostrophe at either end, not empty, not
/// `History`, and not the instructions sheet's name.
fn sheet_name(judge_id: &str, instructions: &str) -> String {
    let mut s: String = judge_id
        .trim()
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(31)
        .collect();
    if s.starts_with('\'') {
        s.replace_range(..1, "_");
    }
    if s.ends_with('\'') {
        s.pop();
        s.push('_');
    }
    if s.is_empty() {
        s.push_str("Juri");
    }
    if s.eq_ignore_ascii_case("history") || s.eq_ignore_ascii_case(instructions) {
        if s.chars().count() >= 31 {
            s.pop();
        }
        s.push('_');
    }
    s
}

/// The Excel column width for a text of `chars` characters, within bounds.
fn width(chars: usize, lo: usize, hi: usize) -> f64 {
    (chars + 2).clamp(lo, hi) as f64
}

/// One judge's workbook for one stage (layout in the module docs and
/// docs/formats.md). Every text taken from the data is neutralised against
/// formula injection (a leading `'` before `=`, `+`, `-`, `@`, tab, CR).
#[cfg(feature = "xlsx")]
pub fn score_sheet_xlsx(
    t: &TemplateSheet,
    competition_name: &str,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    crate::xlsx::write_workbook(&score_sheet_spec(t, competition_name, lang))
}

/// What [`score_sheet_xlsx`] writes, as a [`WorkbookSpec`] (for a writer
/// elsewhere: the app's `kipp-xlsx` module).
pub fn score_sheet_spec(t: &TemplateSheet, competition_name: &str, lang: Lang) -> WorkbookSpec {
    let w = words(lang);
    let title = match lang {
        Lang::Id => format!("Lembar penilaian {} - {}", t.stage.id, t.judge.id),
        Lang::En => format!("Score sheet {} - {}", t.stage.id, t.judge.id),
    };
    let mut wb = WorkbookSpec {
        title: Some(title),
        created: Some(CREATED),
        ..WorkbookSpec::default()
    };
    let scores = scores_sheet(&mut wb, t, &w, lang);
    wb.sheets.push(scores);
    let instructions = instructions_sheet(&mut wb, t, competition_name, &w, lang);
    wb.sheets.push(instructions);
    wb
}

fn scores_sheet(wb: &mut WorkbookSpec, t: &TemplateSheet, w: &Words, lang: Lang) -> SheetSpec {
    let header = wb.format(CellFormat {
        bold: true,
        wrap: true,
        align_top: true,
        background: Some(0xD9E1F2),
        border_bottom: true,
        ..CellFormat::default()
    });
    // Text format (`@`) so that Excel keeps `001` as typed; locked (the default).
    let id_cell = wb.format(CellFormat {
        num_format: Some("@".into()),
        ..CellFormat::default()
    });
    let score_cell = wb.format(CellFormat {
        unlocked: true,
        background: Some(0xFFF2CC),
        border: true,
        border_color: Some(0xBFBFBF),
        ..CellFormat::default()
    });
    let crit = &t.stage.criteria;
    let n = t.innovations.len() as u32;

    let mut ops = Vec::new();
    for (j, h) in w.keys.iter().enumerate() {
        ops.push(SheetOp::Text(0, j as u16, h.to_string(), Some(header)));
    }
    for (k, c) in crit.iter().enumerate() {
        let col = 4 + k as u16;
        ops.push(SheetOp::Text(
            0,
            col,
            neutralise(criterion_header(c)).into_owned(),
            Some(header),
        ));
        let note = format!("{}: {} – {}", c.id, num(c.min, lang), num(c.max, lang));
        ops.push(SheetOp::Note(0, col, note, "kipp".into()));
        ops.push(SheetOp::Width(
            col,
            width(criterion_header(c).chars().count(), 10, 24),
        ));
    }
    let stage_id = neutralise(&t.stage.id);
    let judge_id = neutralise(&t.judge.id);
    for (i, inn) in t.innovations.iter().enumerate() {
        let r = i as u32 + 1;
        ops.push(SheetOp::Text(r, 0, stage_id.to_string(), Some(id_cell)));
        ops.push(SheetOp::Text(r, 1, judge_id.to_string(), Some(id_cell)));
        ops.push(SheetOp::Text(
            r,
            2,
            neutralise(&inn.id).into_owned(),
            Some(id_cell),
        ));
        ops.push(SheetOp::Text(
            r,
            3,
            neutralise(&inn.title).into_owned(),
            Some(id_cell),
        ));
        for k in 0..crit.len() {
            ops.push(SheetOp::Blank(r, 4 + k as u16, score_cell));
        }
    }
    if n > 0 {
        for (k, c) in crit.iter().enumerate() {
            let col = 4 + k as u16;
            let (lo, hi) = (num(c.min, lang), num(c.max, lang));
            let (input, error) = match lang {
                Lang::Id => (
                    format!("Isi satu angka dari {lo} sampai {hi}; koma atau titik desimal boleh. Kosongkan bila tidak dapat menilai."),
                    format!("Nilai harus berupa angka dari {lo} sampai {hi}."),
                ),
                Lang::En => (
                    format!("Enter one number from {lo} to {hi}; a decimal comma or point is fine. Leave empty if you cannot score it."),
                    format!("The score must be a number from {lo} to {hi}."),
                ),
            };
            ops.push(SheetOp::Validation(Box::new(Validation {
                range: (1, col, n, col),
                min: c.min,
                max: c.max,
                input_title: w.scale_title.into(),
                input_message: cut(&input, 255),
                error_title: w.error_title.into(),
                error_message: cut(&error, 255),
            })));
        }
    }
    let longest = |f: &dyn Fn(&Innovation) -> usize| t.innovations.iter().map(|i| f(i)).max();
    ops.push(SheetOp::Width(
        0,
        width(t.stage.id.chars().count().max(w.keys[0].len()), 8, 20),
    ));
    ops.push(SheetOp::Width(
        1,
        width(t.judge.id.chars().count().max(w.keys[1].len()), 8, 16),
    ));
    ops.push(SheetOp::Width(
        2,
        width(
            longest(&|i| i.id.chars().count())
                .unwrap_or(0)
                .max(w.keys[2].len()),
            10,
            24,
        ),
    ));
    ops.push(SheetOp::Width(
        3,
        width(longest(&|i| i.title.chars().count()).unwrap_or(0), 24, 60),
    ));
    ops.push(SheetOp::Freeze(1, 4));
    ops.push(SheetOp::ProtectAllowFormatting);
    SheetSpec {
        name: sheet_name(&t.judge.id, w.instructions),
        ops,
    }
}

/// At most `max` characters (Excel's limits on validation messages).
fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn instructions_sheet(
    wb: &mut WorkbookSpec,
    t: &TemplateSheet,
    competition_name: &str,
    w: &Words,
    lang: Lang,
) -> SheetSpec {
    let bold = wb.format(CellFormat {
        bold: true,
        ..CellFormat::default()
    });
    let title = wb.format(CellFormat {
        bold: true,
        font_size: Some(14.0),
        ..CellFormat::default()
    });
    let wrap = wb.format(CellFormat {
        wrap: true,
        align_top: true,
        ..CellFormat::default()
    });
    let sheet = sheet_name(&t.judge.id, w.instructions);
    let first = 4u16;
    let last = 4 + t.stage.criteria.len().saturating_sub(1) as u16;
    let cols = if t.stage.criteria.len() > 1 {
        format!("{}–{}", column_name(first), column_name(last))
    } else {
        column_name(first)
    };
    let judge_name = if t.judge.name.trim().is_empty() {
        t.judge.id.clone()
    } else {
        format!("{} ({})", t.judge.name, t.judge.id)
    };
    let stage_name = if t.stage.name.trim().is_empty() || t.stage.name == t.stage.id {
        t.stage.id.clone()
    } else {
        format!("{} ({})", t.stage.name, t.stage.id)
    };
    let (heading, labels, how, steps, crit_head): (&str, [&str; 4], &str, Vec<String>, [&str; 4]) =
        match lang {
            Lang::Id => (
                "Lembar penilaian",
                ["Kompetisi", "Tahap", "Juri", "Jumlah inovasi"],
                "Cara mengisi",
                vec![
                    format!("1. Isi lembar \"{sheet}\": satu baris per inovasi, satu nilai per sel pada kolom kriteria ({cols})."),
                    "2. Nilai berupa angka dalam skala kriteria (lihat daftar di bawah); koma atau titik desimal sama-sama boleh (7,5 atau 7.5).".into(),
                    "3. Biarkan sel kosong bila Anda tidak dapat menilai inovasi itu pada kriteria tersebut.".into(),
                    "4. Jangan mengganti nama lembar dan jangan mengubah kolom Tahap, Juri, ID Inovasi dan Judul (kolom itu dikunci).".into(),
                    "5. Simpan berkas dalam format .xlsx dan kirimkan kembali kepada panitia.".into(),
                ],
                ["ID kriteria", "Kriteria", "Nilai terendah", "Nilai tertinggi"],
            ),
            Lang::En => (
                "Score sheet",
                ["Competition", "Stage", "Judge", "Number of innovations"],
                "How to fill in",
                vec![
                    format!("1. Fill in sheet \"{sheet}\": one row per innovation, one score per cell in the criterion columns ({cols})."),
                    "2. A score is a number on the criterion's scale (see the list below); a decimal comma or point are both fine (7,5 or 7.5).".into(),
                    "3. Leave a cell empty if you cannot score that innovation on that criterion.".into(),
                    "4. Do not rename the sheets and do not change the Stage, Judge, Innovation ID and Title columns (they are locked).".into(),
                    "5. Save the file as .xlsx and send it back to the organising officer.".into(),
                ],
                ["Criterion ID", "Criterion", "Lowest score", "Highest score"],
            ),
        };
    let mut ops = vec![
        SheetOp::Width(0, 22.0),
        SheetOp::Width(1, 60.0),
        SheetOp::Width(2, 16.0),
        SheetOp::Width(3, 16.0),
        SheetOp::Text(0, 0, heading.into(), Some(title)),
    ];
    let facts = [
        competition_name.to_string(),
        stage_name,
        judge_name,
        t.innovations.len().to_string(),
    ];
    for (k, (l, v)) in labels.iter().zip(facts.iter()).enumerate() {
        let r = 2 + k as u32;
        ops.push(SheetOp::Text(r, 0, l.to_string(), Some(bold)));
        if k == 3 {
            ops.push(SheetOp::Number(r, 1, t.innovations.len() as f64, None));
        } else {
            ops.push(SheetOp::Text(r, 1, neutralise(v).into_owned(), None));
        }
    }
    let mut r = 7u32;
    ops.push(SheetOp::Text(r, 0, how.into(), Some(bold)));
    for s in &steps {
        r += 1;
        ops.push(SheetOp::Merge(r, 0, r, 3, s.clone(), wrap));
        ops.push(SheetOp::Height(r, 30.0));
    }
    r += 2;
    for (j, h) in crit_head.iter().enumerate() {
        ops.push(SheetOp::Text(r, j as u16, h.to_string(), Some(bold)));
    }
    for c in &t.stage.criteria {
        r += 1;
        ops.push(SheetOp::Text(r, 0, neutralise(&c.id).into_owned(), None));
        ops.push(SheetOp::Text(
            r,
            1,
            neutralise(criterion_header(c)).into_owned(),
            None,
        ));
        ops.push(SheetOp::Number(r, 2, c.min, None));
        ops.push(SheetOp::Number(r, 3, c.max, None));
    }
    ops.push(SheetOp::Protect);
    SheetSpec {
        name: w.instructions.into(),
        ops,
    }
}

/// A safe ASCII slug for a file name: lower-case letters, digits, `_` and
/// `-`; every other run of characters becomes one `-`; never empty.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let t = out.trim_matches('-');
    if t.is_empty() {
        "x".into()
    } else {
        t.chars().take(40).collect()
    }
}

/// The file name of each sheet in [`score_sheets_files`].
fn template_file_names(sheets: &[TemplateSheet]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    sheets
        .iter()
        .map(|t| {
            let base = format!("nilai-{}-{}", slug(&t.stage.id), slug(&t.judge.id));
            let mut name = format!("{base}.xlsx");
            let mut k = 2;
            while !seen.insert(name.clone()) {
                name = format!("{base}-{k}.xlsx");
                k += 1;
            }
            name
        })
        .collect()
}

/// The README.txt of [`score_sheets_zip`], in Indonesian and English.
fn readme(sheets: &[TemplateSheet], names: &[String], competition_name: &str) -> String {
    let mut s = String::new();
    s.push_str("LEMBAR PENILAIAN / SCORE SHEETS\n");
    if !competition_name.is_empty() {
        s.push_str(competition_name);
        s.push('\n');
    }
    s.push_str(
        "\nBahasa Indonesia: Setiap berkas .xlsx adalah lembar penilaian satu juri untuk satu tahap.\n\
         Kirimkan setiap berkas kepada jurinya. Juri mengisi nilai pada kolom\n\
         kriteria (sel berwarna), satu nilai per sel, tanpa mengubah kolom Tahap,\n\
         Juri, ID Inovasi dan Judul, lalu mengirimkan berkasnya kembali. Inovasi\n\
         yang memiliki konflik kepentingan dengan juri tidak dicantumkan.\n\
         Petunjuk lengkap ada di lembar kedua setiap berkas.\n\
         \nEnglish: Each .xlsx file is one judge's score sheet for one stage. Send each\n\
         file to its judge. The judge fills in the criterion columns (shaded\n\
         cells), one score per cell, without changing the Stage, Judge,\n\
         Innovation ID and Title columns, and sends the file back. Innovations\n\
         with which the judge has a conflict of interest are left out. Full\n\
         instructions are on the second sheet of each file.\n\
         \nBerkas / Files:\n",
    );
    for (t, n) in sheets.iter().zip(names) {
        let who = if t.judge.name.trim().is_empty() {
            t.judge.id.clone()
        } else {
            format!("{} ({})", t.judge.name, t.judge.id)
        };
        s.push_str(&format!(
            "  {n}  tahap/stage {}, juri/judge {who}, {} inovasi/innovations\n",
            t.stage.id,
            t.innovations.len()
        ));
    }
    s.replace('\n', "\r\n")
}

/// The files of [`score_sheets_zip`], in its order: `README.txt` (in
/// Indonesian and English), then one workbook per sheet
/// ([`score_sheet_xlsx`]) named `nilai-<stage>-<judge>.xlsx` with safe ASCII
/// slugs (lower-case letters, digits, `_`, `-`); a name that would repeat
/// (ids differing only in case or punctuation) gets `-2`, `-3`, ….
#[cfg(feature = "xlsx")]
pub fn score_sheets_files(
    sheets: &[TemplateSheet],
    competition_name: &str,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    crate::xlsx::finish_parts(
        score_sheets_parts(sheets, competition_name, lang),
        crate::xlsx::write_workbook,
    )
}

/// The files of [`score_sheets_files`] with each workbook as its
/// [`WorkbookSpec`], to be written elsewhere ([`crate::finish_parts`]).
pub fn score_sheets_parts(
    sheets: &[TemplateSheet],
    competition_name: &str,
    lang: Lang,
) -> Vec<(String, FilePart)> {
    let names = template_file_names(sheets);
    let mut out = Vec::with_capacity(sheets.len() + 1);
    out.push((
        "README.txt".to_string(),
        FilePart::Bytes(readme(sheets, &names, competition_name).into_bytes()),
    ));
    for (t, name) in sheets.iter().zip(names) {
        out.push((
            name,
            FilePart::Book(score_sheet_spec(t, competition_name, lang)),
        ));
    }
    out
}

/// A ZIP with one workbook per (judge, stage) and a short `README.txt` in
/// Indonesian and English ([`score_sheets_files`]). Deterministic: entries
/// carry a fixed time (1980-01-01 00:00) and fixed permissions.
#[cfg(feature = "xlsx")]
pub fn score_sheets_zip(
    sheets: &[TemplateSheet],
    competition_name: &str,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    zip_files(&score_sheets_files(sheets, competition_name, lang)?)
}

/// A ZIP of `files` (name, content), in their order. Deterministic: entries
/// carry a fixed time (1980-01-01 00:00) and fixed permissions; workbooks
/// (ZIP archives already) are stored, everything else deflated.
pub fn zip_files(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime, ZipWriter};
    let e = |e: zip::result::ZipError| e.to_string();
    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let method = if name.ends_with(".xlsx") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        z.start_file(name.as_str(), base.compression_method(method))
            .map_err(e)?;
        z.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(z.finish().map_err(e)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid() {
        assert_eq!(sheet_name("J3", "Petunjuk"), "J3");
        assert_eq!(sheet_name("a/b:c[d]*?\\", "Petunjuk"), "a_b_c_d____");
        assert_eq!(sheet_name("'x'", "Petunjuk"), "_x_");
        assert_eq!(sheet_name("", "Petunjuk"), "Juri");
        assert_eq!(sheet_name("petunjuk", "Petunjuk"), "petunjuk_");
        assert_eq!(sheet_name(&"x".repeat(40), "Petunjuk").chars().count(), 31);
    }

    #[test]
    fn file_names_stay_unique() {
        let stage = kipp_score::Stage {
            id: "proposal".into(),
            name: String::new(),
            criteria: Vec::new(),
            normalize: Default::default(),
            aggregate: Default::default(),
            min_judges: 1,
            bonus: Vec::new(),
            combine: None,
            tie_break: Vec::new(),
            advance: None,
        };
        let judges = ["Juri A", "juri-a"].map(|id| Judge {
            id: id.into(),
            ..Judge::default()
        });
        let sheets: Vec<TemplateSheet> = judges
            .iter()
            .map(|judge| TemplateSheet {
                stage: &stage,
                judge,
                innovations: Vec::new(),
            })
            .collect();
        assert_eq!(
            template_file_names(&sheets),
            ["nilai-proposal-juri-a.xlsx", "nilai-proposal-juri-a-2.xlsx"]
        );
    }

    #[test]
    fn slugs_are_safe_ascii() {
        assert_eq!(slug("J3"), "j3");
        assert_eq!(slug("Juri Satu / Ketua"), "juri-satu-ketua");
        assert_eq!(slug("proposal_1"), "proposal_1");
        assert_eq!(slug("ÄÖ"), "x");
        assert_eq!(slug("../etc"), "etc");
    }
}
