//! kipp-formats: the files of scoring.md §1 into the engine's model, and the
//! engine's results into files.
//!
//! Readers take a file name and its bytes and return values or every problem
//! found, located (file, line, column) and worded in Indonesian and English
//! ([`Problem`]). There is no file I/O here: the command line and the app read
//! files and hand over the bytes, so this crate works in WebAssembly too.
//!
//! Data files (innovations, scores, judges) are told apart by their content:
//! a ZIP signature means an `.xlsx` workbook (first sheet), a first
//! non-white-space character `[` a JSON list of objects, anything else CSV in
//! any dialect of §1.5 (`,` `;` tab, BOM, RFC 4180 quotes, decimal comma with
//! `;`). All three become one located table, read by the same record rules.
#![deny(missing_docs)]

mod competition;
mod engine;
pub mod num;
pub mod presets;
mod problem;
mod records;
pub mod sample;
mod table;
mod template;
mod write;

use std::sync::Arc;

use kipp_score::{Diagnostic, Innovation, Inputs, Judge, Prepared, Score};

pub use competition::{
    parse_competition, parse_competition_with_source, path_string, CompetitionSource,
};
pub use problem::{Problem, MAX_PROBLEMS};
pub use table::list_sheets;
pub use template::{
    judge_entrants, score_sheet_xlsx, score_sheets_files, score_sheets_zip, TemplateSheet,
};
pub use write::{
    compare_json, competition_json, innovations_csv, judges_csv, judges_report_json, result_csv,
    result_json, result_xlsx, result_xlsx_with, scores_csv, simulation_json, ExtraSheet,
};

use problem::Problems;
use table::Table;

/// One input file as bytes, with the name used in messages.
#[derive(Clone, Copy, Debug)]
pub struct FileData<'a> {
    /// File name as the user gave it.
    pub name: &'a str,
    /// The whole file.
    pub bytes: &'a [u8],
    /// For `.xlsx`: the sheet to read (`None` = the first).
    pub sheet: Option<&'a str>,
}

impl<'a> FileData<'a> {
    /// A file to be read whole (first sheet for a workbook).
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Self {
        FileData {
            name,
            bytes,
            sheet: None,
        }
    }
}

/// True when `bytes` look like an `.xlsx` workbook (a ZIP archive).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn read_table(f: FileData, probs: &mut Problems) -> Option<Table> {
    let file: Arc<str> = Arc::from(f.name);
    if is_xlsx(f.bytes) {
        table::read_xlsx(&file, f.bytes, f.sheet, probs)
    } else {
        table::read_text_table(&file, f.bytes, probs)
    }
}

fn with_table<T>(
    f: FileData,
    build: impl FnOnce(&Table, &mut Problems) -> T,
) -> Result<T, Vec<Problem>> {
    let mut probs = Problems::default();
    let file: Arc<str> = Arc::from(f.name);
    let out = read_table(f, &mut probs).map(|t| build(&t, &mut probs));
    match out {
        Some(v) if probs.is_empty() => Ok(v),
        _ => Err(probs.finish(&file)),
    }
}

/// Reads an innovations file (§1.2): CSV, JSON list or `.xlsx`.
pub fn parse_innovations(name: &str, bytes: &[u8]) -> Result<Vec<Innovation>, Vec<Problem>> {
    parse_innovations_from(FileData::new(name, bytes))
}

/// [`parse_innovations`] with a chosen sheet.
pub fn parse_innovations_from(f: FileData) -> Result<Vec<Innovation>, Vec<Problem>> {
    with_table(f, records::innovations)
}

/// Reads a scores file (§1.3), long or wide form: CSV, JSON list or `.xlsx`.
pub fn parse_scores(name: &str, bytes: &[u8]) -> Result<Vec<Score>, Vec<Problem>> {
    parse_scores_from(FileData::new(name, bytes))
}

/// [`parse_scores`] with a chosen sheet.
pub fn parse_scores_from(f: FileData) -> Result<Vec<Score>, Vec<Problem>> {
    with_table(f, records::scores)
}

/// Reads a judges file (§1.4): CSV, JSON list or `.xlsx`.
pub fn parse_judges(name: &str, bytes: &[u8]) -> Result<Vec<Judge>, Vec<Problem>> {
    parse_judges_from(FileData::new(name, bytes))
}

/// [`parse_judges`] with a chosen sheet.
pub fn parse_judges_from(f: FileData) -> Result<Vec<Judge>, Vec<Problem>> {
    with_table(f, records::judges)
}

/// The four input files of a run (§1); `judges` is optional.
#[derive(Clone, Copy, Debug)]
pub struct RunFiles<'a> {
    /// `competition.json`.
    pub competition: FileData<'a>,
    /// Innovations (CSV, JSON list or `.xlsx`).
    pub innovations: FileData<'a>,
    /// Scores, long or wide form.
    pub scores: FileData<'a>,
    /// Judges, when given (then unknown judges in scores are errors).
    pub judges: Option<FileData<'a>>,
}

/// Parsed inputs together with the competition file's value positions.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The engine's inputs.
    pub inputs: Inputs,
    /// To locate engine diagnostics about the competition file.
    pub source: CompetitionSource,
}

/// Reads all files of a run. Problems of every file are reported together
/// (each file up to [`MAX_PROBLEMS`]).
pub fn load(files: RunFiles) -> Result<Loaded, Vec<Problem>> {
    let mut problems = Vec::new();
    let comp = parse_competition_with_source(files.competition.name, files.competition.bytes)
        .map_err(|p| problems.extend(p))
        .ok();
    let innovations = parse_innovations_from(files.innovations)
        .map_err(|p| problems.extend(p))
        .ok();
    let scores = parse_scores_from(files.scores)
        .map_err(|p| problems.extend(p))
        .ok();
    let judges = match files.judges {
        Some(j) => parse_judges_from(j)
            .map(Some)
            .map_err(|p| problems.extend(p))
            .ok(),
        None => Some(None),
    };
    match (comp, innovations, scores, judges) {
        (Some((competition, source)), Some(innovations), Some(scores), Some(judges))
            if problems.is_empty() =>
        {
            Ok(Loaded {
                inputs: Inputs {
                    competition,
                    innovations,
                    scores,
                    judges,
                },
                source,
            })
        }
        _ => Err(problems),
    }
}

/// Located problems for engine diagnostics (data-file ones carry their
/// location; competition ones are located through `source`).
pub fn diagnostics_to_problems(diags: &[Diagnostic], source: &CompetitionSource) -> Vec<Problem> {
    diags.iter().map(|d| source.problem(d)).collect()
}

/// Reads all files and prepares the run (the engine's cross-file validation
/// included): ready for [`Prepared::rank`] and the simulations.
pub fn prepare_files(files: RunFiles) -> Result<Prepared, Vec<Problem>> {
    let loaded = load(files)?;
    kipp_score::prepare(&loaded.inputs).map_err(|d| diagnostics_to_problems(&d, &loaded.source))
}
