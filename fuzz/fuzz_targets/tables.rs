//! The innovations, scores and judges readers on any bytes, as CSV (comma
//! or semicolon, told by the reader) and JSON lists: records or located
//! problems.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The name changes nothing but messages; the reader tells the form.
    kipp_fuzz::all_tables("data.csv", data);
});
