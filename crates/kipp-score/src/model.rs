//! The validated-input model of scoring.md §1, as plain data.
//!
//! The formats crate builds these values from files (CSV, JSON, XLSX) and
//! records where each value came from ([`Loc`]); the engine never reads files.
//! The app's competition editor edits a [`Competition`] directly and asks
//! [`crate::validate_competition`] what is wrong with it.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Where a value stands in its source file (1-based line and column;
/// the header of a CSV file is line 1).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Loc {
    /// File name as the user gave it (e.g. `scores.csv`).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (character, not byte). 0 when unknown.
    pub column: u32,
}

/// A whole competition file (§1.1).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Competition {
    /// Display name.
    pub name: String,
    /// Free text: purpose, source of the weights (presets cite theirs here).
    /// An addition to §1.1: the optional top-level key `description`.
    pub description: String,
    /// Stages in order; non-empty.
    pub stages: Vec<Stage>,
}

/// One round of judging (§1.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    /// `[a-z0-9][a-z0-9_-]*`, unique in the competition.
    pub id: String,
    /// Display name (defaults to the id when absent).
    pub name: String,
    /// Criteria in file order (that order is the summation order).
    pub criteria: Vec<Criterion>,
    /// Judge normalisation (§2.2).
    pub normalize: Normalize,
    /// Aggregation over judges (§2.3).
    pub aggregate: Aggregate,
    /// Minimum number of valid sheets to be ranked (≥ 1).
    pub min_judges: u32,
    /// Bonus (or penalty) rules of this stage.
    pub bonus: Vec<BonusRule>,
    /// `None` = absent = this stage alone with weight 1.
    pub combine: Option<Vec<CombineTerm>>,
    /// Tie-break keys in order.
    pub tie_break: Vec<TieBreak>,
    /// `None` = absent (or empty object): nobody is cut.
    pub advance: Option<Advance>,
}

/// One criterion of a stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Unique within the stage; not a reserved word.
    pub id: String,
    /// Display name (defaults to the id).
    pub name: String,
    /// > 0, finite.
    pub weight: f64,
    /// Lowest score on the scale.
    pub min: f64,
    /// Highest score on the scale; `min < max`.
    pub max: f64,
}

/// §2.2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Normalize {
    /// Scores used as given.
    #[default]
    None,
    /// Per judge and criterion z-score mapping.
    ZScore,
}

/// §2.3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Aggregate {
    /// Arithmetic mean.
    #[default]
    Mean,
    /// Middle value (mean of the two middle ones for an even count).
    Median,
    /// Drop one lowest and one highest when 3 or more, then the mean.
    Trimmed,
}

/// A bonus rule: `points` when the innovation's `field` matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BonusRule {
    /// Unique within the stage.
    pub id: String,
    /// Any finite number; negative is a penalty.
    pub points: f64,
    /// Innovation attribute name (§1.2).
    pub field: String,
    /// Comparison.
    pub op: Op,
    /// Right-hand side: one value, or a list for `in`.
    pub value: RuleValue,
}

/// Bonus rule comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// `>=`
    Ge,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `<`
    Lt,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `in` (value is a list)
    In,
}

/// Right-hand side of a bonus rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RuleValue {
    /// A single value (all ops but `in`).
    One(Attr),
    /// A list of values (`in`).
    List(Vec<Attr>),
}

/// An attribute value as bonus rules see it (§1.1): its trimmed text and,
/// when it is numeric, its number. The formats crate fills `number` (it knows
/// whether the file was `;`-delimited, where `7,5` reads as 7.5; a JSON number
/// has `text` = its shortest decimal form; a JSON boolean `true`/`false`).
/// An empty `text` means missing: it never matches.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Attr {
    /// Trimmed text.
    pub text: String,
    /// `Some` when numeric.
    pub number: Option<f64>,
}

/// One term of `combine`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CombineTerm {
    /// This stage or an earlier one.
    pub stage: String,
    /// > 0.
    pub weight: f64,
}

/// One tie-break key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TieBreak {
    /// `criterion:<id>`: s_ic of that criterion.
    Criterion(String),
    /// `bonus`: bonus_i.
    Bonus,
    /// `raw`: raw_i.
    Raw,
}

/// Who advances (§2.6).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Advance {
    /// Quota; `None` = no quota.
    pub top: Option<u32>,
    /// Walk each category separately.
    pub per_category: bool,
    /// Minimum score; `None` = none.
    pub threshold: Option<f64>,
    /// Cap per agency; `None` = no cap.
    pub max_per_agency: Option<u32>,
    /// Ties at the cut-off.
    pub ties: Ties,
}

/// Ties at the cut-off (§2.6 step 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Ties {
    /// Admit everyone sharing the last admitted rank.
    #[default]
    Include,
    /// Remove everyone sharing the rank that would overflow the quota.
    Exclude,
}

/// One innovation (§1.2).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Innovation {
    /// Unique, non-empty.
    pub id: String,
    /// Required.
    pub title: String,
    /// Unit penyelenggara.
    pub unit: String,
    /// Perangkat daerah / instansi (exact string compare; empty = none).
    pub agency: String,
    /// Kategori (exact string compare; empty = its own category).
    pub category: String,
    /// Kelompok.
    pub group: String,
    /// Result of the administrative check.
    pub eligible: bool,
    /// Every column of the row, the standard ones included, by header name,
    /// as bonus rules see them. Missing/empty values are absent.
    pub attrs: BTreeMap<String, Attr>,
    /// Where the row starts (column 1).
    pub loc: Loc,
}

/// One judge (§1.4).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Judge {
    /// Unique, non-empty.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Agency; non-empty means a conflict with innovations of that agency.
    pub agency: String,
    /// Innovation ids the judge declared a conflict with.
    pub conflicts: Vec<String>,
    /// Where the row starts.
    pub loc: Loc,
}

/// One score value (§1.3), whichever form (long or wide) it came from.
///
/// The ids are shared (`Arc<str>`): a scores file names the same few stages,
/// judges and criteria, and each innovation a few dozen times, so the
/// readers make each id once per file and every score points to it (a
/// national file has 167,000 scores; four owned strings each were most of
/// its memory). They serialize as plain strings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Stage id.
    pub stage: Arc<str>,
    /// Innovation id.
    pub innovation: Arc<str>,
    /// Judge id.
    pub judge: Arc<str>,
    /// Criterion id.
    pub criterion: Arc<str>,
    /// The score (finite: the formats crate rejects NaN and infinities).
    pub value: f64,
    /// Where the row starts (column 1 of its line).
    pub loc: Loc,
    /// Columns of the stage, innovation, judge, criterion and score fields
    /// (1-based; in wide form the criterion column is the score's column).
    pub cols: [u32; 5],
}

/// A plenary decision that overrides the advancing rule (§2.6) for one
/// innovation in one stage: the innovation advances (or not) whatever its
/// rank. Not part of scoring.md, which has no decisions; see
/// docs/engine-notes.md. It changes who enters the next stage and the
/// winners, and it is part of the digest.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Decision {
    /// Stage id.
    pub stage: String,
    /// Innovation id.
    pub innovation: String,
    /// Advances (true) or not (false).
    pub advance: bool,
}

/// Everything a run reads.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Inputs {
    /// The competition.
    pub competition: Competition,
    /// All innovations.
    pub innovations: Vec<Innovation>,
    /// All score values.
    pub scores: Vec<Score>,
    /// `None` when no judges file was given.
    pub judges: Option<Vec<Judge>>,
}

/// Inputs and the panel decisions applied to them: everything needed to
/// prepare the same [`crate::Prepared`] elsewhere (the app sends it, as a
/// [`PackedSnapshot`], to the Web Workers that run its simulations).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Snapshot {
    /// The inputs (administrative check applied).
    pub inputs: Inputs,
    /// The panel decisions in force.
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

/// Everything of a [`Snapshot`] but its scores' numbers (serde, small; as
/// JSON written and read by serde_json with `float_roundtrip`, every number
/// comes back bit for bit).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct SnapshotHead {
    /// The competition.
    pub competition: Competition,
    /// All innovations.
    pub innovations: Vec<Innovation>,
    /// The judges table, if any.
    pub judges: Option<Vec<Judge>>,
    /// The panel decisions in force.
    pub decisions: Vec<Decision>,
    /// Every id the scores use (stages, innovations, judges, criteria), once.
    pub ids: Vec<String>,
}

/// A [`Snapshot`] with its scores as two flat arrays, which a browser moves
/// between threads as typed arrays without parsing: for score k,
/// `index[4k..4k + 4]` are the positions in `head.ids` of its stage,
/// innovation, judge and criterion, and `values[k]` its value, bit for bit.
/// Score locations are not kept (the inputs were checked where they were
/// read).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PackedSnapshot {
    /// The rest.
    pub head: SnapshotHead,
    /// Four id positions per score.
    pub index: Vec<u32>,
    /// One value per score.
    pub values: Vec<f64>,
}

impl Snapshot {
    /// Prepares the inputs and sets the decisions.
    pub fn prepare(&self) -> Result<crate::Prepared, Vec<crate::Diagnostic>> {
        let mut p = crate::prepare(&self.inputs)?;
        p.set_decisions(&self.decisions)?;
        Ok(p)
    }

    /// The packed form (ids interned once, in order of first use).
    pub fn pack(&self) -> PackedSnapshot {
        let i = &self.inputs;
        PackedSnapshot::new(
            &i.competition,
            &i.innovations,
            i.judges.as_deref(),
            &i.scores,
            &self.decisions,
        )
    }
}

impl PackedSnapshot {
    /// The packed inputs made of these parts (the scores are read, not
    /// copied). Ids are interned by their shared `Arc` first (the formats
    /// crate makes one per id and table), by text only when new.
    pub fn new(
        competition: &Competition,
        innovations: &[Innovation],
        judges: Option<&[Judge]>,
        scores: &[Score],
        decisions: &[Decision],
    ) -> PackedSnapshot {
        let mut ids: Vec<String> = Vec::new();
        let mut by_text: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        let mut by_ptr: std::collections::HashMap<*const u8, u32> =
            std::collections::HashMap::new();
        let mut index = Vec::with_capacity(scores.len() * 4);
        let mut values = Vec::with_capacity(scores.len());
        for s in scores {
            for id in [&s.stage, &s.innovation, &s.judge, &s.criterion] {
                let k = *by_ptr.entry(id.as_ptr()).or_insert_with(|| {
                    *by_text.entry(id).or_insert_with(|| {
                        ids.push(id.to_string());
                        (ids.len() - 1) as u32
                    })
                });
                index.push(k);
            }
            values.push(s.value);
        }
        PackedSnapshot {
            head: SnapshotHead {
                competition: competition.clone(),
                innovations: innovations.to_vec(),
                judges: judges.map(<[Judge]>::to_vec),
                decisions: decisions.to_vec(),
                ids,
            },
            index,
            values,
        }
    }

    /// Back to a [`Snapshot`]; `Err` says what is inconsistent (never a
    /// panic, whatever the arrays hold).
    pub fn unpack(self) -> Result<Snapshot, String> {
        let n = self.values.len();
        if self.index.len() != n.checked_mul(4).ok_or("too many scores")? {
            return Err(format!(
                "{} id positions for {n} scores (4 per score are needed)",
                self.index.len()
            ));
        }
        let ids: Vec<Arc<str>> = self
            .head
            .ids
            .iter()
            .map(|s| Arc::from(s.as_str()))
            .collect();
        let id = |k: u32| {
            ids.get(k as usize)
                .cloned()
                .ok_or_else(|| format!("id position {k} is not below {}", ids.len()))
        };
        let mut scores = Vec::with_capacity(n);
        for (q, &value) in self.index.chunks_exact(4).zip(&self.values) {
            scores.push(Score {
                stage: id(q[0])?,
                innovation: id(q[1])?,
                judge: id(q[2])?,
                criterion: id(q[3])?,
                value,
                loc: Loc::default(),
                cols: [0; 5],
            });
        }
        Ok(Snapshot {
            inputs: Inputs {
                competition: self.head.competition,
                innovations: self.head.innovations,
                scores,
                judges: self.head.judges,
            },
            decisions: self.head.decisions,
        })
    }
}

#[cfg(test)]
mod snapshot_tests {
    use super::*;

    fn score(stage: &str, inn: &str, judge: &str, crit: &str, value: f64) -> Score {
        Score {
            stage: stage.into(),
            innovation: inn.into(),
            judge: judge.into(),
            criterion: crit.into(),
            value,
            loc: Loc::default(),
            cols: [0; 5],
        }
    }

    #[test]
    fn packing_keeps_every_score_bit_for_bit_and_bad_arrays_are_refused() {
        let snap = Snapshot {
            inputs: Inputs {
                scores: vec![
                    score("s1", "A", "J1", "c1", 0.1 + 0.2),
                    score("s1", "B", "J1", "c2", -0.0),
                    score("s2", "A", "J2", "c1", 1e-300),
                ],
                ..Inputs::default()
            },
            decisions: vec![Decision {
                stage: "s1".into(),
                innovation: "B".into(),
                advance: true,
            }],
        };
        let packed = snap.pack();
        assert_eq!(
            packed.head.ids,
            ["s1", "A", "J1", "c1", "B", "c2", "s2", "J2"]
        );
        assert_eq!(packed.index.len(), 12);
        let back = packed.clone().unpack().unwrap();
        assert_eq!(back, snap);
        for (a, b) in back.inputs.scores.iter().zip(&snap.inputs.scores) {
            assert_eq!(a.value.to_bits(), b.value.to_bits());
        }
        let mut short = packed.clone();
        short.index.pop();
        assert!(short.unpack().unwrap_err().contains("4 per score"));
        let mut wild = packed;
        wild.index[5] = 99;
        assert!(wild.unpack().unwrap_err().contains("99"));
    }
}

/// Score values kept compactly (40 bytes a score instead of a [`Score`]'s
/// 120): each id is stored once and scores refer to it by number; file and
/// row column are kept once for each run of scores that share them (a CSV
/// file is one run); field columns as 16-bit numbers (larger ones aside).
/// What [`crate::prepare_list`] reads; the formats crate fills one straight
/// from a scores file, without making [`Score`]s. Diagnostics about these
/// scores are the same as about the same [`Score`]s (same locations, same
/// texts).
#[derive(Clone, Debug, Default)]
pub struct ScoreList {
    ids: Vec<Arc<str>>,
    id_index: std::collections::HashMap<Arc<str>, u32>,
    files: Vec<Arc<str>>,
    items: Vec<Item>,
    /// (first item, file, column of [`Score::loc`]) of each run of items.
    runs: Vec<(u32, u32, u32)>,
    /// `cols` of the items whose columns do not fit 16 bits.
    wide_cols: std::collections::HashMap<u32, [u32; 5]>,
}

/// A score as a [`ScoreList`] keeps it.
#[derive(Clone, Copy, Debug)]
struct Item {
    stage: u32,
    innovation: u32,
    judge: u32,
    criterion: u32,
    value: f64,
    line: u32,
    /// `[WIDE, ..]`: in [`ScoreList::wide_cols`].
    cols: [u16; 5],
}

/// Marks an item whose columns are kept aside.
const WIDE: u16 = u16::MAX;

/// One score for a [`ScoreList`]: ids and file as numbers from
/// [`ScoreList::id`] and [`ScoreList::file`], the rest as in [`Score`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PackedScore {
    /// Stage id.
    pub stage: u32,
    /// Innovation id.
    pub innovation: u32,
    /// Judge id.
    pub judge: u32,
    /// Criterion id.
    pub criterion: u32,
    /// The score.
    pub value: f64,
    /// File of [`Score::loc`].
    pub file: u32,
    /// Line of [`Score::loc`].
    pub line: u32,
    /// Column of [`Score::loc`].
    pub column: u32,
    /// [`Score::cols`].
    pub cols: [u32; 5],
}

impl ScoreList {
    /// An empty list.
    pub fn new() -> Self {
        ScoreList::default()
    }

    /// The number of `s` (made once, then the same number).
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&k) = self.id_index.get(s) {
            return k;
        }
        let a: Arc<str> = Arc::from(s);
        let k = self.ids.len() as u32;
        self.ids.push(a.clone());
        self.id_index.insert(a, k);
        k
    }

    /// The number of a file. Files are told apart by their handle (the
    /// same name read twice is two files), as locations are.
    pub fn file(&mut self, f: &Arc<str>) -> u32 {
        match self.files.iter().rposition(|x| Arc::ptr_eq(x, f)) {
            Some(k) => k as u32,
            None => {
                self.files.push(f.clone());
                self.files.len() as u32 - 1
            }
        }
    }

    /// Room for `n` more scores.
    pub fn reserve(&mut self, n: usize) {
        self.items.reserve(n);
    }

    /// Adds a score whose numbers come from this list.
    #[inline]
    pub fn push(&mut self, p: PackedScore) {
        let k = self.items.len() as u32;
        match self.runs.last() {
            Some(&(_, f, c)) if f == p.file && c == p.column => {}
            _ => self.runs.push((k, p.file, p.column)),
        }
        let mut cols = [0u16; 5];
        if p.cols.iter().all(|&c| c < WIDE as u32) {
            for (x, &c) in cols.iter_mut().zip(&p.cols) {
                *x = c as u16;
            }
        } else {
            cols[0] = WIDE;
            self.wide_cols.insert(k, p.cols);
        }
        self.items.push(Item {
            stage: p.stage,
            innovation: p.innovation,
            judge: p.judge,
            criterion: p.criterion,
            value: p.value,
            line: p.line,
            cols,
        });
    }

    /// Adds a [`Score`].
    pub fn push_score(&mut self, s: &Score) {
        let p = PackedScore {
            stage: self.id(&s.stage),
            innovation: self.id(&s.innovation),
            judge: self.id(&s.judge),
            criterion: self.id(&s.criterion),
            value: s.value,
            file: self.file(&s.loc.file),
            line: s.loc.line,
            column: s.loc.column,
            cols: s.cols,
        };
        self.push(p);
    }

    /// Number of scores.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// No scores.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The text of an id number.
    pub fn id_text(&self, k: u32) -> &str {
        &self.ids[k as usize]
    }

    /// (file, column) of item `i`.
    #[inline]
    fn run_of(&self, i: usize) -> (u32, u32) {
        let r = match self.runs.len() {
            1 => 0,
            _ => self.runs.partition_point(|r| r.0 as usize <= i) - 1,
        };
        (self.runs[r].1, self.runs[r].2)
    }

    #[inline]
    fn cols_of(&self, i: usize, it: &Item) -> [u32; 5] {
        if it.cols[0] == WIDE {
            self.wide_cols.get(&(i as u32)).copied().unwrap_or_default()
        } else {
            it.cols.map(u32::from)
        }
    }

    /// Score `i` as a [`Score`].
    pub fn score(&self, i: usize) -> Score {
        let p = self.at(i);
        Score {
            stage: self.ids[self.items[i].stage as usize].clone(),
            innovation: self.ids[self.items[i].innovation as usize].clone(),
            judge: self.ids[self.items[i].judge as usize].clone(),
            criterion: self.ids[self.items[i].criterion as usize].clone(),
            value: p.value,
            loc: p.loc(),
            cols: p.cols,
        }
    }

    /// Keeps the first `n` scores (ids and files stay known).
    pub fn truncate(&mut self, n: usize) {
        self.items.truncate(n);
        while self.runs.last().is_some_and(|r| r.0 as usize >= n) {
            self.runs.pop();
        }
        self.wide_cols.retain(|&k, _| (k as usize) < n);
    }

    /// Drops spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.items.shrink_to_fit();
    }
}

/// One score as validation reads it, from a [`Score`] or a [`ScoreList`].
pub(crate) struct ScoreRef<'a> {
    pub stage: &'a str,
    pub innovation: &'a str,
    pub judge: &'a str,
    pub criterion: &'a str,
    pub value: f64,
    pub file: &'a Arc<str>,
    pub line: u32,
    pub column: u32,
    pub cols: [u32; 5],
    /// Numbers of the stage, innovation, judge and criterion ids (below
    /// [`ScoreSource::id_count`]) when the source has them.
    pub nums: Option<[u32; 4]>,
}

impl ScoreRef<'_> {
    /// [`Score::loc`].
    pub fn loc(&self) -> Loc {
        Loc {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
        }
    }
}

/// Scores in either form.
pub(crate) trait ScoreSource {
    fn len(&self) -> usize;
    fn at(&self, i: usize) -> ScoreRef<'_>;
    fn value(&self, i: usize) -> f64;
    /// How many id numbers [`ScoreRef::nums`] may hold (0: none).
    fn id_count(&self) -> usize;
    /// The id numbers and the value of score `i`, when the source has
    /// numbers (cheaper than [`ScoreSource::at`]).
    fn nums(&self, i: usize) -> Option<([u32; 4], f64)>;
}

impl ScoreSource for [Score] {
    fn len(&self) -> usize {
        <[Score]>::len(self)
    }
    #[inline]
    fn at(&self, i: usize) -> ScoreRef<'_> {
        let s = &self[i];
        ScoreRef {
            stage: &s.stage,
            innovation: &s.innovation,
            judge: &s.judge,
            criterion: &s.criterion,
            value: s.value,
            file: &s.loc.file,
            line: s.loc.line,
            column: s.loc.column,
            cols: s.cols,
            nums: None,
        }
    }
    #[inline]
    fn value(&self, i: usize) -> f64 {
        self[i].value
    }
    fn id_count(&self) -> usize {
        0
    }
    fn nums(&self, _: usize) -> Option<([u32; 4], f64)> {
        None
    }
}

impl ScoreSource for ScoreList {
    fn len(&self) -> usize {
        self.items.len()
    }
    #[inline]
    fn at(&self, i: usize) -> ScoreRef<'_> {
        let p = &self.items[i];
        let (file, column) = self.run_of(i);
        ScoreRef {
            stage: &self.ids[p.stage as usize],
            innovation: &self.ids[p.innovation as usize],
            judge: &self.ids[p.judge as usize],
            criterion: &self.ids[p.criterion as usize],
            value: p.value,
            file: &self.files[file as usize],
            line: p.line,
            column,
            cols: self.cols_of(i, p),
            nums: Some([p.stage, p.innovation, p.judge, p.criterion]),
        }
    }
    #[inline]
    fn value(&self, i: usize) -> f64 {
        self.items[i].value
    }
    fn id_count(&self) -> usize {
        self.ids.len()
    }
    #[inline]
    fn nums(&self, i: usize) -> Option<([u32; 4], f64)> {
        let p = &self.items[i];
        Some(([p.stage, p.innovation, p.judge, p.criterion], p.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_list_keeps_every_field() {
        assert_eq!(std::mem::size_of::<Item>(), 40);
        let a: Arc<str> = Arc::from("a.csv");
        let b: Arc<str> = Arc::from("a.csv");
        let sc = |file: &Arc<str>, line: u32, column: u32, cols: [u32; 5], v: f64| Score {
            stage: Arc::from("s"),
            innovation: Arc::from(format!("I{line}")),
            judge: Arc::from("J1"),
            criterion: Arc::from("c"),
            value: v,
            loc: Loc {
                file: file.clone(),
                line,
                column,
            },
            cols,
        };
        let all = vec![
            sc(&a, 2, 1, [1, 3, 5, 7, 9], 7.5),
            sc(&a, 3, 1, [1, 70_000, 5, 7, 65_535], -0.0),
            sc(&b, 4, 1, [0, 0, 0, 0, 0], 1e300),
            sc(&b, 5, 6, [65_534, 2, 3, 4, 5], 3.0),
            sc(&a, 6, 6, [1, 2, 3, 4, 5], 4.0),
        ];
        let mut l = ScoreList::new();
        for s in &all {
            l.push_score(s);
        }
        for (i, s) in all.iter().enumerate() {
            let t = l.score(i);
            assert_eq!(&t, s);
            assert!(Arc::ptr_eq(&t.loc.file, &s.loc.file));
            assert_eq!(t.value.to_bits(), s.value.to_bits());
        }
        l.truncate(2);
        l.push_score(&all[3]);
        assert_eq!(l.len(), 3);
        assert_eq!(l.score(1), all[1]);
        assert_eq!(l.score(2), all[3]);
    }
}
