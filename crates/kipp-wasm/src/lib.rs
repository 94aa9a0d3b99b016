//! kipp-wasm: the JavaScript API of the kipp engine (wasm-bindgen, `--target web`).
//!
//! The one crate that shows the engine (`kipp-score`) and the file readers
//! (`kipp-formats`) to plain JavaScript; the engine itself knows nothing of
//! wasm-bindgen. Everything crosses the boundary as plain JS values:
//!
//! ```js
//! import init, { rank, Session, sample } from "./kipp_wasm.js";
//! await init();
//! const files = {
//!   competition: { name: "competition.json", text: "{…}" },
//!   innovations: { name: "innovations.xlsx", bytes: new Uint8Array(…) },
//!   scores: { name: "scores.csv", text: "…" },
//!   judges: { name: "judges.csv", text: "…" }, // optional
//! };
//! try {
//!   const result = rank(files, "id");          // the JSON of scoring.md §3.1
//!   const s = new Session(files, "id");        // parsed and validated once
//!   s.rerank([[30, 20, 50], [1, 1]]);          // fast re-rank, other weights
//!   const job = s.simulation({ draws: 10000, seed: 7, resample_judges: true });
//!   while (!job.finished) job.step(256);       // a Web Worker reads messages between steps
//!   job.result();                              // §5.1
//! } catch (e) {
//!   // Array.isArray(e): every problem, [{ file, line, column, cell, message }]
//! }
//! ```
//!
//! A file is `{ name, text }` or `{ name, bytes }` (`Uint8Array` or
//! `ArrayBuffer`; `.xlsx` workbooks must come as bytes), with an optional
//! `sheet`; a plain string is taken as the text. Every error is thrown as an
//! `Array` of located problems in the chosen language (`"id"`, the default,
//! or `"en"`); line and column are 1-based, 0 when not known.
//!
//! `cargo xtask dist` builds it to `pkg/kipp-wasm.<hash>.js` (+ `.wasm`, listed
//! in `pkg/manifest.json`); that script's boot (`boot.js`) loads the wasm next
//! to it and exports `ready`, to await before the first call. The benchmark
//! page `www/bench/` and its Web Worker `www/bench/worker.js` use it.

#![deny(missing_docs)]

use std::rc::Rc;
use std::sync::Arc;

use js_sys::{Array, ArrayBuffer, Function, Reflect, Uint32Array, Uint8Array};
use kipp_formats::{sample as gen, FileData, Problem, RunFiles};
use kipp_score::{
    Inputs, Lang, Prepared, RunResult, Scratch, SimOptions, Simulation, Tally, TallyData, Weights,
    WeightsError,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// ------------------------------------------------------------------ values

/// Serializes `v` as a plain JS value (objects, arrays, numbers, `null`).
fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).map_err(|e| {
        thrown(
            &[problem("", &format!("hasil: {e}"), &format!("result: {e}"))],
            Lang::En,
        )
    })
}

fn lang_of(lang: Option<String>) -> Lang {
    match lang {
        Some(l) if l.trim().to_ascii_lowercase().starts_with("en") => Lang::En,
        _ => Lang::Id,
    }
}

/// A problem as JavaScript sees it.
#[derive(Serialize)]
struct JsProblem<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    cell: Option<&'a str>,
    message: &'a str,
}

fn problem(file: &str, id: &str, en: &str) -> Problem {
    Problem::new(&Arc::from(file), 0, 0, id, en)
}

/// The value thrown for problems: an `Array` of `{file, line, column, cell, message}`.
fn thrown(problems: &[Problem], lang: Lang) -> JsValue {
    let out = Array::new();
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    for p in problems {
        let js = JsProblem {
            file: &p.file,
            line: p.line,
            column: p.column,
            cell: p.cell.as_deref(),
            message: p.message(lang),
        };
        out.push(
            &js.serialize(&ser)
                .unwrap_or_else(|_| JsValue::from_str(&p.render(lang))),
        );
    }
    out.into()
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// One input file, owned.
#[derive(Clone, Debug)]
struct OwnedFile {
    name: String,
    bytes: Vec<u8>,
    sheet: Option<String>,
}

impl OwnedFile {
    fn data(&self) -> FileData<'_> {
        FileData {
            name: &self.name,
            bytes: &self.bytes,
            sheet: self.sheet.as_deref(),
        }
    }
}

/// Reads `files[key]`; `Ok(None)` when absent.
fn read_file(files: &JsValue, key: &str, default_name: &str) -> Result<Option<OwnedFile>, Problem> {
    let v = get(files, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if let Some(text) = v.as_string() {
        return Ok(Some(OwnedFile {
            name: default_name.to_string(),
            bytes: text.into_bytes(),
            sheet: None,
        }));
    }
    let name = get(&v, "name")
        .as_string()
        .unwrap_or_else(|| default_name.to_string());
    let sheet = get(&v, "sheet").as_string();
    let bytes = get(&v, "bytes");
    let bytes = if let Some(a) = bytes.dyn_ref::<Uint8Array>() {
        a.to_vec()
    } else if let Some(b) = bytes.dyn_ref::<ArrayBuffer>() {
        Uint8Array::new(b).to_vec()
    } else if let Some(text) = get(&v, "text").as_string() {
        text.into_bytes()
    } else {
        return Err(problem(
            &name,
            &format!("berkas `{key}` tanpa `text` atau `bytes`"),
            &format!("file `{key}` has no `text` or `bytes`"),
        ));
    };
    Ok(Some(OwnedFile { name, bytes, sheet }))
}

/// The files of a run, as given by JavaScript.
#[derive(Clone, Debug)]
struct Files {
    competition: OwnedFile,
    innovations: OwnedFile,
    scores: OwnedFile,
    judges: Option<OwnedFile>,
}

impl Files {
    fn from_js(files: &JsValue) -> Result<Files, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut need = |key: &str, name: &str| match read_file(files, key, name) {
            Ok(Some(f)) => Some(f),
            Ok(None) => {
                problems.push(problem(
                    name,
                    &format!("berkas `{key}` tidak ada"),
                    &format!("the `{key}` file is missing"),
                ));
                None
            }
            Err(p) => {
                problems.push(p);
                None
            }
        };
        let competition = need("competition", "competition.json");
        let innovations = need("innovations", "innovations.csv");
        let scores = need("scores", "scores.csv");
        let judges = match read_file(files, "judges", "judges.csv") {
            Ok(j) => j,
            Err(p) => {
                problems.push(p);
                None
            }
        };
        match (competition, innovations, scores) {
            (Some(competition), Some(innovations), Some(scores)) if problems.is_empty() => {
                Ok(Files {
                    competition,
                    innovations,
                    scores,
                    judges,
                })
            }
            _ => Err(problems),
        }
    }

    fn run_files(&self) -> RunFiles<'_> {
        RunFiles {
            competition: self.competition.data(),
            innovations: self.innovations.data(),
            scores: self.scores.data(),
            judges: self.judges.as_ref().map(|j| j.data()),
        }
    }
}

fn weights_problem(e: &WeightsError) -> Problem {
    let id = match e {
        WeightsError::StageCount { expected, got } => {
            format!("bobot untuk {got} tahap, kompetisi punya {expected} tahap")
        }
        WeightsError::CriterionCount {
            stage,
            expected,
            got,
        } => format!("tahap {}: {got} bobot untuk {expected} kriteria", stage + 1),
        WeightsError::NotPositive { stage, criterion } => format!(
            "tahap {}, kriteria {}: bobot harus bilangan > 0",
            stage + 1,
            criterion + 1
        ),
        WeightsError::AllZero { stage } => {
            format!("tahap {}: semua bobot 0, minimal satu harus > 0", stage + 1)
        }
    };
    // The JS API re-ranks as a competition would (a digest comes with it):
    // every weight > 0.
    let en = match e {
        WeightsError::NotPositive { stage, criterion } => format!(
            "stage {}, criterion {}: weight must be a number > 0",
            stage + 1,
            criterion + 1
        ),
        _ => e.to_string(),
    };
    problem("weights", &id, &en)
}

/// Weights from JS: `[[…], […]]` (per stage, per criterion) or `{ stages: [[…]] }`.
fn weights_from(v: JsValue) -> Result<Weights, Problem> {
    let parsed = if Array::is_array(&v) {
        serde_wasm_bindgen::from_value::<Vec<Vec<f64>>>(v).map(|stages| Weights { stages })
    } else {
        serde_wasm_bindgen::from_value::<Weights>(v)
    };
    parsed.map_err(|e| {
        problem(
            "weights",
            &format!("bobot harus daftar angka per tahap ({e})"),
            &format!("weights must be a list of numbers per stage ({e})"),
        )
    })
}

/// The result as JS, warnings as sentences in `lang`.
fn result_js(r: &RunResult, lang: Lang) -> Result<JsValue, JsValue> {
    let js = to_js(r)?;
    if lang != Lang::Id {
        let stages = get(&js, "stages");
        for (k, st) in r.stages.iter().enumerate() {
            let s = Reflect::get_u32(&stages, k as u32).unwrap_or(JsValue::UNDEFINED);
            if s.is_object() {
                let w = to_js(&st.warning_messages(lang))?;
                let _ = Reflect::set(&s, &JsValue::from_str("warnings"), &w);
            }
        }
    }
    Ok(js)
}

// ------------------------------------------------------------------ functions

/// The engine's name and version (`"kipp 0.1.0"`).
#[wasm_bindgen]
pub fn version() -> String {
    kipp_score::ENGINE.to_string()
}

/// Reads the files, validates and ranks: the result JSON of scoring.md §3.1
/// as an object. Throws an `Array` of located problems.
#[wasm_bindgen]
pub fn rank(files: JsValue, lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = lang_of(lang);
    let s = Session::open(&files, lang)?;
    result_js(&s.prepared.rank(), lang)
}

/// Options of [`sample`].
#[derive(Deserialize, Default)]
#[serde(default)]
struct SampleOpts {
    preset: Option<String>,
    innovations: Option<usize>,
    judges: Option<usize>,
    criteria: Option<usize>,
    stages: Option<usize>,
    seed: Option<u64>,
}

#[derive(Serialize)]
struct NamedText<'a> {
    name: &'a str,
    text: &'a str,
}

/// A synthetic competition (`kipp sample`), labelled as such, as the four
/// files `{ competition, innovations, scores, judges }`, each `{ name, text }`,
/// ready for [`rank`] or `new Session(…)`. Options: `preset`
/// (`"national"`: 4,000 innovations, 8 criteria, 5 judges, 2 stages; `"regional"`:
/// the app's demo; otherwise a small default), and `innovations`, `judges`,
/// `criteria`, `stages`, `seed` to override.
#[wasm_bindgen]
pub fn sample(options: JsValue) -> Result<JsValue, JsValue> {
    let o: SampleOpts = if options.is_undefined() || options.is_null() {
        SampleOpts::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| {
            thrown(
                &[problem(
                    "options",
                    &format!("pilihan tidak valid: {e}"),
                    &format!("invalid options: {e}"),
                )],
                Lang::En,
            )
        })?
    };
    let mut opts = match o.preset.as_deref() {
        Some("national") => gen::SampleOptions::national(),
        Some("regional") => gen::SampleOptions::regional(),
        _ => gen::SampleOptions::default(),
    };
    if let Some(n) = o.innovations {
        opts.innovations = n.min(100_000);
    }
    if let Some(n) = o.judges {
        opts.judges = n.min(1_000);
    }
    if let Some(n) = o.criteria {
        opts.criteria = n.min(100);
    }
    if let Some(n) = o.stages {
        opts.stages = n.min(10);
    }
    if let Some(s) = o.seed {
        opts.seed = s;
    }
    let files = gen::files(&gen::generate(&opts));
    let out = js_sys::Object::new();
    for ((name, text), key) in files
        .iter()
        .zip(["competition", "innovations", "scores", "judges"])
    {
        let _ = Reflect::set(
            &out,
            &JsValue::from_str(key),
            &to_js(&NamedText { name, text })?,
        );
    }
    Ok(out.into())
}

// ------------------------------------------------------------------ Session

/// Inputs read and validated once, for fast re-ranking and the simulations.
#[wasm_bindgen]
pub struct Session {
    inputs: Inputs,
    prepared: Rc<Prepared>,
    lang: Lang,
    scratch: Scratch,
    out: RunResult,
}

impl Session {
    fn open(files: &JsValue, lang: Lang) -> Result<Session, JsValue> {
        let files = Files::from_js(files).map_err(|p| thrown(&p, lang))?;
        let loaded = kipp_formats::load(files.run_files()).map_err(|p| thrown(&p, lang))?;
        let prepared = kipp_score::prepare(&loaded.inputs).map_err(|d| {
            thrown(
                &kipp_formats::diagnostics_to_problems(&d, &loaded.source),
                lang,
            )
        })?;
        Ok(Session {
            inputs: loaded.inputs,
            prepared: Rc::new(prepared),
            lang,
            scratch: Scratch::default(),
            out: RunResult::default(),
        })
    }

    fn weights_checked(&self, weights: JsValue) -> Result<Weights, JsValue> {
        let w = weights_from(weights).map_err(|p| thrown(&[p], self.lang))?;
        // The same check as the engine's, worded in both languages.
        let comp = self.prepared.competition();
        let e = if w.stages.len() != comp.stages.len() {
            Some(WeightsError::StageCount {
                expected: comp.stages.len(),
                got: w.stages.len(),
            })
        } else {
            w.stages
                .iter()
                .zip(&comp.stages)
                .enumerate()
                .find_map(|(k, (ws, st))| {
                    if ws.len() != st.criteria.len() {
                        return Some(WeightsError::CriterionCount {
                            stage: k,
                            expected: st.criteria.len(),
                            got: ws.len(),
                        });
                    }
                    ws.iter()
                        .position(|x| !(x.is_finite() && *x > 0.0))
                        .map(|c| WeightsError::NotPositive {
                            stage: k,
                            criterion: c,
                        })
                })
        };
        match e {
            Some(e) => Err(thrown(&[weights_problem(&e)], self.lang)),
            None => Ok(w),
        }
    }

    fn other(
        &self,
        competition: Option<kipp_score::Competition>,
        source: Option<kipp_formats::CompetitionSource>,
    ) -> Result<Prepared, JsValue> {
        let inputs = Inputs {
            competition: competition.unwrap_or_else(|| self.inputs.competition.clone()),
            innovations: self.inputs.innovations.clone(),
            scores: self.inputs.scores.clone(),
            judges: self.inputs.judges.clone(),
        };
        kipp_score::prepare(&inputs).map_err(|d| {
            let probs: Vec<Problem> = match &source {
                Some(src) => kipp_formats::diagnostics_to_problems(&d, src),
                None => d
                    .iter()
                    .map(|x| Problem::from_diagnostic(x, &Arc::from("competition.json")))
                    .collect(),
            };
            thrown(&probs, self.lang)
        })
    }
}

/// Options of a simulation (§5); every field optional.
#[derive(Deserialize)]
#[serde(default)]
struct SimOpts {
    draws: u32,
    seed: u64,
    kappa: f64,
    #[serde(alias = "resampleJudges")]
    resample_judges: bool,
    /// First draw of a part of the run (default 0).
    start: Option<u32>,
    /// End (exclusive) of a part of the run (default `draws`).
    end: Option<u32>,
}

impl Default for SimOpts {
    fn default() -> Self {
        let d = SimOptions::default();
        SimOpts {
            draws: d.draws,
            seed: d.seed,
            kappa: d.kappa,
            resample_judges: d.resample_judges,
            start: None,
            end: None,
        }
    }
}

fn sim_options(v: JsValue, lang: Lang) -> Result<SimOptions, JsValue> {
    sim_options_range(v, lang).map(|(o, _)| o)
}

/// The options and the draws `start..end` they ask for (all by default);
/// throws unless `start ≤ end ≤ draws`.
fn sim_options_range(v: JsValue, lang: Lang) -> Result<(SimOptions, (u32, u32)), JsValue> {
    let o: SimOpts = if v.is_undefined() || v.is_null() {
        SimOpts::default()
    } else {
        serde_wasm_bindgen::from_value(v).map_err(|e| {
            thrown(
                &[problem(
                    "options",
                    &format!("pilihan simulasi tidak valid: {e}"),
                    &format!("invalid simulation options: {e}"),
                )],
                lang,
            )
        })?
    };
    let (start, end) = (o.start.unwrap_or(0), o.end.unwrap_or(o.draws));
    if start > end || end > o.draws {
        return Err(thrown(
            &[problem(
                "options",
                &format!(
                    "undian {start}..{end} tidak valid: perlu 0 ≤ start ≤ end ≤ draws ({})",
                    o.draws
                ),
                &format!(
                    "draws {start}..{end} are not valid: 0 ≤ start ≤ end ≤ draws ({}) is needed",
                    o.draws
                ),
            )],
            lang,
        ));
    }
    Ok((
        SimOptions {
            draws: o.draws,
            seed: o.seed,
            kappa: o.kappa,
            resample_judges: o.resample_judges,
        },
        (start, end),
    ))
}

// ------------------------------------------------------------------ tallies

/// The numeric arrays of a tally, shipped as `Uint32Array`s.
const TALLY_ARRAYS: [&str; 7] = ["ranges", "entered", "cells", "adv", "lo", "len", "counts"];

/// The scalar fields of a tally (a plain object).
#[derive(Serialize, Deserialize)]
struct TallyHead {
    digest: String,
    seed: [u32; 2],
    kappa: f64,
    resample_judges: bool,
    total: u32,
    stages: u32,
    innovations: u32,
}

/// A tally as a JS object: the scalars as numbers and a string, every
/// array a `Uint32Array` (postMessage copies them as blocks).
fn tally_to_js(t: &Tally) -> Result<JsValue, JsValue> {
    let d: TallyData = t.to_data();
    let head = TallyHead {
        digest: d.digest,
        seed: d.seed,
        kappa: d.kappa,
        resample_judges: d.resample_judges,
        total: d.total,
        stages: d.stages,
        innovations: d.innovations,
    };
    let obj = to_js(&head)?;
    let arrays: [&[u32]; 7] = [
        &d.ranges, &d.entered, &d.cells, &d.adv, &d.lo, &d.len, &d.counts,
    ];
    for (k, a) in TALLY_ARRAYS.iter().zip(arrays) {
        let _ = Reflect::set(&obj, &JsValue::from_str(k), &Uint32Array::from(a));
    }
    Ok(obj)
}

/// Reads a tally made by [`SimulationJob::tally`] (its arrays may also be
/// plain arrays of numbers); every inconsistency is an error text.
fn tally_from_js(v: &JsValue) -> Result<Tally, String> {
    if !v.is_object() {
        return Err("not an object".into());
    }
    let head: TallyHead = serde_wasm_bindgen::from_value(v.clone()).map_err(|e| e.to_string())?;
    let mut arrays: Vec<Vec<u32>> = Vec::with_capacity(TALLY_ARRAYS.len());
    for k in TALLY_ARRAYS {
        let a = get(v, k);
        let a = match a.dyn_ref::<Uint32Array>() {
            Some(u) => u.to_vec(),
            None => {
                serde_wasm_bindgen::from_value::<Vec<u32>>(a).map_err(|e| format!("{k}: {e}"))?
            }
        };
        arrays.push(a);
    }
    let mut it = arrays.into_iter();
    let mut next = || it.next().unwrap_or_default();
    let d = TallyData {
        digest: head.digest,
        seed: head.seed,
        kappa: head.kappa,
        resample_judges: head.resample_judges,
        total: head.total,
        stages: head.stages,
        innovations: head.innovations,
        ranges: next(),
        entered: next(),
        cells: next(),
        adv: next(),
        lo: next(),
        len: next(),
        counts: next(),
    };
    Tally::try_from(d).map_err(|e| e.to_string())
}

fn tally_problem(k: usize, e: &str) -> Problem {
    problem(
        "tallies",
        &format!("penghitungan {k} tidak dapat digabung: {e}"),
        &format!("tally {k} cannot be merged: {e}"),
    )
}

#[wasm_bindgen]
impl Session {
    /// Reads and validates the files (see [`rank`]); throws an `Array` of
    /// located problems. `lang`: `"id"` (default) or `"en"`, for messages.
    #[wasm_bindgen(constructor)]
    pub fn new(files: JsValue, lang: Option<String>) -> Result<Session, JsValue> {
        Session::open(&files, lang_of(lang))
    }

    /// A session from a [`kipp_score::PackedSnapshot`]: `head` is its
    /// [`kipp_score::SnapshotHead`] as JSON, `index` and `values` its
    /// scores (typed arrays). How the organiser app hands its project, already
    /// read and checked, to the Web Workers that run its simulations.
    #[wasm_bindgen(js_name = fromPacked)]
    pub fn from_packed(
        head: &str,
        index: Vec<u32>,
        values: Vec<f64>,
        lang: Option<String>,
    ) -> Result<Session, JsValue> {
        let lang = lang_of(lang);
        let bad = |e: String| {
            thrown(
                &[problem(
                    "snapshot",
                    &format!("cuplikan proyek tidak valid: {e}"),
                    &format!("invalid project snapshot: {e}"),
                )],
                lang,
            )
        };
        let head: kipp_score::SnapshotHead =
            serde_json::from_str(head).map_err(|e| bad(e.to_string()))?;
        let snap = kipp_score::PackedSnapshot {
            head,
            index,
            values,
        }
        .unpack()
        .map_err(bad)?;
        let prepared = snap.prepare().map_err(|d| {
            let probs: Vec<Problem> = d
                .iter()
                .map(|x| Problem::from_diagnostic(x, &Arc::from("snapshot")))
                .collect();
            thrown(&probs, lang)
        })?;
        Ok(Session {
            inputs: snap.inputs,
            prepared: Rc::new(prepared),
            lang,
            scratch: Scratch::default(),
            out: RunResult::default(),
        })
    }

    /// The digest of the inputs (docs/digest.md).
    #[wasm_bindgen(getter)]
    pub fn digest(&self) -> String {
        self.prepared.digest().to_string()
    }

    /// The configured weights: one array per stage, one number per criterion.
    pub fn weights(&self) -> Result<JsValue, JsValue> {
        to_js(&self.prepared.weights().stages)
    }

    /// All innovation ids, sorted: the indices of [`Session::rerank_order`] point here.
    #[wasm_bindgen(js_name = innovationIds)]
    pub fn innovation_ids(&self) -> Array {
        self.prepared
            .innovations()
            .iter()
            .map(|i| JsValue::from_str(&i.id))
            .collect()
    }

    /// The result (§3.1) with the configured weights.
    pub fn result(&self) -> Result<JsValue, JsValue> {
        result_js(&self.prepared.rank(), self.lang)
    }

    /// The whole result with other weights (`[[…], …]` or `{ stages }`), its
    /// digest that of the competition with those weights written in. Buffers
    /// are reused from call to call.
    pub fn rerank(&mut self, weights: JsValue) -> Result<JsValue, JsValue> {
        let w = self.weights_checked(weights)?;
        self.prepared
            .rank_with_into(&w, &mut self.scratch, &mut self.out)
            .map_err(|e| thrown(&[weights_problem(&e)], self.lang))?;
        self.out.digest = self.prepared.digest_with(&w).unwrap_or_default();
        result_js(&self.out, self.lang)
    }

    /// The fastest re-rank, for sliders: per stage a `Uint32Array` of
    /// `[index, rank, advanced (0/1)]` triples in row order, `index` into
    /// [`Session::innovation_ids`]. No strings are built.
    #[wasm_bindgen(js_name = rerankOrder)]
    pub fn rerank_order(&mut self, weights: JsValue) -> Result<Array, JsValue> {
        let w = self.weights_checked(weights)?;
        self.prepared
            .rank_with(&w, &mut self.scratch)
            .map_err(|e| thrown(&[weights_problem(&e)], self.lang))?;
        let out = Array::new();
        let mut buf: Vec<u32> = Vec::new();
        let mut k = 0;
        while let Some(st) = self.scratch.stage(k) {
            buf.clear();
            for (i, r, adv, _, _) in st.rows() {
                buf.extend_from_slice(&[i, r, adv as u32]);
            }
            out.push(&Uint32Array::from(buf.as_slice()));
            k += 1;
        }
        Ok(out)
    }

    /// A Monte Carlo run (§5) to advance step by step (see [`SimulationJob`]).
    /// Options: `draws` (1000), `seed` (0), `kappa` (50), `resample_judges`
    /// (false), and `start` (0) and `end` (`draws`): only the draws
    /// `start..end` of the run, for one of several Web Workers (each draw's
    /// random numbers depend only on the seed and its number). Throws unless
    /// `0 ≤ start ≤ end ≤ draws`.
    pub fn simulation(&self, options: JsValue) -> Result<SimulationJob, JsValue> {
        let (opts, (start, end)) = sim_options_range(options, self.lang)?;
        Ok(SimulationJob {
            sim: Simulation::new_range(self.prepared.clone(), &opts, start, end),
            cancelled: false,
        })
    }

    /// The result (§5.1) of the run `options` (as for
    /// [`Session::simulation`], without `start`/`end`) from the tallies of its
    /// parts ([`SimulationJob::tally`], in any order): exactly
    /// [`SimulationJob::result`] of one job over all their draws (`draws` in
    /// it is the number of draws the tallies count). Throws, naming the
    /// tally, when one is of other inputs or options, or shares draws with
    /// another.
    #[wasm_bindgen(js_name = simulationResult)]
    pub fn simulation_result(&self, options: JsValue, tallies: Array) -> Result<JsValue, JsValue> {
        let opts = sim_options(options, self.lang)?;
        let mut all = Tally::empty(&self.prepared, &opts);
        for (k, v) in tallies.iter().enumerate() {
            let t = tally_from_js(&v).map_err(|e| thrown(&[tally_problem(k, &e)], self.lang))?;
            all.merge(&t)
                .map_err(|e| thrown(&[tally_problem(k, &e.to_string())], self.lang))?;
        }
        let r = all
            .result(&self.prepared)
            .map_err(|e| thrown(&[tally_problem(0, &e.to_string())], self.lang))?;
        to_js(&r)
    }

    /// The whole Monte Carlo run (§5.1) at once. `onProgress(done, total)` is
    /// called every 16 draws and at the end; when it returns `false` the run
    /// stops and `null` is returned.
    pub fn simulate(
        &self,
        options: JsValue,
        on_progress: Option<Function>,
    ) -> Result<JsValue, JsValue> {
        let opts = sim_options(options, self.lang)?;
        let mut progress = |done: u32, total: u32| match &on_progress {
            Some(f) => f
                .call2(&JsValue::NULL, &done.into(), &total.into())
                .map(|v| v != JsValue::FALSE)
                .unwrap_or(false),
            None => true,
        };
        match kipp_score::simulate(&self.prepared, &opts, &mut progress) {
            Ok(r) => to_js(&r),
            Err(_) => Ok(JsValue::NULL),
        }
    }

    /// Scenario comparison (§5): this session as A; B the same data with
    /// another competition file (`{ name, text }`, a string, or `{ weights }`:
    /// this competition with other weights).
    pub fn compare(&self, competition: JsValue) -> Result<JsValue, JsValue> {
        let w = get(&competition, "weights");
        let b = if !w.is_undefined() {
            let w = self.weights_checked(w)?;
            let mut c = self.inputs.competition.clone();
            for (st, ws) in c.stages.iter_mut().zip(&w.stages) {
                for (cr, x) in st.criteria.iter_mut().zip(ws) {
                    cr.weight = *x;
                }
            }
            self.other(Some(c), None)?
        } else {
            let holder = js_sys::Object::new();
            let _ = Reflect::set(&holder, &JsValue::from_str("competition"), &competition);
            let f = match read_file(&holder, "competition", "competition.json") {
                Ok(Some(f)) => f,
                Ok(None) => {
                    return Err(thrown(
                        &[problem(
                            "competition.json",
                            "berkas kompetisi B tidak ada",
                            "the competition file of B is missing",
                        )],
                        self.lang,
                    ))
                }
                Err(p) => return Err(thrown(&[p], self.lang)),
            };
            let (c, src) = kipp_formats::parse_competition_with_source(&f.name, &f.bytes)
                .map_err(|p| thrown(&p, self.lang))?;
            self.other(Some(c), Some(src))?
        };
        to_js(&kipp_score::compare(&self.prepared, &b))
    }

    /// Judge report (§5.1): sheets and leniency per judge, Krippendorff's α per
    /// criterion, leave one judge out.
    pub fn judges(&self) -> Result<JsValue, JsValue> {
        to_js(&kipp_score::judges_report(&self.prepared))
    }
}

// ------------------------------------------------------------------ SimulationJob

/// A Monte Carlo run that advances in steps, made for a Web Worker: run a
/// step, post the progress, read the messages (a cancel), go on. The same
/// options give the same result, bit for bit, natively and here, whatever
/// the step sizes.
///
/// ```js
/// const job = session.simulation({ draws: 10000, seed: 1 });
/// while (!job.finished && !job.cancelled) {
///   job.step(200);
///   postMessage({ done: job.done, total: job.total });
///   await new Promise((r) => setTimeout(r)); // let a cancel message in
/// }
/// ```
///
/// Several workers (up to `navigator.hardwareConcurrency`) share one run:
/// each makes a part of the draws and sends its tally; the page merges them
/// into the result of one job, bit for bit the same for any number of
/// workers:
///
/// ```js
/// // worker w of k, draws 0..N cut into contiguous parts:
/// const job = session.simulation({ draws: N, seed: 1, start: Math.floor(N * w / k), end: Math.floor(N * (w + 1) / k) });
/// while (!job.finished) job.step(200);
/// postMessage({ tally: job.tally() });
/// // the page, with every worker's tally:
/// const result = session.simulationResult({ draws: N, seed: 1 }, tallies);
/// ```
///
/// `done` and `total` count this job's draws (`end − start`).
#[wasm_bindgen]
pub struct SimulationJob {
    sim: Simulation<Rc<Prepared>>,
    cancelled: bool,
}

#[wasm_bindgen]
impl SimulationJob {
    /// Runs up to `draws` more draws; returns the number done so far.
    /// Does nothing once cancelled or finished.
    pub fn step(&mut self, draws: u32) -> u32 {
        if self.cancelled {
            return self.sim.done();
        }
        self.sim.step(draws)
    }

    /// Draws done so far.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> u32 {
        self.sim.done()
    }

    /// Draws asked for.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> u32 {
        self.sim.total()
    }

    /// True when every draw is done.
    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        self.sim.is_finished()
    }

    /// Stops the run: later steps do nothing.
    pub fn cancel(&mut self) {
        self.cancelled = true;
    }

    /// True after [`SimulationJob::cancel`].
    #[wasm_bindgen(getter)]
    pub fn cancelled(&self) -> bool {
        self.cancelled
    }

    /// The result (§5.1) over the draws done so far (`draws` in each stage
    /// says how many): the full result once `finished`.
    pub fn result(&self) -> Result<JsValue, JsValue> {
        to_js(&self.sim.result())
    }

    /// First draw of this job's part of the run (0 unless `start` was given).
    #[wasm_bindgen(getter)]
    pub fn start(&self) -> u32 {
        self.sim.range().0
    }

    /// End (exclusive) of this job's part of the run.
    #[wasm_bindgen(getter)]
    pub fn end(&self) -> u32 {
        self.sim.range().1
    }

    /// The counts of the draws done so far, to send to the page (postMessage)
    /// and merge there with [`Session::simulation_result`]: `{ digest, seed:
    /// [lo, hi], kappa, resample_judges, total, stages, innovations }` and the
    /// `Uint32Array`s `ranges` (`[start, end, …]`), `entered` (cells, a cell
    /// being stage × innovations + innovation index), `cells`, `adv`, `lo`,
    /// `len` (per ranked cell: draws advanced, lowest rank, window length)
    /// and `counts` (the windows of rank counts, one after another).
    pub fn tally(&self) -> Result<JsValue, JsValue> {
        tally_to_js(&self.sim.tally())
    }
}
