//! The published ranking of `<kipp-ranking>` on any bytes: checked as the
//! widget checks it, then every stage's entries, the consistency check and
//! the what-if with the published weights, one doubled and one at zero.
#![no_main]
use kipp_fuzz::ranking::{self, RankingFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = serde_json::from_slice::<RankingFile>(data) else {
        return;
    };
    let r = match ranking::check(file) {
        Ok(r) => r,
        Err(e) => {
            assert!(!e.message(false).is_empty() && !e.message(true).is_empty());
            return;
        }
    };
    let _ = r.inconsistencies();
    for (i, st) in r.competition.stages.iter().enumerate().take(4) {
        let _ = r.entries(i);
        let base: Vec<f64> = st.criteria.iter().map(|c| c.weight).collect();
        let mut variants = vec![base.clone()];
        if !base.is_empty() {
            let mut up = base.clone();
            up[0] *= 2.0;
            let mut zero = base.clone();
            zero[0] = 0.0;
            variants.push(up);
            variants.push(zero);
        }
        for w in variants {
            if let Some(rows) = r.simulate(i, &w) {
                for row in rows {
                    for v in [row.score, row.raw, row.bonus].into_iter().flatten() {
                        assert!(v.is_finite(), "{v}");
                    }
                }
            }
        }
    }
});
