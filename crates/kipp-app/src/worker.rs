//! Monte Carlo off the main thread: module Web Workers (`worker.js` at the
//! site's root, shared with the benchmark page), one per core, each loading
//! the speed-built `kipp-wasm` engine named by `<meta name="kipp-wasm">`,
//! reading the project snapshot and running its part of the draws in
//! slices, posting progress; the first merges the parts' tallies (every
//! draw's random stream depends only on the seed and the draw number, so
//! the result does not depend on the number of workers). The
//! answers come back as store actions; anything that keeps the worker from
//! running becomes `Finished { result: Err(..) }`, and the store then runs
//! the same draws on the page. The judge report goes to a worker of its
//! own the same way ([`judges`]).

use kipp_score::{SimOptions, SimResult};
use kipp_session::sim::SimAction;
use kipp_session::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

/// The running workers of one job; dropping it stops them.
pub struct SimWorker {
    workers: Vec<web_sys::Worker>,
    _on_message: Vec<Closure<dyn FnMut(web_sys::MessageEvent)>>,
    _on_error: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Drop for SimWorker {
    fn drop(&mut self) {
        for w in &self.workers {
            w.terminate();
        }
    }
}

/// How many workers a run of `draws` draws gets: one per core the browser
/// reports (`navigator.hardwareConcurrency`, at most 8), at least 500 draws
/// each; `?workers=N` in the page's address overrides it (1-16; for
/// checking that the count changes nothing).
pub fn count(draws: u32) -> usize {
    let w = web_sys::window();
    let forced = w
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| {
            q.trim_start_matches('?')
                .split('&')
                .find_map(|kv| kv.strip_prefix("workers=").map(str::to_string))
        })
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| (1..=16).contains(n));
    if let Some(n) = forced {
        return n.min(draws.max(1) as usize);
    }
    let cores = w
        .map(|w| w.navigator().hardware_concurrency())
        .filter(|c| c.is_finite() && *c >= 1.0)
        .unwrap_or(1.0) as usize;
    cores.clamp(1, 8).min((draws as usize / 500).max(1))
}

/// Contiguous parts of `0..draws` for `n` workers (the first ones a draw
/// longer when it does not divide evenly).
fn parts(draws: u32, n: usize) -> Vec<(u32, u32)> {
    let n = n.max(1) as u32;
    let (base, extra) = (draws / n, draws % n);
    let mut at = 0;
    (0..n)
        .map(|i| {
            let len = base + u32::from(i < extra);
            let r = (at, at + len);
            at += len;
            r
        })
        .collect()
}

/// What the workers of a job have sent so far.
struct Shared {
    done: Vec<u32>,
    tallies: Vec<Option<JsValue>>,
    over: bool,
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(o: &js_sys::Object, key: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(o, &JsValue::from_str(key), v);
}

/// The first problem's message of a worker's `error` answer.
fn problem_text(errors: &JsValue) -> String {
    let first = js_sys::Array::from(errors).get(0);
    get(&first, "message")
        .as_string()
        .unwrap_or_else(|| "worker error".to_string())
}

/// The engine bundle's absolute URL, from `<meta name="kipp-wasm">`.
fn engine_url() -> Result<String, String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let meta = doc
        .query_selector("meta[name=kipp-wasm]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.is_empty())
        .ok_or("no <meta name=kipp-wasm> on the page")?;
    let base = doc.base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(&meta, &base)
        .map(|u| u.href())
        .map_err(|_| format!("bad engine address {meta}"))
}

/// Starts job `job` on `n` workers: `snapshot` (the run's inputs) with
/// `options`; each worker runs its part of the draws and sends its
/// tally, the first one merges them (the draws, and so the result, do not
/// depend on `n`). Progress (summed) and the end go to `to`.
pub fn start(
    job: u64,
    snapshot: std::rc::Rc<kipp_session::run::WorkerSnapshot>,
    options: &SimOptions,
    lang: Lang,
    n: usize,
    to: Callback<SimAction>,
) -> Result<SimWorker, String> {
    use std::cell::RefCell;
    use std::rc::Rc;
    let engine = engine_url()?;
    let doc_base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let script = web_sys::Url::new_with_base("worker.js", &doc_base)
        .map(|u| u.href())
        .map_err(|_| "bad worker address".to_string())?;
    let ranges = parts(options.draws, n);
    let many = ranges.len() > 1;
    let total = options.draws;
    let opts_of = |range: Option<(u32, u32)>| {
        let o = js_sys::Object::new();
        set(&o, "draws", &JsValue::from(options.draws));
        // u64 seeds beyond 2^53 would not survive a JS number
        set(&o, "seed", &js_sys::BigInt::from(options.seed).into());
        set(&o, "kappa", &JsValue::from_f64(options.kappa));
        set(
            &o,
            "resample_judges",
            &JsValue::from_bool(options.resample_judges),
        );
        if let Some((a, b)) = range {
            set(&o, "start", &JsValue::from(a));
            set(&o, "end", &JsValue::from(b));
        }
        o
    };
    let merge_opts: JsValue = opts_of(None).into();
    let shared = Rc::new(RefCell::new(Shared {
        done: vec![0; ranges.len()],
        tallies: vec![None; ranges.len()],
        over: false,
    }));
    let mut out = SimWorker {
        workers: Vec::new(),
        _on_message: Vec::new(),
        _on_error: Vec::new(),
    };
    let wopts = web_sys::WorkerOptions::new();
    wopts.set_type(web_sys::WorkerType::Module);
    for _ in &ranges {
        let w = web_sys::Worker::new_with_options(&script, &wopts)
            .map_err(|e| format!("Worker: {}", js_text(&e)))?;
        out.workers.push(w);
    }
    let first = out.workers[0].clone();
    // One copy of the scores as typed arrays; each worker gets a structured
    // clone of them (a memory copy, no parsing).
    let head = JsValue::from_str(&snapshot.head_json);
    let index: JsValue = js_sys::Uint32Array::from(&snapshot.index[..]).into();
    let values: JsValue = js_sys::Float64Array::from(&snapshot.values[..]).into();
    for (i, (w, range)) in out.workers.iter().zip(&ranges).enumerate() {
        let message = js_sys::Object::new();
        set(&message, "type", &"simulate".into());
        set(&message, "id", &JsValue::from_f64(job as f64));
        set(&message, "head", &head);
        set(&message, "index", &index);
        set(&message, "values", &values);
        set(&message, "lang", &lang.tag().into());
        set(&message, "options", &opts_of(many.then_some(*range)));
        set(&message, "tally", &JsValue::from_bool(many));
        let (w2, to2, sh, first, merge_opts) = (
            w.clone(),
            to.clone(),
            shared.clone(),
            first.clone(),
            merge_opts.clone(),
        );
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let d = e.data();
                let kind = get(&d, "type").as_string().unwrap_or_default();
                let end = |sh: &RefCell<Shared>, result: Result<Box<SimResult>, String>| {
                    let mut s = sh.borrow_mut();
                    if !s.over {
                        s.over = true;
                        drop(s);
                        to2.emit(SimAction::Finished { job, result });
                    }
                };
                match kind.as_str() {
                    "ready" => {
                        if let Err(e) = w2.post_message(&message) {
                            end(&sh, Err(js_text(&e)));
                        }
                    }
                    "progress" => {
                        let done = get(&d, "done").as_f64().unwrap_or(0.0) as u32;
                        let sum = {
                            let mut s = sh.borrow_mut();
                            s.done[i] = done;
                            s.done.iter().sum::<u32>()
                        };
                        to2.emit(SimAction::Progress {
                            job,
                            done: sum,
                            total,
                        });
                    }
                    "tally" => {
                        let all = {
                            let mut s = sh.borrow_mut();
                            s.tallies[i] = Some(get(&d, "tally"));
                            s.tallies.iter().all(Option::is_some).then(|| {
                                s.tallies
                                    .iter()
                                    .flatten()
                                    .cloned()
                                    .collect::<js_sys::Array>()
                            })
                        };
                        if let Some(tallies) = all {
                            let m = js_sys::Object::new();
                            set(&m, "type", &"merge".into());
                            set(&m, "id", &JsValue::from_f64(job as f64));
                            set(&m, "options", &merge_opts);
                            set(&m, "tallies", &tallies);
                            if let Err(e) = first.post_message(&m) {
                                end(&sh, Err(js_text(&e)));
                            }
                        }
                    }
                    "result" => {
                        // the worker's own JSON text if it sent one (no
                        // stringify of thousands of rows on this thread)
                        let parsed = get(&d, "result_json")
                            .as_string()
                            .or_else(|| {
                                js_sys::JSON::stringify(&get(&d, "result"))
                                    .ok()
                                    .and_then(|s| s.as_string())
                            })
                            .ok_or_else(|| "no result".to_string())
                            .and_then(|s| {
                                serde_json::from_str::<SimResult>(&s).map_err(|e| e.to_string())
                            });
                        end(&sh, parsed.map(Box::new));
                    }
                    "error" => end(&sh, Err(problem_text(&get(&d, "errors")))),
                    _ => {}
                }
            });
        w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let (to3, sh3) = (to.clone(), shared.clone());
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let why = e
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "worker.js did not load".to_string());
            let mut s = sh3.borrow_mut();
            if !s.over {
                s.over = true;
                drop(s);
                to3.emit(SimAction::Finished {
                    job,
                    result: Err(why),
                });
            }
        });
        w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        out._on_message.push(on_message);
        out._on_error.push(on_error);
        let init = js_sys::Object::new();
        set(&init, "type", &"init".into());
        set(&init, "url", &JsValue::from_str(&engine));
        w.post_message(&init)
            .map_err(|e| format!("Worker: {}", js_text(&e)))?;
    }
    Ok(out)
}

/// Makes the judge report of `snapshot` in one worker (job `job`); the
/// report, or why it could not be made, goes to `to` as
/// `SimAction::JudgesFinished`.
pub fn judges(
    job: u64,
    snapshot: std::rc::Rc<kipp_session::run::WorkerSnapshot>,
    lang: Lang,
    to: Callback<SimAction>,
) -> Result<SimWorker, String> {
    use std::cell::Cell;
    use std::rc::Rc;
    let engine = engine_url()?;
    let doc_base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let script = web_sys::Url::new_with_base("worker.js", &doc_base)
        .map(|u| u.href())
        .map_err(|_| "bad worker address".to_string())?;
    let wopts = web_sys::WorkerOptions::new();
    wopts.set_type(web_sys::WorkerType::Module);
    let w = web_sys::Worker::new_with_options(&script, &wopts)
        .map_err(|e| format!("Worker: {}", js_text(&e)))?;
    let message = js_sys::Object::new();
    set(&message, "type", &"judges".into());
    set(&message, "id", &JsValue::from_f64(job as f64));
    set(&message, "head", &JsValue::from_str(&snapshot.head_json));
    set(
        &message,
        "index",
        &js_sys::Uint32Array::from(&snapshot.index[..]).into(),
    );
    set(
        &message,
        "values",
        &js_sys::Float64Array::from(&snapshot.values[..]).into(),
    );
    set(&message, "lang", &lang.tag().into());
    let over = Rc::new(Cell::new(false));
    let end = {
        let (over, to) = (over.clone(), to.clone());
        move |result: Result<Box<kipp_score::JudgesResult>, String>| {
            if !over.replace(true) {
                to.emit(SimAction::JudgesFinished { job, result });
            }
        }
    };
    let (w2, end2) = (w.clone(), end.clone());
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let d = e.data();
            match get(&d, "type").as_string().unwrap_or_default().as_str() {
                "ready" => {
                    if let Err(e) = w2.post_message(&message) {
                        end2(Err(js_text(&e)));
                    }
                }
                "judges" => end2(
                    get(&d, "result_json")
                        .as_string()
                        .ok_or_else(|| "no result".to_string())
                        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
                        .map(Box::new),
                ),
                "error" => end2(Err(problem_text(&get(&d, "errors")))),
                _ => {}
            }
        });
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let why = e
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "worker.js did not load".to_string());
        end(Err(why));
    });
    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let init = js_sys::Object::new();
    set(&init, "type", &"init".into());
    set(&init, "url", &JsValue::from_str(&engine));
    w.post_message(&init)
        .map_err(|e| format!("Worker: {}", js_text(&e)))?;
    Ok(SimWorker {
        workers: vec![w],
        _on_message: vec![on_message],
        _on_error: vec![on_error],
    })
}

fn js_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| get(e, "message").as_string())
        .unwrap_or_else(|| "error".to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn parts_cover_the_draws_in_order() {
        assert_eq!(super::parts(10, 3), vec![(0, 4), (4, 7), (7, 10)]);
        assert_eq!(super::parts(2, 1), vec![(0, 2)]);
    }
}
