//! The published ranking file (docs/ranking.md) and the what-if: building
//! the engine's stages from the file's competition, and the value entries
//! of [`kipp_score::rank_values`] from the published result.
//!
//! Plain Rust (serde), tested natively; the browser deserialises the
//! output of `JSON.parse` with serde-wasm-bindgen into the same types.

use std::collections::BTreeMap;

use kipp_score::{
    Advance, CombineTerm, Competition, Criterion, Lang, Row, Stage, TieBreak, Ties, ValueEntry,
};
use serde::Deserialize;

/// The whole file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RankingFile {
    /// Format version, 1.
    pub kipp_ranking: f64,
    /// Who publishes it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
    /// The competition file (§1.1); keys the widget does not need are ignored.
    pub competition: CompetitionFile,
    /// Public fields of the innovations.
    #[serde(default)]
    pub innovations: Vec<PublicInnovation>,
    /// The result (§3.1).
    pub result: ResultFile,
}

/// The parts of `competition.json` the widget uses.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CompetitionFile {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Stages.
    pub stages: Vec<StageFile>,
}

/// One stage of `competition.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct StageFile {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Criteria.
    pub criteria: Vec<CriterionFile>,
    /// `combine`.
    #[serde(default)]
    pub combine: Option<Vec<CombineFile>>,
    /// `tie_break`.
    #[serde(default)]
    pub tie_break: Vec<String>,
    /// `advance`.
    #[serde(default)]
    pub advance: Option<AdvanceFile>,
}

/// A criterion.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CriterionFile {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Weight.
    pub weight: f64,
    /// Scale minimum.
    pub min: f64,
    /// Scale maximum.
    pub max: f64,
}

/// A `combine` term.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CombineFile {
    /// Stage id.
    pub stage: String,
    /// Weight.
    pub weight: f64,
}

/// `advance`.
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
pub struct AdvanceFile {
    /// Quota.
    #[serde(default)]
    pub top: Option<u32>,
    /// Per category.
    #[serde(default)]
    pub per_category: bool,
    /// Threshold.
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Cap per agency.
    #[serde(default)]
    pub max_per_agency: Option<u32>,
    /// `include` or `exclude`.
    #[serde(default)]
    pub ties: Option<String>,
}

/// Public fields of an innovation.
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
pub struct PublicInnovation {
    /// Id.
    pub id: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Agency.
    #[serde(default)]
    pub agency: Option<String>,
    /// Category.
    #[serde(default)]
    pub category: Option<String>,
}

/// The result JSON of scoring.md §3.1.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ResultFile {
    /// Engine and version.
    #[serde(default)]
    pub engine: String,
    /// SHA-256 of the canonical inputs.
    #[serde(default)]
    pub digest: String,
    /// Stages in order.
    pub stages: Vec<StageResultFile>,
    /// Winners.
    #[serde(default)]
    pub winners: Vec<String>,
}

/// One stage of the result.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct StageResultFile {
    /// Stage id.
    pub id: String,
    /// Rows in ranking order.
    pub rows: Vec<RowFile>,
    /// Warnings.
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// One row of the result.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RowFile {
    /// Innovation id.
    pub id: String,
    /// Rank (null when incomplete).
    #[serde(default)]
    pub rank: Option<u32>,
    /// Rank in the category.
    #[serde(default)]
    pub category_rank: Option<u32>,
    /// Score.
    #[serde(default)]
    pub score: Option<f64>,
    /// Raw.
    #[serde(default)]
    pub raw: Option<f64>,
    /// Bonus.
    #[serde(default)]
    pub bonus: Option<f64>,
    /// s_ic by criterion id.
    #[serde(default)]
    pub criteria: BTreeMap<String, f64>,
    /// Valid sheets.
    #[serde(default)]
    pub sheets: u32,
    /// Advances.
    #[serde(default)]
    pub advanced: bool,
    /// Admitted by a tie at the cut-off.
    #[serde(default)]
    pub tie_at_cutoff: bool,
    /// Incomplete.
    #[serde(default)]
    pub incomplete: bool,
    /// When a panel decision set `advanced`: what the advancing rule said.
    #[serde(default)]
    pub recommended: Option<bool>,
}

/// Why a file cannot be shown: a sentence in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

impl FileError {
    fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        FileError {
            id: id.into(),
            en: en.into(),
        }
    }

    /// The sentence in English or Indonesian.
    pub fn message(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.id
        }
    }
}

/// A checked ranking: the engine's stages next to the published result.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    /// The file.
    pub file: RankingFile,
    /// The competition as the engine sees it (weights etc.).
    pub competition: Competition,
}

fn stage(s: &StageFile) -> Stage {
    let tie_break = s
        .tie_break
        .iter()
        .map(|t| match t.as_str() {
            "bonus" => TieBreak::Bonus,
            "raw" => TieBreak::Raw,
            other => TieBreak::Criterion(other.strip_prefix("criterion:").unwrap_or(other).into()),
        })
        .collect();
    let advance = s.advance.as_ref().and_then(|a| {
        let cuts = a.top.is_some() || a.threshold.is_some() || a.max_per_agency.is_some();
        cuts.then(|| Advance {
            top: a.top,
            per_category: a.per_category,
            threshold: a.threshold,
            max_per_agency: a.max_per_agency,
            ties: if a.ties.as_deref() == Some("exclude") {
                Ties::Exclude
            } else {
                Ties::Include
            },
        })
    });
    Stage {
        id: s.id.clone(),
        name: s.name.clone().unwrap_or_else(|| s.id.clone()),
        criteria: s
            .criteria
            .iter()
            .map(|c| Criterion {
                id: c.id.clone(),
                name: c.name.clone().unwrap_or_else(|| c.id.clone()),
                weight: c.weight,
                min: c.min,
                max: c.max,
            })
            .collect(),
        normalize: Default::default(),
        aggregate: Default::default(),
        min_judges: 1,
        bonus: Vec::new(),
        combine: s.combine.as_ref().map(|terms| {
            terms
                .iter()
                .map(|t| CombineTerm {
                    stage: t.stage.clone(),
                    weight: t.weight,
                })
                .collect()
        }),
        tie_break,
        advance,
    }
}

/// Largest magnitude of a published number (scores are 0-100 plus bonus
/// points; z-scored values stay far below).
const MAX_VALUE: f64 = 1e6;

/// Something in a published ranking that its own competition rules do not
/// give: the ranking is shown, marked as not verified.
#[derive(Clone, Debug, PartialEq)]
pub struct Inconsistency {
    /// Stage id.
    pub stage: String,
    /// Innovation id.
    pub id: String,
    /// What: `unknown` (not among the file's innovations), `rank`,
    /// `score` (not the weighted criteria plus bonus), `advanced`.
    pub field: &'static str,
}

/// Checks a parsed file: the version, the competition (as the engine
/// validates it) and that every stage of the result is one of its stages.
pub fn check(file: RankingFile) -> Result<Ranking, FileError> {
    if file.kipp_ranking != 1.0 {
        return Err(FileError::new(
            "kipp_ranking: versi format harus 1",
            "kipp_ranking: the format version must be 1",
        ));
    }
    let competition = Competition {
        name: file.competition.name.clone(),
        description: String::new(),
        stages: file.competition.stages.iter().map(stage).collect(),
    };
    if let Some(d) = kipp_score::validate_competition(&competition).first() {
        return Err(FileError::new(
            format!("competition.{}: {}", d.path_text(), d.message(Lang::Id)),
            format!("competition.{}: {}", d.path_text(), d.message(Lang::En)),
        ));
    }
    for (i, s) in file.result.stages.iter().enumerate() {
        if !competition.stages.iter().any(|c| c.id == s.id) {
            return Err(FileError::new(
                format!(
                    "result.stages[{i}].id: tahap \"{}\" tidak ada di kompetisi",
                    s.id
                ),
                format!(
                    "result.stages[{i}].id: stage \"{}\" is not in the competition",
                    s.id
                ),
            ));
        }
    }
    if file.result.stages.is_empty() {
        return Err(FileError::new(
            "result.stages: tidak ada tahap",
            "result.stages: no stage",
        ));
    }
    // Numbers a result can hold: finite and of a sane size (a score of
    // 1e308 would print 309 digits).
    for (i, s) in file.result.stages.iter().enumerate() {
        for (j, r) in s.rows.iter().enumerate() {
            let values = [("score", r.score), ("raw", r.raw), ("bonus", r.bonus)]
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
                .chain(
                    r.criteria
                        .iter()
                        .map(|(k, v)| (format!("criteria.{k}"), *v)),
                );
            for (k, v) in values {
                if !v.is_finite() || v.abs() > MAX_VALUE {
                    return Err(FileError::new(
                        format!("result.stages[{i}].rows[{j}].{k}: nilai di luar batas (±1.000.000)"),
                        format!("result.stages[{i}].rows[{j}].{k}: the value is out of bounds (±1,000,000)"),
                    ));
                }
            }
        }
    }
    if let Some(e) = texts_too_long(&file) {
        return Err(e);
    }
    let max = kipp_score::limits::MAX_INNOVATIONS;
    let rows = file.result.stages.iter().map(|s| s.rows.len()).max();
    if file.innovations.len() > max || rows.is_some_and(|n| n > max) {
        return Err(FileError::new(
            format!("innovations: terlalu banyak inovasi (paling banyak {max})"),
            format!("innovations: too many innovations (at most {max})"),
        ));
    }
    Ok(Ranking { file, competition })
}

/// The longest text the widget shows from the file, in characters (a
/// title is about 100).
pub const MAX_TEXT_CHARS: usize = 5000;

/// The first text of the file that is longer than [`MAX_TEXT_CHARS`].
fn texts_too_long(file: &RankingFile) -> Option<FileError> {
    let mut texts: Vec<(String, &str)> = Vec::new();
    fn opt(o: &Option<String>) -> &str {
        o.as_deref().unwrap_or("")
    }
    texts.push(("publisher".into(), opt(&file.publisher)));
    texts.push(("competition.name".into(), &file.competition.name));
    for (i, s) in file.competition.stages.iter().enumerate() {
        texts.push((format!("competition.stages[{i}].name"), opt(&s.name)));
        for (j, c) in s.criteria.iter().enumerate() {
            texts.push((
                format!("competition.stages[{i}].criteria[{j}].name"),
                opt(&c.name),
            ));
        }
    }
    for (i, inn) in file.innovations.iter().enumerate() {
        let p = |k: &str| format!("innovations[{i}].{k}");
        texts.push((p("id"), &inn.id));
        texts.push((p("title"), &inn.title));
        texts.push((p("unit"), opt(&inn.unit)));
        texts.push((p("agency"), opt(&inn.agency)));
        texts.push((p("category"), opt(&inn.category)));
    }
    // Characters are never more than bytes: counted only when long.
    let (path, n) = texts
        .into_iter()
        .filter(|(_, t)| t.len() > MAX_TEXT_CHARS)
        .map(|(p, t)| (p, t.chars().count()))
        .find(|(_, n)| *n > MAX_TEXT_CHARS)?;
    Some(FileError::new(
        format!("{path}: teks terlalu panjang: {n} karakter (paling banyak {MAX_TEXT_CHARS})"),
        format!("{path}: the text is too long: {n} characters (at most {MAX_TEXT_CHARS})"),
    ))
}

impl Ranking {
    /// The public fields of innovation `id` (an empty record when absent).
    pub fn innovation(&self, id: &str) -> Option<&PublicInnovation> {
        self.file.innovations.iter().find(|i| i.id == id)
    }

    /// The engine stage with this id.
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.competition.stages.iter().find(|s| s.id == id)
    }

    /// The what-if input of result stage `index`: every published row of
    /// the stage as a [`ValueEntry`].
    pub fn entries(&self, index: usize) -> Vec<ValueEntry> {
        let Some(res) = self.file.result.stages.get(index) else {
            return Vec::new();
        };
        let Some(stage) = self.stage(&res.id) else {
            return Vec::new();
        };
        let earlier: Vec<&str> = stage
            .combine
            .iter()
            .flatten()
            .filter(|t| t.stage != stage.id)
            .map(|t| t.stage.as_str())
            .collect();
        res.rows
            .iter()
            .map(|row| {
                let public = self.innovation(&row.id);
                let criteria = if row.incomplete {
                    None
                } else {
                    stage
                        .criteria
                        .iter()
                        .map(|c| row.criteria.get(&c.id).copied())
                        .collect::<Option<Vec<f64>>>()
                };
                let earlier_own = earlier
                    .iter()
                    .filter_map(|sid| {
                        let st = self.file.result.stages.iter().find(|s| s.id == *sid)?;
                        let r = st.rows.iter().find(|r| r.id == row.id)?;
                        Some((sid.to_string(), r.raw? + r.bonus.unwrap_or(0.0)))
                    })
                    .collect();
                ValueEntry {
                    id: row.id.clone(),
                    category: public.and_then(|p| p.category.clone()).unwrap_or_default(),
                    agency: public.and_then(|p| p.agency.clone()).unwrap_or_default(),
                    criteria,
                    bonus: row.bonus.unwrap_or(0.0),
                    sheets: row.sheets,
                    earlier_own,
                }
            })
            .collect()
    }

    /// What in the published rows the file's own rules do not give: each
    /// stage re-ranked with its official weights from the published values
    /// (scores and ranks compared at the engine's precision, advancing
    /// against the rule's recommendation when a panel decided), and rows
    /// naming innovations the file does not list. Empty: consistent.
    pub fn inconsistencies(&self) -> Vec<Inconsistency> {
        let mut out = Vec::new();
        for (i, st) in self.file.result.stages.iter().enumerate() {
            let Some(stage) = self.stage(&st.id) else {
                continue;
            };
            let weights: Vec<f64> = stage.criteria.iter().map(|c| c.weight).collect();
            let again = self.simulate(i, &weights).unwrap_or_default();
            for row in &st.rows {
                let mut bad = |field| {
                    out.push(Inconsistency {
                        stage: st.id.clone(),
                        id: row.id.clone(),
                        field,
                    })
                };
                if !self.file.innovations.is_empty() && self.innovation(&row.id).is_none() {
                    bad("unknown");
                }
                let Some(r) = again.iter().find(|r| r.id == row.id) else {
                    continue;
                };
                if r.rank != row.rank {
                    bad("rank");
                }
                let same = match (r.score, row.score) {
                    (Some(a), Some(b)) => kipp_score::q(a) == kipp_score::q(b),
                    (a, b) => a.is_none() && b.is_none(),
                };
                if !same {
                    bad("score");
                }
                if r.advanced != row.recommended.unwrap_or(row.advanced) && !row.incomplete {
                    bad("advanced");
                }
            }
        }
        out
    }

    /// Re-ranks result stage `index` with `weights` (one per criterion, in
    /// the stage's order) through the engine. `None` when the weights do
    /// not fit the stage or sum to zero.
    pub fn simulate(&self, index: usize, weights: &[f64]) -> Option<Vec<Row>> {
        let res = self.file.result.stages.get(index)?;
        let mut stage = self.stage(&res.id)?.clone();
        if weights.len() != stage.criteria.len()
            || weights.iter().any(|w| !w.is_finite() || *w < 0.0)
            || weights.iter().sum::<f64>() <= 0.0
        {
            return None;
        }
        for (c, w) in stage.criteria.iter_mut().zip(weights) {
            c.weight = *w;
        }
        Some(kipp_score::rank_values(&stage, &self.entries(index)).0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Ranking {
        let text = include_str!("../../../www/widget/ranking.json");
        let file: RankingFile = serde_json::from_str(text).expect("demo parses");
        check(file).expect("demo is valid")
    }

    #[test]
    fn the_demo_is_consistent_and_tampering_is_found() {
        let r = demo();
        assert_eq!(r.inconsistencies(), vec![]);
        let mut t = r.clone();
        let row = &mut t.file.result.stages[0].rows[3];
        row.score = row.score.map(|x| x + 0.5);
        let id = row.id.clone();
        t.file.result.stages[0].rows[1].id = "SIAPA".into();
        let found = t.inconsistencies();
        assert!(
            found.iter().any(|x| x.id == id && x.field == "score"),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|x| x.id == "SIAPA" && x.field == "unknown"),
            "{found:?}"
        );
    }

    #[test]
    fn a_ten_megabyte_title_is_refused_with_its_place() {
        let text = include_str!("../../../www/widget/ranking.json");
        let mut file: RankingFile = serde_json::from_str(text).expect("demo parses");
        file.innovations[2].title = "A".repeat(10 << 20);
        let e = check(file.clone()).unwrap_err();
        assert_eq!(
            e.message(true),
            format!(
                "innovations[2].title: the text is too long: {} characters (at most 5000)",
                10 << 20
            )
        );
        assert!(e.message(false).contains("teks terlalu panjang"));
        // 5,000 characters of two bytes each are within the limit.
        file.innovations[2].title = "é".repeat(MAX_TEXT_CHARS);
        assert!(check(file).is_ok());
    }

    #[test]
    fn huge_numbers_are_refused() {
        let text = include_str!("../../../www/widget/ranking.json");
        let mut file: RankingFile = serde_json::from_str(text).expect("demo parses");
        file.result.stages[0].rows[0].score = Some(1e308);
        let e = check(file).unwrap_err();
        assert!(
            e.en.contains("rows[0].score") && e.en.contains("out of bounds"),
            "{}",
            e.en
        );
    }

    #[test]
    fn official_weights_reproduce_the_published_ranking() {
        let r = demo();
        for (i, st) in r.file.result.stages.iter().enumerate() {
            let stage = r.stage(&st.id).expect("stage");
            let weights: Vec<f64> = stage.criteria.iter().map(|c| c.weight).collect();
            let rows = r.simulate(i, &weights).expect("simulates");
            assert_eq!(rows.len(), st.rows.len(), "stage {}", st.id);
            for (a, b) in rows.iter().zip(&st.rows) {
                assert_eq!(a.id, b.id, "stage {}", st.id);
                assert_eq!(a.rank, b.rank, "stage {} {}", st.id, a.id);
                assert_eq!(a.advanced, b.advanced, "stage {} {}", st.id, a.id);
                match (a.score, b.score) {
                    (Some(x), Some(y)) => assert!((x - y).abs() < 1e-6),
                    (x, y) => assert_eq!(x, y),
                }
            }
        }
    }

    #[test]
    fn other_weights_change_the_ranking() {
        let r = demo();
        let stage = r.stage(&r.file.result.stages[0].id).expect("stage");
        let mut weights: Vec<f64> = vec![0.0; stage.criteria.len()];
        weights[0] = 1.0;
        let rows = r.simulate(0, &weights).expect("simulates");
        // Only the first criterion counts now: ranked rows are ordered by it
        // (plus bonus).
        let c0 = &stage.criteria[0].id;
        let keys: Vec<f64> = rows
            .iter()
            .filter(|row| !row.incomplete)
            .map(|row| {
                let pub_row = r.file.result.stages[0]
                    .rows
                    .iter()
                    .find(|p| p.id == row.id)
                    .expect("row");
                pub_row.criteria[c0] + pub_row.bonus.unwrap_or(0.0)
            })
            .collect();
        assert!(keys.windows(2).all(|w| w[0] >= w[1] - 1e-9));
        assert_ne!(
            rows.iter().map(|r| &r.id).collect::<Vec<_>>(),
            r.file.result.stages[0]
                .rows
                .iter()
                .map(|r| &r.id)
                .collect::<Vec<_>>()
        );
        assert_eq!(r.simulate(0, &vec![0.0; stage.criteria.len()]), None);
        assert_eq!(r.simulate(0, &[1.0]), None);
    }

    #[test]
    fn bad_files_are_refused() {
        let mut file: RankingFile =
            serde_json::from_str(include_str!("../../../www/widget/ranking.json")).expect("parses");
        file.kipp_ranking = 2.0;
        assert!(check(file.clone()).is_err());
        file.kipp_ranking = 1.0;
        file.result.stages[0].id = "nope".into();
        let e = check(file.clone()).expect_err("unknown stage");
        assert!(e.en.contains("result.stages[0].id"), "{}", e.en);
        file.result.stages[0].id = file.competition.stages[0].id.clone();
        file.competition.stages[0].criteria[0].weight = -1.0;
        let e = check(file).expect_err("negative weight");
        assert!(
            e.en.starts_with("competition.stages[0].criteria[0].weight"),
            "{}",
            e.en
        );
    }
}
