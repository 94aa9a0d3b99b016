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

mod book;
mod competition;
mod embed;
mod engine;
pub mod limits;
pub mod num;
pub mod presets;
mod problem;
mod records;
pub mod sample;
pub mod summary;
mod table;
mod template;
mod verify;
mod write;
mod xlsx;

use std::sync::Arc;

use kipp_score::{DiagKind, Diagnostic, Innovation, Inputs, Judge, Prepared, Score, ScoreList};

pub use book::{
    read_scores_sheet, read_scores_sheet_partial, survey, ColumnRole, ColumnUse, ScoreContext,
    ScoreSheet, SheetHints, TableInfo, TableKind,
};
pub use competition::{
    parse_competition, parse_competition_with_source, path_string, CompetitionSource,
};
pub use embed::{embed_files, site_address, EmbedFiles, EmbedKind, EmbedOptions};
pub use problem::{group_problems, Problem, ProblemGroup, GROUP_PLACES, MAX_PROBLEMS};
pub use table::{column_letters, list_sheets};
pub use template::{
    judge_entrants, score_sheet_spec, score_sheets_parts, zip_files, TemplateSheet,
};
#[cfg(feature = "xlsx")]
pub use template::{score_sheet_xlsx, score_sheets_files, score_sheets_zip};
pub use verify::{compare_results, read_published, Difference, Published, Verification};
pub use write::{
    compare_json, competition_json, innovations_csv, judges_csv, judges_report_json, result_csv,
    result_json, result_xlsx_spec, scores_csv, simulation_json, ExtraSheet,
};
#[cfg(feature = "xlsx")]
pub use write::{result_xlsx, result_xlsx_with};
pub use xlsx::{
    finish_parts, is_workbook_bytes, CellFormat, FilePart, SheetOp, SheetSpec, Validation, WbCell,
    WbRange, WbSheet, Workbook, WorkbookSpec, WORKBOOK_MAGIC,
};
#[cfg(feature = "xlsx")]
pub use xlsx::{read_workbook, write_workbook};

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

/// True when `bytes` look like an `.xlsx` workbook (a ZIP archive), or are
/// a workbook read by the `kipp-xlsx` module ([`Workbook::to_bytes`]).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || xlsx::is_workbook_bytes(bytes)
}

fn read_table<'a>(f: FileData<'a>, probs: &mut Problems) -> Option<Table<'a>> {
    let file: Arc<str> = Arc::from(f.name);
    if is_xlsx(f.bytes) {
        table::read_xlsx(&file, f.bytes, f.sheet, probs)
    } else {
        table::read_text_table(&file, f.bytes, probs)
    }
}

fn with_table<T: Default>(
    f: FileData,
    build: impl FnOnce(&Table<'_>, &mut Problems) -> T,
) -> Result<T, Vec<Problem>> {
    let mut probs = Problems::default();
    let file: Arc<str> = Arc::from(f.name);
    // A JSON `[]` is an empty table, as a CSV file with only its header.
    let out = read_table(f, &mut probs).map(|t| {
        if t.empty_list {
            T::default()
        } else {
            build(&t, &mut probs)
        }
    });
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

/// The files of a run when tables come in several files or sheets: any
/// number of innovation, judge and score tables (each a file, or one sheet
/// of a workbook with [`FileData::sheet`]).
#[derive(Clone, Debug)]
pub struct RunSet<'a> {
    /// `competition.json`.
    pub competition: FileData<'a>,
    /// Innovation tables, concatenated.
    pub innovations: Vec<FileData<'a>>,
    /// Judge tables, concatenated; none given = no judges file (then unknown
    /// judges are not errors).
    pub judges: Vec<FileData<'a>>,
    /// Score tables of any shape (long, wide, one sheet per judge),
    /// concatenated: a (stage, innovation, judge, criterion) given twice, in
    /// one table or across two, is a problem.
    pub scores: Vec<FileData<'a>>,
}

/// A table's file handle (the `Arc` its scores' locations share) and its sheet.
type SheetHandle = (Arc<str>, String);

/// The scores of one table, added to `list`. A table with `stage`,
/// `innovation` and `judge` columns is read exactly as [`parse_scores`]
/// reads it (a CSV file row by row, without keeping the table); any other
/// shape by [`read_scores_sheet`] rules with default hints (nothing when
/// the competition is unknown). Also returns the table's file handle and
/// sheet, to name cells in engine diagnostics. On problems nothing is
/// added.
fn scores_of(
    f: FileData,
    ctx: Option<&ScoreContext>,
    list: &mut ScoreList,
) -> Result<Option<SheetHandle>, Vec<Problem>> {
    let file: Arc<str> = Arc::from(f.name);
    let mut probs = Problems::default();
    let start = list.len();
    let text = (!is_xlsx(f.bytes))
        .then(|| table::csv_text(f.bytes))
        .flatten();
    let out = if text.is_some_and(|text| table::csv_scores(&file, text, &mut probs, list)) {
        Some(None)
    } else {
        read_table(f, &mut probs).map(|t| {
            let classic = ["stage", "innovation", "judge"]
                .iter()
                .all(|k| t.column(k).is_some());
            match ctx {
                // A JSON `[]`: no scores, as a CSV file with only its header.
                _ if t.empty_list => {}
                _ if classic => records::scores_into(&t, &mut probs, list),
                Some(ctx) => {
                    for s in &book::sheet_scores(&t, ctx, &SheetHints::default(), &mut probs).scores
                    {
                        if list.len() >= limits::MAX_SCORES {
                            let (line, col) = (s.loc.line, s.loc.column);
                            probs.push(limits::scores_problem(&file, line, col));
                            break;
                        }
                        list.push_score(s);
                    }
                }
                None => {}
            }
            t.sheet.clone().map(|s| (t.file.clone(), s))
        })
    };
    match out {
        Some(v) if probs.is_empty() => Ok(v),
        _ => {
            list.truncate(start);
            Err(probs.finish(&file))
        }
    }
}

/// Reads every file of a run and prepares it, reporting all problems in one
/// round: those of every file that does not parse, and the engine's
/// cross-file validation (unknown ids, scores out of range, duplicates
/// across files ...) of everything that did. Follow-on errors are left out:
/// when an innovations table does not parse, scores are not reported as
/// naming unknown innovations; when a judges table does not parse, unknown
/// judges are not reported.
pub fn prepare_set(files: &RunSet) -> Result<Prepared, Vec<Problem>> {
    load_set(files).prepare()
}

/// The files of a [`RunSet`] read, not yet prepared: owns everything, so
/// the files' bytes can be dropped before [`LoadedSet::prepare`] (the
/// command line does, to keep its peak memory low).
#[derive(Debug)]
pub struct LoadedSet {
    problems: Vec<Problem>,
    comp: Option<(kipp_score::Competition, CompetitionSource)>,
    innovations: Vec<Innovation>,
    innovations_failed: bool,
    judges: Option<Vec<Judge>>,
    scores: ScoreList,
    sheets: Vec<SheetHandle>,
}

/// The first half of [`prepare_set`]: every file read.
pub fn load_set(files: &RunSet) -> LoadedSet {
    let mut l = SetLoader::new(files.competition);
    for f in &files.innovations {
        l.innovations(*f);
    }
    for f in &files.judges {
        l.judges(*f);
    }
    for f in &files.scores {
        l.scores(*f);
    }
    l.finish()
}

/// [`load_set`] one file at a time, so that each file's bytes can be
/// dropped once it is read: the competition first, the judges before the
/// scores (sheets of other shapes are read with their help), innovations
/// and scores in any order. Problems come out as from [`load_set`]: the
/// competition's, the innovations', the judges', the scores', each kind
/// in the order its files were given.
#[derive(Debug)]
pub struct SetLoader {
    comp: Option<(kipp_score::Competition, CompetitionSource)>,
    comp_problems: Vec<Problem>,
    innovations: Vec<Innovation>,
    innovation_problems: Vec<Problem>,
    innovations_failed: bool,
    judges: Option<Vec<Judge>>,
    judge_problems: Vec<Problem>,
    judges_failed: bool,
    scores: ScoreList,
    score_problems: Vec<Problem>,
    sheets: Vec<SheetHandle>,
}

impl SetLoader {
    /// Starts with the competition file.
    pub fn new(competition: FileData) -> SetLoader {
        let mut comp_problems = Vec::new();
        let comp = parse_competition_with_source(competition.name, competition.bytes)
            .map_err(|p| comp_problems.extend(p))
            .ok();
        SetLoader {
            comp,
            comp_problems,
            innovations: Vec::new(),
            innovation_problems: Vec::new(),
            innovations_failed: false,
            judges: None,
            judge_problems: Vec::new(),
            judges_failed: false,
            scores: ScoreList::new(),
            score_problems: Vec::new(),
            sheets: Vec::new(),
        }
    }

    /// An innovations table.
    pub fn innovations(&mut self, f: FileData) {
        match parse_innovations_from(f) {
            Ok(v) => self.innovations.extend(v),
            Err(p) => {
                self.innovations_failed = true;
                self.innovation_problems.extend(p);
            }
        }
    }

    /// A judges table (before the scores).
    pub fn judges(&mut self, f: FileData) {
        if self.judges_failed {
            if let Err(p) = parse_judges_from(f) {
                self.judge_problems.extend(p);
            }
            return;
        }
        match parse_judges_from(f) {
            Ok(v) => self.judges.get_or_insert_with(Vec::new).extend(v),
            Err(p) => {
                self.judges_failed = true;
                self.judges = None;
                self.judge_problems.extend(p);
            }
        }
    }

    /// A scores table.
    pub fn scores(&mut self, f: FileData) {
        let ctx = self.comp.as_ref().map(|(c, _)| ScoreContext {
            competition: c,
            judges: self.judges.as_deref(),
        });
        match scores_of(f, ctx.as_ref(), &mut self.scores) {
            Ok(sheet) => self.sheets.extend(sheet),
            Err(p) => self.score_problems.extend(p),
        }
    }

    /// Everything read.
    pub fn finish(self) -> LoadedSet {
        let mut problems = self.comp_problems;
        problems.extend(self.innovation_problems);
        problems.extend(self.judge_problems);
        problems.extend(self.score_problems);
        LoadedSet {
            problems,
            comp: self.comp,
            innovations: self.innovations,
            innovations_failed: self.innovations_failed,
            judges: self.judges,
            scores: self.scores,
            sheets: self.sheets,
        }
    }
}

impl LoadedSet {
    /// The second half of [`prepare_set`]: the engine's validation and
    /// preparation, every problem of the files and of the engine.
    pub fn prepare(self) -> Result<Prepared, Vec<Problem>> {
        let LoadedSet {
            mut problems,
            comp,
            innovations,
            innovations_failed,
            judges,
            scores,
            sheets,
        } = self;
        let Some((competition, source)) = comp else {
            return Err(problems);
        };
        let prepared =
            kipp_score::prepare_list(competition, innovations, judges.as_deref(), scores);
        match prepared {
            Ok(p) if problems.is_empty() => Ok(p),
            Ok(_) => Err(problems),
            Err(diags) => {
                for d in &diags {
                    if innovations_failed && matches!(d.kind, DiagKind::UnknownInnovation { .. }) {
                        continue;
                    }
                    let mut p = source.problem(d);
                    if let Some((_, sheet)) = sheets.iter().find(|(f, _)| Arc::ptr_eq(f, &p.file)) {
                        if p.line > 0 && p.column > 0 {
                            p.cell = Some(format!(
                                "{sheet}!{}{}",
                                table::column_letters(p.column),
                                p.line
                            ));
                        }
                    }
                    problems.push(p);
                }
                Err(problems)
            }
        }
    }
}
