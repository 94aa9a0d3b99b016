//! Selection of sheets, z-score normalisation (§2.2), aggregation (§2.3) and
//! s-values (§2.4), with reusable buffers.

use rand_core::RngCore;

use crate::model::{Aggregate, Normalize};
use crate::prepare::PStage;

/// Reusable buffers for one s-value computation.
#[derive(Clone, Debug, Default)]
pub(crate) struct SWork {
    /// Selected sheet indices, grouped per entered innovation in order.
    pub sel: Vec<u32>,
    /// Per entered position p, its selected sheets are sel[sel_start[p]..sel_start[p+1]].
    pub sel_start: Vec<u32>,
    /// Normalised values, sel.len() × n_c.
    pub xn: Vec<f64>,
    jcnt: Vec<u32>,
    jsum: Vec<f64>,
    jmean: Vec<f64>,
    jss: Vec<f64>,
    jfirst: Vec<f64>,
    jeq: Vec<bool>,
    mu: Vec<f64>,
    sd: Vec<f64>,
    tmp: Vec<f64>,
    /// z-score: judges with fewer than 2 sheets (judge index, sheets).
    pub few: Vec<(u32, u32)>,
}

/// Uniform integer in 0..n (n ≥ 1), unbiased (Lemire with rejection).
pub(crate) fn below<R: RngCore>(rng: &mut R, n: u32) -> u32 {
    let n64 = n as u64;
    loop {
        let x = rng.next_u32() as u64;
        let m = x * n64;
        let lo = m as u32;
        if lo >= n || lo >= (n.wrapping_neg() % n) {
            return (m >> 32) as u32;
        }
    }
}

impl SWork {
    /// Selects every valid sheet of the entered innovations.
    pub fn select_all(&mut self, ps: &PStage, entered: &[u32]) {
        self.sel.clear();
        self.sel_start.clear();
        self.sel_start.push(0);
        for &i in entered {
            let (a, b) = ps.sheet_range(i);
            self.sel.extend(a..b);
            self.sel_start.push(self.sel.len() as u32);
        }
    }

    /// Resamples each entered innovation's valid sheets with replacement (§5),
    /// same count, kept in judge order.
    pub fn select_resample<R: RngCore>(&mut self, ps: &PStage, entered: &[u32], rng: &mut R) {
        self.sel.clear();
        self.sel_start.clear();
        self.sel_start.push(0);
        for &i in entered {
            let (a, b) = ps.sheet_range(i);
            let m = b - a;
            let start = self.sel.len();
            for _ in 0..m {
                self.sel.push(a + below(rng, m));
            }
            self.sel[start..].sort_unstable();
            self.sel_start.push(self.sel.len() as u32);
        }
    }

    /// Normalises the selection (§2.2, when the stage says so), then writes
    /// s_ic of every entered innovation with at least one selected sheet into
    /// `out[i·n_c + c]` (NaN for those with none).
    pub fn compute(&mut self, ps: &PStage, entered: &[u32], n_judges: usize, out: &mut [f64]) {
        let n_c = ps.n_c;
        let n_sel = self.sel.len();
        self.xn.clear();
        self.xn.reserve(n_sel * n_c);
        for &q in &self.sel {
            let q = q as usize;
            self.xn
                .extend_from_slice(&ps.sheet_vals[q * n_c..q * n_c + n_c]);
        }
        self.few.clear();
        if ps.normalize == Normalize::ZScore && n_sel > 0 {
            self.zscore(ps, n_judges);
        }
        for (p, &i) in entered.iter().enumerate() {
            let (a, b) = (self.sel_start[p] as usize, self.sel_start[p + 1] as usize);
            let dst = &mut out[i as usize * n_c..i as usize * n_c + n_c];
            if a == b {
                dst.iter_mut().for_each(|x| *x = f64::NAN);
                continue;
            }
            if ps.aggregate == Aggregate::Mean {
                // The mean without a copy: the same sum, in judge order, as mean().
                let cnt = (b - a) as f64;
                for c in 0..n_c {
                    let mut sum = 0.0;
                    for q in a..b {
                        sum += self.xn[q * n_c + c];
                    }
                    dst[c] = s_value(sum / cnt, ps.min[c], ps.max[c]);
                }
                continue;
            }
            for c in 0..n_c {
                self.tmp.clear();
                for q in a..b {
                    self.tmp.push(self.xn[q * n_c + c]);
                }
                let agg = aggregate(ps.aggregate, &mut self.tmp);
                dst[c] = s_value(agg, ps.min[c], ps.max[c]);
            }
        }
    }

    fn zscore(&mut self, ps: &PStage, n_judges: usize) {
        let n_c = ps.n_c;
        let n_sel = self.sel.len();
        let nf = n_sel as f64;
        // μ_c, σ_c over all selected sheets, (innovation, judge) order.
        self.mu.clear();
        self.mu.resize(n_c, 0.0);
        self.sd.clear();
        self.sd.resize(n_c, 0.0);
        for q in 0..n_sel {
            for c in 0..n_c {
                self.mu[c] += self.xn[q * n_c + c];
            }
        }
        for c in 0..n_c {
            self.mu[c] /= nf;
        }
        for q in 0..n_sel {
            for c in 0..n_c {
                let d = self.xn[q * n_c + c] - self.mu[c];
                self.sd[c] += d * d;
            }
        }
        for c in 0..n_c {
            self.sd[c] = libm::sqrt(self.sd[c] / nf);
        }
        // Per judge.
        let nj = n_judges * n_c;
        self.jcnt.clear();
        self.jcnt.resize(n_judges, 0);
        for v in [
            &mut self.jsum,
            &mut self.jmean,
            &mut self.jss,
            &mut self.jfirst,
        ] {
            v.clear();
            v.resize(nj, 0.0);
        }
        self.jeq.clear();
        self.jeq.resize(nj, true);
        for q in 0..n_sel {
            let j = ps.sheet_judge[self.sel[q] as usize] as usize;
            self.jcnt[j] += 1;
            let first = self.jcnt[j] == 1;
            for c in 0..n_c {
                let x = self.xn[q * n_c + c];
                self.jsum[j * n_c + c] += x;
                if first {
                    self.jfirst[j * n_c + c] = x;
                } else if x != self.jfirst[j * n_c + c] {
                    self.jeq[j * n_c + c] = false;
                }
            }
        }
        for j in 0..n_judges {
            if self.jcnt[j] == 0 {
                continue;
            }
            if self.jcnt[j] < 2 {
                self.few.push((j as u32, self.jcnt[j]));
            }
            let cnt = self.jcnt[j] as f64;
            for c in 0..n_c {
                self.jmean[j * n_c + c] = self.jsum[j * n_c + c] / cnt;
            }
        }
        for q in 0..n_sel {
            let j = ps.sheet_judge[self.sel[q] as usize] as usize;
            for c in 0..n_c {
                let d = self.xn[q * n_c + c] - self.jmean[j * n_c + c];
                self.jss[j * n_c + c] += d * d;
            }
        }
        for j in 0..n_judges {
            if self.jcnt[j] == 0 {
                continue;
            }
            let cnt = self.jcnt[j] as f64;
            for c in 0..n_c {
                // jss now holds σ_jc.
                self.jss[j * n_c + c] = libm::sqrt(self.jss[j * n_c + c] / cnt);
            }
        }
        for q in 0..n_sel {
            let j = ps.sheet_judge[self.sel[q] as usize] as usize;
            if self.jcnt[j] < 2 {
                continue; // x' = x
            }
            for c in 0..n_c {
                let jc = j * n_c + c;
                let x = self.xn[q * n_c + c];
                let v = if self.jeq[jc] {
                    self.mu[c]
                } else {
                    let z = self.mu[c] + self.sd[c] * (x - self.jmean[jc]) / self.jss[jc];
                    clamp(z, ps.min[c], ps.max[c])
                };
                self.xn[q * n_c + c] = v;
            }
        }
    }
}

#[inline]
fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi {
        hi
    } else {
        v
    }
}

/// s = 100 · (a − min) / (max − min) (§2.4).
#[inline]
pub(crate) fn s_value(a: f64, min: f64, max: f64) -> f64 {
    100.0 * (a - min) / (max - min)
}

/// §2.3 over `v` (in judge order; may be reordered). Empty gives NaN.
pub(crate) fn aggregate(kind: Aggregate, v: &mut [f64]) -> f64 {
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    match kind {
        Aggregate::Mean => mean(v),
        Aggregate::Median => {
            v.sort_unstable_by(f64::total_cmp);
            if n % 2 == 1 {
                v[n / 2]
            } else {
                (v[n / 2 - 1] + v[n / 2]) / 2.0
            }
        }
        Aggregate::Trimmed => {
            if n < 3 {
                return mean(v);
            }
            // Drop the first (lowest judge id) lowest value and the first
            // other highest value; sum the rest in judge order.
            let mut imin = 0;
            for i in 1..n {
                if v[i] < v[imin] {
                    imin = i;
                }
            }
            let mut imax = if imin == 0 { 1 } else { 0 };
            for i in 0..n {
                if i != imin && v[i] > v[imax] {
                    imax = i;
                }
            }
            let mut s = 0.0;
            for (i, x) in v.iter().enumerate() {
                if i != imin && i != imax {
                    s += x;
                }
            }
            s / (n - 2) as f64
        }
    }
}

fn mean(v: &[f64]) -> f64 {
    let mut s = 0.0;
    for x in v {
        s += x;
    }
    s / v.len() as f64
}
