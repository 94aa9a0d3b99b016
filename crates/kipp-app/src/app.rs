//! The app component: a [`Store`] (all state; changed only by its reduce
//! function) and the browser around it. Screens read the store through
//! [`Ctx`] and dispatch [`Action`]s; the [`Effect`]s reduce returns (save,
//! download, focus, fetch the demo, load a project) are carried out here.

use gloo::file::callbacks::FileReader;
use gloo::timers::callback::Timeout;
use kipp_session::import::RawFile;
use kipp_session::sim::SimAction;
use kipp_session::storage::{Loaded, Saver};
use kipp_session::store::{Action, Effect, Env, Store, Tab};
use kipp_ui::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::i18n::{tr, Tr};
use crate::storage;

/// What the component receives (an `Action` is large only while a whole
/// project travels in it: boxing it would copy nothing less).
#[allow(clippy::large_enum_variant)]
pub enum Msg {
    /// A store action.
    Do(Action),
    /// Files chosen or dropped.
    Files(Vec<web_sys::File>),
    /// A file was read.
    FileRead(usize, String, Result<Vec<u8>, String>),
    /// At start: the last open project as stored (or migrated), and the list.
    Restored(Restore, Vec<kipp_session::store::ProjectMeta>),
    /// A stored project was read.
    Opened(Result<Loaded, String>),
    /// The XLSX module was loaded (or not) for the `.xlsx` files among
    /// these read files.
    XlsxReady(Vec<RawFile>, Result<wasm_bindgen::JsValue, String>),
    /// An export's workbooks were written by the XLSX module (file name,
    /// the file or why not).
    Written(String, Result<kipp_session::export::Download, String>),
}

/// What the start found.
pub enum Restore {
    /// Nothing (or `?demo`): open the demo.
    Nothing,
    /// A stored project.
    Stored(Loaded),
    /// The autosave of an earlier version, not yet in IndexedDB.
    Migrated(kipp_session::project::Project),
}

/// What every screen gets: the store, the dispatcher and the texts.
pub struct Ctx<'a> {
    /// The state.
    pub s: &'a Store,
    /// Dispatch an action.
    pub d: Callback<Action>,
    /// Hand over chosen or dropped files.
    pub files: Callback<Vec<web_sys::File>>,
    /// Texts of the interface language.
    pub t: &'static Tr,
    /// Interface language (formatting).
    pub lang: Lang,
}

/// The app.
pub struct App {
    store: Store,
    saver: Saver,
    readers: Vec<FileReader>,
    pending: Vec<Option<RawFile>>,
    pending_count: usize,
    sim_timer: Option<Timeout>,
    /// The Monte Carlo under way in a Web Worker.
    sim_worker: Option<crate::worker::SimWorker>,
    judges_worker: Option<crate::worker::SimWorker>,
    /// Prepares the workers' snapshot soon after Simulasi opens.
    warm_timer: Option<Timeout>,
    /// Element to focus (and scroll into view) once the next render is on
    /// the page.
    focus: Option<&'static str>,
    _listeners: Vec<gloo::events::EventListener>,
}

fn env() -> Env {
    Env {
        now_iso: browser::now_iso,
        now_ms: js_sys::Date::now,
        new_id: browser::new_id,
    }
}

impl App {
    fn run(&mut self, ctx: &Context<Self>, fx: Vec<Effect>) {
        if !self.store.sim.in_worker {
            // finished, failed or cancelled: stop the worker
            self.sim_worker = None;
        }
        if !self.store.sim.judges_running {
            self.judges_worker = None;
        }
        for e in fx {
            match e {
                Effect::Save => self.save(ctx),
                Effect::Download(d) => {
                    if !browser::download(&d.name, d.mime, &d.bytes) {
                        let n = d.name.clone();
                        let more = self
                            .store
                            .reduce(Action::Saved(Err(format!("download: {n}"))));
                        self.run(ctx, more);
                    }
                }
                Effect::DownloadXlsx(x) => {
                    if !crate::xlsx::loaded() {
                        let _ = self.store.reduce(Action::XlsxLoading);
                    }
                    let link = ctx.link().clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let name = x.name.clone();
                        let res = match crate::xlsx::module().await {
                            Ok(m) => x.write(|spec| crate::xlsx::write(&m, spec)),
                            Err(e) => Err(e),
                        };
                        link.send_message(Msg::Written(name, res));
                    });
                }
                Effect::Focus(id) => self.focus = Some(id),
                Effect::SaveReportHtml(name) => {
                    let ok = browser::report_html(include_str!("report.css"))
                        .map(|html| {
                            browser::download(&name, "text/html;charset=utf-8", html.as_bytes())
                        })
                        .unwrap_or(false);
                    let more = self.store.reduce(if ok {
                        Action::Downloaded(name)
                    } else {
                        Action::Saved(Err(format!("download: {name}")))
                    });
                    self.run(ctx, more);
                }
                Effect::Print => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                }
                Effect::SetHash(h) => browser::set_hash(h),
                Effect::StoreLang => {
                    let _ = browser::store("kipp-app/lang", self.lang().tag());
                }
                Effect::LoadDemo => {
                    let lang = self.store.lang;
                    let link = ctx.link().clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let res = crate::demo::load(lang).await;
                        link.send_message(Msg::Do(Action::DemoLoaded(res)));
                    });
                }
                Effect::ScheduleSim => {
                    let link = ctx.link().clone();
                    self.sim_timer = Some(Timeout::new(0, move || {
                        link.send_message(Msg::Do(Action::Sim(SimAction::Slice {
                            budget_ms: 40.0,
                        })))
                    }));
                }
                Effect::StartSim {
                    job,
                    snapshot,
                    options,
                } => {
                    let link = ctx.link().clone();
                    let to = Callback::from(move |a| link.send_message(Msg::Do(Action::Sim(a))));
                    let n = crate::worker::count(options.draws);
                    match crate::worker::start(job, snapshot, &options, self.lang(), n, to) {
                        Ok(w) => self.sim_worker = Some(w),
                        Err(why) => {
                            self.sim_worker = None;
                            let more = self.store.reduce(Action::Sim(SimAction::Finished {
                                job,
                                result: Err(why),
                            }));
                            self.run(ctx, more);
                        }
                    }
                }
                Effect::CancelSim => self.sim_worker = None,
                Effect::StartJudges { job, snapshot } => {
                    let link = ctx.link().clone();
                    let to = Callback::from(move |a| link.send_message(Msg::Do(Action::Sim(a))));
                    match crate::worker::judges(job, snapshot, self.lang(), to) {
                        Ok(w) => self.judges_worker = Some(w),
                        Err(why) => {
                            self.judges_worker = None;
                            let more = self.store.reduce(Action::Sim(SimAction::JudgesFinished {
                                job,
                                result: Err(why),
                            }));
                            self.run(ctx, more);
                        }
                    }
                }
                Effect::ListProjects => {
                    let link = ctx.link().clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Ok(list) = storage::list().await {
                            link.send_message(Msg::Do(Action::ProjectsListed(list)));
                        }
                    });
                }
                Effect::LoadProject(id) => {
                    let link = ctx.link().clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        link.send_message(Msg::Opened(storage::read(&id).await));
                    });
                }
                Effect::DeleteProject(id) => {
                    let link = ctx.link().clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = storage::delete(&id).await;
                        if let Ok(list) = storage::list().await {
                            link.send_message(Msg::Do(Action::ProjectsListed(list)));
                        }
                    });
                }
            }
        }
    }

    fn save(&mut self, ctx: &Context<Self>) {
        if self.store.project.id.is_empty() {
            return;
        }
        let w = self.saver.write(&self.store.project);
        let meta = w.meta.clone();
        if let Some(m) = self.store.projects.iter_mut().find(|m| m.id == meta.id) {
            *m = meta;
        } else {
            self.store.projects.insert(0, meta);
        }
        self.store.save = kipp_session::store::SaveState::Saving;
        let link = ctx.link().clone();
        storage::write(w, move |r| link.send_message(Msg::Do(Action::Saved(r))));
    }

    fn lang(&self) -> Lang {
        self.store.lang
    }

    fn all_read(&mut self, ctx: &Context<Self>) {
        if self.pending_count > 0 || self.pending.is_empty() {
            return;
        }
        let files: Vec<RawFile> = self.pending.drain(..).flatten().collect();
        self.readers.clear();
        if files.iter().any(|f| crate::xlsx::needs_module(&f.bytes)) {
            // Workbooks are read by the XLSX module, loaded on first use.
            if !crate::xlsx::loaded() {
                let _ = self.store.reduce(Action::XlsxLoading);
            }
            let link = ctx.link().clone();
            wasm_bindgen_futures::spawn_local(async move {
                let m = crate::xlsx::module().await;
                link.send_message(Msg::XlsxReady(files, m));
            });
            return;
        }
        let fx = self.store.reduce(Action::Files(files));
        self.run(ctx, fx);
    }

    /// The read files with every `.xlsx` file read by the module `m`; a
    /// file it could not read is reported in the import's problems and
    /// left out (nothing else changes).
    fn workbooks_read(
        &mut self,
        ctx: &Context<Self>,
        files: Vec<RawFile>,
        m: Result<wasm_bindgen::JsValue, String>,
    ) {
        let mut ok = Vec::with_capacity(files.len());
        let mut failed = Vec::new();
        for f in files {
            if !crate::xlsx::needs_module(&f.bytes) {
                ok.push(f);
                continue;
            }
            match m
                .as_ref()
                .map_err(String::clone)
                .and_then(|m| crate::xlsx::read(m, &f.bytes))
            {
                Ok(book) => ok.push(RawFile::new(f.name, book)),
                Err(why) => failed.push((f.name, why)),
            }
        }
        if !ok.is_empty() {
            let fx = self.store.reduce(Action::Files(ok));
            self.run(ctx, fx);
        }
        let t = tr(self.lang());
        for (name, why) in failed {
            let _ = self.store.reduce(Action::ReadFailed(
                name,
                format!("{} ({why})", t.xlsx_failed),
            ));
        }
    }
}

/// Finds the last open project (or migrates the old autosave).
async fn restore(wants_demo: bool) -> Msg {
    let list = match storage::open().await {
        Ok(_) => storage::list().await.unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    if wants_demo {
        return Msg::Restored(Restore::Nothing, list);
    }
    if let Some(id) = browser::load(storage::CURRENT_KEY) {
        if let Ok(l) = storage::read(&id).await {
            return Msg::Restored(Restore::Stored(l), list);
        }
    }
    // The autosave of earlier versions becomes a project once.
    if let Some(mut p) = browser::load(storage::OLD_AUTOSAVE_KEY)
        .and_then(|t| kipp_session::project::Project::from_json(&t).ok())
    {
        browser::remove(storage::OLD_AUTOSAVE_KEY);
        if p.id.is_empty() {
            p.id = browser::new_id();
        }
        return Msg::Restored(Restore::Migrated(p), list);
    }
    match list.first() {
        Some(m) => match storage::read(&m.id).await {
            Ok(l) => Msg::Restored(Restore::Stored(l), list),
            Err(_) => Msg::Restored(Restore::Nothing, list),
        },
        None => Msg::Restored(Restore::Nothing, list),
    }
}

/// A stored list older than its core: said plainly (the lists are used as stored).
fn stale_notice(l: &Loaded) -> Option<Action> {
    (!l.stale.is_empty()).then(|| {
        Action::Saved(Err(format!(
            "belum tersimpan / not saved: {}",
            l.stale.join(", ")
        )))
    })
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let lang =
            kipp_session::Lang::from_tag(&browser::load("kipp-app/lang").unwrap_or_default());
        let tab = Tab::from_slug(&browser::hash()).unwrap_or(Tab::Results);
        let mut store = Store::new(lang, tab, env());
        store.loading = true;
        let mut listeners = Vec::new();
        if let Some(w) = web_sys::window() {
            let link = ctx.link().clone();
            listeners.push(gloo::events::EventListener::new(
                &w,
                "hashchange",
                move |_| link.send_message(Msg::Do(Action::HashChanged(browser::hash()))),
            ));
            let link = ctx.link().clone();
            listeners.push(gloo::events::EventListener::new(&w, "keydown", move |e| {
                if let Some(a) = e
                    .dyn_ref::<web_sys::KeyboardEvent>()
                    .and_then(browser::undo_key)
                {
                    e.prevent_default();
                    link.send_message(Msg::Do(a));
                }
            }));
        }
        let link = ctx.link().clone();
        let demo = browser::wants_demo();
        wasm_bindgen_futures::spawn_local(async move {
            link.send_message(restore(demo).await);
        });
        App {
            store,
            saver: Saver::default(),
            readers: Vec::new(),
            pending: Vec::new(),
            pending_count: 0,
            sim_timer: None,
            sim_worker: None,
            judges_worker: None,
            warm_timer: None,
            focus: None,
            _listeners: listeners,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Restored(r, list) => {
                self.store.loading = false;
                let (p, stale, migrated) = match r {
                    Restore::Nothing => (None, None, false),
                    Restore::Stored(l) => {
                        // What is in storage needs no rewrite until it changes.
                        self.saver = l.saver();
                        let stale = stale_notice(&l);
                        (Some(l.project), stale, false)
                    }
                    Restore::Migrated(p) => (Some(p), None, true),
                };
                let fx = self.store.reduce(Action::Restored(p, list));
                self.run(ctx, fx);
                if migrated {
                    self.save(ctx);
                }
                if let Some(a) = stale {
                    let _ = self.store.reduce(a);
                }
            }
            Msg::Opened(r) => {
                let (r, stale) = match r {
                    Ok(l) => {
                        self.saver = l.saver();
                        let stale = stale_notice(&l);
                        (Ok(l.project), stale)
                    }
                    Err(e) => (Err(e), None),
                };
                let fx = self.store.reduce(Action::ProjectLoaded(r));
                self.run(ctx, fx);
                if let Some(a) = stale {
                    let _ = self.store.reduce(a);
                }
            }
            Msg::Do(Action::HashChanged(h)) => {
                if Tab::from_slug(&h) == Some(self.store.tab) {
                    return false;
                }
                let fx = self.store.reduce(Action::HashChanged(h));
                self.run(ctx, fx);
            }
            Msg::Do(Action::Dragging(d)) if d == self.store.dragging => return false,
            Msg::Do(a) => {
                let fx = self.store.reduce(a);
                self.run(ctx, fx);
                if self.store.tab == kipp_session::store::Tab::Simulate && self.warm_timer.is_none()
                {
                    // Make the workers' copy of the project while the officer
                    // reads the options, not when Run is pressed (a 100 ms
                    // task at national scale; made once per run).
                    let link = ctx.link().clone();
                    self.warm_timer = Some(Timeout::new(300, move || {
                        link.send_message(Msg::Do(Action::Sim(SimAction::Warm)))
                    }));
                } else if self.store.tab != kipp_session::store::Tab::Simulate {
                    self.warm_timer = None;
                }
            }
            Msg::Files(files) => {
                let _ = self.store.reduce(Action::Dragging(false));
                let _ = self.store.reduce(Action::Reading);
                self.readers.clear();
                // A file too large for the browser is said at once and not
                // read (reading it could take the tab's memory).
                let files: Vec<web_sys::File> = files
                    .into_iter()
                    .filter(|f| {
                        let size = f.size() as u64;
                        let fits = kipp_session::files::fits(size);
                        if !fits {
                            let _ = self.store.reduce(Action::TooLarge(f.name(), size));
                        }
                        fits
                    })
                    .collect();
                if files.is_empty() {
                    return true;
                }
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
                return false;
            }
            Msg::XlsxReady(files, m) => self.workbooks_read(ctx, files, m),
            Msg::Written(name, res) => {
                let a = match res {
                    Ok(d) if browser::download(&d.name, d.mime, &d.bytes) => {
                        Action::Downloaded(d.name)
                    }
                    Ok(d) => Action::Saved(Err(format!("download: {}", d.name))),
                    Err(why) => Action::ExportFailed(
                        name,
                        format!("{} ({why})", tr(self.lang()).xlsx_write_failed),
                    ),
                };
                let fx = self.store.reduce(a);
                self.run(ctx, fx);
            }
            Msg::FileRead(i, name, res) => {
                if let Some(slot) = self.pending.get_mut(i) {
                    match res {
                        Ok(bytes) => *slot = Some(RawFile::new(name, bytes)),
                        Err(e) => {
                            let _ = self.store.reduce(Action::ReadFailed(name, e));
                        }
                    }
                    self.pending_count = self.pending_count.saturating_sub(1);
                }
                self.all_read(ctx);
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let c = Ctx {
            s: &self.store,
            d: ctx.link().callback(Msg::Do),
            files: ctx.link().callback(Msg::Files),
            t: tr(self.lang()),
            lang: self.lang(),
        };
        crate::views::shell(&c)
    }

    fn rendered(&mut self, _ctx: &Context<Self>, first: bool) {
        if first {
            // The page's plain-HTML loading note (www/index.html) has done its job.
            if let Some(el) = gloo::utils::document().get_element_by_id("kipp-loading") {
                el.remove();
            }
        }
        if let Some(id) = self.focus.take() {
            // After the render: the element exists now (a detail panel just
            // opened), so focus reaches it and it is scrolled into view.
            browser::focus_into_view(id);
        }
        browser::set_doc_lang(self.lang().tag());
        let t = tr(self.lang());
        browser::set_title(&format!(
            "{} — {}",
            crate::views::tab_label(self.store.tab, t),
            t.app_title
        ));
        if first {
            // Keep the journal current when the page goes away.
            let listen = |ev: &'static str| {
                web_sys::window().map(|w| {
                    gloo::events::EventListener::new(&w, ev, move |_| {
                        storage::flush_journal();
                    })
                })
            };
            if let Some(l) = listen("pagehide") {
                self._listeners.push(l);
            }
            if let Some(w) = web_sys::window() {
                if let Some(doc) = w.document() {
                    self._listeners.push(gloo::events::EventListener::new(
                        &doc,
                        "visibilitychange",
                        |_| storage::flush_journal(),
                    ));
                }
            }
        }
    }
}
