//! The competition reader (§1.1) on any bytes: a competition the engine
//! accepts, or located problems.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match kipp_formats::parse_competition_with_source("competition.json", data) {
        Ok((c, _)) => {
            // What the reader accepts, the engine's own check accepts.
            assert!(kipp_score::validate_competition(&c).is_empty());
        }
        Err(p) => kipp_fuzz::check_problems(&p),
    }
});
