//! Regression tests of issue 16 (hardening), in the engine: inputs whose
//! arithmetic overflowed were ranked with NaN or infinite scores; now each
//! is a located diagnostic, and inputs at the limits give finite results.

//!
//! The same file runs in headless Chromium (tests/web.rs includes it): the
//! app and the widgets run this engine there.

mod common;
use common::*;
use kipp_score::*;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// The diagnostics of `i`, as (path, English message).
fn diags(i: &Inputs) -> Vec<(String, String)> {
    match prepare(i) {
        Ok(_) => Vec::new(),
        Err(d) => d
            .iter()
            .map(|d| (path_text(&d.path), d.message(Lang::En)))
            .collect(),
    }
}

fn three(st: &Stage) -> Inputs {
    let rows: Vec<(&str, &str, Vec<f64>)> = vec![
        ("A", "J1", vec![9.0, 9.0]),
        ("B", "J1", vec![5.0, 6.0]),
        ("C", "J1", vec![2.0, 3.0]),
        ("A", "J2", vec![8.0, 7.0]),
        ("B", "J2", vec![6.0, 6.0]),
        ("C", "J2", vec![1.0, 4.0]),
    ];
    let mut s = Vec::new();
    for (line, (i, j, v)) in rows.iter().enumerate() {
        for (c, x) in st.criteria.iter().zip(v) {
            let mut one = sc(&st.id, i, j, &c.id, *x);
            one.loc.line = line as u32 + 2;
            s.push(one);
        }
    }
    inputs(
        comp(vec![st.clone()]),
        vec![inn("A"), inn("B"), inn("C")],
        s,
    )
}

fn two(weight: f64, min: f64, max: f64) -> Stage {
    stage(
        "s1",
        vec![crit("a", weight, min, max), crit("b", weight, min, max)],
    )
}

fn all_finite(r: &RunResult) {
    for st in &r.stages {
        for row in &st.rows {
            for x in [row.score, row.raw, row.bonus].into_iter().flatten() {
                assert!(x.is_finite(), "{row:?}");
            }
            for (_, x) in &row.criteria {
                assert!(x.is_finite(), "{row:?}");
            }
        }
    }
}

#[test]
fn weights_of_1e308_are_too_large_not_nan() {
    // Before: Σw = inf, every score NaN, exit 0.
    let d = diags(&three(&two(1e308, 0.0, 10.0)));
    assert_eq!(
        d,
        vec![
            (
                "stages[0].criteria[0].weight".into(),
                "`weight` is too large: 1e308 (at most 1e15 in magnitude).".into()
            ),
            (
                "stages[0].criteria[1].weight".into(),
                "`weight` is too large: 1e308 (at most 1e15 in magnitude).".into()
            ),
        ]
    );
}

#[test]
fn a_scale_of_1e308_is_too_large() {
    // Before: max − min = inf, every s-value NaN.
    let d = diags(&three(&two(1.0, -1e308, 1e308)));
    assert_eq!(d.len(), 4, "{d:?}");
    assert_eq!(d[0].0, "stages[0].criteria[0].min");
    assert!(d[0].1.contains("`min` is too large: -1e308"), "{d:?}");
    assert_eq!(d[1].0, "stages[0].criteria[0].max");
}

#[test]
fn bonus_points_of_1e308_are_too_large() {
    // Before: two rules of 1e308 points made the bonus inf.
    let mut st = two(1.0, 0.0, 10.0);
    for id in ["x", "y"] {
        st.bonus.push(BonusRule {
            id: id.into(),
            points: 1e308,
            field: "title".into(),
            op: Op::Ne,
            value: RuleValue::One(attr("zz")),
        });
    }
    let d = diags(&three(&st));
    assert_eq!(
        d.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        ["stages[0].bonus[0].points", "stages[0].bonus[1].points"]
    );
    assert!(d[0].1.contains("too large"));
}

#[test]
fn z_scores_on_a_1e300_scale_are_refused_and_tiny_scores_too() {
    // Before: the squares underflowed to 0 and every s-value was NaN.
    let mut st = two(1.0, 0.0, 1e-300);
    st.normalize = Normalize::ZScore;
    let mut i = three(&st);
    for s in &mut i.scores {
        s.value *= 1e-301;
    }
    let d = diags(&i);
    // The scale's two maxima, then every score (as small as the scale).
    assert_eq!(d.len(), 2 + 12, "{d:?}");
    assert!(d[2..]
        .iter()
        .all(|x| x.1.starts_with("`score` is too small")));
    assert_eq!(d[0].0, "stages[0].criteria[0].max");
    assert_eq!(
        d[0].1,
        "`max` is too small: 1e-300 (0, or at least 1e-100 in magnitude)."
    );
    // A score of 1e-200 on an ordinary scale: located at the score.
    let mut st = two(1.0, 0.0, 10.0);
    st.normalize = Normalize::ZScore;
    let mut i = three(&st);
    i.scores[0].value = 1e-200;
    let e = prepare(&i).unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].loc.as_ref().unwrap().line, 2);
    assert!(matches!(&e[0].kind, DiagKind::TooSmall { field, .. } if field == "score"));
}

#[test]
fn threshold_and_combine_weights_are_bounded() {
    let mut a = two(1.0, 0.0, 10.0);
    a.advance = Some(Advance {
        threshold: Some(1e300),
        ..Advance::default()
    });
    let mut b = two(1.0, 0.0, 10.0);
    b.id = "s2".into();
    b.combine = Some(vec![CombineTerm {
        stage: "s1".into(),
        weight: 1e-300,
    }]);
    let d = diags(&inputs(comp(vec![a, b]), vec![inn("A")], vec![]));
    assert_eq!(
        d.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        ["stages[0].advance.threshold", "stages[1].combine[0].weight"]
    );
}

#[test]
fn numbers_at_the_limits_give_finite_results_also_in_z_scores() {
    // The largest weights, scale bounds and bonus points the engine takes,
    // with the most bonus rules: every number of the result is finite.
    let mut st = stage(
        "s1",
        vec![crit("a", 1e15, -1e15, 1e15), crit("b", 1e-100, -1e15, 1e15)],
    );
    st.normalize = Normalize::ZScore;
    for k in 0..limits::MAX_BONUS {
        st.bonus.push(BonusRule {
            id: format!("b{k}"),
            points: 1e15,
            field: "title".into(),
            op: Op::Ne,
            value: RuleValue::One(attr("zz")),
        });
    }
    let mut i = three(&st);
    for (k, s) in i.scores.iter_mut().enumerate() {
        s.value = [1e15, -1e15, 1e-100, 0.0, -3e14, 7e14][k % 6];
    }
    let r = run(&i);
    all_finite(&r);
    assert_eq!(r.stages[0].rows.len(), 3);
    assert!(r.stages[0].rows.iter().all(|x| x.rank.is_some()));
    // A tiny scale, z-scores: finite too.
    let mut st = two(1.0, 1e-100, 2e-100);
    st.normalize = Normalize::ZScore;
    let mut i = three(&st);
    for (k, s) in i.scores.iter_mut().enumerate() {
        s.value = 1e-100 * (1.0 + (k % 5) as f64 / 4.0);
    }
    all_finite(&run(&i));
}

#[test]
fn counts_are_limited_and_located() {
    let many: Vec<Criterion> = (0..=limits::MAX_CRITERIA)
        .map(|k| crit(&format!("c{k}"), 1.0, 0.0, 10.0))
        .collect();
    let d = diags(&inputs(comp(vec![stage("s1", many)]), vec![], vec![]));
    assert_eq!(
        d,
        vec![(
            "stages[0].criteria".into(),
            "Too many criteria in this stage: 1001 (at most 1000).".into()
        )]
    );
    // Exactly the limit is fine.
    let most: Vec<Criterion> = (0..limits::MAX_CRITERIA)
        .map(|k| crit(&format!("c{k}"), 1.0, 0.0, 10.0))
        .collect();
    assert!(validate_competition(&comp(vec![stage("s1", most)])).is_empty());
    // Judges named by the scores (no judges file): once, at the first
    // judge past the limit.
    let st = stage("s1", vec![crit("a", 1.0, 0.0, 10.0)]);
    let scores: Vec<Score> = (0..limits::MAX_JUDGES + 5)
        .map(|j| {
            let mut s = sc("s1", "A", &format!("J{j}"), "a", 5.0);
            s.loc.line = j as u32 + 2;
            s
        })
        .collect();
    let e = prepare(&inputs(comp(vec![st]), vec![inn("A")], scores)).unwrap_err();
    assert_eq!(e.len(), 1, "{:?}", e[0]);
    assert_eq!(
        e[0].loc.as_ref().unwrap().line,
        limits::MAX_JUDGES as u32 + 2
    );
    assert_eq!(
        e[0].message(Lang::En),
        "Too many judges: 10001 (at most 10000)."
    );
    assert_eq!(
        e[0].message(Lang::Id),
        "Terlalu banyak juri: 10001 (paling banyak 10000)."
    );
}

#[test]
fn an_incomplete_sheet_names_at_most_20_criteria() {
    let crits: Vec<Criterion> = (0..30)
        .map(|k| crit(&format!("c{k:02}"), 1.0, 0.0, 10.0))
        .collect();
    let st = stage("s1", crits);
    let e = prepare(&inputs(
        comp(vec![st]),
        vec![inn("A")],
        vec![sc("s1", "A", "J1", "c00", 5.0)],
    ))
    .unwrap_err();
    assert_eq!(e.len(), 1);
    let m = e[0].message(Lang::En);
    assert!(m.ends_with("c19, c20 and 9 more."), "{m}");
    assert!(e[0].message(Lang::Id).ends_with("c20 dan 9 lainnya."));
}

fn sim_rows(p: &Prepared, kappa: f64) -> Vec<SimRow> {
    let o = SimOptions {
        draws: 200,
        seed: 3,
        kappa,
        resample_judges: false,
    };
    simulate(p, &o, &mut |_, _| true).unwrap().stages[0]
        .rows
        .clone()
}

#[test]
fn monte_carlo_weights_stay_finite_at_every_kappa() {
    // Before: kappa 1e308 or 1e-320 made every weight NaN and every
    // innovation rank 1 in every draw.
    let st = stage(
        "s1",
        vec![crit("a", 1e15, 0.0, 10.0), crit("b", 1e-100, 0.0, 10.0)],
    );
    let p = prepare(&three(&st)).unwrap();
    for kappa in [
        limits::MIN_MAGNITUDE,
        1e-30,
        1.0,
        50.0,
        limits::MAX_MAGNITUDE,
    ] {
        let rows = sim_rows(&p, kappa);
        for r in &rows {
            assert!(r.p_advance.is_finite());
            assert!(r.mean_rank.is_some_and(f64::is_finite), "{kappa}: {r:?}");
        }
        // Not all first: the ranks are those of real weights.
        let firsts = rows.iter().filter(|r| r.mean_rank == Some(1.0)).count();
        assert!(firsts < rows.len(), "{kappa}: {rows:?}");
    }
    // An invalid kappa is replaced by 50, as documented.
    assert!(!limits::kappa_ok(1e308) && !limits::kappa_ok(1e-320));
    assert_eq!(sim_rows(&p, 1e308), sim_rows(&p, 50.0));
    assert_eq!(sim_rows(&p, 1e-320), sim_rows(&p, 50.0));
}

#[test]
fn rank_values_never_ranks_a_nan_score() {
    // Values of a published file may be anything JSON holds: an entry
    // whose score overflows is listed as incomplete, the others ranked.
    let st = two(2.0, 0.0, 10.0);
    let entry = |id: &str, s: [f64; 2]| ValueEntry {
        id: id.into(),
        category: String::new(),
        agency: String::new(),
        criteria: Some(s.to_vec()),
        bonus: 0.0,
        sheets: 1,
        earlier_own: vec![],
    };
    let entries = vec![
        entry("A", [1e308, 1e308]),
        entry("B", [90.0, 90.0]),
        entry("C", [50.0, 60.0]),
    ];
    let (rows, _) = rank_values(&st, &entries);
    let view: Vec<(&str, Option<u32>, bool)> = rows
        .iter()
        .map(|r| (r.id.as_str(), r.rank, r.incomplete))
        .collect();
    assert_eq!(
        view,
        [
            ("B", Some(1), false),
            ("C", Some(2), false),
            ("A", None, true)
        ]
    );
    for r in &rows {
        assert!(r.score.is_none_or(f64::is_finite));
    }
}

#[test]
fn what_if_weights_are_held_to_the_same_limits() {
    // Sliders and the JS API re-rank with weights of their own: 1e308
    // would overflow Σw as in a competition file.
    let p = prepare(&three(&two(1.0, 0.0, 10.0))).unwrap();
    let mut sc = Scratch::default();
    for bad in [1e308, 1e-300, f64::NAN, -1.0, f64::INFINITY] {
        let w = Weights {
            stages: vec![vec![bad, 1.0]],
        };
        assert_eq!(
            p.rank_with(&w, &mut sc),
            Err(WeightsError::NotPositive {
                stage: 0,
                criterion: 0
            }),
            "{bad}"
        );
    }
    let w = Weights {
        stages: vec![vec![1e15, 1e-100]],
    };
    let r = p.rank_result_with(&w).unwrap();
    all_finite(&r);
    // 0 is a what-if weight (the criterion counts for nothing) but never
    // a competition's: the result with a digest refuses it.
    let zero = Weights {
        stages: vec![vec![0.0, 1.0]],
    };
    assert_eq!(p.rank_with(&zero, &mut sc), Ok(()));
    assert_eq!(
        p.rank_result_with(&zero).map(|_| ()),
        Err(WeightsError::NotPositive {
            stage: 0,
            criterion: 0
        })
    );
    let none = Weights {
        stages: vec![vec![0.0, 0.0]],
    };
    assert_eq!(
        p.rank_with(&none, &mut sc),
        Err(WeightsError::AllZero { stage: 0 })
    );
}

#[test]
fn many_bad_scores_keep_the_first_100_per_file_in_bounded_memory() {
    // 10 million scores naming unknown innovations made 2.4 GB of
    // diagnostics before the first 100 of each file were kept. They are
    // thinned out as they come now, with the same result: the first 100
    // by place in each file, then how many more.
    let st = stage("s1", vec![crit("a", 1.0, 0.0, 10.0)]);
    let n = 200_000u32;
    let mut scores = Vec::new();
    for k in 0..n {
        // Places out of order, two files, repeated places.
        let line = (k.wrapping_mul(7919) % 150_000) + 2;
        let mut s = sc("s1", &format!("X{k}"), "J1", "a", 5.0);
        s.loc = loc(if k % 3 == 0 { "b.csv" } else { "a.csv" }, line);
        s.cols = [1, 2, 3, 4, 5];
        scores.push(s);
    }
    let mut want: Vec<(String, u32, String)> = scores
        .iter()
        .map(|s| (s.loc.file.to_string(), s.loc.line, s.innovation.to_string()))
        .collect();
    // Stable by (file, line): the order the engine keeps.
    want.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let e = prepare(&inputs(comp(vec![st]), vec![inn("A")], scores)).unwrap_err();
    let mut expect = Vec::new();
    for f in ["a.csv", "b.csv"] {
        let of: Vec<_> = want.iter().filter(|w| w.0 == f).collect();
        for w in of.iter().take(100) {
            expect.push(format!(
                "{}:{} Unknown innovation `{}`: it is not in the innovations file.",
                w.0, w.1, w.2
            ));
        }
    }
    for f in ["a.csv", "b.csv"] {
        let of: Vec<_> = want.iter().filter(|w| w.0 == f).collect();
        expect.push(format!(
            "{}:{} … and {} more errors in this file.",
            f,
            of[99].1,
            of.len() - 100
        ));
    }
    let got: Vec<String> = e
        .iter()
        .map(|d| {
            let l = d.loc.as_ref().unwrap();
            format!("{}:{} {}", l.file, l.line, d.message(Lang::En))
        })
        .collect();
    assert_eq!(got, expect);
}
