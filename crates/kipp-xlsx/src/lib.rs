//! The organiser app's XLSX module: reading and writing `.xlsx` files
//! (calamine, rust_xlsxwriter, zip, quick-xml, encoding_rs) kept out of the
//! app's first download and loaded on first use (ARCHITECTURE.md, "The
//! XLSX module"). Two functions, bytes in and bytes out:
//!
//! - `readWorkbook(Uint8Array) -> Uint8Array`: the file read into
//!   kipp-formats' neutral [`kipp_formats::Workbook`], as
//!   [`kipp_formats::Workbook::to_bytes`] (never throws: a file that cannot
//!   be read carries the reader's message, located by the app's readers
//!   exactly as natively);
//! - `writeWorkbook(string) -> Uint8Array`: a [`kipp_formats::WorkbookSpec`]
//!   as JSON written as `.xlsx` bytes (throws the writer's message).
//!
//! Both run the code the CLI runs (kipp-formats with its `xlsx` feature),
//! so the app's results and messages are the CLI's.

use wasm_bindgen::prelude::*;

/// Reads an `.xlsx` file into the neutral workbook's bytes.
#[wasm_bindgen(js_name = readWorkbook)]
pub fn read_workbook(bytes: &[u8]) -> Vec<u8> {
    kipp_formats::read_workbook(bytes).to_bytes()
}

/// Writes a workbook spec (JSON) as `.xlsx` bytes.
#[wasm_bindgen(js_name = writeWorkbook)]
pub fn write_workbook(spec: &str) -> Result<Vec<u8>, JsValue> {
    let spec: kipp_formats::WorkbookSpec = serde_json::from_str(spec)
        .map_err(|e| JsValue::from_str(&format!("workbook spec: {e}")))?;
    kipp_formats::write_workbook(&spec).map_err(|e| JsValue::from_str(&e))
}
