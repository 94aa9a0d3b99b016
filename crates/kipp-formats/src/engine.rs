//! The engine calls this crate makes, in one place.

use kipp_score::{Competition, Diagnostic};

/// The engine's meaning checks of a competition (ids, weights, scales, references).
pub(crate) fn validate_competition(c: &Competition) -> Vec<Diagnostic> {
    kipp_score::validate_competition(c)
}
