//! Workbooks without a spreadsheet library: a neutral [`Workbook`] (what the
//! readers need of an `.xlsx` file: sheet names and typed cells) and a
//! neutral [`WorkbookSpec`] (what the writers put in one: cells, formats,
//! notes, validations, widths, protection), both plain data.
//!
//! The conversions between `.xlsx` bytes and these types are the only code
//! that knows calamine (reading) and rust_xlsxwriter (writing); they are
//! behind the cargo feature `xlsx` (on by default: the CLI, `kipp-wasm` and
//! the native tests). The organiser app builds without it and gets the same
//! conversions from the `kipp-xlsx` module, loaded on first use: a workbook
//! reaches the readers as [`Workbook::to_bytes`] (a file of its own, told
//! by its signature like a ZIP), and the writers' specs go to the module as
//! JSON ([`WorkbookSpec`] is serde). Either way every reader and writer runs
//! the same code, so messages, locations and bytes do not depend on where
//! the workbook was converted.

use serde::{Deserialize, Serialize};

/// The signature of [`Workbook::to_bytes`].
pub const WORKBOOK_MAGIC: &[u8; 8] = b"KIPPWB1\n";

/// A workbook as read: its sheets in order, or why it could not be opened
/// (`Err`: the reader's message, quoted in the located problem).
#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    /// The sheets, in order; `Err` when the file is not a readable workbook.
    pub sheets: Result<Vec<WbSheet>, String>,
}

/// One sheet: its name and its cells, or why it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct WbSheet {
    /// The sheet's name.
    pub name: String,
    /// The used range, or the reader's message.
    pub cells: Result<WbRange, String>,
}

/// The used range of a sheet.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct WbRange {
    /// 0-based row and column of the range's first cell.
    pub start: (u32, u32),
    /// The rows of the range, each as wide as the range.
    pub rows: Vec<Vec<WbCell>>,
    /// 1-based (row, column) of the cells that hold a formula.
    pub formulas: Vec<(u32, u32)>,
}

/// A cell's typed value.
#[derive(Clone, Debug, PartialEq)]
pub enum WbCell {
    /// Nothing.
    Empty,
    /// Text (also ISO dates and durations).
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A date or time as the spreadsheet's serial number.
    Date(f64),
    /// A formula error (`#DIV/0!`).
    Error(String),
}

impl Workbook {
    /// The workbook as bytes: [`WORKBOOK_MAGIC`], then the sheets. What the
    /// `kipp-xlsx` module returns and the readers take in place of the
    /// `.xlsx` file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Enc(WORKBOOK_MAGIC.to_vec());
        match &self.sheets {
            Err(e) => {
                w.byte(0);
                w.str(e);
            }
            Ok(sheets) => {
                w.byte(1);
                w.num(sheets.len() as u64);
                for s in sheets {
                    w.str(&s.name);
                    match &s.cells {
                        Err(e) => {
                            w.byte(0);
                            w.str(e);
                        }
                        Ok(r) => {
                            // The range goes with its length, so that a
                            // reader wanting one sheet skips the others.
                            let mut p = Enc(Vec::new());
                            p.num(r.start.0.into());
                            p.num(r.start.1.into());
                            p.num(r.formulas.len() as u64);
                            for &(a, b) in &r.formulas {
                                p.num(a.into());
                                p.num(b.into());
                            }
                            p.num(r.rows.len() as u64);
                            for row in &r.rows {
                                p.num(row.len() as u64);
                                for c in row {
                                    p.cell(c);
                                }
                            }
                            w.byte(1);
                            w.num(p.0.len() as u64);
                            w.0.extend_from_slice(&p.0);
                        }
                    }
                }
            }
        }
        w.0
    }

    /// Reads [`Workbook::to_bytes`]; `Err` says what is wrong with the bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Workbook, String> {
        Self::from_bytes_only(bytes, &|_, _| true)
    }

    /// [`Workbook::from_bytes`], decoding the cells of the sheets `want`
    /// (name, index) says yes to only; the others stay empty.
    fn from_bytes_only(
        bytes: &[u8],
        want: &dyn Fn(&str, usize) -> bool,
    ) -> Result<Workbook, String> {
        let rest = bytes
            .strip_prefix(WORKBOOK_MAGIC.as_slice())
            .ok_or_else(|| "not a kipp workbook".to_string())?;
        let mut d = Dec { b: rest, pos: 0 };
        let sheets = match d.byte()? {
            0 => Err(d.str()?),
            1 => {
                let n = d.len()?;
                let mut sheets = Vec::with_capacity(n.min(1024));
                for k in 0..n {
                    let name = d.str()?;
                    let cells = match d.byte()? {
                        0 => Err(d.str()?),
                        1 => {
                            let len = d.len()?;
                            let payload = d.take(len)?;
                            if want(&name, k) {
                                Ok(range(payload)?)
                            } else {
                                Ok(WbRange::default())
                            }
                        }
                        t => return Err(format!("bad sheet tag {t}")),
                    };
                    sheets.push(WbSheet { name, cells });
                }
                Ok(sheets)
            }
            t => return Err(format!("bad workbook tag {t}")),
        };
        if d.pos != d.b.len() {
            return Err("trailing bytes".into());
        }
        Ok(Workbook { sheets })
    }
}

/// A sheet's range from its bytes (all of them).
fn range(payload: &[u8]) -> Result<WbRange, String> {
    let mut d = Dec { b: payload, pos: 0 };
    let start = (d.u32()?, d.u32()?);
    let nf = d.len()?;
    let mut formulas = Vec::with_capacity(nf.min(1 << 16));
    for _ in 0..nf {
        formulas.push((d.u32()?, d.u32()?));
    }
    let nr = d.len()?;
    let mut rows = Vec::with_capacity(nr.min(1 << 16));
    for _ in 0..nr {
        let nc = d.len()?;
        let mut row = Vec::with_capacity(nc.min(1 << 14));
        for _ in 0..nc {
            row.push(d.cell()?);
        }
        rows.push(row);
    }
    if d.pos != d.b.len() {
        return Err("trailing bytes in a sheet".into());
    }
    Ok(WbRange {
        start,
        rows,
        formulas,
    })
}

struct Enc(Vec<u8>);

impl Enc {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }
    /// LEB128.
    fn num(&mut self, mut n: u64) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }
    fn str(&mut self, s: &str) {
        self.num(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn cell(&mut self, c: &WbCell) {
        match c {
            WbCell::Empty => self.byte(0),
            WbCell::Text(s) => {
                self.byte(1);
                self.str(s);
            }
            WbCell::Int(x) => {
                self.byte(2);
                self.0.extend_from_slice(&x.to_le_bytes());
            }
            WbCell::Float(x) => {
                self.byte(3);
                self.0.extend_from_slice(&x.to_bits().to_le_bytes());
            }
            WbCell::Bool(b) => {
                self.byte(4);
                self.byte(u8::from(*b));
            }
            WbCell::Date(x) => {
                self.byte(5);
                self.0.extend_from_slice(&x.to_bits().to_le_bytes());
            }
            WbCell::Error(s) => {
                self.byte(6);
                self.str(s);
            }
        }
    }
}

struct Dec<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Dec<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.b.get(self.pos).ok_or("truncated")?;
        self.pos += 1;
        Ok(b)
    }
    fn num(&mut self) -> Result<u64, String> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err("bad number".into())
    }
    fn u32(&mut self) -> Result<u32, String> {
        u32::try_from(self.num()?).map_err(|_| "number too large".to_string())
    }
    /// A count, never more than the bytes left (each item takes one).
    fn len(&mut self) -> Result<usize, String> {
        let n = usize::try_from(self.num()?).map_err(|_| "count too large".to_string())?;
        if n > self.b.len() - self.pos {
            return Err("count past the end".into());
        }
        Ok(n)
    }
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.pos.checked_add(n).ok_or("truncated")?;
        let s = self.b.get(self.pos..end).ok_or("truncated")?;
        self.pos = end;
        Ok(s)
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "bad text".to_string())
    }
    fn eight(&mut self) -> Result<[u8; 8], String> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(a)
    }
    fn cell(&mut self) -> Result<WbCell, String> {
        Ok(match self.byte()? {
            0 => WbCell::Empty,
            1 => WbCell::Text(self.str()?),
            2 => WbCell::Int(i64::from_le_bytes(self.eight()?)),
            3 => WbCell::Float(f64::from_bits(u64::from_le_bytes(self.eight()?))),
            4 => WbCell::Bool(self.byte()? != 0),
            5 => WbCell::Date(f64::from_bits(u64::from_le_bytes(self.eight()?))),
            6 => WbCell::Error(self.str()?),
            t => return Err(format!("bad cell tag {t}")),
        })
    }
}

/// True for the bytes of [`Workbook::to_bytes`].
pub fn is_workbook_bytes(bytes: &[u8]) -> bool {
    bytes.starts_with(WORKBOOK_MAGIC)
}

/// Reads an `.xlsx` file into a [`Workbook`] (calamine). Never fails: a
/// file that cannot be opened, or a sheet that cannot be read, carries the
/// reader's message.
#[cfg(feature = "xlsx")]
pub fn read_workbook(bytes: &[u8]) -> Workbook {
    read_sheets(bytes, &|_, _| true)
}

/// [`read_workbook`], reading the cells of the sheets `want` (its name, its
/// index) says yes to only; the others stay empty. (`&dyn`: one copy of
/// the reader in the wasm, whatever the callers.)
///
/// Before calamine opens the file, its XML parts are decompressed once
/// without being kept, and a workbook larger than
/// [`crate::limits::MAX_XLSX_UNCOMPRESSED`] is refused (a ZIP's declared
/// sizes can lie; a few KB can hold gigabytes of XML). Cells are then read
/// one by one (never calamine's dense grid of the cells' bounding box,
/// nor of the formulas'), and a sheet whose used range is larger than
/// [`crate::limits::MAX_SHEET_CELLS`] is refused before its grid is made.
#[cfg(feature = "xlsx")]
fn read_sheets(bytes: &[u8], want: &dyn Fn(&str, usize) -> bool) -> Workbook {
    use calamine::Reader;
    if let Err(e) = check_zip(bytes) {
        return Workbook {
            sheets: Err(e.encode()),
        };
    }
    let mut wb: calamine::Xlsx<_> =
        match calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)) {
            Ok(wb) => wb,
            Err(e) => {
                return Workbook {
                    sheets: Err(e.to_string()),
                }
            }
        };
    let names = wb.sheet_names();
    let sheets = names
        .into_iter()
        .enumerate()
        .map(|(k, name)| {
            if !want(&name, k) {
                return WbSheet {
                    name,
                    cells: Ok(WbRange::default()),
                };
            }
            let cells = sheet_range(&mut wb, &name);
            WbSheet { name, cells }
        })
        .collect();
    Workbook { sheets: Ok(sheets) }
}

/// Decompresses the workbook's XML parts (what calamine reads), keeping
/// nothing, and stops as soon as they pass
/// [`crate::limits::MAX_XLSX_UNCOMPRESSED`]. A part that cannot be read is
/// left to calamine, which says why.
#[cfg(feature = "xlsx")]
fn check_zip(bytes: &[u8]) -> Result<(), LimitError> {
    use std::io::Read;
    let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    let limit = crate::limits::MAX_XLSX_UNCOMPRESSED;
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 1 << 16];
    for i in 0..z.len() {
        let Ok(mut f) = z.by_index(i) else { continue };
        let name = f.name().to_ascii_lowercase();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        loop {
            match f.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    total += n as u64;
                    if total > limit {
                        return Err(LimitError::Uncompressed);
                    }
                }
            }
        }
    }
    Ok(())
}

/// One sheet's used range, read cell by cell (what calamine's
/// `worksheet_range` gives, without its grid): the non-empty cells, then
/// the grid of their bounding box, refused when larger than
/// [`crate::limits::MAX_SHEET_CELLS`]; and the places of the formulas.
#[cfg(feature = "xlsx")]
fn sheet_range(
    wb: &mut calamine::Xlsx<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<WbRange, String> {
    use calamine::{Data, DataRef, XlsxError};
    let max = crate::limits::MAX_SHEET_CELLS;
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        // As calamine's worksheet_range: a chart sheet is empty.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(WbRange::default()),
        Err(e) => return Err(e.to_string()),
    };
    let mut cells: Vec<((u32, u32), WbCell)> = Vec::new();
    let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        (r0, r1, c0, c1) = (r0.min(r), r1.max(r), c0.min(c), c1.max(c));
        let area = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        if area > max {
            return Err(LimitError::Range {
                first: (r0, c0),
                last: (r1, c1),
                at: (r, c),
            }
            .encode());
        }
        let v = match Data::from(cell.get_value().clone()) {
            Data::Int(x) => WbCell::Int(x),
            Data::Float(x) => WbCell::Float(x),
            Data::String(s) => WbCell::Text(s),
            Data::Bool(b) => WbCell::Bool(b),
            Data::DateTime(d) => WbCell::Date(d.as_f64()),
            Data::DateTimeIso(s) | Data::DurationIso(s) => WbCell::Text(s),
            Data::Error(e) => WbCell::Error(e.to_string()),
            Data::Empty => WbCell::Empty,
        };
        cells.push(((r, c), v));
    }
    drop(reader);
    let mut formulas = Vec::new();
    if let Ok(mut f) = wb.worksheet_cells_reader(name) {
        while let Ok(Some(cell)) = f.next_formula() {
            if !cell.get_value().is_empty() {
                let (r, c) = cell.get_position();
                formulas.push((r + 1, c + 1));
                if formulas.len() as u64 > max {
                    return Err(LimitError::Formulas.encode());
                }
            }
        }
        // In row order, each place once (as calamine's range listed them).
        formulas.sort_unstable();
        formulas.dedup();
    }
    if cells.is_empty() {
        return Ok(WbRange {
            start: (0, 0),
            rows: Vec::new(),
            formulas,
        });
    }
    let width = (c1 - c0) as usize + 1;
    let height = (r1 - r0) as usize + 1;
    let mut rows = vec![vec![WbCell::Empty; width]; height];
    // A place written twice keeps the last value, as calamine's grid does.
    for ((r, c), v) in cells {
        rows[(r - r0) as usize][(c - c0) as usize] = v;
    }
    Ok(WbRange {
        start: (r0, c0),
        rows,
        formulas,
    })
}

/// A workbook or sheet larger than kipp reads ([`crate::limits`]), carried
/// in the [`Workbook`]'s error text (which crosses from the `kipp-xlsx`
/// module as text) and turned into a located problem in both languages by
/// the readers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub(crate) enum LimitError {
    /// The XML parts decompress to more than the limit.
    Uncompressed,
    /// The used range from `first` to `last` (0-based row, column) is too
    /// large; `at` is the cell that made it so.
    Range {
        first: (u32, u32),
        last: (u32, u32),
        at: (u32, u32),
    },
    /// More formula cells than the limit.
    Formulas,
}

/// How a [`LimitError`] starts in an error text.
const LIMIT_TAG: &str = "kipp-limit ";

impl LimitError {
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    pub(crate) fn encode(&self) -> String {
        match *self {
            LimitError::Uncompressed => format!("{LIMIT_TAG}uncompressed"),
            LimitError::Range { first, last, at } => format!(
                "{LIMIT_TAG}range {} {} {} {} {} {}",
                first.0, first.1, last.0, last.1, at.0, at.1
            ),
            LimitError::Formulas => format!("{LIMIT_TAG}formulas"),
        }
    }

    pub(crate) fn decode(text: &str) -> Option<LimitError> {
        let rest = text.strip_prefix(LIMIT_TAG)?;
        let mut words = rest.split(' ');
        match words.next()? {
            "uncompressed" => Some(LimitError::Uncompressed),
            "formulas" => Some(LimitError::Formulas),
            "range" => {
                let n: Vec<u32> = words.map(|w| w.parse().ok()).collect::<Option<_>>()?;
                match n[..] {
                    [a, b, c, d, e, f] => Some(LimitError::Range {
                        first: (a, b),
                        last: (c, d),
                        at: (e, f),
                    }),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// The [`Workbook`] of `bytes`: decoded when they are [`Workbook::to_bytes`],
/// read when they are an `.xlsx` file (with the `xlsx` feature); `Err` with
/// the message of the problem otherwise.
///
/// `sheet`: only that sheet's cells are needed (the first sheet's when
/// `Some(None)`), so an `.xlsx` file's other sheets are not read.
pub(crate) fn workbook_of(bytes: &[u8], sheet: Option<Option<&str>>) -> Workbook {
    let name = sheet.flatten();
    let by_name = |n: &str, _: usize| Some(n) == name;
    let want: &dyn Fn(&str, usize) -> bool = match sheet {
        None => &|_, _| true,
        Some(Some(_)) => &by_name,
        Some(None) => &|_, k| k == 0,
    };
    if is_workbook_bytes(bytes) {
        return Workbook::from_bytes_only(bytes, want).unwrap_or_else(|e| Workbook {
            sheets: Err(format!("kipp workbook: {e}")),
        });
    }
    #[cfg(feature = "xlsx")]
    {
        read_sheets(bytes, want)
    }
    #[cfg(not(feature = "xlsx"))]
    {
        let _ = want;
        Workbook {
            sheets: Err("this build reads .xlsx files through the kipp-xlsx module".into()),
        }
    }
}

// ------------------------------------------------------------------ writing

/// A cell format of a [`WorkbookSpec`] (rust_xlsxwriter's `Format`, the
/// parts kipp uses).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CellFormat {
    /// Bold.
    pub bold: bool,
    /// Wrapped text.
    pub wrap: bool,
    /// Aligned to the top.
    pub align_top: bool,
    /// Font size in points.
    pub font_size: Option<f64>,
    /// Background colour (`0xRRGGBB`).
    pub background: Option<u32>,
    /// A thin bottom border.
    pub border_bottom: bool,
    /// A thin border all round.
    pub border: bool,
    /// The border's colour.
    pub border_color: Option<u32>,
    /// Number format (`@`: text).
    pub num_format: Option<String>,
    /// Not locked when the sheet is protected.
    pub unlocked: bool,
}

/// One step of writing a sheet, in the order the writer takes them (the
/// order is part of the output: the same steps give the same bytes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SheetOp {
    /// A text cell (0-based row and column), with a format of
    /// [`WorkbookSpec::formats`].
    Text(u32, u16, String, Option<usize>),
    /// A number cell.
    Number(u32, u16, f64, Option<usize>),
    /// A formatted empty cell.
    Blank(u32, u16, usize),
    /// A note on a cell, by an author (no author prefix in the text).
    Note(u32, u16, String, String),
    /// A column's width.
    Width(u16, f64),
    /// A row's height.
    Height(u32, f64),
    /// A merged range (first row, first column, last row, last column)
    /// holding a text, with a format.
    Merge(u32, u16, u32, u16, String, usize),
    /// A decimal-number validation between `min` and `max` on a range.
    Validation(Box<Validation>),
    /// Frozen panes above row and left of column.
    Freeze(u32, u16),
    /// Protected without a password.
    Protect,
    /// Protected without a password, columns and rows may be resized.
    ProtectAllowFormatting,
}

/// A decimal-number validation ([`SheetOp::Validation`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    /// First row, first column, last row, last column (0-based).
    pub range: (u32, u16, u32, u16),
    /// Lowest value allowed.
    pub min: f64,
    /// Highest value allowed.
    pub max: f64,
    /// Title of the input hint.
    pub input_title: String,
    /// Text of the input hint.
    pub input_message: String,
    /// Title of the error (a stop).
    pub error_title: String,
    /// Text of the error.
    pub error_message: String,
}

/// One sheet of a [`WorkbookSpec`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetSpec {
    /// The sheet's name.
    pub name: String,
    /// What to write, in order.
    pub ops: Vec<SheetOp>,
}

/// Everything an `.xlsx` file written by kipp holds: the writers of results
/// and score-sheet templates build one, [`write_workbook`] (or the
/// `kipp-xlsx` module) turns it into bytes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkbookSpec {
    /// The document's title (properties).
    pub title: Option<String>,
    /// The document's creation date (year, month, day) instead of the clock.
    pub created: Option<(u16, u8, u8)>,
    /// The cell formats the sheets refer to by index.
    pub formats: Vec<CellFormat>,
    /// The sheets, in order.
    pub sheets: Vec<SheetSpec>,
}

impl WorkbookSpec {
    /// Index of `f` in [`WorkbookSpec::formats`] (added when new).
    pub fn format(&mut self, f: CellFormat) -> usize {
        match self.formats.iter().position(|g| *g == f) {
            Some(i) => i,
            None => {
                self.formats.push(f);
                self.formats.len() - 1
            }
        }
    }
}

/// Writes a [`WorkbookSpec`] as `.xlsx` bytes (rust_xlsxwriter). `Err`: the
/// writer's message (a sheet name or a text over Excel's limits).
#[cfg(feature = "xlsx")]
pub fn write_workbook(spec: &WorkbookSpec) -> Result<Vec<u8>, String> {
    write_spec(spec).map_err(|e| e.to_string())
}

#[cfg(feature = "xlsx")]
fn write_spec(spec: &WorkbookSpec) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{
        DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
        Format, FormatAlign, FormatBorder, Note, ProtectionOptions, Workbook, XlsxError,
    };
    let mut wb = Workbook::new();
    if spec.title.is_some() || spec.created.is_some() {
        let mut props = DocProperties::new();
        if let Some(t) = &spec.title {
            props = props.set_title(t);
        }
        if let Some((y, m, d)) = spec.created {
            props = props.set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?);
        }
        wb.set_properties(&props);
    }
    let formats: Vec<Format> = spec
        .formats
        .iter()
        .map(|f| {
            let mut x = Format::new();
            if f.bold {
                x = x.set_bold();
            }
            if f.wrap {
                x = x.set_text_wrap();
            }
            if f.align_top {
                x = x.set_align(FormatAlign::Top);
            }
            if let Some(s) = f.font_size {
                x = x.set_font_size(s);
            }
            if let Some(c) = f.background {
                x = x.set_background_color(c);
            }
            if f.border_bottom {
                x = x.set_border_bottom(FormatBorder::Thin);
            }
            if f.border {
                x = x.set_border(FormatBorder::Thin);
            }
            if let Some(c) = f.border_color {
                x = x.set_border_color(c);
            }
            if let Some(n) = &f.num_format {
                x = x.set_num_format(n);
            }
            if f.unlocked {
                x = x.set_unlocked();
            }
            x
        })
        .collect();
    let fmt = |i: usize| {
        formats
            .get(i)
            .ok_or_else(|| XlsxError::ParameterError(format!("no format {i}")))
    };
    for s in &spec.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&s.name)?;
        for op in &s.ops {
            match op {
                SheetOp::Text(r, c, t, None) => {
                    ws.write_string(*r, *c, t)?;
                }
                SheetOp::Text(r, c, t, Some(f)) => {
                    ws.write_string_with_format(*r, *c, t, fmt(*f)?)?;
                }
                SheetOp::Number(r, c, x, None) => {
                    ws.write_number(*r, *c, *x)?;
                }
                SheetOp::Number(r, c, x, Some(f)) => {
                    ws.write_number_with_format(*r, *c, *x, fmt(*f)?)?;
                }
                SheetOp::Blank(r, c, f) => {
                    ws.write_blank(*r, *c, fmt(*f)?)?;
                }
                SheetOp::Note(r, c, text, author) => {
                    ws.insert_note(
                        *r,
                        *c,
                        &Note::new(text).set_author(author).add_author_prefix(false),
                    )?;
                }
                SheetOp::Width(c, w) => {
                    ws.set_column_width(*c, *w)?;
                }
                SheetOp::Height(r, h) => {
                    ws.set_row_height(*r, *h)?;
                }
                SheetOp::Merge(r0, c0, r1, c1, t, f) => {
                    ws.merge_range(*r0, *c0, *r1, *c1, t, fmt(*f)?)?;
                }
                SheetOp::Validation(v) => {
                    let dv = DataValidation::new()
                        .allow_decimal_number(DataValidationRule::Between(v.min, v.max))
                        .set_input_title(&v.input_title)?
                        .set_input_message(&v.input_message)?
                        .set_error_title(&v.error_title)?
                        .set_error_message(&v.error_message)?
                        .set_error_style(DataValidationErrorStyle::Stop);
                    let (r0, c0, r1, c1) = v.range;
                    ws.add_data_validation(r0, c0, r1, c1, &dv)?;
                }
                SheetOp::Freeze(r, c) => {
                    ws.set_freeze_panes(*r, *c)?;
                }
                SheetOp::Protect => {
                    ws.protect();
                }
                SheetOp::ProtectAllowFormatting => {
                    ws.protect_with_options(&ProtectionOptions {
                        format_columns: true,
                        format_rows: true,
                        ..ProtectionOptions::default()
                    });
                }
            }
        }
    }
    wb.save_to_buffer()
}

/// A file of a bundle (a ZIP): bytes as they are, or a workbook still to
/// be written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FilePart {
    /// The file's content.
    Bytes(Vec<u8>),
    /// A workbook to write.
    Book(WorkbookSpec),
}

/// The files of `parts` with every workbook written by `write` (in order;
/// the first failure stops).
pub fn finish_parts(
    parts: Vec<(String, FilePart)>,
    mut write: impl FnMut(&WorkbookSpec) -> Result<Vec<u8>, String>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    parts
        .into_iter()
        .map(|(name, part)| match part {
            FilePart::Bytes(b) => Ok((name, b)),
            FilePart::Book(spec) => write(&spec).map(|b| (name, b)),
        })
        .collect()
}

/// `1 -> A`, `27 -> AA` for a 0-based column number (rust_xlsxwriter's
/// `column_number_to_name`).
pub(crate) fn column_name(col: u16) -> String {
    crate::table::column_letters(u32::from(col) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbook_bytes_round_trip() {
        let wb = Workbook {
            sheets: Ok(vec![
                WbSheet {
                    name: "Juri 1".into(),
                    cells: Ok(WbRange {
                        start: (2, 1),
                        rows: vec![
                            vec![
                                WbCell::Text("id".into()),
                                WbCell::Int(-7),
                                WbCell::Float(f64::NAN),
                            ],
                            vec![
                                WbCell::Bool(true),
                                WbCell::Date(45000.5),
                                WbCell::Error("#DIV/0!".into()),
                            ],
                            vec![WbCell::Empty, WbCell::Float(7.25), WbCell::Text("é".into())],
                        ],
                        formulas: vec![(4, 3), (300, 70000)],
                    }),
                },
                WbSheet {
                    name: "rusak".into(),
                    cells: Err("no range".into()),
                },
            ]),
        };
        let bytes = wb.to_bytes();
        assert!(is_workbook_bytes(&bytes));
        let back = Workbook::from_bytes(&bytes).unwrap();
        // NaN != NaN: compare the bytes again.
        assert_eq!(back.to_bytes(), bytes);
        let err = Workbook {
            sheets: Err("bad zip".into()),
        };
        assert_eq!(Workbook::from_bytes(&err.to_bytes()).unwrap(), err);
    }

    #[test]
    fn damaged_workbook_bytes_are_an_error_not_a_panic() {
        let wb = Workbook {
            sheets: Ok(vec![WbSheet {
                name: "S".into(),
                cells: Ok(WbRange {
                    start: (0, 0),
                    rows: vec![vec![WbCell::Text("abc".into()), WbCell::Float(1.0)]],
                    formulas: vec![],
                }),
            }]),
        };
        let bytes = wb.to_bytes();
        for n in 0..bytes.len() {
            assert!(Workbook::from_bytes(&bytes[..n]).is_err(), "cut at {n}");
        }
        let mut long = bytes.clone();
        long.push(0);
        assert!(Workbook::from_bytes(&long).is_err());
        let mut huge = WORKBOOK_MAGIC.to_vec();
        huge.extend_from_slice(&[1, 0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert!(Workbook::from_bytes(&huge).is_err());
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(4), "E");
        assert_eq!(column_name(26), "AA");
    }
}
