//! National scale (4,000 innovations, 8 criteria, 5 judges, 2 stages, from the
//! sample generator, in memory): read the files + prepare + rank, and the fast
//! re-rank after a weight change.
//!
//! Run: `cargo bench -p kipp-formats --bench rank`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use kipp_formats::sample::{self, SampleOptions};
use kipp_formats::{prepare_files, FileData, RunFiles};
use kipp_score::Scratch;

fn national_files() -> Vec<(&'static str, String)> {
    sample::files(&sample::generate(&SampleOptions::national()))
}

fn run_files<'a>(files: &'a [(&'static str, String)]) -> RunFiles<'a> {
    RunFiles {
        competition: FileData::new(files[0].0, files[0].1.as_bytes()),
        innovations: FileData::new(files[1].0, files[1].1.as_bytes()),
        scores: FileData::new(files[2].0, files[2].1.as_bytes()),
        judges: Some(FileData::new(files[3].0, files[3].1.as_bytes())),
    }
}

fn benches(c: &mut Criterion) {
    let files = national_files();
    let mut g = c.benchmark_group("national");
    g.bench_function("read_files", |b| {
        b.iter(|| {
            kipp_formats::load(run_files(&files))
                .map(|l| l.inputs.scores.len())
                .unwrap_or(0)
        })
    });
    g.bench_function("read_prepare_rank", |b| {
        b.iter(|| {
            let p = prepare_files(run_files(&files))
                .map_err(|_| ())
                .unwrap_or_else(|_| std::process::abort());
            p.rank().winners.len()
        })
    });
    let p = prepare_files(run_files(&files))
        .map_err(|_| ())
        .unwrap_or_else(|_| std::process::abort());
    g.bench_function("rank_full_result", |b| b.iter(|| p.rank().winners.len()));
    let base = p.weights();
    let mut changed = base.clone();
    changed.stages[0][0] *= 1.5;
    let mut scratch = Scratch::default();
    let _ = p.rank_with(&base, &mut scratch);
    let mut flip = false;
    g.bench_function("rerank_weight_change", |b| {
        b.iter(|| {
            flip = !flip;
            let w = if flip { &changed } else { &base };
            p.rank_with(w, &mut scratch).is_ok()
        })
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = national;
    config = config();
    targets = benches
}
criterion_main!(national);
