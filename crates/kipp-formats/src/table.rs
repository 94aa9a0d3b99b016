//! One table shape for every data file: CSV (any dialect of §1.5), JSON lists
//! and spreadsheet sheets all become a [`Table`] of located cells, and the
//! record builders (innovations, scores, judges) read only tables.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use jsonc_parser::ast::{ObjectPropName, Value as JValue};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::num;
use crate::problem::{Problem, Problems};

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
            Value::Text => self.text.trim().is_empty(),
            _ => false,
        }
    }
}

/// Where a cell's text stands in [`Table::buf`], and what it is.
#[derive(Clone, Copy, Debug)]
struct Slot {
    start: usize,
    end: usize,
    line: u32,
    col: u32,
    value: Value,
}

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

/// A whole table. Cells are stored flat (one text buffer, one slot list) so
/// that a national-scale file costs few allocations.
#[derive(Clone, Debug)]
pub(crate) struct Table {
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
    buf: String,
    slots: Vec<Slot>,
}

impl Table {
    fn new(file: &Arc<str>, sheet: Option<String>, decimal_comma: bool) -> Self {
        Table {
            file: file.clone(),
            sheet,
            columns: Vec::new(),
            rows: Vec::new(),
            decimal_comma,
            header_line: 1,
            formulas: HashSet::new(),
            buf: String::new(),
            slots: Vec::new(),
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

    fn push_cell(&mut self, text: &str, value: Value, line: u32, col: u32) {
        let start = self.buf.len();
        self.buf.push_str(text);
        self.slots.push(Slot {
            start,
            end: self.buf.len(),
            line,
            col,
            value,
        });
    }

    /// The cell of `row` in column `i`; `None` when absent.
    pub fn cell(&self, row: &Row, i: usize) -> Option<Cell<'_>> {
        if i >= self.columns.len() {
            return None;
        }
        let s = self.slots.get(row.first + i)?;
        if s.value == Value::Absent {
            return None;
        }
        Some(Cell {
            text: self.buf.get(s.start..s.end).unwrap_or(""),
            value: s.value,
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
pub(crate) fn read_text_table(
    file: &Arc<str>,
    bytes: &[u8],
    probs: &mut Problems,
) -> Option<Table> {
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

fn read_csv(file: &Arc<str>, text: &str, probs: &mut Problems) -> Option<Table> {
    let delim = detect_delimiter(text);
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::StringRecord::new();
    let mut cursor = LineCursor::default();
    let mut table = Table::new(file, None, delim == b';');
    table.buf.reserve(text.len());
    let mut first = true;
    let mut starts: Vec<(u32, u32)> = Vec::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let (line, col) = match e.position() {
                    Some(p) => {
                        cursor.advance(bytes, p.byte() as usize);
                        (cursor.line, cursor.column(bytes, p.byte() as usize))
                    }
                    None => (0, 0),
                };
                probs.at(
                    "csv.syntax",
                    file,
                    line,
                    col,
                    format!("baris CSV tidak terbaca: {e}"),
                    format!("unreadable CSV row: {e}"),
                );
                return None;
            }
        }
        let mut rec_start = record
            .position()
            .map(|p| p.byte() as usize)
            .unwrap_or(start);
        // The reader may place a record at the line break that ended the one
        // before (`\r\n` files): a record itself never starts with one.
        while matches!(bytes.get(rec_start), Some(b'\r' | b'\n')) {
            rec_start += 1;
        }
        cursor.advance(bytes, rec_start);
        let unterminated =
            field_starts(bytes, rec_start, delim, &cursor, record.len(), &mut starts);
        if let Some((line, col)) = unterminated {
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
        let (line, col) = starts.first().copied().unwrap_or((cursor.line, 1));
        if first {
            first = false;
            table.header_line = line;
            for (i, name) in record.iter().enumerate() {
                let (l, c) = starts.get(i).copied().unwrap_or((line, col));
                table.columns.push(Column {
                    name: name.trim().to_string(),
                    line: l,
                    col: c,
                });
            }
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            // A row of empty fields (spreadsheets leave these): ignored.
            continue;
        }
        if record.len() != table.columns.len() {
            probs.at(
                "csv.fields",
                file,
                line,
                col,
                format!(
                    "baris ini berisi {} kolom, judul kolom (baris {}) berisi {}",
                    record.len(),
                    table.header_line,
                    table.columns.len()
                ),
                format!(
                    "this row has {} fields, the header (line {}) has {}",
                    record.len(),
                    table.header_line,
                    table.columns.len()
                ),
            );
            continue;
        }
        table.start_row(line, col);
        for (i, f) in record.iter().enumerate() {
            let (l, c) = starts.get(i).copied().unwrap_or((line, col));
            table.push_cell(f, Value::Text, l, c);
        }
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

/// Tracks line numbers while walking forward through the text.
#[derive(Default)]
struct LineCursor {
    pos: usize,
    /// 1-based line at `pos`.
    line: u32,
    line_start: usize,
}

impl LineCursor {
    fn advance(&mut self, bytes: &[u8], to: usize) {
        if self.line == 0 {
            self.line = 1;
        }
        let to = to.min(bytes.len());
        while self.pos < to {
            if is_line_break(bytes, self.pos) {
                self.line += 1;
                self.line_start = self.pos + 1;
            }
            self.pos += 1;
        }
    }

    /// 1-based character column of byte `at` on the current line.
    fn column(&self, bytes: &[u8], at: usize) -> u32 {
        char_count(&bytes[self.line_start.min(at)..at.min(bytes.len())]) + 1
    }
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

/// Finds the (line, column) of each of the `n` fields of the record starting at
/// byte `start`, following RFC 4180 quoting. Returns the place of an opening
/// quote that is never closed.
fn field_starts(
    bytes: &[u8],
    start: usize,
    delim: u8,
    cursor: &LineCursor,
    n: usize,
    out: &mut Vec<(u32, u32)>,
) -> Option<(u32, u32)> {
    out.clear();
    let mut line = cursor.line.max(1);
    let mut line_start = cursor.line_start;
    let mut i = start;
    let mut field_start = true;
    let mut in_quote = false;
    let mut quote_at = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if field_start {
            out.push((line, char_count(&bytes[line_start..i]) + 1));
            field_start = false;
            if b == b'"' {
                in_quote = true;
                quote_at = *out.last().unwrap_or(&(line, 1));
                i += 1;
                continue;
            }
        }
        if in_quote {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 2;
                    continue;
                }
                in_quote = false;
            } else if is_line_break(bytes, i) {
                line += 1;
                line_start = i + 1;
            }
            i += 1;
            continue;
        }
        if b == delim {
            field_start = true;
        } else if b == b'\n' || b == b'\r' {
            break;
        }
        i += 1;
    }
    if in_quote {
        return Some(quote_at);
    }
    if field_start && out.len() < n {
        // A record ending in a delimiter: its last (empty) field starts at the end.
        out.push((line, char_count(&bytes[line_start..i.min(bytes.len())]) + 1));
    }
    None
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

fn read_json_list(file: &Arc<str>, text: &str, probs: &mut Problems) -> Option<Table> {
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
    let mut table = Table::new(file, None, false);
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
            if table.slots[first + ci].value != Value::Absent {
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
            let start = table.buf.len();
            table.buf.push_str(text);
            table.slots[first + ci] = Slot {
                start,
                end: table.buf.len(),
                line: vl,
                col: vc,
                value,
            };
        }
    }
    Some(table)
}

// ---------------------------------------------------------------- XLSX

/// Names of the sheets of an `.xlsx` workbook, in order.
pub fn list_sheets(file: &str, bytes: &[u8]) -> Result<Vec<String>, Vec<Problem>> {
    use calamine::Reader;
    let file: Arc<str> = Arc::from(file);
    let wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| vec![xlsx_problem(&file, &e)])?;
    Ok(wb.sheet_names())
}

fn xlsx_problem(file: &Arc<str>, e: &dyn std::fmt::Display) -> Problem {
    Problem::new(
        file,
        0,
        0,
        format!("buku kerja .xlsx tidak terbaca: {e}"),
        format!("unreadable .xlsx workbook: {e}"),
    )
    .with_kind("xlsx.unreadable")
}

/// Reads the first sheet (or the sheet named `sheet`) of an `.xlsx` workbook.
pub(crate) fn read_xlsx(
    file: &Arc<str>,
    bytes: &[u8],
    sheet: Option<&str>,
    probs: &mut Problems,
) -> Option<Table> {
    use calamine::Reader;
    let mut wb = open_xlsx(file, bytes, probs)?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => {
            if !names.iter().any(|n| n == s) {
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
            s.to_string()
        }
        None => match names.first() {
            Some(n) => n.clone(),
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
    read_sheet(&mut wb, file, &name, probs)
}

type Workbook<'b> = calamine::Xlsx<std::io::Cursor<&'b [u8]>>;

fn open_xlsx<'b>(file: &Arc<str>, bytes: &'b [u8], probs: &mut Problems) -> Option<Workbook<'b>> {
    match calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)) {
        Ok(wb) => Some(wb),
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
) -> Option<Vec<(String, Option<Table>)>> {
    use calamine::Reader;
    let mut wb = open_xlsx(file, bytes, probs)?;
    let names = wb.sheet_names();
    Some(
        names
            .into_iter()
            .map(|n| {
                let t = read_sheet(&mut wb, file, &n, probs);
                (n, t)
            })
            .collect(),
    )
}

/// One sheet as a table; cells holding a formula are recorded in
/// [`Table::formulas`] (their value is the cached result, if any).
fn read_sheet(
    wb: &mut Workbook,
    file: &Arc<str>,
    name: &str,
    probs: &mut Problems,
) -> Option<Table> {
    use calamine::{Data, Reader};
    let name = name.to_string();
    let range = match wb.worksheet_range(&name) {
        Ok(r) => r,
        Err(e) => {
            probs.push(xlsx_problem(file, &e));
            return None;
        }
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows_iter = range.rows().enumerate();
    let mut table = Table::new(file, Some(name.clone()), false);
    table.header_line = r0 + 1;
    if let Ok(f) = wb.worksheet_formula(&name) {
        for (r, c, text) in f.used_cells() {
            if !text.is_empty() {
                let (fr, fc) = f.start().unwrap_or((0, 0));
                table
                    .formulas
                    .insert((fr + r as u32 + 1, fc + c as u32 + 1));
            }
        }
    }
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
    for (j, c) in header.iter().enumerate() {
        table.columns.push(Column {
            name: data_text(c).trim().to_string(),
            line: r0 + 1,
            col: c0 + j as u32 + 1,
        });
    }
    let ncols = table.columns.len();
    for (i, row) in rows_iter {
        let line = r0 + i as u32 + 1;
        if row.iter().all(|c| data_text(c).trim().is_empty()) {
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
                Data::Int(x) => Value::Number(*x as f64),
                Data::Float(x) => Value::Number(*x),
                Data::Bool(b) => Value::Bool(*b),
                Data::Empty => Value::Null,
                _ => Value::Text,
            };
            if let Data::Error(e) = c {
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
            table.push_cell(&data_text(c), value, line, col);
        }
    }
    Some(table)
}

fn data_text(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Int(x) => x.to_string(),
        Data::Float(x) => num::number_text(*x),
        Data::String(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => num::number_text(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (Option<Table>, Vec<Problem>) {
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
