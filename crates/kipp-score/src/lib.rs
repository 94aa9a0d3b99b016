//! kipp-score: the scoring engine of kipp (scoring.md §1-§5).
//!
//! Pure Rust: no file I/O, no wasm-bindgen, no DOM. The same code runs natively
//! (the `kipp` command line) and in WebAssembly (the organiser app and the
//! `<kipp-ranking>` widget) and gives bit-identical results on both: the
//! transcendental functions come from `libm`, and every sum runs in a fixed order.
#![deny(missing_docs)]

pub mod diag;
pub mod model;

pub use diag::{DiagKind, Diagnostic, Lang, PathSeg};
pub use model::*;

/// Engine name and version as written in results (`"engine"` of §3.1).
pub const ENGINE: &str = concat!("kipp ", env!("CARGO_PKG_VERSION"));
