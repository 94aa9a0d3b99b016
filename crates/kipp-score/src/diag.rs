//! Diagnostics as values (typst style): every problem, located, in two languages.

use serde::{Deserialize, Serialize};

use crate::model::Loc;

/// Interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Bahasa Indonesia (default).
    #[default]
    Id,
    /// English.
    En,
}

/// A step of a path into the competition file, e.g.
/// `stages[1].criteria[0].weight` is
/// `[Key("stages"), Index(1), Key("criteria"), Index(0), Key("weight")]`.
/// The formats crate maps a path back to a line and column of the JSON text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathSeg {
    /// An object key.
    Key(String),
    /// A list index (0-based).
    Index(usize),
}

/// A problem found by the engine's validation, with the place it concerns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Where in a data file (innovations, scores, judges), when known.
    pub loc: Option<Loc>,
    /// Where in the competition file, for competition problems.
    pub path: Vec<PathSeg>,
    /// What is wrong.
    pub kind: DiagKind,
}

/// What is wrong. Extend as needed; every variant has a sentence in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DiagKind {
    /// Free-form message (used sparingly), Indonesian then English.
    Message {
        /// Bahasa Indonesia.
        id: String,
        /// English.
        en: String,
    },
}

impl DiagKind {
    /// The sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DiagKind::Message { id, .. }, Lang::Id) => id.clone(),
            (DiagKind::Message { en, .. }, Lang::En) => en.clone(),
        }
    }
}
