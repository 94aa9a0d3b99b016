//! kipp-session: the organiser's work without a user interface.
//!
//! Everything the app does that is not drawing or talking to the browser
//! lives here, as plain Rust tested natively: the [`project::Project`] (the
//! inputs, decisions, audit list, versioned file), the import preview
//! ([`import`]), the run view model ([`run`]), verification ([`verify`]),
//! exports as bytes ([`export`]), simulations' state ([`sim`]) and the
//! app's store ([`store`]: state, actions and one reduce function, undo
//! and redo). The yew app holds a [`store::Store`], renders it and carries
//! out the [`store::Effect`]s it returns (save, download, focus, fetch).
//!
//! Data flow: files -> `kipp-formats` (parse, locate errors) -> engine model
//! -> `kipp-score` (prepare, rank) -> [`run::RunView`] -> screens and exports.
#![deny(missing_docs)]

pub mod admin;
pub mod export;
pub mod files;
pub mod findings;
pub mod import;
pub mod presets;
pub mod progress;
pub mod project;
pub mod report;
pub mod run;
pub mod scenario;
pub mod sim;
pub mod storage;
pub mod store;
pub mod verify;
pub mod words;

pub use kipp_score::Lang;

/// Reads a number typed by a person: `7,5` and `7.5` both mean 7.5
/// (the interface is Indonesian first); surrounding spaces are ignored.
pub fn parse_num(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    let t = if t.contains(',') && !t.contains('.') {
        t.replace(',', ".")
    } else {
        t.to_string()
    };
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}
