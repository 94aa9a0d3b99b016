//! Windowing ("virtual scrolling") of long tables: which rows to put in the
//! DOM for the part of the table in view, and where spacer rows go. Pure
//! arithmetic, tested natively; [`crate::components::WindowedBody`] wires it
//! to the page.
//!
//! The model: a table body of `len` rows, each about `row_px` high (the mean
//! height of the rows last rendered). Rows `start..end` are in the DOM, plus
//! the row that has keyboard focus wherever it is, so that focus is never
//! lost while scrolling; the rows left out are replaced by spacer rows of the
//! same total height, so the scroll bar and the page's length stay right.

/// Rows rendered above and below the part in view: enough that Tab (which
/// scrolls the next row into view) always finds the next row present.
pub const OVERSCAN: usize = 12;

/// Tables up to this many rows are rendered whole: windowing only pays at
/// scale, and a whole table keeps the browser's find (Ctrl+F) and
/// full-page screenshots complete (a regency's 107 innovations).
pub const WHOLE_UP_TO: usize = 300;

/// The rendered range moves in steps of this many rows, so that scrolling
/// re-renders the body every few rows, not at every pixel.
pub const CHUNK: usize = 8;

/// The rows to render for a body whose top is `top_px` from the top of the
/// viewport (negative once scrolled past), in a viewport `view_px` high.
pub fn range(len: usize, row_px: f64, top_px: f64, view_px: f64) -> (usize, usize) {
    if len <= WHOLE_UP_TO {
        return (0, len);
    }
    let row_px = if row_px.is_finite() && row_px >= 1.0 {
        row_px
    } else {
        1.0
    };
    let view_px = if view_px.is_finite() && view_px > 0.0 {
        view_px
    } else {
        800.0
    };
    let top_px = if top_px.is_finite() { top_px } else { 0.0 };
    let from = (-top_px).max(0.0) / row_px;
    let to = (view_px - top_px).max(0.0) / row_px;
    // `as usize` saturates: a huge offset gives len, never a panic.
    let first = (from.floor() as usize).min(len);
    let last = (to.ceil() as usize).min(len);
    let start = first.saturating_sub(OVERSCAN) / CHUNK * CHUNK;
    let end = last
        .saturating_add(OVERSCAN)
        .div_ceil(CHUNK)
        .saturating_mul(CHUNK)
        .min(len)
        .max(start);
    (start, end)
}

/// One piece of a windowed body, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// A spacer standing in for this many rows.
    Gap(usize),
    /// Row `i`.
    Row(usize),
}

/// The body's pieces: rows `start..end` and row `keep` (focused), with gaps
/// for everything else. Every row index below `len` is covered exactly once.
pub fn pieces(len: usize, start: usize, end: usize, keep: Option<usize>) -> Vec<Piece> {
    let end = end.min(len);
    let start = start.min(end);
    let mut out = Vec::with_capacity(end - start + 4);
    let mut at = 0;
    let push_row = |out: &mut Vec<Piece>, at: &mut usize, i: usize| {
        if i > *at {
            out.push(Piece::Gap(i - *at));
        }
        out.push(Piece::Row(i));
        *at = i + 1;
    };
    if let Some(k) = keep.filter(|&k| k < start) {
        push_row(&mut out, &mut at, k);
    }
    for i in start..end {
        push_row(&mut out, &mut at, i);
    }
    if let Some(k) = keep.filter(|&k| k >= end && k < len) {
        push_row(&mut out, &mut at, k);
    }
    if len > at {
        out.push(Piece::Gap(len - at));
    }
    out
}

/// Where a key press moves focus from row `i` of `len` (a page is `page`
/// rows); `None` for keys that do not move between rows.
pub fn key_target(key: &str, i: usize, len: usize, page: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let last = len - 1;
    let page = page.max(1);
    Some(match key {
        "ArrowDown" => (i + 1).min(last),
        "ArrowUp" => i.saturating_sub(1),
        "PageDown" => i.saturating_add(page).min(last),
        "PageUp" => i.saturating_sub(page),
        "Home" => 0,
        "End" => last,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(len: usize, p: &[Piece]) -> Vec<usize> {
        let mut at = 0;
        let mut rows = Vec::new();
        for x in p {
            match *x {
                Piece::Gap(n) => {
                    assert!(n > 0, "{p:?}");
                    at += n;
                }
                Piece::Row(i) => {
                    assert_eq!(i, at, "{p:?}");
                    rows.push(i);
                    at += 1;
                }
            }
        }
        assert_eq!(at, len, "{p:?}");
        rows
    }

    #[test]
    fn range_follows_the_viewport() {
        // top of the table in view: the first rows
        // (rows 0..15 in view, 12 more, rounded up to a multiple of 8)
        assert_eq!(range(3749, 40.0, 200.0, 800.0), (0, 32));
        // scrolled 120,000 px into the table: rows 3,000..3,020 are in view
        let (s, e) = range(3749, 40.0, -120_000.0, 800.0);
        assert!(
            (3000 - OVERSCAN - CHUNK + 1..=3000 - OVERSCAN).contains(&s),
            "{s}"
        );
        assert!(
            (3020 + OVERSCAN..3020 + OVERSCAN + CHUNK).contains(&e),
            "{e}"
        );
        assert_eq!((s % CHUNK, e % CHUNK), (0, 0));
        // a few pixels of scrolling do not move the range
        assert_eq!(range(3749, 40.0, -119_990.0, 800.0), (s, e));
        // past the end, and nonsense numbers, stay inside 0..len
        let (s, e) = range(3749, 40.0, -1e12, 800.0);
        assert_eq!(e, 3749);
        assert!(s <= 3749 - OVERSCAN);
        let (s, e) = range(1000, f64::NAN, f64::NAN, f64::NAN);
        assert!(s <= e && e <= 1000, "{s}..{e}");
        assert_eq!(range(0, 40.0, 0.0, 800.0), (0, 0));
        // table below the viewport: only the overscan
        assert_eq!(range(1000, 40.0, 5000.0, 800.0), (0, 16));
        // small tables are whole wherever they are
        assert_eq!(range(107, 40.0, -2000.0, 800.0), (0, 107));
        assert_eq!(range(WHOLE_UP_TO + 1, 40.0, 5000.0, 800.0), (0, 16));
    }

    #[test]
    fn pieces_cover_every_row_once_and_keep_focus() {
        for len in [0usize, 1, 5, 50] {
            for start in 0..=len {
                for end in start..=len {
                    for keep in [
                        None,
                        Some(0),
                        Some(len / 2),
                        Some(len.saturating_sub(1)),
                        Some(len + 3),
                    ] {
                        let p = pieces(len, start, end, keep);
                        let rows = covered(len, &p);
                        let mut want: Vec<usize> = (start..end).collect();
                        if let Some(k) = keep.filter(|&k| k < len && !(start..end).contains(&k)) {
                            want.push(k);
                            want.sort();
                        }
                        assert_eq!(rows, want);
                    }
                }
            }
        }
        assert_eq!(
            pieces(10, 4, 6, Some(8)),
            vec![
                Piece::Gap(4),
                Piece::Row(4),
                Piece::Row(5),
                Piece::Gap(2),
                Piece::Row(8),
                Piece::Gap(1)
            ]
        );
    }

    #[test]
    fn keys_move_between_rows() {
        assert_eq!(key_target("ArrowDown", 2998, 3749, 20), Some(2999));
        assert_eq!(key_target("ArrowDown", 3748, 3749, 20), Some(3748));
        assert_eq!(key_target("ArrowUp", 0, 3749, 20), Some(0));
        assert_eq!(key_target("PageDown", 3740, 3749, 20), Some(3748));
        assert_eq!(key_target("PageUp", 5, 3749, 20), Some(0));
        assert_eq!(key_target("End", 5, 3749, 20), Some(3748));
        assert_eq!(key_target("Home", 5, 3749, 20), Some(0));
        assert_eq!(key_target("Enter", 5, 3749, 20), None);
        assert_eq!(key_target("End", 0, 0, 20), None);
    }
}
