//! `cargo xtask fuzz`: the cargo-fuzz targets of `fuzz/` (docs/fuzzing.md).
//!
//! For each target: its kept inputs (`fuzz/regressions/<target>/`, inputs
//! that once failed, and `fuzz/seeds/<target>/`, a minimised corpus) are run
//! once each, then libFuzzer mutates for the time asked, starting from the
//! local corpus (`fuzz/corpus/<target>/`, not committed) filled with the
//! seeds and the project's own data files. A failing input is left in
//! `fuzz/artifacts/<target>/`; after the fix it goes into `regressions/`.
//!
//! The test step runs every target for [`CI_SECONDS`] (a minute in all).

use std::collections::VecDeque;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::util::{self, Context, Fail};

/// The targets, and the project files their corpus starts from.
pub const TARGETS: &[(&str, &[&str])] = &[
    (
        "competition",
        &[
            "data/vectors/*/competition.json",
            "data/presets/*.json",
            "data/officer/competition.json",
            "www/demo/competition.json",
        ],
    ),
    (
        "tables",
        &[
            "data/vectors/*/innovations.*",
            "data/vectors/*/judges.*",
            "data/vectors/*/scores.*",
            "www/demo/*.csv",
        ],
    ),
    ("csv_dialects", &[]),
    ("xlsx", &["data/officer/*.xlsx"]),
    (
        "nominees",
        &["data/nominees-sample.json", "www/widget/*nominees*.json"],
    ),
    ("ranking", &["www/widget/ranking.json"]),
    ("pipeline", &[]),
];

/// Seconds per target in `cargo xtask test` (seven targets: about a minute).
pub const CI_SECONDS: u64 = 8;

/// The cargo-fuzz that builds and runs the targets.
const CARGO_FUZZ: &str = "0.13.2";

/// How long a single input may take before libFuzzer calls it a hang.
const HANG_SECONDS: u32 = 10;

/// What `cargo xtask fuzz` was asked.
pub struct Plan {
    /// Targets (all when empty).
    pub targets: Vec<String>,
    /// Seconds of mutation per target.
    pub seconds: u64,
    /// Or: executions per target (overrides `seconds`).
    pub runs: Option<u64>,
}

/// Installs cargo-fuzz when missing (pinned).
pub fn ensure_cargo_fuzz() -> Result<(), Fail> {
    let ok = util::output(Command::new("cargo-fuzz").arg("--version"))
        .map(|v| v.split_whitespace().nth(1) == Some(CARGO_FUZZ))
        .unwrap_or(false);
    if ok {
        eprintln!("setup: cargo-fuzz {CARGO_FUZZ} ok");
        return Ok(());
    }
    eprintln!("setup: installing cargo-fuzz {CARGO_FUZZ} (two minutes, once)");
    util::run(util::cargo().args([
        "install",
        "cargo-fuzz",
        "--locked",
        "--force",
        "--version",
        CARGO_FUZZ,
    ]))
}

/// `cargo fuzz` with the toolchain it needs: nightly when rustup has it,
/// else stable told to accept the instrumentation flags (RUSTC_BOOTSTRAP).
fn cargo_fuzz(dir: &Path) -> Command {
    let mut c = Command::new("cargo-fuzz");
    c.current_dir(dir);
    // `cargo xtask` runs under stable's cargo, whose variables would pin
    // the toolchain of every cargo cargo-fuzz starts.
    c.env_remove("CARGO")
        .env_remove("RUSTC")
        .env_remove("RUSTUP_TOOLCHAIN");
    let nightly =
        util::output(Command::new("rustup").args(["run", "nightly", "rustc", "--version"]))
            .is_some();
    if nightly {
        c.env("RUSTUP_TOOLCHAIN", "nightly");
    } else {
        c.env("RUSTUP_TOOLCHAIN", "stable")
            .env("RUSTC_BOOTSTRAP", "1");
    }
    c
}

/// Copies the files matching `pattern` (one `*` per path part) into `dir`.
fn copy_matching(root: &Path, pattern: &str, dir: &Path) -> Result<(), Fail> {
    let mut paths = vec![root.to_path_buf()];
    for part in pattern.split('/') {
        let mut next = Vec::new();
        for p in &paths {
            if !part.contains('*') {
                next.push(p.join(part));
                continue;
            }
            let (pre, post) = part.split_once('*').unwrap_or((part, ""));
            let Ok(rd) = fs::read_dir(p) else { continue };
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with(pre)
                    && name.ends_with(post)
                    && name.len() >= pre.len() + post.len()
                {
                    next.push(e.path());
                }
            }
        }
        paths = next;
    }
    for p in paths.iter().filter(|p| p.is_file()) {
        let rel = p
            .strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('/', "_");
        fs::copy(p, dir.join(rel)).ctx(format!("copying {}", p.display()))?;
    }
    Ok(())
}

/// What one target's run printed, summed up.
struct Count {
    runs: u64,
    seconds: f64,
}

fn parse_done(stderr: &str) -> Option<u64> {
    // libFuzzer's last line: "Done 123456 runs in 16 second(s)".
    let line = stderr.lines().rev().find(|l| l.starts_with("Done "))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn one_target(
    root: &Path,
    fuzz: &Path,
    target: &str,
    seeds: &[&str],
    plan: &Plan,
) -> Result<Count, Fail> {
    let bin = fuzz
        .join("target/x86_64-unknown-linux-gnu/release")
        .join(target);
    let corpus = fuzz.join("corpus").join(target);
    let artifacts = fuzz.join("artifacts").join(target);
    fs::create_dir_all(&corpus)?;
    fs::create_dir_all(&artifacts)?;
    for s in seeds {
        copy_matching(root, s, &corpus)?;
    }
    let mut prefix = artifacts.to_string_lossy().into_owned();
    prefix.push('/');
    let flags = [
        format!("-artifact_prefix={prefix}"),
        format!("-timeout={HANG_SECONDS}"),
        "-rss_limit_mb=2048".to_string(),
        "-max_len=65536".to_string(),
        "-print_final_stats=1".to_string(),
    ];
    // The kept inputs, each once: a regression fails the step here.
    for kept in ["regressions", "seeds"] {
        let dir = fuzz.join(kept).join(target);
        if dir.is_dir() && fs::read_dir(&dir)?.next().is_some() {
            let mut c = Command::new(&bin);
            c.args(&flags).arg("-runs=0").arg(&dir);
            let out = c.output().ctx(format!("running {}", bin.display()))?;
            if !out.status.success() {
                eprintln!("{}", String::from_utf8_lossy(&out.stderr));
                return Err(Fail::new(format!(
                    "fuzz target `{target}` fails on an input of fuzz/{kept}/{target}/ (above)"
                )));
            }
        }
    }
    let t = Instant::now();
    let mut c = Command::new(&bin);
    c.args(&flags);
    match plan.runs {
        Some(n) => c.arg(format!("-runs={n}")),
        None => c.arg(format!("-max_total_time={}", plan.seconds)),
    };
    c.arg(&corpus).stdout(Stdio::null()).stderr(Stdio::piped());
    let mut child = c.spawn().ctx(format!("running {}", bin.display()))?;
    // libFuzzer's progress: its "pulse" lines (at powers of two) are shown,
    // the last lines kept for a failure's report.
    let mut tail: VecDeque<String> = VecDeque::new();
    if let Some(err) = child.stderr.take() {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            if line.contains(" pulse ") {
                eprintln!("  {target}: {line}");
            }
            if tail.len() == 80 {
                tail.pop_front();
            }
            tail.push_back(line);
        }
    }
    let status = child.wait()?;
    let stderr = tail.iter().cloned().collect::<Vec<_>>().join("\n");
    if !status.success() {
        for l in &tail {
            eprintln!("{l}");
        }
        return Err(Fail::new(format!(
            "fuzz target `{target}` found a failing input (above), kept in {}; \
             fix it, then move the input into fuzz/regressions/{target}/",
            artifacts.display()
        )));
    }
    let runs = parse_done(&stderr).unwrap_or(0);
    Ok(Count {
        runs,
        seconds: t.elapsed().as_secs_f64(),
    })
}

/// Builds the targets and runs those of `plan`.
pub fn run(plan: &Plan) -> Result<(), Fail> {
    ensure_cargo_fuzz()?;
    let root = util::root();
    let fuzz = root.join("fuzz");
    if let Some(bad) = plan
        .targets
        .iter()
        .find(|t| !TARGETS.iter().any(|(n, _)| n == t))
    {
        let names: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
        return Err(Fail::new(format!(
            "unknown fuzz target `{bad}`; the targets are: {}",
            names.join(", ")
        )));
    }
    // No sanitizer: the code is safe Rust, and libFuzzer's coverage alone
    // runs several times as many inputs per second as with AddressSanitizer.
    util::run(cargo_fuzz(&fuzz).args(["build", "-O", "-s", "none"]))?;
    let mut lines = Vec::new();
    for (target, seeds) in TARGETS {
        if !plan.targets.is_empty() && !plan.targets.iter().any(|t| t == target) {
            continue;
        }
        eprintln!("fuzz: {target}");
        let c = one_target(&root, &fuzz, target, seeds, plan)?;
        let corpus = fs::read_dir(fuzz.join("corpus").join(target))?.count();
        let line = format!(
            "{target:<13} {:>12} runs in {:>7.0} s ({:>7.0}/s), corpus {corpus}",
            c.runs,
            c.seconds,
            c.runs as f64 / c.seconds.max(0.001)
        );
        eprintln!("fuzz: {line}");
        lines.push(line);
    }
    eprintln!("\nfuzz summary:");
    for l in &lines {
        eprintln!("  {l}");
    }
    Ok(())
}
