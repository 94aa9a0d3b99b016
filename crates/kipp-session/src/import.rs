//! Import: files (competition, innovations, scores, judges as CSV, XLSX or
//! JSON; a project file; a published result) -> a preview that replaces
//! nothing until it is applied.
//!
//! - Every table is offered: each worksheet of a workbook is an entry of its
//!   own. Its kind comes from its headers and content, never from the file
//!   name, and the user may change it in the preview.
//! - Scores accumulate by (stage, judge): an import replaces the sheets of
//!   the (stage, judge) pairs it holds and keeps every other pair; the
//!   preview says what changes per pair.
//! - Panel decisions survive every import; a decision whose innovation is no
//!   longer in the data is flagged in the preview.
//! - Every problem of every file is listed; the combination is checked by the
//!   engine before it can be applied.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use kipp_formats::Problem;
pub use kipp_formats::{ColumnRole, ColumnUse};
use kipp_score::{Competition, Innovation, Inputs, Judge, Lang, Score};

use crate::project::{Data, Project, PROJECT_VERSION};
use crate::run::{self as engine, Located};
use crate::words::words;

/// A file as read from the disk.
#[derive(Clone, Debug, PartialEq)]
pub struct RawFile {
    /// Name as the user gave it.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

impl RawFile {
    /// A read file.
    pub fn new(name: String, bytes: Vec<u8>) -> Self {
        RawFile { name, bytes }
    }

    fn is_xlsx(&self) -> bool {
        kipp_formats::is_xlsx(&self.bytes)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// What a table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// competition.json
    Competition,
    /// Innovations list.
    Innovations,
    /// Score values.
    Scores,
    /// Judges list.
    Judges,
    /// A project file.
    Project,
    /// A published result JSON or ranking file (for verification).
    Result,
    /// Not recognised (or set aside by the user).
    Unknown,
}

impl Kind {
    /// The kinds a user may choose for a table in the preview.
    pub const CHOOSABLE: [Kind; 5] = [
        Kind::Innovations,
        Kind::Scores,
        Kind::Judges,
        Kind::Competition,
        Kind::Unknown,
    ];
}

/// One table in the preview: a file, or one worksheet of a workbook.
#[derive(Clone, Debug)]
pub struct FileEntry {
    /// The file (shared by the entries of its worksheets).
    pub raw: Rc<RawFile>,
    /// What it holds.
    pub kind: Kind,
    /// The kind told from its content (before the user changed it).
    pub detected: Kind,
    /// Worksheet (XLSX only).
    pub sheet: Option<String>,
    /// Rows or values read.
    pub count: usize,
    /// The judge the user chose for every row of this sheet (`None`: from
    /// the sheet: a judge column, the sheet name).
    pub judge: Option<String>,
    /// The stage the user chose for this sheet (`None`: from a column, the
    /// sheet, or the stage whose criteria the headers match).
    pub stage: Option<String>,
    /// How a score sheet was read: judge, stage, columns.
    pub read: Option<SheetRead>,
}

/// How a score sheet was read, for the preview's column table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetRead {
    /// The judge of every row, or `""` when rows name different judges.
    pub judge: String,
    /// The stage id of every row, or `""` when rows name different stages.
    pub stage: String,
    /// Every column and what it was used for.
    pub columns: Vec<kipp_formats::ColumnUse>,
    /// Remarks (columns ignored and why), in the interface language.
    pub notes: Vec<String>,
}

impl SheetRead {
    /// True when a column names the judge of each row.
    pub fn has_column(&self, key: &str) -> bool {
        self.columns
            .iter()
            .any(|c| c.role == kipp_formats::ColumnRole::Key(key_static(key)))
    }
}

fn key_static(k: &str) -> &'static str {
    match k {
        "stage" => "stage",
        "judge" => "judge",
        "innovation" => "innovation",
        "criterion" => "criterion",
        _ => "score",
    }
}

/// What the user chose for a column header in score sheets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnChoice {
    /// As the headers say (id or name of a criterion, or ignored).
    Auto,
    /// Not read.
    Ignore,
    /// The scores of this criterion id.
    Criterion(String),
}

impl FileEntry {
    /// `file` or `file!sheet`.
    pub fn label(&self) -> String {
        match &self.sheet {
            Some(s) => format!("{} — {}", self.raw.name, s),
            None => self.raw.name.clone(),
        }
    }
}

/// What an import does to the scores of one (stage, judge).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SheetChange {
    /// Stage id.
    pub stage: String,
    /// Stage name.
    pub stage_name: String,
    /// Judge id.
    pub judge: String,
    /// Values that were there and change.
    pub changed: usize,
    /// Values that were not there.
    pub added: usize,
    /// Values that were there and are not in the import (removed).
    pub removed: usize,
    /// Values that stay the same.
    pub unchanged: usize,
}

/// Counts shown before anything is replaced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    /// Competition name and number of stages.
    pub competition: Option<(String, usize)>,
    /// Innovations.
    pub innovations: usize,
    /// Judges (`None`: no judges file).
    pub judges: Option<usize>,
    /// Score values.
    pub values: usize,
    /// Sheets per stage name.
    pub sheets: Vec<(String, usize)>,
    /// Which parts stay from the current work.
    pub kept: Vec<Kind>,
    /// Per (stage, judge) in the import: what changes.
    pub changes: Vec<SheetChange>,
    /// Decisions (stage, innovation) whose innovation is not in the data.
    pub orphan_decisions: Vec<(String, String)>,
}

/// The state of an import in progress.
#[derive(Clone, Debug, Default)]
pub struct ImportState {
    /// The tables.
    pub files: Vec<FileEntry>,
    /// The project that applying would produce (only when there are no errors).
    pub result: Option<Project>,
    /// Every problem, located.
    pub errors: Vec<Located>,
    /// Tables set aside (not recognised, not used).
    pub notes: Vec<Located>,
    /// Counts.
    pub preview: Preview,
    /// A published result among the files: (name, text).
    pub verify_result: Option<(String, String)>,
    /// Column mappings (header as written -> criterion id, `""` = ignore):
    /// the project's, with the user's choices in this preview; applying
    /// keeps them in the project.
    pub mappings: BTreeMap<String, String>,
    /// Problems found while listing the workbooks' sheets.
    pub survey_problems: Vec<Problem>,
    /// The stages score sheets are read against: (id, name).
    pub stages: Vec<(String, String)>,
    /// Their criteria: (stage id, criterion id, name).
    pub criteria: Vec<(String, String, String)>,
    /// The judges known to the import (its judges table or the project's).
    pub judge_ids: Vec<String>,
    /// `result`'s data, prepared by the check (the run after applying
    /// starts from it instead of preparing again).
    pub checked: Option<engine::Checked>,
}

impl ImportState {
    /// True when the only file is a published result.
    pub fn is_only_result(&self) -> bool {
        !self.files.is_empty() && self.files.iter().all(|f| f.kind == Kind::Result)
    }

    /// True when the import is a project file (it opens as a project of its own).
    pub fn opens_project(&self) -> bool {
        self.files.iter().any(|f| f.kind == Kind::Project)
    }
}

/// Lower case, letters and digits only: `"ID Inovasi"` -> `"idinovasi"`.
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The kind of a table from its column headers.
pub fn kind_of_headers(headers: &[String]) -> Kind {
    let h: BTreeSet<String> = headers.iter().map(|s| norm(s)).collect();
    let has = |names: &[&str]| names.iter().any(|n| h.contains(*n));
    let innovation = has(&["innovation", "idinovasi", "kodeinovasi", "inovasi"]);
    let judge = has(&["judge", "juri", "penilai", "idjuri"]);
    let stage = has(&["stage", "tahap"]);
    if has(&["criterion", "kriteria"]) && innovation {
        return Kind::Scores;
    }
    if innovation && (judge || stage) {
        return Kind::Scores;
    }
    if has(&["title", "judul"]) && has(&["id"]) && !judge {
        return Kind::Innovations;
    }
    if has(&["id"]) && has(&["conflicts", "konflik", "name", "nama"]) {
        return Kind::Judges;
    }
    Kind::Unknown
}

/// The kind of a file that is not a workbook, from its content.
pub fn classify(f: &RawFile) -> Kind {
    let text = f.text();
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('{') {
        if Project::looks_like(head) {
            return Kind::Project;
        }
        if (head.contains("\"digest\"") && head.contains("\"engine\""))
            || head.contains("\"kipp_ranking\"")
        {
            return Kind::Result;
        }
        if head.contains("\"stages\"") {
            return Kind::Competition;
        }
        return Kind::Unknown;
    }
    if head.starts_with('[') {
        // The keys of the first object of a JSON list.
        return match serde_json::from_str::<serde_json::Value>(head) {
            Ok(serde_json::Value::Array(items)) => match items.first() {
                Some(serde_json::Value::Object(o)) => {
                    kind_of_headers(&o.keys().cloned().collect::<Vec<_>>())
                }
                _ => Kind::Unknown,
            },
            _ => Kind::Unknown,
        };
    }
    // The header line of a CSV, in any of its delimiters.
    let line = head.lines().next().unwrap_or("");
    let delim = [';', '\t', ',']
        .into_iter()
        .max_by_key(|d| line.matches(*d).count())
        .unwrap_or(',');
    let headers: Vec<String> = line
        .split(delim)
        .map(|s| s.trim().trim_matches('"').to_string())
        .collect();
    kind_of_headers(&headers)
}

fn located(file: &str, msg: String) -> Located {
    Located {
        file: file.to_string(),
        line: 0,
        column: 0,
        message: msg,
        ..Located::default()
    }
}

/// Reads the files and builds the preview.
pub fn preview(files: Vec<RawFile>, current: &Project, lang: Lang) -> ImportState {
    let mut st = ImportState::default();
    for raw in files {
        let raw = Rc::new(raw);
        if raw.is_xlsx() {
            match crate::files::survey(&raw.name, &raw.bytes) {
                Ok(tables) => {
                    for t in tables {
                        let kind = table_kind(t.kind);
                        st.files.push(FileEntry {
                            raw: raw.clone(),
                            kind,
                            detected: kind,
                            sheet: t.sheet,
                            count: t.rows,
                            judge: None,
                            stage: None,
                            read: None,
                        });
                    }
                }
                Err(e) => st.survey_problems.extend(e),
            }
        } else {
            let mut kind = classify(&raw);
            if kind == Kind::Unknown {
                // A wide score sheet (`ID Inovasi` and criterion columns)
                // is told from its numeric columns, as in a workbook.
                if let Ok(t) = crate::files::survey(&raw.name, &raw.bytes) {
                    if let [one] = t.as_slice() {
                        kind = table_kind(one.kind);
                    }
                }
            }
            st.files.push(FileEntry {
                raw,
                kind,
                detected: kind,
                sheet: None,
                count: 0,
                judge: None,
                stage: None,
                read: None,
            });
        }
    }
    st.mappings = current.mappings.clone();
    rebuild(st, current, lang)
}

fn table_kind(k: crate::files::TableKind) -> Kind {
    use crate::files::TableKind;
    match k {
        TableKind::Innovations => Kind::Innovations,
        TableKind::Judges => Kind::Judges,
        TableKind::Scores | TableKind::WideScores => Kind::Scores,
        TableKind::Competition => Kind::Competition,
        TableKind::Unknown => Kind::Unknown,
    }
}

/// Another kind for table `i`.
pub fn choose_kind(
    mut st: ImportState,
    i: usize,
    kind: Kind,
    current: &Project,
    lang: Lang,
) -> ImportState {
    if let Some(f) = st.files.get_mut(i) {
        f.kind = kind;
    }
    rebuild(st, current, lang)
}

/// Another worksheet for table `i` (kept for files listed by sheet).
pub fn choose_sheet(
    mut st: ImportState,
    i: usize,
    sheet: String,
    current: &Project,
    lang: Lang,
) -> ImportState {
    if let Some(f) = st.files.get_mut(i) {
        f.sheet = Some(sheet);
    }
    rebuild(st, current, lang)
}

/// A column header of the score sheets read as `choice` (remembered in the
/// project when the import is applied).
pub fn choose_column(
    mut st: ImportState,
    header: &str,
    choice: ColumnChoice,
    current: &Project,
    lang: Lang,
) -> ImportState {
    match choice {
        ColumnChoice::Auto => {
            st.mappings.remove(header);
        }
        ColumnChoice::Ignore => {
            st.mappings.insert(header.to_string(), String::new());
        }
        ColumnChoice::Criterion(id) => {
            st.mappings.insert(header.to_string(), id);
        }
    }
    rebuild(st, current, lang)
}

/// The judge of every row of score sheet `i` (`""`: as the sheet says).
pub fn choose_judge(
    mut st: ImportState,
    i: usize,
    judge: String,
    current: &Project,
    lang: Lang,
) -> ImportState {
    if let Some(f) = st.files.get_mut(i) {
        let j = judge.trim();
        f.judge = (!j.is_empty()).then(|| j.to_string());
    }
    rebuild(st, current, lang)
}

/// The stage of score sheet `i` (`""`: as the sheet says).
pub fn choose_stage(
    mut st: ImportState,
    i: usize,
    stage: String,
    current: &Project,
    lang: Lang,
) -> ImportState {
    if let Some(f) = st.files.get_mut(i) {
        f.stage = (!stage.is_empty()).then_some(stage);
    }
    rebuild(st, current, lang)
}

/// Rebuilds the preview (and its messages) in another language.
pub fn relabel(st: ImportState, current: &Project, lang: Lang) -> ImportState {
    rebuild(st, current, lang)
}

/// What the tables of an import parse to.
#[derive(Default)]
struct Parsed {
    competition: Option<Competition>,
    source: Option<kipp_formats::CompetitionSource>,
    innovations: Option<Vec<Innovation>>,
    scores: Option<Vec<Score>>,
    judges: Option<Vec<Judge>>,
    project: Option<Project>,
}

fn rebuild(mut st: ImportState, current: &Project, lang: Lang) -> ImportState {
    st.errors.clear();
    st.notes.clear();
    st.result = None;
    st.verify_result = None;
    st.checked = None;
    st.preview = Preview::default();
    st.stages.clear();
    st.criteria.clear();
    st.judge_ids.clear();
    let t = words(lang);
    // Problems from the readers and the engine, grouped at the end; `own`
    // are the import's own messages (a kind given twice, a bad project file).
    let mut probs: Vec<Problem> = st.survey_problems.clone();
    let mut own: Vec<Located> = Vec::new();
    let mut got = Parsed::default();
    let mut failed = Failed::default();
    // Score sheets' file handles (one `Arc` per sheet read) and their sheet
    // names, to name the cells of the engine's diagnostics.
    let mut handles: Vec<(Arc<str>, String)> = Vec::new();
    // Wide score sheets need the competition (criterion names) and judges:
    // read them first, from the import or the current project.
    let order: Vec<usize> = {
        let mut v: Vec<usize> = (0..st.files.len()).collect();
        v.sort_by_key(|&i| st.files[i].kind == Kind::Scores);
        v
    };
    for i in order {
        let f = &mut st.files[i];
        f.read = None;
        let name = f.raw.name.clone();
        let sheet = f.sheet.clone();
        let twice = || located(&f.label(), t.kind_twice.to_string());
        match f.kind {
            Kind::Competition => {
                if got.competition.is_some() {
                    own.push(twice());
                    continue;
                }
                match crate::files::competition(&name, &f.raw.bytes) {
                    Ok((c, src)) => {
                        f.count = c.stages.len();
                        got.competition = Some(c);
                        got.source = Some(src);
                    }
                    Err(e) => {
                        failed.competition = true;
                        probs.extend(e);
                    }
                }
            }
            Kind::Innovations => {
                if got.innovations.is_some() {
                    own.push(twice());
                    continue;
                }
                match crate::files::innovations(&name, &f.raw.bytes, sheet.as_deref()) {
                    Ok(v) => {
                        f.count = v.len();
                        got.innovations = Some(v);
                    }
                    Err(e) => {
                        failed.innovations = true;
                        probs.extend(e);
                    }
                }
            }
            Kind::Judges => {
                if got.judges.is_some() {
                    own.push(twice());
                    continue;
                }
                match crate::files::judges(&name, &f.raw.bytes, sheet.as_deref()) {
                    Ok(v) => {
                        f.count = v.len();
                        got.judges = Some(v);
                    }
                    Err(e) => {
                        failed.judges = true;
                        probs.extend(e);
                    }
                }
            }
            Kind::Scores => {
                if failed.competition {
                    // Criterion names come from the competition: nothing
                    // sensible can be said about the sheet before it parses.
                    continue;
                }
                let comp = got
                    .competition
                    .as_ref()
                    .unwrap_or(&current.inputs.competition);
                let judges: Option<&[Judge]> = match &got.judges {
                    Some(j) => Some(j),
                    // Another competition or innovations list without a
                    // judges table: the current judges belong to the old data.
                    None if got.competition.is_some() || got.innovations.is_some() => None,
                    None => current.inputs.judges.as_deref().map(|v| v.as_slice()),
                };
                if st.stages.is_empty() {
                    st.stages = comp
                        .stages
                        .iter()
                        .map(|s| (s.id.clone(), s.name.clone()))
                        .collect();
                    st.criteria = comp
                        .stages
                        .iter()
                        .flat_map(|s| {
                            s.criteria
                                .iter()
                                .map(|c| (s.id.clone(), c.id.clone(), c.name.clone()))
                        })
                        .collect();
                    st.judge_ids = judges
                        .map(|j| j.iter().map(|j| j.id.clone()).collect())
                        .unwrap_or_default();
                }
                let hints = kipp_formats::SheetHints {
                    judge: f.judge.clone(),
                    stage: f.stage.clone(),
                    columns: st
                        .mappings
                        .iter()
                        .map(|(h, c)| (h.clone(), (!c.is_empty()).then(|| c.clone())))
                        .collect(),
                };
                let (read, e) = crate::files::score_sheet(
                    &name,
                    &f.raw.bytes,
                    sheet.as_deref(),
                    comp,
                    judges,
                    &hints,
                );
                probs.extend(e);
                if let Some(r) = read {
                    f.count = r.scores.len();
                    if let (Some(first), Some(sheet)) = (r.scores.first(), &sheet) {
                        handles.push((first.loc.file.clone(), sheet.clone()));
                    }
                    f.read = Some(SheetRead {
                        judge: r.judge,
                        stage: r.stage,
                        columns: r.columns,
                        notes: r
                            .notes
                            .iter()
                            .map(|n| n.message(lang).to_string())
                            .collect(),
                    });
                    got.scores.get_or_insert_with(Vec::new).extend(r.scores);
                }
            }
            Kind::Project => match Project::from_json(&f.raw.text()) {
                Ok(p) => {
                    f.count = p.inputs.innovations.len();
                    got.project = Some(p);
                }
                Err(e) => own.push(located(
                    &name,
                    match e {
                        crate::project::ProjectError::Malformed(m) => {
                            format!("{}: {m}", t.project_bad)
                        }
                        crate::project::ProjectError::Version(v) => {
                            format!("{}: kipp_project {v} (≠ {PROJECT_VERSION})", t.project_bad)
                        }
                    },
                )),
            },
            Kind::Result => {
                st.verify_result = Some((name, f.raw.text()));
            }
            Kind::Unknown => {
                let msg = located(&f.label(), t.kind_unknown.to_string());
                if f.sheet.is_some() {
                    // A worksheet of a workbook (instructions, a summary):
                    // set aside with a note.
                    st.notes.push(msg);
                } else {
                    own.push(msg);
                }
            }
        }
    }
    let next = match got.project.take() {
        Some(p) => Some(p),
        None => merge(current, &mut got, &mut st.preview).map(|mut p| {
            p.synthetic = false;
            p.mappings = st.mappings.clone();
            p.source = st
                .files
                .iter()
                .filter(|f| f.kind != Kind::Result && f.kind != Kind::Unknown)
                .map(|f| f.raw.name.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
                .join(", ");
            p
        }),
    };
    let Some(mut next) = next else {
        // Only a result file, or nothing usable.
        st.errors = own;
        st.errors.extend(crate::files::grouped(&probs, lang));
        return st;
    };
    next.kipp_project = PROJECT_VERSION;
    let keep = std::mem::take(&mut st.preview);
    st.preview = Preview {
        kept: keep.kept,
        changes: keep.changes,
        orphan_decisions: orphans(&next),
        ..counts(&next.inputs)
    };
    // The combination must rank (or at least validate) before it can
    // replace the work. Checked in the same round as the readers' problems,
    // on what could be read (a file that did not parse is not blamed twice:
    // no "unknown innovation" when the innovations file failed).
    if !failed.competition && !next.inputs.competition.stages.is_empty() {
        let checked = engine::check_data(&next.inputs);
        if let Ok(c) = &checked {
            st.checked = Some(c.clone());
        }
        if let Err(diags) = checked {
            let fallback: Arc<str> = Arc::from("competition.json");
            for d in &diags {
                let skip = match d.kind {
                    kipp_score::DiagKind::UnknownInnovation { .. } => failed.innovations,
                    kipp_score::DiagKind::UnknownJudge { .. } => failed.judges,
                    _ => false,
                };
                if skip {
                    continue;
                }
                let mut p = match &got.source {
                    Some(src) => src.problem(d),
                    None => {
                        let mut p = Problem::from_diagnostic(d, &fallback);
                        if d.loc.is_none() && !d.path.is_empty() {
                            p.cell = Some(d.path_text());
                        }
                        p
                    }
                };
                if let Some((_, sheet)) = handles.iter().find(|(f, _)| Arc::ptr_eq(f, &p.file)) {
                    if p.line > 0 && p.column > 0 {
                        p.cell = Some(format!(
                            "{sheet}!{}{}",
                            kipp_formats::column_letters(p.column),
                            p.line
                        ));
                    }
                }
                probs.push(p);
            }
        }
    }
    st.errors = own;
    st.errors.extend(crate::files::grouped(&probs, lang));
    if st.errors.is_empty() {
        st.result = Some(next);
    }
    st
}

/// Which imported tables did not parse.
#[derive(Default)]
struct Failed {
    competition: bool,
    innovations: bool,
    judges: bool,
}

/// The current project with the imported parts put in: competition,
/// innovations and judges replace theirs; scores replace the (stage, judge)
/// pairs they hold. `None` when nothing is imported.
fn merge(current: &Project, got: &mut Parsed, preview: &mut Preview) -> Option<Project> {
    let mut p = current.clone();
    let mut kept = Vec::new();
    match got.competition.take() {
        Some(c) => p.inputs.competition = c,
        None => kept.push(Kind::Competition),
    }
    match got.innovations.take() {
        Some(v) => p.inputs.innovations = Arc::new(v),
        None => kept.push(Kind::Innovations),
    }
    let new_base = kept.len() < 2;
    match got.judges.take() {
        Some(v) => p.inputs.judges = Some(Arc::new(v)),
        // A new competition or innovations list without judges: the old
        // judges table went with the old data.
        None if new_base => p.inputs.judges = None,
        None => kept.push(Kind::Judges),
    }
    // A competition and its innovations together are a new data set: its
    // scores replace all earlier ones instead of adding to them.
    let whole = kept.is_empty() || (kept.len() == 1 && kept[0] == Kind::Judges);
    if whole && got.scores.is_some() {
        p.inputs.scores = Arc::new(Vec::new());
    }
    match got.scores.take() {
        Some(v) => {
            let (merged, changes) = merge_scores(&p.inputs.scores, v, &p.inputs.competition);
            p.inputs.scores = Arc::new(merged);
            preview.changes = changes;
        }
        None => kept.push(Kind::Scores),
    }
    if kept.len() == 4 {
        return None;
    }
    preview.kept = kept;
    Some(p)
}

/// (stage, judge) or (innovation, criterion).
type Pair<'a> = (&'a str, &'a str);

/// `old` with the (stage, judge) pairs of `new` replaced by `new`'s values,
/// and what changed per pair of `new`, in (stage order, judge) order.
pub fn merge_scores(
    old: &[Score],
    new: Vec<Score>,
    competition: &Competition,
) -> (Vec<Score>, Vec<SheetChange>) {
    // Scores arrive grouped by sheet: the (stage, judge) pair of the score
    // before is the usual answer, so look up a pair only when it changes.
    let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut last: Option<(&str, &str)> = None;
    for s in &new {
        let k = (&*s.stage, &*s.judge);
        if last != Some(k) {
            pairs.insert(k);
            last = Some(k);
        }
    }
    let mut before: BTreeMap<Pair, HashMap<Pair, f64>> = BTreeMap::new();
    for s in old {
        let k = (&*s.stage, &*s.judge);
        if pairs.contains(&k) {
            before
                .entry(k)
                .or_default()
                .insert((&*s.innovation, &*s.criterion), s.value);
        }
    }
    let mut changes: BTreeMap<(&str, &str), SheetChange> = BTreeMap::new();
    // The values of `new` seen per pair that had values before (for what
    // was removed); a pair new to the project only adds.
    let mut seen: BTreeMap<(&str, &str), HashSet<(&str, &str)>> = BTreeMap::new();
    let mut i = 0;
    while i < new.len() {
        let k = (&*new[i].stage, &*new[i].judge);
        let run = new[i..]
            .iter()
            .take_while(|s| (&*s.stage, &*s.judge) == k)
            .count();
        let c = changes.entry(k).or_default();
        match before.get(&k) {
            None => c.added += run,
            Some(m) => {
                let seen = seen.entry(k).or_default();
                for s in &new[i..i + run] {
                    let v = (&*s.innovation, &*s.criterion);
                    seen.insert(v);
                    match m.get(&v) {
                        None => c.added += 1,
                        Some(x) if x.to_bits() == s.value.to_bits() => c.unchanged += 1,
                        Some(_) => c.changed += 1,
                    }
                }
            }
        }
        i += run;
    }
    for (k, m) in &before {
        let c = changes.entry(*k).or_default();
        let s = seen.get(k);
        c.removed += m
            .keys()
            .filter(|v| s.is_none_or(|s| !s.contains(*v)))
            .count();
    }
    let stage_pos = |id: &str| {
        competition
            .stages
            .iter()
            .position(|s| s.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut list: Vec<SheetChange> = changes
        .into_iter()
        .map(|((stage, judge), mut c)| {
            c.stage = stage.to_string();
            c.judge = judge.to_string();
            c.stage_name = competition
                .stages
                .iter()
                .find(|s| s.id == stage)
                .map(|s| s.name.clone())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| stage.to_string());
            c
        })
        .collect();
    list.sort_by(|a, b| (stage_pos(&a.stage), &a.judge).cmp(&(stage_pos(&b.stage), &b.judge)));
    let mut merged: Vec<Score> = old
        .iter()
        .filter(|s| !pairs.contains(&(&*s.stage, &*s.judge)))
        .cloned()
        .collect();
    merged.extend(new);
    (merged, list)
}

/// Decisions whose innovation is not in the data.
fn orphans(p: &Project) -> Vec<(String, String)> {
    let ids: BTreeSet<&str> = p.inputs.innovations.iter().map(|i| i.id.as_str()).collect();
    p.decisions
        .iter()
        .filter(|d| !ids.contains(d.innovation.as_str()))
        .map(|d| (d.stage.clone(), d.innovation.clone()))
        .collect()
}

/// Counts of a set of inputs.
pub fn counts(inputs: &Data) -> Preview {
    let c = &inputs.competition;
    let sheets = c
        .stages
        .iter()
        .map(|s| {
            let mut sheets: Vec<(&str, &str)> = inputs
                .scores
                .iter()
                .filter(|x| *x.stage == *s.id)
                .map(|x| (&*x.innovation, &*x.judge))
                .collect();
            // A sheet's values are usually together: most duplicates go
            // before the sort.
            sheets.dedup();
            sheets.sort_unstable();
            sheets.dedup();
            (s.name.clone(), sheets.len())
        })
        .collect();
    Preview {
        competition: if c.stages.is_empty() {
            None
        } else {
            Some((c.name.clone(), c.stages.len()))
        },
        innovations: inputs.innovations.len(),
        judges: inputs.judges.as_ref().map(|j| j.len()),
        values: inputs.scores.len(),
        sheets,
        ..Preview::default()
    }
}

/// The project that applying the preview gives (`None` while there are errors).
pub fn apply(st: &ImportState) -> Option<Project> {
    if st.errors.is_empty() {
        st.result.clone()
    } else {
        None
    }
}

/// The built-in demo from its files (a synthetic regional competition made
/// by `kipp sample --preset regional`): every file through the same readers
/// as an import.
pub fn demo_project(files: Vec<RawFile>, lang: Lang) -> Result<Project, Vec<Located>> {
    let st = preview(files, &Project::default(), lang);
    match st.result {
        Some(mut p) if st.errors.is_empty() => {
            p.synthetic = true;
            p.source = "demo".into();
            p.name = p.inputs.competition.name.clone();
            Ok(p)
        }
        _ => Err(st.errors),
    }
}

/// Names of the presets, in menu order.
pub fn preset_names() -> Vec<(String, String)> {
    crate::files::presets()
        .into_iter()
        .map(|(name, c)| (name, c.name))
        .collect()
}

/// A new project from preset `n`: its competition, no data yet.
pub fn preset_project(n: usize) -> Option<Project> {
    let (name, c) = crate::files::presets().into_iter().nth(n)?;
    Some(Project {
        source: format!("preset: {name}"),
        name: c.name.clone(),
        inputs: Data::from_inputs(Inputs {
            competition: c,
            ..Inputs::default()
        }),
        ..Project::default()
    })
}
