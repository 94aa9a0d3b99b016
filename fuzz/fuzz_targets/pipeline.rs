//! Whole competitions from a structure-aware generator (stages, criteria,
//! weights, scales, rules, innovations, judges, conflicts and scores,
//! mostly ordinary values and sometimes extreme ones), read and ranked:
//! - a ranking of finite numbers with ranks in order, or located problems;
//! - the same data as comma CSV, semicolon CSV with decimal commas, JSON
//!   lists and in another row order: the same digest and the same rows, or
//!   the same kinds of problems;
//! - a short Monte Carlo run: probabilities in [0, 1].
#![no_main]
use kipp_fuzz::{run, Spec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|spec: Spec| {
    let f = spec.files();
    let base = run(
        &f.competition,
        ("i.csv", &f.innovations[0]),
        &f.judges,
        ("s.csv", &f.scores[0]),
    );
    let forms = [
        (("i.csv", &f.innovations[1]), ("s.csv", &f.scores[1])),
        (("i.json", &f.innovations[2]), ("s.json", &f.scores[2])),
        (("i.csv", &f.innovations[0]), ("s.csv", &f.scores[3])),
    ];
    for (inn, sc) in forms {
        let other = run(&f.competition, (inn.0, inn.1), &f.judges, (sc.0, sc.1));
        match (&base, &other) {
            (Ok((a, _)), Ok((b, _))) => {
                assert_eq!(a.digest, b.digest, "{inn:?} {sc:?}");
                assert_eq!(a.stages, b.stages, "{inn:?} {sc:?}");
            }
            (Err(a), Err(b)) => {
                let (mut a, mut b) = (a.clone(), b.clone());
                a.sort();
                a.dedup();
                b.sort();
                b.dedup();
                assert_eq!(
                    a, b,
                    "problem kinds differ: {}\n{}\n{}",
                    f.competition, inn.1, sc.1
                );
            }
            _ => panic!(
                "one form ranks, another does not: {base:?}\n{other:?}\n{}\n{}\n{}",
                f.competition, inn.1, sc.1
            ),
        }
    }
    if let Ok((_, p)) = base {
        let opts = kipp_score::SimOptions {
            draws: 8,
            seed: 7,
            ..Default::default()
        };
        let sim = kipp_score::simulate(&p, &opts, &mut |_, _| true).expect("not cancelled");
        for st in &sim.stages {
            for row in &st.rows {
                assert!((0.0..=1.0).contains(&row.p_advance), "{row:?}");
                if let Some(m) = row.mean_rank {
                    assert!(m.is_finite() && m >= 1.0, "{row:?}");
                }
            }
        }
    }
});
