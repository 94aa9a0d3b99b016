//! The organiser's work through the store, as the app drives it: nothing an
//! officer did is lost by a template click, a re-import, a later stage's
//! scores, or a reload.

use std::sync::atomic::{AtomicU64, Ordering};

use kipp_formats::sample::{self, SampleOptions};
use kipp_score::Inputs;
use kipp_session::import::RawFile;
use kipp_session::project::Project;
use kipp_session::storage::{self, Part, Saver};
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
        .partition(|s| *s.stage == *first);
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
        .filter(|x| *x.judge == *judge && *x.stage == *stage)
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
    assert_eq!((&*ch.judge, &*ch.stage), (&*judge, &*stage));
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
    fewer.scores.retain(|x| *x.innovation != *id);
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
        .retain(|x| other.innovations.iter().any(|i| *i.id == *x.innovation));
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
    let parts = &first.parts;
    let back = storage::load(Some(&first.core), Some(&second.core), parts).unwrap();
    assert!(back.stale.is_empty());
    assert_eq!(back.project, s.project);
    // An older journal never replaces a newer stored core.
    let back = storage::load(Some(&second.core), Some(&first.core), parts).unwrap();
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
        .retain(|x| more.innovations.iter().any(|i| *i.id == *x.innovation));
    import(&mut s, files_of(&more));
    let second = saver.write(&s.project);
    assert!(!second.parts.is_empty());
    // The second write's lists never arrived, its core (journal) did.
    let parts = &first.parts;
    let back = storage::load(Some(&first.core), Some(&second.core), parts).unwrap();
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
    let parts = &w.parts;
    let back = storage::load(Some(&w.core), None, parts).unwrap();
    assert_eq!(back.project, p);
    assert!(w.meta.size > 1_000_000);
    assert_eq!(w.meta.innovations, 4000);
}

#[test]
fn stored_scores_keep_every_field_and_older_records_still_load() {
    // Imported from files: every score has its file, line and columns.
    let s = imported(files_of(&regional()));
    let scores = &s.project.inputs.scores;
    assert!(scores
        .iter()
        .all(|x| x.loc.line > 1 && !x.loc.file.is_empty()));
    let part = storage::scores_part(scores, 7);
    assert!(part.json.starts_with("{\"kipp_scores\":2,"));
    assert_eq!(part.index.len(), scores.len() * storage::FIELDS);
    assert_eq!(&storage::scores_of(&part).unwrap(), &**scores);
    // The list form, as records written before the compact one.
    let list = Part {
        name: "scores",
        rev: 7,
        json: serde_json::to_string(&**scores).unwrap(),
        ..Part::default()
    };
    assert!(
        part.size() * 2 < list.size(),
        "{} vs {}",
        part.size(),
        list.size()
    );
    assert_eq!(&storage::scores_of(&list).unwrap(), &**scores);
    // A damaged record is an error, never a panic or a wrong list.
    let damaged: [fn(&mut Part); 5] = [
        |p| p.index[0] = 999_999,
        |p| p.index[4] = 999_999,
        |p| p.index.truncate(p.index.len() - 1),
        |p| p.values[3] = f64::NAN,
        |p| p.json = p.json.replacen("\"kipp_scores\":2", "\"kipp_scores\":3", 1),
    ];
    for (k, spoil) in damaged.iter().enumerate() {
        let mut bad = part.clone();
        spoil(&mut bad);
        assert!(storage::scores_of(&bad).is_err(), "damage {k}");
    }
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
        .find(|x| *x.stage == *stage && *x.judge == *judge)
        .unwrap()
        .innovation
        .clone();
    let mut fewer = inputs.clone();
    fewer
        .scores
        .retain(|x| !(*x.stage == *stage && *x.judge == *judge && *x.innovation == *victim));
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

/// The workbooks of a ZIP download, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().to_string(), out)
        })
        .collect()
}

/// A judge filling in a score-sheet template as Excel saves it: every empty,
/// formatted score cell (`<c r="E2" s="N"/>`) of the first sheet that
/// `value(innovation, criterion name)` knows gets its number; the rest stays
/// empty. Everything else of the workbook is kept byte for byte.
fn fill_template(template: &[u8], value: impl Fn(&str, &str) -> Option<f64>) -> Vec<u8> {
    use calamine::{Reader, Xlsx};
    use std::io::Write;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(template)).unwrap();
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let (r0, c0) = range.start().unwrap();
    let head = &rows[0];
    let id_col = head.iter().position(|h| h == "ID Inovasi").unwrap();
    let mut cells = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let innovation = row[id_col].trim_start_matches('\'');
        for (j, h) in head.iter().enumerate() {
            if let Some(v) = value(innovation, h) {
                let col = kipp_formats::column_letters(c0 + j as u32 + 1);
                cells.push((format!("{col}{}", r0 + i as u32 + 1), v));
            }
        }
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, mut data) in unzip(template) {
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(data).unwrap();
            for (cell, v) in &cells {
                let start = xml
                    .find(&format!(r#"<c r="{cell}" "#))
                    .unwrap_or_else(|| panic!("cell {cell} is in the template"));
                let end = start + xml[start..].find("/>").unwrap();
                xml.replace_range(end..end + 2, &format!("><v>{v}</v></c>"));
            }
            data = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn templates_filled_by_the_judges_import_back_and_rank_as_the_long_form() {
    let inputs = regional();
    let whole = imported(files_of(&inputs));
    let want = whole.computed.as_ref().unwrap().result.clone();
    // The officer's project before any sheet came back: no scores.
    let mut files = files_of(&inputs);
    files.retain(|f| f.name != "scores.csv");
    let mut s = imported(files);
    let names: std::collections::HashMap<(&str, &str), &str> = inputs
        .competition
        .stages
        .iter()
        .flat_map(|st| {
            st.criteria.iter().map(move |c| {
                let shown = if c.name.is_empty() { &c.id } else { &c.name };
                ((st.id.as_str(), shown.as_str()), c.id.as_str())
            })
        })
        .collect();
    for (k, stage) in inputs.competition.stages.iter().enumerate() {
        // Templates go out once the stage's entrants are known.
        let fx = s.reduce(Action::Templates(k));
        let zip = fx
            .iter()
            .find_map(|e| match e {
                Effect::Download(d) => Some(d.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("templates of stage {k}"));
        let mut back = Vec::new();
        for (name, bytes) in unzip(&zip.bytes) {
            if !name.ends_with(".xlsx") {
                continue;
            }
            let judge = kipp_session::progress::judges(&s.project)
                .into_iter()
                .map(|j| j.id)
                .find(|j| {
                    name.contains(&format!("-{}.", j.to_lowercase()))
                        || name.contains(&format!("-{j}."))
                })
                .unwrap_or_else(|| panic!("a judge in {name}"));
            let filled = fill_template(&bytes, |innovation, header| {
                let crit = names.get(&(stage.id.as_str(), header))?;
                inputs
                    .scores
                    .iter()
                    .find(|x| {
                        *x.stage == *stage.id
                            && *x.judge == *judge
                            && *x.innovation == *innovation
                            && *x.criterion == **crit
                    })
                    .map(|x| x.value)
            });
            back.push(RawFile::new(name, filled));
        }
        assert!(!back.is_empty());
        s.reduce(Action::Files(back));
        let st = s.import.as_ref().unwrap();
        assert!(st.errors.is_empty(), "stage {k}: {:?}", st.errors);
        assert!(st
            .preview
            .changes
            .iter()
            .all(|c| *c.stage == *stage.id && c.changed == 0));
        s.reduce(Action::ApplyImport);
    }
    let mut got_scores = s
        .project
        .inputs
        .scores
        .iter()
        .map(|x| {
            (
                &x.stage,
                &x.innovation,
                &x.judge,
                &x.criterion,
                x.value.to_bits(),
            )
        })
        .collect::<Vec<_>>();
    // What a judge is sent: eligible innovations without a conflict of
    // interest (scoring.md §1.4; the engine sets the others aside).
    let sent = |x: &&kipp_score::Score| {
        let inn = inputs
            .innovations
            .iter()
            .find(|i| *i.id == *x.innovation)
            .unwrap();
        let judge = inputs
            .judges
            .as_ref()
            .unwrap()
            .iter()
            .find(|j| *j.id == *x.judge)
            .unwrap();
        inn.eligible
            && (judge.agency.is_empty() || judge.agency != inn.agency)
            && !judge.conflicts.iter().any(|c| c.trim() == inn.id)
    };
    let mut want_scores = inputs
        .scores
        .iter()
        .filter(sent)
        .map(|x| {
            (
                &x.stage,
                &x.innovation,
                &x.judge,
                &x.criterion,
                x.value.to_bits(),
            )
        })
        .collect::<Vec<_>>();
    got_scores.sort();
    want_scores.sort();
    let missing: Vec<_> = want_scores
        .iter()
        .filter(|x| got_scores.binary_search(x).is_err())
        .take(5)
        .collect();
    let extra: Vec<_> = got_scores
        .iter()
        .filter(|x| want_scores.binary_search(x).is_err())
        .take(5)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{} read, {} scored; not read {missing:?}; not scored {extra:?}",
        got_scores.len(),
        want_scores.len()
    );
    let got = &s.computed.as_ref().unwrap().result;
    assert_eq!(got.winners, want.winners);
    // Every row of every stage as the long form ranks it (the warnings
    // differ only where the long form has sheets the engine sets aside).
    for (g, w) in got.stages.iter().zip(&want.stages) {
        assert_eq!(g.rows, w.rows, "stage {}", g.id);
    }
    assert_eq!(got.stages.len(), want.stages.len());
}

/// A workbook of named sheets from rows of cells (text or number).
fn workbook(sheets: &[(&str, Vec<Vec<serde_json::Value>>)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    serde_json::Value::String(t) => ws.write_string(r, c, t).map(|_| ()),
                    serde_json::Value::Number(x) => {
                        ws.write_number(r, c, x.as_f64().unwrap()).map(|_| ())
                    }
                    _ => Ok(()),
                }
                .unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The first stage of the regional sample as one judge's wide sheet named
/// `sheet`, with criterion headers from `header(criterion)`; the judge and
/// its scores from the long form.
fn judge_sheet(
    inputs: &Inputs,
    judge: &str,
    sheet: &str,
    header: impl Fn(&kipp_score::Criterion) -> String,
) -> Vec<u8> {
    let stage = &inputs.competition.stages[0];
    let mut head = vec![serde_json::json!("No"), serde_json::json!("ID Inovasi")];
    head.extend(stage.criteria.iter().map(|c| serde_json::json!(header(c))));
    let mut rows = vec![head];
    let ids: std::collections::BTreeSet<&str> = inputs
        .scores
        .iter()
        .filter(|x| *x.stage == *stage.id && *x.judge == *judge)
        .map(|x| &*x.innovation)
        .collect();
    for (n, id) in ids.iter().enumerate() {
        let mut row = vec![serde_json::json!(n + 1), serde_json::json!(id)];
        for c in &stage.criteria {
            let v = inputs
                .scores
                .iter()
                .find(|x| {
                    *x.stage == *stage.id
                        && *x.judge == *judge
                        && *x.innovation == **id
                        && *x.criterion == *c.id
                })
                .map(|x| serde_json::json!(x.value))
                .unwrap_or(serde_json::Value::Null);
            row.push(v);
        }
        rows.push(row);
    }
    workbook(&[(sheet, rows)])
}

#[test]
fn a_column_and_a_judge_chosen_by_hand_are_read_and_the_mapping_is_remembered() {
    let inputs = regional();
    let mut files = files_of(&inputs);
    files.retain(|f| f.name != "scores.csv");
    let mut s = imported(files);
    let stage = &inputs.competition.stages[0];
    let judge = inputs.scores[0].judge.clone();
    let odd = &stage.criteria[0];
    // The judge's own words for the first criterion, and a sheet name that
    // names no judge.
    let bytes = judge_sheet(&inputs, &judge, "Lembar A", |c| {
        if c.id == odd.id {
            "Nilai bagian satu".into()
        } else {
            c.id.clone()
        }
    });
    s.reduce(Action::Files(vec![RawFile::new(
        "lembar.xlsx".into(),
        bytes.clone(),
    )]));
    let st = s.import.as_ref().unwrap();
    assert!(st.result.is_none(), "not applicable before the choices");
    assert!(!st.errors.is_empty());
    let i = st
        .files
        .iter()
        .position(|f| f.sheet.as_deref() == Some("Lembar A"))
        .unwrap();
    s.reduce(Action::ImportJudge(i, judge.to_string()));
    s.reduce(Action::ImportColumn(
        "Nilai bagian satu".into(),
        kipp_session::import::ColumnChoice::Criterion(odd.id.clone()),
    ));
    let st = s.import.as_ref().unwrap();
    assert!(st.errors.is_empty(), "{:?}", st.errors);
    let read = st.files[i].read.as_ref().unwrap();
    assert_eq!(*read.judge, *judge);
    assert!(read.columns.iter().any(|c| c.header == "Nilai bagian satu"
        && c.role == kipp_formats::ColumnRole::Criterion(odd.id.clone())));
    assert!(read
        .columns
        .iter()
        .any(|c| c.header == "No" && c.role == kipp_formats::ColumnRole::Ignored));
    let n = inputs
        .scores
        .iter()
        .filter(|x| *x.stage == *stage.id && *x.judge == *judge)
        .count();
    assert_eq!(st.preview.changes.len(), 1);
    assert_eq!(st.preview.changes[0].added, n);
    s.reduce(Action::ApplyImport);
    assert_eq!(s.project.mappings.get("Nilai bagian satu"), Some(&odd.id));
    // The next sheet with that header is read the same way without asking.
    let other = inputs
        .scores
        .iter()
        .map(|x| &x.judge)
        .find(|j| **j != judge)
        .unwrap()
        .clone();
    let bytes = judge_sheet(&inputs, &other, &other, |c| {
        if c.id == odd.id {
            "Nilai bagian satu".into()
        } else {
            c.id.clone()
        }
    });
    s.reduce(Action::Files(vec![RawFile::new(
        "lembar-2.xlsx".into(),
        bytes,
    )]));
    let st = s.import.as_ref().unwrap();
    assert!(st.errors.is_empty(), "{:?}", st.errors);
    // The mapping survives the project's storage.
    let json = s.project.to_json();
    assert_eq!(
        Project::from_json(&json).unwrap().mappings,
        s.project.mappings
    );
}

#[test]
fn every_problem_of_every_file_comes_in_one_round_grouped() {
    let inputs = regional();
    let mut files = files_of(&inputs);
    files.retain(|f| f.name != "scores.csv");
    let mut s = imported(files);
    let stage = &inputs.competition.stages[0];
    let judge = inputs.scores[0].judge.clone();
    // A sheet with a text in a score cell (a parse problem), innovations
    // not in the data (a cross-file problem) three times, and a value
    // out of the scale (a range problem).
    let mut rows = vec![{
        let mut h = vec![serde_json::json!("ID Inovasi")];
        h.extend(stage.criteria.iter().map(|c| serde_json::json!(c.id)));
        h
    }];
    let real = &inputs.innovations[0].id;
    let hi = stage.criteria[0].max * 10.0 + 1.0;
    for (id, first) in [
        (real.as_str(), serde_json::json!("tujuh")),
        ("X-001", serde_json::json!(1)),
        ("X-002", serde_json::json!(1)),
        ("X-003", serde_json::json!(1)),
        (inputs.innovations[1].id.as_str(), serde_json::json!(hi)),
    ] {
        let mut r = vec![serde_json::json!(id), first];
        r.extend(
            stage
                .criteria
                .iter()
                .skip(1)
                .map(|c| serde_json::json!(c.min)),
        );
        rows.push(r);
    }
    let bytes = workbook(&[(&*judge, rows)]);
    s.reduce(Action::Files(vec![RawFile::new(
        "nilai.xlsx".into(),
        bytes,
    )]));
    let st = s.import.as_ref().unwrap();
    assert!(st.result.is_none());
    let text: Vec<String> = st
        .errors
        .iter()
        .map(|e| format!("{} {} {:?} ×{}", e.path, e.message, e.places, e.count))
        .collect();
    assert!(
        st.errors.iter().any(|e| e.path.ends_with("!B2")),
        "the text cell: {text:?}"
    );
    let unknown: Vec<_> = st
        .errors
        .iter()
        .filter(|e| e.message.contains("X-00"))
        .collect();
    assert_eq!(
        unknown.len(),
        1,
        "one line for the unknown innovations: {text:?}"
    );
    assert_eq!(unknown[0].count, 3, "{text:?}");
    assert_eq!(unknown[0].places.len(), 3, "{text:?}");
    assert!(unknown[0].path.contains('!'), "a cell: {text:?}");
    assert!(
        st.errors.iter().any(|e| e.path.ends_with("!B6")),
        "the value out of range: {text:?}"
    );
    // Nothing changed.
    assert!(s.project.inputs.scores.is_empty());
}

/// The bytes of export `kind` of the open project.
fn export_bytes(s: &mut Store, kind: kipp_session::export::ExportKind) -> Vec<u8> {
    s.reduce(Action::Export(kind))
        .into_iter()
        .find_map(|e| match e {
            Effect::Download(d) => Some(d.bytes),
            _ => None,
        })
        .unwrap_or_else(|| panic!("an export {kind:?}"))
}

#[test]
fn panel_decisions_carry_into_the_next_stage_and_every_file_lists_the_same_winners() {
    use kipp_session::export::ExportKind;
    let mut s = imported(officer_files());
    let comp = s.project.inputs.competition.clone();
    let (first, last) = (&comp.stages[0], &comp.stages[1]);
    let rows = s.computed.as_ref().unwrap().view.stages[0].rows.clone();
    let top = first.advance.as_ref().unwrap().top.unwrap() as usize;
    // The 21st: the best not advancing.
    let next = rows
        .iter()
        .filter(|r| !r.incomplete)
        .nth(top)
        .unwrap()
        .id
        .clone();
    assert!(!rows.iter().find(|r| r.id == next).unwrap().advanced);
    decide(&mut s, 0, &next, true);
    let view = &s.computed.as_ref().unwrap().view;
    let row = view.stages[0].rows.iter().find(|r| r.id == next).unwrap();
    assert!(row.advanced);
    assert_eq!(row.recommended, Some(false));
    assert_eq!(view.stages[1].rows.len(), top + 1);
    assert!(view.stages[1].rows.iter().any(|r| r.id == next));

    // The presentation's sheets arrive later, for every entrant.
    let entrants: Vec<String> = view.stages[1].rows.iter().map(|r| r.id.clone()).collect();
    let mut csv = String::from("stage,innovation,judge,criterion,score\n");
    for (n, id) in entrants.iter().enumerate() {
        for j in 1..=5 {
            for (c, cr) in last.criteria.iter().enumerate() {
                let v = 60.0 + ((n * 7 + j * 3 + c * 5) % 40) as f64;
                csv.push_str(&format!("{},{id},J{j},{},{v}\n", last.id, cr.id));
            }
        }
    }
    import(&mut s, vec![raw("nilai-presentasi.csv", csv)]);
    assert_eq!(
        s.project.decisions.len(),
        1,
        "the decision survives the import"
    );
    let view = &s.computed.as_ref().unwrap().view;
    let r = view.stages[1].rows.iter().find(|r| r.id == next).unwrap();
    assert!(
        !r.incomplete && r.rank.is_some() && r.sheets == 5,
        "ranked with its sheets: {r:?}"
    );

    // Drop a winner and add another.
    let winners = view.winners.clone();
    let out = winners[0].clone();
    let inn = view.stages[1]
        .rows
        .iter()
        .find(|r| !r.advanced && !r.incomplete)
        .unwrap()
        .id
        .clone();
    decide(&mut s, 1, &out, false);
    decide(&mut s, 1, &inn, true);
    let want: Vec<String> = s.computed.as_ref().unwrap().view.winners.clone();
    assert!(!want.contains(&out) && want.contains(&inn) && want.len() == winners.len());

    // Result JSON: winners, per-row advanced, recommended and the decision.
    let json: serde_json::Value =
        serde_json::from_slice(&export_bytes(&mut s, ExportKind::Json)).unwrap();
    let got: Vec<String> = serde_json::from_value(json["winners"].clone()).unwrap();
    assert_eq!(got, want);
    let rows = json["stages"][1]["rows"].as_array().unwrap();
    let row = rows.iter().find(|r| r["id"] == out.as_str()).unwrap();
    assert_eq!(row["advanced"], false);
    assert_eq!(row["recommended"], true);
    assert_eq!(row["decision"]["reason"], "keputusan pleno");
    let adv: Vec<&str> = rows
        .iter()
        .filter(|r| r["advanced"] == true)
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(adv, want.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(json["decisions"].as_array().unwrap().len() == 3);
    // CSV: the last stage's rows marked advanced.
    let csv = String::from_utf8(export_bytes(&mut s, ExportKind::Csv)).unwrap();
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let head = rd.headers().unwrap().clone();
    let col = |n: &str| {
        head.iter()
            .position(|h| h == n)
            .unwrap_or_else(|| panic!("{n} in {head:?}"))
    };
    let (cs, cid, cadv) = (col("tahap"), col("id"), col("lolos"));
    let in_csv: Vec<String> = rd
        .records()
        .map(|r| r.unwrap())
        .filter(|r| r[cs] == last.id && &r[cadv] == "ya")
        .map(|r| r[cid].to_string())
        .collect();
    assert_eq!(in_csv, want);
    // XLSX: the summary sheet's winners.
    let xlsx = export_bytes(&mut s, ExportKind::Xlsx);
    {
        use calamine::{Reader, Xlsx};
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
        let sum = book.worksheet_range("ringkasan").unwrap();
        let cell = sum.get_value((2, 1)).unwrap().to_string();
        assert_eq!(cell, want.join(", "));
    }
    // Nominees and the published ranking.
    let nom: serde_json::Value =
        serde_json::from_slice(&export_bytes(&mut s, ExportKind::Nominees)).unwrap();
    let ids: Vec<&str> = nom["innovations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, want.iter().map(String::as_str).collect::<Vec<_>>());
    let rk: serde_json::Value =
        serde_json::from_slice(&export_bytes(&mut s, ExportKind::Ranking)).unwrap();
    let got: Vec<String> = serde_json::from_value(rk["result"]["winners"].clone()).unwrap();
    assert_eq!(got, want);
    // The same files with their embed pages, as one ZIP for the kipp site:
    // only once the site's address is given.
    let refused = s.reduce(Action::Export(ExportKind::NomineesPage));
    assert!(!refused.iter().any(|e| matches!(e, Effect::Download(_))));
    s.reduce(Action::PublishField(
        "site",
        "https://kipp.banyumaskab.example/".into(),
    ));
    let files = unzip(&export_bytes(&mut s, ExportKind::RankingPage));
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    let (data_name, data) = &files[0];
    assert!(data_name.ends_with("-peringkat.json"));
    let data: serde_json::Value = serde_json::from_slice(data).unwrap();
    assert_eq!(data, rk, "the zipped ranking is the ranking export");
    let stem = data_name.trim_end_matches(".json");
    assert_eq!(
        names[1..],
        [
            format!("{stem}.html"),
            format!("{stem}.oembed.json"),
            "README.txt".into()
        ]
    );
    let oembed: serde_json::Value = serde_json::from_slice(&files[2].1).unwrap();
    assert!(oembed["html"].as_str().unwrap().contains(&format!(
        "https://kipp.banyumaskab.example/widget/frame.html?kind=ranking&amp;src=https%3A%2F%2Fkipp.banyumaskab.example%2F{data_name}"
    )));
    let readme = String::from_utf8(files[3].1.clone()).unwrap();
    assert!(readme.contains(&format!("https://kipp.banyumaskab.example/{stem}.html")));
    // The official report's attachment.
    let num = |x: f64, d: usize| format!("{x:.d$}");
    let c = s.computed.clone().unwrap();
    let report = kipp_session::report::build(&s.project, &c, None, Lang::Id, &num);
    let listed: Vec<String> = report.winners.iter().map(|w| w.0.clone()).collect();
    assert_eq!(listed, want);
    // Revoking every decision gives the engine's own ranking back.
    for (k, id) in [(1, &inn), (1, &out), (0, &next)] {
        let stage = comp.stages[k].id.clone();
        s.reduce(Action::Stage(k));
        s.reduce(Action::Revoke(stage, id.clone()));
    }
    assert!(s.project.decisions.is_empty());
    let view = &s.computed.as_ref().unwrap().view;
    assert_eq!(view.stages[1].rows.len(), top);
    assert!(view
        .stages
        .iter()
        .flat_map(|s| &s.rows)
        .all(|r| r.recommended.is_none()));
}

/// The officer's project with the 21st of the proposal stage advanced by
/// panel decision, and that innovation's id.
fn officer_with_the_21st_advanced() -> (Store, String) {
    let mut s = imported(officer_files());
    let rows = s.computed.as_ref().unwrap().view.stages[0].rows.clone();
    let next = rows
        .iter()
        .filter(|r| !r.incomplete)
        .nth(20)
        .unwrap()
        .id
        .clone();
    decide(&mut s, 0, &next, true);
    (s, next)
}

/// Verifies `json` through the store (a published result dropped alone).
fn verify_json(s: &mut Store, json: &serde_json::Value) -> kipp_session::verify::VerifyOutcome {
    let text = serde_json::to_string(json).unwrap();
    s.reduce(Action::Files(vec![raw("hasil.json", text)]));
    s.verify.clone().expect("a verification")
}

#[test]
fn verify_recomputes_every_published_number_with_the_file_s_decisions() {
    use kipp_session::export::ExportKind;
    let (mut s, _) = officer_with_the_21st_advanced();
    let json: serde_json::Value =
        serde_json::from_slice(&export_bytes(&mut s, ExportKind::Json)).unwrap();
    let v = verify_json(&mut s, &json);
    assert!(v.error.is_none() && v.differences.is_empty(), "{v:?}");
    // Counts are of innovations, not rows (the 21 of the second stage are
    // also in the first).
    assert_eq!(v.innovations, 107);
    assert_eq!(v.rows, 107 + 21);
    assert_eq!((v.stages, v.decisions, v.decisions_differ), (2, 1, false));

    // Each change is its own difference, named by its field.
    type Change = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Change)> = vec![
        (
            "score",
            Box::new(|j| {
                let x = j["stages"][0]["rows"][0]["score"].as_f64().unwrap();
                j["stages"][0]["rows"][0]["score"] = serde_json::json!(x + 0.01);
            }),
        ),
        (
            "raw",
            Box::new(|j| {
                let x = j["stages"][0]["rows"][0]["raw"].as_f64().unwrap();
                j["stages"][0]["rows"][0]["raw"] = serde_json::json!(x - 0.5);
            }),
        ),
        (
            "bonus",
            Box::new(|j| j["stages"][0]["rows"][0]["bonus"] = serde_json::json!(7)),
        ),
        (
            "criteria.",
            Box::new(|j| {
                let c = j["stages"][0]["rows"][0]["criteria"]
                    .as_object_mut()
                    .unwrap();
                let (_, v) = c.iter_mut().next().unwrap();
                *v = serde_json::json!(v.as_f64().unwrap() + 1.0);
            }),
        ),
        (
            "rank",
            Box::new(|j| j["stages"][0]["rows"][3]["rank"] = serde_json::json!(1)),
        ),
        (
            "advanced",
            Box::new(|j| j["stages"][0]["rows"][50]["advanced"] = serde_json::json!(true)),
        ),
        (
            "winners",
            Box::new(|j| {
                let w = j["winners"].as_array_mut().unwrap();
                w.push(serde_json::json!("INV-001"));
            }),
        ),
        (
            "digest",
            Box::new(|j| j["digest"] = serde_json::json!("0".repeat(64))),
        ),
    ];
    for (field, change) in cases {
        let mut t = json.clone();
        change(&mut t);
        let v = verify_json(&mut s, &t);
        assert!(v.error.is_none(), "{field}: {v:?}");
        assert_eq!(v.differences.len(), 1, "{field}: {:?}", v.differences);
        assert!(
            v.differences[0].field.starts_with(field),
            "{field}: {:?}",
            v.differences
        );
    }
    // A decision taken back in the file: recomputed without it, so the
    // digest, the 21st's advancing and the second stage differ.
    let mut t = json.clone();
    t["decisions"] = serde_json::json!([]);
    let v = verify_json(&mut s, &t);
    assert!(v.decisions_differ);
    let fields: Vec<&str> = v.differences.iter().map(|d| d.field.as_str()).collect();
    assert!(
        fields.contains(&"digest") && fields.contains(&"advanced") && fields.contains(&"row"),
        "{fields:?}"
    );
    // The published ranking file verifies the same way.
    let rk: serde_json::Value =
        serde_json::from_slice(&export_bytes(&mut s, ExportKind::Ranking)).unwrap();
    let v = verify_json(&mut s, &rk);
    assert!(v.error.is_none() && v.differences.is_empty(), "{v:?}");
}

#[test]
fn the_administrative_check_changes_who_enters_with_a_recorded_reason() {
    let inputs = regional();
    let mut files = files_of(&inputs);
    // The innovations file says why the ineligible ones are out.
    for f in &mut files {
        if f.name == "innovations.csv" {
            let mut rd = csv::Reader::from_reader(f.bytes.as_slice());
            let head = rd.headers().unwrap().clone();
            let col = head.iter().position(|h| h == "eligible").unwrap();
            let mut wr = csv::Writer::from_writer(Vec::new());
            let mut h: Vec<String> = head.iter().map(String::from).collect();
            h.push("alasan".into());
            wr.write_record(&h).unwrap();
            for r in rd.records() {
                let r = r.unwrap();
                let mut v: Vec<String> = r.iter().map(String::from).collect();
                let out_of = matches!(r[col].trim(), "false" | "tidak" | "0" | "no");
                v.push(if out_of {
                    "proposal tidak lengkap".into()
                } else {
                    String::new()
                });
                wr.write_record(&v).unwrap();
            }
            f.bytes = wr.into_inner().unwrap();
        }
    }
    let mut s = imported(files);
    let rows = kipp_session::admin::rows(&s.project);
    let out: Vec<_> = rows.iter().filter(|r| !r.eligible).collect();
    assert!(!out.is_empty());
    assert!(out
        .iter()
        .all(|r| r.reason == Some("proposal tidak lengkap")));
    let (e, n, changed) = kipp_session::admin::counts(&s.project);
    assert_eq!((e + n, changed), (inputs.innovations.len(), 0));

    let victim = s.computed.as_ref().unwrap().view.stages[0].rows[0]
        .id
        .clone();
    s.reduce(Action::AdminEdit(Some(victim.clone())));
    // No reason: refused, nothing changes.
    s.reduce(Action::AdminSave(false));
    assert!(s.admin.draft_error);
    assert!(s.project.inputs.eligibility.is_empty());
    s.reduce(Action::AdminDraftReason("surat pengantar tidak ada".into()));
    s.reduce(Action::AdminSave(false));
    assert!(!s.admin.draft_error && s.admin.editing.is_none());
    let view = &s.computed.as_ref().unwrap().view;
    assert!(
        view.stages[0].rows.iter().all(|r| r.id != victim),
        "no longer enters"
    );
    let row = kipp_session::admin::rows(&s.project)
        .into_iter()
        .find(|r| r.innovation.id == victim)
        .unwrap();
    assert!(row.file_eligible && !row.eligible);
    assert_eq!(row.reason, Some("surat pengantar tidak ada"));
    let audit = s.project.audit.last().unwrap();
    assert_eq!(
        (
            &*audit.innovation,
            audit.action,
            &*audit.stage,
            audit.recommended
        ),
        (
            victim.as_str(),
            kipp_session::project::AuditAction::Ineligible,
            "",
            true
        )
    );
    // Re-importing the innovations file keeps the officer's check.
    let mut again = files_of(&inputs);
    again.retain(|f| f.name == "innovations.csv");
    import(&mut s, again);
    assert!(s.computed.as_ref().unwrap().view.stages[0]
        .rows
        .iter()
        .all(|r| r.id != victim));
    // It survives storage and undo takes it back.
    let back = Project::from_json(&s.project.to_json()).unwrap();
    assert_eq!(back.inputs.eligibility, s.project.inputs.eligibility);
    s.reduce(Action::Undo);
    s.reduce(Action::Undo);
    assert!(s.project.inputs.eligibility.is_empty());
    assert!(s.computed.as_ref().unwrap().view.stages[0]
        .rows
        .iter()
        .any(|r| r.id == victim));
}

#[test]
fn the_official_report_has_the_ranking_the_decisions_the_rules_and_who_signs() {
    let (mut s, next) = officer_with_the_21st_advanced();
    s.reduce(Action::ReportMeta(std::rc::Rc::new(|m| {
        m.place = "Purwokerto".into();
        m.chair = "Dr. Siti Aminah".into();
    })));
    assert_eq!(s.project.report.place, "Purwokerto");
    // Typing the report's fields does not rank again (the run is kept).
    let kept = s.computed.clone().unwrap();
    s.reduce(Action::ReportMeta(std::rc::Rc::new(|m| {
        m.decree = "060/12/2020".into()
    })));
    assert!(std::rc::Rc::ptr_eq(&kept, s.computed.as_ref().unwrap()));
    let num = |x: f64, d: usize| format!("{x:.d$}");
    let c = s.computed.clone().unwrap();
    let r = kipp_session::report::build(&s.project, &c, None, Lang::Id, &num);
    assert_eq!(r.stages.len(), 2);
    let st = &r.stages[0];
    assert_eq!(st.rows.len(), 107);
    assert_eq!(st.advancing, 21);
    let row = st.rows.iter().find(|x| x.id == next).unwrap();
    assert!(row.advanced && row.decided);
    assert_eq!(st.decisions.len(), 1);
    assert_eq!(st.decisions[0].reason, "keputusan pleno");
    assert!(st.decisions[0]
        .decision
        .starts_with("lolos (rekomendasi: tidak lolos)"));
    assert!(
        st.rules.iter().any(|x| x.contains("20 teratas")),
        "{:?}",
        st.rules
    );
    assert!(
        st.rules.iter().any(|x| x.starts_with("Nilai tambahan: 5")),
        "{:?}",
        st.rules
    );
    assert_eq!(st.criteria.len(), 7);
    assert_eq!(r.signatories, ["J1", "J2", "J3", "J4", "J5"]);
    assert_eq!(r.meta.chair, "Dr. Siti Aminah");
    assert_eq!(r.digest, c.view.digest);
    // One stage only: no winners' attachment before the last stage.
    let one = kipp_session::report::build(&s.project, &c, Some(0), Lang::En, &num);
    assert_eq!(one.stages.len(), 1);
    assert!(one.winners.is_empty());
    assert!(one.stages[0].rules.iter().any(|x| x.contains("the top 20")));
}

#[test]
fn before_the_last_stage_is_scored_the_nominees_are_those_advancing_so_far() {
    use kipp_session::export::ExportKind;
    // The officer's workbook: the proposal stage scored, the presentation's
    // sheets not in yet. The nominees file is the Top 20, not empty.
    let mut s = imported(officer_files());
    let view = &s.computed.as_ref().unwrap().view;
    assert!(view.winners.is_empty(), "no winners yet");
    let advanced: Vec<String> = view.stages[0]
        .rows
        .iter()
        .filter(|r| r.advanced)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(advanced.len(), 20);
    let nom: serde_json::Value =
        serde_json::from_slice(&export_bytes(&mut s, ExportKind::Nominees)).unwrap();
    let list = nom["innovations"].as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, advanced.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(list
        .iter()
        .all(|i| i["achievements"][0]["result"] == "Top 20"));
}

#[test]
fn participation_on_hasil_in_the_report_and_as_summary_json() {
    use kipp_session::export::ExportKind;
    let mut s = imported(officer_files());
    s.reduce(Action::PublishField(
        "publisher",
        "Pemerintah Kabupaten Banyumas".into(),
    ));
    let c = s.computed.clone().unwrap();
    // The same counts as `kipp summary` on the same files (kipp-formats).
    let direct = kipp_formats::summary::summarize(
        &s.project.inputs.competition,
        c.prepared.innovations(),
        Some(&c.result),
        None,
    );
    assert_eq!(c.participation, direct);
    assert_eq!(c.participation.innovations, 107);
    assert_eq!(c.participation.agencies, Some(36));
    let line = c.participation_line(Lang::Id);
    assert!(
        line.starts_with("107 inovasi dari 36 perangkat daerah; terbanyak "),
        "{line}"
    );
    assert!(
        line.ends_with(" Evaluasi Proposal: 107 dinilai, 20 lolos."),
        "{line}"
    );
    assert!(c
        .participation_line(Lang::En)
        .starts_with("107 innovations from 36 agencies"));
    let num = |x: f64, d: usize| format!("{x:.d$}");
    let report = kipp_session::report::build(&s.project, &c, None, Lang::Id, &num);
    assert_eq!(report.participation, line);
    assert_eq!(report.by_agency.len(), 36);
    assert_eq!(report.by_agency.iter().map(|a| a.1).sum::<u64>(), 107);
    // summary.json: the year from the competition's name, the publisher
    // from the form; readable by the formats' reader.
    let bytes = export_bytes(&mut s, ExportKind::Summary);
    let file = kipp_formats::summary::read_summary("ringkasan.json", &bytes).unwrap();
    assert_eq!(file.publisher, "Pemerintah Kabupaten Banyumas");
    assert_eq!(file.editions.len(), 1);
    assert_eq!(file.editions[0].year, Some(2020));
    assert_eq!(file.editions[0].by_agency, direct.by_agency);
}

/// Runs the in-page (sliced) simulation of `s` to its end.
fn finish_on_the_page(s: &mut Store) {
    use kipp_session::sim::SimAction;
    for _ in 0..100_000 {
        if !s.sim.running {
            return;
        }
        s.reduce(Action::Sim(SimAction::Slice { budget_ms: 5.0 }));
    }
    panic!("the simulation did not end");
}

#[test]
fn a_simulation_goes_to_a_worker_whose_snapshot_gives_the_same_draws_as_the_page() {
    use kipp_session::sim::{SimAction, SimMessage};
    let (mut s, _) = officer_with_the_21st_advanced();
    // and one innovation found ineligible at the administrative check
    let out = s.project.inputs.innovations[3].id.clone();
    s.reduce(Action::AdminEdit(Some(out.clone())));
    s.reduce(Action::AdminDraftReason(
        "Belum berjalan satu tahun.".into(),
    ));
    s.reduce(Action::AdminSave(false));
    assert_eq!(
        s.project.inputs.eligibility.get(&out).map(|e| e.eligible),
        Some(false)
    );
    s.reduce(Action::Sim(SimAction::Field("draws", "300".into())));
    s.reduce(Action::Sim(SimAction::Field("seed", "7".into())));
    s.reduce(Action::Sim(SimAction::Resample(true)));
    let fx = s.reduce(Action::Sim(SimAction::Run));
    let (job, snapshot, options) = fx
        .iter()
        .find_map(|e| match e {
            Effect::StartSim {
                job,
                snapshot,
                options,
            } => Some((*job, snapshot.clone(), options.clone())),
            _ => None,
        })
        .expect("a worker job");
    assert!(s.sim.running && s.sim.in_worker);
    assert_eq!(
        (options.draws, options.seed, options.resample_judges),
        (300, 7, true)
    );

    // What the worker does: the snapshot, read back, prepares the same run
    // (digest and decisions included).
    let packed = kipp_score::PackedSnapshot {
        head: serde_json::from_str(&snapshot.head_json).unwrap(),
        index: snapshot.index.clone(),
        values: snapshot.values.clone(),
    };
    let p = packed.unpack().unwrap().prepare().unwrap();
    let c = s.computed.as_ref().unwrap();
    assert_eq!(p.digest(), c.prepared.digest());
    assert_eq!(p.decisions(), c.prepared.decisions());
    assert!(!p.decisions().is_empty());
    let in_worker = kipp_score::simulate(&p, &options, &mut |_, _| true).unwrap();

    // A worker that cannot run hands the same run to the page.
    s.reduce(Action::Sim(SimAction::Progress {
        job,
        done: 100,
        total: 300,
    }));
    assert_eq!(s.sim.progress, (100, 300));
    s.reduce(Action::Sim(SimAction::Finished {
        job,
        result: Err("no Worker".into()),
    }));
    assert!(s.sim.running && !s.sim.in_worker);
    assert_eq!(s.sim.worker_problem.as_deref(), Some("no Worker"));
    finish_on_the_page(&mut s);
    let on_page = s.sim.result.clone().unwrap();
    assert_eq!(*on_page, in_worker, "worker and page disagree");
    // bit for bit, through JSON as the worker sends it
    let sent: kipp_score::SimResult =
        serde_json::from_str(&serde_json::to_string(&in_worker).unwrap()).unwrap();
    assert_eq!(
        serde_json::to_string(&sent).unwrap(),
        serde_json::to_string(&*on_page).unwrap()
    );

    // A second run: its answer is taken, a late answer of the first is not.
    let fx = s.reduce(Action::Sim(SimAction::Run));
    let job2 = fx
        .iter()
        .find_map(|e| match e {
            Effect::StartSim { job, .. } => Some(*job),
            _ => None,
        })
        .unwrap();
    assert_ne!(job2, job);
    s.reduce(Action::Sim(SimAction::Finished {
        job,
        result: Ok(Box::default()),
    }));
    assert!(s.sim.running, "an old job's answer ended the new run");
    s.reduce(Action::Sim(SimAction::Finished {
        job: job2,
        result: Ok(Box::new(sent.clone())),
    }));
    assert!(!s.sim.running);
    assert_eq!(*s.sim.result.clone().unwrap(), in_worker);

    // Cancel stops the worker and says so.
    s.reduce(Action::Sim(SimAction::Run));
    let fx = s.reduce(Action::Sim(SimAction::Cancel));
    assert!(fx.contains(&Effect::CancelSim));
    assert!(!s.sim.running);
    assert_eq!(s.sim.message, Some(SimMessage::Cancelled));
}

#[test]
fn the_judge_report_goes_to_a_worker_and_equals_the_page_s() {
    use kipp_session::sim::SimAction;
    let (mut s, _) = officer_with_the_21st_advanced();
    let start = |s: &mut Store| {
        s.reduce(Action::Sim(SimAction::Judges))
            .iter()
            .find_map(|e| match e {
                Effect::StartJudges { job, snapshot } => Some((*job, snapshot.clone())),
                _ => None,
            })
            .expect("a worker job")
    };
    let (job, snapshot) = start(&mut s);
    assert!(s.sim.judges_running && s.sim.judges.is_none());
    // What the worker does: the report of the snapshot, as JSON.
    let packed = kipp_score::PackedSnapshot {
        head: serde_json::from_str(&snapshot.head_json).unwrap(),
        index: snapshot.index.clone(),
        values: snapshot.values.clone(),
    };
    let p = packed.unpack().unwrap().prepare().unwrap();
    let json = serde_json::to_string(&kipp_score::judges_report(&p)).unwrap();
    let sent: kipp_score::JudgesResult = serde_json::from_str(&json).unwrap();
    let on_page = kipp_score::judges_report(&s.computed.as_ref().unwrap().prepared);
    assert_eq!(sent, on_page, "the worker's report is the page's");
    assert!(on_page.stages.iter().any(|st| !st.leave_one_out.is_empty()));
    // A late answer of an older job is ignored; the current one is taken.
    let (job2, _) = start(&mut s);
    s.reduce(Action::Sim(SimAction::JudgesFinished {
        job,
        result: Ok(Box::default()),
    }));
    assert!(s.sim.judges_running && s.sim.judges.is_none());
    s.reduce(Action::Sim(SimAction::JudgesFinished {
        job: job2,
        result: Ok(Box::new(sent)),
    }));
    assert!(!s.sim.judges_running);
    assert_eq!(s.sim.judges.as_ref(), Some(&on_page));
    // A worker that cannot run: the same report is made on the page.
    s.sim.judges = None;
    let (job3, _) = start(&mut s);
    s.reduce(Action::Sim(SimAction::JudgesFinished {
        job: job3,
        result: Err("worker.js did not load".into()),
    }));
    assert_eq!(s.sim.judges.as_ref(), Some(&on_page));
    assert_eq!(
        s.sim.worker_problem.as_deref(),
        Some("worker.js did not load")
    );
}

#[test]
fn a_file_too_large_for_the_browser_is_said_beside_the_others_preview() {
    let mut s = Store::new(Lang::Id, Tab::Start, env());
    s.reduce(Action::NewProject);
    let big = kipp_session::files::APP_MAX_FILE_BYTES + 1;
    assert!(kipp_session::files::fits(big - 1) && !kipp_session::files::fits(big));
    s.reduce(Action::Reading);
    s.reduce(Action::TooLarge("skor-nasional.csv".into(), 200 << 20));
    s.reduce(Action::Files(files_of(&regional())));
    // The other files are previewed, and the refused one is listed with
    // its size, the limit and what to do instead.
    assert!(s.import.is_some());
    assert_eq!(s.import_errors.len(), 1, "{:?}", s.import_errors);
    let e = &s.import_errors[0];
    assert_eq!(e.file, "skor-nasional.csv");
    assert!(
        e.message.contains("200 MB") && e.message.contains("64 MB"),
        "{}",
        e.message
    );
    assert!(e.message.contains("kipp"), "{}", e.message);
    // The next drop starts clean.
    s.reduce(Action::Reading);
    s.reduce(Action::Files(files_of(&regional())));
    assert!(s.import_errors.is_empty());
    // In English.
    s.reduce(Action::ToggleLang);
    s.reduce(Action::Reading);
    s.reduce(Action::TooLarge("big.xlsx".into(), 70 << 20));
    assert!(s.import_errors[0]
        .message
        .starts_with("the file is too large"));
}

#[test]
fn undo_holds_replaced_lists_within_its_memory_budget_and_edits_cost_nothing() {
    use kipp_session::store::{undo_excess, UNDO_BUDGET_BYTES};
    let files = files_of(&regional());
    let mut s = imported(files.clone());
    let list_bytes = s.project.inputs.scores.len() * std::mem::size_of::<kipp_score::Score>();
    // At national scale a scores list is about 20 MB and the budget holds
    // about six; here the same proportion at the regional scale.
    const { assert!(UNDO_BUDGET_BYTES / (20 << 20) >= 5) };
    s.set_undo_budget(6 * list_bytes);
    let scores: Vec<RawFile> = files
        .iter()
        .filter(|f| f.name.starts_with("scores"))
        .cloned()
        .collect();
    // A scores file arrives again and again: each import replaces the list.
    for _ in 0..12 {
        import(&mut s, scores.clone());
    }
    let mut undone = 0;
    while s.can_undo() {
        s.reduce(Action::Undo);
        undone += 1;
    }
    assert!((5..=7).contains(&undone), "undo kept {undone} imports");
    // Edits share every list: undo reaches back 25 of them.
    let mut s = imported(files);
    s.set_undo_budget(6 * list_bytes);
    for i in 0..25 {
        s.reduce(Action::Edit(std::rc::Rc::new(
            move |c: &mut kipp_score::Competition| c.name = format!("nama {i}"),
        )));
    }
    let mut undone = 0;
    while s.can_undo() && undone < 30 {
        s.reduce(Action::Undo);
        undone += 1;
    }
    assert!(undone >= 25, "{undone}");
    // The rule itself: the newest version always stays.
    let p = s.project.clone();
    assert_eq!(undo_excess(std::slice::from_ref(&p), &p, 0), 0);
}

#[test]
fn a_trial_weight_of_zero_re_ranks_without_that_criterion_and_says_who_moved() {
    let mut s = imported(files_of(&regional()));
    let computed = s.computed.clone().expect("a run");
    let official = computed.view.clone();
    let n_c = official.stages[0].criteria.len();
    assert!(n_c >= 2);
    s.reduce(Action::Stage(0));
    s.reduce(Action::TrialWeight(0, 0, 0.0));
    // The engine's ranking with that weight at 0, not the official one.
    let mut w = computed.weights();
    w[0][0] = 0.0;
    let mut sc = kipp_score::Scratch::default();
    let mut engine = kipp_score::RunResult::default();
    computed
        .prepared
        .rank_with_into(&kipp_score::Weights { stages: w }, &mut sc, &mut engine)
        .unwrap();
    let trial = s.trial_view.clone().expect("a trial run at weight 0");
    let shown = s.shown_run().unwrap();
    assert!(std::ptr::eq(shown, &*trial));
    let ranks: Vec<_> = trial.stages[0]
        .rows
        .iter()
        .map(|r| (r.id.clone(), r.rank))
        .collect();
    let want: Vec<_> = engine.stages[0]
        .rows
        .iter()
        .map(|r| (r.id.clone(), r.rank))
        .collect();
    assert_eq!(ranks, want);
    assert_ne!(
        ranks,
        official.stages[0]
            .rows
            .iter()
            .map(|r| (r.id.clone(), r.rank))
            .collect::<Vec<_>>(),
        "dropping a criterion moves someone in the regional sample"
    );
    // Moves: official rank minus trial rank, row by row; who entered and
    // left the advancing set.
    let m = &s.trial_moves.clone().expect("moves")[0];
    let rank_of = |v: &kipp_session::run::RunView, id: &str| {
        v.stages[0]
            .rows
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.rank)
    };
    let adv = |v: &kipp_session::run::RunView, id: &str| {
        v.stages[0].rows.iter().any(|r| r.id == id && r.advanced)
    };
    assert_eq!(m.moves.len(), trial.stages[0].rows.len());
    let mut moved = 0;
    for (r, mv) in trial.stages[0].rows.iter().zip(&m.moves) {
        let want = match (rank_of(&official, &r.id), r.rank) {
            (Some(a), Some(b)) => Some(a as i64 - b as i64),
            _ => None,
        };
        assert_eq!(*mv, want, "{}", r.id);
        moved += usize::from(want.is_some_and(|x| x != 0));
        assert_eq!(
            m.entered.contains(&r.id),
            r.advanced && !adv(&official, &r.id)
        );
        assert_eq!(m.left.contains(&r.id), !r.advanced && adv(&official, &r.id));
    }
    assert_eq!(m.moved, moved);
    assert!(moved > 0);
    // A 0 is never written into the competition (weights are > 0 there).
    assert!(!s.trial_applicable());
    let before = s.project.inputs.competition.clone();
    s.reduce(Action::ApplyTrial);
    assert_eq!(s.project.inputs.competition, before);
    assert!(s.trial.is_some(), "the trial stays to be changed or reset");
    // Every weight 0: nothing to rank by; said, and the official run shown.
    for c in 1..n_c {
        s.reduce(Action::TrialWeight(0, c, 0.0));
    }
    assert_eq!(s.trial_all_zero(), Some(0));
    assert!(s.trial_view.is_none() && s.trial_moves.is_none());
    assert_eq!(s.shown_run().unwrap(), &*official);
    // Back to positive weights: appliable; reset shows the official run.
    for c in 0..n_c {
        s.reduce(Action::TrialWeight(0, c, 2.0));
    }
    assert!(s.trial_applicable() && s.trial_all_zero().is_none());
    s.reduce(Action::ResetTrial);
    assert!(s.trial.is_none() && s.trial_moves.is_none());
    assert_eq!(s.shown_run().unwrap(), &*official);
}

#[test]
fn scenarios_are_kept_compared_as_kipp_compare_and_promoted_with_a_reason() {
    use kipp_session::project::AuditAction;
    use kipp_session::scenario::ScenarioMsg;
    let mut s = imported(files_of(&regional()));
    let official = s.project.inputs.competition.clone();
    // A trial weight of 0 cannot become a scenario; a name is needed, once.
    s.reduce(Action::TrialWeight(0, 0, 0.0));
    s.reduce(Action::SaveScenario("nol".into()));
    assert_eq!(s.scenario_msg, Some(ScenarioMsg::ZeroWeight));
    s.reduce(Action::TrialWeight(0, 0, 60.0));
    s.reduce(Action::SaveScenario("  ".into()));
    assert_eq!(s.scenario_msg, Some(ScenarioMsg::EmptyName));
    s.reduce(Action::SaveScenario("Inovasi diutamakan".into()));
    assert_eq!(
        s.scenario_msg,
        Some(ScenarioMsg::Saved("Inovasi diutamakan".into()))
    );
    s.reduce(Action::SaveScenario("Inovasi diutamakan".into()));
    assert!(matches!(s.scenario_msg, Some(ScenarioMsg::Duplicate(_))));
    assert_eq!(s.project.scenarios.len(), 1);
    assert_eq!(
        s.project.inputs.competition, official,
        "saving changes nothing"
    );
    // A second: the competition as it is, then the median and z-score.
    s.reduce(Action::ResetTrial);
    s.reduce(Action::SaveScenario("Median z".into()));
    s.reduce(Action::ScenarioStage(
        1,
        0,
        kipp_score::Aggregate::Median,
        kipp_score::Normalize::ZScore,
    ));
    let sc = &s.project.scenarios[1].competition.stages[0];
    assert_eq!(
        (sc.aggregate, sc.normalize),
        (kipp_score::Aggregate::Median, kipp_score::Normalize::ZScore)
    );
    // Stored and read back.
    let w = Saver::default().write(&s.project);
    let back = storage::load(Some(&w.core), None, &w.parts).unwrap();
    assert_eq!(back.project.scenarios, s.project.scenarios);
    // The comparison is `kipp compare` of the two competition files.
    s.reduce(Action::CompareScenarios(None, Some(0)));
    let got = s.scenario_cmp.clone().unwrap().result.unwrap();
    let inputs = s.project.inputs.inputs();
    let prep = |c: &kipp_score::Competition| {
        let mut i = inputs.clone();
        i.competition = c.clone();
        kipp_score::prepare(&i).unwrap()
    };
    let want = kipp_score::compare(&prep(&official), &prep(&s.project.scenarios[0].competition));
    assert_eq!(got, want);
    assert!(
        got.stages[0].kendall_tau_b.unwrap() < 1.0,
        "other weights, another order"
    );
    // Promoting needs a reason; then the competition is the scenario, and
    // the audit list says so.
    s.reduce(Action::PromoteScenario(1, " ".into()));
    assert_eq!(s.scenario_msg, Some(ScenarioMsg::NeedsReason));
    assert_eq!(s.project.inputs.competition, official);
    s.reduce(Action::PromoteScenario(1, "rapat tim 2 Desember".into()));
    assert_eq!(
        s.project.inputs.competition,
        s.project.scenarios[1].competition
    );
    let last = s.project.audit.last().unwrap();
    assert_eq!(last.action, AuditAction::Promote);
    assert_eq!(last.innovation, "Median z");
    assert_eq!(last.reason, "rapat tim 2 Desember");
    assert!(s.computed.is_some(), "the promoted competition ranks");
    // And undo brings the competition back.
    s.reduce(Action::Undo);
    assert_eq!(s.project.inputs.competition, official);
}
