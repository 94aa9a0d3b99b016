//! What the engine computes with, at most (docs/formats.md, "Limits").
//!
//! Every sum of the engine runs over finite numbers whose size is bounded
//! here, so that no sum, difference or product of §2 can overflow to an
//! infinity or become NaN, and the order of the arithmetic stays as the
//! spec writes it (valid inputs give the same bits as before the limits).
//! The counts keep memory bounded; each is far above a national
//! competition (4,000 innovations, 8 criteria, 15 judges).

/// The largest magnitude of a weight, a scale bound, bonus points, a
/// threshold, a `combine` weight and a score. With at most
/// [`MAX_CRITERIA`] criteria, Σw ≤ 10¹⁸; a scale width ≤ 2·10¹⁵ (so
/// 100·(a − min), the z-score's squares and their sums stay finite); a
/// stage's bonus ≤ [`MAX_BONUS`] · 10¹⁵; `kappa · w` ≤ 10³⁰.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// The smallest magnitude of a number other than 0 (weights, which must
/// be > 0, included): below it, the squares of the z-score (§2.2)
/// underflow to 0 and a judge's spread would be 0 for scores that differ,
/// and a Monte Carlo shape `kappa · w / Σw` would underflow.
pub const MIN_MAGNITUDE: f64 = 1e-100;

/// Most stages of a competition.
pub const MAX_STAGES: usize = 100;

/// Most criteria of a stage.
pub const MAX_CRITERIA: usize = 1_000;

/// Most bonus rules of a stage.
pub const MAX_BONUS: usize = 1_000;

/// Most values of a bonus rule's `in` list.
pub const MAX_RULE_VALUES: usize = 10_000;

/// Most innovations.
pub const MAX_INNOVATIONS: usize = 100_000;

/// Most judges (in the judges file, or named by the scores). The z-score
/// keeps five numbers per (judge, criterion).
pub const MAX_JUDGES: usize = 10_000;

/// Most criteria an incomplete sheet's diagnostic names
/// ([`crate::DiagKind::IncompleteSheet`]); the others are counted.
pub const MISSING_LISTED: usize = 20;

/// The `kappa` of a Monte Carlo run: like every number, at most
/// [`MAX_MAGNITUDE`]; and > 0, at least [`MIN_MAGNITUDE`].
pub fn kappa_ok(kappa: f64) -> bool {
    kappa.is_finite() && (MIN_MAGNITUDE..=MAX_MAGNITUDE).contains(&kappa)
}

/// Is `x` a number the engine computes with: finite, at most
/// [`MAX_MAGNITUDE`] in magnitude, 0 or at least [`MIN_MAGNITUDE`]?
pub fn magnitude_ok(x: f64) -> bool {
    let a = x.abs();
    a <= MAX_MAGNITUDE && (a == 0.0 || a >= MIN_MAGNITUDE)
}

/// The words for a [`crate::DiagKind::TooMany`] count: (Indonesian, English).
pub(crate) fn what_words(what: &str) -> (&'static str, &'static str) {
    match what {
        "stages" => ("tahap", "stages"),
        "criteria" => ("kriteria di tahap ini", "criteria in this stage"),
        "bonus" => (
            "aturan nilai tambahan di tahap ini",
            "bonus rules in this stage",
        ),
        "values" => ("nilai dalam daftar `in`", "values in the `in` list"),
        "innovations" => ("inovasi", "innovations"),
        "judges" => ("juri", "judges"),
        _ => ("butir", "items"),
    }
}

/// A number for a message: as Rust writes it, or with an exponent when it
/// is very large or very small (`1e308`, not 309 digits).
pub(crate) fn number(x: f64) -> String {
    let a = x.abs();
    if a != 0.0 && !(1e-6..1e15).contains(&a) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}
