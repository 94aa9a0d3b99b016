//! Monte Carlo off the main thread: one module Web Worker (`worker.js` at
//! the site's root, shared with the benchmark page) that loads the
//! speed-built `kipp-wasm` engine named by `<meta name="kipp-wasm">`, reads
//! the project snapshot and runs the draws in slices, posting progress. The
//! answers come back as store actions; anything that keeps the worker from
//! running becomes `Finished { result: Err(..) }`, and the store then runs
//! the same draws on the page.

use kipp_score::{SimOptions, SimResult};
use kipp_session::sim::SimAction;
use kipp_session::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

/// A running worker; dropping it stops the worker.
pub struct SimWorker {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for SimWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
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

/// Starts job `job`: `snapshot` (kipp_score::Snapshot JSON) with `options`;
/// progress and the end go to `to`.
pub fn start(
    job: u64,
    snapshot: std::rc::Rc<str>,
    options: &SimOptions,
    lang: Lang,
    to: Callback<SimAction>,
) -> Result<SimWorker, String> {
    let engine = engine_url()?;
    let doc_base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let script = web_sys::Url::new_with_base("worker.js", &doc_base)
        .map(|u| u.href())
        .map_err(|_| "bad worker address".to_string())?;
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&script, &opts)
        .map_err(|e| format!("Worker: {}", js_text(&e)))?;

    let message = js_sys::Object::new();
    set(&message, "type", &"simulate".into());
    set(&message, "id", &JsValue::from_f64(job as f64));
    set(&message, "snapshot", &JsValue::from_str(&snapshot));
    set(&message, "lang", &lang.tag().into());
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
    set(&message, "options", &o);

    let w2 = worker.clone();
    let to2 = to.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let d = e.data();
            let kind = get(&d, "type").as_string().unwrap_or_default();
            let num = |k: &str| get(&d, k).as_f64().unwrap_or(0.0) as u32;
            match kind.as_str() {
                "ready" => {
                    if let Err(e) = w2.post_message(&message) {
                        to2.emit(SimAction::Finished {
                            job,
                            result: Err(js_text(&e)),
                        });
                    }
                }
                "progress" => to2.emit(SimAction::Progress {
                    job,
                    done: num("done"),
                    total: num("total"),
                }),
                "result" => {
                    let parsed = js_sys::JSON::stringify(&get(&d, "result"))
                        .ok()
                        .and_then(|s| s.as_string())
                        .ok_or_else(|| "no result".to_string())
                        .and_then(|s| {
                            serde_json::from_str::<SimResult>(&s).map_err(|e| e.to_string())
                        });
                    to2.emit(SimAction::Finished {
                        job,
                        result: parsed.map(Box::new),
                    });
                }
                "error" => to2.emit(SimAction::Finished {
                    job,
                    result: Err(problem_text(&get(&d, "errors"))),
                }),
                _ => {}
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let why = e
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "worker.js did not load".to_string());
        to.emit(SimAction::Finished {
            job,
            result: Err(why),
        });
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    let init = js_sys::Object::new();
    set(&init, "type", &"init".into());
    set(&init, "url", &JsValue::from_str(&engine));
    worker
        .post_message(&init)
        .map_err(|e| format!("Worker: {}", js_text(&e)))?;
    Ok(SimWorker {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn js_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| get(e, "message").as_string())
        .unwrap_or_else(|| "error".to_string())
}
