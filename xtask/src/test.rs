//! `cargo xtask test`: every check, in order, stopping at the first failure.
//!
//! 1. setup       install what is missing (wasm target, wasm-bindgen, npm, Chromium)
//! 2. fmt         `cargo fmt --all --check`
//! 3. clippy      `cargo clippy --workspace --all-targets -- -D warnings`
//! 4. clippy-wasm the browser crates for wasm32, `-D warnings`
//! 5. deps        `cargo deny` licences, bans and sources (deny.toml)
//! 6. test        `cargo test --workspace` (native)
//! 7. fuzz        kept inputs and a short pass of every fuzz target (fuzz/)
//! 8. test-wasm   `crates/*/tests/web.rs` (wasm-bindgen-test) in headless Chromium
//! 9. dist        the static site into `dist/`, with the size budgets
//! 10. e2e        `node --test tests/`: the site in headless Chromium (playwright-core)
//!
//! It ends with one line, `kipp test: N passed, M failed`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::setup::{self, Need, Tools};
use crate::site;
use crate::util::{self, Fail};

/// The crates built for the browser; clippy checks them for wasm32 too.
const WASM_CRATES: &[&str] = &[
    "kipp-app",
    "kipp-widget",
    "kipp-ranking",
    "kipp-ui",
    "kipp-lang",
    "kipp-wasm",
    "kipp-xlsx",
];

type Step<'a> = (&'static str, Box<dyn Fn(&Tools) -> Result<(), Fail> + 'a>);

/// The names of the steps after `setup`, in order.
pub const STEPS: &[&str] = &[
    "fmt",
    "clippy",
    "clippy-wasm",
    "deps",
    "test",
    "fuzz",
    "test-wasm",
    "dist",
    "e2e",
];

/// Runs the steps named in `only` (all when empty; `setup` always runs);
/// prints the summary line last.
pub fn run_all(out: &Path, only: &[String]) -> Result<(), Fail> {
    if let Some(bad) = only.iter().find(|s| !STEPS.contains(&s.as_str())) {
        return Err(Fail::new(format!(
            "unknown step `{bad}`; the steps are: {}",
            STEPS.join(", ")
        )));
    }
    let t0 = Instant::now();
    let root = util::root();
    let tools = match setup::ensure(Need::Everything) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("\nxtask: step `setup` failed: {e}");
            println!("kipp test: 0 passed, 1 failed (setup)");
            return Err(Fail::new("setup failed"));
        }
    };
    let steps: Vec<Step> = vec![
        (
            "fmt",
            Box::new(|_| {
                util::run(util::cargo().args(["fmt", "--all", "--check"]))?;
                // fuzz/ is a workspace of its own.
                util::run(util::cargo().args([
                    "fmt",
                    "--check",
                    "--manifest-path",
                    "fuzz/Cargo.toml",
                ]))
            }),
        ),
        (
            "clippy",
            Box::new(|_| {
                util::run(util::cargo().args([
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]))
            }),
        ),
        (
            "clippy-wasm",
            Box::new(|_| {
                let mut c = util::cargo();
                c.args(["clippy", "--target", "wasm32-unknown-unknown"]);
                for k in WASM_CRATES {
                    c.args(["-p", k]);
                }
                util::run(c.args(["--", "-D", "warnings"]))
            }),
        ),
        (
            // Licences, bans and sources of every dependency (deny.toml);
            // offline: the advisory database is on GitHub (SECURITY.md).
            "deps",
            Box::new(|_| {
                // cargo deny reads `cargo metadata` of every platform: the
                // crates of other targets (Windows, WASI) are fetched first,
                // as the build never fetches them.
                util::run(util::cargo().args(["fetch", "--locked"]))?;
                util::run(util::cargo().args([
                    "deny",
                    "--offline",
                    "check",
                    "licenses",
                    "bans",
                    "sources",
                ]))
            }),
        ),
        (
            "test",
            Box::new(|_| util::run(util::cargo().args(["test", "--workspace"]))),
        ),
        (
            // The kept inputs of every fuzz target, then a short pass of each.
            "fuzz",
            Box::new(|_| {
                crate::fuzz::run(&crate::fuzz::Plan {
                    targets: Vec::new(),
                    seconds: crate::fuzz::CI_SECONDS,
                    runs: None,
                })
            }),
        ),
        ("test-wasm", Box::new(|t| wasm_tests(t, &root))),
        (
            "dist",
            Box::new(|t| site::build(t, out, site::Mode::Strict, true).map(|_| ())),
        ),
        ("e2e", Box::new(|t| e2e(t, out))),
    ];

    let steps: Vec<Step> = steps
        .into_iter()
        .filter(|(name, _)| only.is_empty() || only.iter().any(|o| o == name))
        .collect();
    let total = steps.len() + 1;
    let mut passed = 1; // setup
    for (i, (name, step)) in steps.iter().enumerate() {
        let t = Instant::now();
        eprintln!("\n==> [{}/{total}] {name}", i + 2);
        if let Err(e) = step(&tools) {
            eprintln!("\nxtask: step `{name}` failed: {e}");
            eprintln!("(total {})", util::secs(t0));
            println!("kipp test: {passed} passed, 1 failed ({name})");
            return Err(Fail::new(format!("step `{name}` failed")));
        }
        eprintln!("==> {name} ok ({})", util::secs(t));
        passed += 1;
    }
    eprintln!("\nall steps passed in {}", util::secs(t0));
    println!("kipp test: {passed} passed, 0 failed");
    Ok(())
}

/// `cargo test --target wasm32-unknown-unknown -p <crate> --test web` for each
/// crate with a `tests/web.rs`, run by wasm-bindgen-test-runner in headless
/// Chromium. The runner adds `headless`, `no-sandbox` and
/// `disable-dev-shm-usage` itself; `xtask/webdriver.json` adds the rest.
fn wasm_tests(tools: &Tools, root: &Path) -> Result<(), Fail> {
    let mut crates = Vec::new();
    for e in std::fs::read_dir(root.join("crates"))? {
        let dir = e?.path();
        if dir.join("tests/web.rs").exists() {
            if let Some(name) = dir.file_name() {
                crates.push(name.to_string_lossy().into_owned());
            }
        }
    }
    crates.sort();
    if crates.is_empty() {
        return Err(Fail::new("no crates/*/tests/web.rs found"));
    }
    for k in &crates {
        util::run(
            util::cargo()
                .args(["test", "--target", "wasm32-unknown-unknown", "-p", k])
                .args(["--test", "web"])
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner",
                )
                .env("CHROMEDRIVER", &tools.chromedriver)
                .env(
                    "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                    root.join("xtask/webdriver.json"),
                )
                .env("WASM_BINDGEN_TEST_TIMEOUT", "300"),
        )?;
    }
    Ok(())
}

/// The browser tests of `tests/` against the built site.
fn e2e(tools: &Tools, out: &Path) -> Result<(), Fail> {
    // The command line, for the tests that make files as a user would
    // (`kipp embed`); already built by the native tests.
    util::run(util::cargo().args(["build", "-q", "-p", "kipp-cli"]))?;
    util::run(
        Command::new("node")
            .args(["--test", "--test-reporter=spec", "tests/"])
            .current_dir(util::root())
            .env("KIPP_DIST", out)
            .env("KIPP_CLI", util::root().join("target/debug/kipp"))
            .env("CHROMIUM", &tools.chromium)
            .env("NODE_PATH", tools.tests_dir.join("node_modules")),
    )
}
