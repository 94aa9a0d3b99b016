//! Installs what the build and the tests need, only when it is missing.
//!
//! Each check is cheap, so every command runs it: on a machine that has
//! everything, setup costs a few milliseconds and prints one line per tool.
//!
//! - the `wasm32-unknown-unknown` target (rustup; a `rust-toolchain.toml`
//!   target list is not installed automatically here);
//! - `wasm-bindgen-cli` of exactly the version of the `wasm-bindgen` crate in
//!   `Cargo.lock` (the generated JS glue and the wasm must match);
//! - the npm packages of `tests/package.json` by `npm ci` from the committed
//!   lock file: playwright-core, axe-core and binaryen (Debian's `wasm-opt`
//!   is too old to read current rustc output, so `tests/node_modules/.bin`
//!   goes first on PATH);
//! - Debian's Chromium and ChromeDriver (tests only);
//! - `cargo-deny` at [`CARGO_DENY`] (tests only: the dependency check).

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::util::{self, Context, Fail};

/// What a command needs installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Building the site: wasm target, wasm-bindgen, wasm-opt.
    Build,
    /// Building and testing: also Chromium and ChromeDriver.
    Everything,
}

/// Where the tools are.
pub struct Tools {
    /// `wasm-opt` from the npm package binaryen.
    pub wasm_opt: PathBuf,
    /// The Chromium binary, when tests need it.
    pub chromium: PathBuf,
    /// ChromeDriver, for wasm-bindgen-test-runner.
    pub chromedriver: PathBuf,
    /// `tests/`, with its node_modules.
    pub tests_dir: PathBuf,
}

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Installs what is missing for `need` and puts the project's tools first on
/// PATH (for this process and every command it starts).
pub fn ensure(need: Need) -> Result<Tools, Fail> {
    let root = util::root();
    let tests_dir = root.join("tests");
    extend_path(&tests_dir)?;

    wasm_target()?;
    wasm_bindgen()?;
    if need == Need::Everything {
        chromium()?;
        poppler()?;
        wordpress()?;
        firefox()?;
        cargo_deny()?;
    }
    npm_packages(&tests_dir)?;

    let wasm_opt = tests_dir.join("node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        return Err(Fail::new(format!(
            "{} is missing after `npm ci` in tests/",
            wasm_opt.display()
        )));
    }
    Ok(Tools {
        wasm_opt,
        chromium: PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.to_string())),
        chromedriver: PathBuf::from(
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| CHROMEDRIVER.to_string()),
        ),
        tests_dir,
    })
}

/// PATH = tests/node_modules/.bin : $CARGO_HOME/bin : PATH.
fn extend_path(tests_dir: &std::path::Path) -> Result<(), Fail> {
    let mut dirs = vec![tests_dir.join("node_modules/.bin")];
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(home) = cargo_home {
        dirs.push(home.join("bin"));
    }
    let old = std::env::var_os("PATH").unwrap_or_default();
    dirs.extend(std::env::split_paths(&old));
    let joined = std::env::join_paths(dirs).ctx("cannot build PATH")?;
    // Edition 2021: set_var is safe; xtask is single-threaded at this point.
    std::env::set_var("PATH", joined);
    Ok(())
}

fn wasm_target() -> Result<(), Fail> {
    if !util::on_path("rustup") {
        // A toolchain without rustup (e.g. a distribution's rustc) must
        // bring the target itself; cargo will say so if it does not.
        eprintln!("setup: rustup not found; assuming {WASM_TARGET} is installed");
        return Ok(());
    }
    let installed = util::output(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        eprintln!("setup: {WASM_TARGET} target ok");
        return Ok(());
    }
    util::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The version of the `wasm-bindgen` crate in Cargo.lock.
pub fn locked_wasm_bindgen() -> Result<String, Fail> {
    let lock = fs::read_to_string(util::root().join("Cargo.lock")).ctx("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_string());
            }
        }
    }
    Err(Fail::new("Cargo.lock has no wasm-bindgen package"))
}

fn wasm_bindgen() -> Result<(), Fail> {
    let want = locked_wasm_bindgen()?;
    let have = |bin: &str| {
        util::output(Command::new(bin).arg("--version"))
            .map(|v| v.split_whitespace().nth(1) == Some(want.as_str()))
            .unwrap_or(false)
    };
    if have("wasm-bindgen") && have("wasm-bindgen-test-runner") {
        eprintln!("setup: wasm-bindgen {want} ok");
        return Ok(());
    }
    eprintln!("setup: installing wasm-bindgen-cli {want} (a few minutes, once)");
    // No --locked: the CLI's own lock file pins dependencies that no longer
    // build with the current toolchain.
    util::run(util::cargo().args(["install", "wasm-bindgen-cli", "--force", "--version", &want]))
}

/// The cargo-deny the dependency check runs (`deny.toml`).
const CARGO_DENY: &str = "0.20.2";

fn cargo_deny() -> Result<(), Fail> {
    let ok = util::output(Command::new("cargo-deny").arg("--version"))
        .map(|v| v.split_whitespace().nth(1) == Some(CARGO_DENY))
        .unwrap_or(false);
    if ok {
        eprintln!("setup: cargo-deny {CARGO_DENY} ok");
        return Ok(());
    }
    eprintln!("setup: installing cargo-deny {CARGO_DENY} (two minutes, once)");
    util::run(util::cargo().args([
        "install",
        "cargo-deny",
        "--locked",
        "--force",
        "--version",
        CARGO_DENY,
    ]))
}

fn npm_packages(tests_dir: &std::path::Path) -> Result<(), Fail> {
    if !util::on_path("npm") || !util::on_path("node") {
        apt_install(&["nodejs", "npm"])?;
    }
    let lock =
        fs::read(tests_dir.join("package-lock.json")).ctx("reading tests/package-lock.json")?;
    let stamp = tests_dir.join("node_modules/.kipp-lock");
    if fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        eprintln!("setup: npm packages ok");
        return Ok(());
    }
    util::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(tests_dir),
    )?;
    fs::write(&stamp, &lock).ctx(format!("writing {}", stamp.display()))?;
    Ok(())
}

fn chromium() -> Result<(), Fail> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.to_string());
    let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| CHROMEDRIVER.to_string());
    if PathBuf::from(&chromium).exists() && PathBuf::from(&driver).exists() {
        eprintln!("setup: chromium and chromedriver ok");
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// pdftotext and pdftoppm: the report test reads the PDF Chromium prints
/// (its text, and its pages as images to look at).
fn poppler() -> Result<(), Fail> {
    if util::on_path("pdftotext") && util::on_path("pdftoppm") {
        eprintln!("setup: poppler-utils ok");
        return Ok(());
    }
    apt_install(&["poppler-utils"])
}

/// Firefox ESR from Debian, for the widget pages' Firefox test (driven over
/// WebDriver BiDi by puppeteer-core, an npm dev package).
fn firefox() -> Result<(), Fail> {
    if PathBuf::from("/usr/bin/firefox-esr").exists() {
        eprintln!("setup: firefox-esr ok");
        return Ok(());
    }
    apt_install(&["firefox-esr"])
}

/// WordPress, MariaDB and PHP from Debian, for the plugin's test (which
/// starts and stops its own database and PHP server on 127.0.0.1).
fn wordpress() -> Result<(), Fail> {
    let have = PathBuf::from("/usr/share/wordpress/wp-settings.php").exists()
        && util::on_path("php")
        && util::on_path("mariadbd")
        && util::on_path("mariadb-install-db");
    if have {
        eprintln!("setup: wordpress, mariadb and php ok");
        return Ok(());
    }
    apt_install(&["wordpress", "mariadb-server", "php-cli", "php-mysql"])
}

/// `apt-get update` then `apt-get install -y` (as root, no questions).
fn apt_install(packages: &[&str]) -> Result<(), Fail> {
    let is_root = util::output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !is_root || !util::on_path("apt-get") {
        return Err(Fail::new(format!(
            "missing {}: install them (Debian: sudo apt-get install -y {}) and run again",
            packages.join(", "),
            packages.join(" ")
        )));
    }
    eprintln!("setup: installing {} with apt-get", packages.join(", "));
    util::run(
        Command::new("apt-get")
            .arg("update")
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    util::run(
        Command::new("apt-get")
            .args(["install", "-y"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}
