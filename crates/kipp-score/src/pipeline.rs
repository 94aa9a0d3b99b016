//! The stage pipeline of §2 over prepared inputs, with reusable buffers.

use rand_chacha::ChaCha8Rng;

use crate::norm::SWork;
use crate::prepare::{PStage, Prepared};
use crate::rank::{desc_key, desc_keys, RankBuf, TieKey, NONE};
use crate::result::{Row, RunResult, StageResult, Warning};

/// Criterion weights per stage, in stage and criterion order.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Weights {
    /// `stages[k][c]`: weight of criterion c of stage k.
    pub stages: Vec<Vec<f64>>,
}

/// Weights that do not fit the competition.
#[derive(Clone, Debug, PartialEq)]
pub enum WeightsError {
    /// Not one list per stage.
    StageCount {
        /// Stages of the competition.
        expected: usize,
        /// Lists given.
        got: usize,
    },
    /// Not one weight per criterion.
    CriterionCount {
        /// Stage index.
        stage: usize,
        /// Criteria of the stage.
        expected: usize,
        /// Weights given.
        got: usize,
    },
    /// A weight that is not a finite number the engine computes with: 0
    /// (what-if only: the criterion then counts for nothing) or from 1e-100
    /// to 1e15 ([`crate::limits`]).
    NotPositive {
        /// Stage index.
        stage: usize,
        /// Criterion index.
        criterion: usize,
    },
    /// Every weight of a stage is 0: there is nothing to rank by.
    AllZero {
        /// Stage index.
        stage: usize,
    },
}

impl std::fmt::Display for WeightsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WeightsError::StageCount { expected, got } => {
                write!(
                    f,
                    "weights for {got} stages, the competition has {expected}"
                )
            }
            WeightsError::CriterionCount {
                stage,
                expected,
                got,
            } => write!(f, "stage {stage}: {got} weights for {expected} criteria"),
            WeightsError::NotPositive { stage, criterion } => {
                write!(
                    f,
                    "stage {stage}, criterion {criterion}: weight must be 0 or a number from 1e-100 to 1e15"
                )
            }
            WeightsError::AllZero { stage } => {
                write!(
                    f,
                    "stage {stage}: every weight is 0, at least one must be > 0"
                )
            }
        }
    }
}

impl std::error::Error for WeightsError {}

/// Per stage buffers of a run.
#[derive(Clone, Debug, Default)]
pub(crate) struct StageScratch {
    /// Innovation indices that entered, ascending.
    pub entered: Vec<u32>,
    /// s-values n × n_c when the stage's are not fixed.
    pub s: Vec<f64>,
    s_key: Vec<u32>,
    s_ok: bool,
    /// Local item → innovation index (ranked = entered and complete), ascending.
    pub ranked: Vec<u32>,
    /// Per local item.
    pub raw: Vec<f64>,
    /// Weighted sums of every innovation (criterion-major path).
    raw_all: Vec<f64>,
    /// desc_key of every innovation's own score (criterion-major path).
    key_all: Vec<u64>,
    pub score: Vec<f64>,
    /// own score by innovation index (only read for the innovations ranked
    /// in this run: the others keep values of earlier runs, NaN at first).
    pub own: Vec<f64>,
    pub rb: RankBuf,
    /// Entered but incomplete, ascending.
    pub incomplete: Vec<u32>,
    /// Advanced, ascending innovation index.
    pub adv_list: Vec<u32>,
    /// Rows a plenary decision changed: (local item, what the rule said).
    pub recommended: Vec<(u32, bool)>,
    /// Room for building `adv_list` without a branch (never shrunk).
    adv_buf: Vec<u32>,
    /// z-score judges with < 2 sheets.
    pub few: Vec<(u32, u32)>,
    /// The s-values used were computed in this scratch (not the fixed ones).
    pub s_local: bool,
    /// A first stage's entered, ranked and incomplete lists are set: they
    /// are the same in every run of the same [`Prepared`].
    entry_ok: bool,
}

/// Reusable buffers for [`Prepared::rank_with`]. Create once (`Scratch::default()`),
/// pass to every re-rank: after the first call nothing is allocated.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    /// `Prepared::uid` of the last run (0: none).
    pub(crate) owner: u64,
    pub(crate) st: Vec<StageScratch>,
    pub(crate) work: SWork,
}

/// One stage of the last run in a [`Scratch`]: a light view without strings.
/// Innovation indices refer to [`Prepared::innovations`].
#[derive(Clone, Copy, Debug)]
pub struct StageView<'a> {
    st: &'a StageScratch,
}

impl<'a> StageView<'a> {
    /// Innovations that entered the stage, ascending index.
    pub fn entered(&self) -> &'a [u32] {
        &self.st.entered
    }
    /// Entered but incomplete ones, ascending index.
    pub fn incomplete(&self) -> &'a [u32] {
        &self.st.incomplete
    }
    /// Advanced ones, ascending index.
    pub fn advanced(&self) -> &'a [u32] {
        &self.st.adv_list
    }
    /// Number of ranked innovations.
    pub fn ranked_len(&self) -> usize {
        self.st.ranked.len()
    }
    /// The ranked innovations in row order (§3.1), each as
    /// (innovation index, rank, advanced, tie_at_cutoff, score).
    pub fn rows(&self) -> impl Iterator<Item = (u32, u32, bool, bool, f64)> + 'a {
        let st = self.st;
        st.rb.order.iter().map(move |&l| {
            let l = l as usize;
            (
                st.ranked[l],
                st.rb.rank[l],
                st.rb.advanced[l],
                st.rb.tie[l],
                st.score[l],
            )
        })
    }
}

impl Scratch {
    /// The view of stage `k` of the last run.
    pub fn stage(&self, k: usize) -> Option<StageView<'_>> {
        self.st.get(k).map(|st| StageView { st })
    }
}

impl Prepared {
    /// The configured criterion weights.
    pub fn weights(&self) -> Weights {
        Weights {
            stages: self.stages.iter().map(|s| s.weights.clone()).collect(),
        }
    }

    /// Weights of a competition: every one > 0 (§1), as a competition file.
    pub(crate) fn check_weights(&self, w: &Weights) -> Result<(), WeightsError> {
        self.check_weights_as(w, false)
    }

    /// What-if weights ([`Prepared::rank_with`]): 0 is allowed and means the
    /// criterion counts for nothing, as long as one weight of each stage is
    /// above 0 (§2.4 divides by Σw). A re-rank with them is a trial, never
    /// a competition, so it has no digest.
    pub(crate) fn check_weights_as(&self, w: &Weights, trial: bool) -> Result<(), WeightsError> {
        if w.stages.len() != self.stages.len() {
            return Err(WeightsError::StageCount {
                expected: self.stages.len(),
                got: w.stages.len(),
            });
        }
        for (k, (ws, ps)) in w.stages.iter().zip(&self.stages).enumerate() {
            if ws.len() != ps.n_c {
                return Err(WeightsError::CriterionCount {
                    stage: k,
                    expected: ps.n_c,
                    got: ws.len(),
                });
            }
            for (c, x) in ws.iter().enumerate() {
                // Within the limits: what-if weights (sliders, the JS API)
                // must not overflow Σw either.
                let zero_ok = trial && *x == 0.0;
                if !(zero_ok || x.is_finite() && *x > 0.0 && crate::limits::magnitude_ok(*x)) {
                    return Err(WeightsError::NotPositive {
                        stage: k,
                        criterion: c,
                    });
                }
            }
            if ws.iter().all(|x| *x == 0.0) && !ws.is_empty() {
                return Err(WeightsError::AllZero { stage: k });
            }
        }
        Ok(())
    }

    /// The whole result (§3) with the configured weights, digest included.
    pub fn rank(&self) -> RunResult {
        let mut sc = Scratch::default();
        let mut out = RunResult::default();
        let w = self.weights();
        self.run(&w.stages, &mut sc, None);
        self.fill(&w.stages, &sc, &mut out);
        out.digest = self.digest.clone();
        out
    }

    /// Fast re-rank with other weights: the whole of §2, without parsing,
    /// validating or (after the first call with this scratch) allocating.
    /// Read the outcome with [`Scratch::stage`].
    /// Weights of 0 are allowed (the criterion counts for nothing) while one
    /// weight of each stage is > 0.
    pub fn rank_with(&self, w: &Weights, scratch: &mut Scratch) -> Result<(), WeightsError> {
        self.check_weights_as(w, true)?;
        self.run(&w.stages, scratch, None);
        Ok(())
    }

    /// Re-rank with other weights into a reusable [`RunResult`] (strings are
    /// rebuilt, so this allocates; use [`Prepared::rank_with`] in hot loops).
    /// `out.digest` is left empty: the digest belongs to the inputs with the
    /// configured weights; [`Prepared::digest_with`] gives the one for `w`.
    pub fn rank_with_into(
        &self,
        w: &Weights,
        scratch: &mut Scratch,
        out: &mut RunResult,
    ) -> Result<(), WeightsError> {
        self.check_weights_as(w, true)?;
        self.run(&w.stages, scratch, None);
        self.fill(&w.stages, scratch, out);
        out.digest.clear();
        Ok(())
    }

    /// Re-rank with other weights into a new result whose digest is that of
    /// the competition with those weights ([`Prepared::digest_with`]): every
    /// weight > 0, as in a competition file.
    pub fn rank_result_with(&self, w: &Weights) -> Result<RunResult, WeightsError> {
        self.check_weights(w)?;
        let mut sc = Scratch::default();
        let mut out = RunResult::default();
        self.rank_with_into(w, &mut sc, &mut out)?;
        out.digest = self.digest_with(w).unwrap_or_default();
        Ok(out)
    }

    /// s-values of stage k used in the last run (n × n_c).
    pub(crate) fn s_of<'a>(&'a self, k: usize, sc: &'a Scratch) -> &'a [f64] {
        let ps = &self.stages[k];
        match (&ps.fixed_s, sc.st[k].s_local) {
            (Some(s), false) => s,
            _ => &sc.st[k].s,
        }
    }

    /// Runs §2 for every stage. `w` must fit (checked by callers); zero
    /// weights are tolerated as long as a stage's sum is positive.
    /// With `rng`, sheets are resampled (§5 Monte Carlo).
    pub(crate) fn run(&self, w: &[Vec<f64>], sc: &mut Scratch, mut rng: Option<&mut ChaCha8Rng>) {
        let n = self.inns.len();
        let nj = self.judge_ids.len();
        if sc.st.len() != self.stages.len() || sc.owner != self.uid {
            sc.st = vec![StageScratch::default(); self.stages.len()];
            sc.owner = self.uid;
        }
        for k in 0..self.stages.len() {
            let ps = &self.stages[k];
            let (before, rest) = sc.st.split_at_mut(k);
            let cur = &mut rest[0];
            // Entry (§2).
            let fresh = k > 0 || !cur.entry_ok;
            if fresh {
                cur.entered.clear();
                if k == 0 {
                    cur.entered.extend_from_slice(&self.eligible_list);
                } else {
                    cur.entered.extend_from_slice(&before[k - 1].adv_list);
                }
            }
            // s-values.
            if let Some(r) = rng.as_deref_mut() {
                sc.work.select_resample(ps, &cur.entered, r);
                cur.s.resize(n * ps.n_c, f64::NAN);
                sc.work.compute(ps, &cur.entered, nj, &mut cur.s);
                cur.few.clear();
                cur.few.extend_from_slice(&sc.work.few);
                cur.s_local = true;
                cur.s_ok = false;
            } else if ps.fixed_s.is_some() {
                cur.s_local = false;
                cur.few.clear();
                cur.few.extend_from_slice(&ps.fixed_few);
            } else {
                // z-score on a later stage: recompute only when the entering set changed.
                if !(cur.s_ok && cur.s_key == cur.entered) {
                    sc.work.select_all(ps, &cur.entered);
                    cur.s.resize(n * ps.n_c, f64::NAN);
                    sc.work.compute(ps, &cur.entered, nj, &mut cur.s);
                    cur.s_key.clear();
                    cur.s_key.extend_from_slice(&cur.entered);
                    cur.s_ok = true;
                    cur.few.clear();
                    cur.few.extend_from_slice(&sc.work.few);
                }
                cur.s_local = true;
            }
            let s: &[f64] = match (&ps.fixed_s, cur.s_local) {
                (Some(f), false) => f,
                _ => &cur.s,
            };
            // Scores (§2.4).
            let ws = &w[k];
            cur.raw.clear();
            // Only read for the innovations ranked in this run: not cleared.
            cur.own.resize(n, f64::NAN);
            // Σ_c w_c once per stage: the same sum, in the same order, as
            // raw_score() computes per innovation, so the same bits.
            let mut den = 0.0;
            for wc in ws {
                den += wc;
            }
            let nc = ps.n_c;
            if fresh {
                cur.ranked.clear();
                cur.incomplete.clear();
                for &i in &cur.entered {
                    if ps.complete[i as usize] {
                        cur.ranked.push(i);
                    } else {
                        cur.incomplete.push(i);
                    }
                }
                cur.entry_ok = k == 0;
            }
            let dense = !cur.s_local && ps.fixed_st.len() == n * nc && cur.ranked.len() * 2 >= n;
            // With own = score, the dense path makes the keys too.
            let dense_keys = dense && ps.combine.is_none();
            if dense {
                // Most innovations ranked (a first stage): sum over all of
                // them criterion by criterion, which vectorises; each sum
                // still runs from 0.0 over the criteria in order (same bits).
                // In blocks that stay in the L1 cache, divided in place.
                const BLOCK: usize = 512;
                cur.raw_all.resize(n, 0.0);
                if dense_keys {
                    cur.key_all.resize(n, 0);
                }
                for (b, acc) in cur.raw_all.chunks_mut(BLOCK).enumerate() {
                    let lo = b * BLOCK;
                    let hi = lo + acc.len();
                    if nc == 0 {
                        acc.fill(0.0);
                    }
                    let col = |c: usize| &ps.fixed_st[c * n + lo..c * n + hi];
                    // 0.0 + first term, as the sum starts from 0.0; then
                    // two criteria per pass (half the loads and stores of
                    // the sums), added one after the other as before.
                    let mut c = 0;
                    if nc > 0 {
                        let w0 = ws[0];
                        for (a, &x) in acc.iter_mut().zip(col(0)) {
                            *a = 0.0 + w0 * x;
                        }
                        c = 1;
                    }
                    while c + 1 < nc {
                        let (w0, w1) = (ws[c], ws[c + 1]);
                        for ((a, &x0), &x1) in acc.iter_mut().zip(col(c)).zip(col(c + 1)) {
                            *a = *a + w0 * x0 + w1 * x1;
                        }
                        c += 2;
                    }
                    if c < nc {
                        let w0 = ws[c];
                        for (a, &x) in acc.iter_mut().zip(col(c)) {
                            *a += w0 * x;
                        }
                    }
                    for a in acc.iter_mut() {
                        *a /= den;
                    }
                    if dense_keys {
                        // own = raw + bonus and its key, for every innovation.
                        let own = &mut cur.own[lo..hi];
                        for ((o, &a), &b) in own.iter_mut().zip(&*acc).zip(&ps.bonus[lo..hi]) {
                            *o = a + b;
                        }
                        desc_keys(own, &mut cur.key_all[lo..hi]);
                    }
                }
                let all = &cur.raw_all;
                cur.raw.extend(cur.ranked.iter().map(|&i| all[i as usize]));
            } else {
                weighted_sums(ws, s, nc, &cur.ranked, den, &mut cur.raw);
            }
            // Ranking keys (§2.5) filled as the scores are made: first the
            // score's, then each tie-break's.
            let m = cur.ranked.len();
            let kk = 1 + ps.tie.len();
            cur.rb.reset(m, kk);
            if dense_keys {
                // score = own, made above: gathered for the ranked ones.
                cur.score.resize(m, 0.0);
                let (mut lo, mut hi) = (u64::MAX, 0u64);
                for ((&i, sc), kl) in cur
                    .ranked
                    .iter()
                    .zip(cur.score.iter_mut())
                    .zip(cur.rb.keys.chunks_exact_mut(kk))
                {
                    *sc = cur.own[i as usize];
                    let key = cur.key_all[i as usize];
                    kl[0] = key;
                    lo = lo.min(key);
                    hi = hi.max(key);
                }
                if m > 0 {
                    cur.rb.key0_range = Some((lo, hi));
                }
            } else if ps.combine.is_none() {
                // score = own: one tight loop over the ranked ones (every
                // score is written: no clearing).
                cur.score.resize(m, 0.0);
                let own_of = &mut cur.own;
                let (mut lo, mut hi) = (u64::MAX, 0u64);
                for (((&i, &raw), sc), kl) in cur
                    .ranked
                    .iter()
                    .zip(&cur.raw)
                    .zip(cur.score.iter_mut())
                    .zip(cur.rb.keys.chunks_exact_mut(kk))
                {
                    let own = raw + ps.bonus[i as usize];
                    *sc = own;
                    own_of[i as usize] = own;
                    let key = desc_key(own);
                    kl[0] = key;
                    lo = lo.min(key);
                    hi = hi.max(key);
                }
                if m > 0 {
                    cur.rb.key0_range = Some((lo, hi));
                }
            }
            if let Some(terms) = &ps.combine {
                cur.score.clear();
                for (l, &i) in cur.ranked.iter().enumerate() {
                    let raw = cur.raw[l];
                    let own = raw + ps.bonus[i as usize];
                    let mut num = 0.0;
                    let mut den = 0.0;
                    for &(t, v) in terms {
                        // An earlier stage's own score always exists: the
                        // innovation advanced from it, so it was ranked there.
                        let o = if t == k {
                            own
                        } else {
                            before[t].own[i as usize]
                        };
                        num += v * o;
                        den += v;
                    }
                    let score = num / den;
                    cur.score.push(score);
                    cur.own[i as usize] = own;
                    cur.rb.keys[l * kk] = desc_key(score);
                }
            }
            // Ranking and advancing (§2.5, §2.6).
            let fixed_tie = !cur.s_local && ps.fixed_tie.len() == n * (kk - 1);
            // One pass per kind of tie-break key (no per-item match).
            for (t, key) in ps.tie.iter().enumerate() {
                let keys = cur.rb.keys.chunks_exact_mut(kk).map(|kl| &mut kl[1 + t]);
                match key {
                    TieKey::Raw => {
                        for (kt, &r) in keys.zip(&cur.raw) {
                            *kt = desc_key(r);
                        }
                    }
                    // Precomputed: the same keys of the same fixed values.
                    _ if fixed_tie => {
                        let nt = kk - 1;
                        for (kt, &i) in keys.zip(&cur.ranked) {
                            *kt = ps.fixed_tie[i as usize * nt + t];
                        }
                    }
                    TieKey::Criterion(c) => {
                        for (kt, &i) in keys.zip(&cur.ranked) {
                            *kt = desc_key(s[i as usize * ps.n_c + c]);
                        }
                    }
                    TieKey::Bonus => {
                        for (kt, &i) in keys.zip(&cur.ranked) {
                            *kt = desc_key(ps.bonus[i as usize]);
                        }
                    }
                }
            }
            // Categories and agencies are only read by the rules that use them.
            if ps.adv.per_category || ps.adv.cap.is_some() {
                cur.rb.groups();
            }
            if ps.adv.per_category {
                for (c, &i) in cur.rb.cat.iter_mut().zip(&cur.ranked) {
                    *c = self.cat[i as usize];
                }
            }
            if ps.adv.cap.is_some() {
                for (a, &i) in cur.rb.agency.iter_mut().zip(&cur.ranked) {
                    *a = self.agency[i as usize];
                }
            }
            cur.rb.run(&ps.adv, self.cat_names.len(), self.n_agency);
            // Plenary decisions override the rule for the rows they name
            // (ranked = entered and complete; `ranked` is ascending).
            cur.recommended.clear();
            if let Some(ds) = self.decisions.get(k) {
                for &(i, adv) in ds {
                    if let Ok(l) = cur.ranked.binary_search(&i) {
                        cur.recommended.push((l as u32, cur.rb.advanced[l]));
                        cur.rb.advanced[l] = adv;
                    }
                }
            }
            // Branch-free: who advances is unpredictable in id order.
            if cur.adv_buf.len() < m + 1 {
                cur.adv_buf.resize(m + 1, 0);
            }
            let mut na = 0;
            for (&i, &a) in cur.ranked.iter().zip(&cur.rb.advanced) {
                cur.adv_buf[na] = i;
                na += a as usize;
            }
            cur.adv_list.clear();
            cur.adv_list.extend_from_slice(&cur.adv_buf[..na]);
        }
    }

    /// Builds the §3 result of the last run.
    pub(crate) fn fill(&self, w: &[Vec<f64>], sc: &Scratch, out: &mut RunResult) {
        let _ = w;
        out.engine.clear();
        out.engine.push_str(crate::ENGINE);
        out.stages.clear();
        out.winners.clear();
        for (k, ps) in self.stages.iter().enumerate() {
            let st = &self.comp.stages[k];
            let cur = &sc.st[k];
            let s = self.s_of(k, sc);
            let mut rows = Vec::with_capacity(cur.entered.len());
            for &l in &cur.rb.order {
                let l = l as usize;
                let i = cur.ranked[l] as usize;
                rows.push(Row {
                    id: self.inns[i].id.clone(),
                    rank: Some(cur.rb.rank[l]),
                    category_rank: ps.adv.per_category.then(|| cur.rb.cat_rank[l]),
                    score: Some(cur.score[l]),
                    raw: Some(cur.raw[l]),
                    bonus: Some(ps.bonus[i]),
                    criteria: st
                        .criteria
                        .iter()
                        .enumerate()
                        .map(|(c, cr)| (cr.id.clone(), s[i * ps.n_c + c]))
                        .collect(),
                    sheets: ps.sheets_of(i as u32),
                    advanced: cur.rb.advanced[l],
                    tie_at_cutoff: cur.rb.tie[l],
                    incomplete: false,
                    recommended: cur
                        .recommended
                        .iter()
                        .find(|&&(x, _)| x as usize == l)
                        .map(|&(_, r)| r),
                });
            }
            for &i in &cur.incomplete {
                rows.push(Row {
                    id: self.inns[i as usize].id.clone(),
                    sheets: ps.sheets_of(i),
                    incomplete: true,
                    ..Row::default()
                });
            }
            let warnings = self.warnings(k, ps, sc);
            out.stages.push(StageResult {
                id: st.id.clone(),
                rows,
                warnings,
            });
        }
        if let Some(last) = out.stages.last() {
            out.winners = last
                .rows
                .iter()
                .filter(|r| r.advanced)
                .map(|r| r.id.clone())
                .collect();
        }
    }

    fn warnings(&self, k: usize, ps: &PStage, sc: &Scratch) -> Vec<Warning> {
        let cur = &sc.st[k];
        let mut out = Vec::new();
        if ps.ineligible_sheets > 0 {
            out.push(Warning::IneligibleScores {
                sheets: ps.ineligible_sheets,
                innovations: ps.ineligible_inns,
            });
        }
        // Eligible innovations with sheets that did not enter.
        let mut ne_sheets = 0u32;
        let mut ne_inns = 0u32;
        let mut e = cur.entered.iter().peekable();
        for &i in &self.eligible_list {
            if e.peek() == Some(&&i) {
                e.next();
                continue;
            }
            let c = ps.sheets_of(i) + ps.dropped_of(i);
            if c > 0 {
                ne_sheets += c;
                ne_inns += 1;
            }
        }
        if ne_sheets > 0 {
            out.push(Warning::NotEnteredSheets {
                sheets: ne_sheets,
                innovations: ne_inns,
            });
        }
        let mut pairs = Vec::new();
        for &i in &cur.entered {
            for q in ps.drop_start[i as usize]..ps.drop_start[i as usize + 1] {
                pairs.push((
                    self.judge_ids[ps.drop_judge[q as usize] as usize].clone(),
                    self.inns[i as usize].id.clone(),
                ));
            }
        }
        if !pairs.is_empty() {
            out.push(Warning::ConflictSheetsDropped {
                count: pairs.len() as u32,
                pairs,
            });
        }
        for &(j, n) in &cur.few {
            out.push(Warning::JudgeNotNormalised {
                judge: self.judge_ids[j as usize].clone(),
                sheets: n,
            });
        }
        if !cur.incomplete.is_empty() {
            out.push(Warning::Incomplete {
                count: cur.incomplete.len() as u32,
                min_judges: ps.min_judges,
            });
        }
        for &(c, rank, removed) in &cur.rb.excluded {
            out.push(Warning::TieAtCutoff {
                category: (c != NONE).then(|| self.cat_names[c as usize].clone()),
                rank,
                removed,
            });
        }
        out
    }
}

/// raw_i = (Σ_c w_c·s_ic) / den for each innovation in `items`, into `raw`
/// (cleared first). Each sum runs from 0.0 over the criteria in order, as
/// [`crate::rank::raw_score`] does, so the bits are the same; four
/// innovations are summed side by side so that their additions overlap.
fn weighted_sums(w: &[f64], s: &[f64], nc: usize, items: &[u32], den: f64, raw: &mut Vec<f64>) {
    raw.clear();
    raw.reserve(items.len());
    let mut chunks = items.chunks_exact(4);
    for ch in &mut chunks {
        let s0 = &s[ch[0] as usize * nc..ch[0] as usize * nc + nc];
        let s1 = &s[ch[1] as usize * nc..ch[1] as usize * nc + nc];
        let s2 = &s[ch[2] as usize * nc..ch[2] as usize * nc + nc];
        let s3 = &s[ch[3] as usize * nc..ch[3] as usize * nc + nc];
        let (mut n0, mut n1, mut n2, mut n3) = (0.0, 0.0, 0.0, 0.0);
        for c in 0..nc.min(w.len()) {
            let wc = w[c];
            n0 += wc * s0[c];
            n1 += wc * s1[c];
            n2 += wc * s2[c];
            n3 += wc * s3[c];
        }
        raw.extend_from_slice(&[n0 / den, n1 / den, n2 / den, n3 / den]);
    }
    for &i in chunks.remainder() {
        let si = &s[i as usize * nc..i as usize * nc + nc];
        let mut num = 0.0;
        for (wc, sc) in w.iter().zip(si) {
            num += wc * sc;
        }
        raw.push(num / den);
    }
}
