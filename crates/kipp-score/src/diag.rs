//! Diagnostics as values (typst style): every problem, located, in two languages.

use serde::{Deserialize, Serialize};

use crate::model::Loc;

/// Interface language: kipp's one language layer (`kipp-lang`), the same
/// type the app and the widgets use.
pub use kipp_lang::Lang;

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
    /// `loc.column` is the column of the offending field.
    pub loc: Option<Loc>,
    /// Where in the competition file, for competition problems (empty otherwise).
    pub path: Vec<PathSeg>,
    /// What is wrong.
    pub kind: DiagKind,
}

impl Diagnostic {
    /// The sentence in `lang` (without the location).
    pub fn message(&self, lang: Lang) -> String {
        self.kind.message(lang)
    }

    /// The competition path as text, e.g. `stages[1].criteria[0].weight`.
    pub fn path_text(&self) -> String {
        path_text(&self.path)
    }
}

/// Renders a path as `stages[1].criteria[0].weight`.
pub fn path_text(path: &[PathSeg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            PathSeg::Index(i) => {
                s.push('[');
                s.push_str(&i.to_string());
                s.push(']');
            }
        }
    }
    s
}

/// Which kind of identifier a diagnostic is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdKind {
    /// A stage id.
    Stage,
    /// A criterion id.
    Criterion,
    /// A bonus rule id.
    Bonus,
    /// An innovation id.
    Innovation,
    /// A judge id.
    Judge,
}

impl IdKind {
    fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (IdKind::Stage, Lang::Id) => "tahap",
            (IdKind::Stage, Lang::En) => "stage",
            (IdKind::Criterion, Lang::Id) => "kriteria",
            (IdKind::Criterion, Lang::En) => "criterion",
            (IdKind::Bonus, Lang::Id) => "aturan nilai tambahan",
            (IdKind::Bonus, Lang::En) => "bonus rule",
            (IdKind::Innovation, Lang::Id) => "inovasi",
            (IdKind::Innovation, Lang::En) => "innovation",
            (IdKind::Judge, Lang::Id) => "juri",
            (IdKind::Judge, Lang::En) => "judge",
        }
    }
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
    /// `stages` is empty.
    NoStages,
    /// A stage has no criteria.
    NoCriteria {
        /// Stage id.
        stage: String,
    },
    /// An id does not match `[a-z0-9][a-z0-9_-]*` (or is empty).
    BadId {
        /// What kind of id.
        what: IdKind,
        /// The id as written.
        value: String,
    },
    /// An id appears twice where it must be unique.
    DuplicateId {
        /// What kind of id.
        what: IdKind,
        /// The id.
        value: String,
        /// Where the first one stands, when it is in a data file.
        first: Option<Loc>,
    },
    /// A criterion id is a reserved word.
    ReservedId {
        /// The id.
        value: String,
    },
    /// A weight (criterion or combine) is not a finite number > 0.
    BadWeight {
        /// The value.
        value: f64,
    },
    /// `min` is not below `max`, or one of them is not finite.
    BadScale {
        /// min.
        min: f64,
        /// max.
        max: f64,
    },
    /// `min_judges` is 0.
    MinJudgesZero,
    /// A number that must be finite is not (bonus points, threshold).
    NotFinite {
        /// Field name.
        field: String,
    },
    /// A bonus rule with an empty `field`.
    EmptyField,
    /// `in` needs a list value; other ops need a single value.
    BadRuleValue {
        /// The op as written (`in`, `>=` ...).
        op: String,
    },
    /// `combine` present but empty.
    EmptyCombine,
    /// `combine` names a stage that does not exist.
    CombineUnknownStage {
        /// The stage id.
        stage: String,
    },
    /// `combine` names a later stage.
    CombineLaterStage {
        /// The stage id.
        stage: String,
    },
    /// `combine` names a stage twice.
    CombineDuplicate {
        /// The stage id.
        stage: String,
    },
    /// `tie_break` names a criterion that is not one of this stage.
    TieBreakUnknownCriterion {
        /// The criterion id.
        criterion: String,
    },
    /// `advance.top` is 0.
    TopZero,
    /// `advance.max_per_agency` is 0.
    MaxPerAgencyZero,
    /// A score names a stage that does not exist.
    UnknownStage {
        /// The stage id.
        stage: String,
    },
    /// A score names an innovation that is not in the innovations file.
    UnknownInnovation {
        /// The innovation id.
        innovation: String,
    },
    /// A score names a judge that is not in the judges file.
    UnknownJudge {
        /// The judge id.
        judge: String,
    },
    /// A score names a criterion that the stage does not have.
    UnknownCriterion {
        /// The stage id.
        stage: String,
        /// The criterion id.
        criterion: String,
    },
    /// A score is NaN or infinite.
    ScoreNotFinite,
    /// A score outside `[min, max]`.
    ScoreOutOfRange {
        /// The score.
        value: f64,
        /// Criterion min.
        min: f64,
        /// Criterion max.
        max: f64,
    },
    /// The same (stage, innovation, judge, criterion) twice.
    DuplicateScore {
        /// Stage id.
        stage: String,
        /// Innovation id.
        innovation: String,
        /// Judge id.
        judge: String,
        /// Criterion id.
        criterion: String,
        /// Where the first one stands.
        first: Option<Loc>,
    },
    /// A sheet lacks some criteria of its stage.
    IncompleteSheet {
        /// Stage id.
        stage: String,
        /// Innovation id.
        innovation: String,
        /// Judge id.
        judge: String,
        /// The criteria without a score, in stage order (the first
        /// [`crate::limits::MISSING_LISTED`]).
        missing: Vec<String>,
        /// How many more criteria are missing than `missing` lists.
        #[serde(default, skip_serializing_if = "is_zero")]
        more: usize,
    },
    /// A number is too large in magnitude to compute with
    /// ([`crate::limits::MAX_MAGNITUDE`]).
    TooLarge {
        /// Field name (`weight`, `min`, `points`, `score` …).
        field: String,
        /// The value.
        value: f64,
    },
    /// A number other than 0 is too small in magnitude to compute with
    /// ([`crate::limits::MIN_MAGNITUDE`]).
    TooSmall {
        /// Field name.
        field: String,
        /// The value.
        value: f64,
    },
    /// More items of a kind than kipp reads ([`crate::limits`]).
    TooMany {
        /// What is counted (`stages`, `criteria`, `bonus`, `innovations`,
        /// `judges`, `values`).
        what: String,
        /// How many there are (at least; counting may stop early).
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// More errors in this file than are reported.
    TooManyErrors {
        /// How many were left out.
        more: usize,
    },
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A number as Rust writes it, with an exponent when very large or small
/// (`1e-300`, not 300 zeros).
fn num(x: f64) -> String {
    crate::limits::number(x)
}

/// A number as Indonesian writes it: decimal comma (`62,5`).
fn num_id(x: f64) -> String {
    crate::limits::number(x).replace('.', ",")
}

fn at(first: &Option<Loc>, lang: Lang) -> String {
    match (first, lang) {
        (Some(l), Lang::Id) => format!(" (pertama di baris {})", l.line),
        (Some(l), Lang::En) => format!(" (first on line {})", l.line),
        (None, _) => String::new(),
    }
}

impl DiagKind {
    /// The sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use DiagKind::*;
        let en = lang == Lang::En;
        match self {
            Message { id, en: e } => {
                if en {
                    e.clone()
                } else {
                    id.clone()
                }
            }
            NoStages => if en {
                "The competition has no stages: `stages` must be a non-empty list."
            } else {
                "Kompetisi tidak punya tahap: `stages` harus berisi paling sedikit satu tahap."
            }
            .to_string(),
            NoCriteria { stage } => {
                if en {
                    format!("Stage `{stage}` has no criteria.")
                } else {
                    format!("Tahap `{stage}` tidak punya kriteria.")
                }
            }
            BadId { what, value } => {
                if en {
                    format!(
                    "The {} id `{value}` is not valid: use lower-case letters, digits, `-` and `_`, starting with a letter or digit.",
                    what.word(lang)
                )
                } else {
                    format!(
                    "Id {} `{value}` tidak sah: gunakan huruf kecil, angka, `-` dan `_`, diawali huruf atau angka.",
                    what.word(lang)
                )
                }
            }
            DuplicateId { what, value, first } => {
                if en {
                    format!(
                        "The {} id `{value}` appears twice{}.",
                        what.word(lang),
                        at(first, lang)
                    )
                } else {
                    format!(
                        "Id {} `{value}` muncul dua kali{}.",
                        what.word(lang),
                        at(first, lang)
                    )
                }
            }
            ReservedId { value } => {
                if en {
                    format!("`{value}` is a reserved word and cannot be a criterion id.")
                } else {
                    format!("`{value}` adalah kata khusus dan tidak boleh menjadi id kriteria.")
                }
            }
            BadWeight { value } => {
                if en {
                    format!(
                        "The weight must be a number greater than 0, not {}.",
                        num(*value)
                    )
                } else {
                    format!("Bobot harus angka lebih dari 0, bukan {}.", num_id(*value))
                }
            }
            BadScale { min, max } => {
                if en {
                    format!(
                        "The scale is not valid: `min` ({}) must be below `max` ({}), both finite.",
                        num(*min),
                        num(*max)
                    )
                } else {
                    format!("Skala nilai tidak sah: `min` ({}) harus lebih kecil dari `max` ({}), keduanya terhingga.", num_id(*min), num_id(*max))
                }
            }
            MinJudgesZero => if en {
                "`min_judges` must be at least 1."
            } else {
                "`min_judges` paling sedikit 1."
            }
            .to_string(),
            NotFinite { field } => {
                if en {
                    format!("`{field}` must be a finite number.")
                } else {
                    format!("`{field}` harus angka terhingga.")
                }
            }
            EmptyField => if en {
                "The bonus rule names no attribute: `field` is empty."
            } else {
                "Aturan nilai tambahan tidak menyebut atribut: `field` kosong."
            }
            .to_string(),
            BadRuleValue { op } => {
                if op == "in" {
                    if en {
                        "With `in`, `value` must be a list.".to_string()
                    } else {
                        "Dengan `in`, `value` harus berupa daftar.".to_string()
                    }
                } else if en {
                    format!("With `{op}`, `value` must be a single value, not a list.")
                } else {
                    format!("Dengan `{op}`, `value` harus satu nilai, bukan daftar.")
                }
            }
            EmptyCombine => if en {
                "`combine` must not be an empty list."
            } else {
                "`combine` tidak boleh berupa daftar kosong."
            }
            .to_string(),
            CombineUnknownStage { stage } => {
                if en {
                    format!("`combine` names the stage `{stage}`, which does not exist.")
                } else {
                    format!("`combine` menyebut tahap `{stage}` yang tidak ada.")
                }
            }
            CombineLaterStage { stage } => {
                if en {
                    format!("`combine` names the stage `{stage}`, which comes later: only this stage or earlier ones can be combined.")
                } else {
                    format!("`combine` menyebut tahap `{stage}` yang datang kemudian: hanya tahap ini atau tahap sebelumnya yang dapat digabung.")
                }
            }
            CombineDuplicate { stage } => {
                if en {
                    format!("`combine` names the stage `{stage}` twice.")
                } else {
                    format!("`combine` menyebut tahap `{stage}` dua kali.")
                }
            }
            TieBreakUnknownCriterion { criterion } => {
                if en {
                    format!("`tie_break` names the criterion `{criterion}`, which this stage does not have.")
                } else {
                    format!(
                        "`tie_break` menyebut kriteria `{criterion}` yang tidak ada di tahap ini."
                    )
                }
            }
            TopZero => if en {
                "`top` must be at least 1 (or null)."
            } else {
                "`top` paling sedikit 1 (atau null)."
            }
            .to_string(),
            MaxPerAgencyZero => if en {
                "`max_per_agency` must be at least 1 (or null)."
            } else {
                "`max_per_agency` paling sedikit 1 (atau null)."
            }
            .to_string(),
            UnknownStage { stage } => {
                if en {
                    format!("Unknown stage `{stage}`.")
                } else {
                    format!("Tahap `{stage}` tidak dikenal.")
                }
            }
            UnknownInnovation { innovation } => {
                if en {
                    format!("Unknown innovation `{innovation}`: it is not in the innovations file.")
                } else {
                    format!("Inovasi `{innovation}` tidak dikenal: tidak ada di berkas inovasi.")
                }
            }
            UnknownJudge { judge } => {
                if en {
                    format!("Unknown judge `{judge}`: it is not in the judges file.")
                } else {
                    format!("Juri `{judge}` tidak dikenal: tidak ada di berkas juri.")
                }
            }
            UnknownCriterion { stage, criterion } => {
                if en {
                    format!("Stage `{stage}` has no criterion `{criterion}`.")
                } else {
                    format!("Tahap `{stage}` tidak punya kriteria `{criterion}`.")
                }
            }
            ScoreNotFinite => if en {
                "The score is not a finite number."
            } else {
                "Nilai bukan angka terhingga."
            }
            .to_string(),
            ScoreOutOfRange { value, min, max } => {
                if en {
                    format!(
                        "The score {} is outside the scale [{}, {}].",
                        num(*value),
                        num(*min),
                        num(*max)
                    )
                } else {
                    format!(
                        "Nilai {} di luar skala {}–{}.",
                        num_id(*value),
                        num_id(*min),
                        num_id(*max)
                    )
                }
            }
            DuplicateScore {
                stage,
                innovation,
                judge,
                criterion,
                first,
            } => {
                if en {
                    format!(
                    "Judge `{judge}` scored criterion `{criterion}` of innovation `{innovation}` in stage `{stage}` twice{}.",
                    at(first, lang)
                )
                } else {
                    format!(
                    "Juri `{judge}` menilai kriteria `{criterion}` inovasi `{innovation}` pada tahap `{stage}` dua kali{}.",
                    at(first, lang)
                )
                }
            }
            IncompleteSheet {
                stage,
                innovation,
                judge,
                missing,
                more,
            } => {
                let mut list = missing.join(", ");
                if *more > 0 {
                    list.push_str(&if en {
                        format!(" and {more} more")
                    } else {
                        format!(" dan {more} lainnya")
                    });
                }
                if en {
                    format!("The sheet of judge `{judge}` for innovation `{innovation}` in stage `{stage}` lacks the criteria: {list}.")
                } else {
                    format!("Lembar penilaian juri `{judge}` untuk inovasi `{innovation}` pada tahap `{stage}` tidak memuat kriteria: {list}.")
                }
            }
            TooLarge { field, value } => {
                if en {
                    format!(
                        "`{field}` is too large: {} (at most 1e15 in magnitude).",
                        num(*value)
                    )
                } else {
                    format!(
                        "`{field}` terlalu besar: {} (paling besar 1e15, positif atau negatif).",
                        num_id(*value)
                    )
                }
            }
            TooSmall { field, value } => {
                if en {
                    format!(
                        "`{field}` is too small: {} (0, or at least 1e-100 in magnitude).",
                        num(*value)
                    )
                } else {
                    format!(
                        "`{field}` terlalu kecil: {} (0, atau paling kecil 1e-100, positif atau negatif).",
                        num_id(*value)
                    )
                }
            }
            TooMany { what, count, max } => {
                let (wid, wen) = crate::limits::what_words(what);
                if en {
                    format!("Too many {wen}: {count} (at most {max}).")
                } else {
                    format!("Terlalu banyak {wid}: {count} (paling banyak {max}).")
                }
            }
            TooManyErrors { more } => {
                if en {
                    format!("… and {more} more errors in this file.")
                } else {
                    format!("… dan {more} kesalahan lain di berkas ini.")
                }
            }
        }
    }
}
