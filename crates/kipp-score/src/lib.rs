//! kipp-score: the scoring engine of kipp (scoring.md §1-§5).
//!
//! Pure Rust: no file I/O, no wasm-bindgen, no DOM. The same code runs natively
//! (the `kipp` command line) and in WebAssembly (the organiser app and the
//! `<kipp-ranking>` widget) and gives bit-identical results on both: the
//! transcendental functions come from `libm`, and every sum runs in a fixed order.
//!
//! Flow: [`validate_competition`] (editor) / [`prepare`] (validate all inputs
//! once, precompute) → [`Prepared::rank`] (the §3 result) or
//! [`Prepared::rank_with`] (fast re-rank with other weights into a reusable
//! [`Scratch`]) → [`Prepared::explain`], [`compare`], [`simulate`],
//! [`judges_report`]. Decisions where the spec leaves room are in
//! docs/engine-notes.md; the digest's canonical form in docs/digest.md.
#![deny(missing_docs)]
// Numeric loops index several parallel arrays; explicit indices keep the
// summation order (part of the contract) visible.
#![allow(clippy::needless_range_loop)]

mod bonus;
pub mod diag;
mod digest;
mod explain;
pub mod limits;
pub mod model;
mod norm;
mod pipeline;
mod prepare;
mod rank;
mod result;
mod simulate;
pub mod stats;
mod validate;

pub use bonus::{bonus_of, rule_matches};
pub use diag::{path_text, DiagKind, Diagnostic, IdKind, Lang, PathSeg};
pub use explain::{ExplainCombine, ExplainCriterion, ExplainSheet, Explanation};
pub use model::*;
pub use pipeline::{Scratch, StageView, Weights, WeightsError};
pub use prepare::{prepare, prepare_list, Prepared};
pub use rank::{q, rank_values, ValueEntry};
pub use result::{Row, RunResult, StageResult, Warning};
pub use simulate::{
    compare, draw_ranges, judges_report, simulate, simulate_threads, Cancelled, CompareResult,
    CompareRow, CompareStage, JudgeRow, JudgesResult, JudgesStage, LeaveOneOut, SimOptions,
    SimResult, SimRow, SimStage, Simulation, Tally, TallyData, TallyError,
};
pub use validate::{is_valid_id, op_text, validate_competition, validate_inputs, RESERVED};

/// Engine name and version as written in results (`"engine"` of §3.1).
pub const ENGINE: &str = concat!("kipp ", env!("CARGO_PKG_VERSION"));
