//! Simulations (§5): scenario comparison, Monte Carlo, judge report.
use crate::prepare::Prepared;
use serde::Serialize;

/// Monte Carlo options (§5).
#[derive(Clone, Debug, PartialEq)]
pub struct SimOptions {
    /// Number of draws.
    pub draws: u32,
    /// Seed of the portable generator.
    pub seed: u64,
    /// Dirichlet concentration (default 50).
    pub kappa: f64,
    /// Resample each innovation's valid sheets with replacement.
    pub resample_judges: bool,
}
impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            draws: 1000,
            seed: 0,
            kappa: 50.0,
            resample_judges: false,
        }
    }
}
/// The progress callback asked to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;
/// Monte Carlo result (§5.1).
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct SimResult {
    /** Stages. */
    pub stages: Vec<SimStage>,
}
/// One stage.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct SimStage {
    /** Stage id. */
    pub id: String,
    /** Draws. */
    pub draws: u32,
    /** Rows. */
    pub rows: Vec<SimRow>,
}
/// One innovation.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct SimRow {
    /** Id. */
    pub id: String,
    /** Share of draws advanced. */
    pub p_advance: f64,
    /** Draws ranked. */
    pub ranked_draws: u32,
    /** Mean rank. */
    pub mean_rank: Option<f64>,
    /** p5. */
    pub p5: Option<u32>,
    /** p50. */
    pub p50: Option<u32>,
    /** p95. */
    pub p95: Option<u32>,
}
/// Scenario comparison (§5.1).
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct CompareResult {
    /** Stages. */
    pub stages: Vec<CompareStage>,
}
/// One stage.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct CompareStage {
    /** Id. */
    pub id: String,
    /** tau-b. */
    pub kendall_tau_b: Option<f64>,
    /** rho. */
    pub spearman_rho: Option<f64>,
    /** Rows. */
    pub rows: Vec<CompareRow>,
    /** Entered. */
    pub entered: Vec<String>,
    /** Left. */
    pub left: Vec<String>,
}
/// One row.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct CompareRow {
    /** Id. */
    pub id: String,
    /** Rank in A. */
    pub rank_a: Option<u32>,
    /** Rank in B. */
    pub rank_b: Option<u32>,
    /** rank_a - rank_b. */
    pub change: Option<i64>,
}
/// Judge report (§5.1).
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct JudgesResult {
    /** Stages. */
    pub stages: Vec<JudgesStage>,
}
/// One stage.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct JudgesStage {
    /** Id. */
    pub id: String,
    /** Judges. */
    pub judges: Vec<JudgeRow>,
    /** Alpha per criterion. */
    pub alpha: Vec<(String, Option<f64>)>,
    /** LOO. */
    pub leave_one_out: Vec<LeaveOneOut>,
}
/// One judge.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct JudgeRow {
    /** Id. */
    pub id: String,
    /** Sheets. */
    pub sheets: u32,
    /** Leniency. */
    pub leniency: Option<f64>,
}
/// Leave one judge out.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct LeaveOneOut {
    /** Judge. */
    pub judge: String,
    /** Changes. */
    pub advancing_changed: u32,
}

/// Compares two scenarios (§5).
pub fn compare(a: &Prepared, b: &Prepared) -> CompareResult {
    let _ = (a, b);
    CompareResult::default()
}
/// Monte Carlo (§5).
pub fn simulate(
    p: &Prepared,
    opts: &SimOptions,
    progress: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<SimResult, Cancelled> {
    let _ = (p, opts, progress);
    Ok(SimResult::default())
}
/// Judge report (§5).
pub fn judges_report(p: &Prepared) -> JudgesResult {
    let _ = p;
    JudgesResult::default()
}
