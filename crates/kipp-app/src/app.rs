//! The app component: all state in one place, changed only through [`Msg`].

use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use gloo::timers::callback::Timeout;
use kipp_score::Competition;
use kipp_ui::Lang;
use yew::prelude::*;

use crate::browser::{self, StoreError};
use crate::engine::{self, Computed, Located, RunView, Trial};
use crate::i18n::{tr, Tr};
use crate::import::{self, ImportState, RawFile};
use crate::project::{Decision, Project, AUTOSAVE_KEY};
use crate::views::verify::VerifyOutcome;

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// Demo, presets, import.
    Start,
    /// Competition editor.
    Competition,
    /// Results per stage.
    Results,
    /// Panel decisions and audit list.
    Decisions,
    /// Simulations.
    Simulate,
    /// Verify a published result.
    Verify,
    /// Exports and project file.
    Export,
}

impl Tab {
    /// All tabs in menu order.
    pub const ALL: [Tab; 7] = [
        Tab::Start,
        Tab::Competition,
        Tab::Results,
        Tab::Decisions,
        Tab::Simulate,
        Tab::Verify,
        Tab::Export,
    ];

    /// The URL hash of the tab.
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Start => "mulai",
            Tab::Competition => "kompetisi",
            Tab::Results => "hasil",
            Tab::Decisions => "keputusan",
            Tab::Simulate => "simulasi",
            Tab::Verify => "verifikasi",
            Tab::Export => "ekspor",
        }
    }

    /// The tab of a URL hash.
    pub fn from_slug(s: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.slug() == s)
    }

    /// Menu label.
    pub fn label(self, t: &Tr) -> &'static str {
        match self {
            Tab::Start => t.tab_start,
            Tab::Competition => t.tab_competition,
            Tab::Results => t.tab_results,
            Tab::Decisions => t.tab_decisions,
            Tab::Simulate => t.tab_simulate,
            Tab::Verify => t.tab_verify,
            Tab::Export => t.tab_export,
        }
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

/// Everything that can happen.
pub enum Msg {
    /// Switch language.
    ToggleLang,
    /// Show a tab.
    Tab(Tab),
    /// The URL hash changed (back/forward).
    HashChanged,
    /// Open the built-in synthetic demo.
    OpenDemo,
    /// The demo's files were read.
    DemoLoaded(Result<Project, Vec<Located>>),
    /// Start from preset number `n`.
    UsePreset(usize),
    /// Files chosen or dropped.
    Files(Vec<web_sys::File>),
    /// A file was read.
    FileRead(usize, String, Result<Vec<u8>, String>),
    /// Drag over the drop zone (true) or left it (false).
    Dragging(bool),
    /// Choose a worksheet of an XLSX file in the preview.
    ImportSheet(usize, String),
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
    /// Decision form: advance or not.
    DraftAdvance(bool),
    /// Decision form: reason.
    DraftReason(String),
    /// Save the decision on the selected innovation of the shown stage.
    SaveDecision,
    /// Withdraw a decision.
    Revoke(String, String),
    /// Export one kind of file.
    Export(crate::views::export::ExportKind),
    /// Export form fields.
    PublishField(&'static str, String),
    /// Write the autosave now.
    Autosave,
    /// Simulation messages.
    Sim(crate::views::simulate::SimMsg),
}

/// The app.
pub struct App {
    pub lang: Lang,
    pub tab: Tab,
    pub project: Project,
    pub computed: Option<Computed>,
    pub problems: Vec<Located>,
    pub comp_problems: Vec<Located>,
    pub import: Option<ImportState>,
    pub import_errors: Vec<Located>,
    pub notice: Option<String>,
    pub storage_error: Option<StoreError>,
    pub dragging: bool,
    pub loading: bool,
    readers: Vec<FileReader>,
    pending: Vec<Option<RawFile>>,
    pending_count: usize,
    autosave: Option<Timeout>,
    pub stage_idx: usize,
    pub search: String,
    pub filter: Filter,
    pub category: String,
    pub sort: (SortKey, bool),
    pub selected: Option<String>,
    pub trial: Option<Trial>,
    pub trial_view: Option<RunView>,
    pub draft_advance: bool,
    pub draft_reason: String,
    pub draft_error: bool,
    pub verify: Option<VerifyOutcome>,
    verify_pending: Option<(String, String)>,
    pub publisher: String,
    pub level: String,
    pub year: String,
    pub result_label: String,
    pub sim: crate::views::simulate::SimState,
    _hash_listener: Option<gloo::events::EventListener>,
}

impl App {
    /// Strings of the current language.
    pub fn t(&self) -> &'static Tr {
        tr(self.lang)
    }

    /// The run the results show: trial weights when set, else the computed one.
    pub fn shown_run(&self) -> Option<&RunView> {
        self.trial_view
            .as_ref()
            .or(self.computed.as_ref().map(|c| &c.view))
    }

    /// Recomputes everything that depends on the project.
    fn recompute(&mut self) {
        self.comp_problems = engine::validate(&self.project.inputs.competition, self.lang);
        match engine::compute(&self.project.inputs, self.lang) {
            Ok(c) => {
                self.computed = Some(c);
                self.problems.clear();
            }
            Err(p) => {
                self.problems = p;
                if self.project.inputs.competition.stages.is_empty() {
                    self.computed = None;
                }
            }
        }
        self.trial = None;
        self.trial_view = None;
        let n = self
            .computed
            .as_ref()
            .map(|c| c.view.stages.len())
            .unwrap_or(0);
        if self.stage_idx >= n {
            self.stage_idx = n.saturating_sub(1);
        }
    }

    /// Marks the project changed: recompute and schedule the autosave.
    fn changed(&mut self, ctx: &Context<Self>) {
        self.recompute();
        let link = ctx.link().clone();
        self.autosave = Some(Timeout::new(400, move || link.send_message(Msg::Autosave)));
    }

    fn replace_project(&mut self, ctx: &Context<Self>, p: Project) {
        self.project = p;
        self.selected = None;
        self.stage_idx = 0;
        self.verify = None;
        self.changed(ctx);
        // Show the last stage: its ranking is the result.
        if let Some(c) = &self.computed {
            self.stage_idx = c.view.stages.len().saturating_sub(1);
        }
    }

    fn start_demo(&mut self, ctx: &Context<Self>) {
        self.loading = true;
        let lang = self.lang;
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let res = crate::demo::load(lang).await;
            link.send_message(Msg::DemoLoaded(res));
        });
    }

    fn reread_import(&mut self) {
        if self.pending_count > 0 || self.pending.is_empty() {
            return;
        }
        let files: Vec<RawFile> = self.pending.drain(..).flatten().collect();
        self.readers.clear();
        let st = import::preview(files, &self.project, self.lang);
        self.import = Some(st);
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let lang = match browser::load("kipp-app/lang").as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Id,
        };
        let link = ctx.link().clone();
        let listener = web_sys::window().map(|w| {
            gloo::events::EventListener::new(&w, "hashchange", move |_| {
                link.send_message(Msg::HashChanged)
            })
        });
        let mut app = App {
            lang,
            tab: Tab::from_slug(&browser::hash()).unwrap_or(Tab::Results),
            project: Project::default(),
            computed: None,
            problems: Vec::new(),
            comp_problems: Vec::new(),
            import: None,
            import_errors: Vec::new(),
            notice: None,
            storage_error: None,
            dragging: false,
            loading: false,
            readers: Vec::new(),
            pending: Vec::new(),
            pending_count: 0,
            autosave: None,
            stage_idx: 0,
            search: String::new(),
            filter: Filter::All,
            category: String::new(),
            sort: (SortKey::Rank, false),
            selected: None,
            trial: None,
            trial_view: None,
            draft_advance: true,
            draft_reason: String::new(),
            draft_error: false,
            verify: None,
            verify_pending: None,
            publisher: String::new(),
            level: "kabupaten".into(),
            year: browser::year().to_string(),
            result_label: String::new(),
            sim: Default::default(),
            _hash_listener: listener,
        };
        let restored = browser::load(AUTOSAVE_KEY).and_then(|t| Project::from_json(&t).ok());
        match restored {
            Some(p) if !browser::wants_demo() => {
                app.project = p;
                app.notice = Some(app.t().restored.to_string());
            }
            _ => {
                app.start_demo(ctx);
            }
        }
        app.recompute();
        if let Some(c) = &app.computed {
            app.stage_idx = c.view.stages.len().saturating_sub(1);
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::ToggleLang => {
                self.lang = match self.lang {
                    Lang::Id => Lang::En,
                    Lang::En => Lang::Id,
                };
                let _ = browser::store("kipp-app/lang", self.lang.tag());
                self.recompute();
                if let Some(st) = self.import.take() {
                    self.import = Some(import::relabel(st, self.lang));
                }
            }
            Msg::Tab(t) => {
                self.tab = t;
                browser::set_hash(t.slug());
                browser::focus("main");
            }
            Msg::HashChanged => match Tab::from_slug(&browser::hash()) {
                Some(t) if t != self.tab => self.tab = t,
                _ => return false,
            },
            Msg::OpenDemo => {
                self.import = None;
                self.import_errors.clear();
                self.start_demo(ctx);
            }
            Msg::DemoLoaded(res) => {
                self.loading = false;
                match res {
                    Ok(p) => {
                        self.replace_project(ctx, p);
                        // Opened from the start screen: show the ranking. At
                        // page load the tab of the URL stays.
                        if self.tab == Tab::Start {
                            self.tab = Tab::Results;
                            browser::set_hash(self.tab.slug());
                        }
                    }
                    Err(e) => {
                        self.import_errors = e;
                        self.tab = Tab::Start;
                    }
                }
            }
            Msg::UsePreset(n) => {
                if let Some(p) = import::preset_project(n) {
                    self.import = None;
                    self.import_errors.clear();
                    self.replace_project(ctx, p);
                    self.tab = Tab::Competition;
                    browser::set_hash(self.tab.slug());
                }
            }
            Msg::Files(files) => {
                self.dragging = false;
                self.import = None;
                self.import_errors.clear();
                self.readers.clear();
                self.pending = vec![None; files.len()];
                self.pending_count = files.len();
                for (i, f) in files.into_iter().enumerate() {
                    let name = f.name();
                    let link = ctx.link().clone();
                    let blob = gloo::file::Blob::from(f);
                    let n2 = name.clone();
                    let reader = gloo::file::callbacks::read_as_bytes(&blob, move |res| {
                        link.send_message(Msg::FileRead(i, n2, res.map_err(|e| e.to_string())))
                    });
                    self.readers.push(reader);
                }
            }
            Msg::FileRead(i, name, res) => {
                if let Some(slot) = self.pending.get_mut(i) {
                    match res {
                        Ok(bytes) => *slot = Some(RawFile::new(name, bytes)),
                        Err(e) => {
                            self.import_errors.push(Located {
                                file: name,
                                line: 0,
                                column: 0,
                                path: String::new(),
                                message: e,
                            });
                        }
                    }
                    self.pending_count = self.pending_count.saturating_sub(1);
                }
                self.reread_import();
                let found = self
                    .import
                    .as_ref()
                    .and_then(|st| st.verify_result.clone().map(|v| (v, st.is_only_result())));
                match found {
                    // A published result alone goes to the verify screen.
                    Some(((name, text), true)) => {
                        self.verify = Some(crate::views::verify::verify(self, &name, &text));
                        self.import = None;
                        self.tab = Tab::Verify;
                        browser::set_hash(self.tab.slug());
                    }
                    // With inputs beside it: verified once they are applied.
                    other => {
                        if let Some(((name, text), false)) = other {
                            self.verify_pending = Some((name, text));
                        }
                        if self.pending_count == 0 && self.tab != Tab::Start {
                            // The preview lives on the start screen.
                            self.tab = Tab::Start;
                            browser::set_hash(self.tab.slug());
                        }
                    }
                }
            }
            Msg::Dragging(d) => {
                if self.dragging == d {
                    return false;
                }
                self.dragging = d;
            }
            Msg::ImportSheet(i, sheet) => {
                if let Some(st) = self.import.take() {
                    self.import =
                        Some(import::choose_sheet(st, i, sheet, &self.project, self.lang));
                }
            }
            Msg::ApplyImport => {
                if let Some(st) = self.import.take() {
                    match import::apply(&st, &self.project) {
                        Some(p) => {
                            self.import_errors.clear();
                            self.replace_project(ctx, p);
                            self.notice = Some(self.t().imported.to_string());
                            self.tab = Tab::Results;
                            if let Some((name, text)) = self.verify_pending.take() {
                                self.verify =
                                    Some(crate::views::verify::verify(self, &name, &text));
                                self.tab = Tab::Verify;
                            }
                            browser::set_hash(self.tab.slug());
                        }
                        None => self.import = Some(st),
                    }
                }
            }
            Msg::CancelImport => {
                self.import = None;
                self.verify_pending = None;
                self.import_errors.clear();
            }
            Msg::Edit(f) => {
                f(&mut self.project.inputs.competition);
                self.changed(ctx);
            }
            Msg::Stage(i) => {
                self.stage_idx = i;
                self.selected = None;
            }
            Msg::Search(s) => self.search = s,
            Msg::Filter(f) => self.filter = f,
            Msg::Category(c) => self.category = c,
            Msg::Sort(k) => {
                if self.sort.0 == k {
                    self.sort.1 = !self.sort.1;
                } else {
                    self.sort = (k, false);
                }
            }
            Msg::Select(id) => {
                self.draft_reason.clear();
                self.draft_error = false;
                if let (Some(id), Some(run)) = (&id, self.shown_run()) {
                    let adv = run
                        .stages
                        .get(self.stage_idx)
                        .and_then(|s| s.rows.iter().find(|r| &r.id == id))
                        .map(|r| r.advanced)
                        .unwrap_or(false);
                    self.draft_advance = !adv;
                }
                let opening = id.is_some();
                self.selected = id;
                if opening {
                    browser::focus("detail-heading");
                }
            }
            Msg::TrialWeight(s, c, w) => {
                let Some(computed) = &self.computed else {
                    return false;
                };
                let mut trial = self.trial.take().unwrap_or_else(|| computed.weights());
                if let Some(x) = trial.get_mut(s).and_then(|v| v.get_mut(c)) {
                    *x = w;
                }
                self.trial_view = computed.rank_with(&trial, self.lang);
                self.trial = Some(trial);
            }
            Msg::ApplyTrial => {
                if let Some(trial) = self.trial.take() {
                    let comp = &mut self.project.inputs.competition;
                    for (s, ws) in comp.stages.iter_mut().zip(trial.iter()) {
                        for (c, w) in s.criteria.iter_mut().zip(ws.iter()) {
                            c.weight = *w;
                        }
                    }
                    self.changed(ctx);
                }
            }
            Msg::ResetTrial => {
                self.trial = None;
                self.trial_view = None;
            }
            Msg::DraftAdvance(a) => self.draft_advance = a,
            Msg::DraftReason(r) => {
                self.draft_reason = r;
                self.draft_error = false;
            }
            Msg::SaveDecision => {
                let (Some(id), Some(c)) = (self.selected.clone(), &self.computed) else {
                    return false;
                };
                let Some(stage) = c.view.stages.get(self.stage_idx) else {
                    return false;
                };
                let recommended = stage
                    .rows
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| r.advanced)
                    .unwrap_or(false);
                let d = Decision {
                    stage: stage.id.clone(),
                    innovation: id,
                    advance: self.draft_advance,
                    reason: self.draft_reason.trim().to_string(),
                    at: browser::now_iso(),
                };
                if self.project.decide(d, recommended) {
                    self.draft_reason.clear();
                    self.draft_error = false;
                    self.notice = Some(self.t().save_decision.to_string());
                    let link = ctx.link().clone();
                    self.autosave =
                        Some(Timeout::new(400, move || link.send_message(Msg::Autosave)));
                } else {
                    self.draft_error = true;
                    browser::focus("decision-reason");
                }
            }
            Msg::Revoke(stage, id) => {
                let recommended = self
                    .computed
                    .as_ref()
                    .and_then(|c| c.view.stages.iter().find(|s| s.id == stage))
                    .and_then(|s| s.rows.iter().find(|r| r.id == id))
                    .map(|r| r.advanced)
                    .unwrap_or(false);
                self.project
                    .revoke(&stage, &id, browser::now_iso(), recommended);
                let link = ctx.link().clone();
                self.autosave = Some(Timeout::new(400, move || link.send_message(Msg::Autosave)));
            }
            Msg::Export(kind) => {
                let (name, ok) = crate::views::export::export(self, kind);
                self.notice = Some(if ok {
                    format!("{} {}", self.t().downloaded, name)
                } else {
                    format!("{}: {}", self.t().failed, name)
                });
            }
            Msg::PublishField(f, v) => match f {
                "publisher" => self.publisher = v,
                "level" => self.level = v,
                "year" => self.year = v,
                _ => self.result_label = v,
            },
            Msg::Autosave => {
                self.autosave = None;
                match browser::store(AUTOSAVE_KEY, &self.project.to_json()) {
                    Ok(()) => self.storage_error = None,
                    Err(e) => self.storage_error = Some(e),
                }
            }
            Msg::Sim(m) => return crate::views::simulate::update(self, ctx, m),
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        crate::views::shell(self, ctx)
    }

    fn rendered(&mut self, _ctx: &Context<Self>, _first: bool) {
        browser::set_doc_lang(self.lang.tag());
        browser::set_title(&format!(
            "{} — {}",
            self.tab.label(self.t()),
            self.t().app_title
        ));
    }
}
