//! Simulation state: the options as typed, a run under way, its result and
//! the judge report.
//!
//! A run goes to a Web Worker ([`crate::store::Effect::StartSim`]: the
//! project as a [`kipp_score::Snapshot`], run by the speed-built `kipp-wasm`
//! engine off the main thread; the app sends back
//! [`SimAction::Progress`] and [`SimAction::Finished`]). When no worker can
//! run it (no Worker, the engine bundle failed to load), the same run is
//! done on the page in time slices driven by the app's timer: the same
//! draws, so the same result, only slower.

use std::rc::Rc;

use kipp_score::{JudgesResult, Prepared, SimResult, Simulation};

/// Simulation state.
pub struct SimState {
    /// Draws (text as typed).
    pub draws: String,
    /// Seed.
    pub seed: String,
    /// Dirichlet concentration.
    pub kappa: String,
    /// Resample judges' sheets.
    pub resample: bool,
    /// A run is under way.
    pub running: bool,
    /// Last result (shared with the windowed table's row renderer).
    pub result: Option<Rc<SimResult>>,
    /// Judge report.
    pub judges: Option<JudgesResult>,
    /// The judge report is being made (in a Web Worker).
    pub judges_running: bool,
    /// Number of the current judge report job (older answers are ignored).
    pub judges_job: u64,
    /// Message (cancelled, bad option).
    pub message: Option<SimMessage>,
    /// Stage shown.
    pub stage: usize,
    /// The plot shows every innovation (else ranks around the cut-off).
    pub plot_all: bool,
    /// Draws done and asked for, while running.
    pub progress: (u32, u32),
    /// When the run started (`Env::now_ms`), for the time left.
    pub started_ms: f64,
    /// The run under way is in a Web Worker (else on the page, in slices).
    pub in_worker: bool,
    /// Why the last run could not use a worker (shown as a note).
    pub worker_problem: Option<String>,
    /// Number of the current worker job (answers of older jobs are ignored).
    pub job: u64,
    pub(crate) run: Option<Simulation<Rc<Prepared>>>,
    pub(crate) opts: Option<kipp_score::SimOptions>,
}

impl SimState {
    /// Milliseconds left, estimated from the pace so far (`None` before the
    /// first draws are done).
    pub fn time_left_ms(&self, now_ms: f64) -> Option<f64> {
        let (done, total) = self.progress;
        if !self.running || done == 0 || total <= done {
            return None;
        }
        let spent = (now_ms - self.started_ms).max(0.0);
        Some(spent / f64::from(done) * f64::from(total - done))
    }
}

/// What the simulation screen says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimMessage {
    /// An option is not a number in range.
    NotANumber,
    /// The run was cancelled.
    Cancelled,
}

impl Default for SimState {
    fn default() -> Self {
        SimState {
            draws: "1000".into(),
            seed: "1".into(),
            kappa: "50".into(),
            resample: false,
            running: false,
            result: None,
            judges: None,
            judges_running: false,
            judges_job: 0,
            message: None,
            stage: 0,
            plot_all: false,
            progress: (0, 0),
            started_ms: 0.0,
            in_worker: false,
            worker_problem: None,
            job: 0,
            run: None,
            opts: None,
        }
    }
}

/// Simulation actions.
#[derive(Clone, Debug, PartialEq)]
pub enum SimAction {
    /// Option field changed (`draws`, `seed`, `kappa`).
    Field(&'static str, String),
    /// Resample toggled.
    Resample(bool),
    /// Start.
    Run,
    /// Draw for about `budget_ms` (the app's timer sends this while running).
    Slice {
        /// Time budget of the slice.
        budget_ms: f64,
    },
    /// Stop.
    Cancel,
    /// A worker's progress on job `job`.
    Progress {
        /// The job.
        job: u64,
        /// Draws done.
        done: u32,
        /// Draws asked for.
        total: u32,
    },
    /// A worker finished job `job`: its result, or why it could not run
    /// (then the run continues on the page).
    Finished {
        /// The job.
        job: u64,
        /// The result, or the problem.
        result: Result<Box<SimResult>, String>,
    },
    /// Judge report: made in a Web Worker ([`crate::store::Effect::StartJudges`]),
    /// on the page when no worker can.
    Judges,
    /// A worker made judge report `job`, or says why it could not (then it
    /// is made on the page).
    JudgesFinished {
        /// The job.
        job: u64,
        /// The report, or the problem.
        result: Result<Box<JudgesResult>, String>,
    },
    /// Offer the last result as JSON (as `kipp simulate --format json`).
    Download,
    /// Make the workers' snapshot of the current run now (the app sends
    /// this soon after the simulation screen opens), so Run starts at once.
    Warm,
    /// Stage shown.
    Stage(usize),
    /// The plot: every innovation (`true`) or the ranks around the cut-off.
    PlotAll(bool),
}
