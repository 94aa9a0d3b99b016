//! Projects in IndexedDB (database `kipp`), laid out as
//! [`kipp_session::storage`] says: `meta` (the project list), `core` (a
//! project without its large lists) and `parts` (`<id>/innovations`,
//! `<id>/scores`, `<id>/judges`, each `[rev, json]`; the scores `[rev, head,
//! Uint32Array, Float64Array]`, see [`storage::Part`]). The open project's core
//! is also kept in `localStorage` (the journal), written synchronously, so a
//! reload right after a change loses nothing.

use std::cell::RefCell;
use std::rc::Rc;

use idb::{Database, DatabaseEvent, Factory, KeyPath, ObjectStoreParams, TransactionMode};
use kipp_session::storage::{self, Loaded, Part, Write};
use kipp_session::store::ProjectMeta;
use wasm_bindgen::{JsCast, JsValue};

const DB_NAME: &str = "kipp";
const STORES: [&str; 3] = ["meta", "core", "parts"];
const PARTS: [&str; 3] = ["innovations", "scores", "judges"];
/// `localStorage` key of the open project's id.
pub const CURRENT_KEY: &str = "kipp-app/current";
/// `localStorage` key of the journal (the open project's core).
pub const JOURNAL_KEY: &str = "kipp-app/journal";
/// The localStorage autosave of app versions before projects (migrated once).
pub const OLD_AUTOSAVE_KEY: &str = "kipp-app/project/v1";

thread_local! {
    static DB: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
    /// The last core whose journal write failed (written again on pagehide).
    static UNWRITTEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Opens (and on first use creates) the database.
pub async fn open() -> Result<Rc<Database>, String> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = Factory::new().map_err(err)?;
    let mut req = factory.open(DB_NAME, Some(1)).map_err(err)?;
    req.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            let names = db.store_names();
            for s in STORES {
                if !names.iter().any(|n| n == s) {
                    let mut params = ObjectStoreParams::new();
                    params.key_path(None::<KeyPath>);
                    let _ = db.create_object_store(s, params);
                }
            }
        }
    });
    let db = Rc::new(req.await.map_err(err)?);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// The project list, newest change first.
pub async fn list() -> Result<Vec<ProjectMeta>, String> {
    let db = open().await?;
    let tx = db
        .transaction(&["meta"], TransactionMode::ReadOnly)
        .map_err(err)?;
    let store = tx.object_store("meta").map_err(err)?;
    let values = store.get_all(None, None).map_err(err)?.await.map_err(err)?;
    let mut out: Vec<ProjectMeta> = values
        .iter()
        .filter_map(|v| v.as_string())
        .filter_map(|t| serde_json::from_str(&t).ok())
        .collect();
    out.sort_by(|a, b| b.changed.cmp(&a.changed));
    Ok(out)
}

/// Writes one save: the journal at once (synchronously), then the records in
/// one IndexedDB transaction. Calls `done` when the transaction ended.
pub fn write(w: Write, done: impl FnOnce(Result<(), String>) + 'static) {
    if kipp_ui::crash::panicked() {
        // After a bug the state may be half-changed: what is stored stays.
        done(Err("kipp stopped after an internal error".into()));
        return;
    }
    journal(&w.core);
    let _ = crate::browser::store(CURRENT_KEY, &w.id);
    let Some(db) = DB.with(|d| d.borrow().clone()) else {
        done(Err("IndexedDB".into()));
        return;
    };
    let run = || -> Result<idb::Transaction, String> {
        let tx = db
            .transaction(&STORES, TransactionMode::ReadWrite)
            .map_err(err)?;
        let meta = serde_json::to_string(&w.meta).map_err(err)?;
        tx.object_store("meta")
            .map_err(err)?
            .put(&JsValue::from_str(&meta), Some(&JsValue::from_str(&w.id)))
            .map_err(err)?;
        tx.object_store("core")
            .map_err(err)?
            .put(&JsValue::from_str(&w.core), Some(&JsValue::from_str(&w.id)))
            .map_err(err)?;
        let parts = tx.object_store("parts").map_err(err)?;
        for p in &w.parts {
            let rec = js_sys::Array::new();
            rec.push(&JsValue::from_f64(p.rev as f64));
            rec.push(&JsValue::from_str(&p.json));
            if !p.values.is_empty() || !p.index.is_empty() {
                // The scores' numbers as typed arrays: copied, not encoded.
                rec.push(&js_sys::Uint32Array::from(&p.index[..]));
                rec.push(&js_sys::Float64Array::from(&p.values[..]));
            }
            let key = format!("{}/{}", w.id, p.name);
            parts
                .put(&rec.into(), Some(&JsValue::from_str(&key)))
                .map_err(err)?;
        }
        Ok(tx)
    };
    match run() {
        Ok(tx) => wasm_bindgen_futures::spawn_local(async move {
            let r = match tx.await {
                Ok(idb::TransactionResult::Committed) => Ok(()),
                Ok(idb::TransactionResult::Aborted) => Err("aborted".to_string()),
                Err(e) => Err(err(e)),
            };
            done(r);
        }),
        Err(e) => done(Err(e)),
    }
}

/// Writes the journal (the open project's core) to `localStorage`.
pub fn journal(core: &str) {
    if kipp_ui::crash::panicked() {
        return;
    }
    let failed = crate::browser::store(JOURNAL_KEY, core).is_err();
    UNWRITTEN.with(|u| *u.borrow_mut() = failed.then(|| core.to_string()));
}

/// On `pagehide` / `visibilitychange`: a journal write that failed is tried
/// once more (every change is already written when it happens).
pub fn flush_journal() {
    if let Some(core) = UNWRITTEN.with(|u| u.borrow_mut().take()) {
        journal(&core);
    }
}

/// Reads a stored project (with the journal when it is about this project).
pub async fn read(id: &str) -> Result<Loaded, String> {
    let db = open().await?;
    let tx = db
        .transaction(&["core", "parts"], TransactionMode::ReadOnly)
        .map_err(err)?;
    let core = tx
        .object_store("core")
        .map_err(err)?
        .get(JsValue::from_str(id))
        .map_err(err)?
        .await
        .map_err(err)?
        .and_then(|v| v.as_string());
    let store = tx.object_store("parts").map_err(err)?;
    let mut parts: Vec<Part> = Vec::new();
    for name in PARTS {
        let key = format!("{id}/{name}");
        if let Some(v) = store
            .get(JsValue::from_str(&key))
            .map_err(err)?
            .await
            .map_err(err)?
        {
            let arr = js_sys::Array::from(&v);
            let rev = arr.get(0).as_f64().unwrap_or(0.0) as u64;
            let json = arr.get(1).as_string().unwrap_or_default();
            let index = arr
                .get(2)
                .dyn_into::<js_sys::Uint32Array>()
                .map(|a| a.to_vec())
                .unwrap_or_default();
            let values = arr
                .get(3)
                .dyn_into::<js_sys::Float64Array>()
                .map(|a| a.to_vec())
                .unwrap_or_default();
            parts.push(Part {
                name,
                rev,
                json,
                index,
                values,
            });
        }
    }
    let journal = crate::browser::load(JOURNAL_KEY);
    storage::load(core.as_deref(), journal.as_deref(), &parts)
}

/// Deletes a stored project.
pub async fn delete(id: &str) -> Result<(), String> {
    let db = open().await?;
    let tx = db
        .transaction(&STORES, TransactionMode::ReadWrite)
        .map_err(err)?;
    for s in ["meta", "core"] {
        tx.object_store(s)
            .map_err(err)?
            .delete(JsValue::from_str(id))
            .map_err(err)?;
    }
    let parts = tx.object_store("parts").map_err(err)?;
    for name in PARTS {
        parts
            .delete(JsValue::from_str(&format!("{id}/{name}")))
            .map_err(err)?;
    }
    tx.await.map_err(err)?;
    Ok(())
}
