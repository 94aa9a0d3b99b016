//! Simulation state: the options as typed, a run under way (driven in
//! slices by the app's timer), its result and the judge report.

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
    /// Last result.
    pub result: Option<SimResult>,
    /// Judge report.
    pub judges: Option<JudgesResult>,
    /// Message (cancelled, bad option).
    pub message: Option<SimMessage>,
    /// Stage shown.
    pub stage: usize,
    /// Draws done and asked for, while running.
    pub progress: (u32, u32),
    pub(crate) run: Option<Simulation<Rc<Prepared>>>,
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
            message: None,
            stage: 0,
            progress: (0, 0),
            run: None,
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
    /// Judge report.
    Judges,
    /// Stage shown.
    Stage(usize),
}
