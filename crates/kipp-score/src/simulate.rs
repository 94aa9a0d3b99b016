//! Simulations (§5): scenario comparison, Monte Carlo robustness, judge report.
//!
//! Random numbers come from ChaCha8 (rand_chacha, portable), and every
//! transcendental function from `libm`, so a seed gives the same result
//! natively and in WebAssembly, bit for bit.
//!
//! Each Monte Carlo draw has its own stream: draw `d` (0-based) takes every
//! number it needs — its weights, then its resampled sheets — from
//! `ChaCha8Rng::seed_from_u64(seed)` with `set_stream(d)`, from word 0. A
//! draw therefore depends only on the seed and its number, not on the draws
//! before it, and the integer counts of any parts of a run ([`Tally`]) add
//! up to exactly those of one run: the same result on 1 or N threads
//! ([`simulate_threads`]) or Web Workers, whatever the step sizes.

use std::collections::HashMap;

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::pipeline::Scratch;
use crate::prepare::Prepared;
use crate::stats;

mod tally;
use tally::Hist;
pub use tally::{Tally, TallyData, TallyError};

/// Monte Carlo options (§5).
#[derive(Clone, Debug, PartialEq)]
pub struct SimOptions {
    /// Number of draws.
    pub draws: u32,
    /// Seed of the portable generator.
    pub seed: u64,
    /// Dirichlet concentration; must be finite, > 0 and within
    /// [`crate::limits::kappa_ok`] (default 50). An invalid value is
    /// replaced by 50 (the command line and the app refuse it first).
    pub kappa: f64,
    /// Resample each entering innovation's valid sheets with replacement.
    pub resample_judges: bool,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            draws: 1000,
            seed: 0,
            kappa: 50.0,
            resample_judges: false,
        }
    }
}

/// The progress callback asked to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("simulation cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// Monte Carlo result (§5.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct SimResult {
    /// One per stage, in order.
    pub stages: Vec<SimStage>,
}

/// One stage of a Monte Carlo result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct SimStage {
    /// Stage id.
    pub id: String,
    /// Number of draws.
    pub draws: u32,
    /// Innovations that entered the stage in at least one draw, by
    /// P(advance) descending, then mean rank ascending (never ranked last), then id.
    pub rows: Vec<SimRow>,
}

/// One innovation in one stage of a Monte Carlo result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct SimRow {
    /// Innovation id.
    pub id: String,
    /// Share of all draws in which it advanced from this stage.
    pub p_advance: f64,
    /// Draws in which it was ranked in this stage.
    pub ranked_draws: u32,
    /// Mean overall rank over those draws.
    pub mean_rank: Option<f64>,
    /// 5th percentile (nearest rank).
    pub p5: Option<u32>,
    /// Median (nearest rank).
    pub p50: Option<u32>,
    /// 95th percentile (nearest rank).
    pub p95: Option<u32>,
}

/// Scenario comparison (§5.1).
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct CompareResult {
    /// Stage ids present in both, in A's order.
    pub stages: Vec<CompareStage>,
}

/// One stage of a comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct CompareStage {
    /// Stage id.
    pub id: String,
    /// Kendall's τ-b over the innovations ranked in both.
    pub kendall_tau_b: Option<f64>,
    /// Spearman's ρ (fractional ranks) over the same.
    pub spearman_rho: Option<f64>,
    /// Innovations ranked in A or B: A's row order, then those ranked only in B in B's order.
    pub rows: Vec<CompareRow>,
    /// Advance in B but not in A (B's row order).
    pub entered: Vec<String>,
    /// Advance in A but not in B (A's row order).
    pub left: Vec<String>,
}

/// One innovation in a comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct CompareRow {
    /// Innovation id.
    pub id: String,
    /// Overall rank in A.
    pub rank_a: Option<u32>,
    /// Overall rank in B.
    pub rank_b: Option<u32>,
    /// rank_a − rank_b (positive: moved up in B).
    pub change: Option<i64>,
}

/// Judge report (§5.1). Read back from its JSON as well (the app gets it
/// from a Web Worker).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct JudgesResult {
    /// One per stage.
    pub stages: Vec<JudgesStage>,
}

fn ordered_map<S: Serializer>(v: &[(String, Option<f64>)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(v.len()))?;
    for (k, x) in v {
        m.serialize_entry(k, x)?;
    }
    m.end()
}

/// The pairs of [`ordered_map`]'s object, in the order written.
fn ordered_map_de<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<(String, Option<f64>)>, D::Error> {
    struct Pairs;
    impl<'de> serde::de::Visitor<'de> for Pairs {
        type Value = Vec<(String, Option<f64>)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of criterion id to number or null")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut m: A,
        ) -> Result<Self::Value, A::Error> {
            let mut v = Vec::new();
            while let Some(pair) = m.next_entry::<String, Option<f64>>()? {
                v.push(pair);
            }
            Ok(v)
        }
    }
    d.deserialize_map(Pairs)
}

/// One stage of the judge report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct JudgesStage {
    /// Stage id.
    pub id: String,
    /// Judges with valid sheets of entered innovations, by id.
    pub judges: Vec<JudgeRow>,
    /// Krippendorff's α (interval) per criterion, in criterion order (a JSON object).
    #[serde(serialize_with = "ordered_map", deserialize_with = "ordered_map_de")]
    pub alpha: Vec<(String, Option<f64>)>,
    /// Per judge of the competition (with any valid sheet), by id: advancing changes
    /// in this stage when that judge's sheets are removed everywhere.
    pub leave_one_out: Vec<LeaveOneOut>,
}

/// One judge of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct JudgeRow {
    /// Judge id.
    pub id: String,
    /// Valid sheets of innovations that entered.
    pub sheets: u32,
    /// Mean of (own s-value − mean s-value of the other judges) over shared
    /// (innovation, criterion); `None` when nothing is shared.
    pub leniency: Option<f64>,
}

/// Leave one judge out, one stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct LeaveOneOut {
    /// Judge id.
    pub judge: String,
    /// Innovations whose advancing status changes (not entering = not advancing).
    pub advancing_changed: u32,
}

// ---------------------------------------------------------------- compare

/// Compares two scenarios on the same data (§5): `a` and `b` are prepared
/// from two competition files and the same innovations, scores and judges.
pub fn compare(a: &Prepared, b: &Prepared) -> CompareResult {
    let ra = a.rank();
    let rb = b.rank();
    let mut out = CompareResult::default();
    for sa in &ra.stages {
        let Some(sb) = rb.stages.iter().find(|s| s.id == sa.id) else {
            continue;
        };
        let rank_b: HashMap<&str, u32> = sb
            .rows
            .iter()
            .filter_map(|r| r.rank.map(|k| (r.id.as_str(), k)))
            .collect();
        let rank_a: HashMap<&str, u32> = sa
            .rows
            .iter()
            .filter_map(|r| r.rank.map(|k| (r.id.as_str(), k)))
            .collect();
        let mut rows = Vec::new();
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        for r in &sa.rows {
            let Some(ka) = r.rank else { continue };
            let kb = rank_b.get(r.id.as_str()).copied();
            if let Some(kb) = kb {
                xs.push(ka as f64);
                ys.push(kb as f64);
            }
            rows.push(CompareRow {
                id: r.id.clone(),
                rank_a: Some(ka),
                rank_b: kb,
                change: kb.map(|kb| ka as i64 - kb as i64),
            });
        }
        for r in &sb.rows {
            if r.rank.is_some() && !rank_a.contains_key(r.id.as_str()) {
                rows.push(CompareRow {
                    id: r.id.clone(),
                    rank_a: None,
                    rank_b: r.rank,
                    change: None,
                });
            }
        }
        let adv_a: std::collections::HashSet<&str> = sa
            .rows
            .iter()
            .filter(|r| r.advanced)
            .map(|r| r.id.as_str())
            .collect();
        let adv_b: std::collections::HashSet<&str> = sb
            .rows
            .iter()
            .filter(|r| r.advanced)
            .map(|r| r.id.as_str())
            .collect();
        out.stages.push(CompareStage {
            id: sa.id.clone(),
            kendall_tau_b: stats::kendall_tau_b(&xs, &ys),
            spearman_rho: stats::spearman_rho(&xs, &ys),
            rows,
            entered: sb
                .rows
                .iter()
                .filter(|r| r.advanced && !adv_a.contains(r.id.as_str()))
                .map(|r| r.id.clone())
                .collect(),
            left: sa
                .rows
                .iter()
                .filter(|r| r.advanced && !adv_b.contains(r.id.as_str()))
                .map(|r| r.id.clone())
                .collect(),
        });
    }
    out
}

// ---------------------------------------------------------------- random

/// Uniform in (0, 1), never 0 or 1.
#[inline]
fn open01(rng: &mut ChaCha8Rng) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
}

/// Standard normal (Marsaglia polar method; libm only).
fn std_normal(rng: &mut ChaCha8Rng) -> f64 {
    loop {
        let u = 2.0 * open01(rng) - 1.0;
        let v = 2.0 * open01(rng) - 1.0;
        let s = u * u + v * v;
        if s > 0.0 && s < 1.0 {
            return u * libm::sqrt(-2.0 * libm::log(s) / s);
        }
    }
}

/// ln of a Gamma(a, 1) draw (Marsaglia–Tsang; for a < 1 the boost
/// Gamma(a) = Gamma(a + 1) · U^(1/a), kept in logs so tiny shapes do not underflow).
pub(crate) fn ln_gamma_draw(rng: &mut ChaCha8Rng, a: f64) -> f64 {
    if a < 1.0 {
        let g = ln_gamma_draw(rng, a + 1.0);
        return g + libm::log(open01(rng)) / a;
    }
    let d = a - 1.0 / 3.0;
    let c = 1.0 / libm::sqrt(9.0 * d);
    loop {
        let x = std_normal(rng);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = open01(rng);
        let x2 = x * x;
        if u < 1.0 - 0.0331 * x2 * x2 || libm::log(u) < 0.5 * x2 + d * (1.0 - v + libm::log(v)) {
            return libm::log(d) + libm::log(v);
        }
    }
}

/// A Dirichlet(alpha) draw into `out` (same length), via Gamma draws.
pub(crate) fn dirichlet(rng: &mut ChaCha8Rng, alpha: &[f64], out: &mut [f64]) {
    let mut mx = f64::NEG_INFINITY;
    for (o, &a) in out.iter_mut().zip(alpha) {
        *o = ln_gamma_draw(rng, a);
        if *o > mx {
            mx = *o;
        }
    }
    let mut sum = 0.0;
    for o in out.iter_mut() {
        *o = libm::exp(*o - mx);
        sum += *o;
    }
    for o in out.iter_mut() {
        *o /= sum;
    }
}

// ---------------------------------------------------------------- Monte Carlo

/// The generator of draw `d` of a run with the seed whose ChaCha key is
/// `key` (`ChaCha8Rng::seed_from_u64(seed).get_seed()`): stream `d`, from
/// its first word. It depends on nothing else, so any draw can be made
/// anywhere, in any order, by any thread or Web Worker.
#[inline]
fn draw_rng(key: [u8; 32], d: u32) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::from_seed(key);
    rng.set_stream(d as u64);
    rng
}

/// A Monte Carlo run (§5) that advances in steps, so that a caller can do
/// other work between them (a Web Worker reads its messages, shows progress,
/// stops on request). [`simulate`] is this run in one go: the same options give
/// the same draws whatever the step sizes, bit for bit.
///
/// A run can also make only the draws `start..end` of `0..opts.draws`
/// ([`Simulation::new_range`]); the [`Tally`] of each part merges into the
/// tally of the whole run (threads, Web Workers).
///
/// `P` is anything that derefs to the [`Prepared`] inputs: `&Prepared`, or an
/// `Rc<Prepared>` where the run must own them (a JavaScript object).
pub struct Simulation<P: std::ops::Deref<Target = Prepared>> {
    p: P,
    /// ChaCha key of the seed (see [`draw_rng`]).
    key: [u8; 32],
    start: u32,
    end: u32,
    /// The next draw to make (start..=end).
    next: u32,
    resample_judges: bool,
    alpha: Vec<Vec<f64>>,
    w: Vec<Vec<f64>>,
    /// Counts of the flushed draws (its `ranges` are set when read).
    t: Tally,
    /// Ranks of the draws not yet flushed (0 = not ranked), in tiles of
    /// [`TILE`] draws: within a tile, the TILE cells of one (stage,
    /// innovation) are adjacent (one cache line), see [`cell`]. Empty when
    /// ranks do not fit in a u16: then each draw is counted directly.
    batch: Vec<u16>,
    /// Rows of `batch` (draws per flush).
    batch_rows: usize,
    /// Columns of `batch` with a rank since the last flush (the others are
    /// all 0 and skipped: most innovations never reach a later stage).
    touched: Vec<bool>,
    in_batch: usize,
    sc: Scratch,
}

/// Draws buffered before the rank histograms are updated.
const BATCH: usize = 256;

/// Draws per tile of the buffer: 32 u16 ranks are one 64-byte cache line.
/// A draw writes its ranks one line apart, in address order (the hardware
/// prefetcher follows); the flush reads a column as BATCH / TILE lines.
const TILE: usize = 32;

/// Position of (column `c` of `nn`, buffered draw `d`) in the buffer.
#[inline]
fn cell(nn: usize, c: usize, d: usize) -> usize {
    ((d / TILE) * nn + c) * TILE + d % TILE
}

/// At most this many buffered ranks (8 MB); fewer draws per flush beyond.
const BATCH_CELLS: usize = 1 << 22;

impl<P: std::ops::Deref<Target = Prepared>> Simulation<P> {
    /// A run of `opts.draws` draws over `p`, none done yet.
    pub fn new(p: P, opts: &SimOptions) -> Self {
        let draws = opts.draws;
        Self::new_range(p, opts, 0, draws)
    }

    /// The draws `start..end` of the run `opts` over `p`, none done yet
    /// (`end` is cut to `opts.draws`, `start` to `end`). Draw `d` gives the
    /// same numbers here as in the whole run: its tally merges with those
    /// of the other draws into the whole run's ([`Tally::merge`]).
    pub fn new_range(p: P, opts: &SimOptions, start: u32, end: u32) -> Self {
        let end = end.min(opts.draws);
        let start = start.min(end);
        let kappa = tally::kappa_of(opts);
        let n = p.inns.len();
        let ns = p.stages.len();
        let alpha: Vec<Vec<f64>> = p
            .stages
            .iter()
            .map(|s| {
                let mut sum = 0.0;
                for w in &s.weights {
                    sum += w;
                }
                s.weights.iter().map(|w| kappa * w / sum).collect()
            })
            .collect();
        let w = alpha.iter().map(|a| vec![0.0; a.len()]).collect();
        let batch_rows = ((BATCH_CELLS / (ns * n).max(1)).clamp(TILE, BATCH) / TILE * TILE)
            .min(((end - start).max(1) as usize).next_multiple_of(TILE));
        let t = Tally::empty(&p, opts);
        Simulation {
            key: ChaCha8Rng::seed_from_u64(opts.seed).get_seed(),
            start,
            end,
            next: start,
            resample_judges: opts.resample_judges,
            alpha,
            w,
            t,
            batch: if n <= u16::MAX as usize {
                vec![0; ns * n * batch_rows]
            } else {
                Vec::new()
            },
            batch_rows,
            touched: vec![false; ns * n],
            in_batch: 0,
            sc: Scratch::default(),
            p,
        }
    }

    /// Draws of this run done so far.
    pub fn done(&self) -> u32 {
        self.next - self.start
    }

    /// Draws of this run (`end − start`; all of them for [`Simulation::new`]).
    pub fn total(&self) -> u32 {
        self.end - self.start
    }

    /// The draws this run makes, `start..end`.
    pub fn range(&self) -> (u32, u32) {
        (self.start, self.end)
    }

    /// True when every draw is done.
    pub fn is_finished(&self) -> bool {
        self.next >= self.end
    }

    /// Runs up to `n` more draws (fewer at the end); returns the draws done so far.
    pub fn step(&mut self, n: u32) -> u32 {
        let stop = self.next.saturating_add(n).min(self.end);
        let n = self.p.inns.len();
        let nn = self.t.hist.len();
        while self.next < stop {
            self.draw(n, nn);
            self.in_batch += 1;
            if self.in_batch == self.batch_rows {
                self.flush();
            }
            self.next += 1;
        }
        // A partly filled buffer waits for the next step (a caller may step a
        // few draws at a time); [`Simulation::tally`] reads it as it is.
        if self.is_finished() {
            self.flush();
        }
        self.done()
    }

    /// One draw (number `self.next`): weights, the pipeline, its ranks into
    /// the buffer (`n` innovations, `nn` = stages × n columns).
    fn draw(&mut self, n: usize, nn: usize) {
        let p = &*self.p;
        let mut rng = draw_rng(self.key, self.next);
        for ((wk, ak), ps) in self.w.iter_mut().zip(&self.alpha).zip(&p.stages) {
            dirichlet(&mut rng, ak, wk);
            // Every draw's weights are finite: with validated inputs and
            // kappa (crate::limits) each shape is in [1e-218, 1e15] and
            // each Gamma draw finite, so this never happens; if it did,
            // the draw ranks with the configured weights, not NaN.
            if !wk.iter().all(|x| x.is_finite()) {
                wk.copy_from_slice(&ps.weights);
            }
        }
        if self.resample_judges {
            p.run(&self.w, &mut self.sc, Some(&mut rng));
        } else {
            p.run(&self.w, &mut self.sc, None);
        }
        let t = &mut self.t;
        for (k, st) in self.sc.st.iter().enumerate().take(p.stages.len()) {
            let base = k * n;
            // The first stage's entry is the same in every draw.
            if k > 0 || self.next == self.start {
                for &i in &st.entered {
                    t.entered[base + i as usize] = true;
                }
            }
            if self.batch.is_empty() {
                for l in 0..st.ranked.len() {
                    let i = base + st.ranked[l] as usize;
                    let r = st.rb.rank[l];
                    t.ranked[i] += 1;
                    t.rank_sum[i] += r as u64;
                    t.hist[i].add(r);
                    if st.rb.advanced[l] {
                        t.adv[i] += 1;
                    }
                }
                continue;
            }
            // Tiled: this draw's cells of consecutive innovations are one
            // cache line apart, each line holding TILE draws of one of them.
            let tiles = &mut self.batch[cell(nn, base, self.in_batch)..];
            for (&i, &r) in st.ranked.iter().zip(&st.rb.rank) {
                // Ranks are at most n ≤ u16::MAX here.
                tiles[i as usize * TILE] = r as u16;
            }
            // The first stage ranks the same innovations in every draw:
            // marked once per batch.
            if k > 0 || self.in_batch == 0 {
                let touched = &mut self.touched[base..base + n];
                for &i in &st.ranked {
                    touched[i as usize] = true;
                }
            }
            // Over the list, not a test per ranked innovation: who
            // advances is unpredictable, a branch per item costs more.
            let adv = &mut t.adv[base..base + n];
            for &i in &st.adv_list {
                adv[i as usize] += 1;
            }
        }
    }

    /// Moves the buffered ranks into the histograms.
    fn flush(&mut self) {
        flush(
            &mut self.batch,
            &mut self.touched,
            self.batch_rows,
            &mut self.in_batch,
            &mut self.t.ranked,
            &mut self.t.rank_sum,
            &mut self.t.hist,
        );
    }

    fn set_ranges(&self, t: &mut Tally) {
        t.ranges.clear();
        if self.next > self.start {
            t.ranges.push((self.start, self.next));
        }
    }

    /// The counts of the draws done so far (those still buffered included).
    pub fn tally(&self) -> Tally {
        let mut t = self.t.clone();
        self.set_ranges(&mut t);
        if self.in_batch > 0 && !self.batch.is_empty() {
            let nn = t.hist.len();
            for c in 0..nn {
                if !self.touched[c] {
                    continue;
                }
                for d in 0..self.in_batch {
                    let r = self.batch[cell(nn, c, d)];
                    if r != 0 {
                        t.ranked[c] += 1;
                        t.rank_sum[c] += r as u64;
                        t.hist[c].add(r as u32);
                    }
                }
            }
        }
        t
    }

    /// The counts of the draws done so far, ending the run.
    pub fn into_tally(mut self) -> Tally {
        self.flush();
        let mut t = Tally::empty_like(&self.t);
        std::mem::swap(&mut t, &mut self.t);
        self.set_ranges(&mut t);
        t
    }

    /// The result (§5.1) over the draws done so far (all of them once
    /// [`Simulation::is_finished`]); `draws` in it is the number done.
    pub fn result(&self) -> SimResult {
        self.tally().result_of(&self.p)
    }
}

/// Monte Carlo robustness (§5): `opts.draws` runs of the whole of §2 with
/// criterion weights drawn from Dir(κ·w/Σw) per stage (stage order, criterion
/// order), optionally with each entering innovation's valid sheets resampled
/// (after the weights of the draw, stage by stage, innovations by id).
/// `progress(done, total)` is called every 16 draws and at the end; returning
/// false cancels. The same run in steps: [`Simulation`]; on several threads:
/// [`simulate_threads`] (the same result).
pub fn simulate(
    p: &Prepared,
    opts: &SimOptions,
    progress: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<SimResult, Cancelled> {
    let mut sim = Simulation::new(p, opts);
    while !sim.is_finished() {
        if !progress(sim.done(), sim.total()) {
            return Err(Cancelled);
        }
        sim.step(16);
    }
    if !progress(sim.total(), sim.total()) {
        return Err(Cancelled);
    }
    Ok(sim.result())
}

/// `0..draws` cut into at most `parts` contiguous ranges of nearly equal
/// length (none empty).
pub fn draw_ranges(draws: u32, parts: usize) -> Vec<(u32, u32)> {
    let k = (parts.max(1) as u64).min(draws as u64);
    (0..k)
        .map(|i| {
            let a = (draws as u64 * i / k) as u32;
            let b = (draws as u64 * (i + 1) / k) as u32;
            (a, b)
        })
        .collect()
}

/// [`simulate`] on `threads` threads (0 is taken as 1; at most one per
/// draw): each makes a contiguous range of the draws ([`draw_ranges`]), and
/// their tallies are merged. The result is that of [`simulate`], bit for
/// bit, for every number of threads. `progress(done, total)` is called on
/// the calling thread, with the draws done by all threads, each time a
/// thread has done 16 more, and at the end; returning false stops every
/// thread and returns `Err(Cancelled)`. On wasm32 (no threads) this is
/// [`simulate`].
pub fn simulate_threads(
    p: &Prepared,
    opts: &SimOptions,
    threads: usize,
    progress: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<SimResult, Cancelled> {
    let parts = draw_ranges(opts.draws, threads);
    if cfg!(target_arch = "wasm32") || parts.len() <= 1 {
        return simulate(p, opts, progress);
    }
    threaded(p, opts, &parts, progress)
}

#[cfg(not(target_arch = "wasm32"))]
fn threaded(
    p: &Prepared,
    opts: &SimOptions,
    parts: &[(u32, u32)],
    progress: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<SimResult, Cancelled> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let total = opts.draws;
    if !progress(0, total) {
        return Err(Cancelled);
    }
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel::<u32>();
    let tallies: Vec<Option<Tally>> = std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .iter()
            .map(|&(a, b)| {
                let tx = tx.clone();
                let stop = &stop;
                s.spawn(move || {
                    let mut sim = Simulation::new_range(p, opts, a, b);
                    while !sim.is_finished() {
                        if stop.load(Ordering::Relaxed) {
                            return None;
                        }
                        let before = sim.done();
                        let after = sim.step(16);
                        // The coordinator only stops listening once every
                        // thread is done.
                        let _ = tx.send(after - before);
                    }
                    Some(sim.into_tally())
                })
            })
            .collect();
        drop(tx);
        let mut done = 0u32;
        for n in rx {
            done = done.saturating_add(n);
            if !stop.load(Ordering::Relaxed) && !progress(done, total) {
                stop.store(true, Ordering::Relaxed);
            }
        }
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    if stop.load(Ordering::Relaxed) {
        return Err(Cancelled);
    }
    let mut all = Tally::empty(p, opts);
    for t in tallies.iter().flatten() {
        // Parts of this very run: same inputs and options, disjoint draws.
        if all.merge(t).is_err() {
            debug_assert!(false, "the parts of one run merge");
        }
    }
    if !progress(total, total) {
        return Err(Cancelled);
    }
    Ok(all.result_of(p))
}

#[cfg(target_arch = "wasm32")]
fn threaded(
    p: &Prepared,
    opts: &SimOptions,
    _parts: &[(u32, u32)],
    progress: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<SimResult, Cancelled> {
    simulate(p, opts, progress)
}

// ---------------------------------------------------------------- judges

/// Judge report (§5): per stage, over the valid sheets of the innovations that
/// entered (configured weights): sheets and leniency per judge, Krippendorff's
/// α (interval) per criterion on the raw scores, and leave one judge out.
pub fn judges_report(p: &Prepared) -> JudgesResult {
    let w = p.weights();
    let mut sc = Scratch::default();
    p.run(&w.stages, &mut sc, None);
    let nj = p.judge_ids.len();
    let n = p.inns.len();
    // Advancing sets of the base run, per stage.
    let adv_sets = |sc: &Scratch| -> Vec<Vec<bool>> {
        sc.st
            .iter()
            .map(|st| {
                let mut v = vec![false; n];
                for &i in &st.adv_list {
                    v[i as usize] = true;
                }
                v
            })
            .collect()
    };
    let base_adv = adv_sets(&sc);
    // Judges with any valid sheet in any stage.
    let mut has_sheet = vec![false; nj];
    for ps in &p.stages {
        for &j in &ps.sheet_judge {
            has_sheet[j as usize] = true;
        }
    }
    let mut loo: Vec<(u32, Vec<u32>)> = Vec::new();
    let mut sc2 = Scratch::default();
    for j in 0..nj as u32 {
        if !has_sheet[j as usize] {
            continue;
        }
        let q = p.without_judge(j);
        q.run(&w.stages, &mut sc2, None);
        let a = adv_sets(&sc2);
        let changed = base_adv
            .iter()
            .zip(&a)
            .map(|(x, y)| x.iter().zip(y).filter(|(u, v)| u != v).count() as u32)
            .collect();
        loo.push((j, changed));
    }
    let mut out = JudgesResult::default();
    for (k, ps) in p.stages.iter().enumerate() {
        let st = &p.comp.stages[k];
        let cur = &sc.st[k];
        let n_c = ps.n_c;
        let mut sheets = vec![0u32; nj];
        let mut len_sum = vec![0.0f64; nj];
        let mut len_cnt = vec![0u32; nj];
        let mut units: Vec<Vec<Vec<f64>>> = vec![Vec::new(); n_c];
        for &i in &cur.entered {
            let (a, b) = ps.sheet_range(i);
            let m = (b - a) as usize;
            for q in a..b {
                sheets[ps.sheet_judge[q as usize] as usize] += 1;
            }
            for c in 0..n_c {
                let vals: Vec<f64> = (a..b)
                    .map(|q| ps.sheet_vals[q as usize * n_c + c])
                    .collect();
                if m >= 2 {
                    let s: Vec<f64> = vals
                        .iter()
                        .map(|&x| crate::norm::s_value(x, ps.min[c], ps.max[c]))
                        .collect();
                    for (t, q) in (a..b).enumerate() {
                        let mut others = 0.0;
                        for (u, sv) in s.iter().enumerate() {
                            if u != t {
                                others += sv;
                            }
                        }
                        let j = ps.sheet_judge[q as usize] as usize;
                        len_sum[j] += s[t] - others / (m - 1) as f64;
                        len_cnt[j] += 1;
                    }
                }
                units[c].push(vals);
            }
        }
        let judges = (0..nj)
            .filter(|&j| sheets[j] > 0)
            .map(|j| JudgeRow {
                id: p.judge_ids[j].clone(),
                sheets: sheets[j],
                leniency: (len_cnt[j] > 0).then(|| len_sum[j] / len_cnt[j] as f64),
            })
            .collect();
        let alpha = st
            .criteria
            .iter()
            .enumerate()
            .map(|(c, cr)| (cr.id.clone(), stats::krippendorff_interval(&units[c])))
            .collect();
        let leave_one_out = loo
            .iter()
            .map(|(j, ch)| LeaveOneOut {
                judge: p.judge_ids[*j as usize].clone(),
                advancing_changed: ch[k],
            })
            .collect();
        out.stages.push(JudgesStage {
            id: st.id.clone(),
            judges,
            alpha,
            leave_one_out,
        });
    }
    out
}

/// Adds the buffered draws to the counts and histograms and clears the
/// buffer. Each (stage, innovation) column is read once: its number of
/// ranked draws, rank sum and smallest and largest rank in one pass, then its
/// histogram window is grown at most twice and counted in. One histogram is
/// touched once per batch instead of once per draw: the windows of all
/// innovations are far larger than the cache.
fn flush(
    batch: &mut [u16],
    touched: &mut [bool],
    rows: usize,
    in_batch: &mut usize,
    ranked: &mut [u32],
    rank_sum: &mut [u64],
    hist: &mut [Hist],
) {
    let nb = *in_batch;
    *in_batch = 0;
    if nb == 0 || batch.is_empty() {
        return;
    }
    let nn = hist.len();
    // Ranks are at most nn: counted by rank, emptied again as merged.
    let mut local: Vec<u32> = vec![0; nn + 1];
    let mut col = vec![0u16; rows];
    for i in 0..nn {
        if !std::mem::take(&mut touched[i]) {
            continue;
        }
        // Gather the column from its tiles, clearing them.
        for (t, seg) in col[..nb].chunks_mut(TILE).enumerate() {
            let at = cell(nn, i, t * TILE);
            let src = &mut batch[at..at + seg.len()];
            seg.copy_from_slice(src);
            src.fill(0);
        }
        let c = &col[..nb];
        // r − 1 wraps 0 (not ranked) to the largest u16: the smallest of
        // them is the smallest rank − 1 of the ranked draws.
        let (mut lo1, mut hi, mut sum, mut cnt) = (u16::MAX, 0u16, 0u64, 0u32);
        for &r in c.iter() {
            lo1 = lo1.min(r.wrapping_sub(1));
            hi = hi.max(r);
            sum += r as u64;
            cnt += (r != 0) as u32;
        }
        if cnt == 0 {
            continue;
        }
        ranked[i] += cnt;
        rank_sum[i] += sum;
        let h = &mut hist[i];
        let a = lo1 as usize + 1;
        h.ensure(a as u32);
        h.ensure(hi as u32);
        // Counted first into a small local histogram that stays in the
        // cache, then added to the window in one sequential sweep: counting
        // straight into the window misses the cache on almost every line.
        // Not ranked (0) is counted too, and dropped.
        for &r in c {
            local[r as usize] += 1;
        }
        local[0] = 0;
        let used = &mut local[a..=hi as usize];
        let off = a - h.lo as usize;
        for (w, l) in h.counts[off..off + used.len()].iter_mut().zip(used) {
            *w += std::mem::take(l);
        }
    }
}
