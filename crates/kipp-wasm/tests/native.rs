//! Native half of the determinism proof (issue 4): the fingerprints of
//! `tests/common` computed natively must equal the constants that
//! `tests/web.rs` checks in headless Chromium.

mod common;
use common::*;

use kipp_score::{SimOptions, Simulation};

#[test]
fn rank_of_vectors_matches_the_constants() {
    let got_002 = fingerprint_result(&prepared(V002).rank());
    let p288 = prepared(V288);
    let got_288 = fingerprint_result(&p288.rank());
    let got_re = fingerprint_rerank(&p288);
    println!("RANK_002 = {got_002}\nRANK_288 = {got_288}\nRERANK_288 = {got_re}");
    assert_eq!(got_002, RANK_002);
    assert_eq!(got_288, RANK_288);
    assert_eq!(got_re, RERANK_288);
}

#[test]
fn simulations_match_the_constants() {
    let a = fingerprint_sim(&simulate(&prepared(V002), &sim_case_resample()));
    let b = fingerprint_sim(&simulate(&prepared(V288), &sim_case_weights()));
    println!("SIM_002_RESAMPLE = {a}\nSIM_288_WEIGHTS = {b}");
    assert_eq!(a, SIM_002_RESAMPLE);
    assert_eq!(b, SIM_288_WEIGHTS);
}

#[test]
fn parts_merged_give_the_constants() {
    let p = prepared(V288);
    let o = sim_case_weights();
    assert_eq!(fingerprint_sim(&merged_parts(&p, &o)), SIM_288_WEIGHTS);
    let p = prepared(V002);
    let o = sim_case_resample();
    let r = kipp_score::simulate_threads(&p, &o, 3, &mut |_, _| true).unwrap();
    assert_eq!(fingerprint_sim(&r), SIM_002_RESAMPLE);
}

#[test]
fn steps_of_any_size_give_the_one_go_result() {
    let p = prepared(V002);
    let o = sim_case_resample();
    let whole = simulate(&p, &o);
    let mut sim = Simulation::new(&p, &o);
    let mut sizes = [1u32, 7, 16, 250, 1000].iter().cycle();
    while !sim.is_finished() {
        let before = sim.done();
        let n = *sizes.next().unwrap_or(&1);
        assert_eq!(sim.step(n), (before + n).min(o.draws));
    }
    assert_eq!(sim.step(10), o.draws, "a finished run stays finished");
    assert_eq!(sim.result(), whole);
}

#[test]
fn a_partial_run_reports_the_draws_done() {
    let p = prepared(V288);
    let o = SimOptions {
        draws: 100,
        ..sim_case_weights()
    };
    let mut sim = Simulation::new(&p, &o);
    sim.step(40);
    let r = sim.result();
    assert!(r.stages.iter().all(|s| s.draws == 40));
    for st in &r.stages {
        for row in &st.rows {
            assert!(row.ranked_draws <= 40);
            assert!((0.0..=1.0).contains(&row.p_advance));
        }
    }
    // Cancelling through the progress callback of the one-go function.
    let mut calls = 0;
    let out = kipp_score::simulate(&p, &o, &mut |done, _| {
        calls += 1;
        done < 32
    });
    assert!(out.is_err());
    assert_eq!(calls, 3, "asked at 0, 16 and 32 draws");
}
