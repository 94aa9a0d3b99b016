//! The result of a run (§3, §3.1) and the stage warnings.
//!
//! `RunResult` serializes (serde) to exactly the JSON of §3.1: field order as
//! there, `criteria` an object in the stage's criterion order, `null` for the
//! numbers of incomplete rows, numbers unrounded, and each warning as its
//! Indonesian sentence (the default interface language). For English
//! sentences use [`StageResult::warning_messages`]. A result read back
//! (Deserialize) keeps its warnings as [`Warning::Published`] text.

use serde::de::{MapAccess, Visitor};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diag::Lang;

/// The result of a whole run.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct RunResult {
    /// [`crate::ENGINE`].
    pub engine: String,
    /// SHA-256 (hex) of the canonical inputs (docs/digest.md); empty when the
    /// result comes from a re-rank with other weights (see [`crate::Prepared::digest_with`]).
    pub digest: String,
    /// Stages in order.
    pub stages: Vec<StageResult>,
    /// Ids advanced in the last stage, in row order.
    pub winners: Vec<String>,
}

/// One stage of a result.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct StageResult {
    /// Stage id.
    pub id: String,
    /// One row per innovation that entered, in ranking order (§3.1).
    pub rows: Vec<Row>,
    /// Things the organiser should know about this stage.
    pub warnings: Vec<Warning>,
}

impl StageResult {
    /// The warnings as sentences in `lang`.
    pub fn warning_messages(&self, lang: Lang) -> Vec<String> {
        self.warnings.iter().map(|w| w.message(lang)).collect()
    }
}

/// One innovation in one stage.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Row {
    /// Innovation id.
    pub id: String,
    /// Overall rank (shared ranks 1, 2, 2, 4); `None` when incomplete.
    pub rank: Option<u32>,
    /// Rank within the category when the stage advances per category.
    pub category_rank: Option<u32>,
    /// Stage score (after `combine`).
    pub score: Option<f64>,
    /// Weighted raw score of this stage.
    pub raw: Option<f64>,
    /// Bonus points of this stage.
    pub bonus: Option<f64>,
    /// s_ic per criterion, in the stage's criterion order (a JSON object).
    pub criteria: Vec<(String, f64)>,
    /// Number of valid sheets.
    pub sheets: u32,
    /// Goes on to the next stage (or wins, on the last one).
    pub advanced: bool,
    /// Admitted because of a tie at the cut-off (`ties: "include"`).
    pub tie_at_cutoff: bool,
    /// Fewer valid sheets than `min_judges`.
    pub incomplete: bool,
    /// When a plenary decision ([`crate::Decision`]) set `advanced`: what
    /// the advancing rule said. Written as `"recommended"` only then, so a
    /// result without decisions is exactly §3.1.
    pub recommended: Option<bool>,
}

struct CriteriaMap<'a>(&'a [(String, f64)]);

impl Serialize for CriteriaMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Serialize for Row {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = 11 + self.recommended.is_some() as usize;
        let mut st = s.serialize_struct("Row", n)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("rank", &self.rank)?;
        st.serialize_field("category_rank", &self.category_rank)?;
        st.serialize_field("score", &self.score)?;
        st.serialize_field("raw", &self.raw)?;
        st.serialize_field("bonus", &self.bonus)?;
        st.serialize_field("criteria", &CriteriaMap(&self.criteria))?;
        st.serialize_field("sheets", &self.sheets)?;
        st.serialize_field("advanced", &self.advanced)?;
        st.serialize_field("tie_at_cutoff", &self.tie_at_cutoff)?;
        st.serialize_field("incomplete", &self.incomplete)?;
        if let Some(r) = self.recommended {
            st.serialize_field("recommended", &r)?;
        }
        st.end()
    }
}

/// A map read in document order.
struct OrderedCriteria(Vec<(String, f64)>);

impl<'de> Deserialize<'de> for OrderedCriteria {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OrderedCriteria;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of criterion id to number")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = m.next_entry::<String, f64>()? {
                    v.push((k, x));
                }
                Ok(OrderedCriteria(v))
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(Deserialize)]
struct RowDe {
    id: String,
    #[serde(default)]
    rank: Option<u32>,
    #[serde(default)]
    category_rank: Option<u32>,
    #[serde(default)]
    score: Option<f64>,
    #[serde(default)]
    raw: Option<f64>,
    #[serde(default)]
    bonus: Option<f64>,
    #[serde(default)]
    criteria: Option<OrderedCriteria>,
    #[serde(default)]
    sheets: u32,
    #[serde(default)]
    advanced: bool,
    #[serde(default)]
    tie_at_cutoff: bool,
    #[serde(default)]
    incomplete: bool,
    #[serde(default)]
    recommended: Option<bool>,
}

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = RowDe::deserialize(d)?;
        Ok(Row {
            id: r.id,
            rank: r.rank,
            category_rank: r.category_rank,
            score: r.score,
            raw: r.raw,
            bonus: r.bonus,
            criteria: r.criteria.map(|c| c.0).unwrap_or_default(),
            sheets: r.sheets,
            advanced: r.advanced,
            tie_at_cutoff: r.tie_at_cutoff,
            incomplete: r.incomplete,
            recommended: r.recommended,
        })
    }
}

/// Something a stage reports besides its rows. Serializes as its Indonesian sentence.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Warning {
    /// Sheets dropped for a conflict of interest (§2.1), of innovations that entered.
    ConflictSheetsDropped {
        /// How many sheets.
        count: u32,
        /// (judge id, innovation id) of each, in (innovation, judge) order.
        pairs: Vec<(String, String)>,
    },
    /// Sheets of eligible innovations that did not enter this stage (§2), ignored.
    NotEnteredSheets {
        /// How many sheets.
        sheets: u32,
        /// Of how many innovations.
        innovations: u32,
    },
    /// Scores of ineligible innovations (§1.2), ignored.
    IneligibleScores {
        /// How many sheets.
        sheets: u32,
        /// Of how many innovations.
        innovations: u32,
    },
    /// Innovations with fewer valid sheets than `min_judges` (§2.1).
    Incomplete {
        /// How many.
        count: u32,
        /// min_judges.
        min_judges: u32,
    },
    /// z-score: a judge with fewer than 2 sheets keeps the scores as given (§2.2).
    JudgeNotNormalised {
        /// Judge id.
        judge: String,
        /// The judge's sheets in this stage.
        sheets: u32,
    },
    /// `ties: "exclude"` removed the innovations tied at the cut-off (§2.6).
    TieAtCutoff {
        /// The category walked, when the stage advances per category.
        category: Option<String>,
        /// The shared rank (category rank in a per-category walk).
        rank: u32,
        /// How many innovations were removed.
        removed: u32,
    },
    /// A warning read back from a published result.
    Published(String),
}

fn cat_label(c: &Option<String>, lang: Lang) -> String {
    match (c, lang) {
        (None, _) => String::new(),
        (Some(c), Lang::Id) if c.is_empty() => " (kategori tanpa nama)".to_string(),
        (Some(c), Lang::En) if c.is_empty() => " (unnamed category)".to_string(),
        (Some(c), Lang::Id) => format!(" (kategori {c})"),
        (Some(c), Lang::En) => format!(" (category {c})"),
    }
}

impl Warning {
    /// The sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            Warning::ConflictSheetsDropped { count, pairs } => {
                let mut list: Vec<String> = pairs
                    .iter()
                    .take(10)
                    .map(|(j, i)| format!("{j}/{i}"))
                    .collect();
                if pairs.len() > 10 {
                    list.push("…".into());
                }
                let list = list.join(", ");
                if en {
                    format!("{count} sheets dropped for a conflict of interest (judge/innovation: {list}).")
                } else {
                    format!("{count} lembar penilaian dibuang karena konflik kepentingan (juri/inovasi: {list}).")
                }
            }
            Warning::NotEnteredSheets {
                sheets,
                innovations,
            } => {
                if en {
                    format!("{sheets} sheets of {innovations} innovations that did not enter this stage were ignored.")
                } else {
                    format!("{sheets} lembar penilaian dari {innovations} inovasi yang tidak masuk tahap ini diabaikan.")
                }
            }
            Warning::IneligibleScores {
                sheets,
                innovations,
            } => {
                if en {
                    format!("{sheets} sheets of {innovations} ineligible innovations (administrative check) were ignored.")
                } else {
                    format!("{sheets} lembar penilaian dari {innovations} inovasi yang tidak memenuhi syarat (seleksi administrasi) diabaikan.")
                }
            }
            Warning::Incomplete { count, min_judges } => {
                if en {
                    format!("{count} innovations are incomplete (fewer than {min_judges} valid sheets): not ranked.")
                } else {
                    format!("{count} inovasi penilaiannya belum lengkap (kurang dari {min_judges} lembar sah): tidak diberi peringkat.")
                }
            }
            Warning::JudgeNotNormalised { judge, sheets } => {
                if en {
                    format!("Judge {judge} has only {sheets} sheet in this stage: the scores are not normalised.")
                } else {
                    format!("Juri {judge} hanya punya {sheets} lembar penilaian di tahap ini: nilainya tidak dinormalisasi.")
                }
            }
            Warning::TieAtCutoff {
                category,
                rank,
                removed,
            } => {
                let c = cat_label(category, lang);
                if en {
                    format!("Tie at the cut-off{c}: {removed} innovations sharing rank {rank} were removed (ties: exclude), so fewer than the quota advance.")
                } else {
                    format!("Nilai sama di batas lolos{c}: {removed} inovasi dengan peringkat sama {rank} dikeluarkan (ties: exclude), sehingga yang lolos kurang dari kuota.")
                }
            }
            Warning::Published(s) => s.clone(),
        }
    }
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.message(Lang::Id))
    }
}

impl<'de> Deserialize<'de> for Warning {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Warning::Published(String::deserialize(d)?))
    }
}
