//! The sizes kipp reads, and the checks that refuse what is larger before
//! anything large is built (docs/formats.md, "Limits"). Valid files of a
//! national competition stay far below every one of them.

use std::sync::Arc;

use crate::problem::Problem;
use crate::table::LineIndex;

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
            format!(
                "JSON bersarang terlalu dalam (lebih dari {MAX_JSON_DEPTH} tingkat [ atau {{)"
            ),
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
