//! Statistics of §5: Kendall's τ-b, Spearman's ρ (fractional ranks),
//! Krippendorff's α (interval; nominal as a check). Fixed summation orders and
//! `libm`, so native and WebAssembly agree bit for bit.

/// Kendall's τ-b of paired values; `None` with fewer than two pairs or when a
/// side has no variance (all tied).
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let (mut conc, mut disc, mut tx, mut ty) = (0i64, 0i64, 0i64, 0i64);
    for i in 0..n {
        for j in i + 1..n {
            let dx = x[i].total_cmp(&x[j]) as i64;
            let dy = y[i].total_cmp(&y[j]) as i64;
            if dx == 0 && dy == 0 {
                tx += 1;
                ty += 1;
            } else if dx == 0 {
                tx += 1;
            } else if dy == 0 {
                ty += 1;
            } else if dx == dy {
                conc += 1;
            } else {
                disc += 1;
            }
        }
    }
    let n0 = (n as i64) * (n as i64 - 1) / 2;
    let (a, b) = (n0 - tx, n0 - ty);
    if a == 0 || b == 0 {
        return None;
    }
    Some((conc - disc) as f64 / libm::sqrt(a as f64 * b as f64))
}

/// Fractional ranks (1-based; ties share the mean of their positions), ascending values.
pub fn fractional_ranks(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
    let mut r = vec![0.0; n];
    let mut p = 0;
    while p < n {
        let mut q = p + 1;
        while q < n && x[idx[q]] == x[idx[p]] {
            q += 1;
        }
        // positions p+1 ..= q, mean (p+1+q)/2
        let v = (p + 1 + q) as f64 / 2.0;
        for &i in &idx[p..q] {
            r[i] = v;
        }
        p = q;
    }
    r
}

/// Pearson's correlation; `None` with fewer than two pairs or no variance.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let (mut mx, mut my) = (0.0, 0.0);
    for i in 0..n {
        mx += x[i];
        my += y[i];
    }
    mx /= n as f64;
    my /= n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (dx, dy) = (x[i] - mx, y[i] - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some(sxy / libm::sqrt(sxx * syy))
}

/// Spearman's ρ: Pearson's correlation of the fractional ranks.
pub fn spearman_rho(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    pearson(&fractional_ranks(&x[..n]), &fractional_ranks(&y[..n]))
}

/// Krippendorff's α with the interval metric (δ² = (v − v')²). `units`: the
/// values of each unit (one per coder that coded it). Units with fewer than
/// two values are left out. `None` when fewer than two pairable values remain
/// or all of them are equal (α undefined).
pub fn krippendorff_interval(units: &[Vec<f64>]) -> Option<f64> {
    // Σ over ordered pairs i≠j within a unit of (vi − vj)² = 2·m·Σ(v − v̄)².
    let mut n = 0usize;
    let mut total = 0.0;
    for u in units.iter().filter(|u| u.len() >= 2) {
        n += u.len();
        for v in u {
            total += v;
        }
    }
    if n < 2 {
        return None;
    }
    let mean_all = total / n as f64;
    let mut ss_all = 0.0;
    let mut d_o = 0.0;
    for u in units.iter().filter(|u| u.len() >= 2) {
        let m = u.len() as f64;
        let mut s = 0.0;
        for v in u {
            s += v;
            let d = v - mean_all;
            ss_all += d * d;
        }
        let mu = s / m;
        let mut ss = 0.0;
        for v in u {
            let d = v - mu;
            ss += d * d;
        }
        d_o += 2.0 * m * ss / (m - 1.0);
    }
    let nf = n as f64;
    // D_o = d_o / n; D_e = 2·n·ss_all / (n (n − 1)) = 2·ss_all / (n − 1).
    let de = 2.0 * ss_all / (nf - 1.0);
    if de == 0.0 {
        return None;
    }
    Some(1.0 - (d_o / nf) / de)
}

/// Krippendorff's α with the nominal metric (values equal or not).
pub fn krippendorff_nominal(units: &[Vec<f64>]) -> Option<f64> {
    let mut n = 0usize;
    let mut all: Vec<f64> = Vec::new();
    let mut d_o = 0.0;
    for u in units.iter().filter(|u| u.len() >= 2) {
        let m = u.len();
        n += m;
        all.extend_from_slice(u);
        let mut s = u.clone();
        s.sort_by(f64::total_cmp);
        let mut same = 0usize; // Σ n_uk²
        let mut p = 0;
        while p < m {
            let mut q = p + 1;
            while q < m && s[q] == s[p] {
                q += 1;
            }
            same += (q - p) * (q - p);
            p = q;
        }
        d_o += (m * m - same) as f64 / (m - 1) as f64;
    }
    if n < 2 {
        return None;
    }
    all.sort_by(f64::total_cmp);
    let mut same = 0usize;
    let mut p = 0;
    while p < all.len() {
        let mut q = p + 1;
        while q < all.len() && all[q] == all[p] {
            q += 1;
        }
        same += (q - p) * (q - p);
        p = q;
    }
    let de = (n * n - same) as f64;
    if de == 0.0 {
        return None;
    }
    Some(1.0 - (n as f64 - 1.0) * d_o / de)
}
