//! The organiser's work through the store, as the app drives it: nothing an
//! officer did is lost by a template click, a re-import, a later stage's
//! scores, or a reload.

use std::sync::atomic::{AtomicU64, Ordering};

use kipp_formats::sample::{self, SampleOptions};
use kipp_score::Inputs;
use kipp_session::import::RawFile;
use kipp_session::project::Project;
use kipp_session::storage::{self, Saver};
use kipp_session::store::{Action, Effect, Env, Store, Tab, UNDO_DEPTH};
use kipp_session::Lang;

static IDS: AtomicU64 = AtomicU64::new(1);
static CLOCK: AtomicU64 = AtomicU64::new(0);

fn env() -> Env {
    Env {
        now_iso: || {
            let n = CLOCK.fetch_add(1, Ordering::Relaxed);
            format!("2026-12-01T21:{:02}:{:02}+07:00", (n / 60) % 60, n % 60)
        },
        now_ms: || CLOCK.fetch_add(1, Ordering::Relaxed) as f64,
        new_id: || format!("p{}", IDS.fetch_add(1, Ordering::Relaxed)),
    }
}

fn regional() -> Inputs {
    sample::generate(&SampleOptions::regional())
}

fn raw(name: &str, text: String) -> RawFile {
    RawFile::new(name.into(), text.into_bytes())
}

fn files_of(inputs: &Inputs) -> Vec<RawFile> {
    sample::files(inputs)
        .into_iter()
        .map(|(n, t)| raw(n, t))
        .collect()
}

/// A store with a new empty project, then `files` imported and applied.
fn imported(files: Vec<RawFile>) -> Store {
    let mut s = Store::new(Lang::Id, Tab::Start, env());
    s.reduce(Action::NewProject);
    import(&mut s, files);
    s
}

fn import(s: &mut Store, files: Vec<RawFile>) -> Vec<Effect> {
    s.reduce(Action::Files(files));
    let st = s.import.as_ref().expect("a preview");
    assert!(st.errors.is_empty(), "import problems: {:?}", st.errors);
    s.reduce(Action::ApplyImport)
}

fn decide(s: &mut Store, stage_idx: usize, id: &str, advance: bool) {
    s.reduce(Action::Stage(stage_idx));
    s.reduce(Action::Select(Some(id.to_string())));
    s.reduce(Action::DraftAdvance(advance));
    s.reduce(Action::DraftReason("keputusan pleno".into()));
    s.reduce(Action::SaveDecision);
}

#[test]
fn files_are_told_apart_by_their_headers_not_their_names() {
    let inputs = regional();
    // Names that say nothing (or the wrong thing).
    let named: Vec<RawFile> = sample::files(&inputs)
        .into_iter()
        .enumerate()
        .map(|(i, (_, t))| raw(&format!("lampiran-{i}.csv"), t))
        .map(|mut f| {
            if f.name == "lampiran-0.csv" {
                f.name = "nilai.json".into();
            }
            f
        })
        .collect();
    let s = imported(named);
    assert_eq!(s.project.inputs.innovations.len(), 107);
    assert_eq!(s.project.inputs.scores.len(), inputs.scores.len());
    assert!(s.computed.is_some());
}

#[test]
fn a_later_stage_s_scores_add_to_the_earlier_ones() {
    let inputs = regional();
    let first = inputs.competition.stages[0].id.clone();
    let (s1, s2): (Vec<_>, Vec<_>) = inputs
        .scores
        .iter()
        .cloned()
        .partition(|s| s.stage == first);
    assert!(!s1.is_empty() && !s2.is_empty());
    let mut files = files_of(&inputs);
    files.retain(|f| f.name != "scores.csv");
    files.push(raw("nilai-proposal.csv", kipp_formats::scores_csv(&s1)));
    let mut s = imported(files);
    assert_eq!(s.project.inputs.scores.len(), s1.len());
    // Weeks later: the presentation stage's scores alone.
    import(
        &mut s,
        vec![raw("nilai-presentasi.csv", kipp_formats::scores_csv(&s2))],
    );
    assert_eq!(s.project.inputs.scores.len(), inputs.scores.len());
    let all = imported(files_of(&inputs));
    let a = &s.computed.as_ref().unwrap().result;
    let b = &all.computed.as_ref().unwrap().result;
    assert_eq!(a.winners, b.winners);
    assert_eq!(
        a.digest, b.digest,
        "same data, same digest, in whatever order it came"
    );
}

#[test]
fn re_importing_a_judge_s_sheet_replaces_that_sheet_only_and_keeps_decisions() {
    let inputs = regional();
    let mut s = imported(files_of(&inputs));
    let stage0 = s.computed.as_ref().unwrap().view.stages[0].clone();
    let out = stage0
        .rows
        .iter()
        .find(|r| !r.advanced && !r.incomplete)
        .unwrap()
        .id
        .clone();
    decide(&mut s, 0, &out, true);
    assert_eq!(s.project.decisions.len(), 1);
    // Judge J's sheet of the first stage again, with two values changed.
    let judge = inputs.scores[0].judge.clone();
    let stage = inputs.scores[0].stage.clone();
    let mut sheet: Vec<_> = inputs
        .scores
        .iter()
        .filter(|x| x.judge == judge && x.stage == stage)
        .cloned()
        .collect();
    let n = sheet.len();
    for x in sheet.iter_mut().take(2) {
        x.value = if x.value >= 50.0 {
            x.value - 1.0
        } else {
            x.value + 1.0
        };
    }
    s.reduce(Action::Files(vec![raw(
        "juri.csv",
        kipp_formats::scores_csv(&sheet),
    )]));
    let st = s.import.as_ref().unwrap();
    assert!(st.errors.is_empty(), "{:?}", st.errors);
    assert_eq!(st.preview.changes.len(), 1);
    let ch = &st.preview.changes[0];
    assert_eq!(
        (ch.judge.as_str(), ch.stage.as_str()),
        (judge.as_str(), stage.as_str())
    );
    assert_eq!(
        (ch.changed, ch.added, ch.removed, ch.unchanged),
        (2, 0, 0, n - 2)
    );
    s.reduce(Action::ApplyImport);
    assert_eq!(
        s.project.inputs.scores.len(),
        inputs.scores.len(),
        "other sheets kept"
    );
    assert_eq!(s.project.decisions.len(), 1, "the decision survives");
    // The same files again: nothing changes, the decision stays.
    import(&mut s, files_of(&inputs));
    assert_eq!(s.project.decisions.len(), 1);
    assert_eq!(s.project.decisions[0].innovation, out);
}

#[test]
fn a_decision_whose_innovation_is_gone_is_flagged_not_dropped() {
    let inputs = regional();
    let mut s = imported(files_of(&inputs));
    let id = s.computed.as_ref().unwrap().view.stages[0].rows[0]
        .id
        .clone();
    decide(&mut s, 0, &id, false);
    let mut fewer = inputs.clone();
    fewer.innovations.retain(|i| i.id != id);
    fewer.scores.retain(|x| x.innovation != id);
    // Innovations alone would leave the old scores of `id`: send both.
    s.reduce(Action::Files(vec![raw(
        "a.csv",
        kipp_formats::innovations_csv(&fewer.innovations),
    )]));
    let st = s.import.as_ref().unwrap();
    assert_eq!(
        st.preview.orphan_decisions,
        vec![(inputs.competition.stages[0].id.clone(), id.clone())]
    );
}

#[test]
fn demo_and_presets_open_as_new_projects_never_over_the_work() {
    let inputs = regional();
    let mut s = imported(files_of(&inputs));
    decide(&mut s, 0, &inputs.innovations[0].id, true);
    let mine = s.project.clone();
    let fx = s.reduce(Action::UsePreset(0));
    assert_ne!(s.project.id, mine.id);
    assert!(fx.contains(&Effect::Save));
    assert!(s.project.inputs.innovations.is_empty());
    // The demo too, and opening it twice reuses the untouched demo.
    let mut demo = Project {
        synthetic: true,
        ..Project::default()
    };
    demo.inputs = s.project.inputs.clone();
    s.reduce(Action::DemoLoaded(Ok(demo.clone())));
    let demo_id = s.project.id.clone();
    assert_ne!(demo_id, mine.id);
    s.reduce(Action::DemoLoaded(Ok(demo)));
    assert_eq!(s.project.id, demo_id, "an untouched demo is reused");
    // Back to the officer's project: all there.
    s.reduce(Action::ProjectLoaded(Ok(mine.clone())));
    assert_eq!(s.project, mine);
}

#[test]
fn undo_restores_everything_a_replacing_import_changed() {
    let inputs = regional();
    let mut s = imported(files_of(&inputs));
    decide(&mut s, 0, &inputs.innovations[3].id, true);
    let before = s.project.clone();
    let rows = s.computed.as_ref().unwrap().view.stages[0].rows.len();
    let mut other = inputs.clone();
    other.innovations.truncate(50);
    other
        .scores
        .retain(|x| other.innovations.iter().any(|i| i.id == x.innovation));
    import(&mut s, files_of(&other));
    assert_eq!(s.project.inputs.innovations.len(), 50);
    assert!(s.can_undo());
    s.reduce(Action::Undo);
    assert_eq!(s.project.inputs, before.inputs);
    assert_eq!(s.project.decisions, before.decisions);
    assert_eq!(s.computed.as_ref().unwrap().view.stages[0].rows.len(), rows);
    s.reduce(Action::Redo);
    assert_eq!(s.project.inputs.innovations.len(), 50);
}

#[test]
fn undo_reaches_back_at_least_twenty_changes() {
    let mut s = imported(files_of(&regional()));
    let first = s.project.inputs.competition.name.clone();
    for i in 0..25 {
        s.reduce(Action::Edit(std::rc::Rc::new(
            move |c: &mut kipp_score::Competition| {
                c.name = format!("nama {i}");
            },
        )));
    }
    for _ in 0..25 {
        s.reduce(Action::Undo);
    }
    assert_eq!(s.project.inputs.competition.name, first);
    const { assert!(UNDO_DEPTH >= 20) };
}

#[test]
fn a_reload_right_after_a_change_loses_nothing() {
    let inputs = regional();
    let mut s = imported(files_of(&inputs));
    // What IndexedDB holds after the import finished writing.
    let mut saver = Saver::default();
    let first = saver.write(&s.project);
    assert_eq!(
        first.parts.len(),
        3,
        "innovations, scores and judges written once"
    );
    // A decision: only the core is written (the journal gets it at once).
    decide(&mut s, 0, &inputs.innovations[5].id, true);
    let second = saver.write(&s.project);
    assert!(second.parts.is_empty(), "no list rewritten for a decision");
    assert!(second.core.len() < 200_000);
    // The reload came before IndexedDB finished the second write: the
    // journal has the newer core and wins.
    let parts: Vec<(&'static str, u64, &str)> = first
        .parts
        .iter()
        .map(|p| (p.name, p.rev, p.json.as_str()))
        .collect();
    let back = storage::load(Some(&first.core), Some(&second.core), &parts).unwrap();
    assert!(back.stale.is_empty());
    assert_eq!(back.project, s.project);
    // An older journal never replaces a newer stored core.
    let back = storage::load(Some(&second.core), Some(&first.core), &parts).unwrap();
    assert_eq!(back.project.decisions.len(), 1);
}

#[test]
fn a_list_older_than_its_core_is_reported() {
    let inputs = regional();
    let mut s = imported(files_of(&inputs));
    let mut saver = Saver::default();
    let first = saver.write(&s.project);
    let mut more = inputs.clone();
    more.innovations.truncate(60);
    more.scores
        .retain(|x| more.innovations.iter().any(|i| i.id == x.innovation));
    import(&mut s, files_of(&more));
    let second = saver.write(&s.project);
    assert!(!second.parts.is_empty());
    // The second write's lists never arrived, its core (journal) did.
    let parts: Vec<(&'static str, u64, &str)> = first
        .parts
        .iter()
        .map(|p| (p.name, p.rev, p.json.as_str()))
        .collect();
    let back = storage::load(Some(&first.core), Some(&second.core), &parts).unwrap();
    assert!(back.stale.contains(&"innovations"));
}

#[test]
fn a_national_project_round_trips_through_storage() {
    let inputs = sample::generate(&SampleOptions::national());
    let mut p = Project {
        id: "nas".into(),
        rev: 1,
        ..Project::default()
    };
    p.inputs = kipp_session::project::Data::from_inputs(inputs);
    let w = Saver::default().write(&p);
    let parts: Vec<(&'static str, u64, &str)> = w
        .parts
        .iter()
        .map(|x| (x.name, x.rev, x.json.as_str()))
        .collect();
    let back = storage::load(Some(&w.core), None, &parts).unwrap();
    assert_eq!(back.project, p);
    assert!(w.meta.size > 1_000_000);
    assert_eq!(w.meta.innovations, 4000);
}

#[test]
fn version_1_project_files_open() {
    let v1 = r#"{"kipp_project":1,"synthetic":false,"source":"x","inputs":{"competition":{"name":"KIPP Uji","description":"","stages":[]},"innovations":[],"scores":[],"judges":null},"decisions":[],"audit":[]}"#;
    let p = Project::from_json(v1).unwrap();
    assert_eq!(p.name, "KIPP Uji");
    assert_eq!(p.kipp_project, kipp_session::project::PROJECT_VERSION);
}

#[test]
fn progress_counts_who_still_owes_and_templates_go_out_as_one_zip() {
    let inputs = regional();
    let mut s = imported(files_of(&inputs));
    let before = kipp_session::progress::progress(&s.project, s.computed.as_deref());
    let stage = inputs.competition.stages[0].id.clone();
    let judge = before[0].judges[0].judge.clone();
    let victim = inputs
        .scores
        .iter()
        .find(|x| x.stage == stage && x.judge == judge)
        .unwrap()
        .innovation
        .clone();
    let mut fewer = inputs.clone();
    fewer
        .scores
        .retain(|x| !(x.stage == stage && x.judge == judge && x.innovation == victim));
    let mut files = files_of(&fewer);
    files.retain(|f| f.name == "scores.csv");
    import(&mut s, files);
    let after = kipp_session::progress::progress(&s.project, s.computed.as_deref());
    let (b, a) = (&before[0].judges[0], &after[0].judges[0]);
    assert_eq!(a.received + 1, b.received);
    assert_eq!(a.owed(), b.owed() + 1);
    assert_eq!(a.expected, b.expected);
    // The second stage's entrants are the first stage's advancing ones.
    assert_eq!(after[1].entrants, Some(20));
    let fx = s.reduce(Action::Templates(0));
    let zip = fx
        .iter()
        .find_map(|e| match e {
            Effect::Download(d) => Some(d.clone()),
            _ => None,
        })
        .expect("a download");
    assert!(zip.name.ends_with(".zip") && zip.bytes.starts_with(b"PK"));
    let judges = kipp_session::progress::judges(&s.project).len();
    let entries = zip.bytes.windows(5).filter(|w| w == b".xlsx").count();
    assert!(
        entries >= judges,
        "{entries} workbook names for {judges} judges"
    );
}

fn officer_files() -> Vec<RawFile> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/officer");
    ["competition.json", "KIPP_Banyumas_2020.xlsx"]
        .iter()
        .map(|n| RawFile::new(n.to_string(), std::fs::read(dir.join(n)).unwrap()))
        .collect()
}

#[test]
fn the_officer_workbook_imports_in_one_drop_and_ranks_as_the_formats_crate_does() {
    let s = imported(officer_files());
    assert_eq!(s.project.inputs.innovations.len(), 107);
    assert_eq!(s.project.inputs.scores.len(), 107 * 5 * 7);
    let files = officer_files();
    let set = kipp_formats::RunSet {
        competition: kipp_formats::FileData::new(&files[0].name, &files[0].bytes),
        innovations: vec![kipp_formats::FileData {
            sheet: Some("Inovasi"),
            ..kipp_formats::FileData::new(&files[1].name, &files[1].bytes)
        }],
        judges: vec![],
        scores: (1..=5)
            .map(|j| kipp_formats::FileData {
                sheet: Some(["Juri 1", "Juri 2", "Juri 3", "Juri 4", "Juri 5"][j - 1]),
                ..kipp_formats::FileData::new(&files[1].name, &files[1].bytes)
            })
            .collect(),
    };
    let want = kipp_formats::prepare_set(&set).unwrap().rank();
    assert_eq!(s.computed.as_ref().unwrap().result, want);
    // Into a project that already has another competition's judges: the
    // imported competition's sheets still find their judges J1..J5.
    let mut s = imported(files_of(&regional()));
    import(&mut s, officer_files());
    assert_eq!(s.computed.as_ref().unwrap().result.winners, want.winners);
}
