//! Located problems: what is wrong with an input file, where, in two languages.

use std::fmt;
use std::sync::Arc;

use kipp_score::{DiagKind, Diagnostic, Lang};

/// At most this many problems are reported for one file (scoring.md §1.6).
pub const MAX_PROBLEMS: usize = 100;

/// One problem with an input file, located and worded in Indonesian and English.
///
/// `line` and `column` are 1-based (header of a CSV = line 1; for JSON the
/// line and character column of the value concerned; for XLSX the sheet row
/// and column number, with `cell` = `Sheet!B3`). 0 means unknown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// File name as the user gave it.
    pub file: Arc<str>,
    /// 1-based line (0 = the file as a whole).
    pub line: u32,
    /// 1-based character column (0 = the whole line).
    pub column: u32,
    /// For spreadsheets: the cell in `Sheet!A1` notation.
    pub cell: Option<String>,
    /// Sentence in Bahasa Indonesia.
    pub message_id: String,
    /// Sentence in English.
    pub message_en: String,
    /// Stable key of what kind of problem this is (`score.number`,
    /// `id.unknown`, `header.missing` ...), for grouping and for programs.
    /// [`Problem::new`] sets [`Problem::GENERIC`]; [`Problem::with_kind`]
    /// sets a finer one.
    pub kind: &'static str,
}

impl Problem {
    /// The kind of a problem when nothing finer is known.
    pub const GENERIC: &'static str = "input";

    /// A problem at `file:line:column`.
    pub fn new(
        file: &Arc<str>,
        line: u32,
        column: u32,
        message_id: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.clone(),
            line,
            column,
            cell: None,
            message_id: message_id.into(),
            message_en: message_en.into(),
            kind: Self::GENERIC,
        }
    }

    /// The same problem with the kind key `kind`.
    pub fn with_kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }

    /// The sentence in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.message_id,
            Lang::En => &self.message_en,
        }
    }

    /// `file:line:column: message` in `lang` (the form written on standard
    /// error by the command line); spreadsheets add the cell:
    /// `file:line:column: Sheet!B3: message`.
    pub fn render(&self, lang: Lang) -> String {
        let mut s = String::with_capacity(self.file.len() + 64);
        s.push_str(&self.file);
        if self.line > 0 {
            s.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                s.push_str(&format!(":{}", self.column));
            }
        }
        s.push_str(": ");
        if let Some(cell) = &self.cell {
            s.push_str(cell);
            s.push_str(": ");
        }
        s.push_str(self.message(lang));
        s
    }

    /// Converts an engine diagnostic that carries a data-file location
    /// (`loc`). Diagnostics about the competition file (`path`) are mapped by
    /// [`crate::CompetitionSource::locate`]; without a location the problem
    /// is attributed to `fallback_file` at line 0.
    pub fn from_diagnostic(d: &Diagnostic, fallback_file: &Arc<str>) -> Self {
        let (file, line, column) = match &d.loc {
            Some(loc) => (loc.file.clone(), loc.line, loc.column),
            None => (fallback_file.clone(), 0, 0),
        };
        Problem {
            file,
            line,
            column,
            cell: None,
            message_id: d.kind.message(Lang::Id),
            message_en: d.kind.message(Lang::En),
            kind: diag_kind_key(&d.kind),
        }
    }
}

/// The stable kind key of an engine diagnostic.
fn diag_kind_key(k: &DiagKind) -> &'static str {
    match k {
        DiagKind::Message { .. } => "engine.message",
        DiagKind::NoStages | DiagKind::NoCriteria { .. } | DiagKind::EmptyCombine => {
            "competition.empty"
        }
        DiagKind::BadId { .. } => "id.syntax",
        DiagKind::DuplicateId { .. } => "id.duplicate",
        DiagKind::ReservedId { .. } => "id.reserved",
        DiagKind::BadWeight { .. } => "competition.weight",
        DiagKind::BadScale { .. } => "competition.scale",
        DiagKind::MinJudgesZero | DiagKind::TopZero | DiagKind::MaxPerAgencyZero => {
            "competition.count"
        }
        DiagKind::NotFinite { .. } => "competition.number",
        DiagKind::EmptyField | DiagKind::BadRuleValue { .. } => "competition.bonus",
        DiagKind::CombineUnknownStage { .. }
        | DiagKind::CombineLaterStage { .. }
        | DiagKind::CombineDuplicate { .. } => "competition.combine",
        DiagKind::TieBreakUnknownCriterion { .. } => "competition.tie-break",
        DiagKind::UnknownStage { .. } => "stage.unknown",
        DiagKind::UnknownInnovation { .. } => "innovation.unknown",
        DiagKind::UnknownJudge { .. } => "judge.unknown",
        DiagKind::UnknownCriterion { .. } => "criterion.unknown",
        DiagKind::ScoreNotFinite => "score.finite",
        DiagKind::ScoreOutOfRange { .. } => "score.range",
        DiagKind::DuplicateScore { .. } => "score.duplicate",
        DiagKind::IncompleteSheet { .. } => "sheet.incomplete",
        DiagKind::TooLarge { field, .. } | DiagKind::TooSmall { field, .. } => {
            if field == "score" {
                "score.size"
            } else {
                "competition.number"
            }
        }
        DiagKind::TooMany { .. } => "count.size",
        DiagKind::TooManyErrors { .. } => "problems.more",
        _ => "engine",
    }
}

/// Problems of one kind in one file: the first in full, how many there are
/// and where the first few stand (see [`group_problems`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemGroup {
    /// The kind key shared by the group ([`Problem::kind`]).
    pub kind: &'static str,
    /// The file shared by the group.
    pub file: Arc<str>,
    /// The first problem of the group, as found.
    pub first: Problem,
    /// How many problems the group holds.
    pub count: usize,
    /// Where the first [`GROUP_PLACES`] stand: the cell (`Juri 3!E7`) for
    /// spreadsheets, `file:line:column` otherwise.
    pub places: Vec<String>,
    /// How many places are not listed (`count - places.len()`).
    pub more: usize,
}

/// At most this many places are listed per [`ProblemGroup`].
pub const GROUP_PLACES: usize = 5;

impl Problem {
    /// Where the problem stands, short: the cell for spreadsheets
    /// (`Juri 3!E7`), else `file:line:column` (as far as known).
    pub fn place(&self) -> String {
        if let Some(c) = &self.cell {
            return c.clone();
        }
        let mut s = self.file.to_string();
        if self.line > 0 {
            s.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                s.push_str(&format!(":{}", self.column));
            }
        }
        s
    }
}

/// Groups problems by (file, kind), in order of first appearance, so that
/// "the same unknown innovation seven times" reads as one entry.
pub fn group_problems(problems: &[Problem]) -> Vec<ProblemGroup> {
    let mut out: Vec<ProblemGroup> = Vec::new();
    let mut index: std::collections::HashMap<(&str, &str), usize> = Default::default();
    for p in problems {
        let key = (&*p.file, p.kind);
        match index.get(&key) {
            Some(&i) => {
                let g = &mut out[i];
                g.count += 1;
                if g.places.len() < GROUP_PLACES {
                    g.places.push(p.place());
                } else {
                    g.more += 1;
                }
            }
            None => {
                index.insert(key, out.len());
                out.push(ProblemGroup {
                    kind: p.kind,
                    file: p.file.clone(),
                    first: p.clone(),
                    count: 1,
                    places: vec![p.place()],
                    more: 0,
                });
            }
        }
    }
    out
}

impl fmt::Display for Problem {
    /// Indonesian rendering, `file:line:column: pesan`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Id))
    }
}

impl std::error::Error for Problem {}

/// Collects problems of one file up to [`MAX_PROBLEMS`], remembering whether
/// more were dropped.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    pub list: Vec<Problem>,
    pub dropped: usize,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(p);
        } else {
            self.dropped += 1;
        }
    }

    pub fn at(
        &mut self,
        kind: &'static str,
        file: &Arc<str>,
        line: u32,
        column: u32,
        id: String,
        en: String,
    ) {
        self.push(Problem::new(file, line, column, id, en).with_kind(kind));
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The list, with a closing note when problems were left out.
    pub fn finish(mut self, file: &Arc<str>) -> Vec<Problem> {
        if self.dropped > 0 {
            let n = self.dropped;
            self.list.push(
                Problem::new(
                    file,
                    0,
                    0,
                    format!("… dan {n} kesalahan lain tidak ditampilkan"),
                    format!("… and {n} more problems not shown"),
                )
                .with_kind("problems.more"),
            );
        }
        self.list
    }
}
