//! Located problems: what is wrong with an input file, where, in two languages.

use std::fmt;
use std::sync::Arc;

use kipp_score::{Diagnostic, Lang};

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
}

impl Problem {
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
        }
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
        }
    }
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

    pub fn at(&mut self, file: &Arc<str>, line: u32, column: u32, id: String, en: String) {
        self.push(Problem::new(file, line, column, id, en));
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The list, with a closing note when problems were left out.
    pub fn finish(mut self, file: &Arc<str>) -> Vec<Problem> {
        if self.dropped > 0 {
            let n = self.dropped;
            self.list.push(Problem::new(
                file,
                0,
                0,
                format!("… dan {n} kesalahan lain tidak ditampilkan"),
                format!("… and {n} more problems not shown"),
            ));
        }
        self.list
    }
}
