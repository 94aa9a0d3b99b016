// kipp simulation worker: runs a Monte Carlo (scoring.md §5) off the main
// thread with the kipp-wasm bundle, in slices, so that it can post progress
// and stop when asked. Used by the organiser app (crates/kipp-app/src/worker.rs,
// with a project snapshot) and the benchmark page (bench/, with files).
//
// Messages in:
//   { type: "init", url }                        load the kipp-wasm bundle (absolute URL)
//   { type: "simulate", id, files, options, lang } run; options as Session.simulation()
//   { type: "simulate", id, head, index, values, options, lang } the same from the app's project
//                                                (kipp_score::PackedSnapshot: head JSON, Uint32Array, Float64Array)
//   { type: "simulate", ..., tally: true }       a part of a run (options.start/end): answer its tally
//   { type: "merge", id, options, tallies }      the run's result from every part's tally (after a
//                                                tally run: the session is kept for this)
//   { type: "judges", id, head, index, values, lang } the judge report of the app's project
//   { type: "cancel" }                           stop the current run
// Messages out:
//   { type: "ready", version }
//   { type: "progress", id, done, total }
//   { type: "result", id, result, ms, compute_ms, prepare_ms, slices }
//   { type: "result", id, result, result_json }  after a merge (result_json: the result as JSON text)
//   { type: "tally", id, tally, ms }             a part's tally (Session.simulationResult merges them)
//   { type: "cancelled", id, done, total, result }   result: the draws done so far
//   { type: "judges", id, result_json }          the judge report as JSON text
//   { type: "error", id, errors }                 errors: [{ file, line, column, message }]

let kipp = null;
let cancelled = false;
// The session of the last tally run, for the "merge" that follows it.
let kept = null;

// A yield that lets queued messages (a cancel) in without setTimeout's clamping.
const channel = new MessageChannel();
let wake = null;
channel.port1.onmessage = () => {
  const w = wake;
  wake = null;
  if (w) w();
};
const breathe = () =>
  new Promise((resolve) => {
    wake = resolve;
    channel.port2.postMessage(null);
  });

// Thrown values of kipp-wasm are arrays of located problems; anything else
// (a failed load, a bug) becomes one problem without a place.
function problems(err) {
  if (Array.isArray(err)) return err;
  return [{ file: "", line: 0, column: 0, cell: null, message: String(err && err.message ? err.message : err) }];
}

async function simulate(m) {
  const id = m.id;
  cancelled = false;
  let session = null;
  let job = null;
  if (kept) {
    kept.free();
    kept = null;
  }
  try {
    const t0 = performance.now();
    session = m.head
      ? kipp.Session.fromPacked(m.head, m.index, m.values, m.lang || "id")
      : new kipp.Session(m.files, m.lang || "id");
    const prepareMs = performance.now() - t0;
    job = session.simulation(m.options || {});
    const total = job.total;
    // Slices of about 40 ms: progress stays smooth, a cancel is seen at once.
    let n = 16;
    let compute = 0;
    let slices = 0;
    const t1 = performance.now();
    postMessage({ type: "progress", id, done: 0, total });
    while (!job.finished) {
      const s = performance.now();
      job.step(n);
      const dt = performance.now() - s;
      compute += dt;
      slices += 1;
      n = Math.max(1, Math.min(100000, Math.round((n * 40) / Math.max(dt, 1))));
      postMessage({ type: "progress", id, done: job.done, total });
      await breathe();
      if (cancelled) {
        job.cancel();
        postMessage({ type: "cancelled", id, done: job.done, total, result: job.result() });
        return;
      }
    }
    const ms = performance.now() - t1;
    if (m.tally) {
      postMessage({ type: "tally", id, tally: job.tally(), ms });
      kept = session;
      session = null;
      return;
    }
    const result = job.result();
    postMessage({
      type: "result",
      id,
      result,
      result_json: JSON.stringify(result),
      ms,
      compute_ms: compute,
      prepare_ms: prepareMs,
      slices,
    });
  } catch (err) {
    postMessage({ type: "error", id, errors: problems(err) });
  } finally {
    if (job) job.free();
    if (session) session.free();
  }
}

self.onmessage = async (e) => {
  const m = e.data || {};
  if (m.type === "cancel") {
    cancelled = true;
  } else if (m.type === "init") {
    try {
      kipp = await import(m.url);
      await kipp.ready;
      postMessage({ type: "ready", version: kipp.version() });
    } catch (err) {
      postMessage({ type: "error", id: null, errors: problems(err) });
    }
  } else if (m.type === "merge") {
    try {
      if (!kept) throw new Error("no part of the run is kept for the merge");
      const result = kept.simulationResult(m.options, m.tallies);
      // also as JSON text, made here: the page then only parses it
      postMessage({ type: "result", id: m.id, result, result_json: JSON.stringify(result) });
    } catch (err) {
      postMessage({ type: "error", id: m.id, errors: problems(err) });
    }
  } else if (m.type === "judges") {
    let session = null;
    try {
      if (!kipp) throw new Error("kipp-wasm is not loaded");
      session = kipp.Session.fromPacked(m.head, m.index, m.values, m.lang || "id");
      postMessage({ type: "judges", id: m.id, result_json: JSON.stringify(session.judges()) });
    } catch (err) {
      postMessage({ type: "error", id: m.id, errors: problems(err) });
    } finally {
      if (session) session.free();
    }
  } else if (m.type === "simulate") {
    if (!kipp) {
      postMessage({ type: "error", id: m.id, errors: problems("kipp-wasm is not loaded") });
      return;
    }
    await simulate(m);
  }
};
