//! kipp-wasm
