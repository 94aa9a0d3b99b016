//! Small helpers: the error type, the repository root, running commands.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A failure with a message for the person at the terminal.
#[derive(Debug)]
pub struct Fail(String);

impl Fail {
    /// A failure with this message.
    pub fn new(msg: impl Into<String>) -> Fail {
        Fail(msg.into())
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for Fail {
    fn from(e: std::io::Error) -> Fail {
        Fail(e.to_string())
    }
}

/// Adds what was being done to an I/O error.
pub trait Context<T> {
    /// Wraps the error with `what`.
    fn ctx(self, what: impl fmt::Display) -> Result<T, Fail>;
}

impl<T, E: fmt::Display> Context<T> for Result<T, E> {
    fn ctx(self, what: impl fmt::Display) -> Result<T, Fail> {
        self.map_err(|e| Fail(format!("{what}: {e}")))
    }
}

/// The repository root (the workspace directory).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The cargo that runs us (so `cargo +toolchain xtask` stays on that toolchain).
pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Shows the command line the way a person would type it.
pub fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        let a = a.to_string_lossy();
        if a.contains(' ') || a.is_empty() {
            s.push_str(&format!(" '{a}'"));
        } else {
            s.push(' ');
            s.push_str(&a);
        }
    }
    s
}

/// Runs a command with inherited output; fails unless it exits 0.
pub fn run(cmd: &mut Command) -> Result<(), Fail> {
    let line = show(cmd);
    eprintln!("$ {line}");
    let status = cmd.status().ctx(format!("cannot start `{line}`"))?;
    if status.success() {
        Ok(())
    } else {
        Err(Fail(format!("`{line}` failed ({status})")))
    }
}

/// Runs a command and returns its standard output, or `None` when it cannot
/// start or exits non-zero.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    if out.status.success() {
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        None
    }
}

/// Whether a program is on PATH.
pub fn on_path(program: &str) -> bool {
    find_on_path(program).is_some()
}

/// The full path of a program on PATH.
pub fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// Seconds since `t`, for reports.
pub fn secs(t: Instant) -> String {
    format!("{:.1} s", t.elapsed().as_secs_f64())
}
