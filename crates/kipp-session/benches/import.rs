//! The app's import at national scale (4,000 innovations, 167k scores: the
//! sample generator's files, in memory), in the steps the store takes from
//! a drop to the ranking: `preview` (read every file, merge, check),
//! `compute` (prepare and rank every stage: what applying the preview
//! runs), and the saver's `write` (the project's lists as the JSON stored
//! in IndexedDB); and `drop_to_ranking`, the store's own path: a new
//! project, `Action::Files`, `Action::ApplyImport`, and the saver's write
//! that follows. That last one is what the officer waits for (before the
//! browser draws the table).
//!
//! Run: `cargo bench -p kipp-session --bench import`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use kipp_formats::sample::{self, SampleOptions};
use kipp_session::import::{self, RawFile};
use kipp_session::project::Project;
use kipp_session::store::{Action, Env, Store, Tab};
use kipp_session::{run, storage, Lang};

fn env() -> Env {
    Env {
        now_iso: || "2026-12-02T09:00:00+07:00".to_string(),
        now_ms: || 0.0,
        new_id: || "p1".to_string(),
    }
}

fn raw_files() -> Vec<RawFile> {
    sample::files(&sample::generate(&SampleOptions::national()))
        .into_iter()
        .map(|(name, text)| RawFile::new(name.to_string(), text.into_bytes()))
        .collect()
}

fn benches(c: &mut Criterion) {
    let files = raw_files();
    let empty = Project::default();
    let st = import::preview(files.clone(), &empty, Lang::Id);
    let project = import::apply(&st).expect("the national sample imports");
    let mut g = c.benchmark_group("app_import");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("preview", |b| {
        b.iter(|| {
            let st = import::preview(files.clone(), &empty, Lang::Id);
            st.errors.len()
        })
    });
    g.bench_function("compute", |b| {
        b.iter(|| {
            run::compute(&project.inputs, &project.decisions, Lang::Id)
                .map_or(0, |c| c.view.stages.len())
        })
    });
    g.bench_function("save", |b| {
        b.iter(|| {
            let mut saver = storage::Saver::default();
            saver.write(&project).parts.len()
        })
    });
    g.bench_function("drop_to_ranking", |b| {
        b.iter(|| {
            let mut store = Store::new(Lang::Id, Tab::Start, env());
            let _ = store.reduce(Action::NewProject);
            let _ = store.reduce(Action::Files(files.clone()));
            let _ = store.reduce(Action::ApplyImport);
            let ranked = store.computed.as_ref().map_or(0, |c| c.view.stages.len());
            assert_eq!(ranked, 2, "the import applies");
            let mut saver = storage::Saver::default();
            (ranked, saver.write(&store.project).parts.len())
        })
    });
    g.finish();
}

criterion_group!(app_import, benches);
criterion_main!(app_import);
