//! One table shape for every data file: CSV (any dialect of §1.5), JSON lists
//! and spreadsheet sheets all become a [`Table`] of located cells, and the
//! record builders (innovations, scores, judges) read only tables.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use jsonc_parser::ast::{ObjectPropName, Value as JValue};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

use kipp_score::ScoreList;

use crate::num;
use crate::problem::{Problem, Problems};
use crate::records;
use crate::xlsx::{self, WbCell, WbSheet};

/// The typed content of a cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Value {
    /// Text (all CSV cells; JSON strings; spreadsheet strings).
    Text,
    /// A JSON or spreadsheet number.
    Number(f64),
    /// A JSON or spreadsheet boolean.
    Bool(bool),
    /// JSON `null`, or an empty spreadsheet cell.
    Null,
    /// The field is not there (a JSON object without that key).
    Absent,
}

/// One cell with its place (a view into its table).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cell<'a> {
    /// The text as written (untrimmed); for numbers their shortest form.
    pub text: &'a str,
    pub value: Value,
    pub line: u32,
    pub col: u32,
}

impl Cell<'_> {
    /// Empty text, or null.
    pub fn is_empty(&self) -> bool {
        match self.value {
            Value::Null | Value::Absent => true,
            Value::Text => num::trim(self.text).is_empty(),
            _ => false,
        }
    }
}

/// Where a cell's text stands: in the file's text ([`Table::src`]), or, with
/// [`OWN`] set in `start`, in [`Table::own`] (unquoted CSV fields, JSON and
/// spreadsheet values). 16 bytes: a national scores file has close to a
/// million cells.
#[derive(Clone, Copy, Debug)]
struct Slot {
    start: u32,
    end: u32,
    line: u32,
    col: u32,
}

/// Flag of [`Slot::start`]: the text is in [`Table::own`].
const OWN: u32 = 1 << 31;

/// Largest text a table can point into (offsets are 31 bits).
const MAX_TEXT: usize = (OWN - 1) as usize;

/// A header cell.
#[derive(Clone, Debug)]
pub(crate) struct Column {
    pub name: String,
    pub line: u32,
    pub col: u32,
}

/// A data row: `Table::columns.len()` slots from `first`.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub line: u32,
    pub col: u32,
    first: usize,
}

/// A whole table. Cells are stored flat (one slot list pointing into the
/// file's text, one buffer for texts that are not in it) so that a
/// national-scale file costs few allocations and no copy of its text.
#[derive(Clone, Debug)]
pub(crate) struct Table<'a> {
    pub file: Arc<str>,
    /// Sheet name for spreadsheets (locations then also name the cell).
    pub sheet: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// `;`-delimited CSV: `7,5` reads 7.5.
    pub decimal_comma: bool,
    /// Where the header stands (line and column of its first cell).
    pub header_line: u32,
    /// Spreadsheets: (row, column) of the cells that hold a formula.
    pub formulas: HashSet<(u32, u32)>,
    /// A JSON `[]`: no objects, so no columns to require. Read as an empty
    /// table of its kind, like a CSV file with only its header.
    pub empty_list: bool,
    /// The file's text (CSV); cells without quotes point into it.
    src: &'a str,
    /// Texts that are not a slice of `src`.
    own: String,
    slots: Vec<Slot>,
    /// The value of each slot; empty when every cell is [`Value::Text`]
    /// (CSV).
    values: Vec<Value>,
}

impl<'a> Table<'a> {
    fn new(file: &Arc<str>, sheet: Option<String>, decimal_comma: bool, src: &'a str) -> Self {
        Table {
            file: file.clone(),
            sheet,
            columns: Vec::new(),
            rows: Vec::new(),
            decimal_comma,
            header_line: 1,
            formulas: HashSet::new(),
            empty_list: false,
            src,
            own: String::new(),
            slots: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Starts a row; then push exactly `columns.len()` cells.
    fn start_row(&mut self, line: u32, col: u32) {
        self.rows.push(Row {
            line,
            col,
            first: self.slots.len(),
        });
    }

    /// A slot for `text`, copied into [`Table::own`].
    fn own_slot(&mut self, text: &str, line: u32, col: u32) -> Slot {
        let start = self.own.len();
        self.own.push_str(text);
        let end = self.own.len();
        if end > MAX_TEXT {
            // Unreachable in practice (the file itself is checked against
            // MAX_TEXT); an empty cell rather than a wrong one.
            return Slot {
                start: OWN,
                end: 0,
                line,
                col,
            };
        }
        Slot {
            start: start as u32 | OWN,
            end: end as u32,
            line,
            col,
        }
    }

    /// A cell that is not a slice of the file's text (JSON, spreadsheets).
    fn push_cell(&mut self, text: &str, value: Value, line: u32, col: u32) {
        let s = self.own_slot(text, line, col);
        self.slots.push(s);
        self.values.push(value);
    }

    /// The cell of `row` in column `i`; `None` when absent.
    pub fn cell(&self, row: &Row, i: usize) -> Option<Cell<'_>> {
        if i >= self.columns.len() {
            return None;
        }
        let k = row.first + i;
        let s = self.slots.get(k)?;
        let value = self.values.get(k).copied().unwrap_or(Value::Text);
        if value == Value::Absent {
            return None;
        }
        let text = if s.start & OWN != 0 {
            self.own
                .get((s.start & !OWN) as usize..s.end as usize)
                .unwrap_or("")
        } else {
            self.src.get(s.start as usize..s.end as usize).unwrap_or("")
        };
        Some(Cell {
            text,
            value,
            line: s.line,
            col: s.col,
        })
    }

    /// Index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// A problem located at `line:col` of this table's file.
    pub fn problem(&self, line: u32, col: u32, id: String, en: String) -> Problem {
        let mut p = Problem::new(&self.file, line, col, id, en);
        if let Some(sheet) = &self.sheet {
            p.cell = Some(format!("{}!{}{}", sheet, column_letters(col), line));
        }
        p
    }
}

/// `1 -> A`, `27 -> AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = col;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads a data file whose kind is told by its content (§4): a first
/// non-white-space character `[` means a JSON list, otherwise CSV.
pub(crate) fn read_text_table<'a>(
    file: &Arc<str>,
    bytes: &'a [u8],
    probs: &mut Problems,
) -> Option<Table<'a>> {
    if let Some(p) = crate::limits::file_size_problem(file, bytes.len()) {
        probs.push(p);
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, col) =
                LineIndex::new(&String::from_utf8_lossy(&bytes[..e.valid_up_to()])).end_position();
            probs.at(
                "file.encoding",
                file,
                line,
                col,
                "berkas bukan teks UTF-8 (simpan sebagai \"CSV UTF-8\")".into(),
                "the file is not UTF-8 text (save it as \"CSV UTF-8\")".into(),
            );
            return None;
        }
    };
    if text.trim_start().starts_with('[') {
        read_json_list(file, text, probs)
    } else {
        read_csv(file, text, probs)
    }
}

/// The text of a data file that [`read_text_table`] reads as CSV (valid
/// UTF-8, BOM removed, not a JSON list); `None` for anything else.
pub(crate) fn csv_text(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).ok()?;
    (!text.trim_start().starts_with('[')).then_some(text)
}

// ---------------------------------------------------------------- CSV

/// The delimiter of §1.5: whichever of `,` `;` tab occurs most often in the
/// header line outside quotes; `,` when none occurs or when the largest
/// counts are equal.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let (mut comma, mut semi, mut tab) = (0usize, 0usize, 0usize);
    let mut in_quote = false;
    for b in text.bytes() {
        match b {
            b'"' => in_quote = !in_quote,
            b'\n' | b'\r' if !in_quote => break,
            b',' if !in_quote => comma += 1,
            b';' if !in_quote => semi += 1,
            b'\t' if !in_quote => tab += 1,
            _ => {}
        }
    }
    if semi > comma && semi > tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

/// One field of the record being read: where its text stands (in the file,
/// or in the table's own buffer when quotes had to be undone) and where it
/// starts.
#[derive(Clone, Copy)]
struct Field {
    slot: Slot,
}

impl Field {
    /// Trimmed, the text is empty (asked only where it matters: a row of
    /// empty fields is ignored).
    #[inline]
    fn blank(&self, t: &Table<'_>) -> bool {
        num::trim(field_text(t, &self.slot)).is_empty()
    }
}

fn read_csv<'a>(file: &Arc<str>, text: &'a str, probs: &mut Problems) -> Option<Table<'a>> {
    if text.len() > MAX_TEXT {
        probs.at(
            "file.size",
            file,
            0,
            0,
            "berkas terlalu besar (lebih dari 2 GiB)".into(),
            "the file is too large (more than 2 GiB)".into(),
        );
        return None;
    }
    let delim = detect_delimiter(text);
    let mut table = Table::new(file, None, delim == b';', text);
    let mut reader = CsvReader::new(text, delim);
    let mut fields: Vec<Field> = Vec::new();
    let mut first = true;
    loop {
        match reader.record(&mut table, &mut fields) {
            Ok(true) => {}
            Ok(false) => break,
            Err((line, col)) => {
                probs.at(
                    "csv.quote",
                    file,
                    line,
                    col,
                    "tanda kutip \" tidak ditutup sampai akhir berkas".into(),
                    "quote \" not closed before the end of the file".into(),
                );
                return None;
            }
        }
        if long_field(&table, &fields, probs) {
            return None;
        }
        let (line, col) = fields
            .first()
            .map(|f| (f.slot.line, f.slot.col))
            .unwrap_or((reader.line, 1));
        if first {
            first = false;
            set_header(&mut table, line, &fields);
            // The header's unquoted names are not needed in `own` any more.
            table.own.clear();
            continue;
        }
        if fields.iter().all(|f| f.blank(&table)) {
            // A row of empty fields (spreadsheets leave these): ignored.
            continue;
        }
        if fields.len() != table.columns.len() {
            probs.at(
                "csv.fields",
                file,
                line,
                col,
                format!(
                    "baris ini berisi {} kolom, judul kolom (baris {}) berisi {}",
                    fields.len(),
                    table.header_line,
                    table.columns.len()
                ),
                format!(
                    "this row has {} fields, the header (line {}) has {}",
                    fields.len(),
                    table.header_line,
                    table.columns.len()
                ),
            );
            continue;
        }
        table.start_row(line, col);
        table.slots.extend(fields.iter().map(|f| f.slot));
    }
    if first {
        probs.at(
            "file.empty",
            file,
            1,
            1,
            "berkas kosong: baris judul kolom tidak ada".into(),
            "empty file: there is no header line".into(),
        );
        return None;
    }
    Some(table)
}

/// Reads a CSV scores file (§1.3) with `stage`, `innovation` and `judge`
/// columns row by row straight into `list`, without keeping the table:
/// the same scores and the same problems, in the same order, as reading
/// the whole table first and then its rows ([`read_text_table`], then
/// [`records::scores_into`]). `false` (nothing done) when `text` is not
/// read this way: the header cannot be read, or lacks one of those
/// columns (the caller then reads the table).
pub(crate) fn csv_scores(
    file: &Arc<str>,
    text: &str,
    probs: &mut Problems,
    list: &mut ScoreList,
) -> bool {
    if text.len() > MAX_TEXT || text.len() > crate::limits::MAX_FILE_BYTES {
        return false;
    }
    let delim = detect_delimiter(text);
    let mut t = Table::new(file, None, delim == b';', text);
    let mut reader = CsvReader::new(text, delim);
    let mut fields: Vec<Field> = Vec::new();
    match reader.record(&mut t, &mut fields) {
        Ok(true) => {}
        _ => return false,
    }
    let (line, _) = fields
        .first()
        .map(|f| (f.slot.line, f.slot.col))
        .unwrap_or((reader.line, 1));
    set_header(&mut t, line, &fields);
    if !["stage", "innovation", "judge"]
        .iter()
        .all(|k| t.column(k).is_some())
    {
        return false;
    }
    // Problems in the order the table's reading would give them: the
    // file's (field counts, quotes), the header's, the rows'.
    let mut csv_probs = Problems::default();
    let mut head_probs = Problems::default();
    let mut row_probs = Problems::default();
    let usable = records::check_header_with(&t, |_| None, &mut Problems::default());
    let head = records::ScoreHead::new(&t, &usable, &mut head_probs);
    let start = list.len();
    let unnamed: Vec<usize> = (0..t.columns.len())
        .filter(|&i| t.columns[i].name.is_empty())
        .collect();
    let mut first_value: Vec<Option<(u32, u32)>> = vec![None; t.columns.len()];
    let mut filled = Vec::new();
    let rows = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut sink = head.as_ref().map(|h| {
        // Lines are not rows (a file of empty lines under a wide header
        // would reserve terabytes): a score takes at least 2 bytes.
        list.reserve(h.capacity(rows).min(text.len() / 2 + 1));
        records::ListSink::new(list, &t, h)
    });
    let ncols = t.columns.len();
    let mut failed = None;
    loop {
        t.own.clear();
        match reader.record(&mut t, &mut fields) {
            Ok(true) => {}
            Ok(false) => break,
            Err(at) => {
                failed = Some(at);
                break;
            }
        }
        if long_field(&t, &fields, &mut csv_probs) {
            continue;
        }
        let (line, col) = fields
            .first()
            .map(|f| (f.slot.line, f.slot.col))
            .unwrap_or((reader.line, 1));
        if fields.iter().all(|f| f.blank(&t)) {
            continue;
        }
        if fields.len() != ncols {
            csv_probs.at(
                "csv.fields",
                file,
                line,
                col,
                format!(
                    "baris ini berisi {} kolom, judul kolom (baris {}) berisi {}",
                    fields.len(),
                    t.header_line,
                    ncols
                ),
                format!(
                    "this row has {} fields, the header (line {}) has {}",
                    fields.len(),
                    t.header_line,
                    ncols
                ),
            );
            continue;
        }
        t.rows.clear();
        t.slots.clear();
        t.start_row(line, col);
        t.slots.extend(fields.iter().map(|f| f.slot));
        let row = t.rows[0].clone();
        for &i in &unnamed {
            if first_value[i].is_none() && !fields[i].blank(&t) {
                first_value[i] = Some((fields[i].slot.line, fields[i].slot.col));
            }
        }
        if let (Some(h), Some(sink)) = (&head, &mut sink) {
            h.row(&t, &row, &mut row_probs, &mut filled, sink);
        }
    }
    let over = sink.and_then(|s| s.over);
    let merge = |probs: &mut Problems, p: Problems| {
        for x in p.list {
            probs.push(x);
        }
        probs.dropped += p.dropped;
    };
    merge(probs, csv_probs);
    if let Some((line, col)) = failed {
        list.truncate(start);
        probs.at(
            "csv.quote",
            file,
            line,
            col,
            "tanda kutip \" tidak ditutup sampai akhir berkas".into(),
            "quote \" not closed before the end of the file".into(),
        );
        return true;
    }
    records::check_header_with(&t, |i| first_value[i], probs);
    merge(probs, head_probs);
    merge(probs, row_probs);
    if let Some((line, col)) = over {
        probs.push(crate::limits::scores_problem(file, line, col));
    }
    true
}

/// Reports the first field of a record longer than
/// [`crate::limits::MAX_CELL_CHARS`]; true when there is one.
fn long_field(t: &Table<'_>, fields: &[Field], probs: &mut Problems) -> bool {
    for f in fields {
        let text = field_text(t, &f.slot);
        if let Some(p) = crate::limits::cell_size_problem(&t.file, text, f.slot.line, f.slot.col) {
            probs.push(p);
            return true;
        }
    }
    false
}

/// The text of a slot of `t`.
/// The header row of `t`: its line and one column per field, named by the
/// field's trimmed text.
fn set_header(t: &mut Table<'_>, line: u32, fields: &[Field]) {
    t.header_line = line;
    for f in fields {
        let name = field_text(t, &f.slot).trim().to_string();
        t.columns.push(Column {
            name,
            line: f.slot.line,
            col: f.slot.col,
        });
    }
}

fn field_text<'t>(t: &'t Table<'_>, s: &Slot) -> &'t str {
    if s.start & OWN != 0 {
        t.own
            .get((s.start & !OWN) as usize..s.end as usize)
            .unwrap_or("")
    } else {
        t.src.get(s.start as usize..s.end as usize).unwrap_or("")
    }
}

/// The CSV reader: the `csv` crate's parser ([`csv_core`], RFC 4180
/// quoting: a quote opens a quoted field only as its first character,
/// text after the closing quote is part of the field, `\r`, `\n` and
/// `\r\n` end a record, empty lines are skipped), driven field by field.
/// `csv_core` reports how many bytes of the text each field took, so every
/// position (line, character column) is counted here from the one before:
/// a line of any length costs time in proportion to its length. Fields
/// without quotes to undo point into the text; the others are copied.
struct CsvReader<'a> {
    bytes: &'a [u8],
    core: csv_core::Reader,
    /// Unquoted text of the field being read.
    buf: Vec<u8>,
    /// No byte given to `core` yet.
    fresh: bool,
    pos: usize,
    /// 1-based line at `pos`.
    line: u32,
    /// 1-based character column at `pos`.
    col: u32,
    /// Byte up to which `col` has been counted.
    counted: usize,
}

impl<'a> CsvReader<'a> {
    fn new(text: &'a str, delim: u8) -> Self {
        CsvReader {
            bytes: text.as_bytes(),
            core: csv_core::ReaderBuilder::new().delimiter(delim).build(),
            buf: vec![0; 256],
            fresh: true,
            pos: 0,
            line: 1,
            col: 1,
            counted: 0,
        }
    }

    /// The character column of byte `at` (on the current line, at or after
    /// the last one asked).
    #[inline]
    fn column_at(&mut self, at: usize) -> u32 {
        if at > self.counted {
            self.col += char_count(&self.bytes[self.counted..at]);
            self.counted = at;
        }
        self.col
    }

    /// A line break at `i` (see [`is_line_break`]) was passed: the next
    /// line starts at `i + 1`.
    #[inline]
    fn new_line(&mut self, i: usize) {
        self.line += 1;
        self.col = 1;
        self.counted = i + 1;
    }

    /// One field from `start`: (where its text ends, the length of its
    /// unquoted text in `buf`, whether it ends the record, where the next
    /// field starts, whether it went to the end of the text).
    fn field(&mut self, start: usize) -> (usize, usize, bool, usize, bool) {
        let b = self.bytes;
        let n = b.len();
        let mut p = start;
        let mut len = 0;
        let record_end = loop {
            if len == self.buf.len() {
                self.buf.resize(self.buf.len() * 2, 0);
            }
            // The text's BOM was removed before; `core` would remove a
            // second one, which belongs to the first field: it gets the
            // first byte alone.
            let input = if self.fresh && p < n {
                self.fresh = false;
                &b[p..p + 1]
            } else {
                &b[p..]
            };
            let (res, nin, nout) = self.core.read_field(input, &mut self.buf[len..]);
            p += nin;
            len += nout;
            match res {
                csv_core::ReadFieldResult::InputEmpty if p < n => {}
                // Calls with no input until the field ends the record.
                csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
                csv_core::ReadFieldResult::Field { record_end } => break record_end,
                csv_core::ReadFieldResult::End => break true,
            }
        };
        let mut end = p;
        if record_end {
            // The record's line break is counted with the empty lines
            // after it (`read`).
            while end > start && matches!(b[end - 1], b'\n' | b'\r') {
                end -= 1;
            }
            (end, len, true, end, p == n)
        } else {
            // Without its delimiter.
            (end - 1, len, false, p, false)
        }
    }

    /// Reads the next record's fields into `out` (texts that need their
    /// quotes undone go into `t.own`). `Ok(false)` at the end of the text;
    /// `Err` with the place of an opening quote that is never closed.
    fn record(&mut self, t: &mut Table<'_>, out: &mut Vec<Field>) -> Result<bool, (u32, u32)> {
        out.clear();
        let b = self.bytes;
        let n = b.len();
        // Skip line breaks before the record (empty lines, the previous
        // record's line break).
        while self.pos < n && (b[self.pos] == b'\n' || b[self.pos] == b'\r') {
            if is_line_break(b, self.pos) {
                self.new_line(self.pos);
            }
            self.pos += 1;
        }
        if self.pos >= n {
            return Ok(false);
        }
        loop {
            let start = self.pos;
            let line = self.line;
            let col = self.column_at(start);
            let (end, len, record_end, next, to_eof) = self.field(start);
            let quoted = b.get(start) == Some(&b'"');
            if quoted {
                if to_eof && !quote_closed(&b[start + 1..end]) {
                    return Err((line, col));
                }
                // Line breaks inside the quotes.
                self.lines_in(start, end);
            }
            let unquoted = &self.buf[..len];
            let slot = if !quoted {
                Slot {
                    start: start as u32,
                    end: end as u32,
                    line,
                    col,
                }
            } else if end >= start + 2 && unquoted == &b[start + 1..end - 1] {
                // Only the enclosing quotes to drop: still a slice of the text.
                Slot {
                    start: (start + 1) as u32,
                    end: (end - 1) as u32,
                    line,
                    col,
                }
            } else {
                // Quotes are ASCII: what is left of the text is UTF-8.
                let s = std::str::from_utf8(unquoted).unwrap_or("");
                t.own_slot(s, line, col)
            };
            out.push(Field { slot });
            self.pos = next;
            if record_end {
                return Ok(true);
            }
        }
    }

    /// Counts the line breaks in `from..to` (inside quotes).
    fn lines_in(&mut self, from: usize, to: usize) {
        for i in from..to {
            let c = self.bytes[i];
            if (c == b'\n' || c == b'\r') && is_line_break(self.bytes, i) {
                self.new_line(i);
            }
        }
    }
}

/// Whether the text of a quoted field after its opening quote, up to the
/// end of the file, holds its closing quote (`""` is a quote inside).
fn quote_closed(rest: &[u8]) -> bool {
    let mut i = 0;
    while let Some(q) = rest[i..].iter().position(|&c| c == b'"') {
        if rest.get(i + q + 1) == Some(&b'"') {
            i += q + 2;
        } else {
            return true;
        }
    }
    false
}

/// A line ends at `\n`, or at a `\r` not followed by `\n` (old Mac files).
fn is_line_break(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'\n') => true,
        Some(b'\r') => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

fn char_count(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u32
}

// ---------------------------------------------------------------- JSON

/// Byte offset -> 1-based (line, character column). Positions asked in
/// increasing order (the usual case) cost only the distance from the last one,
/// so one-line JSON files of any size stay linear.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Last answer: (offset, line index, column).
    last: std::cell::Cell<(usize, usize, u32)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 0, 1)),
        }
    }

    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0);
        let (lo, ll, lc) = self.last.get();
        let col = if ll == line && lo <= offset && lo >= start {
            lc + char_count(&self.text.as_bytes()[lo..offset])
        } else {
            char_count(&self.text.as_bytes()[start..offset]) + 1
        };
        self.last.set((offset, line, col));
        (line as u32 + 1, col)
    }

    pub fn end_position(&self) -> (u32, u32) {
        self.position(self.text.len())
    }
}

/// Strict JSON (no comments, no trailing commas, quoted keys).
pub(crate) fn strict_json() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
    }
}

/// The problem for a JSON syntax error.
pub(crate) fn json_syntax_problem(
    file: &Arc<str>,
    e: &jsonc_parser::errors::ParseError,
) -> Problem {
    Problem::new(
        file,
        e.line_display() as u32,
        e.column_display() as u32,
        format!("JSON tidak sah: {}", e.kind()),
        format!("invalid JSON: {}", e.kind()),
    )
    .with_kind("json.syntax")
}

fn read_json_list<'a>(file: &Arc<str>, text: &str, probs: &mut Problems) -> Option<Table<'a>> {
    // Before the parser, which recurses once per level.
    if let Some(p) = crate::limits::json_depth_problem(file, text) {
        probs.push(p);
        return None;
    }
    let parsed = match jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &strict_json())
    {
        Ok(p) => p,
        Err(e) => {
            probs.push(json_syntax_problem(file, &e));
            return None;
        }
    };
    let idx = LineIndex::new(text);
    let Some(JValue::Array(list)) = parsed.value else {
        probs.at(
            "json.shape",
            file,
            1,
            1,
            "berkas JSON harus berupa daftar objek".into(),
            "a JSON file must be a list of objects".into(),
        );
        return None;
    };
    let mut table = Table::new(file, None, false, "");
    table.empty_list = list.elements.is_empty();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    // First pass: the columns, in order of first appearance.
    for el in &list.elements {
        let JValue::Object(obj) = el else { continue };
        for prop in &obj.properties {
            let name = match &prop.name {
                ObjectPropName::String(s) => s.value.as_ref(),
                ObjectPropName::Word(w) => w.value,
            };
            if !by_name.contains_key(name) {
                let (kl, kc) = idx.position(prop.start());
                table.columns.push(Column {
                    name: name.to_string(),
                    line: kl,
                    col: kc,
                });
                by_name.insert(name, table.columns.len() - 1);
            }
        }
    }
    let ncols = table.columns.len();
    let area = (list.elements.len() as u64).saturating_mul(ncols as u64);
    if area > crate::limits::MAX_JSON_CELLS {
        // At the first key that made the table too wide for its objects.
        let max = crate::limits::MAX_JSON_CELLS;
        let k = (max / list.elements.len().max(1) as u64) as usize;
        let c = table.columns.get(k).or(table.columns.last());
        let (line, col) = c.map_or((1, 1), |c| (c.line, c.col));
        let (rows, cols) = (list.elements.len(), ncols);
        probs.at(
            "file.size",
            file,
            line,
            col,
            format!("daftar JSON terlalu besar: {rows} objek × {cols} kunci berbeda melebihi {max} sel"),
            format!("the JSON list is too large: {rows} objects × {cols} different keys are more than {max} cells"),
        );
        return None;
    }
    for el in &list.elements {
        let (line, col) = idx.position(el.start());
        let JValue::Object(obj) = el else {
            probs.at(
                "json.shape",
                file,
                line,
                col,
                "setiap unsur daftar harus berupa objek {…}".into(),
                "every element of the list must be an object {…}".into(),
            );
            continue;
        };
        table.start_row(line, col);
        let first = table.slots.len();
        for _ in 0..ncols {
            table.push_cell("", Value::Absent, line, col);
        }
        for prop in &obj.properties {
            let name = match &prop.name {
                ObjectPropName::String(s) => s.value.as_ref(),
                ObjectPropName::Word(w) => w.value,
            };
            let (vl, vc) = idx.position(prop.value.start());
            let Some(&ci) = by_name.get(name) else {
                continue;
            };
            if table.values[first + ci] != Value::Absent {
                probs.at(
                    "json.duplicate-key",
                    file,
                    vl,
                    vc,
                    format!("kunci \"{name}\" muncul dua kali dalam objek yang sama"),
                    format!("key \"{name}\" appears twice in the same object"),
                );
                continue;
            }
            let number_text;
            let (text, value): (&str, Value) = match &prop.value {
                JValue::StringLit(s) => (s.value.as_ref(), Value::Text),
                JValue::NumberLit(n) => match n.value.parse::<f64>() {
                    Ok(x) if x.is_finite() => {
                        number_text = num::number_text(x);
                        (number_text.as_str(), Value::Number(x))
                    }
                    _ => {
                        probs.at(
                            "json.number",
                            file,
                            vl,
                            vc,
                            format!("angka {} tidak terhingga", n.value),
                            format!("number {} is not finite", n.value),
                        );
                        continue;
                    }
                },
                JValue::BooleanLit(b) => {
                    (if b.value { "true" } else { "false" }, Value::Bool(b.value))
                }
                JValue::NullKeyword(_) => ("", Value::Null),
                JValue::Object(_) | JValue::Array(_) => {
                    probs.at(
                        "json.shape",
                        file,
                        vl,
                        vc,
                        format!("nilai \"{name}\" harus teks, angka, benar/salah atau null"),
                        format!("value of \"{name}\" must be a string, number, boolean or null"),
                    );
                    continue;
                }
            };
            if let Some(p) = crate::limits::cell_size_problem(file, text, vl, vc) {
                probs.push(p);
                continue;
            }
            table.slots[first + ci] = table.own_slot(text, vl, vc);
            table.values[first + ci] = value;
        }
    }
    Some(table)
}

// ---------------------------------------------------------------- XLSX

/// Names of the sheets of an `.xlsx` workbook (or of a workbook read by
/// the `kipp-xlsx` module, [`crate::Workbook::to_bytes`]), in order.
pub fn list_sheets(file: &str, bytes: &[u8]) -> Result<Vec<String>, Vec<Problem>> {
    let file: Arc<str> = Arc::from(file);
    // Only the names: no sheet's cells are read (no sheet is named "").
    match xlsx::workbook_of(bytes, Some(Some(""))).sheets {
        Ok(sheets) => Ok(sheets.into_iter().map(|s| s.name).collect()),
        Err(e) => Err(vec![xlsx_problem(&file, &e)]),
    }
}

fn xlsx_problem(file: &Arc<str>, e: &str) -> Problem {
    if let Some(limit) = xlsx::LimitError::decode(e) {
        return limit_problem(file, None, limit);
    }
    Problem::new(
        file,
        0,
        0,
        format!("buku kerja .xlsx tidak terbaca: {e}"),
        format!("unreadable .xlsx workbook: {e}"),
    )
    .with_kind("xlsx.unreadable")
}

/// The problem for a workbook or sheet larger than kipp reads, in both
/// languages; a range too large is located at the cell that made it so.
fn limit_problem(file: &Arc<str>, sheet: Option<&str>, e: xlsx::LimitError) -> Problem {
    use crate::limits::{MAX_SHEET_CELLS, MAX_XLSX_UNCOMPRESSED};
    let mb = MAX_XLSX_UNCOMPRESSED >> 20;
    match e {
        xlsx::LimitError::Uncompressed => Problem::new(
            file,
            0,
            0,
            format!("buku kerja .xlsx terlalu besar: isinya lebih dari {mb} MB setelah dibuka (dekompresi)"),
            format!("the .xlsx workbook is too large: its content is more than {mb} MB uncompressed"),
        )
        .with_kind("file.size"),
        xlsx::LimitError::Formulas => {
            let mut p = Problem::new(
                file,
                0,
                0,
                format!("lembar berisi lebih dari {MAX_SHEET_CELLS} sel rumus"),
                format!("the sheet holds more than {MAX_SHEET_CELLS} formula cells"),
            )
            .with_kind("file.size");
            if let Some(s) = sheet {
                p.cell = Some(s.to_string());
            }
            p
        }
        xlsx::LimitError::Range { first, last, at } => {
            let name = |(r, c): (u32, u32)| format!("{}{}", column_letters(c + 1), r + 1);
            let rows = u64::from(last.0 - first.0) + 1;
            let cols = u64::from(last.1 - first.1) + 1;
            let mut p = Problem::new(
                file,
                at.0 + 1,
                at.1 + 1,
                format!(
                    "lembar terlalu besar: sel terisi dari {} sampai {} ({rows} baris × {cols} kolom) melebihi {MAX_SHEET_CELLS} sel; hapus sel yang tidak dipakai",
                    name(first),
                    name(last)
                ),
                format!(
                    "the sheet is too large: cells filled from {} to {} ({rows} rows × {cols} columns) are more than {MAX_SHEET_CELLS} cells; delete the cells not used",
                    name(first),
                    name(last)
                ),
            )
            .with_kind("file.size");
            if let Some(s) = sheet {
                p.cell = Some(format!("{s}!{}", name(at)));
            }
            p
        }
    }
}

/// Reads the first sheet (or the sheet named `sheet`) of an `.xlsx` workbook.
pub(crate) fn read_xlsx(
    file: &Arc<str>,
    bytes: &[u8],
    sheet: Option<&str>,
    probs: &mut Problems,
) -> Option<Table<'static>> {
    let sheets = open_xlsx(file, bytes, Some(sheet), probs)?;
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    let found = match sheet {
        Some(s) => {
            if !names.contains(&s) {
                probs.at(
                    "xlsx.sheet",
                    file,
                    0,
                    0,
                    format!("lembar \"{s}\" tidak ada (ada: {})", names.join(", ")),
                    format!(
                        "there is no sheet \"{s}\" (there are: {})",
                        names.join(", ")
                    ),
                );
                return None;
            }
            sheets.iter().find(|x| x.name == s)
        }
        None => match sheets.first() {
            Some(x) => Some(x),
            None => {
                probs.at(
                    "xlsx.sheet",
                    file,
                    0,
                    0,
                    "buku kerja tidak berisi lembar".into(),
                    "the workbook has no sheet".into(),
                );
                return None;
            }
        },
    };
    read_sheet(found?, file, probs)
}

fn open_xlsx(
    file: &Arc<str>,
    bytes: &[u8],
    sheet: Option<Option<&str>>,
    probs: &mut Problems,
) -> Option<Vec<WbSheet>> {
    if let Some(p) = crate::limits::file_size_problem(file, bytes.len()) {
        probs.push(p);
        return None;
    }
    match xlsx::workbook_of(bytes, sheet).sheets {
        Ok(sheets) => Some(sheets),
        Err(e) => {
            probs.push(xlsx_problem(file, &e));
            None
        }
    }
}

/// Every sheet of an `.xlsx` workbook, in order. A sheet that cannot be read
/// (an empty one, say) is `None`, its problems in `probs`.
pub(crate) fn read_xlsx_all(
    file: &Arc<str>,
    bytes: &[u8],
    probs: &mut Problems,
) -> Option<Vec<(String, Option<Table<'static>>)>> {
    let sheets = open_xlsx(file, bytes, None, probs)?;
    Some(
        sheets
            .iter()
            .map(|s| (s.name.clone(), read_sheet(s, file, probs)))
            .collect(),
    )
}

/// One sheet as a table; cells holding a formula are recorded in
/// [`Table::formulas`] (their value is the cached result, if any).
fn read_sheet(sheet: &WbSheet, file: &Arc<str>, probs: &mut Problems) -> Option<Table<'static>> {
    let name = sheet.name.clone();
    let range = match &sheet.cells {
        Ok(r) => r,
        Err(e) => {
            probs.push(match xlsx::LimitError::decode(e) {
                Some(limit) => limit_problem(file, Some(&sheet.name), limit),
                None => xlsx_problem(file, e),
            });
            return None;
        }
    };
    let (r0, c0) = range.start;
    let mut rows_iter = range.rows.iter().enumerate();
    let mut table = Table::new(file, Some(name), false, "");
    table.header_line = r0 + 1;
    table.formulas.extend(range.formulas.iter().copied());
    let Some((_, header)) = rows_iter.next() else {
        probs.push(
            table
                .problem(
                    1,
                    1,
                    "lembar kosong: baris judul kolom tidak ada".into(),
                    "empty sheet: there is no header row".into(),
                )
                .with_kind("file.empty"),
        );
        return None;
    };
    // The table is as wide as the header for every row: a workbook's
    // bytes from the kipp-xlsx module (or a file made to look like them)
    // can pair a wide header with many short rows.
    let area = (range.rows.len() as u64).saturating_mul(header.len() as u64);
    if area > crate::limits::MAX_SHEET_CELLS && !header.is_empty() {
        let last = (
            r0.saturating_add((range.rows.len() - 1).min(u32::MAX as usize) as u32),
            c0.saturating_add((header.len() - 1).min(u32::MAX as usize) as u32),
        );
        let limit = xlsx::LimitError::Range {
            first: (r0, c0),
            last,
            at: last,
        };
        probs.push(limit_problem(file, Some(&sheet.name), limit));
        return None;
    }
    let mut long = false;
    for (i, row) in range.rows.iter().enumerate() {
        for (j, c) in row.iter().enumerate() {
            if let WbCell::Text(text) | WbCell::Error(text) = c {
                let (line, col) = (r0 + i as u32 + 1, c0 + j as u32 + 1);
                if let Some(mut p) = crate::limits::cell_size_problem(file, text, line, col) {
                    p.cell = Some(format!("{}!{}{}", sheet.name, column_letters(col), line));
                    probs.push(p);
                    long = true;
                }
            }
        }
    }
    if long {
        return None;
    }
    for (j, c) in header.iter().enumerate() {
        table.columns.push(Column {
            name: cell_text(c).trim().to_string(),
            line: r0 + 1,
            col: c0 + j as u32 + 1,
        });
    }
    let ncols = table.columns.len();
    for (i, row) in rows_iter {
        let line = r0 + i as u32 + 1;
        if row.iter().all(|c| cell_text(c).trim().is_empty()) {
            continue;
        }
        table.start_row(line, c0 + 1);
        for j in 0..ncols {
            let col = c0 + j as u32 + 1;
            let Some(c) = row.get(j) else {
                table.push_cell("", Value::Null, line, col);
                continue;
            };
            let value = match c {
                WbCell::Int(x) => Value::Number(*x as f64),
                WbCell::Float(x) => Value::Number(*x),
                WbCell::Bool(b) => Value::Bool(*b),
                WbCell::Empty => Value::Null,
                _ => Value::Text,
            };
            if let WbCell::Error(e) = c {
                probs.push(
                    table
                        .problem(
                            line,
                            col,
                            format!("sel berisi galat rumus {e}"),
                            format!("the cell holds a formula error {e}"),
                        )
                        .with_kind("cell.formula-error"),
                );
            }
            table.push_cell(&cell_text(c), value, line, col);
        }
    }
    Some(table)
}

fn cell_text(c: &WbCell) -> String {
    match c {
        WbCell::Int(x) => x.to_string(),
        WbCell::Float(x) => num::number_text(*x),
        WbCell::Text(s) => s.clone(),
        WbCell::Bool(b) => b.to_string(),
        WbCell::Date(d) => num::number_text(*d),
        WbCell::Error(e) => e.clone(),
        WbCell::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (Option<Table<'_>>, Vec<Problem>) {
        let mut p = Problems::default();
        let f: Arc<str> = Arc::from("t.csv");
        let t = read_text_table(&f, text.as_bytes(), &mut p);
        (t, p.list)
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a,b;c"), b',');
        assert_eq!(detect_delimiter("a;b;c,d"), b';');
        assert_eq!(detect_delimiter("a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter("\"a;b;c\",d"), b',');
        assert_eq!(detect_delimiter("abc"), b',');
        assert_eq!(detect_delimiter("a;b\tc"), b',');
    }

    #[test]
    fn csv_positions() {
        let (t, p) = table("id;title\nA1;\"Judul; panjang\"\n\"A\"\"2\";x\n");
        assert!(p.is_empty(), "{p:?}");
        let t = t.unwrap();
        assert!(t.decimal_comma);
        assert_eq!(t.rows.len(), 2);
        let c = t.cell(&t.rows[0], 1).unwrap();
        assert_eq!((c.line, c.col, c.text), (2, 4, "Judul; panjang"));
        let c = t.cell(&t.rows[1], 1).unwrap();
        assert_eq!((c.line, c.col), (3, 8));
        assert_eq!(t.cell(&t.rows[1], 0).unwrap().text, "A\"2");
    }

    #[test]
    fn csv_line_endings() {
        for text in [
            "id,title\r\nA1,x\r\nA2,\"y\r\nz\"\r\nA3,w\r\n",
            "id,title\rA1,x\rA2,\"y\rz\"\rA3,w\r",
        ] {
            let (t, p) = table(text);
            assert!(p.is_empty(), "{p:?}");
            let t = t.unwrap();
            let lines: Vec<(u32, u32)> = t.rows.iter().map(|r| (r.line, r.col)).collect();
            assert_eq!(lines, [(2, 1), (3, 1), (5, 1)], "{text:?}");
            let c = t.cell(&t.rows[2], 1).unwrap();
            assert_eq!((c.line, c.col), (5, 4));
        }
    }

    #[test]
    fn csv_unterminated_quote() {
        let (t, p) = table("id,title\nA1,\"open\nA2,x\n");
        assert!(t.is_none());
        assert_eq!((p[0].line, p[0].column), (2, 4));
    }

    #[test]
    fn csv_field_count() {
        let (t, p) = table("id,title\nA1,x,y\nA2,z\n");
        assert_eq!(t.unwrap().rows.len(), 1);
        assert_eq!((p[0].line, p[0].column), (2, 1));
        assert!(p[0].message_en.contains("3 fields"));
    }

    /// Columns are counted from the previous field, not from the line's
    /// start: two lines of 200,000 empty fields (600 KB) took 53 s in the
    /// reader this one replaced (quadratic in the line's length).
    #[test]
    fn csv_long_lines_are_linear() {
        let n = 200_000;
        let mut text = String::from("id");
        text.push_str(&",".repeat(n - 1));
        text.push('\n');
        text.push('é');
        text.push_str(&",".repeat(n - 1));
        text.push('\n');
        let (t, p) = table(&text);
        assert!(p.is_empty(), "{p:?}");
        let t = t.unwrap();
        assert_eq!(t.columns.len(), n);
        assert_eq!(t.rows.len(), 1);
        let last = t.cell(&t.rows[0], n - 1).unwrap();
        assert_eq!((last.line, last.col, last.text), (2, n as u32 + 1, ""));
        assert_eq!(t.cell(&t.rows[0], 0).unwrap().text, "é");
    }

    #[test]
    fn csv_quotes_like_rfc4180() {
        // Text after a closing quote is part of the field; a quote inside
        // an unquoted field is a character; `""` inside quotes is one quote.
        let (t, p) = table("a,b,c\n\"x\"y,p\"q,\"r\"\"s\"\n\n\n\"m\nn\",é,\"\"\n");
        assert!(p.is_empty(), "{p:?}");
        let t = t.unwrap();
        let texts: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| (0..3).map(|i| t.cell(r, i).unwrap().text).collect())
            .collect();
        assert_eq!(texts, [["xy", "p\"q", "r\"s"], ["m\nn", "é", ""]]);
        let c = t.cell(&t.rows[1], 2).unwrap();
        assert_eq!((c.line, c.col), (6, 6));
        assert_eq!((t.rows[1].line, t.rows[1].col), (5, 1));
    }

    /// Scores read row by row are those of the table read whole, with the
    /// same problems in the same order.
    #[test]
    fn csv_scores_row_by_row_as_the_table() {
        let mut many = String::from("stage,innovation,judge,criterion,score\n");
        for i in 0..150 {
            many.push_str(&format!("s,I{i},,c,x{i}\n"));
        }
        let cases: Vec<String> = vec![
            "stage,innovation,judge,criterion,score\ns,I1,J1,c,7\ns,I1,J1,d,8.5\n".into(),
            "stage;innovation;judge;criterion;score\ns;I1;J1;c;7,5\ns;I1;J1;d;1,2,3\n".into(),
            "stage,innovation,judge,criterion,score\ns,I1,,c,7\n,I2,J1,,\ns,I3,J1,c,nan\ns,I3,J1,c,1e999\n".into(),
            "stage,innovation,judge,criterion,score,,x,x\ns,I1,J1,c,7,,1,2\ns,I1,J1,c,7,v,1,2\ns,I1,J1,c\n\n,,,,,,,\n".into(),
            "stage,innovation,judge,criterion\ns,I1,J1,c\n".into(),
            "stage,innovation,judge,a,b\ns,I1,J1,7,\ns,I2,J1,,\ns,,J1,x,8\n\"s\",\"I\n3\",J1,\"9\",\"1\"\"0\"\n".into(),
            "stage,innovation,judge,criterion,score\ns,I1,J1,c,7\ns,I2,J1,c,\"8\n".into(),
            "stage,innovation,judge,criterion,score\r\ns,\"I\"\"1\",J1,c,7\r\ns,é,J1,c, 8 \rs,I3,J1,c,+9\n".into(),
            many,
        ];
        for text in &cases {
            let f: Arc<str> = Arc::from("s.csv");
            let mut p1 = Problems::default();
            let mut l1 = ScoreList::new();
            if let Some(t) = read_text_table(&f, text.as_bytes(), &mut p1) {
                records::scores_into(&t, &mut p1, &mut l1);
            }
            let mut p2 = Problems::default();
            let mut l2 = ScoreList::new();
            assert!(csv_scores(&f, text, &mut p2, &mut l2), "{text:?}");
            if !p2.is_empty() {
                // On problems the caller drops the scores.
                l1.truncate(0);
                l2.truncate(0);
            }
            let show = |p: &Problems| -> Vec<String> {
                p.list
                    .iter()
                    .map(|x| format!("{}:{}:{} {}", x.line, x.column, x.kind, x.message_en))
                    .chain(std::iter::once(format!("dropped {}", p.dropped)))
                    .collect()
            };
            assert_eq!(show(&p1), show(&p2), "{text:?}");
            let scores = |l: &ScoreList| -> Vec<kipp_score::Score> {
                (0..l.len()).map(|i| l.score(i)).collect()
            };
            assert_eq!(scores(&l1), scores(&l2), "{text:?}");
        }
        // Not read this way: no stage column, an open quote in the header.
        let f: Arc<str> = Arc::from("s.csv");
        for text in ["innovation,judge,a\nI1,J1,7\n", "\"stage,innovation\n"] {
            let mut p = Problems::default();
            assert!(!csv_scores(&f, text, &mut p, &mut ScoreList::new()));
            assert!(p.is_empty());
        }
    }

    #[test]
    fn json_positions() {
        let (t, p) = table("[\n {\"id\": \"A1\",\n  \"n\": 2}\n]");
        assert!(p.is_empty());
        let t = t.unwrap();
        let c = t.cell(&t.rows[0], 1).unwrap();
        assert_eq!((c.line, c.col, c.value), (3, 8, Value::Number(2.0)));
        assert_eq!(c.text, "2");
    }

    #[test]
    fn column_names() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }
}
