//! The run view model: inputs -> a run the screens can show ([`RunView`]),
//! plus the engine handles that exports, the detail view and the weight
//! sliders need.

use std::rc::Rc;

use std::sync::Arc;

use crate::project::{Data, Decision};

use kipp_score::{
    prepare, validate_competition, Competition, Diagnostic, Explanation, Lang, Prepared, RunResult,
    Weights,
};

/// A located message for the interface (file, line, column, sentence); one
/// line may stand for a group of problems of the same kind in one file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Located {
    /// File name (or `competition.json` for competition problems).
    pub file: String,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
    /// Where in the competition (a path like `stages[0].criteria[1].weight`), if any.
    pub path: String,
    /// The sentence in the interface language (of the first of a group).
    pub message: String,
    /// How many problems this line stands for (0 or 1: itself only).
    pub count: usize,
    /// Where the first few of a group stand (`Juri 3!E7`, `file:12:4`).
    pub places: Vec<String>,
}

/// One criterion as the results show it.
#[derive(Clone, Debug, PartialEq)]
pub struct CritView {
    /// Criterion id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Configured weight.
    pub weight: f64,
}

/// One row of a stage's results.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RowView {
    /// Innovation id.
    pub id: String,
    /// Overall rank; `None` when incomplete.
    pub rank: Option<u32>,
    /// Rank within the category when the stage advances per category.
    pub category_rank: Option<u32>,
    /// Stage score.
    pub score: Option<f64>,
    /// Raw score.
    pub raw: Option<f64>,
    /// Bonus points.
    pub bonus: Option<f64>,
    /// s_ic per criterion, in the stage's criterion order.
    pub criteria: Vec<Option<f64>>,
    /// Valid sheets.
    pub sheets: u32,
    /// Advances, after panel decisions (the one source of "who advanced").
    pub advanced: bool,
    /// Admitted through a tie at the cut-off.
    pub tie_at_cutoff: bool,
    /// Too few valid sheets.
    pub incomplete: bool,
    /// When a panel decision set `advanced`: what the advancing rule said.
    pub recommended: Option<bool>,
}

/// One stage's results.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StageView {
    /// Stage id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Criteria in order.
    pub criteria: Vec<CritView>,
    /// Rows in ranking order.
    pub rows: Vec<RowView>,
    /// The stage's warnings, in the interface language.
    pub warnings: Vec<String>,
}

/// A whole run.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RunView {
    /// Stages in order.
    pub stages: Vec<StageView>,
    /// Winners (advanced in the last stage).
    pub winners: Vec<String>,
    /// SHA-256 of the canonical inputs.
    pub digest: String,
}

/// A run's inputs as a Web Worker takes them: the head of a
/// [`kipp_score::PackedSnapshot`] as JSON, and its scores as flat arrays
/// (sent as typed arrays: no JSON for 167,000 scores).
#[derive(Debug, PartialEq)]
pub struct WorkerSnapshot {
    /// [`kipp_score::SnapshotHead`] as JSON.
    pub head_json: String,
    /// Four id positions per score.
    pub index: Vec<u32>,
    /// One value per score.
    pub values: Vec<f64>,
}

/// Trial weights: per stage, per criterion.
pub type Trial = Vec<Vec<f64>>;

/// How a trial ranking differs from the official one, in one stage.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StageMoves {
    /// Per row of the trial stage (its order): places moved up against the
    /// official rank (positive: up, negative: down); `None` when the row is
    /// unranked in either run.
    pub moves: Vec<Option<i64>>,
    /// Rows that advance with the trial weights and not officially, in the
    /// trial's ranking order.
    pub entered: Vec<String>,
    /// Rows that advance officially and not with the trial weights, in the
    /// official ranking order.
    pub left: Vec<String>,
    /// Ranked rows whose rank changed.
    pub moved: usize,
}

impl StageMoves {
    /// Whether the row at `i` (trial order) changed whether it advances.
    pub fn changed_status(&self, trial: &StageView, i: usize) -> bool {
        let id = &trial.rows[i].id;
        self.entered.contains(id) || self.left.contains(id)
    }
}

/// The moves of a trial against the official run, stage by stage (matched
/// by stage id; a stage missing from either has no moves).
pub fn moves(official: &RunView, trial: &RunView) -> Vec<StageMoves> {
    use std::collections::HashMap;
    trial
        .stages
        .iter()
        .map(|ts| {
            let Some(os) = official.stages.iter().find(|s| s.id == ts.id) else {
                return StageMoves {
                    moves: vec![None; ts.rows.len()],
                    ..Default::default()
                };
            };
            let before: HashMap<&str, (Option<u32>, bool)> = os
                .rows
                .iter()
                .map(|r| (r.id.as_str(), (r.rank, r.advanced)))
                .collect();
            let mut m = StageMoves {
                moves: Vec::with_capacity(ts.rows.len()),
                ..Default::default()
            };
            let mut now_in = std::collections::HashSet::new();
            for r in &ts.rows {
                let (old_rank, old_adv) =
                    before.get(r.id.as_str()).copied().unwrap_or((None, false));
                let mv = match (old_rank, r.rank) {
                    (Some(a), Some(b)) => Some(a as i64 - b as i64),
                    _ => None,
                };
                if mv.is_some_and(|x| x != 0) {
                    m.moved += 1;
                }
                m.moves.push(mv);
                if r.advanced {
                    now_in.insert(r.id.as_str());
                    if !old_adv {
                        m.entered.push(r.id.clone());
                    }
                }
            }
            m.left = os
                .rows
                .iter()
                .filter(|r| r.advanced && !now_in.contains(r.id.as_str()))
                .map(|r| r.id.clone())
                .collect();
            m
        })
        .collect()
}

/// A computed run and what is needed to re-rank and explain it.
pub struct Computed {
    /// For the views (shared with the windowed tables' row renderers).
    pub view: Rc<RunView>,
    /// The engine's result (exports).
    pub result: RunResult,
    /// Participation (docs/summary.md) of this run, without a year: made
    /// once per run, shown on Hasil and in the report, exported.
    pub participation: kipp_formats::summary::Edition,
    /// The prepared inputs (re-rank, explain, simulations), with the
    /// applicable panel decisions set.
    pub prepared: Rc<Prepared>,
    /// The data it was prepared from (to re-rank with other decisions
    /// without preparing again).
    source: Data,
    /// The panel decisions (stage, innovation, advance) and the language it
    /// was made with.
    made_with: (Vec<(String, String, bool)>, Lang),
    /// Buffers reused by [`Computed::rank_with`].
    trial_buf: std::cell::RefCell<(kipp_score::Scratch, RunResult)>,
    /// [`Computed::worker_snapshot`], made on first use.
    snapshot: std::cell::RefCell<Option<Rc<WorkerSnapshot>>>,
}

/// An engine diagnostic for the interface.
pub fn located(d: &Diagnostic, lang: Lang) -> Located {
    let (file, line, column) = match &d.loc {
        Some(l) => (l.file.to_string(), l.line, l.column),
        None if !d.path.is_empty() => ("competition.json".to_string(), 0, 0),
        None => (String::new(), 0, 0),
    };
    Located {
        file,
        line,
        column,
        path: d.path_text(),
        message: d.message(lang),
        ..Located::default()
    }
}

fn view_of(comp: &Competition, r: &RunResult, lang: Lang) -> RunView {
    let stages = r
        .stages
        .iter()
        .map(|sr| {
            let st = comp.stages.iter().find(|s| s.id == sr.id);
            let criteria: Vec<CritView> = st
                .map(|s| {
                    s.criteria
                        .iter()
                        .map(|c| CritView {
                            id: c.id.clone(),
                            name: if c.name.is_empty() {
                                c.id.clone()
                            } else {
                                c.name.clone()
                            },
                            weight: c.weight,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let rows = sr
                .rows
                .iter()
                .map(|row| RowView {
                    id: row.id.clone(),
                    rank: row.rank,
                    category_rank: row.category_rank,
                    score: row.score,
                    raw: row.raw,
                    bonus: row.bonus,
                    criteria: criteria
                        .iter()
                        .map(|c| {
                            row.criteria
                                .iter()
                                .find(|(k, _)| *k == c.id)
                                .map(|(_, v)| *v)
                        })
                        .collect(),
                    sheets: row.sheets,
                    advanced: row.advanced,
                    tie_at_cutoff: row.tie_at_cutoff,
                    incomplete: row.incomplete,
                    recommended: row.recommended,
                })
                .collect();
            StageView {
                id: sr.id.clone(),
                name: st
                    .map(|s| {
                        if s.name.is_empty() {
                            s.id.clone()
                        } else {
                            s.name.clone()
                        }
                    })
                    .unwrap_or_else(|| sr.id.clone()),
                criteria,
                rows,
                warnings: sr.warning_messages(lang),
            }
        })
        .collect();
    RunView {
        stages,
        winners: r.winners.clone(),
        digest: r.digest.clone(),
    }
}

/// Ranks `data` with the panel decisions that apply (a decision whose stage
/// or innovation is not in the data is left out: the import preview flags
/// it); every problem, located, when the data cannot be ranked.
pub fn compute(data: &Data, decisions: &[Decision], lang: Lang) -> Result<Computed, Vec<Located>> {
    compute_checked(data, decisions, lang, None)
}

/// [`compute`], starting from `checked` when it was made from this `data`
/// (the import preview's check: one prepare from a drop to the ranking).
pub fn compute_checked(
    data: &Data,
    decisions: &[Decision],
    lang: Lang,
    checked: Option<Checked>,
) -> Result<Computed, Vec<Located>> {
    let mut prepared = match checked.filter(|c| same_data(&c.data, data)) {
        Some(c) => Rc::try_unwrap(c.prepared).unwrap_or_else(|rc| (*rc).clone()),
        None => prepare(&data.inputs())
            .map_err(|ds| ds.iter().map(|d| located(d, lang)).collect::<Vec<_>>())?,
    };
    set_decisions(&mut prepared, decisions);
    Ok(finish(prepared, data.clone(), decisions, lang))
}

/// Data that can be ranked, prepared (no decisions set yet), with the data
/// it was prepared from.
#[derive(Clone, Debug)]
pub struct Checked {
    data: Data,
    prepared: Rc<Prepared>,
}

/// Checks that `data` can be ranked (import preview): the prepared inputs,
/// kept for the run that follows, or the engine's diagnostics.
pub fn check_data(data: &Data) -> Result<Checked, Vec<Diagnostic>> {
    prepare(&data.inputs()).map(|p| Checked {
        data: data.clone(),
        prepared: Rc::new(p),
    })
}

/// `prev` ranked again with other decisions (the same data: nothing is
/// prepared again).
pub fn redecide(prev: &Computed, decisions: &[Decision], lang: Lang) -> Computed {
    let mut prepared = (*prev.prepared).clone();
    set_decisions(&mut prepared, decisions);
    finish(prepared, prev.source.clone(), decisions, lang)
}

fn finish(prepared: Prepared, source: Data, decisions: &[Decision], lang: Lang) -> Computed {
    let result = prepared.rank();
    let view = Rc::new(view_of(&source.competition, &result, lang));
    let participation = kipp_formats::summary::summarize(
        &source.competition,
        prepared.innovations(),
        Some(&result),
        None,
    );
    Computed {
        view,
        result,
        participation,
        prepared: Rc::new(prepared),
        source,
        made_with: (decision_key(decisions), lang),
        trial_buf: Default::default(),
        snapshot: Default::default(),
    }
}

fn decision_key(decisions: &[Decision]) -> Vec<(String, String, bool)> {
    decisions
        .iter()
        .map(|d| (d.stage.clone(), d.innovation.clone(), d.advance))
        .collect()
}

/// The engine's decisions from the project's: those whose stage and
/// innovation exist, the last one per (stage, innovation).
fn set_decisions(p: &mut Prepared, decisions: &[Decision]) {
    let stages: std::collections::HashSet<&str> = p
        .competition()
        .stages
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let mut list: Vec<kipp_score::Decision> = Vec::new();
    for d in decisions {
        if !stages.contains(d.stage.as_str()) || p.innovation_index(&d.innovation).is_none() {
            continue;
        }
        list.retain(|x| !(x.stage == d.stage && x.innovation == d.innovation));
        list.push(kipp_score::Decision {
            stage: d.stage.clone(),
            innovation: d.innovation.clone(),
            advance: d.advance,
        });
    }
    // Only known stages and innovations, once each: cannot fail.
    let _ = p.set_decisions(&list);
}

impl Computed {
    /// True when this is the run of `data` with `decisions` in `lang`: a
    /// change that touches none of them (a name, the report's fields, a
    /// decision's reason) needs no new run.
    pub fn is_current(&self, data: &Data, decisions: &[Decision], lang: Lang) -> bool {
        self.made_with.1 == lang
            && self.made_with.0 == decision_key(decisions)
            && self.same_data(data)
    }

    /// True when `data` is the data this was computed from (the same
    /// lists, the same competition).
    pub fn same_data(&self, data: &Data) -> bool {
        same_data(&self.source, data)
    }
}

/// The same lists (by pointer), the same competition and eligibility.
fn same_data(s: &Data, data: &Data) -> bool {
    Arc::ptr_eq(&s.innovations, &data.innovations)
        && Arc::ptr_eq(&s.scores, &data.scores)
        && match (&s.judges, &data.judges) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
        && s.competition == data.competition
        && s.eligibility == data.eligibility
}

/// Problems of a competition being edited (validate as you type).
pub fn validate(c: &Competition, lang: Lang) -> Vec<Located> {
    validate_competition(c)
        .iter()
        .map(|d| located(d, lang))
        .collect()
}

impl Computed {
    /// Participation in one line, for the top of Hasil and the report:
    /// "107 inovasi dari 36 perangkat daerah; terbanyak … Evaluasi
    /// Proposal: 107 dinilai, 20 lolos."
    pub fn participation_line(&self, lang: Lang) -> String {
        let e = &self.participation;
        let mut s = kipp_formats::summary::headline(e, lang);
        for st in &e.stages {
            let name = if st.name.is_empty() { &st.id } else { &st.name };
            let n = |x: u64| kipp_formats::summary::thousands(x, lang);
            s.push_str(&match lang {
                Lang::Id => format!(
                    " {name}: {} dinilai, {} lolos.",
                    n(st.entered),
                    n(st.advanced)
                ),
                Lang::En => format!(
                    " {name}: {} ranked, {} advanced.",
                    n(st.entered),
                    n(st.advanced)
                ),
            });
        }
        s
    }

    /// The configured weights, per stage and criterion.
    pub fn weights(&self) -> Trial {
        self.prepared.weights().stages
    }

    /// The run with other criterion weights: 0 means the criterion counts
    /// for nothing (`None` when every weight of a stage is 0, or a weight is
    /// negative or out of the engine's limits).
    ///
    /// This is the weight sliders' path, run at every move while dragged: it
    /// reuses the engine's scratch buffers and leaves the digest out (a
    /// trial is not a result; the view shows no digest for it).
    pub fn rank_with(&self, w: &Trial, lang: Lang) -> Option<RunView> {
        let mut guard = self.trial_buf.borrow_mut();
        let (sc, out) = &mut *guard;
        self.prepared
            .rank_with_into(&Weights { stages: w.clone() }, sc, out)
            .ok()?;
        Some(view_of(self.prepared.competition(), out, lang))
    }

    /// The inputs and decisions of this run for a Web Worker (a
    /// [`kipp_score::PackedSnapshot`], its head as JSON), made once per run
    /// on first use; `None` if the head cannot be written (not expected).
    pub fn worker_snapshot(&self) -> Option<Rc<WorkerSnapshot>> {
        if let Some(s) = self.snapshot.borrow().as_ref() {
            return Some(s.clone());
        }
        // The scores are read in place (no copy of 167,000 of them); the
        // innovations come with the administrative check applied.
        let d = &self.source;
        let innovations = if d.eligibility.is_empty() {
            None
        } else {
            Some(
                Data {
                    scores: Default::default(),
                    ..d.clone()
                }
                .inputs()
                .innovations,
            )
        };
        let packed = kipp_score::PackedSnapshot::new(
            &d.competition,
            innovations.as_deref().unwrap_or(&d.innovations),
            d.judges.as_deref().map(|j| j.as_slice()),
            &d.scores,
            &self.prepared.decisions(),
        );
        let snap = Rc::new(WorkerSnapshot {
            head_json: serde_json::to_string(&packed.head).ok()?,
            index: packed.index,
            values: packed.values,
        });
        *self.snapshot.borrow_mut() = Some(snap.clone());
        Some(snap)
    }

    /// Why innovation `id` has its score in stage `stage`.
    pub fn explain(&self, stage: usize, id: &str) -> Option<Explanation> {
        self.prepared.explain(stage, id)
    }
}
