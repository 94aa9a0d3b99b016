//! xtask: the project's automation, in Rust (`cargo xtask <command>`).
//!
//! - `serve`: install what is missing, build the app and the widgets for
//!   wasm32 in release, assemble the static site into `dist/` and serve it on
//!   <http://127.0.0.1:8080>.
//! - `dist`: the static site alone, into `dist/` (relative URLs only).
//! - `test`: format, clippy, native tests, wasm tests in headless Chromium,
//!   the site, and the browser end-to-end tests of `tests/`.
//! - `setup`: only install what is missing (idempotent).
//!
//! Every tool this needs is installed by [`setup`] when missing, so a fresh
//! machine goes from clone to a running app with one command.

mod compress;
mod fuzz;
mod serve;
mod setup;
mod site;
mod test;
mod util;
mod wordpress;

use std::path::PathBuf;
use std::process::ExitCode;

use util::Fail;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  serve [--port N] [--out DIR] [--fast]
                                 build the site (release wasm) and serve it on 127.0.0.1
                                 (port 8080 unless --port or KIPP_PORT); --fast skips
                                 wasm-opt (minutes on the app) and the size budgets
  dist  [--out DIR]              build the static site into DIR (default: dist/)
  test [STEP...]                 fmt, clippy, clippy-wasm, deps, test, fuzz, test-wasm,
                                 dist, e2e
                                 (all, in this order; or only the steps named)
  fuzz [TARGET...] [--time S] [--runs N]
                                 the fuzz targets of fuzz/ (all, or those named), each for
                                 S seconds (default 60) or N executions (docs/fuzzing.md)
  setup                          install missing tools only (wasm target, wasm-bindgen,
                                 npm packages, Chromium)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), Fail> {
    let Some(cmd) = args.first() else {
        print!("{USAGE}");
        return Ok(());
    };
    let opts = Opts::parse(&args[1..], cmd == "test" || cmd == "fuzz")?;
    match cmd.as_str() {
        "serve" => {
            let tools = setup::ensure(setup::Need::Build)?;
            let site = site::build(&tools, &opts.out, site::Mode::Lenient, !opts.fast)?;
            serve::serve(&opts.out, opts.port, &site)
        }
        "dist" => {
            let tools = setup::ensure(setup::Need::Build)?;
            site::build(&tools, &opts.out, site::Mode::Strict, true).map(|_| ())
        }
        "test" => test::run_all(&opts.out, &opts.steps),
        "fuzz" => fuzz::run(&fuzz::Plan {
            targets: opts.steps,
            seconds: opts.time.unwrap_or(60),
            runs: opts.runs,
        }),
        "setup" => setup::ensure(setup::Need::Everything).map(|_| ()),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(Fail::new(format!("unknown command `{other}`\n\n{USAGE}"))),
    }
}

/// Command-line options shared by the commands.
struct Opts {
    out: PathBuf,
    port: u16,
    /// `test` only: the steps to run (all when empty).
    steps: Vec<String>,
    /// `serve --fast`: no wasm-opt.
    fast: bool,
    /// `fuzz --time S`.
    time: Option<u64>,
    /// `fuzz --runs N`.
    runs: Option<u64>,
}

impl Opts {
    fn parse(args: &[String], takes_steps: bool) -> Result<Opts, Fail> {
        let mut out = util::root().join("dist");
        let mut port = match std::env::var("KIPP_PORT") {
            Ok(p) => p
                .parse()
                .map_err(|_| Fail::new(format!("KIPP_PORT is not a port number: {p}")))?,
            Err(_) => 8080,
        };
        let mut steps = Vec::new();
        let mut fast = false;
        let (mut time, mut runs) = (None, None);
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--out" => {
                    let v = it
                        .next()
                        .ok_or_else(|| Fail::new("--out needs a directory"))?;
                    out = std::env::current_dir()?.join(v);
                }
                "--port" => {
                    let v = it
                        .next()
                        .ok_or_else(|| Fail::new("--port needs a number"))?;
                    port = v
                        .parse()
                        .map_err(|_| Fail::new(format!("--port: not a port number: {v}")))?;
                }
                "--fast" => fast = true,
                "--time" | "--runs" => {
                    let v = it
                        .next()
                        .and_then(|v| v.parse::<u64>().ok())
                        .ok_or_else(|| Fail::new(format!("{a} needs a whole number")))?;
                    if a == "--time" {
                        time = Some(v);
                    } else {
                        runs = Some(v);
                    }
                }
                step if takes_steps && !step.starts_with('-') => steps.push(step.to_string()),
                other => return Err(Fail::new(format!("unknown option `{other}`\n\n{USAGE}"))),
            }
        }
        Ok(Opts {
            out,
            port,
            steps,
            fast,
            time,
            runs,
        })
    }
}
