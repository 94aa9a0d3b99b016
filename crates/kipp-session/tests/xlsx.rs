//! The app's XLSX path through the session: the officer workbook read by
//! the module (kipp-formats' neutral `Workbook` bytes) imports to the same
//! project as the file itself, and exports whose workbooks the module
//! writes (specs as JSON) are the bytes the session writes natively.

use kipp_session::export::{self, ExportKind, Made, Publish};
use kipp_session::import::RawFile;
use kipp_session::store::{Action, Env, Store, Tab};
use kipp_session::Lang;

fn env() -> Env {
    Env {
        now_iso: || "2026-12-01T21:00:00+07:00".to_string(),
        now_ms: || 0.0,
        new_id: || "p1".to_string(),
    }
}

fn officer_files(through_module: bool) -> Vec<RawFile> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/officer");
    ["competition.json", "KIPP_Banyumas_2020.xlsx"]
        .iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(n)).unwrap();
            let bytes = if through_module && n.ends_with(".xlsx") {
                kipp_formats::read_workbook(&bytes).to_bytes()
            } else {
                bytes
            };
            RawFile::new(n.to_string(), bytes)
        })
        .collect()
}

fn imported(files: Vec<RawFile>) -> Store {
    let mut s = Store::new(Lang::Id, Tab::Start, env());
    s.reduce(Action::NewProject);
    s.reduce(Action::Files(files));
    let st = s.import.as_ref().expect("a preview");
    assert!(st.errors.is_empty(), "import problems: {:?}", st.errors);
    s.reduce(Action::ApplyImport);
    s
}

/// The module's writer: the spec goes as JSON.
fn module_writer(spec: &kipp_formats::WorkbookSpec) -> Result<Vec<u8>, String> {
    let json = serde_json::to_string(spec).map_err(|e| e.to_string())?;
    let back: kipp_formats::WorkbookSpec =
        serde_json::from_str(&json).map_err(|e| e.to_string())?;
    kipp_formats::write_workbook(&back)
}

#[test]
fn the_officer_workbook_imports_the_same_through_the_module() {
    let direct = imported(officer_files(false));
    let via = imported(officer_files(true));
    assert_eq!(via.project.inputs.innovations.len(), 107);
    assert_eq!(direct.project.inputs, via.project.inputs);
    assert_eq!(
        direct.computed.as_ref().map(|c| c.result.digest.clone()),
        via.computed.as_ref().map(|c| c.result.digest.clone())
    );
}

#[test]
fn templates_written_by_the_module_are_the_native_bytes() {
    let s = imported(officer_files(true));
    let c = s.computed.as_deref();
    let native = kipp_session::progress::templates(&s.project, c, 0, Lang::Id).unwrap();
    let x = kipp_session::progress::templates_unwritten(&s.project, c, 0, Lang::Id).unwrap();
    assert_eq!(x.write(module_writer).unwrap(), native);
    // A writer that fails: the export fails, with its message.
    let x = kipp_session::progress::templates_unwritten(&s.project, c, 0, Lang::Id).unwrap();
    assert_eq!(
        x.write(|_| Err("no module".into())),
        Err("no module".to_string())
    );
    // The results workbook is a spec to write too.
    let made = export::make(
        &s.project,
        c,
        &Publish::default(),
        ExportKind::Xlsx,
        Lang::En,
        "2026-12-01",
    )
    .unwrap();
    let Made::Xlsx(x) = made else {
        panic!("the results XLSX waits for a writer")
    };
    let d = x.write(module_writer).unwrap();
    assert!(d.name.ends_with("-hasil.xlsx") && d.bytes.starts_with(b"PK"));
    let sheets = kipp_formats::list_sheets(&d.name, &d.bytes).unwrap();
    assert_eq!(sheets.last().map(String::as_str), Some("summary"));
}
