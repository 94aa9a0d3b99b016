//! The counts of a Monte Carlo run over a set of draws ([`Tally`]), which
//! merge exactly: every accumulator is an integer, so the tallies of any
//! partition of the draws, merged in any order, are the tally of one run.

use serde::{Deserialize, Serialize};

use crate::prepare::Prepared;
use crate::simulate::{SimOptions, SimResult, SimRow, SimStage};

/// Counts of ranks over a growing window.
#[derive(Clone, Debug, Default)]
pub(crate) struct Hist {
    pub(crate) lo: u32,
    pub(crate) counts: Vec<u32>,
}

impl Hist {
    /// Makes room for rank `r` (≥ 1) in the window; returns its position.
    #[inline]
    pub(crate) fn ensure(&mut self, r: u32) -> usize {
        if self.counts.is_empty() {
            self.lo = r;
            self.counts.push(0);
            return 0;
        }
        if r < self.lo {
            let grow = (self.lo - r)
                .max(self.counts.len() as u32 / 2)
                .min(self.lo - 1);
            let grow = grow.max(self.lo - r);
            let mut v = vec![0u32; grow as usize];
            v.extend_from_slice(&self.counts);
            self.counts = v;
            self.lo -= grow;
        }
        let p = (r - self.lo) as usize;
        if p >= self.counts.len() {
            let want = (p + 1).max(self.counts.len() * 3 / 2);
            self.counts.resize(want, 0);
        }
        p
    }

    #[inline]
    pub(crate) fn add(&mut self, r: u32) {
        let p = self.ensure(r);
        self.counts[p] += 1;
    }

    /// Smallest r with at least `k` draws at rank ≤ r.
    pub(crate) fn kth(&self, k: u64) -> u32 {
        let mut acc = 0u64;
        for (p, c) in self.counts.iter().enumerate() {
            acc += *c as u64;
            if acc >= k {
                return self.lo + p as u32;
            }
        }
        self.lo + self.counts.len() as u32
    }

    /// The window without the zeros at either end: (lowest rank, counts).
    fn trimmed(&self) -> (u32, &[u32]) {
        let Some(a) = self.counts.iter().position(|&c| c != 0) else {
            return (0, &[]);
        };
        let b = self.counts.iter().rposition(|&c| c != 0).unwrap_or(a);
        (self.lo + a as u32, &self.counts[a..=b])
    }

    /// Adds `other`'s counts (the window grows to cover both). Saturates;
    /// callers guarantee the sums fit (they count disjoint draws).
    fn add_hist(&mut self, other: &Hist) {
        let (lo, counts) = other.trimmed();
        if counts.is_empty() {
            return;
        }
        self.ensure(lo);
        self.ensure(lo + (counts.len() as u32 - 1));
        let off = (lo - self.lo) as usize;
        for (w, c) in self.counts[off..off + counts.len()].iter_mut().zip(counts) {
            *w = w.saturating_add(*c);
        }
    }
}

/// Why two tallies cannot be merged, or a tally cannot give a result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TallyError {
    /// Other inputs: the digests differ (other data, weights or decisions).
    Inputs,
    /// Another number of stages or innovations.
    Shape,
    /// Another run: seed, κ, judge resampling or number of draws differ.
    Options,
    /// The two tallies share draws (each draw may be counted once).
    Overlap,
    /// The data of a tally is not consistent; the text says where.
    Invalid(String),
}

impl std::fmt::Display for TallyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TallyError::Inputs => f.write_str("the tally is of other inputs (digest differs)"),
            TallyError::Shape => {
                f.write_str("the tally has another number of stages or innovations")
            }
            TallyError::Options => f.write_str(
                "the tally is of another run (seed, kappa, resample_judges or draws differ)",
            ),
            TallyError::Overlap => f.write_str("the tallies share draws"),
            TallyError::Invalid(s) => write!(f, "invalid tally: {s}"),
        }
    }
}

impl std::error::Error for TallyError {}

/// The integer counts of a Monte Carlo run over some of its draws (see
/// [`crate::Simulation::tally`]): per (stage, innovation) whether it entered,
/// how often it advanced, and its exact rank histogram. Tallies of disjoint
/// draws of the same run merge ([`Tally::merge`]) in any order into exactly
/// the tally of one run over all of them; [`Tally::result`] gives §5.1.
///
/// It serializes (serde) as [`TallyData`], flat arrays of numbers, so that
/// Web Workers can send it to each other.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(into = "TallyData", try_from = "TallyData")]
pub struct Tally {
    pub(crate) digest: String,
    pub(crate) seed: u64,
    /// κ after replacing an invalid one (bits compared).
    pub(crate) kappa: f64,
    pub(crate) resample_judges: bool,
    /// Draws of the whole run (`SimOptions::draws`).
    pub(crate) total: u32,
    pub(crate) stages: usize,
    pub(crate) innovations: usize,
    /// Draw ranges counted, sorted, disjoint, adjacent ones joined.
    pub(crate) ranges: Vec<(u32, u32)>,
    pub(crate) adv: Vec<u32>,
    pub(crate) ranked: Vec<u32>,
    pub(crate) entered: Vec<bool>,
    pub(crate) rank_sum: Vec<u64>,
    pub(crate) hist: Vec<Hist>,
}

/// The serialized form of a [`Tally`]: flat arrays of 32-bit numbers (exact as
/// JavaScript numbers), sparse where most cells are empty. A cell is
/// `stage × innovations + innovation` (innovations by id).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TallyData {
    /// Digest of the inputs (docs/digest.md).
    pub digest: String,
    /// The seed as `[low 32 bits, high 32 bits]`.
    pub seed: [u32; 2],
    /// Dirichlet concentration used (an invalid one already replaced by 50).
    pub kappa: f64,
    /// Judge resampling.
    pub resample_judges: bool,
    /// Draws of the whole run.
    pub total: u32,
    /// Number of stages.
    pub stages: u32,
    /// Number of innovations.
    pub innovations: u32,
    /// Draws counted: `[start, end, start, end, …]`, ascending, disjoint.
    pub ranges: Vec<u32>,
    /// Cells that entered their stage in at least one draw, ascending.
    pub entered: Vec<u32>,
    /// Cells ranked in at least one draw, ascending.
    pub cells: Vec<u32>,
    /// Per such cell: draws in which it advanced.
    pub adv: Vec<u32>,
    /// Per such cell: its lowest rank.
    pub lo: Vec<u32>,
    /// Per such cell: the length of its rank window (lowest to highest rank).
    pub len: Vec<u32>,
    /// The windows one after another: draws at each rank.
    pub counts: Vec<u32>,
}

/// Most cells (stages × innovations) a tally read from data may have.
const MAX_CELLS: usize = 1 << 24;

pub(crate) fn kappa_of(o: &SimOptions) -> f64 {
    if crate::limits::kappa_ok(o.kappa) {
        o.kappa
    } else {
        50.0
    }
}

impl Tally {
    /// A tally of no draws of the run `opts` over `p`: merging the tallies
    /// of its draws into it checks that each belongs to this run.
    pub fn empty(p: &Prepared, opts: &SimOptions) -> Tally {
        let nn = p.stages.len() * p.inns.len();
        Tally {
            digest: p.digest.clone(),
            seed: opts.seed,
            kappa: kappa_of(opts),
            resample_judges: opts.resample_judges,
            total: opts.draws,
            stages: p.stages.len(),
            innovations: p.inns.len(),
            ranges: Vec::new(),
            adv: vec![0; nn],
            ranked: vec![0; nn],
            entered: vec![false; nn],
            rank_sum: vec![0; nn],
            hist: vec![Hist::default(); nn],
        }
    }

    /// A tally with no cells (a placeholder).
    pub(crate) fn empty_like(t: &Tally) -> Tally {
        Tally {
            digest: String::new(),
            ranges: Vec::new(),
            adv: Vec::new(),
            ranked: Vec::new(),
            entered: Vec::new(),
            rank_sum: Vec::new(),
            hist: Vec::new(),
            ..*t
        }
    }

    /// Number of draws counted.
    pub fn draws(&self) -> u32 {
        self.ranges.iter().map(|(a, b)| b - a).sum()
    }

    /// The draw ranges counted (`start..end`), ascending, disjoint.
    pub fn ranges(&self) -> &[(u32, u32)] {
        &self.ranges
    }

    /// True when every draw of the run (`0..draws` of its options) is counted.
    pub fn is_complete(&self) -> bool {
        self.draws() == self.total
    }

    /// Adds the counts of `other` (the draws of another part of the same
    /// run). Refuses, changing nothing, a tally of other inputs, another
    /// shape or run, or one that shares draws with this one.
    pub fn merge(&mut self, other: &Tally) -> Result<(), TallyError> {
        if self.stages != other.stages || self.innovations != other.innovations {
            return Err(TallyError::Shape);
        }
        if self.digest != other.digest {
            return Err(TallyError::Inputs);
        }
        if self.seed != other.seed
            || self.kappa.to_bits() != other.kappa.to_bits()
            || self.resample_judges != other.resample_judges
            || self.total != other.total
        {
            return Err(TallyError::Options);
        }
        let ranges = join_ranges(&self.ranges, &other.ranges).ok_or(TallyError::Overlap)?;
        self.ranges = ranges;
        // The draws are disjoint and fewer than 2^32: no count overflows.
        for i in 0..self.adv.len() {
            self.entered[i] |= other.entered[i];
            if other.ranked[i] == 0 {
                continue;
            }
            self.adv[i] = self.adv[i].saturating_add(other.adv[i]);
            self.ranked[i] = self.ranked[i].saturating_add(other.ranked[i]);
            self.rank_sum[i] = self.rank_sum[i].saturating_add(other.rank_sum[i]);
            self.hist[i].add_hist(&other.hist[i]);
        }
        Ok(())
    }

    /// The result (§5.1) of the draws counted (`draws` in each stage says how
    /// many). `p` must be the inputs of the run (same digest and shape).
    pub fn result(&self, p: &Prepared) -> Result<SimResult, TallyError> {
        if self.stages != p.stages.len() || self.innovations != p.inns.len() {
            return Err(TallyError::Shape);
        }
        if self.digest != p.digest {
            return Err(TallyError::Inputs);
        }
        Ok(self.result_of(p))
    }

    /// [`Tally::result`] without the checks (the tally is `p`'s).
    pub(crate) fn result_of(&self, p: &Prepared) -> SimResult {
        let n = p.inns.len();
        let draws = self.draws();
        let mut out = SimResult::default();
        for k in 0..p.stages.len() {
            let base = k * n;
            let mut rows: Vec<(u32, SimRow)> = Vec::new();
            for i in 0..n {
                if !self.entered[base + i] {
                    continue;
                }
                let rd = self.ranked[base + i];
                let sum = self.rank_sum[base + i];
                let h = &self.hist[base + i];
                let pct = |pc: u64| -> Option<u32> {
                    (rd > 0).then(|| h.kth(((pc * rd as u64).div_ceil(100)).max(1)))
                };
                let adv = self.adv[base + i];
                rows.push((
                    adv,
                    SimRow {
                        id: p.inns[i].id.clone(),
                        p_advance: if draws > 0 {
                            adv as f64 / draws as f64
                        } else {
                            0.0
                        },
                        ranked_draws: rd,
                        mean_rank: (rd > 0).then(|| sum as f64 / rd as f64),
                        p5: pct(5),
                        p50: pct(50),
                        p95: pct(95),
                    },
                ));
            }
            rows.sort_by(|(aa, a), (ab, b)| {
                ab.cmp(aa)
                    .then_with(|| match (a.mean_rank, b.mean_rank) {
                        (Some(x), Some(y)) => x.total_cmp(&y),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    })
                    .then_with(|| a.id.cmp(&b.id))
            });
            out.stages.push(SimStage {
                id: p.comp.stages[k].id.clone(),
                draws,
                rows: rows.into_iter().map(|(_, r)| r).collect(),
            });
        }
        out
    }

    /// The serialized form (also what serde writes).
    pub fn to_data(&self) -> TallyData {
        let mut d = TallyData {
            digest: self.digest.clone(),
            seed: [self.seed as u32, (self.seed >> 32) as u32],
            kappa: self.kappa,
            resample_judges: self.resample_judges,
            total: self.total,
            stages: self.stages as u32,
            innovations: self.innovations as u32,
            ranges: self.ranges.iter().flat_map(|&(a, b)| [a, b]).collect(),
            entered: Vec::new(),
            cells: Vec::new(),
            adv: Vec::new(),
            lo: Vec::new(),
            len: Vec::new(),
            counts: Vec::new(),
        };
        for (c, &e) in self.entered.iter().enumerate() {
            if e {
                d.entered.push(c as u32);
            }
        }
        for (c, h) in self.hist.iter().enumerate() {
            let (lo, counts) = h.trimmed();
            if counts.is_empty() {
                continue;
            }
            d.cells.push(c as u32);
            d.adv.push(self.adv[c]);
            d.lo.push(lo);
            d.len.push(counts.len() as u32);
            d.counts.extend_from_slice(counts);
        }
        d
    }
}

/// The union of two sorted, disjoint range lists (adjacent ranges joined);
/// `None` when they overlap.
fn join_ranges(a: &[(u32, u32)], b: &[(u32, u32)]) -> Option<Vec<(u32, u32)>> {
    let mut all: Vec<(u32, u32)> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(all.len());
    for (s, e) in all {
        if s >= e {
            continue;
        }
        match out.last_mut() {
            Some(last) if s < last.1 => return None,
            Some(last) if s == last.1 => last.1 = e,
            _ => out.push((s, e)),
        }
    }
    Some(out)
}

impl From<Tally> for TallyData {
    fn from(t: Tally) -> TallyData {
        t.to_data()
    }
}

impl TryFrom<TallyData> for Tally {
    type Error = TallyError;

    /// Checks every invariant a [`Tally`] keeps, so that a tally read from
    /// elsewhere cannot make a merge or a result go wrong.
    fn try_from(d: TallyData) -> Result<Tally, TallyError> {
        let bad = |s: &str| Err(TallyError::Invalid(s.to_string()));
        let (ns, n) = (d.stages as usize, d.innovations as usize);
        let nn = match ns.checked_mul(n) {
            Some(x) if x <= MAX_CELLS => x,
            _ => return bad("too many stages × innovations"),
        };
        if !crate::limits::kappa_ok(d.kappa) {
            return bad("kappa");
        }
        let pairs = d.ranges.chunks_exact(2);
        if !pairs.remainder().is_empty() {
            return bad("ranges: not start, end pairs");
        }
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for p in pairs {
            let (s, e) = (p[0], p[1]);
            if s >= e || e > d.total || ranges.last().is_some_and(|l| s < l.1) {
                return bad("ranges: not ascending, disjoint and within the draws");
            }
            ranges.push((s, e));
        }
        let Some(ranges) = join_ranges(&ranges, &[]) else {
            return bad("ranges: overlapping");
        };
        let draws: u64 = ranges.iter().map(|(a, b)| (b - a) as u64).sum();
        let mut entered = vec![false; nn];
        let mut last: Option<u32> = None;
        for &c in &d.entered {
            if c as usize >= nn || last.is_some_and(|l| c <= l) {
                return bad("entered: cells not ascending or out of range");
            }
            entered[c as usize] = true;
            last = Some(c);
        }
        let m = d.cells.len();
        if d.adv.len() != m || d.lo.len() != m || d.len.len() != m {
            return bad("cells, adv, lo and len differ in length");
        }
        let mut t = Tally {
            digest: d.digest,
            seed: d.seed[0] as u64 | (d.seed[1] as u64) << 32,
            kappa: d.kappa,
            resample_judges: d.resample_judges,
            total: d.total,
            stages: ns,
            innovations: n,
            ranges,
            adv: vec![0; nn],
            ranked: vec![0; nn],
            entered,
            rank_sum: vec![0; nn],
            hist: vec![Hist::default(); nn],
        };
        let mut at = 0usize;
        let mut last: Option<u32> = None;
        for j in 0..m {
            let c = d.cells[j];
            if c as usize >= nn || last.is_some_and(|l| c <= l) {
                return bad("cells: not ascending or out of range");
            }
            last = Some(c);
            let c = c as usize;
            let (lo, len) = (d.lo[j], d.len[j] as usize);
            if lo == 0 || len == 0 || (lo as u64 + len as u64 - 1) > n as u64 {
                return bad("lo, len: a rank window lies within 1..=innovations");
            }
            let Some(w) = d.counts.get(at..at + len) else {
                return bad("counts: shorter than the windows");
            };
            at += len;
            let (mut cnt, mut sum) = (0u64, 0u64);
            for (q, &x) in w.iter().enumerate() {
                cnt += x as u64;
                sum = sum.saturating_add(x as u64 * (lo as u64 + q as u64));
            }
            if cnt == 0 || cnt > draws || d.adv[j] as u64 > cnt || !t.entered[c] {
                return bad("counts: more ranked draws than draws, or a cell not entered");
            }
            t.ranked[c] = cnt as u32;
            t.rank_sum[c] = sum;
            t.adv[c] = d.adv[j];
            t.hist[c] = Hist {
                lo,
                counts: w.to_vec(),
            };
        }
        if at != d.counts.len() {
            return bad("counts: longer than the windows");
        }
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_join_and_refuse_overlaps() {
        assert_eq!(
            join_ranges(&[(0, 5), (9, 12)], &[(5, 9)]),
            Some(vec![(0, 12)])
        );
        assert_eq!(
            join_ranges(&[(3, 4)], &[(0, 2), (7, 7)]),
            Some(vec![(0, 2), (3, 4)])
        );
        assert_eq!(join_ranges(&[(0, 5)], &[(4, 6)]), None);
        assert_eq!(join_ranges(&[(0, 5)], &[(0, 5)]), None);
    }

    #[test]
    fn hist_merge_covers_both_windows() {
        let mut a = Hist::default();
        for r in [5, 6, 6, 9] {
            a.add(r);
        }
        let mut b = Hist::default();
        for r in [1, 6, 20] {
            b.add(r);
        }
        a.add_hist(&b);
        let (lo, c) = a.trimmed();
        assert_eq!(lo, 1);
        let mut want = [0u32; 20];
        for r in [5, 6, 6, 9, 1, 6, 20] {
            want[r - 1] += 1;
        }
        assert_eq!(c, &want[..]);
    }
}
