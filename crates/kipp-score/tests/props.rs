//! Properties (proptest): input order never changes the result, raising a
//! score never worsens that innovation's rank (where that truly holds),
//! scaling all weights changes nothing, the digest follows the inputs.
//! Native only: proptest is not a wasm32 dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use kipp_score::*;
use proptest::prelude::*;
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

fn pick<'a, T>(r: &mut ChaCha8Rng, v: &'a [T]) -> &'a T {
    &v[(r.next_u32() as usize) % v.len()]
}

fn pick_str(r: &mut ChaCha8Rng, v: &[&'static str]) -> &'static str {
    v[(r.next_u32() as usize) % v.len()]
}

fn coin(r: &mut ChaCha8Rng, p_percent: u32) -> bool {
    r.next_u32() % 100 < p_percent
}

/// A random but valid competition with data, from a seed.
fn random_inputs(seed: u64, stages: usize, allow_zscore: bool) -> Inputs {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    let n = 3 + (r.next_u32() % 10) as usize;
    let mut st_list = Vec::new();
    for k in 0..stages {
        let nc = 1 + (r.next_u32() % 3) as usize;
        let crits: Vec<Criterion> = (0..nc)
            .map(|c| crit(&format!("c{c}"), 1.0 + (r.next_u32() % 5) as f64, 0.0, 10.0))
            .collect();
        let mut st = stage(&format!("s{k}"), crits);
        if allow_zscore && coin(&mut r, 40) {
            st.normalize = Normalize::ZScore;
        }
        st.aggregate = *pick(
            &mut r,
            &[Aggregate::Mean, Aggregate::Median, Aggregate::Trimmed],
        );
        st.min_judges = 1 + r.next_u32() % 2;
        if coin(&mut r, 50) {
            st.bonus = vec![BonusRule {
                id: "b".into(),
                points: 5.0,
                field: "years_running".into(),
                op: Op::Ge,
                value: RuleValue::One(attr("2")),
            }];
        }
        if coin(&mut r, 50) {
            st.tie_break = vec![TieBreak::Criterion("c0".into()), TieBreak::Raw];
        }
        if k > 0 && coin(&mut r, 50) {
            st.combine = Some(vec![
                CombineTerm {
                    stage: "s0".into(),
                    weight: 1.0,
                },
                CombineTerm {
                    stage: format!("s{k}"),
                    weight: 2.0,
                },
            ]);
        }
        if coin(&mut r, 75) {
            st.advance = Some(Advance {
                top: coin(&mut r, 80).then(|| 1 + r.next_u32() % n as u32),
                per_category: coin(&mut r, 30),
                threshold: coin(&mut r, 20).then_some(40.0),
                max_per_agency: coin(&mut r, 30).then(|| 1 + r.next_u32() % 2),
                ties: *pick(&mut r, &[Ties::Include, Ties::Exclude]),
            });
        }
        st_list.push(st);
    }
    let inns: Vec<Innovation> = (0..n)
        .map(|i| {
            let prefix = pick_str(&mut r, &["a", "B", "inv-", "z"]);
            let agency = pick_str(&mut r, &["", "X", "Y"]);
            let category = pick_str(&mut r, &["", "umum", "khusus"]);
            let years = pick_str(&mut r, &["", "1", "3"]);
            let mut x = inn_full(
                &format!("{prefix}{i}"),
                agency,
                category,
                &[("years_running", years)],
            );
            x.eligible = coin(&mut r, 90);
            x
        })
        .collect();
    let judges = ["J1", "J2", "J3"];
    let mut scores = Vec::new();
    for st in &st_list {
        for x in &inns {
            for j in judges {
                if coin(&mut r, 80) {
                    for c in &st.criteria {
                        // Integer-heavy scores so ties happen.
                        let v = (r.next_u32() % 11) as f64;
                        scores.push(sc(&st.id, &x.id, j, &c.id, v));
                    }
                }
            }
        }
    }
    let mut i = inputs(comp(st_list), inns.clone(), scores);
    if coin(&mut r, 60) {
        i.judges = Some(vec![
            judge("J1", "X", &[]),
            judge("J2", "", &[inns[0].id.as_str()]),
            judge("J3", "", &[]),
        ]);
    }
    i
}

fn shuffle<T>(r: &mut ChaCha8Rng, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        let j = (r.next_u32() as usize) % (i + 1);
        v.swap(i, j);
    }
}

fn prep(i: &Inputs) -> Prepared {
    match prepare(i) {
        Ok(p) => p,
        Err(d) => panic!(
            "{:?}",
            d.iter().map(|d| d.message(Lang::En)).collect::<Vec<_>>()
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Shuffling innovations, scores, judges (and each judge's conflict list)
    /// never changes the result, digest included.
    #[test]
    fn input_order_never_matters(seed in any::<u64>(), shuf in any::<u64>(), stages in 1usize..3) {
        let a = random_inputs(seed, stages, true);
        let mut b = a.clone();
        let mut r = ChaCha8Rng::seed_from_u64(shuf);
        shuffle(&mut r, &mut b.innovations);
        shuffle(&mut r, &mut b.scores);
        if let Some(js) = &mut b.judges {
            shuffle(&mut r, js);
            for j in js.iter_mut() {
                shuffle(&mut r, &mut j.conflicts);
            }
        }
        let (ra, rb) = (prep(&a).rank(), prep(&b).rank());
        prop_assert_eq!(ra, rb);
    }

    /// In a stage whose s-values do not depend on other innovations
    /// (normalize "none") and that is the first stage, raising one of an
    /// innovation's scores never worsens its rank: its score and every
    /// tie-break key can only rise (mean, median and trimmed mean are
    /// monotone; so are the weighted sum and q), so every innovation strictly
    /// ahead of it afterwards was strictly ahead before. (With z-score a
    /// change moves the judges' means and deviations, and so everyone's
    /// values; in later stages it can change who entered: no such claim there.)
    #[test]
    fn raising_a_score_never_lowers_the_rank(seed in any::<u64>(), which in any::<u32>(), up in 1u32..10) {
        let a = random_inputs(seed, 1, false);
        prop_assume!(!a.scores.is_empty());
        let k = which as usize % a.scores.len();
        let mut b = a.clone();
        b.scores[k].value = (b.scores[k].value + up as f64).min(10.0);
        let id = a.scores[k].innovation.to_string();
        let (ra, rb) = (prep(&a).rank(), prep(&b).rank());
        let find = |r: &RunResult| r.stages[0].rows.iter().find(|x| x.id == id).and_then(|x| x.rank);
        if let (Some(x), Some(y)) = (find(&ra), find(&rb)) {
            prop_assert!(y <= x, "rank {} -> {}", x, y);
        }
    }

    /// Multiplying every weight by a power of two is exact in floating point,
    /// so the whole result is bit-identical. (For any other positive factor
    /// raw_i can differ in its last bit, which q() hides except when a value
    /// lies within that bit of a rounding boundary; the rank check below uses
    /// such a factor on integer-heavy data.)
    #[test]
    fn scaling_all_weights_changes_nothing(seed in any::<u64>(), e in -8i32..8, stages in 1usize..3) {
        let a = random_inputs(seed, stages, true);
        let p = prep(&a);
        let base = p.weights();
        let f = 2f64.powi(e);
        let scaled = Weights { stages: base.stages.iter().map(|s| s.iter().map(|w| w * f).collect()).collect() };
        let mut sc = Scratch::default();
        let (mut x, mut y) = (RunResult::default(), RunResult::default());
        p.rank_with_into(&base, &mut sc, &mut x).unwrap();
        p.rank_with_into(&scaled, &mut sc, &mut y).unwrap();
        prop_assert_eq!(&x, &y);
        let odd = Weights { stages: base.stages.iter().map(|s| s.iter().map(|w| w * 3.0).collect()).collect() };
        p.rank_with_into(&odd, &mut sc, &mut y).unwrap();
        for (sx, sy) in x.stages.iter().zip(&y.stages) {
            let rx: Vec<_> = sx.rows.iter().map(|r| (&r.id, r.rank, r.advanced)).collect();
            let ry: Vec<_> = sy.rows.iter().map(|r| (&r.id, r.rank, r.advanced)).collect();
            prop_assert_eq!(rx, ry);
        }
    }

    /// A what-if weight of 0 means the criterion counts for nothing: the
    /// ranking equals that of the competition without the criterion (and
    /// its scores), bit for bit in scores, ranks and who advances.
    #[test]
    fn a_zero_weight_is_the_criterion_left_out(seed in any::<u64>(), stages in 1usize..3) {
        let a = random_inputs(seed, stages, true);
        let k = stages - 1;
        let nc = a.competition.stages[k].criteria.len();
        prop_assume!(nc >= 2);
        let dropped = a.competition.stages[k].criteria[nc - 1].id.clone();
        let p = prep(&a);
        let mut w = p.weights();
        w.stages[k][nc - 1] = 0.0;
        let mut sc = Scratch::default();
        let mut trial = RunResult::default();
        p.rank_with_into(&w, &mut sc, &mut trial).unwrap();
        let mut b = a.clone();
        b.competition.stages[k].criteria.pop();
        let sid = b.competition.stages[k].id.clone();
        b.scores.retain(|s| !(*s.stage == *sid && *s.criterion == *dropped));
        let without = prep(&b).rank();
        for (x, y) in trial.stages.iter().zip(&without.stages) {
            let rx: Vec<_> = x.rows.iter().map(|r| (&r.id, r.rank, r.advanced, r.score.map(f64::to_bits), r.raw.map(f64::to_bits), r.bonus.map(f64::to_bits))).collect();
            let ry: Vec<_> = y.rows.iter().map(|r| (&r.id, r.rank, r.advanced, r.score.map(f64::to_bits), r.raw.map(f64::to_bits), r.bonus.map(f64::to_bits))).collect();
            prop_assert_eq!(rx, ry);
        }
        prop_assert_eq!(&trial.winners, &without.winners);
    }

    /// Same inputs, same digest; another score, another digest.
    #[test]
    fn digest_follows_the_inputs(seed in any::<u64>(), which in any::<u32>()) {
        let a = random_inputs(seed, 2, true);
        prop_assume!(!a.scores.is_empty());
        let d1 = prep(&a).digest().to_string();
        let again = prep(&a.clone()).digest().to_string();
        prop_assert_eq!(&d1, &again);
        prop_assert_eq!(d1.len(), 64);
        let mut b = a.clone();
        let k = which as usize % b.scores.len();
        b.scores[k].value = if b.scores[k].value < 5.0 { b.scores[k].value + 0.5 } else { b.scores[k].value - 0.5 };
        let db = prep(&b).digest().to_string();
        prop_assert_ne!(&d1, &db);
        let mut c = a.clone();
        c.competition.stages[0].criteria[0].weight += 1.0;
        let dc = prep(&c).digest().to_string();
        prop_assert_ne!(&d1, &dc);
    }

    /// The fast path (reused scratch, cached z-score) equals a fresh run.
    #[test]
    fn reused_scratch_equals_fresh(seed in any::<u64>(), seed2 in any::<u64>()) {
        let a = random_inputs(seed, 2, true);
        let p = prep(&a);
        let mut r = ChaCha8Rng::seed_from_u64(seed2);
        let mut sc = Scratch::default();
        let mut out = RunResult::default();
        for _ in 0..4 {
            let w = Weights { stages: p.weights().stages.iter().map(|s| s.iter().map(|_| 1.0 + (r.next_u32() % 7) as f64).collect()).collect() };
            p.rank_with_into(&w, &mut sc, &mut out).unwrap();
            let fresh = p.rank_result_with(&w).unwrap();
            prop_assert_eq!(&out.stages, &fresh.stages);
            prop_assert_eq!(&out.winners, &fresh.winners);
        }
    }
}

#[test]
fn digest_ignores_empty_advance_and_attr_order() {
    let a = random_inputs(7, 1, false);
    let mut b = a.clone();
    b.competition.stages[0].advance = None;
    let mut c = b.clone();
    c.competition.stages[0].advance = Some(Advance::default());
    assert_eq!(prep(&b).digest(), prep(&c).digest());
    assert_eq!(prep(&b).rank().stages, prep(&c).rank().stages);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Each Monte Carlo draw depends only on the seed and its number: on 1, 2
    /// or 3 threads, cut into any parts (each made in any steps) merged in
    /// any order, the result is the one-thread result, bit for bit.
    #[test]
    fn monte_carlo_is_the_same_on_any_threads_and_parts(
        seed in any::<u64>(),
        stages in 1usize..4,
        draws in 0u32..70,
        sim_seed in any::<u64>(),
        resample in any::<bool>(),
        cuts in proptest::collection::vec(any::<u32>(), 0..6),
        steps in proptest::collection::vec(1u32..40, 1..4),
        order in any::<u64>(),
    ) {
        let p = prep(&random_inputs(seed, stages, true));
        let o = SimOptions { draws, seed: sim_seed, kappa: 20.0, resample_judges: resample };
        let want = serde_json::to_string(&simulate(&p, &o, &mut |_, _| true).unwrap()).unwrap();
        for threads in [1, 2, 3] {
            let r = simulate_threads(&p, &o, threads, &mut |_, _| true).unwrap();
            prop_assert_eq!(serde_json::to_string(&r).unwrap(), want.clone());
        }
        let mut at: Vec<u32> = cuts.iter().map(|c| c % (draws + 1)).collect();
        at.push(0);
        at.push(draws);
        at.sort_unstable();
        let mut parts: Vec<Tally> = at
            .windows(2)
            .map(|w| {
                let mut sim = Simulation::new_range(&p, &o, w[0], w[1]);
                let mut s = steps.iter().cycle();
                while !sim.is_finished() {
                    sim.step(*s.next().unwrap_or(&1));
                }
                sim.tally()
            })
            .collect();
        shuffle(&mut ChaCha8Rng::seed_from_u64(order), &mut parts);
        let mut all = Tally::empty(&p, &o);
        for t in &parts {
            prop_assert!(all.merge(t).is_ok());
        }
        prop_assert!(all.is_complete());
        let r = all.result(&p).unwrap();
        prop_assert_eq!(serde_json::to_string(&r).unwrap(), want);
    }
}
