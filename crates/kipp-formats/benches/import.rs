//! Import at national scale (4,000 innovations, 8 criteria, 5 judges, 2
//! stages, 167k scores; the sample generator's files, in memory): each
//! file parsed to the engine's model, and all of them (`load`, what the
//! app's import does before `prepare`); and the path of `kipp rank`:
//! `load_set` (scores read row by row into a `ScoreList`) and `load_set`
//! followed by `LoadedSet::prepare` (validation, precomputation, digest).
//!
//! Run: `cargo bench -p kipp-formats --bench import`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kipp_formats::sample::{self, SampleOptions};
use kipp_formats::{FileData, RunFiles, RunSet};

fn benches(c: &mut Criterion) {
    let files = sample::files(&sample::generate(&SampleOptions::national()));
    let total: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group("import");
    g.throughput(Throughput::Bytes(files[2].1.len() as u64));
    g.bench_function("scores_csv", |b| {
        b.iter(|| {
            kipp_formats::parse_scores(files[2].0, files[2].1.as_bytes()).map_or(0, |s| s.len())
        })
    });
    g.throughput(Throughput::Bytes(files[1].1.len() as u64));
    g.bench_function("innovations_csv", |b| {
        b.iter(|| {
            kipp_formats::parse_innovations(files[1].0, files[1].1.as_bytes())
                .map_or(0, |s| s.len())
        })
    });
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("load_all", |b| {
        b.iter(|| {
            kipp_formats::load(RunFiles {
                competition: FileData::new(files[0].0, files[0].1.as_bytes()),
                innovations: FileData::new(files[1].0, files[1].1.as_bytes()),
                scores: FileData::new(files[2].0, files[2].1.as_bytes()),
                judges: Some(FileData::new(files[3].0, files[3].1.as_bytes())),
            })
            .map_or(0, |l| l.inputs.scores.len())
        })
    });
    let set = RunSet {
        competition: FileData::new(files[0].0, files[0].1.as_bytes()),
        innovations: vec![FileData::new(files[1].0, files[1].1.as_bytes())],
        judges: vec![FileData::new(files[3].0, files[3].1.as_bytes())],
        scores: vec![FileData::new(files[2].0, files[2].1.as_bytes())],
    };
    g.bench_function("load_set", |b| b.iter(|| kipp_formats::load_set(&set)));
    g.bench_function("load_set_prepare", |b| {
        b.iter(|| {
            kipp_formats::load_set(&set)
                .prepare()
                .map_or(0, |p| p.innovations().len())
        })
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = import;
    config = config();
    targets = benches
}
criterion_main!(import);
