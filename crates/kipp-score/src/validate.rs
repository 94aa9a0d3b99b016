//! Semantic validation of a competition (§1.1) and of the data files against it
//! (§1.2-§1.4, §1.6). Parsing problems (unknown keys, wrong types, `kipp`
//! version, CSV syntax) are the formats crate's; everything here works on the
//! model and reports every problem it finds, each with its place.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diag::{DiagKind, Diagnostic, IdKind, PathSeg};
use crate::model::{Competition, Inputs, Loc, Op, RuleValue, TieBreak};

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

fn with_col(loc: &Loc, col: u32) -> Option<Loc> {
    let mut l = loc.clone();
    l.column = col;
    Some(l)
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
    let comp = &inputs.competition;
    let mut comp_diags = validate_competition(comp);
    let mut data: Vec<Diagnostic> = Vec::new();

    // Innovations: unique ids (non-empty is the formats crate's, but check anyway).
    let mut inn_first: HashMap<&str, &Loc> = HashMap::new();
    for inn in &inputs.innovations {
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
        if let Some(first) = inn_first.get(inn.id.as_str()) {
            data.push(ddiag(
                Some(inn.loc.clone()),
                DiagKind::DuplicateId {
                    what: IdKind::Innovation,
                    value: inn.id.clone(),
                    first: Some((*first).clone()),
                },
            ));
        } else {
            inn_first.insert(&inn.id, &inn.loc);
        }
    }
    // Judges.
    let mut judge_set: Option<HashSet<&str>> = None;
    if let Some(judges) = &inputs.judges {
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
            }
        }
        judge_set = Some(first.keys().copied().collect());
    }
    // Scores.
    let stage_idx: HashMap<&str, usize> = comp
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut first_score: HashMap<(usize, &str, &str, usize), &Loc> = HashMap::new();
    // (stage, innovation, judge) -> (first loc, criteria seen)
    let mut sheets: BTreeMap<(usize, &str, &str), (&Loc, Vec<bool>)> = BTreeMap::new();
    for sc in &inputs.scores {
        let mut ok = true;
        let si = stage_idx.get(sc.stage.as_str()).copied();
        if si.is_none() {
            data.push(ddiag(
                with_col(&sc.loc, sc.cols[0]),
                DiagKind::UnknownStage {
                    stage: sc.stage.clone(),
                },
            ));
            ok = false;
        }
        if !inn_first.contains_key(sc.innovation.as_str()) {
            data.push(ddiag(
                with_col(&sc.loc, sc.cols[1]),
                DiagKind::UnknownInnovation {
                    innovation: sc.innovation.clone(),
                },
            ));
            ok = false;
        }
        if let Some(js) = &judge_set {
            if !js.contains(sc.judge.as_str()) {
                data.push(ddiag(
                    with_col(&sc.loc, sc.cols[2]),
                    DiagKind::UnknownJudge {
                        judge: sc.judge.clone(),
                    },
                ));
                ok = false;
            }
        } else if sc.judge.is_empty() {
            data.push(ddiag(
                with_col(&sc.loc, sc.cols[2]),
                DiagKind::BadId {
                    what: IdKind::Judge,
                    value: String::new(),
                },
            ));
            ok = false;
        }
        let Some(si) = si else { continue };
        let st = &comp.stages[si];
        let ci = st.criteria.iter().position(|c| c.id == sc.criterion);
        let Some(ci) = ci else {
            data.push(ddiag(
                with_col(&sc.loc, sc.cols[3]),
                DiagKind::UnknownCriterion {
                    stage: sc.stage.clone(),
                    criterion: sc.criterion.clone(),
                },
            ));
            continue;
        };
        let cr = &st.criteria[ci];
        if !sc.value.is_finite() {
            data.push(ddiag(
                with_col(&sc.loc, sc.cols[4]),
                DiagKind::ScoreNotFinite,
            ));
        } else if cr.min.is_finite()
            && cr.max.is_finite()
            && (sc.value < cr.min || sc.value > cr.max)
        {
            data.push(ddiag(
                with_col(&sc.loc, sc.cols[4]),
                DiagKind::ScoreOutOfRange {
                    value: sc.value,
                    min: cr.min,
                    max: cr.max,
                },
            ));
        }
        let k = (si, sc.innovation.as_str(), sc.judge.as_str(), ci);
        if let Some(f) = first_score.get(&k) {
            data.push(ddiag(
                with_col(&sc.loc, sc.cols[4]),
                DiagKind::DuplicateScore {
                    stage: sc.stage.clone(),
                    innovation: sc.innovation.clone(),
                    judge: sc.judge.clone(),
                    criterion: sc.criterion.clone(),
                    first: Some((*f).clone()),
                },
            ));
        } else {
            first_score.insert(k, &sc.loc);
        }
        if ok {
            let e = sheets
                .entry((si, sc.innovation.as_str(), sc.judge.as_str()))
                .or_insert_with(|| (&sc.loc, vec![false; st.criteria.len()]));
            if sc.loc.line < e.0.line {
                e.0 = &sc.loc;
            }
            e.1[ci] = true;
        }
    }
    for ((si, inn, judge), (loc, seen)) in &sheets {
        if seen.iter().all(|b| *b) {
            continue;
        }
        let st = &comp.stages[*si];
        let missing = st
            .criteria
            .iter()
            .zip(seen)
            .filter(|(_, s)| !**s)
            .map(|(c, _)| c.id.clone())
            .collect();
        let mut l = (*loc).clone();
        l.column = 1;
        data.push(ddiag(
            Some(l),
            DiagKind::IncompleteSheet {
                stage: st.id.clone(),
                innovation: inn.to_string(),
                judge: judge.to_string(),
                missing,
            },
        ));
    }
    // Sort data problems by place, cap each file at MAX_ERRORS_PER_FILE.
    data.sort_by(|a, b| {
        let ka = a.loc.as_ref().map(|l| (l.file.clone(), l.line, l.column));
        let kb = b.loc.as_ref().map(|l| (l.file.clone(), l.line, l.column));
        ka.cmp(&kb)
    });
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
    comp_diags
}
