//! The determinism cases shared by `tests/native.rs` and `tests/web.rs`: the
//! same inputs, the same runs, the same fingerprint of every output bit. Both
//! files assert the same constants, so the engine must give bit-identical
//! results natively and in WebAssembly (issue 4).
//!
//! The fingerprint is SHA-256 over every field of a result, each f64 by its
//! bits (`to_bits`), so one differing last bit anywhere changes it. When the
//! engine's rules change on purpose, print the new constants natively with
//! `cargo test -p kipp-wasm --test native -- --nocapture` and update them here.

#![allow(dead_code)]

use kipp_formats::{prepare_files, FileData, RunFiles};
use kipp_score::{Prepared, RunResult, SimOptions, SimResult, Simulation, Tally};
use sha2::{Digest, Sha256};

/// Fingerprint of `rank()` of conformance vector 002 (z-score, trimmed mean, bonus, three stages).
pub const RANK_002: &str = "430ae86330c461cc3433fd4dcf4d52af232c9acb82954079881646b50368a822";
/// Fingerprint of `rank()` of conformance vector 288.
pub const RANK_288: &str = "2d0deaf9ea529b72b49bd03f6b3ccfc0e756a5cbdfc192b9aa51b8ef53b68aae";
/// Fingerprint of [`fingerprint_rerank`] of vector 288.
pub const RERANK_288: &str = "af5d6b94ecf708389f42affd277a6ccfc2d4f04e556471a77ce41fc87f2ff433";
/// Fingerprint of [`sim_case_resample`].
pub const SIM_002_RESAMPLE: &str =
    "f6d912a5c705adaee26c3e8c4194785ac7d170d2ee9e15e5315b8d2c091ba82c";
/// Fingerprint of [`sim_case_weights`].
pub const SIM_288_WEIGHTS: &str =
    "2e8f877ee89cdd6610e3efd24d89d7df76c772d326c9af36f466f4879fc35a5d";

macro_rules! vector {
    ($n:literal) => {
        [
            include_bytes!(concat!(
                "../../../../data/vectors/",
                $n,
                "/competition.json"
            ))
            .as_slice(),
            include_bytes!(concat!("../../../../data/vectors/", $n, "/innovations.csv")).as_slice(),
            include_bytes!(concat!("../../../../data/vectors/", $n, "/scores.csv")).as_slice(),
            include_bytes!(concat!("../../../../data/vectors/", $n, "/judges.csv")).as_slice(),
        ]
    };
}

/// The files of conformance vector 002.
pub const V002: [&[u8]; 4] = vector!("002");
/// The files of conformance vector 288.
pub const V288: [&[u8]; 4] = vector!("288");

/// Reads and prepares a vector's files.
pub fn prepared(files: [&[u8]; 4]) -> Prepared {
    let run = RunFiles {
        competition: FileData::new("competition.json", files[0]),
        innovations: FileData::new("innovations.csv", files[1]),
        scores: FileData::new("scores.csv", files[2]),
        judges: Some(FileData::new("judges.csv", files[3])),
    };
    match prepare_files(run) {
        Ok(p) => p,
        Err(problems) => panic!("the vector does not prepare: {problems:?}"),
    }
}

/// Monte Carlo with judge resampling over vector 002 (z-score stages).
pub fn sim_case_resample() -> SimOptions {
    SimOptions {
        draws: 600,
        seed: 20_231_122,
        kappa: 20.0,
        resample_judges: true,
    }
}

/// Monte Carlo of weights only over vector 288 (z-score in its first stage).
pub fn sim_case_weights() -> SimOptions {
    SimOptions {
        draws: 1000,
        seed: 7,
        kappa: 50.0,
        resample_judges: false,
    }
}

/// Runs a simulation in one go (no cancel).
pub fn simulate(p: &Prepared, o: &SimOptions) -> SimResult {
    match kipp_score::simulate(p, o, &mut |_, _| true) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

/// The run `o` made as three uneven parts (the last one first, in odd
/// steps), their tallies merged: the one-go result, bit for bit.
pub fn merged_parts(p: &Prepared, o: &SimOptions) -> SimResult {
    let d = o.draws;
    let mut all = Tally::empty(p, o);
    for (a, b) in [(d / 3 + 5, d), (0, 7), (7, d / 3 + 5)] {
        let mut sim = Simulation::new_range(p, o, a, b);
        while !sim.is_finished() {
            sim.step(61);
        }
        if let Err(e) = all.merge(&sim.into_tally()) {
            panic!("{e}");
        }
    }
    match all.result(p) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

#[derive(Default)]
struct Fp(Sha256);

impl Fp {
    fn str(&mut self, s: &str) {
        self.0.update((s.len() as u64).to_le_bytes());
        self.0.update(s.as_bytes());
    }
    fn u64(&mut self, x: u64) {
        self.0.update(x.to_le_bytes());
    }
    fn f64(&mut self, x: f64) {
        self.u64(x.to_bits());
    }
    fn opt_u32(&mut self, x: Option<u32>) {
        match x {
            Some(v) => self.u64(1 << 32 | v as u64),
            None => self.u64(u64::MAX),
        }
    }
    fn opt_f64(&mut self, x: Option<f64>) {
        match x {
            Some(v) => {
                self.u64(1);
                self.f64(v);
            }
            None => self.u64(0),
        }
    }
    fn hex(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Fingerprint of a whole result (all but the engine's version string).
pub fn fingerprint_result(r: &RunResult) -> String {
    let mut h = Fp::default();
    h.str(&r.digest);
    h.u64(r.stages.len() as u64);
    for st in &r.stages {
        h.str(&st.id);
        h.u64(st.rows.len() as u64);
        for row in &st.rows {
            h.str(&row.id);
            h.opt_u32(row.rank);
            h.opt_u32(row.category_rank);
            h.opt_f64(row.score);
            h.opt_f64(row.raw);
            h.opt_f64(row.bonus);
            h.u64(row.criteria.len() as u64);
            for (c, x) in &row.criteria {
                h.str(c);
                h.f64(*x);
            }
            h.u64(row.sheets as u64);
            h.u64(
                row.advanced as u64
                    | (row.tie_at_cutoff as u64) << 1
                    | (row.incomplete as u64) << 2,
            );
        }
        let warnings = st.warning_messages(kipp_score::Lang::En);
        h.u64(warnings.len() as u64);
        for w in &warnings {
            h.str(w);
        }
    }
    h.u64(r.winners.len() as u64);
    for w in &r.winners {
        h.str(w);
    }
    h.hex()
}

/// Fingerprint of a whole Monte Carlo result.
pub fn fingerprint_sim(r: &SimResult) -> String {
    let mut h = Fp::default();
    h.u64(r.stages.len() as u64);
    for st in &r.stages {
        h.str(&st.id);
        h.u64(st.draws as u64);
        h.u64(st.rows.len() as u64);
        for row in &st.rows {
            h.str(&row.id);
            h.f64(row.p_advance);
            h.u64(row.ranked_draws as u64);
            h.opt_f64(row.mean_rank);
            h.opt_u32(row.p5);
            h.opt_u32(row.p50);
            h.opt_u32(row.p95);
        }
    }
    h.hex()
}

/// Fingerprint of a re-rank with awkward weights (every score a sum of
/// products that round), so the f64 arithmetic itself is compared.
pub fn fingerprint_rerank(p: &Prepared) -> String {
    let mut w = p.weights();
    for (k, ws) in w.stages.iter_mut().enumerate() {
        for (c, x) in ws.iter_mut().enumerate() {
            *x = *x * (1.0 + 0.1 * ((k + c) % 3) as f64) / 3.0;
        }
    }
    match p.rank_result_with(&w) {
        Ok(r) => fingerprint_result(&r),
        Err(e) => panic!("{e}"),
    }
}
