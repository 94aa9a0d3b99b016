//! `prepare`: validate once, then precompute everything that does not depend
//! on the weights, so that re-ranking is a weighted sum plus a sort.

use std::collections::{HashMap, HashSet};

use crate::bonus::bonus_of;
use crate::diag::Diagnostic;
use crate::digest;
use crate::model::{Competition, Innovation, Inputs, Judge, Normalize, ScoreList, ScoreSource};
use crate::norm::SWork;
use crate::rank::{desc_key, tie_keys, AdvanceRules, TieKey, NONE};
use crate::validate::{resolve_parts, Resolved};

/// One stage, precomputed.
#[derive(Clone, Debug)]
pub(crate) struct PStage {
    pub n_c: usize,
    pub weights: Vec<f64>,
    pub min: Vec<f64>,
    pub max: Vec<f64>,
    pub normalize: Normalize,
    pub aggregate: crate::model::Aggregate,
    pub min_judges: u32,
    /// Valid sheets (conflicts dropped) of eligible innovations, sorted by
    /// (innovation, judge): innovation i owns sheet_start[i]..sheet_start[i+1].
    pub sheet_start: Vec<u32>,
    pub sheet_judge: Vec<u32>,
    pub sheet_vals: Vec<f64>,
    /// Sheets dropped for a conflict of interest (same layout).
    pub drop_start: Vec<u32>,
    pub drop_judge: Vec<u32>,
    pub drop_vals: Vec<f64>,
    /// Eligible and enough valid sheets.
    pub complete: Vec<bool>,
    /// s-values n × n_c when they do not depend on who entered.
    pub fixed_s: Option<Vec<f64>>,
    /// Judges with < 2 sheets in the fixed z-score computation.
    pub fixed_few: Vec<(u32, u32)>,
    /// With `fixed_s`: desc_key of each tie-break value that does not depend
    /// on the weights (criterion, bonus), n × tie.len() (0 for `raw`).
    pub fixed_tie: Vec<u64>,
    /// With `fixed_s`: the same values criterion-major (n_c × n), for
    /// weighted sums over every innovation at once.
    pub fixed_st: Vec<f64>,
    pub bonus: Vec<f64>,
    pub ineligible_sheets: u32,
    pub ineligible_inns: u32,
    /// Resolved `combine`: (stage index, weight); `None` = this stage alone.
    pub combine: Option<Vec<(usize, f64)>>,
    pub tie: Vec<TieKey>,
    pub adv: AdvanceRules,
}

impl PStage {
    #[inline]
    pub fn sheet_range(&self, i: u32) -> (u32, u32) {
        (
            self.sheet_start[i as usize],
            self.sheet_start[i as usize + 1],
        )
    }
    #[inline]
    pub fn sheets_of(&self, i: u32) -> u32 {
        self.sheet_start[i as usize + 1] - self.sheet_start[i as usize]
    }
    #[inline]
    pub fn dropped_of(&self, i: u32) -> u32 {
        self.drop_start[i as usize + 1] - self.drop_start[i as usize]
    }
}

/// Validated, precomputed inputs: rank, re-rank, explain and simulate from here.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub(crate) comp: Competition,
    /// Innovations sorted by id (bytewise); their index is used everywhere.
    pub(crate) inns: Vec<Innovation>,
    pub(crate) eligible_list: Vec<u32>,
    pub(crate) cat: Vec<u32>,
    pub(crate) cat_names: Vec<String>,
    pub(crate) agency: Vec<u32>,
    pub(crate) n_agency: usize,
    /// All judges (judges file and scores), sorted by id.
    pub(crate) judge_ids: Vec<String>,
    pub(crate) stages: Vec<PStage>,
    pub(crate) digest: String,
    pub(crate) data_hash: [u8; 32],
    /// Plenary decisions per stage: (innovation index, advances), in
    /// innovation order (see [`Prepared::set_decisions`]).
    pub(crate) decisions: Vec<Vec<(u32, bool)>>,
    /// Identity of these prepared data, so that a [`crate::Scratch`] used
    /// with another `Prepared` drops its cached z-score values.
    pub(crate) uid: u64,
}

/// A fresh identity for prepared data.
pub(crate) fn next_uid() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Validates `inputs` (§1, all problems, [`crate::validate_competition`]'s included) and
/// precomputes everything that does not depend on the weights.
pub fn prepare(inputs: &Inputs) -> Result<Prepared, Vec<Diagnostic>> {
    let r = resolve_parts(
        &inputs.competition,
        &inputs.innovations,
        inputs.judges.as_deref(),
        inputs.scores.as_slice(),
    );
    if !r.diags.is_empty() {
        return Err(r.diags);
    }
    let inns = r
        .inn_order
        .iter()
        .map(|&k| inputs.innovations[k as usize].clone())
        .collect();
    let mut p = build(
        inputs.competition.clone(),
        inns,
        inputs.judges.as_deref(),
        inputs.scores.as_slice(),
        r,
    );
    p.finish_stages();
    Ok(p)
}

/// [`prepare`] of inputs given in parts, the scores as a [`ScoreList`]:
/// the same result and the same diagnostics as `prepare` of the same
/// inputs with the scores as [`crate::Score`]s. The competition and the
/// innovations are taken, not copied, and the scores are dropped as soon
/// as they have been read (peak memory).
pub fn prepare_list(
    competition: Competition,
    innovations: Vec<Innovation>,
    judges: Option<&[Judge]>,
    scores: ScoreList,
) -> Result<Prepared, Vec<Diagnostic>> {
    let r = resolve_parts(&competition, &innovations, judges, &scores);
    if !r.diags.is_empty() {
        return Err(r.diags);
    }
    let mut all: Vec<Option<Innovation>> = innovations.into_iter().map(Some).collect();
    let inns = r
        .inn_order
        .iter()
        .map(|&k| all[k as usize].take().unwrap_or_default())
        .collect();
    drop(all);
    let mut p = build(competition, inns, judges, &scores, r);
    drop(scores);
    p.finish_stages();
    Ok(p)
}

/// Everything but [`Prepared::finish_stages`] (the caller may first drop
/// the scores).
fn build<S: ScoreSource + ?Sized>(
    comp: Competition,
    inns: Vec<Innovation>,
    judges: Option<&[Judge]>,
    scores: &S,
    res: Resolved,
) -> Prepared {
    let n = inns.len();
    let inn_idx: HashMap<&str, u32> = inns
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i as u32))
        .collect();
    let eligible_list: Vec<u32> = (0..n as u32)
        .filter(|&i| inns[i as usize].eligible)
        .collect();
    // Categories and agencies as small integers.
    let mut cat_map: HashMap<&str, u32> = HashMap::new();
    let mut cat_names = Vec::new();
    let mut cat = Vec::with_capacity(n);
    let mut ag_map: HashMap<&str, u32> = HashMap::new();
    let mut agency = Vec::with_capacity(n);
    for x in &inns {
        let nc = cat_map.len() as u32;
        cat.push(*cat_map.entry(x.category.as_str()).or_insert_with(|| {
            cat_names.push(x.category.clone());
            nc
        }));
        if x.agency.is_empty() {
            agency.push(NONE);
        } else {
            let na = ag_map.len() as u32;
            agency.push(*ag_map.entry(x.agency.as_str()).or_insert(na));
        }
    }
    let n_agency = ag_map.len();
    let judge_ids = res.judge_ids;
    let judge_idx: HashMap<&str, u32> = judge_ids
        .iter()
        .enumerate()
        .map(|(i, j)| (j.as_str(), i as u32))
        .collect();
    // Conflicts (§1.4).
    let mut conflict_pairs: HashSet<(u32, u32)> = HashSet::new();
    let mut judge_agency: Vec<u32> = vec![NONE; judge_ids.len()];
    if let Some(js) = judges {
        for j in js {
            let Some(&ji) = judge_idx.get(j.id.as_str()) else {
                continue;
            };
            if !j.agency.is_empty() {
                if let Some(&a) = ag_map.get(j.agency.as_str()) {
                    judge_agency[ji as usize] = a;
                }
            }
            for c in &j.conflicts {
                if let Some(&ii) = inn_idx.get(c.trim()) {
                    conflict_pairs.insert((ji, ii));
                }
            }
        }
    }
    let conflict = |j: u32, i: u32| -> bool {
        let ja = judge_agency[j as usize];
        (ja != NONE && ja == agency[i as usize]) || conflict_pairs.contains(&(j, i))
    };
    // Scores: (stage, innovation, judge, criterion, position), sorted.
    let recs = &res.recs;
    let mut stages = Vec::with_capacity(comp.stages.len());
    let mut r = 0;
    let mut vals: Vec<f64> = Vec::new();
    for (si, st) in comp.stages.iter().enumerate() {
        let n_c = st.criteria.len();
        let mut ps = PStage {
            n_c,
            weights: st.criteria.iter().map(|c| c.weight).collect(),
            min: st.criteria.iter().map(|c| c.min).collect(),
            max: st.criteria.iter().map(|c| c.max).collect(),
            normalize: st.normalize,
            aggregate: st.aggregate,
            min_judges: st.min_judges,
            sheet_start: vec![0; n + 1],
            sheet_judge: Vec::new(),
            sheet_vals: Vec::new(),
            drop_start: vec![0; n + 1],
            drop_judge: Vec::new(),
            drop_vals: Vec::new(),
            complete: vec![false; n],
            fixed_s: None,
            fixed_few: Vec::new(),
            fixed_tie: Vec::new(),
            fixed_st: Vec::new(),
            bonus: inns.iter().map(|x| bonus_of(&st.bonus, x)).collect(),
            ineligible_sheets: 0,
            ineligible_inns: 0,
            combine: st.combine.as_ref().map(|terms| {
                terms
                    .iter()
                    .filter_map(|t| {
                        comp.stages
                            .iter()
                            .position(|s| s.id == t.stage)
                            .map(|p| (p, t.weight))
                    })
                    .collect()
            }),
            tie: tie_keys(st),
            adv: AdvanceRules::new(&st.advance),
        };
        let mut last_inelig = NONE;
        let mut cur_inn = 0u32;
        while r < recs.len() && recs[r].0 as usize == si {
            let (_, ii, ji, _, _) = recs[r];
            // One sheet: all records of (si, ii, ji); validation made it complete.
            vals.clear();
            vals.resize(n_c, 0.0);
            while r < recs.len() && recs[r].0 as usize == si && recs[r].1 == ii && recs[r].2 == ji {
                vals[recs[r].3 as usize] = scores.value(recs[r].4 as usize);
                r += 1;
            }
            // Close offsets up to ii.
            while cur_inn < ii {
                cur_inn += 1;
                ps.sheet_start[cur_inn as usize] = ps.sheet_judge.len() as u32;
                ps.drop_start[cur_inn as usize] = ps.drop_judge.len() as u32;
            }
            if !inns[ii as usize].eligible {
                ps.ineligible_sheets += 1;
                if last_inelig != ii {
                    ps.ineligible_inns += 1;
                    last_inelig = ii;
                }
            } else if conflict(ji, ii) {
                ps.drop_judge.push(ji);
                ps.drop_vals.extend_from_slice(&vals);
            } else {
                ps.sheet_judge.push(ji);
                ps.sheet_vals.extend_from_slice(&vals);
            }
        }
        while (cur_inn as usize) < n {
            cur_inn += 1;
            ps.sheet_start[cur_inn as usize] = ps.sheet_judge.len() as u32;
            ps.drop_start[cur_inn as usize] = ps.drop_judge.len() as u32;
        }
        stages.push(ps);
    }
    let data_hash = digest::data_hash(&comp, judges, scores, &inns, &judge_ids, &res.recs);
    let digest = digest::digest(&comp, &data_hash);
    Prepared {
        comp,
        inns,
        eligible_list,
        cat,
        cat_names,
        agency,
        n_agency,
        judge_ids,
        stages,
        digest,
        data_hash,
        decisions: Vec::new(),
        uid: next_uid(),
    }
}

impl Prepared {
    /// Recomputes `complete` and `fixed_s` of every stage from its sheets.
    pub(crate) fn finish_stages(&mut self) {
        let n = self.inns.len();
        let nj = self.judge_ids.len();
        let mut work = SWork::default();
        for (k, ps) in self.stages.iter_mut().enumerate() {
            for i in 0..n as u32 {
                ps.complete[i as usize] =
                    self.inns[i as usize].eligible && ps.sheets_of(i) >= ps.min_judges;
            }
            // s-values fixed when they cannot depend on who entered: no
            // normalisation, or the first stage (entry = the eligible ones).
            if ps.normalize == Normalize::None || k == 0 {
                let mut s = vec![f64::NAN; n * ps.n_c];
                work.select_all(ps, &self.eligible_list);
                work.compute(ps, &self.eligible_list, nj, &mut s);
                let nt = ps.tie.len();
                ps.fixed_tie.clear();
                ps.fixed_tie.resize(n * nt, 0);
                for i in 0..n {
                    for (t, key) in ps.tie.iter().enumerate() {
                        ps.fixed_tie[i * nt + t] = match key {
                            TieKey::Criterion(c) => desc_key(s[i * ps.n_c + c]),
                            TieKey::Bonus => desc_key(ps.bonus[i]),
                            TieKey::Raw => 0,
                        };
                    }
                }
                ps.fixed_st.clear();
                ps.fixed_st.resize(n * ps.n_c, f64::NAN);
                for i in 0..n {
                    for c in 0..ps.n_c {
                        ps.fixed_st[c * n + i] = s[i * ps.n_c + c];
                    }
                }
                ps.fixed_s = Some(s);
                ps.fixed_few = work.few.clone();
            } else {
                ps.fixed_s = None;
                ps.fixed_few.clear();
                ps.fixed_tie.clear();
                ps.fixed_st.clear();
            }
        }
    }

    /// The same inputs without one judge's sheets (leave one judge out, §5).
    pub(crate) fn without_judge(&self, j: u32) -> Prepared {
        let mut p = self.clone();
        p.uid = next_uid();
        let n = p.inns.len();
        for ps in &mut p.stages {
            let n_c = ps.n_c;
            let mut start = vec![0u32; n + 1];
            let mut judge = Vec::new();
            let mut vals = Vec::new();
            for i in 0..n {
                for q in ps.sheet_start[i]..ps.sheet_start[i + 1] {
                    let q = q as usize;
                    if ps.sheet_judge[q] != j {
                        judge.push(ps.sheet_judge[q]);
                        vals.extend_from_slice(&ps.sheet_vals[q * n_c..q * n_c + n_c]);
                    }
                }
                start[i + 1] = judge.len() as u32;
            }
            ps.sheet_start = start;
            ps.sheet_judge = judge;
            ps.sheet_vals = vals;
        }
        p.finish_stages();
        p
    }

    /// The competition as given.
    pub fn competition(&self) -> &Competition {
        &self.comp
    }

    /// All innovations, sorted by id; their position is the innovation index
    /// used by [`crate::StageView`].
    pub fn innovations(&self) -> &[Innovation] {
        &self.inns
    }

    /// Index of an innovation id.
    pub fn innovation_index(&self, id: &str) -> Option<usize> {
        self.inns.binary_search_by(|x| x.id.as_str().cmp(id)).ok()
    }

    /// All judge ids (judges file and scores), sorted.
    pub fn judge_ids(&self) -> &[String] {
        &self.judge_ids
    }

    /// The digest of the inputs (docs/digest.md).
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The digest the inputs would have with other criterion weights (the
    /// competition file with those weights written in). `None` when `w`
    /// does not fit the competition.
    pub fn digest_with(&self, w: &crate::Weights) -> Option<String> {
        self.check_weights(w).ok()?;
        let mut c = self.comp.clone();
        for (st, ws) in c.stages.iter_mut().zip(&w.stages) {
            for (cr, x) in st.criteria.iter_mut().zip(ws) {
                cr.weight = *x;
            }
        }
        Some(digest::digest_decided(
            &c,
            &self.data_hash,
            &self.decision_list(),
        ))
    }

    /// Sets the plenary decisions every later run applies: in stage `k`,
    /// after the advancing rule (§2.6), each decided innovation that was
    /// ranked there advances or not as decided; the next stage's entrants
    /// and the winners follow. An innovation that did not enter the stage,
    /// or is incomplete there, has no row to change: its decision does not
    /// apply (the row's [`crate::Row::recommended`] stays `None`). Replaces
    /// earlier decisions; the digest then covers them (docs/digest.md).
    /// Unknown stages or innovations, or one innovation decided twice in a
    /// stage, are problems and change nothing.
    pub fn set_decisions(&mut self, list: &[crate::Decision]) -> Result<(), Vec<Diagnostic>> {
        let mut per: Vec<Vec<(u32, bool)>> = vec![Vec::new(); self.stages.len()];
        let mut diags = Vec::new();
        let msg = |id: String, en: String| Diagnostic {
            loc: None,
            path: Vec::new(),
            kind: crate::DiagKind::Message { id, en },
        };
        for d in list {
            let Some(k) = self.comp.stages.iter().position(|s| s.id == d.stage) else {
                diags.push(msg(
                    format!("keputusan untuk tahap `{}` yang tidak ada", d.stage),
                    format!("a decision for stage `{}`, which does not exist", d.stage),
                ));
                continue;
            };
            let Some(i) = self.innovation_index(&d.innovation) else {
                diags.push(msg(
                    format!("keputusan untuk inovasi `{}` yang tidak ada", d.innovation),
                    format!(
                        "a decision for innovation `{}`, which does not exist",
                        d.innovation
                    ),
                ));
                continue;
            };
            if per[k].iter().any(|&(j, _)| j as usize == i) {
                diags.push(msg(
                    format!(
                        "dua keputusan untuk `{}` pada tahap `{}`",
                        d.innovation, d.stage
                    ),
                    format!(
                        "two decisions for `{}` in stage `{}`",
                        d.innovation, d.stage
                    ),
                ));
                continue;
            }
            per[k].push((i as u32, d.advance));
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        for v in &mut per {
            v.sort_unstable();
        }
        if per.iter().all(|v| v.is_empty()) {
            per.clear();
        }
        self.decisions = per;
        let list = self.decision_list();
        self.digest = digest::digest_decided(&self.comp, &self.data_hash, &list);
        self.uid = next_uid();
        Ok(())
    }

    /// The decisions set, in (stage, innovation id) order.
    pub fn decisions(&self) -> Vec<crate::Decision> {
        self.decision_list()
            .into_iter()
            .map(|(k, id, advance)| crate::Decision {
                stage: self.comp.stages[k].id.clone(),
                innovation: id.to_string(),
                advance,
            })
            .collect()
    }

    fn decision_list(&self) -> Vec<(usize, &str, bool)> {
        self.decisions
            .iter()
            .enumerate()
            .flat_map(|(k, v)| {
                v.iter()
                    .map(move |&(i, a)| (k, self.inns[i as usize].id.as_str(), a))
            })
            .collect()
    }
}
