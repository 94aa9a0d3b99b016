//! Comparing, ranking and advancing (§2.5, §2.6): one implementation shared by
//! the full pipeline, the fast re-rank, the simulations and [`rank_values`]
//! (the `<kipp-ranking>` what-if, which only has published s-values).

use std::collections::HashMap;

use crate::model::{Advance, Stage, TieBreak, Ties};
use crate::result::{Row, Warning};

/// "No agency" / "no value" marker for u32 indices.
pub(crate) const NONE: u32 = u32::MAX;

/// q(x) = round(x · 1e6) (§2.5), as an exact integer-valued f64 (no overflow
/// for huge values), with −0 made +0.
#[inline]
pub fn q(x: f64) -> f64 {
    (x * 1e6).round() + 0.0
}

/// A u64 whose ascending order is the *descending* order of q(x), injective
/// on q values. q values below 2^62 in magnitude (every realistic score) map
/// to consecutive integers, so the keys of a ranking usually span less than
/// 2^32 and sort as compact integers; larger ones and infinities keep their
/// order through their bit patterns; NaN (never produced from valid inputs)
/// sorts last.
#[inline]
pub(crate) fn desc_key(x: f64) -> u64 {
    const LIM: f64 = 4_611_686_018_427_387_904.0; // 2^62
    const EXACT: f64 = 4_503_599_627_370_496.0; // 2^52
    let y = x * 1e6;
    if y.abs() < EXACT {
        return small_key(y);
    }
    let y = q(x);
    let asc: u64 = if y.is_nan() {
        0
    } else if y.abs() < LIM {
        (y as i64 as u64).wrapping_add(1 << 63)
    } else if y > 0.0 {
        0xC000_0000_0000_0000 + (y.to_bits() - LIM.to_bits())
    } else {
        0x3FFF_FFFF_FFFF_FFFF - ((-y).to_bits() - LIM.to_bits())
    };
    !asc
}

/// [`desc_key`] of `y / 1e6` for |y| < 2^52 (any other y gives a wrong key).
#[inline]
fn small_key(y: f64) -> u64 {
    const EXACT: f64 = 4_503_599_627_370_496.0; // 2^52
                                                // round() half away from zero without a libm call or a conversion, and
                                                // without a branch (the rounding direction of real scores is random):
                                                // a + 2^52 is a rounded to an integer (ties to even), which is then the
                                                // mantissa; a − that integer is exact, and a tie rounded down is put
                                                // right. The sign is applied as two's complement.
    let a = y.abs();
    let s = a + EXACT;
    let t = (s.to_bits().wrapping_sub(EXACT.to_bits())) + ((a - (s - EXACT)) == 0.5) as u64;
    let neg = (y < 0.0) as u64;
    let r = (t ^ neg.wrapping_neg()).wrapping_add(neg);
    !r.wrapping_add(1 << 63)
}

/// [`desc_key`] of each of `xs` into `out`: one loop without branches
/// (which vectorises) when every |x·10^6| < 2^52 or NaN (the scores of
/// incomplete innovations), as for real scores.
pub(crate) fn desc_keys(xs: &[f64], out: &mut [u64]) {
    const EXACT: f64 = 4_503_599_627_370_496.0; // 2^52
    let mut ok = true;
    for (o, &x) in out.iter_mut().zip(xs) {
        let y = x * 1e6;
        ok &= y.abs() < EXACT || y.is_nan();
        *o = if y.is_nan() { u64::MAX } else { small_key(y) };
    }
    if !ok {
        for (o, &x) in out.iter_mut().zip(xs) {
            *o = desc_key(x);
        }
    }
}

/// The advance rules of a stage, checked (§2.6).
#[derive(Clone, Debug, Default)]
pub(crate) struct AdvanceRules {
    /// `advance` present.
    pub has: bool,
    pub top: Option<u32>,
    pub per_category: bool,
    /// desc_key(threshold).
    pub threshold: Option<u64>,
    pub cap: Option<u32>,
    pub ties: Ties,
}

impl AdvanceRules {
    pub fn new(a: &Option<Advance>) -> Self {
        match a {
            None => AdvanceRules::default(),
            Some(a) => AdvanceRules {
                has: true,
                top: a.top,
                per_category: a.per_category,
                threshold: a.threshold.map(desc_key),
                cap: a.max_per_agency,
                ties: a.ties,
            },
        }
    }
}

/// A tie-break key of a stage, resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TieKey {
    Criterion(usize),
    Bonus,
    Raw,
}

pub(crate) fn tie_keys(st: &Stage) -> Vec<TieKey> {
    st.tie_break
        .iter()
        .filter_map(|t| match t {
            TieBreak::Criterion(c) => st
                .criteria
                .iter()
                .position(|x| &x.id == c)
                .map(TieKey::Criterion),
            TieBreak::Bonus => Some(TieKey::Bonus),
            TieBreak::Raw => Some(TieKey::Raw),
        })
        .collect()
}

/// One ranking problem: `m` items (local indices 0..m whose order is the id
/// order), `k` keys each (first q(score), then the tie-break keys), categories
/// and agencies as small integers. Buffers are reused across calls.
#[derive(Clone, Debug, Default)]
pub(crate) struct RankBuf {
    pub m: usize,
    pub k: usize,
    /// m·k desc keys, filled by the caller.
    pub keys: Vec<u64>,
    /// Lowest and highest first key, when the caller kept them while
    /// filling `keys` (saves a pass); cleared by `reset`.
    pub key0_range: Option<(u64, u64)>,
    /// Category per item (only read with per_category; sized by `groups`).
    pub cat: Vec<u32>,
    /// Agency per item, NONE when empty (only read with a cap; sized by
    /// `groups`).
    pub agency: Vec<u32>,
    /// Items in listing order.
    pub order: Vec<u32>,
    /// Rank per item.
    pub rank: Vec<u32>,
    /// Category rank per item (only meaningful with per_category).
    pub cat_rank: Vec<u32>,
    pub advanced: Vec<bool>,
    pub tie: Vec<bool>,
    /// (category or NONE, rank, removed) of each `ties: exclude` removal.
    pub excluded: Vec<(u32, u32, u32)>,
    pack: Vec<u128>,
    pack64: Vec<u64>,
    tmp64: Vec<u64>,
    bucket: Vec<u32>,
    cat_cnt: Vec<u32>,
    cat_last: Vec<u32>,
    cat_off: Vec<u32>,
    walk: Vec<u32>,
    ag_cnt: Vec<u32>,
    touched: Vec<u32>,
    admitted: Vec<u32>,
}

impl RankBuf {
    /// Prepares for `m` items with `k` keys; the caller then fills every
    /// key (they are not cleared), and calls [`RankBuf::groups`] before
    /// filling categories and agencies if the rules read them.
    pub fn reset(&mut self, m: usize, k: usize) {
        self.m = m;
        self.k = k;
        self.key0_range = None;
        self.keys.resize(m * k, 0);
    }

    /// Sizes `cat` (all 0) and `agency` (all NONE) for the items of `reset`.
    pub fn groups(&mut self) {
        self.cat.clear();
        self.cat.resize(self.m, 0);
        self.agency.clear();
        self.agency.resize(self.m, NONE);
    }

    /// Equal on every key?
    #[inline]
    fn same(&self, a: u32, b: u32) -> bool {
        same_keys(&self.keys, self.k, a, b)
    }

    /// Sorts, ranks and decides who advances. `n_cat` and `n_agency` bound the
    /// values in `cat` and `agency`.
    pub fn run(&mut self, rules: &AdvanceRules, n_cat: usize, n_agency: usize) {
        let m = self.m;
        let k = self.k;
        // Order (§2.5): keys descending (encoded ascending), then id (= local index).
        self.order.clear();
        // Every item's rank is written below: no clearing.
        self.rank.resize(m, 0);
        let (lo, hi) = match self.key0_range.take() {
            Some(r) => r,
            None => {
                let (mut lo, mut hi) = (u64::MAX, 0u64);
                for kl in self.keys[..m * k].chunks_exact(k) {
                    lo = lo.min(kl[0]);
                    hi = hi.max(kl[0]);
                }
                (lo, hi)
            }
        };
        if m > 0 && hi - lo < (1u64 << 32) && m <= u32::MAX as usize {
            // The first key (the score) packed with the index into a u64 and
            // sorted as an integer. Keys span less than 2^32 whenever scores
            // span less than about 4,000 points at six decimals. Runs of
            // equal first keys are then ordered by the other keys and the
            // index: the lexicographic order of the key lists and the index
            // (runs are rare and short, as the first key is the score).
            let max_key = hi - lo;
            let keys = &self.keys[..m * k];
            self.pack64.clear();
            // Whether some first keys may be equal.
            let equal = match bucket_plan(m, max_key) {
                None => {
                    self.pack64.extend(
                        keys.chunks_exact(k)
                            .enumerate()
                            .map(|(i, kl)| ((kl[0] - lo) << 32) | i as u64),
                    );
                    self.pack64.sort_unstable();
                    true
                }
                Some((shift, nb)) => {
                    // Packed and counted into buckets in one pass.
                    let cnt = &mut self.bucket;
                    cnt.clear();
                    cnt.resize(nb, 0);
                    self.pack64
                        .extend(keys.chunks_exact(k).enumerate().map(|(i, kl)| {
                            let x = ((kl[0] - lo) << 32) | i as u64;
                            cnt[(x >> shift) as usize] += 1;
                            x
                        }));
                    sort_counted(&mut self.pack64, &mut self.tmp64, cnt, shift, max_key)
                }
            };
            let pk = &self.pack64[..m];
            let rank = &mut self.rank[..m];
            // Every item first gets its position as rank.
            for (p, &x) in pk.iter().enumerate() {
                rank[x as u32 as usize] = p as u32 + 1;
            }
            self.order.extend(pk.iter().map(|p| *p as u32));
            let order = &mut self.order[..m];
            // Then runs of equal first keys (rare: equal scores) are ordered
            // by the other keys and the index, and share ranks.
            let mut a = if equal { 0 } else { m };
            while a + 1 < m {
                if pk[a] >> 32 != pk[a + 1] >> 32 {
                    a += 1;
                    continue;
                }
                let top = pk[a] >> 32;
                let mut b = a + 2;
                while b < m && pk[b] >> 32 == top {
                    b += 1;
                }
                let run = &mut order[a..b];
                if k > 1 {
                    run.sort_unstable_by(|x, y| {
                        let kx = &keys[*x as usize * k + 1..*x as usize * k + k];
                        let ky = &keys[*y as usize * k + 1..*y as usize * k + k];
                        kx.cmp(ky).then(x.cmp(y))
                    });
                }
                let mut r = a as u32 + 1;
                for p in a..b {
                    let i = order[p];
                    if p > a && !same_keys(keys, k, i, order[p - 1]) {
                        r = p as u32 + 1;
                    }
                    rank[i as usize] = r;
                }
                a = b;
            }
        } else {
            // Wide keys: compared as lists (u128 for one key).
            if k == 1 {
                self.pack.clear();
                self.pack
                    .extend((0..m).map(|i| ((self.keys[i] as u128) << 32) | i as u128));
                self.pack.sort_unstable();
                self.order.extend(self.pack.iter().map(|p| *p as u32));
            } else {
                let keys = &self.keys;
                self.order.extend(0..m as u32);
                self.order.sort_unstable_by(|&a, &b| {
                    let ka = &keys[a as usize * k..a as usize * k + k];
                    let kb = &keys[b as usize * k..b as usize * k + k];
                    ka.cmp(kb).then(a.cmp(&b))
                });
            }
            let mut prev: u32 = NONE;
            let mut prev_rank = 0u32;
            for p in 0..m {
                let i = self.order[p];
                let r = if prev != NONE && self.same(i, prev) {
                    prev_rank
                } else {
                    p as u32 + 1
                };
                self.rank[i as usize] = r;
                prev = i;
                prev_rank = r;
            }
        }
        // Written for every item with per_category, else never read.
        self.cat_rank.resize(m, 0);
        self.advanced.clear();
        self.advanced.resize(m, false);
        self.tie.clear();
        self.tie.resize(m, false);
        self.excluded.clear();
        if rules.per_category {
            self.cat_cnt.clear();
            self.cat_cnt.resize(n_cat, 0);
            self.cat_last.clear();
            self.cat_last.resize(n_cat, NONE);
            for p in 0..m {
                let i = self.order[p];
                let c = self.cat[i as usize] as usize;
                let last = self.cat_last[c];
                let r = if last != NONE && self.same(i, last) {
                    self.cat_rank[last as usize]
                } else {
                    self.cat_cnt[c] + 1
                };
                self.cat_rank[i as usize] = r;
                self.cat_cnt[c] += 1;
                self.cat_last[c] = i;
            }
        }
        if !rules.has {
            self.advanced.iter_mut().for_each(|a| *a = true);
            return;
        }
        self.ag_cnt.clear();
        self.ag_cnt.resize(n_agency, 0);
        let mut walk = std::mem::take(&mut self.walk);
        walk.clear();
        if rules.per_category {
            // Bucket the order by category, keeping the order within each.
            self.cat_off.clear();
            self.cat_off.resize(n_cat + 1, 0);
            for i in 0..m {
                self.cat_off[self.cat[i] as usize + 1] += 1;
            }
            for c in 0..n_cat {
                self.cat_off[c + 1] += self.cat_off[c];
            }
            walk.resize(m, 0);
            let mut fill = self.cat_off.clone();
            for p in 0..m {
                let i = self.order[p];
                let c = self.cat[i as usize] as usize;
                walk[fill[c] as usize] = i;
                fill[c] += 1;
            }
            for c in 0..n_cat {
                let (a, b) = (self.cat_off[c] as usize, self.cat_off[c + 1] as usize);
                if a < b {
                    self.walk_one(&walk[a..b], rules, c as u32);
                }
            }
        } else {
            // The order itself, lent for the walk (nothing changes it there).
            let order = std::mem::take(&mut self.order);
            self.walk_one(&order, rules, NONE);
            self.order = order;
        }
        self.walk = walk;
    }

    fn walk_one(&mut self, list: &[u32], rules: &AdvanceRules, cat: u32) {
        self.admitted.clear();
        self.touched.clear();
        let mut n_adm = 0u32;
        let mut last_rank = 0u32;
        let mut reached = false;
        for &i in list {
            let iu = i as usize;
            if let Some(t) = rules.threshold {
                if self.keys[iu * self.k] > t {
                    continue; // q(score) < q(threshold)
                }
            }
            let r = if rules.per_category {
                self.cat_rank[iu]
            } else {
                self.rank[iu]
            };
            let capped = match rules.cap {
                Some(c) => {
                    let ag = self.agency[iu];
                    ag != NONE && self.ag_cnt[ag as usize] >= c
                }
                None => false,
            };
            match rules.top {
                None => {
                    if !capped {
                        self.admit(i, rules);
                    }
                }
                Some(t) => {
                    if !reached {
                        if !capped {
                            self.admit(i, rules);
                            n_adm += 1;
                            last_rank = r;
                            if n_adm >= t {
                                reached = true;
                            }
                        }
                    } else {
                        if capped {
                            continue;
                        }
                        if r != last_rank {
                            break;
                        }
                        match rules.ties {
                            Ties::Include => {
                                self.admit(i, rules);
                                self.tie[iu] = true;
                            }
                            Ties::Exclude => {
                                let mut removed = 0;
                                for &a in &self.admitted {
                                    let ra = if rules.per_category {
                                        self.cat_rank[a as usize]
                                    } else {
                                        self.rank[a as usize]
                                    };
                                    if ra == last_rank {
                                        self.advanced[a as usize] = false;
                                        removed += 1;
                                    }
                                }
                                self.excluded.push((cat, last_rank, removed));
                                break;
                            }
                        }
                    }
                }
            }
        }
        for &a in &self.touched {
            self.ag_cnt[a as usize] = 0;
        }
    }

    #[inline]
    fn admit(&mut self, i: u32, rules: &AdvanceRules) {
        self.advanced[i as usize] = true;
        self.admitted.push(i);
        if rules.cap.is_none() {
            return;
        }
        let ag = self.agency[i as usize];
        if ag != NONE {
            if self.ag_cnt[ag as usize] == 0 {
                self.touched.push(ag);
            }
            self.ag_cnt[ag as usize] += 1;
        }
    }
}

/// raw_i = Σ_c w_c·s_ic / Σ_c w_c, sums in criterion order (§2.4).
#[inline]
pub(crate) fn raw_score(w: &[f64], s: &[f64]) -> f64 {
    let mut num = 0.0;
    let mut den = 0.0;
    for (wc, sc) in w.iter().zip(s) {
        num += wc * sc;
        den += wc;
    }
    num / den
}

/// One innovation as the what-if of the `<kipp-ranking>` widget knows it: the
/// published s-values of this stage, its bonus, and its `own` score (raw +
/// bonus) in the earlier stages that this stage's `combine` names.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ValueEntry {
    /// Innovation id.
    pub id: String,
    /// Category (exact string; empty is a category of its own).
    pub category: String,
    /// Agency (empty: no cap).
    pub agency: String,
    /// s_ic in the stage's criterion order; `None` (or a wrong length) = incomplete.
    pub criteria: Option<Vec<f64>>,
    /// bonus_i of this stage.
    pub bonus: f64,
    /// Valid sheets (copied into the row).
    pub sheets: u32,
    /// (stage id, own score) for each earlier stage in `combine`. A missing one
    /// makes the entry incomplete.
    pub earlier_own: Vec<(String, f64)>,
}

/// §2.4 from given s-values, then §2.5-§2.6, with the weights, combine,
/// tie-break and advance rules of `stage` (its criteria weights may be the
/// what-if's). Returns the rows in §3.1 order and the stage's tie warnings.
/// The stage is assumed valid ([`crate::validate_competition`]). An entry
/// whose score, raw score or bonus is not finite is listed as incomplete.
pub fn rank_values(stage: &Stage, entries: &[ValueEntry]) -> (Vec<Row>, Vec<Warning>) {
    let n_c = stage.criteria.len();
    let w: Vec<f64> = stage.criteria.iter().map(|c| c.weight).collect();
    let tk = tie_keys(stage);
    let rules = AdvanceRules::new(&stage.advance);
    // Entries sorted by id (local order = id order).
    let mut idx: Vec<usize> = (0..entries.len()).collect();
    idx.sort_by(|&a, &b| entries[a].id.cmp(&entries[b].id));
    let mut cats: HashMap<&str, u32> = HashMap::new();
    let mut cat_names: Vec<&str> = Vec::new();
    let mut ags: HashMap<&str, u32> = HashMap::new();
    struct Item {
        e: usize,
        raw: f64,
        score: f64,
    }
    let mut items: Vec<Item> = Vec::new();
    let mut incomplete: Vec<usize> = Vec::new();
    'entries: for &e in &idx {
        let en = &entries[e];
        let s = match &en.criteria {
            Some(s) if s.len() == n_c => s,
            _ => {
                incomplete.push(e);
                continue;
            }
        };
        let raw = raw_score(&w, s);
        let own = raw + en.bonus;
        let score = match &stage.combine {
            None => own,
            Some(terms) => {
                let mut num = 0.0;
                let mut den = 0.0;
                for t in terms {
                    let o = if t.stage == stage.id {
                        own
                    } else {
                        match en.earlier_own.iter().find(|(s, _)| s == &t.stage) {
                            Some((_, o)) => *o,
                            None => {
                                incomplete.push(e);
                                continue 'entries;
                            }
                        }
                    };
                    num += t.weight * o;
                    den += t.weight;
                }
                num / den
            }
        };
        // Values from a published file may be anything JSON holds
        // (1e308): an entry whose numbers do not give a finite score is
        // not ranked (shown as incomplete), never ranked as NaN.
        if !(raw.is_finite() && score.is_finite() && en.bonus.is_finite()) {
            incomplete.push(e);
            continue;
        }
        items.push(Item { e, raw, score });
    }
    let m = items.len();
    let k = 1 + tk.len();
    let mut rb = RankBuf::default();
    rb.reset(m, k);
    rb.groups();
    for (l, it) in items.iter().enumerate() {
        let en = &entries[it.e];
        rb.keys[l * k] = desc_key(it.score);
        for (t, key) in tk.iter().enumerate() {
            let v = match key {
                TieKey::Criterion(c) => en.criteria.as_ref().map_or(0.0, |s| s[*c]),
                TieKey::Bonus => en.bonus,
                TieKey::Raw => it.raw,
            };
            rb.keys[l * k + 1 + t] = desc_key(v);
        }
        let nc = cats.len() as u32;
        rb.cat[l] = *cats.entry(en.category.as_str()).or_insert_with(|| {
            cat_names.push(en.category.as_str());
            nc
        });
        if !en.agency.is_empty() {
            let na = ags.len() as u32;
            rb.agency[l] = *ags.entry(en.agency.as_str()).or_insert(na);
        }
    }
    rb.run(&rules, cats.len(), ags.len());
    let mut rows = Vec::with_capacity(entries.len());
    for &l in &rb.order {
        let l = l as usize;
        let it = &items[l];
        let en = &entries[it.e];
        let s = en.criteria.as_deref().unwrap_or(&[]);
        rows.push(Row {
            id: en.id.clone(),
            rank: Some(rb.rank[l]),
            category_rank: rules.per_category.then(|| rb.cat_rank[l]),
            score: Some(it.score),
            raw: Some(it.raw),
            bonus: Some(en.bonus),
            criteria: stage
                .criteria
                .iter()
                .zip(s)
                .map(|(c, v)| (c.id.clone(), *v))
                .collect(),
            sheets: en.sheets,
            advanced: rb.advanced[l],
            tie_at_cutoff: rb.tie[l],
            incomplete: false,
            recommended: None,
        });
    }
    for &e in &incomplete {
        let en = &entries[e];
        rows.push(Row {
            id: en.id.clone(),
            sheets: en.sheets,
            incomplete: true,
            ..Row::default()
        });
    }
    let warnings = rb
        .excluded
        .iter()
        .map(|&(c, rank, removed)| Warning::TieAtCutoff {
            category: (c != NONE).then(|| {
                cat_names
                    .get(c as usize)
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            }),
            rank,
            removed,
        })
        .collect();
    (rows, warnings)
}

/// Equal on every one of the `k` keys of items `a` and `b`?
#[inline]
fn same_keys(keys: &[u64], k: usize, a: u32, b: u32) -> bool {
    let (a, b) = (a as usize * k, b as usize * k);
    if k == 1 {
        return keys[a] == keys[b];
    }
    (0..k).all(|t| keys[a + t] == keys[b + t])
}

/// How [`sort_counted`] buckets `m` values with keys at most `max_key`: the
/// shift that gives a value's bucket, and the number of buckets (about two
/// per value, by the key's top bits). None: few values, the standard sort.
fn bucket_plan(m: usize, max_key: u64) -> Option<(u32, usize)> {
    if m < 256 {
        return None;
    }
    let used = 64 - max_key.leading_zeros();
    let b_bits = (usize::BITS - m.leading_zeros() + 1).min(16).min(used);
    Some((32 + used - b_bits, 1usize << b_bits))
}

/// Sorts `(key << 32) | index` values whose keys are at most `max_key`
/// (< 2^32): the bucket counting of [`RankBuf::run`] (there fused with the
/// packing), then [`sort_counted`].
/// Returns as [`sort_counted`] (true for the standard sort).
#[cfg(test)]
fn sort_packed(v: &mut Vec<u64>, tmp: &mut Vec<u64>, cnt: &mut Vec<u32>, max_key: u64) -> bool {
    let Some((shift, nb)) = bucket_plan(v.len(), max_key) else {
        v.sort_unstable();
        return true;
    };
    cnt.clear();
    cnt.resize(nb, 0);
    for &x in v.iter() {
        cnt[(x >> shift) as usize] += 1;
    }
    sort_counted(v, tmp, cnt, shift, max_key)
}

/// Sorts `(key << 32) | index` values (keys at most `max_key`) already
/// counted into buckets by [`bucket_plan`] (bucket of a value: `x >> shift`):
/// a pass puts the values into their buckets, then an insertion sort that
/// only moves values within their bucket; when a bucket is crowded (many
/// equal or close keys) an LSD radix sort instead.
///
/// Returns false when no two values have the same key (found on the way),
/// true when some may.
fn sort_counted(
    v: &mut Vec<u64>,
    tmp: &mut Vec<u64>,
    cnt: &mut [u32],
    shift: u32,
    max_key: u64,
) -> bool {
    const CROWDED: u32 = 48;
    let m = v.len();
    let mut sum = 0u32;
    let mut most = 0u32;
    for c in cnt.iter_mut() {
        let t = *c;
        most = most.max(t);
        *c = sum;
        sum += t;
    }
    if most > CROWDED {
        radix_sort_hi(v, tmp, max_key);
        return true;
    }
    // Every slot is written by the scatter: no clearing.
    tmp.resize(m, 0);
    for &x in v.iter() {
        let b = (x >> shift) as usize;
        tmp[cnt[b] as usize] = x;
        cnt[b] += 1;
    }
    // Values are in bucket order, each bucket in input order: an insertion
    // sort finishes it, moving no value past its bucket's start. Of values
    // with the same key, the later (larger index) is inserted after the
    // earlier and lands next to a value with that key: so equal keys are
    // seen here.
    let mut equal = false;
    for j in 1..m {
        let x = tmp[j];
        let mut p = j;
        while p > 0 && tmp[p - 1] > x {
            tmp[p] = tmp[p - 1];
            p -= 1;
        }
        tmp[p] = x;
        equal |= p > 0 && (tmp[p - 1] ^ x) >> 32 == 0;
    }
    std::mem::swap(v, tmp);
    equal
}

/// Stable LSD radix sort of `v` by its high 32 bits (`(key << 32) | index`,
/// keys ≤ `max_key` < 2^32): the same order as sorting the whole u64, as the
/// input is in index order. Only the bits `max_key` uses are sorted, in as
/// few passes of at most 11 bits as they need (equal digit widths); the
/// digits of all passes are counted in one read, and a pass whose digit is
/// the same for every element is skipped.
fn radix_sort_hi(v: &mut Vec<u64>, tmp: &mut Vec<u64>, max_key: u64) {
    const MAX_BITS: u32 = 11;
    let used = 64 - max_key.leading_zeros();
    if used == 0 || v.is_empty() {
        return;
    }
    let passes = used.div_ceil(MAX_BITS) as usize;
    let bits = used.div_ceil(passes as u32);
    let mask = (1usize << bits) - 1;
    let mut count = [[0u32; 1 << MAX_BITS]; 3];
    for &x in v.iter() {
        let h = (x >> 32) as usize;
        for (p, c) in count.iter_mut().enumerate().take(passes) {
            c[(h >> (p as u32 * bits)) & mask] += 1;
        }
    }
    tmp.clear();
    tmp.resize(v.len(), 0);
    let len = v.len() as u32;
    for (p, c) in count.iter_mut().enumerate().take(passes) {
        let c = &mut c[..=mask];
        if c.contains(&len) {
            continue;
        }
        let mut sum = 0u32;
        for n in c.iter_mut() {
            let t = *n;
            *n = sum;
            sum += t;
        }
        let shift = 32 + p as u32 * bits;
        for &x in v.iter() {
            let d = ((x >> shift) as usize) & mask;
            tmp[c[d] as usize] = x;
            c[d] += 1;
        }
        std::mem::swap(v, tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rounding of `desc_key` equals round() half away from zero (the
    /// same as trunc and the fraction) at ties, next to them, near 2^52 and
    /// for random values.
    #[test]
    fn desc_key_rounds_half_away_from_zero() {
        fn reference(x: f64) -> u64 {
            let y = x * 1e6;
            let r = y.round() as i64;
            !((r as u64).wrapping_add(1 << 63))
        }
        let mut ys = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            -2.5,
            0.49999999999999994,
        ];
        for k in [0.0f64, 1.0, 2.0, 3.0, 1e6, 12345678.0, 4.5e15 - 3.0] {
            for h in [0.5, 0.25, 0.75, 0.0] {
                let y = k + h;
                for z in [
                    y,
                    f64::from_bits(y.to_bits() + 1),
                    f64::from_bits(y.to_bits().max(1) - 1),
                ] {
                    ys.push(z);
                    ys.push(-z);
                }
            }
        }
        let mut s = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let scale = [1e-3, 1.0, 1e3, 1e6, 1e9, 4e15][(s % 6) as usize];
            let u = (s >> 11) as f64 / (1u64 << 53) as f64;
            ys.push((u * 2.0 - 1.0) * scale);
        }
        for y in ys {
            // Through x = y / 1e6 as the key sees it.
            let x = y / 1e6;
            if (x * 1e6).abs() < 4_503_599_627_370_496.0 {
                assert_eq!(desc_key(x), reference(x), "x {x:e}");
            }
        }
    }

    /// `desc_keys` gives `desc_key` of every value, on its fast path and
    /// on its fallback (a value too large for it).
    #[test]
    fn desc_keys_equal_desc_key() {
        let mut xs: Vec<f64> = (0..1000)
            .map(|i| (i as f64 * 0.3711).sin() * 100.0)
            .collect();
        xs.extend([
            f64::NAN,
            0.0,
            -0.0,
            0.0000005,
            -0.0000005,
            2.5e-6,
            -99.9999995,
        ]);
        let mut out = vec![0u64; xs.len()];
        for big in [None, Some(1e12), Some(f64::INFINITY), Some(-5e9)] {
            let mut v = xs.clone();
            if let Some(b) = big {
                v[500] = b;
            }
            desc_keys(&v, &mut out);
            for (x, k) in v.iter().zip(&out) {
                assert_eq!(*k, desc_key(*x), "x {x:e}");
            }
        }
    }

    #[test]
    fn desc_key_orders_like_q() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -4.7e12,
            -4.6e12,
            -1.0,
            -0.0000004,
            0.0,
            0.0000004,
            0.0000005,
            1.0,
            99.9999995,
            100.0,
            4.6e12,
            4.7e12,
            1e300,
            f64::INFINITY,
        ];
        for w in xs.windows(2) {
            let (a, b) = (desc_key(w[0]), desc_key(w[1]));
            if q(w[0]) == q(w[1]) {
                assert_eq!(a, b, "{} {}", w[0], w[1]);
            } else {
                assert!(a > b, "{} {}", w[0], w[1]);
            }
        }
        assert_eq!(desc_key(-0.0000004), desc_key(0.0));
        assert!(desc_key(f64::NAN) > desc_key(f64::NEG_INFINITY));
    }

    #[test]
    fn fast_round_matches_q() {
        let slow = |x: f64| {
            let y = q(x);
            !(((y as i64) as u64).wrapping_add(1 << 63))
        };
        let mut v: u64 = 99;
        for _ in 0..100_000 {
            v ^= v << 13;
            v ^= v >> 7;
            v ^= v << 17;
            let x = (v % 200_000_001) as f64 / 1e6 - 100.0 + (v % 7) as f64 * 0.5e-6;
            assert_eq!(desc_key(x), slow(x), "{x}");
        }
        for x in [
            0.0000005, -0.0000005, 0.0000015, 2.5e-7, 99.9999995, -0.0, 4.4e9,
        ] {
            assert_eq!(desc_key(x), slow(x), "{x}");
        }
    }

    #[test]
    fn several_keys_order_like_key_lists() {
        let mut x: u64 = 777;
        let mut next = |r: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % r
        };
        for (m, k, spread) in [
            (3000, 2, 40),
            (3000, 3, 7),
            (100, 2, 5),
            (600, 2, 1 << 40),
            (3000, 2, 2500),
            (3000, 1, 1 << 24),
            (3000, 1, 900),
        ] {
            let mut rb = RankBuf::default();
            rb.reset(m, k);
            for v in rb.keys.iter_mut() {
                *v = 1_000 + next(spread);
            }
            rb.run(&AdvanceRules::default(), 1, 0);
            let mut want: Vec<u32> = (0..m as u32).collect();
            let keys = rb.keys.clone();
            want.sort_by(|&a, &b| {
                let ka = &keys[a as usize * k..a as usize * k + k];
                let kb = &keys[b as usize * k..b as usize * k + k];
                ka.cmp(kb).then(a.cmp(&b))
            });
            assert_eq!(rb.order, want, "m {m} k {k}");
            // Shared ranks: equal on every key, the rank of the first.
            let mut rank = vec![0u32; m];
            for p in 0..m {
                let i = want[p] as usize;
                rank[i] = if p > 0
                    && keys[i * k..i * k + k]
                        == keys[want[p - 1] as usize * k..want[p - 1] as usize * k + k]
                {
                    rank[want[p - 1] as usize]
                } else {
                    p as u32 + 1
                };
            }
            assert_eq!(rb.rank, rank, "m {m} k {k}");
        }
    }

    #[test]
    fn bucket_sort_equals_sort() {
        let mut x: u64 = 4242;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let (mut tmp, mut cnt) = (Vec::new(), Vec::new());
        // Uniform, bell-shaped (sum of four), crowded (few distinct keys,
        // falls back to radix), tiny (standard sort), one huge outlier,
        // uniform with one pair of equal keys far apart.
        for case in 0..6 {
            let m = if case == 3 { 100 } else { 3750 };
            let mut v: Vec<u64> = (0..m as u64)
                .map(|i| {
                    let k = match case {
                        0 => next() % 100_000_000,
                        1 => (0..4).map(|_| next() % 25_000_000).sum(),
                        2 => next() % 40,
                        3 => next() % 1000,
                        _ => {
                            if i == 7 {
                                u32::MAX as u64
                            } else {
                                next() % 1_000_000
                            }
                        }
                    };
                    (k << 32) | i
                })
                .collect();
            if case == 5 {
                v[2900] = (v[40] & !0xFFFF_FFFF) | 2900;
            }
            let max = v.iter().map(|p| p >> 32).max().unwrap_or(0);
            let mut w = v.clone();
            w.sort_unstable();
            let equal = sort_packed(&mut v, &mut tmp, &mut cnt, max);
            assert_eq!(v, w, "case {case}");
            // Equal keys are always reported; on the bucket path (cases 0,
            // 1, 4, 5) exactly.
            let has_equal = w.windows(2).any(|p| p[0] >> 32 == p[1] >> 32);
            assert!(equal || !has_equal, "case {case}");
            if matches!(case, 0 | 1 | 4 | 5) {
                assert_eq!(equal, has_equal, "case {case}");
            }
            if case == 5 {
                assert!(has_equal);
            }
        }
    }

    #[test]
    fn radix_equals_sort() {
        let mut x: u64 = 12345;
        let mut v: Vec<u64> = (0..3000u64)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ((x % 5000) << 32) | i
            })
            .collect();
        let mut w = v.clone();
        w.sort_unstable();
        let mut tmp = Vec::new();
        radix_sort_hi(&mut v, &mut tmp, 4999);
        assert_eq!(v, w);
        // Wide keys (three passes), narrow ones (one) and all equal.
        for (max, lo) in [(u32::MAX as u64, 0u64), (100, 0), (0, 0), (1 << 20, 77)] {
            let mut v: Vec<u64> = (0..2000u64)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((lo + x % (max - lo + 1)) << 32) | i
                })
                .collect();
            let mut w = v.clone();
            w.sort_unstable();
            radix_sort_hi(&mut v, &mut tmp, max);
            assert_eq!(v, w, "max {max}");
        }
    }
}
