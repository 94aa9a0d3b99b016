//! Semantic validation of a competition (§1.1) and of the data files against it
//! (§1.2-§1.4, §1.6). Parsing problems (unknown keys, wrong types, `kipp`
//! version, CSV syntax) are the formats crate's; everything here works on the
//! model and reports every problem it finds, each with its place.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diag::{DiagKind, Diagnostic, IdKind, PathSeg};
use crate::limits;
use crate::model::{
    Competition, Innovation, Inputs, Judge, Loc, Op, RuleValue, ScoreRef, ScoreSource, TieBreak,
};

/// Words that cannot be criterion ids (they are column names of the long score form).
pub const RESERVED: [&str; 5] = ["stage", "innovation", "judge", "criterion", "score"];

/// Most errors reported per data file (§1.6).
pub const MAX_ERRORS_PER_FILE: usize = 100;

/// Does `s` match `[a-z0-9][a-z0-9_-]*`?
pub fn is_valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() => {}
        _ => return false,
    }
    b.iter()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_' || *c == b'-')
}

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_string())
}

/// [`DiagKind::TooLarge`] or [`DiagKind::TooSmall`] at `path` when the
/// finite `x` is not a number the engine computes with
/// ([`limits::magnitude_ok`]).
fn magnitude(out: &mut Vec<Diagnostic>, path: Vec<PathSeg>, field: &str, x: f64) {
    if limits::magnitude_ok(x) {
        return;
    }
    let (field, value) = (field.to_string(), x);
    out.push(cdiag(
        path,
        if x.abs() > limits::MAX_MAGNITUDE {
            DiagKind::TooLarge { field, value }
        } else {
            DiagKind::TooSmall { field, value }
        },
    ));
}

/// [`DiagKind::TooMany`] at `path` when `count` is above `max`.
fn too_many(out: &mut Vec<Diagnostic>, path: Vec<PathSeg>, what: &str, count: usize, max: usize) {
    if count > max {
        out.push(cdiag(
            path,
            DiagKind::TooMany {
                what: what.to_string(),
                count,
                max,
            },
        ));
    }
}

fn cdiag(path: Vec<PathSeg>, kind: DiagKind) -> Diagnostic {
    Diagnostic {
        loc: None,
        path,
        kind,
    }
}

/// Every semantic problem of a competition (§1.1), each with its path into the
/// competition file. Empty when the competition is valid.
pub fn validate_competition(c: &Competition) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if c.stages.is_empty() {
        out.push(cdiag(vec![key("stages")], DiagKind::NoStages));
    }
    too_many(
        &mut out,
        vec![key("stages")],
        "stages",
        c.stages.len(),
        limits::MAX_STAGES,
    );
    let mut stage_seen: HashSet<&str> = HashSet::new();
    for (si, st) in c.stages.iter().enumerate() {
        let sp = |rest: &[PathSeg]| {
            let mut p = vec![key("stages"), PathSeg::Index(si)];
            p.extend_from_slice(rest);
            p
        };
        if !is_valid_id(&st.id) {
            out.push(cdiag(
                sp(&[key("id")]),
                DiagKind::BadId {
                    what: IdKind::Stage,
                    value: st.id.clone(),
                },
            ));
        } else if !stage_seen.insert(&st.id) {
            out.push(cdiag(
                sp(&[key("id")]),
                DiagKind::DuplicateId {
                    what: IdKind::Stage,
                    value: st.id.clone(),
                    first: None,
                },
            ));
        }
        if st.criteria.is_empty() {
            out.push(cdiag(
                sp(&[key("criteria")]),
                DiagKind::NoCriteria {
                    stage: st.id.clone(),
                },
            ));
        }
        too_many(
            &mut out,
            sp(&[key("criteria")]),
            "criteria",
            st.criteria.len(),
            limits::MAX_CRITERIA,
        );
        too_many(
            &mut out,
            sp(&[key("bonus")]),
            "bonus",
            st.bonus.len(),
            limits::MAX_BONUS,
        );
        let mut crit_seen: HashSet<&str> = HashSet::new();
        for (ci, cr) in st.criteria.iter().enumerate() {
            let cp = |k: &str| sp(&[key("criteria"), PathSeg::Index(ci), key(k)]);
            if RESERVED.contains(&cr.id.as_str()) {
                out.push(cdiag(
                    cp("id"),
                    DiagKind::ReservedId {
                        value: cr.id.clone(),
                    },
                ));
            } else if !is_valid_id(&cr.id) {
                out.push(cdiag(
                    cp("id"),
                    DiagKind::BadId {
                        what: IdKind::Criterion,
                        value: cr.id.clone(),
                    },
                ));
            } else if !crit_seen.insert(&cr.id) {
                out.push(cdiag(
                    cp("id"),
                    DiagKind::DuplicateId {
                        what: IdKind::Criterion,
                        value: cr.id.clone(),
                        first: None,
                    },
                ));
            }
            if !(cr.weight.is_finite() && cr.weight > 0.0) {
                out.push(cdiag(
                    cp("weight"),
                    DiagKind::BadWeight { value: cr.weight },
                ));
            } else {
                magnitude(&mut out, cp("weight"), "weight", cr.weight);
            }
            if !(cr.min.is_finite() && cr.max.is_finite() && cr.min < cr.max) {
                let field = if !cr.max.is_finite() { "max" } else { "min" };
                out.push(cdiag(
                    cp(field),
                    DiagKind::BadScale {
                        min: cr.min,
                        max: cr.max,
                    },
                ));
            } else {
                magnitude(&mut out, cp("min"), "min", cr.min);
                magnitude(&mut out, cp("max"), "max", cr.max);
            }
        }
        if st.min_judges < 1 {
            out.push(cdiag(sp(&[key("min_judges")]), DiagKind::MinJudgesZero));
        }
        let mut bonus_seen: HashSet<&str> = HashSet::new();
        for (bi, b) in st.bonus.iter().enumerate() {
            let bp = |rest: &[&str]| {
                let mut p = sp(&[key("bonus"), PathSeg::Index(bi)]);
                p.extend(rest.iter().map(|k| key(k)));
                p
            };
            if !is_valid_id(&b.id) {
                out.push(cdiag(
                    bp(&["id"]),
                    DiagKind::BadId {
                        what: IdKind::Bonus,
                        value: b.id.clone(),
                    },
                ));
            } else if !bonus_seen.insert(&b.id) {
                out.push(cdiag(
                    bp(&["id"]),
                    DiagKind::DuplicateId {
                        what: IdKind::Bonus,
                        value: b.id.clone(),
                        first: None,
                    },
                ));
            }
            if !b.points.is_finite() {
                out.push(cdiag(
                    bp(&["points"]),
                    DiagKind::NotFinite {
                        field: "points".into(),
                    },
                ));
            } else {
                magnitude(&mut out, bp(&["points"]), "points", b.points);
            }
            if let RuleValue::List(list) = &b.value {
                too_many(
                    &mut out,
                    bp(&["when", "value"]),
                    "values",
                    list.len(),
                    limits::MAX_RULE_VALUES,
                );
            }
            if b.field.trim().is_empty() {
                out.push(cdiag(bp(&["when", "field"]), DiagKind::EmptyField));
            }
            let shape_ok = matches!(
                (b.op, &b.value),
                (Op::In, RuleValue::List(_))
                    | (
                        Op::Ge | Op::Gt | Op::Le | Op::Lt | Op::Eq | Op::Ne,
                        RuleValue::One(_)
                    )
            );
            if !shape_ok {
                out.push(cdiag(
                    bp(&["when", "value"]),
                    DiagKind::BadRuleValue {
                        op: op_text(b.op).to_string(),
                    },
                ));
            }
        }
        if let Some(comb) = &st.combine {
            if comb.is_empty() {
                out.push(cdiag(sp(&[key("combine")]), DiagKind::EmptyCombine));
            }
            let mut seen: HashSet<&str> = HashSet::new();
            for (ti, t) in comb.iter().enumerate() {
                let tp = |k: &str| sp(&[key("combine"), PathSeg::Index(ti), key(k)]);
                match c.stages.iter().position(|s| s.id == t.stage) {
                    None => out.push(cdiag(
                        tp("stage"),
                        DiagKind::CombineUnknownStage {
                            stage: t.stage.clone(),
                        },
                    )),
                    Some(p) if p > si => out.push(cdiag(
                        tp("stage"),
                        DiagKind::CombineLaterStage {
                            stage: t.stage.clone(),
                        },
                    )),
                    Some(_) => {
                        if !seen.insert(&t.stage) {
                            out.push(cdiag(
                                tp("stage"),
                                DiagKind::CombineDuplicate {
                                    stage: t.stage.clone(),
                                },
                            ));
                        }
                    }
                }
                if !(t.weight.is_finite() && t.weight > 0.0) {
                    out.push(cdiag(tp("weight"), DiagKind::BadWeight { value: t.weight }));
                } else {
                    magnitude(&mut out, tp("weight"), "weight", t.weight);
                }
            }
        }
        for (ki, tb) in st.tie_break.iter().enumerate() {
            if let TieBreak::Criterion(cid) = tb {
                if !st.criteria.iter().any(|c| &c.id == cid) {
                    out.push(cdiag(
                        sp(&[key("tie_break"), PathSeg::Index(ki)]),
                        DiagKind::TieBreakUnknownCriterion {
                            criterion: cid.clone(),
                        },
                    ));
                }
            }
        }
        if let Some(adv) = &st.advance {
            if adv.top == Some(0) {
                out.push(cdiag(sp(&[key("advance"), key("top")]), DiagKind::TopZero));
            }
            if adv.max_per_agency == Some(0) {
                out.push(cdiag(
                    sp(&[key("advance"), key("max_per_agency")]),
                    DiagKind::MaxPerAgencyZero,
                ));
            }
            if let Some(t) = adv.threshold {
                if !t.is_finite() {
                    out.push(cdiag(
                        sp(&[key("advance"), key("threshold")]),
                        DiagKind::NotFinite {
                            field: "threshold".into(),
                        },
                    ));
                } else {
                    magnitude(
                        &mut out,
                        sp(&[key("advance"), key("threshold")]),
                        "threshold",
                        t,
                    );
                }
            }
        }
    }
    out
}

/// The op as written in the competition file.
pub fn op_text(op: Op) -> &'static str {
    match op {
        Op::Ge => ">=",
        Op::Gt => ">",
        Op::Le => "<=",
        Op::Lt => "<",
        Op::Eq => "==",
        Op::Ne => "!=",
        Op::In => "in",
    }
}

fn with_col(sc: &ScoreRef<'_>, col: u32) -> Option<Loc> {
    Some(Loc {
        file: sc.file.clone(),
        line: sc.line,
        column: col,
    })
}

fn ddiag(loc: Option<Loc>, kind: DiagKind) -> Diagnostic {
    Diagnostic {
        loc,
        path: Vec::new(),
        kind,
    }
}

/// Cross-file validation (§1.2-§1.4, §1.6): every problem of the data files
/// given the competition, plus the competition's own ([`validate_competition`]).
/// At most [`MAX_ERRORS_PER_FILE`] per data file are returned, followed by one
/// [`DiagKind::TooManyErrors`] when there were more. Competition problems
/// come first, then data problems by file, line and column.
pub fn validate_inputs(inputs: &Inputs) -> Vec<Diagnostic> {
    resolve(inputs).diags
}

/// The inputs with every id resolved to an index, and every problem found.
pub(crate) struct Resolved {
    pub diags: Vec<Diagnostic>,
    /// Innovation positions in `innovations`, sorted by id.
    pub inn_order: Vec<u32>,
    /// All judge ids (judges file and scores), sorted.
    pub judge_ids: Vec<String>,
    /// (stage, innovation index (sorted), judge index (sorted), criterion,
    /// position in `inputs.scores`) of every fully resolved score, sorted.
    pub recs: Vec<(u32, u32, u32, u32, u32)>,
}

/// A small cache for id lookups: score files usually repeat the same id on
/// consecutive rows (grouped by innovation or stage).
struct Last<'a> {
    key: Option<&'a str>,
    val: Option<u32>,
}

impl<'a> Last<'a> {
    fn new() -> Self {
        Last {
            key: None,
            val: None,
        }
    }
    #[inline]
    fn get(&mut self, k: &'a str, f: impl FnOnce(&str) -> Option<u32>) -> Option<u32> {
        if self.key != Some(k) {
            self.key = Some(k);
            self.val = f(k);
        }
        self.val
    }
}

/// Lookups by id number (scores of a [`crate::ScoreList`]): each number
/// is looked up once.
struct Memo {
    slots: Vec<u32>,
}

/// Not looked up yet.
const UNSET: u32 = u32::MAX;
/// Looked up, not found.
const MISSING: u32 = u32::MAX - 1;

impl Memo {
    fn new(n: usize) -> Self {
        Memo {
            slots: vec![UNSET; n],
        }
    }
    #[inline]
    fn get(&mut self, num: u32, f: impl FnOnce() -> Option<u32>) -> Option<u32> {
        let s = &mut self.slots[num as usize];
        if *s == UNSET {
            *s = f().unwrap_or(MISSING);
        }
        (*s != MISSING).then_some(*s)
    }
    fn set(&mut self, num: u32, v: u32) {
        self.slots[num as usize] = v;
    }
}

/// Data diagnostics held before [`compact`] thins them out.
const COMPACT_AT: usize = 1 << 16;

/// Stable, by (file, line, column); diagnostics without a place first.
fn sort_by_place(data: &mut [Diagnostic]) {
    data.sort_by(|a, b| {
        let ka = a.loc.as_ref().map(|l| (l.file.clone(), l.line, l.column));
        let kb = b.loc.as_ref().map(|l| (l.file.clone(), l.line, l.column));
        ka.cmp(&kb)
    });
}

/// Keeps the first [`MAX_ERRORS_PER_FILE`] diagnostics of each file by
/// place and counts the others in `dropped`. What is kept includes the
/// first of each file among all diagnostics made so far and later (a
/// stable sort of the kept ones and the later ones orders them as a sort
/// of all of them would), so the result is the same as without it.
fn compact(data: &mut Vec<Diagnostic>, dropped: &mut BTreeMap<String, usize>) {
    sort_by_place(data);
    let mut seen: Vec<(Option<std::sync::Arc<str>>, usize)> = Vec::new();
    data.retain(|d| {
        let f = d.loc.as_ref().map(|l| l.file.clone());
        let i = match seen.iter().position(|(g, _)| *g == f) {
            Some(i) => i,
            None => {
                seen.push((f.clone(), 0));
                seen.len() - 1
            }
        };
        seen[i].1 += 1;
        if seen[i].1 <= MAX_ERRORS_PER_FILE {
            return true;
        }
        let name = f.map(|f| f.to_string()).unwrap_or_default();
        *dropped.entry(name).or_insert(0) += 1;
        false
    });
}

pub(crate) fn resolve(inputs: &Inputs) -> Resolved {
    resolve_parts(
        &inputs.competition,
        &inputs.innovations,
        inputs.judges.as_deref(),
        inputs.scores.as_slice(),
    )
}

/// [`resolve`] of inputs given in parts, the scores in either form.
pub(crate) fn resolve_parts<S: ScoreSource + ?Sized>(
    comp: &Competition,
    innovations: &[Innovation],
    judges: Option<&[Judge]>,
    scores: &S,
) -> Resolved {
    let mut comp_diags = validate_competition(comp);
    let mut data: Vec<Diagnostic> = Vec::new();

    // Innovations: sorted by id, duplicates adjacent (the first in file order kept).
    let mut inn_order: Vec<u32> = (0..innovations.len() as u32).collect();
    inn_order.sort_by(|&a, &b| {
        innovations[a as usize]
            .id
            .cmp(&innovations[b as usize].id)
            .then(a.cmp(&b))
    });
    let mut uniq: Vec<u32> = Vec::with_capacity(inn_order.len());
    for &k in &inn_order {
        let inn = &innovations[k as usize];
        if inn.id.is_empty() {
            data.push(ddiag(
                Some(inn.loc.clone()),
                DiagKind::BadId {
                    what: IdKind::Innovation,
                    value: String::new(),
                },
            ));
            continue;
        }
        if let Some(&f) = uniq.last() {
            let first = &innovations[f as usize];
            if first.id == inn.id {
                data.push(ddiag(
                    Some(inn.loc.clone()),
                    DiagKind::DuplicateId {
                        what: IdKind::Innovation,
                        value: inn.id.clone(),
                        first: Some(first.loc.clone()),
                    },
                ));
                continue;
            }
        }
        uniq.push(k);
    }
    let inn_order = uniq;
    if let Some(inn) = innovations.get(limits::MAX_INNOVATIONS) {
        data.push(ddiag(
            Some(inn.loc.clone()),
            DiagKind::TooMany {
                what: "innovations".into(),
                count: innovations.len(),
                max: limits::MAX_INNOVATIONS,
            },
        ));
    }
    let inn_ids: Vec<&str> = inn_order
        .iter()
        .map(|&k| innovations[k as usize].id.as_str())
        .collect();
    let inn_index = |id: &str| inn_ids.binary_search(&id).ok().map(|x| x as u32);

    // Judges.
    let mut judge_map: HashMap<&str, u32> = HashMap::new();
    let mut judge_list: Vec<&str> = Vec::new();
    let file_judges = judges.is_some();
    if let Some(judges) = judges {
        let mut first: HashMap<&str, &Loc> = HashMap::new();
        for j in judges {
            if j.id.is_empty() {
                data.push(ddiag(
                    Some(j.loc.clone()),
                    DiagKind::BadId {
                        what: IdKind::Judge,
                        value: String::new(),
                    },
                ));
                continue;
            }
            if let Some(f) = first.get(j.id.as_str()) {
                data.push(ddiag(
                    Some(j.loc.clone()),
                    DiagKind::DuplicateId {
                        what: IdKind::Judge,
                        value: j.id.clone(),
                        first: Some((*f).clone()),
                    },
                ));
            } else {
                first.insert(&j.id, &j.loc);
                judge_map.insert(&j.id, judge_list.len() as u32);
                judge_list.push(&j.id);
            }
        }
    }
    if let Some(j) = judges.and_then(|j| j.get(limits::MAX_JUDGES)) {
        data.push(ddiag(
            Some(j.loc.clone()),
            DiagKind::TooMany {
                what: "judges".into(),
                count: judges.map_or(0, <[Judge]>::len),
                max: limits::MAX_JUDGES,
            },
        ));
    }
    // Scores.
    let crit_index: Vec<HashMap<&str, usize>> = comp
        .stages
        .iter()
        .map(|st| {
            let mut m = HashMap::with_capacity(st.criteria.len());
            for (i, c) in st.criteria.iter().enumerate() {
                // The first of a duplicated id, as the linear search found.
                m.entry(c.id.as_str()).or_insert(i);
            }
            m
        })
        .collect();
    let mut recs: Vec<(u32, u32, u32, u32, u32)> = Vec::with_capacity(scores.len());
    let (mut last_stage, mut last_inn, mut last_judge) = (Last::new(), Last::new(), Last::new());
    let nid = scores.id_count();
    let (mut m_stage, mut m_inn, mut m_judge) = (Memo::new(nid), Memo::new(nid), Memo::new(nid));
    // Criterion by number: (stage, criterion index) of the last lookup.
    let mut m_crit: Vec<(u32, u32)> = vec![(UNSET, UNSET); nid];
    let stage_of = |k: &str| comp.stages.iter().position(|s| s.id == k).map(|x| x as u32);
    // Only the first MAX_ERRORS_PER_FILE of each file (by place) are
    // returned: past COMPACT_AT, the others are counted, not kept (a file
    // of 10 million unknown ids made 2.4 GB of diagnostics).
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    for pos in 0..scores.len() {
        if data.len() >= COMPACT_AT {
            compact(&mut data, &mut dropped);
        }
        // Ids seen before, all found, the value on the scale: the record
        // at once (what the full checks below would give, without a
        // diagnostic).
        if let Some((n, value)) = scores.nums(pos) {
            let (si, ii, ji) = (
                m_stage.slots[n[0] as usize],
                m_inn.slots[n[1] as usize],
                m_judge.slots[n[2] as usize],
            );
            let (cs, ci) = m_crit[n[3] as usize];
            if si < MISSING && ii < MISSING && ji < MISSING && cs == si && ci < MISSING {
                let cr = &comp.stages[si as usize].criteria[ci as usize];
                if value.is_finite()
                    && (value == 0.0 || value.abs() >= limits::MIN_MAGNITUDE)
                    && !(cr.min.is_finite()
                        && cr.max.is_finite()
                        && (value < cr.min || value > cr.max))
                {
                    recs.push((si, ii, ji, ci, pos as u32));
                    continue;
                }
            }
        }
        let sc = scores.at(pos);
        let mut ok = true;
        let si = match sc.nums {
            Some(n) => m_stage.get(n[0], || stage_of(sc.stage)),
            None => last_stage.get(sc.stage, stage_of),
        };
        if si.is_none() {
            data.push(ddiag(
                with_col(&sc, sc.cols[0]),
                DiagKind::UnknownStage {
                    stage: sc.stage.to_string(),
                },
            ));
            ok = false;
        }
        let ii = match sc.nums {
            Some(n) => m_inn.get(n[1], || inn_index(sc.innovation)),
            None => last_inn.get(sc.innovation, inn_index),
        };
        if ii.is_none() {
            data.push(ddiag(
                with_col(&sc, sc.cols[1]),
                DiagKind::UnknownInnovation {
                    innovation: sc.innovation.to_string(),
                },
            ));
            ok = false;
        }
        let ji = if sc.judge.is_empty() {
            data.push(ddiag(
                with_col(&sc, sc.cols[2]),
                DiagKind::BadId {
                    what: IdKind::Judge,
                    value: String::new(),
                },
            ));
            ok = false;
            None
        } else {
            let j = match sc.nums {
                Some(n) => m_judge.get(n[2], || judge_map.get(sc.judge).copied()),
                None => last_judge.get(sc.judge, |k| judge_map.get(k).copied()),
            };
            match j {
                Some(j) => Some(j),
                None if file_judges => {
                    data.push(ddiag(
                        with_col(&sc, sc.cols[2]),
                        DiagKind::UnknownJudge {
                            judge: sc.judge.to_string(),
                        },
                    ));
                    ok = false;
                    None
                }
                None => {
                    let j = judge_list.len() as u32;
                    if judge_list.len() == limits::MAX_JUDGES {
                        // Once, at the first judge past the limit (the
                        // scores name them; no judges file).
                        data.push(ddiag(
                            with_col(&sc, sc.cols[2]),
                            DiagKind::TooMany {
                                what: "judges".into(),
                                count: judge_list.len() + 1,
                                max: limits::MAX_JUDGES,
                            },
                        ));
                    }
                    judge_map.insert(sc.judge, j);
                    judge_list.push(sc.judge);
                    match sc.nums {
                        Some(n) => m_judge.set(n[2], j),
                        None => last_judge.val = Some(j),
                    }
                    Some(j)
                }
            }
        };
        let Some(si) = si else { continue };
        let st = &comp.stages[si as usize];
        let ci = match sc.nums {
            Some(n) => {
                let m = &mut m_crit[n[3] as usize];
                if m.0 != si {
                    let c = crit_index[si as usize].get(sc.criterion).copied();
                    *m = (si, c.map_or(MISSING, |c| c as u32));
                }
                (m.1 != MISSING).then_some(m.1 as usize)
            }
            None => crit_index[si as usize].get(sc.criterion).copied(),
        };
        let Some(ci) = ci else {
            data.push(ddiag(
                with_col(&sc, sc.cols[3]),
                DiagKind::UnknownCriterion {
                    stage: sc.stage.to_string(),
                    criterion: sc.criterion.to_string(),
                },
            ));
            continue;
        };
        let cr = &st.criteria[ci];
        if !sc.value.is_finite() {
            data.push(ddiag(with_col(&sc, sc.cols[4]), DiagKind::ScoreNotFinite));
        } else if cr.min.is_finite()
            && cr.max.is_finite()
            && (sc.value < cr.min || sc.value > cr.max)
        {
            data.push(ddiag(
                with_col(&sc, sc.cols[4]),
                DiagKind::ScoreOutOfRange {
                    value: sc.value,
                    min: cr.min,
                    max: cr.max,
                },
            ));
        } else if !limits::magnitude_ok(sc.value) {
            // On a valid scale only a tiny score can be refused here.
            let (field, value) = ("score".to_string(), sc.value);
            data.push(ddiag(
                with_col(&sc, sc.cols[4]),
                if value.abs() > limits::MAX_MAGNITUDE {
                    DiagKind::TooLarge { field, value }
                } else {
                    DiagKind::TooSmall { field, value }
                },
            ));
        }
        if let (true, Some(ii), Some(ji)) = (ok, ii, ji) {
            recs.push((si, ii, ji, ci as u32, pos as u32));
        }
    }
    // Judges sorted by id; remap.
    let mut jorder: Vec<u32> = (0..judge_list.len() as u32).collect();
    jorder.sort_by(|&a, &b| judge_list[a as usize].cmp(judge_list[b as usize]));
    let mut jnew = vec![0u32; judge_list.len()];
    for (new, &old) in jorder.iter().enumerate() {
        jnew[old as usize] = new as u32;
    }
    let judge_ids: Vec<String> = jorder
        .iter()
        .map(|&o| judge_list[o as usize].to_string())
        .collect();
    for r in &mut recs {
        r.2 = jnew[r.2 as usize];
    }
    // Files are usually grouped by stage and innovation already: then only
    // each group (a few sheets) needs sorting, and its sheets are sorted
    // runs that the (stable) merge sort finds. Records differ in position,
    // so the order is the same either way.
    if recs
        .windows(2)
        .all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1))
    {
        for g in recs.chunk_by_mut(|a, b| (a.0, a.1) == (b.0, b.1)) {
            g.sort();
        }
    } else {
        recs.sort_unstable();
    }
    // Duplicates and incomplete sheets, on the sorted records; the kept
    // ones are moved to the front (no second list).
    let mut kept = 0;
    let mut g = 0;
    let mut seen: Vec<bool> = Vec::new();
    while g < recs.len() {
        if data.len() >= COMPACT_AT {
            compact(&mut data, &mut dropped);
        }
        let (si, ii, ji) = (recs[g].0, recs[g].1, recs[g].2);
        let mut h = g;
        while h < recs.len() && (recs[h].0, recs[h].1, recs[h].2) == (si, ii, ji) {
            h += 1;
        }
        let st = &comp.stages[si as usize];
        seen.clear();
        seen.resize(st.criteria.len(), false);
        let mut first_pos = u32::MAX;
        for k in g..h {
            let r = recs[k];
            first_pos = first_pos.min(r.4);
            if seen[r.3 as usize] {
                let sc = scores.at(r.4 as usize);
                // The first of the pair is the previous record (lower position).
                let f = scores.at(recs[k - 1].4 as usize);
                data.push(ddiag(
                    with_col(&sc, sc.cols[4]),
                    DiagKind::DuplicateScore {
                        stage: sc.stage.to_string(),
                        innovation: sc.innovation.to_string(),
                        judge: sc.judge.to_string(),
                        criterion: sc.criterion.to_string(),
                        first: Some(f.loc()),
                    },
                ));
                continue;
            }
            seen[r.3 as usize] = true;
            recs[kept] = r;
            kept += 1;
        }
        if !seen.iter().all(|b| *b) {
            let sc = scores.at(first_pos as usize);
            // The first few only: a file of one-criterion sheets would
            // otherwise list (criteria − 1) ids per sheet.
            let absent = seen.iter().filter(|s| !**s).count();
            let missing = st
                .criteria
                .iter()
                .zip(&seen)
                .filter(|(_, s)| !**s)
                .take(limits::MISSING_LISTED)
                .map(|(c, _)| c.id.clone())
                .collect();
            data.push(ddiag(
                with_col(&sc, 1),
                DiagKind::IncompleteSheet {
                    stage: st.id.clone(),
                    innovation: sc.innovation.to_string(),
                    judge: sc.judge.to_string(),
                    missing,
                    more: absent.saturating_sub(limits::MISSING_LISTED),
                },
            ));
        }
        g = h;
    }
    recs.truncate(kept);
    // Sort data problems by place, cap each file at MAX_ERRORS_PER_FILE.
    sort_by_place(&mut data);
    let mut per_file: BTreeMap<String, usize> = BTreeMap::new();
    let mut capped: Vec<Diagnostic> = Vec::new();
    let mut last_of_file: BTreeMap<String, Loc> = BTreeMap::new();
    for d in data {
        let f = d
            .loc
            .as_ref()
            .map(|l| l.file.to_string())
            .unwrap_or_default();
        let n = per_file.entry(f.clone()).or_insert(0);
        *n += 1;
        if *n <= MAX_ERRORS_PER_FILE {
            if let Some(l) = &d.loc {
                last_of_file.insert(f, l.clone());
            }
            capped.push(d);
        }
    }
    // Those left out by `compact` come after every one kept.
    for (f, k) in dropped {
        *per_file.entry(f).or_insert(0) += k;
    }
    for (f, n) in per_file {
        if n > MAX_ERRORS_PER_FILE {
            let loc = last_of_file.get(&f).cloned();
            capped.push(ddiag(
                loc,
                DiagKind::TooManyErrors {
                    more: n - MAX_ERRORS_PER_FILE,
                },
            ));
        }
    }
    comp_diags.extend(capped);
    Resolved {
        diags: comp_diags,
        inn_order,
        judge_ids,
        recs,
    }
}
