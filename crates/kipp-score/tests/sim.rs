//! Simulations (§5) with published reference numbers.

mod common;
use common::*;
use kipp_score::stats::*;
use kipp_score::*;

#[test]
fn krippendorff_2011_example() {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
    // 4 coders x 12 units with missing values.
    let units: Vec<Vec<f64>> = vec![
        vec![1., 1., 1.],
        vec![2., 2., 3., 2.],
        vec![3., 3., 3., 3.],
        vec![3., 3., 3., 3.],
        vec![2., 2., 2., 2.],
        vec![1., 2., 3., 4.],
        vec![4., 4., 4., 4.],
        vec![1., 1., 2., 1.],
        vec![2., 2., 2., 2.],
        vec![5., 5., 5.],
        vec![1., 1.],
        vec![3.],
    ];
    let i = krippendorff_interval(&units).unwrap();
    assert!((i - 0.849).abs() < 0.0005, "interval {i}");
    let n = krippendorff_nominal(&units).unwrap();
    assert!((n - 0.743).abs() < 0.0005, "nominal {n}");
}

#[test]
fn shrout_fleiss_1979() {
    let rows = [
        [9., 2., 5., 8.],
        [6., 1., 3., 2.],
        [8., 4., 6., 8.],
        [7., 1., 2., 6.],
        [10., 5., 6., 9.],
        [6., 2., 4., 7.],
    ];
    let units: Vec<Vec<f64>> = rows.iter().map(|r| r.to_vec()).collect();
    let a = krippendorff_interval(&units).unwrap();
    assert!((a - 0.1473).abs() < 0.00005, "{a}");
}

#[test]
fn alpha_undefined() {
    assert_eq!(krippendorff_interval(&[vec![3.0], vec![4.0]]), None);
    assert_eq!(
        krippendorff_interval(&[vec![3.0, 3.0], vec![3.0, 3.0]]),
        None
    );
}

#[test]
fn kendall_scipy_example() {
    let x = [12., 2., 1., 12., 2.];
    let y = [1., 4., 7., 1., 0.];
    let t = kendall_tau_b(&x, &y).unwrap();
    assert!((t - (-0.4714045)).abs() < 1e-7, "{t}");
    assert_eq!(kendall_tau_b(&[1.0], &[1.0]), None);
    assert_eq!(kendall_tau_b(&[1.0, 1.0], &[1.0, 2.0]), None);
}

#[test]
fn spearman_with_ties() {
    assert_eq!(
        fractional_ranks(&[10., 20., 20., 30.]),
        vec![1.0, 2.5, 2.5, 4.0]
    );
    let r = spearman_rho(&[1., 2., 3., 4.], &[1., 2., 3., 4.]).unwrap();
    assert!((r - 1.0).abs() < 1e-15);
    let r = spearman_rho(&[1., 2., 3., 4.], &[4., 3., 2., 1.]).unwrap();
    assert!((r + 1.0).abs() < 1e-15);
    // x ranks 1,2,3,4 ; y = 1, 2.5, 2.5, 4: rho = 4.5 / sqrt(5 * 4.5)
    let r = spearman_rho(&[1., 2., 3., 4.], &[1., 2., 2., 3.]).unwrap();
    assert!((r - 4.5 / (5.0f64 * 4.5).sqrt()).abs() < 1e-12, "{r}");
    assert_eq!(spearman_rho(&[1., 1.], &[1., 2.]), None);
}

fn smaa() -> Prepared {
    // Two criteria, equal weights -> Dir(1, 1) with kappa 2.
    let mut st = stage(
        "p",
        vec![crit("a", 1.0, 0.0, 1.0), crit("b", 1.0, 0.0, 1.0)],
    );
    st.advance = Some(Advance {
        top: Some(1),
        ..Advance::default()
    });
    let s = sheets(
        &st,
        &[
            ("A", "J1", &[1.0, 0.0]),
            ("B", "J1", &[0.0, 1.0]),
            ("C", "J1", &[0.6, 0.6]),
        ],
    );
    prepare(&inputs(
        comp(vec![st]),
        vec![inn("A"), inn("B"), inn("C")],
        s,
    ))
    .unwrap()
}

#[test]
fn smaa_analytic_case() {
    let p = smaa();
    let o = SimOptions {
        draws: 40_000,
        seed: 42,
        kappa: 2.0,
        resample_judges: false,
    };
    let r = simulate(&p, &o, &mut |_, _| true).unwrap();
    let pa = |id: &str| {
        r.stages[0]
            .rows
            .iter()
            .find(|x| x.id == id)
            .unwrap()
            .p_advance
    };
    // sd of a share at 40,000 draws <= 0.0025: 4 sd tolerance.
    assert!((pa("A") - 0.4).abs() < 0.01, "{}", pa("A"));
    assert!((pa("B") - 0.4).abs() < 0.01, "{}", pa("B"));
    assert!((pa("C") - 0.2).abs() < 0.01, "{}", pa("C"));
    assert_eq!(r.stages[0].draws, 40_000);
    for row in &r.stages[0].rows {
        assert_eq!(row.ranked_draws, 40_000);
        assert!(row.p5.unwrap() <= row.p50.unwrap() && row.p50.unwrap() <= row.p95.unwrap());
    }
}

#[test]
fn same_seed_same_result_and_cancel() {
    let p = smaa();
    let o = SimOptions {
        draws: 500,
        seed: 7,
        kappa: 50.0,
        resample_judges: true,
    };
    let a = simulate(&p, &o, &mut |_, _| true).unwrap();
    let b = simulate(&p, &o, &mut |_, _| true).unwrap();
    assert_eq!(a, b);
    let c = simulate(
        &p,
        &SimOptions {
            seed: 8,
            ..o.clone()
        },
        &mut |_, _| true,
    )
    .unwrap();
    assert_ne!(a, c);
    let mut calls = 0;
    let r = simulate(&p, &o, &mut |done, total| {
        calls += 1;
        assert_eq!(total, 500);
        done < 100
    });
    assert_eq!(r, Err(Cancelled));
    assert!(calls > 1);
}

#[test]
fn fixed_ranks_give_exact_percentiles() {
    // One criterion: every Dirichlet draw is the weight 1, so ranks never move.
    let (mut st, s) = direct("p", &[("A", 90.0), ("B", 80.0), ("C", 70.0)]);
    st.advance = Some(Advance {
        top: Some(2),
        ..Advance::default()
    });
    let p = prepare(&inputs(
        comp(vec![st]),
        vec![inn("A"), inn("B"), inn("C")],
        s,
    ))
    .unwrap();
    let r = simulate(
        &p,
        &SimOptions {
            draws: 100,
            ..SimOptions::default()
        },
        &mut |_, _| true,
    )
    .unwrap();
    let rows = &r.stages[0].rows;
    assert_eq!(
        rows.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        vec!["A", "B", "C"]
    );
    assert_eq!(rows[1].p_advance, 1.0);
    assert_eq!(rows[2].p_advance, 0.0);
    assert_eq!(rows[2].mean_rank, Some(3.0));
    assert_eq!(
        (rows[2].p5, rows[2].p50, rows[2].p95),
        (Some(3), Some(3), Some(3))
    );
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.starts_with(r#"{"stages":[{"id":"p","draws":100,"rows":[{"id":"A","p_advance":1.0,"ranked_draws":100,"mean_rank":1.0,"p5":1,"p50":1,"p95":1}"#), "{json}");
}

#[test]
fn compare_two_scenarios() {
    let mut st = stage(
        "p",
        vec![crit("a", 1.0, 0.0, 100.0), crit("b", 1.0, 0.0, 100.0)],
    );
    st.advance = Some(Advance {
        top: Some(2),
        ..Advance::default()
    });
    let s = sheets(
        &st,
        &[
            ("A", "J1", &[90.0, 10.0]),
            ("B", "J1", &[60.0, 60.0]),
            ("C", "J1", &[10.0, 100.0]),
        ],
    );
    let inns = vec![inn("A"), inn("B"), inn("C")];
    let a = prepare(&inputs(comp(vec![st.clone()]), inns.clone(), s.clone())).unwrap();
    // A: raw A 50, B 60, C 55 -> B, C, A. B (b weight 3): A 30, B 60, C 77.5 -> C, B, A.
    let mut st_b = st.clone();
    st_b.criteria[1].weight = 3.0;
    st_b.advance = Some(Advance {
        top: Some(1),
        ..Advance::default()
    });
    let b = prepare(&inputs(comp(vec![st_b]), inns, s)).unwrap();
    let c = compare(&a, &b);
    let s0 = &c.stages[0];
    let got: Vec<_> = s0
        .rows
        .iter()
        .map(|r| (r.id.as_str(), r.rank_a, r.rank_b, r.change))
        .collect();
    assert_eq!(
        got,
        vec![
            ("B", Some(1), Some(2), Some(-1)),
            ("C", Some(2), Some(1), Some(1)),
            ("A", Some(3), Some(3), Some(0))
        ]
    );
    assert_eq!(s0.entered, Vec::<String>::new());
    assert_eq!(s0.left, vec!["B".to_string()]);
    // tau-b: pairs (B,C) discordant, (B,A) and (C,A) concordant: 1/3.
    assert!((s0.kendall_tau_b.unwrap() - 1.0 / 3.0).abs() < 1e-12);
    // rho: d = (1, 1, 0): 1 - 6*2/(3*8) = 0.5.
    assert!((s0.spearman_rho.unwrap() - 0.5).abs() < 1e-12);
    let j = serde_json::to_string(&c).unwrap();
    assert!(
        j.starts_with(
            r#"{"stages":[{"id":"p","kendall_tau_b":0.3333333333333333,"spearman_rho":0.5"#
        ),
        "{j}"
    );
}

#[test]
fn judge_report_leniency_alpha_and_leave_one_out() {
    // Scale 0..10 (s = 10 x). J1 gives 8 and 6, J2 gives 4 and 4, J3 only X: 9.
    let mut st = stage("p", vec![crit("a", 1.0, 0.0, 10.0)]);
    st.advance = Some(Advance {
        top: Some(1),
        ..Advance::default()
    });
    let s = sheets(
        &st,
        &[
            ("X", "J1", &[8.0]),
            ("X", "J2", &[4.0]),
            ("X", "J3", &[9.0]),
            ("Y", "J1", &[6.0]),
            ("Y", "J2", &[4.0]),
        ],
    );
    let p = prepare(&inputs(comp(vec![st]), vec![inn("X"), inn("Y")], s)).unwrap();
    let r = judges_report(&p);
    let s0 = &r.stages[0];
    let j: Vec<_> = s0
        .judges
        .iter()
        .map(|j| (j.id.as_str(), j.sheets, j.leniency))
        .collect();
    // J1: X 80 - (40+90)/2 = 15; Y 60 - 40 = 20 -> 17.5.
    // J2: X 40 - (80+90)/2 = -45; Y 40 - 60 = -20 -> -32.5. J3: 90 - 60 = 30.
    assert_eq!(
        j,
        vec![
            ("J1", 2, Some(17.5)),
            ("J2", 2, Some(-32.5)),
            ("J3", 1, Some(30.0))
        ]
    );
    let a = krippendorff_interval(&[vec![8.0, 4.0, 9.0], vec![6.0, 4.0]]);
    assert_eq!(s0.alpha, vec![("a".to_string(), a)]);
    // Means: X 7, Y 5 -> X advances. Without J1: X 6.5, Y 4 (same).
    // Without J3: X 6, Y 5 (same). Without J2: X 8.5, Y 6 (same).
    assert!(s0.leave_one_out.iter().all(|l| l.advancing_changed == 0));
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains(r#""alpha":{"a":"#), "{json}");
    assert!(
        json.contains(r#""leave_one_out":[{"judge":"J1","advancing_changed":0}"#),
        "{json}"
    );
}

#[test]
fn leave_one_out_counts_changes() {
    // J1 alone lifts Y above X.
    let mut st = stage("p", vec![crit("a", 1.0, 0.0, 10.0)]);
    st.advance = Some(Advance {
        top: Some(1),
        ..Advance::default()
    });
    let s = sheets(
        &st,
        &[
            ("X", "J1", &[2.0]),
            ("X", "J2", &[8.0]),
            ("Y", "J1", &[10.0]),
            ("Y", "J2", &[5.0]),
        ],
    );
    let p = prepare(&inputs(comp(vec![st]), vec![inn("X"), inn("Y")], s)).unwrap();
    let r = judges_report(&p);
    let l: Vec<_> = r.stages[0]
        .leave_one_out
        .iter()
        .map(|l| (&*l.judge, l.advancing_changed))
        .collect();
    // Base: X 5, Y 7.5 -> Y. Without J1: X 8, Y 5 -> X (2 changes). Without J2: X 2, Y 10 -> Y.
    assert_eq!(l, vec![("J1", 2), ("J2", 0)]);
}

/// The judge report read back from its JSON (as the app gets it from a Web
/// Worker) is the report, numbers exact, α in criterion order.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn judge_report_round_trips_through_json() {
    use kipp_formats::sample::{generate, SampleOptions};
    let p = prepare(&generate(&SampleOptions::regional())).unwrap();
    let r = judges_report(&p);
    assert!(r
        .stages
        .iter()
        .all(|s| s.alpha.len() > 1 && !s.judges.is_empty()));
    let json = serde_json::to_string(&r).unwrap();
    let back: kipp_score::JudgesResult = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    // α is an object in criterion order, not sorted by id.
    let ids: Vec<&str> = back.stages[0]
        .alpha
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    let crit: Vec<&str> = p.competition().stages[0]
        .criteria
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, crit);
}

/// A run read part-way (draws still buffered for the rank histograms) equals
/// a run of that many draws, whatever the step sizes and buffer sizes.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn partial_results_equal_shorter_runs() {
    use kipp_formats::sample::{generate, SampleOptions};
    let mut so = SampleOptions::regional();
    so.innovations = 600;
    so.stages = 3;
    so.template = None;
    so.tops = vec![150, 40];
    let p = prepare(&generate(&so)).expect("the sample prepares");
    let opts = |draws| SimOptions {
        draws,
        seed: 11,
        kappa: 30.0,
        resample_judges: false,
    };
    let mut sim = Simulation::new(&p, &opts(300));
    let mut steps = [5u32, 32, 1, 100, 13].iter().cycle();
    let mut checked = 0;
    while !sim.is_finished() {
        let before = sim.done();
        let after = sim.step(*steps.next().unwrap_or(&1));
        if after / 50 != before / 50 || after == 300 {
            let want = simulate(&p, &opts(after), &mut |_, _| true).unwrap();
            assert_eq!(sim.result(), want, "after {after} draws");
            checked += 1;
        }
    }
    assert!(checked >= 4, "{checked}");
    let r = sim.result();
    assert_eq!(r.stages.len(), 3);
    // Every stage has innovations that advanced in some draws and not in others.
    for st in &r.stages {
        assert!(st
            .rows
            .iter()
            .any(|x| x.p_advance > 0.0 && x.p_advance < 1.0));
    }
}

// ------------------------------------------------------------ threads, tallies

#[cfg(not(target_arch = "wasm32"))]
fn sample_prepared(innovations: usize, stages: usize, tops: Vec<u32>) -> Prepared {
    use kipp_formats::sample::{generate, SampleOptions};
    let mut so = SampleOptions::regional();
    so.innovations = innovations;
    so.stages = stages;
    so.template = None;
    so.tops = tops;
    prepare(&generate(&so)).expect("the sample prepares")
}

/// The tally of the draws `a..b`, made in steps of the given sizes.
fn part(p: &Prepared, o: &SimOptions, a: u32, b: u32, steps: &[u32]) -> Tally {
    let mut sim = Simulation::new_range(p, o, a, b);
    let mut s = steps.iter().cycle();
    while !sim.is_finished() {
        sim.step(*s.next().unwrap_or(&1));
    }
    sim.into_tally()
}

#[cfg(not(target_arch = "wasm32"))]
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

/// Each draw's random numbers depend only on the seed and its number: 1, 2
/// and 3 threads, any partition of the draws merged in any order, and any
/// step sizes give the one-thread result bit for bit (serialized JSON, every
/// f64 in full).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn threads_partitions_and_steps_give_one_result() {
    let p = sample_prepared(500, 3, vec![120, 30]);
    for resample_judges in [false, true] {
        let o = SimOptions {
            draws: if resample_judges { 90 } else { 400 },
            seed: 99,
            kappa: 30.0,
            resample_judges,
        };
        let one = simulate(&p, &o, &mut |_, _| true).unwrap();
        let want = json(&one);
        for threads in [1, 2, 3, 5] {
            let r = simulate_threads(&p, &o, threads, &mut |_, _| true).unwrap();
            assert_eq!(json(&r), want, "{threads} threads");
        }
        // Uneven parts, merged last to first, each made in odd steps.
        let d = o.draws;
        let cuts = [0, 1, 2, 33, d / 2, d / 2 + 7, d - 1, d];
        let mut parts: Vec<Tally> = cuts
            .windows(2)
            .map(|w| part(&p, &o, w[0], w[1], &[3, 1, 40, 7]))
            .collect();
        parts.reverse();
        let mut all = Tally::empty(&p, &o);
        for t in &parts {
            all.merge(t).unwrap();
        }
        assert!(all.is_complete());
        assert_eq!(all.ranges(), &[(0, d)]);
        assert_eq!(json(&all.result(&p).unwrap()), want);
        // The merged counts are exactly those of the one run.
        let whole = part(&p, &o, 0, d, &[d]);
        assert_eq!(all.to_data(), whole.to_data());
        // Also after a round trip through JSON (what a Web Worker sends).
        let mut again: Option<Tally> = None;
        for t in parts.iter().rev() {
            let t: Tally = serde_json::from_str(&json(t)).unwrap();
            match &mut again {
                None => again = Some(t),
                Some(a) => a.merge(&t).unwrap(),
            }
        }
        let again = again.unwrap();
        assert_eq!(json(&again.result(&p).unwrap()), want);
        // A run read part-way is a tally of the draws done.
        let mut sim = Simulation::new_range(&p, &o, 10, d);
        sim.step(25);
        let t = sim.tally();
        assert_eq!(t.ranges(), &[(10, 35)]);
        let mut head = part(&p, &o, 0, 10, &[4]);
        head.merge(&t).unwrap();
        head.merge(&part(&p, &o, 35, d, &[64])).unwrap();
        assert_eq!(json(&head.result(&p).unwrap()), want);
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn threads_report_progress_and_cancel() {
    let p = sample_prepared(300, 2, vec![60]);
    let o = SimOptions {
        draws: 500,
        seed: 3,
        ..SimOptions::default()
    };
    let mut seen = Vec::new();
    let r = simulate_threads(&p, &o, 2, &mut |done, total| {
        seen.push((done, total));
        true
    });
    assert!(r.is_ok());
    assert_eq!(seen.first(), Some(&(0, 500)));
    assert_eq!(seen.last(), Some(&(500, 500)));
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    assert!(seen.len() > 500 / 16, "{}", seen.len());
    let mut calls = 0;
    let r = simulate_threads(&p, &o, 3, &mut |done, _| {
        calls += 1;
        done < 64
    });
    assert_eq!(r, Err(Cancelled));
    assert!(calls > 1);
    // Fewer draws than threads: one thread per draw; no draws at all.
    let few = SimOptions {
        draws: 2,
        ..o.clone()
    };
    assert_eq!(
        simulate_threads(&p, &few, 8, &mut |_, _| true),
        simulate(&p, &few, &mut |_, _| true)
    );
    let none = SimOptions { draws: 0, ..o };
    assert_eq!(
        simulate_threads(&p, &none, 0, &mut |_, _| true),
        simulate(&p, &none, &mut |_, _| true)
    );
    assert_eq!(draw_ranges(10, 3), vec![(0, 3), (3, 6), (6, 10)]);
    assert_eq!(draw_ranges(2, 8), vec![(0, 1), (1, 2)]);
    assert_eq!(draw_ranges(0, 4), Vec::<(u32, u32)>::new());
}

#[test]
fn tallies_of_other_runs_are_refused() {
    let p = smaa();
    let o = SimOptions {
        draws: 50,
        seed: 1,
        kappa: 2.0,
        resample_judges: false,
    };
    let a = part(&p, &o, 0, 20, &[16]);
    let mut all = Tally::empty(&p, &o);
    all.merge(&a).unwrap();
    assert_eq!(all.merge(&a), Err(TallyError::Overlap));
    assert_eq!(
        all.merge(&part(&p, &o, 19, 30, &[16])),
        Err(TallyError::Overlap)
    );
    for other in [
        SimOptions {
            seed: 2,
            ..o.clone()
        },
        SimOptions {
            kappa: 3.0,
            ..o.clone()
        },
        SimOptions {
            draws: 51,
            ..o.clone()
        },
        SimOptions {
            resample_judges: true,
            ..o.clone()
        },
    ] {
        assert_eq!(
            all.merge(&part(&p, &other, 20, 30, &[16])),
            Err(TallyError::Options)
        );
    }
    // Other data of the same shape; another shape.
    let mut st = stage(
        "p",
        vec![crit("a", 1.0, 0.0, 1.0), crit("b", 2.0, 0.0, 1.0)],
    );
    st.advance = Some(Advance {
        top: Some(1),
        ..Advance::default()
    });
    let s = sheets(
        &st,
        &[
            ("A", "J1", &[1.0, 0.0]),
            ("B", "J1", &[0.0, 1.0]),
            ("C", "J1", &[0.6, 0.6]),
        ],
    );
    let q = prepare(&inputs(
        comp(vec![st]),
        vec![inn("A"), inn("B"), inn("C")],
        s,
    ))
    .unwrap();
    assert_eq!(
        all.merge(&part(&q, &o, 20, 30, &[16])),
        Err(TallyError::Inputs)
    );
    assert_eq!(all.result(&q), Err(TallyError::Inputs));
    let (st2, s2) = direct("p", &[("A", 90.0), ("B", 80.0)]);
    let r = prepare(&inputs(comp(vec![st2]), vec![inn("A"), inn("B")], s2)).unwrap();
    assert_eq!(
        all.merge(&part(&r, &o, 20, 30, &[16])),
        Err(TallyError::Shape)
    );
    assert_eq!(all.result(&r), Err(TallyError::Shape));
    // Nothing changed by the refusals.
    assert_eq!(all.ranges(), &[(0, 20)]);
    all.merge(&part(&p, &o, 20, 50, &[7])).unwrap();
    assert_eq!(
        all.result(&p).unwrap(),
        simulate(&p, &o, &mut |_, _| true).unwrap()
    );
}

/// A tally read from elsewhere is checked whole: broken data is an error
/// value, never a panic or a wrong result.
#[test]
fn broken_tally_data_is_an_error() {
    let p = smaa();
    let o = SimOptions {
        draws: 40,
        ..SimOptions::default()
    };
    let good = part(&p, &o, 5, 40, &[16]).to_data();
    assert!(Tally::try_from(good.clone()).is_ok());
    type Edit = fn(&mut TallyData);
    let edits: &[Edit] = &[
        |d| d.stages = u32::MAX,
        |d| d.kappa = f64::NAN,
        |d| d.ranges.push(7),
        |d| d.ranges = vec![5, 41],
        |d| d.ranges = vec![6, 5],
        |d| d.ranges = vec![0, 10, 9, 20],
        |d| d.entered = vec![2, 1],
        |d| d.entered = vec![99],
        |d| d.cells.push(1),
        |d| d.cells.reverse(),
        |d| d.lo[0] = 0,
        |d| d.lo[0] = u32::MAX,
        |d| d.len[0] = 1_000_000,
        |d| d.len[0] = 0,
        |d| d.counts.push(1),
        |d| {
            d.counts.pop();
        },
        |d| d.counts[0] = u32::MAX,
        |d| d.adv[0] = 1_000,
        |d| d.entered.clear(),
    ];
    for (k, e) in edits.iter().enumerate() {
        let mut d = good.clone();
        e(&mut d);
        assert!(
            matches!(Tally::try_from(d), Err(TallyError::Invalid(_))),
            "edit {k}"
        );
    }
    let mut text = serde_json::to_value(&good).unwrap();
    text["cells"] = serde_json::json!([0, 0, 0]);
    assert!(serde_json::from_value::<Tally>(text).is_err());
}
