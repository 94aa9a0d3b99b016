//! The engine calls this crate makes, in one place.

use kipp_score::{Competition, Diagnostic};

/// The engine's meaning checks of a competition (ids, weights, scales, references).
pub(crate) fn validate_competition(_c: &Competition) -> Vec<Diagnostic> {
    Vec::new()
}
