//! Monte Carlo at national scale (issue 4): 4,000 innovations, 8 criteria,
//! 5 judges, 2 stages (the formats crate's sample generator, the same
//! competition as the browser benchmark www/bench/). Per iteration: 10,000
//! weight draws (and 10,000 over one stage of the same 4,000 innovations);
//! 1,000 draws with judge resampling; 1,000 draws with z-score normalisation
//! in both stages (the second stage's s-values are recomputed whenever its
//! entering set changed, which is nearly every draw).
//!
//! The same 10,000 draws (2 stages) on 1, 2 and all threads
//! (`simulate_threads`, one result for every thread count):
//! `mc_10000_threads_1`, `_2`, `_all`.
//!
//! Run: `cargo bench -p kipp-score --bench simulate`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use kipp_formats::sample::{generate, SampleOptions};
use kipp_score::{prepare, simulate, simulate_threads, Normalize, Prepared, SimOptions};

fn prepared(zscore: bool) -> Option<Prepared> {
    prepared_with(zscore, SampleOptions::national())
}

fn prepared_with(zscore: bool, o: SampleOptions) -> Option<Prepared> {
    let mut inputs = generate(&o);
    if zscore {
        for st in &mut inputs.competition.stages {
            st.normalize = Normalize::ZScore;
        }
    }
    prepare(&inputs).ok()
}

fn run(p: &Prepared, draws: u32, resample_judges: bool) -> usize {
    let opts = SimOptions {
        draws,
        seed: 1,
        kappa: 50.0,
        resample_judges,
    };
    simulate(p, &opts, &mut |_, _| true)
        .map(|r| r.stages.len())
        .unwrap_or(0)
}

fn run_threads(p: &Prepared, draws: u32, threads: usize) -> usize {
    let opts = SimOptions {
        draws,
        seed: 1,
        kappa: 50.0,
        resample_judges: false,
    };
    simulate_threads(p, &opts, threads, &mut |_, _| true)
        .map(|r| r.stages.len())
        .unwrap_or(0)
}

fn benches(c: &mut Criterion) {
    let (Some(p), Some(pz)) = (prepared(false), prepared(true)) else {
        eprintln!("the national sample does not prepare");
        return;
    };
    let mut g = c.benchmark_group("national_simulate");
    g.bench_function("prepare", |b| {
        let inputs = generate(&SampleOptions::national());
        b.iter(|| prepare(&inputs).map(|p| p.innovations().len()).unwrap_or(0))
    });
    g.bench_function("mc_10000", |b| b.iter(|| run(&p, 10_000, false)));
    g.bench_function("mc_1000", |b| b.iter(|| run(&p, 1_000, false)));
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    for (name, threads) in [("1", 1), ("2", 2), ("all", all)] {
        g.bench_function(format!("mc_10000_threads_{name}"), |b| {
            b.iter(|| run_threads(&p, 10_000, threads))
        });
    }
    // The figure: 4,000 innovations, 8 criteria, one stage (Top 99).
    let one = prepared_with(
        false,
        SampleOptions {
            stages: 1,
            tops: Vec::new(),
            ..SampleOptions::national()
        },
    );
    if let Some(one) = one {
        g.bench_function("mc_10000_one_stage", |b| {
            b.iter(|| run(&one, 10_000, false))
        });
    }
    g.bench_function("mc_1000_resample_judges", |b| {
        b.iter(|| run(&p, 1_000, true))
    });
    g.bench_function("mc_1000_zscore", |b| b.iter(|| run(&pz, 1_000, false)));
    g.bench_function("mc_1000_zscore_resample_judges", |b| {
        b.iter(|| run(&pz, 1_000, true))
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = national;
    config = config();
    targets = benches
}
criterion_main!(national);
