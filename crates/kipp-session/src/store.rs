//! The app's store: all state in one value ([`Store`]), changed only by
//! [`Store::reduce`] with an [`Action`]. Reduce never touches the browser:
//! what must happen outside (save, download, focus, load a file) comes back
//! as [`Effect`]s for the app to carry out. So every rule of the organiser's
//! work — undo, what a reload keeps, what an import replaces — is tested
//! natively.

use std::rc::Rc;

use kipp_score::{judges_report, Competition, Lang, SimOptions, Simulation};

use crate::export::{self, Download, ExportKind, Publish};
use crate::import::{self, ImportState, Kind, RawFile};
use crate::project::{Decision, Project};
use crate::run::{self, Computed, Located, RunView, Trial};
use crate::sim::{SimAction, SimMessage, SimState};
use crate::verify::{self, VerifyOutcome};

/// How many project changes undo remembers.
pub const UNDO_DEPTH: usize = 50;

/// The most memory undo may hold in versions of the large lists (scores,
/// innovations, judges) that the open project no longer shares: 128 MiB.
/// A weight edit or a decision shares every list and costs almost nothing;
/// at national scale a re-imported scores file replaces a list of about
/// 20 MB, so undo then reaches back about six imports (and every edit
/// between them). The oldest changes go first; the last one always stays.
pub const UNDO_BUDGET_BYTES: usize = 128 << 20;

/// How many of the oldest `undo` versions to forget so that at most
/// [`UNDO_DEPTH`] stay and the lists they alone hold fit `budget` bytes
/// (never the newest one).
pub fn undo_excess(undo: &[Project], current: &Project, budget: usize) -> usize {
    let mut seen: std::collections::HashSet<usize> = current
        .inputs
        .large_parts()
        .into_iter()
        .map(|(ptr, _)| ptr)
        .collect();
    let mut total = 0usize;
    // From the newest back: the first version past the budget and all
    // older ones go.
    for (k, p) in undo.iter().rev().enumerate() {
        for (ptr, bytes) in p.inputs.large_parts() {
            if seen.insert(ptr) {
                total = total.saturating_add(bytes);
            }
        }
        if k >= UNDO_DEPTH || (k > 0 && total > budget) {
            return undo.len() - k;
        }
    }
    0
}

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// Projects, demo, presets, import.
    Start,
    /// Competition editor.
    Competition,
    /// Administrative check: who is eligible, and why not.
    Admin,
    /// Score sheets: templates to send, who still owes what.
    Progress,
    /// Results per stage.
    Results,
    /// Panel decisions and audit list.
    Decisions,
    /// Simulations.
    Simulate,
    /// Verify a published result.
    Verify,
    /// The official report (berita acara, lampiran SK), for print.
    Report,
    /// Exports and project file.
    Export,
}

impl Tab {
    /// All tabs in menu order.
    pub const ALL: [Tab; 10] = [
        Tab::Start,
        Tab::Competition,
        Tab::Admin,
        Tab::Progress,
        Tab::Results,
        Tab::Decisions,
        Tab::Simulate,
        Tab::Verify,
        Tab::Report,
        Tab::Export,
    ];

    /// The URL hash of the tab.
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Start => "mulai",
            Tab::Competition => "kompetisi",
            Tab::Admin => "administrasi",
            Tab::Progress => "lembar-nilai",
            Tab::Results => "hasil",
            Tab::Decisions => "keputusan",
            Tab::Simulate => "simulasi",
            Tab::Verify => "verifikasi",
            Tab::Report => "laporan",
            Tab::Export => "ekspor",
        }
    }

    /// The tab of a URL hash.
    pub fn from_slug(s: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.slug() == s)
    }
}

/// Which rows the results show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Every row.
    All,
    /// Advancing rows (after panel decisions).
    Advanced,
    /// Not advancing rows.
    NotAdvanced,
    /// Incomplete rows.
    Incomplete,
    /// Ties at the cut-off.
    Tie,
    /// Not eligible (administrative check): not ranked, listed with why.
    Ineligible,
    /// With trial weights: the rows that enter or leave the advancing list.
    Changed,
}

/// Column the results are sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Ranking order (default).
    Rank,
    /// Title.
    Title,
    /// Agency.
    Agency,
    /// Category.
    Category,
    /// Score.
    Score,
}

/// What the status line says after an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The last open project was reopened.
    Restored,
    /// An import was applied.
    Imported,
    /// A decision was saved.
    DecisionSaved,
    /// An eligibility was changed at the administrative check.
    EligibilitySaved,
    /// A file was offered for download.
    Downloaded(String),
    /// An export could not be made.
    Failed(String),
    /// The last change was undone.
    Undone,
    /// The undone change was redone.
    Redone,
    /// A new project was made (demo, preset or empty).
    NewProject(String),
    /// A project was deleted.
    Deleted(String),
    /// The XLSX module is being loaded (first use of an `.xlsx` file).
    LoadingXlsx,
}

/// Whether the project is safely stored.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum SaveState {
    /// Nothing to save yet.
    #[default]
    Idle,
    /// Written to the browser's storage.
    Saved,
    /// A write is under way.
    Saving,
    /// The last write failed: the message. The stored copy is the one
    /// before the failed write.
    Failed(String),
}

/// One entry of the project list.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProjectMeta {
    /// Project id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Edition year.
    #[serde(default)]
    pub year: Option<i32>,
    /// Last change (ISO 8601 with offset).
    pub changed: String,
    /// Stored size in bytes.
    pub size: u64,
    /// Innovations.
    #[serde(default)]
    pub innovations: usize,
    /// The built-in demo.
    #[serde(default)]
    pub synthetic: bool,
}

/// A question waiting for the user's yes or no.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// Delete the project with this id (and name).
    Delete(String, String),
}

/// The administrative check screen's own state.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AdminUi {
    /// Row filter.
    pub filter: crate::admin::AdminFilter,
    /// Search text.
    pub search: String,
    /// Innovation whose eligibility is being changed.
    pub editing: Option<String>,
    /// The change's reason.
    pub draft_reason: String,
    /// The reason is missing.
    pub draft_error: bool,
    /// Rows shown (more on demand).
    pub shown: usize,
}

/// Rows the administrative check shows at first, and per "more".
pub const ADMIN_PAGE: usize = 100;

/// The results screen's own state.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultsUi {
    /// Stage shown.
    pub stage_idx: usize,
    /// Search text.
    pub search: String,
    /// Row filter.
    pub filter: Filter,
    /// Category filter ("" = all).
    pub category: String,
    /// Sort key and descending.
    pub sort: (SortKey, bool),
    /// Innovation whose detail is open.
    pub selected: Option<String>,
    /// Decision form: advance or not.
    pub draft_advance: bool,
    /// Decision form: reason.
    pub draft_reason: String,
    /// Decision form: the reason is missing.
    pub draft_error: bool,
}

impl Default for ResultsUi {
    fn default() -> Self {
        ResultsUi {
            stage_idx: 0,
            search: String::new(),
            filter: Filter::All,
            category: String::new(),
            sort: (SortKey::Rank, false),
            selected: None,
            draft_advance: true,
            draft_reason: String::new(),
            draft_error: false,
        }
    }
}

/// The clock and id source of the browser (fixed ones in tests).
#[derive(Clone, Copy)]
pub struct Env {
    /// Now, ISO 8601 with the local offset (`2026-12-01T21:05:00+07:00`).
    pub now_iso: fn() -> String,
    /// Milliseconds, monotonic enough for time slices.
    pub now_ms: fn() -> f64,
    /// A fresh project id.
    pub new_id: fn() -> String,
}

/// Something the app must do outside the store.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Persist [`Store::project`] now (every change is saved at once).
    Save,
    /// Offer a file to the user.
    Download(Download),
    /// Write the workbooks of a file (the app's kipp-xlsx module), then
    /// offer it; on failure send [`Action::ExportFailed`].
    DownloadXlsx(export::XlsxDownload),
    /// Move keyboard focus to the element with this id.
    Focus(&'static str),
    /// Show this URL hash.
    SetHash(&'static str),
    /// Remember the interface language.
    StoreLang,
    /// Fetch the built-in demo's files, then send [`Action::DemoLoaded`].
    LoadDemo,
    /// Send `SimAction::Slice` again soon (a run is under way on the page).
    ScheduleSim,
    /// Run a Monte Carlo in a Web Worker and report with
    /// `SimAction::Progress` / `SimAction::Finished` for `job`.
    StartSim {
        /// Job number.
        job: u64,
        /// The project.
        snapshot: std::rc::Rc<crate::run::WorkerSnapshot>,
        /// Options.
        options: SimOptions,
    },
    /// Stop the worker's run.
    CancelSim,
    /// Make the judge report of `snapshot` in a Web Worker and answer with
    /// `SimAction::JudgesFinished` for `job`.
    StartJudges {
        /// Job number.
        job: u64,
        /// The project.
        snapshot: std::rc::Rc<crate::run::WorkerSnapshot>,
    },
    /// Read the project list, then send [`Action::ProjectsListed`].
    ListProjects,
    /// Load a stored project, then send [`Action::ProjectLoaded`].
    LoadProject(String),
    /// Delete a stored project, then send [`Action::ProjectsListed`].
    DeleteProject(String),
    /// Open the browser's print dialog (the report).
    Print,
    /// Offer the report on screen as an HTML file with this name (Word and
    /// LibreOffice Writer open it for editing before signing).
    SaveReportHtml(String),
}

/// Everything that can happen.
#[derive(Clone)]
pub enum Action {
    /// Switch language.
    ToggleLang,
    /// Show a tab.
    Tab(Tab),
    /// The URL hash changed (back/forward).
    HashChanged(String),
    /// Open the built-in synthetic demo (as a new project).
    OpenDemo,
    /// The demo's files were read.
    DemoLoaded(Result<Project, Vec<Located>>),
    /// Start a new project from preset number `n`.
    UsePreset(usize),
    /// Start a new, empty project.
    NewProject,
    /// Files chosen or dropped: their reading starts (clears the last
    /// batch's problems; those of this batch stay until [`Action::Files`]).
    Reading,
    /// Files chosen or dropped, all read.
    Files(Vec<RawFile>),
    /// A file could not be read.
    ReadFailed(String, String),
    /// A file was not read: larger than
    /// [`crate::files::APP_MAX_FILE_BYTES`] (name, size in bytes).
    TooLarge(String, u64),
    /// The app is loading its XLSX module (a progress note).
    XlsxLoading,
    /// An export could not be finished (file name, why: the XLSX module
    /// did not load, say).
    ExportFailed(String, String),
    /// Drag over the drop zone (true) or left it (false).
    Dragging(bool),
    /// Choose a worksheet of an XLSX file in the preview.
    ImportSheet(usize, String),
    /// Change the kind of a file in the preview.
    ImportKind(usize, Kind),
    /// Read a score-sheet column header as chosen (kept in the project).
    ImportColumn(String, import::ColumnChoice),
    /// The judge of every row of score sheet `i` (`""`: as the sheet says).
    ImportJudge(usize, String),
    /// The stage of score sheet `i` (`""`: as the sheet says).
    ImportStage(usize, String),
    /// The report shows this stage (`None`: the whole competition).
    ReportStage(Option<usize>),
    /// Print the report.
    Print,
    /// Download the report as an editable HTML file.
    SaveReport,
    /// A file was handed to the browser.
    Downloaded(String),
    /// Change what the officer typed for the report.
    ReportMeta(Rc<dyn Fn(&mut crate::report::ReportMeta)>),
    /// Administrative check: show rows under this filter.
    AdminFilter(crate::admin::AdminFilter),
    /// Administrative check: search text.
    AdminSearch(String),
    /// Administrative check: show more rows.
    AdminMore,
    /// Administrative check: change (or stop changing) this innovation.
    AdminEdit(Option<String>),
    /// Administrative check: the change's reason.
    AdminDraftReason(String),
    /// Administrative check: make the innovation being changed eligible
    /// (true) or not, with the reason typed.
    AdminSave(bool),
    /// Apply the previewed import.
    ApplyImport,
    /// Discard the preview.
    CancelImport,
    /// Change the competition being edited.
    Edit(Rc<dyn Fn(&mut Competition)>),
    /// Results: stage shown.
    Stage(usize),
    /// Results: search text.
    Search(String),
    /// Results: filter.
    Filter(Filter),
    /// Results: category filter ("" = all).
    Category(String),
    /// Results: sort by (clicking the same key again reverses).
    Sort(SortKey),
    /// Results: open the detail of an innovation (or close it).
    Select(Option<String>),
    /// Slider moved: stage, criterion, weight.
    TrialWeight(usize, usize, f64),
    /// Write the trial weights into the competition.
    ApplyTrial,
    /// Drop the trial weights.
    ResetTrial,
    /// Save the trial weights (or the competition as it is, without a
    /// trial) as a scenario with this name.
    SaveScenario(String),
    /// Remove a scenario.
    DeleteScenario(usize),
    /// A scenario's stage: (scenario, stage, aggregation, normalisation).
    ScenarioStage(usize, usize, kipp_score::Aggregate, kipp_score::Normalize),
    /// Compare side A with side B (`None`: the competition).
    CompareScenarios(crate::scenario::Side, crate::scenario::Side),
    /// Make a scenario the competition, with the reason (audit list).
    PromoteScenario(usize, String),
    /// Decision form: advance or not.
    DraftAdvance(bool),
    /// Decision form: reason.
    DraftReason(String),
    /// Save the decision on the selected innovation of the shown stage.
    SaveDecision,
    /// Withdraw a decision (stage, innovation).
    Revoke(String, String),
    /// Export one kind of file.
    Export(ExportKind),
    /// Download the score-sheet templates of stage `k` (a ZIP).
    Templates(usize),
    /// Export form fields (`publisher`, `level`, `year`, `result`).
    PublishField(&'static str, String),
    /// Simulation actions.
    Sim(SimAction),
    /// Undo the last project change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// At start: the last open project (if any) and the list.
    Restored(Option<Project>, Vec<ProjectMeta>),
    /// The stored project list.
    ProjectsListed(Vec<ProjectMeta>),
    /// Open a stored project.
    OpenProject(String),
    /// A stored project was loaded (`Err`: why not).
    ProjectLoaded(Result<Project, String>),
    /// Rename the open project.
    Rename(String),
    /// Set the open project's edition year ("" = none).
    SetYear(String),
    /// Duplicate the open project (the copy becomes the open one).
    Duplicate,
    /// Ask to delete a stored project.
    AskDelete(String),
    /// Yes to the question asked.
    Confirm,
    /// No to the question asked.
    Cancel,
    /// The result of a save.
    Saved(Result<(), String>),
}

/// The whole state of the app.
pub struct Store {
    /// Interface language.
    pub lang: Lang,
    /// Screen shown.
    pub tab: Tab,
    /// The open project.
    pub project: Project,
    /// Its ranking, when it can be ranked.
    pub computed: Option<Rc<Computed>>,
    /// Why it cannot be ranked.
    pub problems: Vec<Located>,
    /// Problems of the competition being edited.
    pub comp_problems: Vec<Located>,
    /// An import being previewed.
    pub import: Option<ImportState>,
    /// Files that could not be read.
    pub import_errors: Vec<Located>,
    /// Files of the batch being read that could not be read: shown with
    /// the others' preview when they are all read.
    batch_errors: Vec<Located>,
    /// Status line.
    pub notice: Option<Notice>,
    /// Storage state of the open project.
    pub save: SaveState,
    /// Results screen.
    pub results: ResultsUi,
    /// Trial weights of the sliders.
    pub trial: Option<Trial>,
    /// The run with the trial weights.
    pub trial_view: Option<std::rc::Rc<RunView>>,
    /// The trial's moves against the official run, per stage.
    pub trial_moves: Option<std::rc::Rc<Vec<run::StageMoves>>>,
    /// Last verification.
    pub verify: Option<VerifyOutcome>,
    /// The last scenario comparison (dropped when the data change).
    pub scenario_cmp: Option<crate::scenario::ScenarioCompare>,
    /// What the scenario panel says.
    pub scenario_msg: Option<crate::scenario::ScenarioMsg>,
    verify_pending: Option<(String, String)>,
    /// Publishing form.
    pub publish: Publish,
    /// Simulations.
    pub sim: SimState,
    /// Stored projects.
    pub projects: Vec<ProjectMeta>,
    /// A question waiting for an answer.
    pub confirm: Option<Confirm>,
    /// The administrative check screen.
    pub admin: AdminUi,
    /// The report shows this stage (`None`: the whole competition).
    pub report_stage: Option<usize>,
    /// The demo is being fetched.
    pub loading: bool,
    /// A file is dragged over the drop zone.
    pub dragging: bool,
    undo: Vec<Project>,
    /// [`UNDO_BUDGET_BYTES`], unless [`Store::set_undo_budget`] said otherwise.
    undo_budget: usize,
    redo: Vec<Project>,
    /// The import preview's prepared data, for the run applying it starts.
    checked: Option<run::Checked>,
    env: Env,
}

impl Store {
    /// An empty store (no project open yet: the app restores one).
    pub fn new(lang: Lang, tab: Tab, env: Env) -> Store {
        Store {
            lang,
            tab,
            project: Project::default(),
            computed: None,
            problems: Vec::new(),
            comp_problems: Vec::new(),
            import: None,
            import_errors: Vec::new(),
            batch_errors: Vec::new(),
            notice: None,
            save: SaveState::Idle,
            results: ResultsUi::default(),
            trial: None,
            trial_view: None,
            trial_moves: None,
            verify: None,
            scenario_cmp: None,
            scenario_msg: None,
            verify_pending: None,
            publish: Publish::default(),
            sim: SimState::default(),
            projects: Vec::new(),
            confirm: None,
            report_stage: None,
            admin: AdminUi {
                shown: ADMIN_PAGE,
                ..AdminUi::default()
            },
            loading: false,
            dragging: false,
            undo: Vec::new(),
            undo_budget: UNDO_BUDGET_BYTES,
            redo: Vec::new(),
            checked: None,
            env,
        }
    }

    /// Whether the trial weights can be written into the competition: set,
    /// and every one > 0.
    pub fn trial_applicable(&self) -> bool {
        self.trial
            .as_ref()
            .is_some_and(|t| t.iter().flatten().all(|w| *w > 0.0))
    }

    /// The stage whose trial weights are all 0 (then the results show the
    /// official run), if any.
    pub fn trial_all_zero(&self) -> Option<usize> {
        self.trial
            .as_ref()?
            .iter()
            .position(|ws| !ws.is_empty() && ws.iter().all(|w| *w == 0.0))
    }

    /// The run the results show: trial weights when set, else the computed one.
    pub fn shown_run(&self) -> Option<&RunView> {
        self.shown_run_rc().map(|v| &**v)
    }

    /// [`Store::shown_run`], shared (for renderers that outlive a borrow).
    pub fn shown_run_rc(&self) -> Option<&std::rc::Rc<RunView>> {
        self.trial_view
            .as_ref()
            .or(self.computed.as_ref().map(|c| &c.view))
    }

    /// Sets undo's memory budget (bytes; [`UNDO_BUDGET_BYTES`] by default):
    /// for a device with little memory, and for tests at a small scale.
    pub fn set_undo_budget(&mut self, bytes: usize) {
        self.undo_budget = bytes;
    }

    /// Changes undo can take back.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Changes redo can bring back.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Recomputes everything that depends on the project.
    fn recompute(&mut self) {
        // Used (or dropped) by this run only.
        let checked = self.checked.take();
        self.comp_problems = run::validate(&self.project.inputs.competition, self.lang);
        let p = &self.project;
        if self
            .computed
            .as_ref()
            .is_some_and(|c| c.is_current(&p.inputs, &p.decisions, self.lang))
        {
            // Nothing the run reads changed (the project's name, the
            // report's fields): keep the run, and any trial weights.
            return;
        }
        let same = self
            .computed
            .as_ref()
            .filter(|c| c.same_data(&self.project.inputs))
            .cloned();
        let next = match same {
            // Only decisions (or nothing) changed: re-rank, no new prepare.
            Some(c) => Ok(run::redecide(&c, &self.project.decisions, self.lang)),
            None => run::compute_checked(
                &self.project.inputs,
                &self.project.decisions,
                self.lang,
                checked,
            ),
        };
        match next {
            Ok(c) => {
                self.computed = Some(Rc::new(c));
                self.problems.clear();
            }
            Err(p) => {
                self.problems = p;
                self.computed = None;
            }
        }
        self.trial = None;
        self.trial_view = None;
        self.trial_moves = None;
        if self.results.filter == Filter::Changed {
            self.results.filter = Filter::All;
        }
        self.scenario_cmp = None;
        let n = self
            .computed
            .as_ref()
            .map(|c| c.view.stages.len())
            .unwrap_or(0);
        if self.results.stage_idx >= n {
            self.results.stage_idx = n.saturating_sub(1);
        }
    }

    /// A change of the open project: remembered for undo, recomputed, saved.
    fn commit(&mut self, mut next: Project, fx: &mut Vec<Effect>) {
        next.rev = self.project.rev + 1;
        next.changed = (self.env.now_iso)();
        next.pristine = false;
        let prev = std::mem::replace(&mut self.project, next);
        self.undo.push(prev);
        let excess = undo_excess(&self.undo, &self.project, self.undo_budget);
        self.undo.drain(..excess);
        self.redo.clear();
        self.recompute();
        fx.push(Effect::Save);
    }

    /// Opens `p` as the current project (a stored one, or a new one).
    fn open(&mut self, p: Project, fx: &mut Vec<Effect>) {
        self.project = p;
        self.undo.clear();
        self.redo.clear();
        self.results = ResultsUi::default();
        self.verify = None;
        self.sim = SimState::default();
        self.import = None;
        self.recompute();
        // Show the last stage: its ranking is the result.
        if let Some(c) = &self.computed {
            self.results.stage_idx = c.view.stages.len().saturating_sub(1);
        }
        self.publish.year = self.project.year.map(|y| y.to_string()).unwrap_or_default();
        fx.push(Effect::Save);
    }

    /// A new project with a fresh id around `p`.
    fn open_new(&mut self, mut p: Project, fx: &mut Vec<Effect>) {
        p.id = (self.env.new_id)();
        p.created = (self.env.now_iso)();
        p.changed = p.created.clone();
        if p.name.is_empty() {
            p.name = p.inputs.competition.name.clone();
        }
        self.notice = Some(Notice::NewProject(p.display_name().to_string()));
        self.open(p, fx);
    }

    /// The XLSX module's progress note has done its job.
    fn done_loading(&mut self) {
        if matches!(self.notice, Some(Notice::LoadingXlsx)) {
            self.notice = None;
        }
    }

    /// A file with workbooks to write: written here (feature `xlsx`), or
    /// handed to the app as [`Effect::DownloadXlsx`] (its module writes them).
    fn offer_xlsx(&mut self, x: export::XlsxDownload, fx: &mut Vec<Effect>) {
        self.notice = Some(Notice::Downloaded(x.name.clone()));
        #[cfg(feature = "xlsx")]
        {
            let name = x.name.clone();
            match x.write_here() {
                Ok(d) => fx.push(Effect::Download(d)),
                Err(_) => self.notice = Some(Notice::Failed(name)),
            }
        }
        #[cfg(not(feature = "xlsx"))]
        fx.push(Effect::DownloadXlsx(x));
    }

    fn go(&mut self, tab: Tab, fx: &mut Vec<Effect>) {
        self.tab = tab;
        fx.push(Effect::SetHash(tab.slug()));
    }

    /// The open project is an untouched demo: opening the demo again reuses it.
    fn is_pristine_demo(&self) -> bool {
        self.project.synthetic && self.project.pristine && !self.project.id.is_empty()
    }

    fn recommended(&self, stage: &str, id: &str) -> bool {
        self.computed
            .as_ref()
            .and_then(|c| c.view.stages.iter().find(|s| s.id == stage))
            .and_then(|s| s.rows.iter().find(|r| r.id == id))
            .map(|r| r.recommended.unwrap_or(r.advanced))
            .unwrap_or(false)
    }

    /// Applies `action`; returns what the app must do outside.
    pub fn reduce(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        match action {
            Action::ToggleLang => {
                self.lang = match self.lang {
                    Lang::Id => Lang::En,
                    Lang::En => Lang::Id,
                };
                fx.push(Effect::StoreLang);
                self.recompute();
                if let Some(st) = self.import.take() {
                    self.import = Some(import::relabel(st, &self.project, self.lang));
                }
            }
            Action::Tab(t) => {
                self.go(t, &mut fx);
                fx.push(Effect::Focus("main"));
            }
            Action::HashChanged(h) => {
                if let Some(t) = Tab::from_slug(&h) {
                    self.tab = t;
                }
            }
            Action::OpenDemo => {
                self.import = None;
                self.import_errors.clear();
                self.loading = true;
                fx.push(Effect::LoadDemo);
            }
            Action::DemoLoaded(res) => {
                self.loading = false;
                match res {
                    Ok(mut p) => {
                        p.pristine = true;
                        if self.is_pristine_demo() {
                            p.id = self.project.id.clone();
                            p.created = self.project.created.clone();
                            p.name = self.project.name.clone();
                            self.open(p, &mut fx);
                        } else {
                            self.open_new(p, &mut fx);
                        }
                        // Opened from the start screen: show the ranking.
                        if self.tab == Tab::Start {
                            self.go(Tab::Results, &mut fx);
                        }
                    }
                    Err(e) => {
                        self.import_errors = e;
                        self.go(Tab::Start, &mut fx);
                    }
                }
            }
            Action::UsePreset(n) => {
                if let Some(p) = import::preset_project(n) {
                    self.import = None;
                    self.import_errors.clear();
                    self.open_new(p, &mut fx);
                    self.go(Tab::Competition, &mut fx);
                }
            }
            Action::NewProject => {
                self.open_new(Project::default(), &mut fx);
                self.go(Tab::Start, &mut fx);
            }
            Action::Reading => {
                self.import_errors.clear();
                self.batch_errors.clear();
            }
            Action::Files(files) => {
                self.done_loading();
                self.dragging = false;
                self.import_errors = std::mem::take(&mut self.batch_errors);
                let st = import::preview(files, &self.project, self.lang);
                match st.verify_result.clone().map(|v| (v, st.is_only_result())) {
                    // A published result alone goes to the verify screen.
                    Some(((name, text), true)) => {
                        self.verify = Some(verify::verify(
                            self.computed.as_deref(),
                            &self.project.decisions,
                            &name,
                            &text,
                            self.lang,
                        ));
                        self.import = None;
                        self.go(Tab::Verify, &mut fx);
                    }
                    other => {
                        // With inputs beside it: verified once they are applied.
                        if let Some(((name, text), false)) = other {
                            self.verify_pending = Some((name, text));
                        }
                        self.import = Some(st);
                        if self.tab != Tab::Start {
                            // The preview lives on the start screen.
                            self.go(Tab::Start, &mut fx);
                        }
                    }
                }
            }
            Action::ReadFailed(file, message) => {
                self.done_loading();
                let l = Located {
                    file,
                    line: 0,
                    column: 0,
                    message,
                    ..Located::default()
                };
                self.batch_errors.push(l.clone());
                self.import_errors.push(l);
            }
            Action::TooLarge(file, size) => {
                let l = crate::files::too_large(&file, size, self.lang);
                self.batch_errors.push(l.clone());
                self.import_errors.push(l);
            }
            Action::Dragging(d) => self.dragging = d,
            Action::ImportSheet(i, sheet) => {
                if let Some(st) = self.import.take() {
                    self.import =
                        Some(import::choose_sheet(st, i, sheet, &self.project, self.lang));
                }
            }
            Action::ImportKind(i, kind) => {
                if let Some(st) = self.import.take() {
                    self.import = Some(import::choose_kind(st, i, kind, &self.project, self.lang));
                }
            }
            Action::ImportColumn(header, choice) => {
                if let Some(st) = self.import.take() {
                    self.import = Some(import::choose_column(
                        st,
                        &header,
                        choice,
                        &self.project,
                        self.lang,
                    ));
                }
            }
            Action::ImportJudge(i, judge) => {
                if let Some(st) = self.import.take() {
                    self.import =
                        Some(import::choose_judge(st, i, judge, &self.project, self.lang));
                }
            }
            Action::ImportStage(i, stage) => {
                if let Some(st) = self.import.take() {
                    self.import =
                        Some(import::choose_stage(st, i, stage, &self.project, self.lang));
                }
            }
            Action::ApplyImport => {
                if let Some(mut st) = self.import.take() {
                    match import::apply(&st) {
                        Some(p) => {
                            self.import_errors.clear();
                            // The preview prepared this data already.
                            self.checked = st.checked.take();
                            if st.opens_project() {
                                // A project file opens as a project of its own.
                                self.open_new(p, &mut fx);
                            } else {
                                self.commit(p, &mut fx);
                            }
                            self.notice = Some(Notice::Imported);
                            self.go(Tab::Results, &mut fx);
                            if let Some((name, text)) = self.verify_pending.take() {
                                self.verify = Some(verify::verify(
                                    self.computed.as_deref(),
                                    &self.project.decisions,
                                    &name,
                                    &text,
                                    self.lang,
                                ));
                                self.go(Tab::Verify, &mut fx);
                            }
                        }
                        None => self.import = Some(st),
                    }
                }
            }
            Action::CancelImport => {
                self.import = None;
                self.verify_pending = None;
                self.import_errors.clear();
            }
            Action::Edit(f) => {
                let mut next = self.project.clone();
                f(&mut next.inputs.competition);
                if next.inputs.competition != self.project.inputs.competition {
                    self.commit(next, &mut fx);
                }
            }
            Action::Stage(i) => {
                self.results.stage_idx = i;
                self.results.selected = None;
            }
            Action::Search(s) => self.results.search = s,
            Action::Filter(f) => self.results.filter = f,
            Action::Category(c) => self.results.category = c,
            Action::Sort(k) => {
                let sort = &mut self.results.sort;
                if sort.0 == k {
                    sort.1 = !sort.1;
                } else {
                    *sort = (k, false);
                }
            }
            Action::Select(id) => {
                self.results.draft_reason.clear();
                self.results.draft_error = false;
                if let (Some(id), Some(run)) = (&id, self.shown_run()) {
                    let adv = run
                        .stages
                        .get(self.results.stage_idx)
                        .and_then(|s| s.rows.iter().find(|r| &r.id == id))
                        .map(|r| r.recommended.unwrap_or(r.advanced))
                        .unwrap_or(false);
                    self.results.draft_advance = !adv;
                }
                let opening = id.is_some();
                self.results.selected = id;
                if opening {
                    fx.push(Effect::Focus("detail-heading"));
                }
            }
            Action::TrialWeight(s, c, w) => {
                if let Some(computed) = &self.computed {
                    let mut trial = self.trial.take().unwrap_or_else(|| computed.weights());
                    if let Some(x) = trial.get_mut(s).and_then(|v| v.get_mut(c)) {
                        *x = w;
                    }
                    self.trial_view = computed.rank_with(&trial, self.lang).map(std::rc::Rc::new);
                    self.trial_moves = self
                        .trial_view
                        .as_ref()
                        .map(|tv| std::rc::Rc::new(run::moves(&computed.view, tv)));
                    self.trial = Some(trial);
                }
            }
            Action::ApplyTrial => {
                // A competition's weights are > 0 (§1): a criterion at 0
                // is removed in the editor, not written in as 0.
                if self.trial_applicable() {
                    let trial = self.trial.take().unwrap_or_default();
                    let mut next = self.project.clone();
                    let comp = &mut next.inputs.competition;
                    for (s, ws) in comp.stages.iter_mut().zip(trial.iter()) {
                        for (c, w) in s.criteria.iter_mut().zip(ws.iter()) {
                            c.weight = *w;
                        }
                    }
                    self.commit(next, &mut fx);
                }
            }
            Action::ResetTrial => {
                self.trial = None;
                self.trial_view = None;
                self.trial_moves = None;
                if self.results.filter == Filter::Changed {
                    self.results.filter = Filter::All;
                }
            }
            Action::SaveScenario(name) => {
                use crate::scenario::{new_scenario, with_weights, ScenarioMsg};
                let comp = &self.project.inputs.competition;
                let variant = match &self.trial {
                    Some(w) => with_weights(comp, w),
                    None => Some(comp.clone()),
                };
                let made = variant
                    .ok_or(ScenarioMsg::ZeroWeight)
                    .and_then(|c| new_scenario(&self.project, &name, c, (self.env.now_iso)()));
                match made {
                    Ok(sc) => {
                        let mut next = self.project.clone();
                        self.scenario_msg = Some(ScenarioMsg::Saved(sc.name.clone()));
                        next.scenarios.push(sc);
                        self.commit(next, &mut fx);
                    }
                    Err(m) => self.scenario_msg = Some(m),
                }
            }
            Action::DeleteScenario(i) => {
                if i < self.project.scenarios.len() {
                    let mut next = self.project.clone();
                    next.scenarios.remove(i);
                    self.scenario_cmp = None;
                    self.scenario_msg = None;
                    self.commit(next, &mut fx);
                }
            }
            Action::ScenarioStage(i, k, ag, no) => {
                let mut next = self.project.clone();
                if let Some(sc) = next.scenarios.get_mut(i) {
                    crate::scenario::set_stage(sc, k, ag, no);
                    if next != self.project {
                        self.scenario_cmp = None;
                        self.commit(next, &mut fx);
                    }
                }
            }
            Action::CompareScenarios(a, b) => {
                self.scenario_cmp = Some(crate::scenario::compare_sides(
                    &self.project,
                    a,
                    b,
                    self.lang,
                ));
            }
            Action::PromoteScenario(i, reason) => {
                use crate::project::{AuditAction, AuditEntry};
                use crate::scenario::ScenarioMsg;
                if reason.trim().is_empty() {
                    self.scenario_msg = Some(ScenarioMsg::NeedsReason);
                } else if let Some(sc) = self.project.scenarios.get(i).cloned() {
                    let mut next = self.project.clone();
                    next.inputs.competition = sc.competition.clone();
                    next.audit.push(AuditEntry {
                        at: (self.env.now_iso)(),
                        stage: String::new(),
                        innovation: sc.name.clone(),
                        action: AuditAction::Promote,
                        recommended: false,
                        reason: reason.trim().to_string(),
                    });
                    self.scenario_msg = Some(ScenarioMsg::Promoted(sc.name));
                    self.commit(next, &mut fx);
                }
            }
            Action::DraftAdvance(a) => self.results.draft_advance = a,
            Action::DraftReason(r) => {
                self.results.draft_reason = r;
                self.results.draft_error = false;
            }
            Action::SaveDecision => self.save_decision(&mut fx),
            Action::ReportStage(k) => self.report_stage = k,
            Action::Print => fx.push(Effect::Print),
            Action::Downloaded(name) => self.notice = Some(Notice::Downloaded(name)),
            Action::SaveReport => {
                let base = export::slug(&self.project.inputs.competition.name);
                let part = match self.report_stage {
                    Some(k) => self
                        .project
                        .inputs
                        .competition
                        .stages
                        .get(k)
                        .map(|s| format!("-{}", export::slug(&s.id)))
                        .unwrap_or_default(),
                    None => String::new(),
                };
                fx.push(Effect::SaveReportHtml(format!(
                    "{base}-berita-acara{part}.html"
                )));
            }
            Action::ReportMeta(f) => {
                let mut next = self.project.clone();
                f(&mut next.report);
                if next.report != self.project.report {
                    self.commit(next, &mut fx);
                }
            }
            Action::AdminFilter(f) => {
                self.admin.filter = f;
                self.admin.shown = ADMIN_PAGE;
            }
            Action::AdminSearch(q) => {
                self.admin.search = q;
                self.admin.shown = ADMIN_PAGE;
            }
            Action::AdminMore => self.admin.shown += ADMIN_PAGE,
            Action::AdminEdit(id) => {
                self.admin.editing = id;
                self.admin.draft_reason.clear();
                self.admin.draft_error = false;
                if self.admin.editing.is_some() {
                    fx.push(Effect::Focus("eligibility-reason"));
                }
            }
            Action::AdminDraftReason(r) => {
                self.admin.draft_reason = r;
                self.admin.draft_error = false;
            }
            Action::AdminSave(eligible) => {
                let Some(id) = self.admin.editing.clone() else {
                    return fx;
                };
                let mut next = self.project.clone();
                let at = (self.env.now_iso)();
                if next.set_eligibility(&id, eligible, &self.admin.draft_reason, at) {
                    self.admin.editing = None;
                    self.admin.draft_reason.clear();
                    self.notice = Some(Notice::EligibilitySaved);
                    self.commit(next, &mut fx);
                    fx.push(Effect::Focus("admin-table"));
                } else {
                    self.admin.draft_error = true;
                    fx.push(Effect::Focus("eligibility-reason"));
                }
            }
            Action::Revoke(stage, id) => {
                let recommended = self.recommended(&stage, &id);
                let mut next = self.project.clone();
                next.revoke(&stage, &id, (self.env.now_iso)(), recommended);
                if next.decisions != self.project.decisions {
                    self.commit(next, &mut fx);
                }
            }
            Action::Export(kind) => {
                let today: String = (self.env.now_iso)().chars().take(10).collect();
                match export::make(
                    &self.project,
                    self.computed.as_deref(),
                    &self.publish,
                    kind,
                    self.lang,
                    &today,
                ) {
                    Ok(export::Made::Ready(d)) => {
                        self.notice = Some(Notice::Downloaded(d.name.clone()));
                        fx.push(Effect::Download(d));
                    }
                    Ok(export::Made::Xlsx(x)) => self.offer_xlsx(x, &mut fx),
                    Err(name) => self.notice = Some(Notice::Failed(name)),
                }
            }
            Action::Templates(k) => {
                match crate::progress::templates_unwritten(
                    &self.project,
                    self.computed.as_deref(),
                    k,
                    self.lang,
                ) {
                    Ok(x) => self.offer_xlsx(x, &mut fx),
                    Err(name) => self.notice = Some(Notice::Failed(name)),
                }
            }
            Action::XlsxLoading => self.notice = Some(Notice::LoadingXlsx),
            Action::ExportFailed(name, why) => {
                self.notice = Some(Notice::Failed(format!("{name} — {why}")))
            }
            Action::PublishField(f, v) => match f {
                "publisher" => self.publish.publisher = v,
                "level" => self.publish.level = v,
                "year" => self.publish.year = v,
                "site" => self.publish.site = v,
                _ => self.publish.label = v,
            },
            Action::Sim(a) => self.sim_action(a, &mut fx),
            Action::Undo => {
                if let Some(prev) = self.undo.pop() {
                    let cur = std::mem::replace(&mut self.project, prev);
                    self.project.rev = cur.rev + 1;
                    self.project.changed = (self.env.now_iso)();
                    self.redo.push(cur);
                    self.recompute();
                    self.notice = Some(Notice::Undone);
                    fx.push(Effect::Save);
                }
            }
            Action::Redo => {
                if let Some(next) = self.redo.pop() {
                    let cur = std::mem::replace(&mut self.project, next);
                    self.project.rev = cur.rev + 1;
                    self.project.changed = (self.env.now_iso)();
                    self.undo.push(cur);
                    self.recompute();
                    self.notice = Some(Notice::Redone);
                    fx.push(Effect::Save);
                }
            }
            Action::Restored(p, list) => {
                self.projects = list;
                match p {
                    Some(p) => {
                        self.open(p, &mut fx);
                        // Reopening is not a change: nothing to write.
                        fx.retain(|e| *e != Effect::Save);
                        self.save = SaveState::Saved;
                        self.notice = Some(Notice::Restored);
                    }
                    None => {
                        self.loading = true;
                        fx.push(Effect::LoadDemo);
                    }
                }
            }
            Action::ProjectsListed(list) => self.projects = list,
            Action::OpenProject(id) => {
                if id != self.project.id {
                    fx.push(Effect::LoadProject(id));
                }
            }
            Action::ProjectLoaded(res) => match res {
                Ok(p) => {
                    self.open(p, &mut fx);
                    fx.retain(|e| *e != Effect::Save);
                    self.save = SaveState::Saved;
                    self.notice = Some(Notice::Restored);
                    self.go(Tab::Results, &mut fx);
                }
                Err(e) => self.save = SaveState::Failed(e),
            },
            Action::Rename(name) => {
                if name != self.project.name {
                    let mut next = self.project.clone();
                    next.name = name;
                    self.commit(next, &mut fx);
                }
            }
            Action::SetYear(y) => {
                let year = y.trim().parse::<i32>().ok();
                if year != self.project.year {
                    let mut next = self.project.clone();
                    next.year = year;
                    self.publish.year = y;
                    self.commit(next, &mut fx);
                }
            }
            Action::Duplicate => {
                let mut p = self.project.clone();
                p.name = format!("{} (2)", self.project.display_name());
                p.rev = 0;
                self.open_new(p, &mut fx);
            }
            Action::AskDelete(id) => {
                let name = if id == self.project.id {
                    self.project.display_name().to_string()
                } else {
                    self.projects
                        .iter()
                        .find(|m| m.id == id)
                        .map(|m| m.name.clone())
                        .unwrap_or_default()
                };
                self.confirm = Some(Confirm::Delete(id, name));
            }
            Action::Confirm => match self.confirm.take() {
                Some(Confirm::Delete(id, name)) => {
                    self.notice = Some(Notice::Deleted(name));
                    fx.push(Effect::DeleteProject(id.clone()));
                    if id == self.project.id {
                        self.open_new(Project::default(), &mut fx);
                        self.go(Tab::Start, &mut fx);
                    }
                }
                None => {}
            },
            Action::Cancel => self.confirm = None,
            Action::Saved(r) => {
                self.save = match r {
                    Ok(()) => SaveState::Saved,
                    Err(e) => SaveState::Failed(e),
                }
            }
        }
        fx
    }

    fn save_decision(&mut self, fx: &mut Vec<Effect>) {
        let (Some(id), Some(c)) = (self.results.selected.clone(), &self.computed) else {
            return;
        };
        let Some(stage) = c.view.stages.get(self.results.stage_idx) else {
            return;
        };
        let recommended = stage
            .rows
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.recommended.unwrap_or(r.advanced))
            .unwrap_or(false);
        let d = Decision {
            stage: stage.id.clone(),
            innovation: id,
            advance: self.results.draft_advance,
            reason: self.results.draft_reason.trim().to_string(),
            at: (self.env.now_iso)(),
        };
        let mut next = self.project.clone();
        if next.decide(d, recommended) {
            self.results.draft_reason.clear();
            self.results.draft_error = false;
            self.notice = Some(Notice::DecisionSaved);
            self.commit(next, fx);
        } else {
            self.results.draft_error = true;
            fx.push(Effect::Focus("decision-reason"));
        }
    }

    fn sim_action(&mut self, a: SimAction, fx: &mut Vec<Effect>) {
        let st = &mut self.sim;
        match a {
            SimAction::Field(f, v) => match f {
                "draws" => st.draws = v,
                "seed" => st.seed = v,
                _ => st.kappa = v,
            },
            SimAction::Resample(b) => st.resample = b,
            SimAction::Stage(i) => st.stage = i,
            SimAction::PlotAll(all) => st.plot_all = all,
            SimAction::Run => {
                st.message = None;
                let draws = st.draws.trim().parse::<u32>().ok().filter(|d| *d >= 1);
                let seed = st.seed.trim().parse::<u64>().ok();
                let kappa =
                    crate::parse_num(&st.kappa).filter(|k| kipp_score::limits::kappa_ok(*k));
                let (Some(draws), Some(seed), Some(kappa), Some(c)) =
                    (draws, seed, kappa, &self.computed)
                else {
                    st.message = Some(SimMessage::NotANumber);
                    return;
                };
                let opts = SimOptions {
                    draws,
                    seed,
                    kappa,
                    resample_judges: st.resample,
                };
                st.running = true;
                st.progress = (0, draws);
                st.started_ms = (self.env.now_ms)();
                st.job += 1;
                st.run = None;
                st.opts = Some(opts.clone());
                st.worker_problem = None;
                match c.worker_snapshot() {
                    Some(snapshot) => {
                        st.in_worker = true;
                        fx.push(Effect::StartSim {
                            job: st.job,
                            snapshot,
                            options: opts,
                        });
                    }
                    None => {
                        st.in_worker = false;
                        st.run = Some(Simulation::new(c.prepared.clone(), &opts));
                        fx.push(Effect::ScheduleSim);
                    }
                }
            }
            SimAction::Cancel => {
                if st.in_worker && st.running {
                    fx.push(Effect::CancelSim);
                }
                st.job += 1;
                st.run = None;
                st.running = false;
                st.in_worker = false;
                st.message = Some(SimMessage::Cancelled);
            }
            SimAction::Progress { job, done, total } => {
                if job == st.job && st.running {
                    st.progress = (done.min(total), total);
                }
            }
            SimAction::Finished { job, result } => {
                if job != st.job || !st.running {
                    return;
                }
                match result {
                    Ok(r) => {
                        st.result = Some(Rc::new(*r));
                        st.running = false;
                        st.in_worker = false;
                    }
                    Err(why) => {
                        // The same run on the page (slower, same draws).
                        st.worker_problem = Some(why);
                        st.in_worker = false;
                        match (&self.computed, st.opts.as_ref()) {
                            (Some(c), Some(opts)) => {
                                st.run = Some(Simulation::new(c.prepared.clone(), opts));
                                st.progress = (0, opts.draws);
                                fx.push(Effect::ScheduleSim);
                            }
                            _ => st.running = false,
                        }
                    }
                }
            }
            SimAction::Slice { budget_ms } => {
                let Some(run) = st.run.as_mut() else {
                    return;
                };
                // Draws for about `budget_ms`, then back to the event loop so
                // the progress bar moves and the cancel button answers.
                let t0 = (self.env.now_ms)();
                loop {
                    run.step(8);
                    if run.is_finished() || (self.env.now_ms)() - t0 >= budget_ms {
                        break;
                    }
                }
                st.progress = (run.done(), run.total());
                if run.is_finished() {
                    st.result = Some(Rc::new(run.result()));
                    st.run = None;
                    st.running = false;
                } else {
                    fx.push(Effect::ScheduleSim);
                }
            }
            SimAction::Warm => {
                if let Some(c) = &self.computed {
                    let _ = c.worker_snapshot();
                }
            }
            SimAction::Download => {
                if let Some(r) = &st.result {
                    let name = format!(
                        "simulasi-{}.json",
                        export::slug(&self.project.inputs.competition.name)
                    );
                    self.notice = Some(Notice::Downloaded(name.clone()));
                    fx.push(Effect::Download(export::Download {
                        name,
                        mime: "application/json",
                        bytes: kipp_formats::simulation_json(r).into_bytes(),
                    }));
                }
            }
            SimAction::Judges => {
                if let Some(c) = &self.computed {
                    st.judges_job += 1;
                    match c.worker_snapshot() {
                        Some(snapshot) => {
                            st.judges_running = true;
                            fx.push(Effect::StartJudges {
                                job: st.judges_job,
                                snapshot,
                            });
                        }
                        None => st.judges = Some(judges_report(&c.prepared)),
                    }
                }
            }
            SimAction::JudgesFinished { job, result } => {
                if job == st.judges_job && st.judges_running {
                    st.judges_running = false;
                    match result {
                        Ok(r) => st.judges = Some(*r),
                        Err(why) => {
                            // The same report, made here.
                            if let Some(c) = &self.computed {
                                st.judges = Some(judges_report(&c.prepared));
                            }
                            st.worker_problem = Some(why);
                        }
                    }
                }
            }
        }
    }
}
