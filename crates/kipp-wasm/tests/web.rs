//! Browser half of the determinism proof (issue 4), run by `cargo xtask test`
//! in headless Chromium (wasm-bindgen-test): the same cases as
//! `tests/native.rs`, the same constants, so the WebAssembly engine must give
//! the native results bit for bit (ranking of two conformance vectors, a
//! re-rank with rounding weights, Monte Carlo with and without judge
//! resampling over z-score stages).
#![cfg(target_arch = "wasm32")]

mod common;
use common::*;

use kipp_score::{Simulation, Tally};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn rank_of_vectors_is_bit_identical_to_native() {
    assert_eq!(fingerprint_result(&prepared(V002).rank()), RANK_002);
    let p288 = prepared(V288);
    assert_eq!(fingerprint_result(&p288.rank()), RANK_288);
    assert_eq!(fingerprint_rerank(&p288), RERANK_288);
}

#[wasm_bindgen_test]
fn monte_carlo_with_judge_resampling_is_bit_identical_to_native() {
    let r = simulate(&prepared(V002), &sim_case_resample());
    assert_eq!(fingerprint_sim(&r), SIM_002_RESAMPLE);
}

#[wasm_bindgen_test]
fn monte_carlo_in_steps_is_bit_identical_to_native() {
    let p = prepared(V288);
    let mut sim = Simulation::new(&p, &sim_case_weights());
    while !sim.is_finished() {
        sim.step(97);
    }
    assert_eq!(fingerprint_sim(&sim.result()), SIM_288_WEIGHTS);
}

#[wasm_bindgen_test]
fn monte_carlo_in_parts_is_bit_identical_to_native() {
    let p = prepared(V288);
    let o = sim_case_weights();
    assert_eq!(fingerprint_sim(&merged_parts(&p, &o)), SIM_288_WEIGHTS);
    // A tally sent as JSON (what a Web Worker posts) merges the same.
    let t = Simulation::new_range(&p, &o, 0, 10).tally();
    let back: Tally = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
    assert_eq!(back.to_data(), t.to_data());
}
