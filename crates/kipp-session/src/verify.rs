//! Verify: a published result JSON (or ranking file) against the result
//! recomputed from the project's inputs with the panel decisions the file
//! declares — every published number, the winners, the warnings and the
//! digest (`kipp_formats::compare_results`, the same check as `kipp
//! verify`).

use kipp_score::Lang;

use crate::run::Computed;
use crate::words::words;

pub use kipp_formats::Difference;

/// The outcome of a verification.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct VerifyOutcome {
    /// The published file.
    pub file: String,
    /// Unreadable file, or inputs that cannot be ranked: the message.
    pub error: Option<String>,
    /// Digest of the published file.
    pub digest: String,
    /// Everything that differs (empty: it matches).
    pub differences: Vec<Difference>,
    /// Innovations published (distinct, not rows).
    pub innovations: usize,
    /// Stages published.
    pub stages: usize,
    /// Rows published.
    pub rows: usize,
    /// Panel decisions the file declares.
    pub decisions: usize,
    /// The project's decisions differ from the file's (the file's were
    /// used to recompute).
    pub decisions_differ: bool,
}

/// Compares the published result `text` with the project's inputs ranked
/// again with the decisions the file declares.
pub fn verify(
    computed: Option<&Computed>,
    project_decisions: &[crate::project::Decision],
    file: &str,
    text: &str,
    lang: Lang,
) -> VerifyOutcome {
    let mut out = VerifyOutcome {
        file: file.to_string(),
        ..VerifyOutcome::default()
    };
    let published = match kipp_formats::read_published(file, text.as_bytes()) {
        Ok(p) => p,
        Err(e) => {
            out.error = Some(
                e.iter()
                    .map(|p| p.render(lang))
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            return out;
        }
    };
    out.digest = published.result.digest.clone();
    out.decisions = published.decisions.len();
    let Some(computed) = computed else {
        out.error = Some(words(lang).cannot_rank.to_string());
        return out;
    };
    let mut prepared = (*computed.prepared).clone();
    if let Err(diags) = prepared.set_decisions(&published.decisions) {
        out.error = Some(
            diags
                .iter()
                .map(|d| d.message(lang))
                .collect::<Vec<_>>()
                .join("; "),
        );
        return out;
    }
    let mine: std::collections::BTreeSet<(&str, &str, bool)> = project_decisions
        .iter()
        .map(|d| (d.stage.as_str(), d.innovation.as_str(), d.advance))
        .collect();
    let theirs: std::collections::BTreeSet<(&str, &str, bool)> = published
        .decisions
        .iter()
        .map(|d| (d.stage.as_str(), d.innovation.as_str(), d.advance))
        .collect();
    out.decisions_differ = mine != theirs;
    let v = kipp_formats::compare_results(&published.result, &prepared.rank());
    out.differences = v.differences;
    out.innovations = v.innovations;
    out.stages = v.stages;
    out.rows = v.rows;
    out
}
