//! The sizes kipp reads, and the checks that refuse what is larger before
//! anything large is built (docs/formats.md, "Limits"). Valid files of a
//! national competition stay far below every one of them.

use std::sync::Arc;

use crate::problem::Problem;
use crate::table::LineIndex;

/// Largest input file (256 MiB): the command line refuses a larger file
/// before reading it, every reader refuses larger bytes. A national
/// scores file is about 7 MB.
pub const MAX_FILE_BYTES: usize = 256 << 20;

/// Largest competition file (16 MiB; a real one is a few KB, the JSON
/// parser's tree about 13 times the text).
pub const MAX_COMPETITION_BYTES: usize = 16 << 20;

/// Most scores read from all files of a run together (16,777,216). A
/// score costs about 70 bytes in memory whatever its text, and a wide
/// score sheet spends as little as 2 bytes of file on one, so this bounds
/// what a small file can cost.
pub const MAX_SCORES: usize = 1 << 24;

/// Most cells of a JSON list's table: its objects × its distinct keys (a
/// key absent from an object is an empty cell of its row). 100,000
/// objects each with a key of its own, 4 MB, would otherwise be a table
/// of 10¹⁰ cells.
pub const MAX_JSON_CELLS: u64 = 1 << 24;

/// Most attributes of all innovations together (filled cells of the
/// innovations table, 1,048,576: 100,000 innovations × 10 columns, or
/// 4,000 × 250; a national file has 40,000). Each is kept with its
/// column's name for bonus rules, about 200 bytes, so a file of
/// one-letter cells would cost a hundred times its size.
pub const MAX_ATTRIBUTES: usize = 1 << 20;

/// Most conflicts of interest listed in a judges table, over all judges
/// (1,048,576: each judge of the most, 10,000, with 100). Each is an id
/// of its own in memory, about 30 bytes for 2 of the file.
pub const MAX_CONFLICTS: usize = 1 << 20;

/// Longest text of a data cell, in characters: 32,767, as in a
/// spreadsheet cell (titles are about 100).
pub const MAX_CELL_CHARS: usize = 32_767;

/// Deepest nesting of `[` and `{` in a JSON file. A competition file needs
/// 7 (a bonus rule's `in` list), a data list 2; the JSON parser recurses
/// once per level, so without a limit a file of brackets overflows the
/// stack (natively, and sooner in a browser).
pub const MAX_JSON_DEPTH: usize = 32;

/// Most bytes the XML parts of an `.xlsx` workbook may decompress to, all
/// together (256 MiB; a national workbook of scores is about 30 MB).
/// Checked by decompressing them once, keeping nothing, before calamine
/// opens the file: the sizes a ZIP declares can lie.
pub const MAX_XLSX_UNCOMPRESSED: u64 = 256 << 20;

/// Most cells of a sheet's used range (rows × columns of the box from its
/// first to its last non-empty cell): 4,194,304, e.g. 1,048,576 rows × 4
/// columns, or 262,144 × 16. A national long-form sheet of scores has
/// about 800,000. The range is a grid in memory (32 bytes a cell, plus
/// the cells read, 40 bytes each), so a sheet costs at most about 300 MB
/// however small its file; a larger one is refused before the grid is
/// made, located at the cell that made it too large.
pub const MAX_SHEET_CELLS: u64 = 1 << 22;

/// The problem for a file larger than [`MAX_FILE_BYTES`]; `None` when it
/// is not.
pub fn file_size_problem(file: &Arc<str>, len: usize) -> Option<Problem> {
    size_problem(file, len, MAX_FILE_BYTES)
}

/// The problem for a file larger than `max` bytes.
pub(crate) fn size_problem(file: &Arc<str>, len: usize, max: usize) -> Option<Problem> {
    (len > max).then(|| {
        let mb = max >> 20;
        Problem::new(
            file,
            0,
            0,
            format!("berkas terlalu besar: lebih dari {mb} MB"),
            format!("the file is too large: more than {mb} MB"),
        )
        .with_kind("file.size")
    })
}

/// The problem for a cell whose text is longer than [`MAX_CELL_CHARS`]
/// characters, at the cell; `None` when it is not.
pub(crate) fn cell_size_problem(
    file: &Arc<str>,
    text: &str,
    line: u32,
    col: u32,
) -> Option<Problem> {
    // Characters are never more than bytes: counted only when long.
    if text.len() <= MAX_CELL_CHARS {
        return None;
    }
    let n = text.chars().count();
    (n > MAX_CELL_CHARS).then(|| {
        Problem::new(
            file,
            line,
            col,
            format!("isi sel terlalu panjang: {n} karakter (paling banyak {MAX_CELL_CHARS}, seperti satu sel lembar kerja)"),
            format!("the cell's text is too long: {n} characters (at most {MAX_CELL_CHARS}, as in a spreadsheet cell)"),
        )
        .with_kind("cell.size")
    })
}

/// The problem for the first score past [`MAX_SCORES`], at its place.
pub(crate) fn scores_problem(file: &Arc<str>, line: u32, col: u32) -> Problem {
    Problem::new(
        file,
        line,
        col,
        format!("terlalu banyak nilai: lebih dari {MAX_SCORES} di semua berkas"),
        format!("too many scores: more than {MAX_SCORES} in all files"),
    )
    .with_kind("file.size")
}

/// Where the first `[` or `{` deeper than [`MAX_JSON_DEPTH`] stands (byte
/// offset), outside strings; `None` when the text is not that deep. Linear,
/// allocates nothing: it runs before the parser.
pub(crate) fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if in_str {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The problem for a JSON text nested deeper than [`MAX_JSON_DEPTH`], at
/// the bracket that goes too deep; `None` when it is not.
pub(crate) fn json_depth_problem(file: &Arc<str>, text: &str) -> Option<Problem> {
    let at = too_deep(text)?;
    let (line, col) = LineIndex::new(text).position(at);
    Some(
        Problem::new(
            file,
            line,
            col,
            format!("JSON bersarang terlalu dalam (lebih dari {MAX_JSON_DEPTH} tingkat [ atau {{)"),
            format!("JSON nested too deep (more than {MAX_JSON_DEPTH} levels of [ or {{)"),
        )
        .with_kind("json.depth"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_brackets_outside_strings() {
        let deep = "[".repeat(MAX_JSON_DEPTH + 1);
        assert_eq!(too_deep(&deep), Some(MAX_JSON_DEPTH));
        assert_eq!(too_deep(&"[".repeat(MAX_JSON_DEPTH)), None);
        // Brackets in strings, escaped quotes included, do not count.
        let s = format!("[\"{}\\\"{}\"]", "[".repeat(100), "{".repeat(100));
        assert_eq!(too_deep(&s), None);
        let nested = format!("{}{}", "[{\"a\":".repeat(20), "1");
        // Two levels per `[{"a":` (6 bytes): level 33 is the 17th `[`.
        assert_eq!(too_deep(&nested), Some(6 * 16));
    }
}
