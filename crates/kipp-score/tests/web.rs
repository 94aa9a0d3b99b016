//! Native == wasm32, bit for bit: the values the engine's arithmetic rests on.
//!
//! This file runs twice: natively with `cargo test` and in headless Chromium
//! with `cargo xtask test` (`cargo test --target wasm32-unknown-unknown -p
//! kipp-score --test web`, wasm-bindgen-test-runner). Each expected bit
//! pattern was computed natively on x86_64, so a pass on both targets means
//! both give the same bits. Add engine-level checks (a whole ranking's scores
//! and digest) here as well: every test in this file runs on both targets.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// `libm` gives the same bits on every target (the platform's own `exp` may
/// not: x86_64 glibc rounds `exp(1)` one ulp differently from libm).
#[test]
fn libm_transcendentals_have_fixed_bits() {
    let cases: [(&str, f64, u64); 6] = [
        ("exp(1)", libm::exp(1.0), 0x4005_BF0A_8B14_576A),
        ("log(10)", libm::log(10.0), 0x4002_6BB1_BBB5_5516),
        ("pow(1.1, 2.5)", libm::pow(1.1, 2.5), 0x3FF4_4E10_8083_3B25),
        (
            "exp(-0.5 * 1.7 * 1.7)",
            libm::exp(-0.5 * 1.7 * 1.7),
            0x3FCE_2CED_6C7B_DF1D,
        ),
        ("log1p(1e-10)", libm::log1p(1e-10), 0x3DDB_7CDF_D9D1_D693),
        ("sqrt(2)", libm::sqrt(2.0), 0x3FF6_A09E_667F_3BCD),
    ];
    for (name, value, bits) in cases {
        assert_eq!(
            value.to_bits(),
            bits,
            "{name} = {value:e} (bits {:#018X}, expected {bits:#018X})",
            value.to_bits()
        );
    }
}

/// Sums in a fixed order give fixed bits; another order gives other bits,
/// which is why the engine never sums in hash-map or parallel order.
#[test]
fn fixed_order_sums_have_fixed_bits() {
    let xs = [0.1, 0.7, 1e16, -1e16, 0.2, 1.0 / 3.0, 2.5e-8];
    let forward = xs.iter().fold(0.0_f64, |a, x| a + x);
    let backward = xs.iter().rev().fold(0.0_f64, |a, x| a + x);
    assert_eq!(forward.to_bits(), 0x3FE1_1111_1E7D_0A5E, "{forward:e}");
    assert_eq!(backward.to_bits(), 0x3FE9_9999_9999_9999, "{backward:e}");
}

/// Issue 16's regression cases of the engine (tests/limits.rs), here in the
/// browser; natively they run on their own.
#[cfg(target_arch = "wasm32")]
#[path = "limits.rs"]
mod limits;
