//! The organiser's work as one value: the inputs, where they came from, the
//! panel decisions and their audit list. It is what autosave keeps in the
//! browser and what the versioned project file holds.

use kipp_score::Inputs;
use serde::{Deserialize, Serialize};

/// Version of the project file format (`"kipp_project"`).
pub const PROJECT_VERSION: u32 = 1;

/// Key of the autosave in `localStorage`.
pub const AUTOSAVE_KEY: &str = "kipp-app/project/v1";

/// One panel (plenary) decision that overrides the computed recommendation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Stage id.
    pub stage: String,
    /// Innovation id.
    pub innovation: String,
    /// `true`: advance it; `false`: do not.
    pub advance: bool,
    /// Why (required, non-empty).
    pub reason: String,
    /// When it was taken (ISO 8601, UTC).
    pub at: String,
}

/// What happened to a decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditAction {
    /// Advance against (or confirming) the recommendation.
    Advance,
    /// Do not advance.
    Drop,
    /// A decision was withdrawn: the recommendation holds again.
    Revoke,
}

/// One line of the audit list; never removed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When (ISO 8601, UTC).
    pub at: String,
    /// Stage id.
    pub stage: String,
    /// Innovation id.
    pub innovation: String,
    /// What was done.
    pub action: AuditAction,
    /// The computed recommendation at that time (advances or not).
    pub recommended: bool,
    /// The reason given.
    pub reason: String,
}

/// The whole work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Format version, [`PROJECT_VERSION`].
    pub kipp_project: u32,
    /// Made-up data (the built-in demo): shown with a label everywhere.
    #[serde(default)]
    pub synthetic: bool,
    /// Where the work came from (demo, preset name, file names).
    #[serde(default)]
    pub source: String,
    /// The inputs of a run.
    pub inputs: Inputs,
    /// Current panel decisions, at most one per (stage, innovation).
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Every decision ever taken or revoked, in order.
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            kipp_project: PROJECT_VERSION,
            synthetic: false,
            source: String::new(),
            inputs: Inputs::default(),
            decisions: Vec::new(),
            audit: Vec::new(),
        }
    }
}

/// Why a project file could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum ProjectError {
    /// Not JSON, or not the shape of a project.
    Malformed(String),
    /// A version this app does not know.
    Version(u64),
}

impl Project {
    /// The project as the text of a project file.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a project file; the version is checked before anything else.
    pub fn from_json(text: &str) -> Result<Project, ProjectError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ProjectError::Malformed(e.to_string()))?;
        match value.get("kipp_project").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(PROJECT_VERSION) => {}
            Some(v) => return Err(ProjectError::Version(v)),
            None => {
                return Err(ProjectError::Malformed(
                    "missing \"kipp_project\" version".into(),
                ))
            }
        }
        serde_json::from_value(value).map_err(|e| ProjectError::Malformed(e.to_string()))
    }

    /// Whether `text` looks like a project file (for import classification).
    pub fn looks_like(text: &str) -> bool {
        text.trim_start().starts_with('{') && text.contains("\"kipp_project\"")
    }

    /// The decision on (stage, innovation), if any.
    pub fn decision(&self, stage: &str, innovation: &str) -> Option<&Decision> {
        self.decisions
            .iter()
            .find(|d| d.stage == stage && d.innovation == innovation)
    }

    /// Records a decision (replacing an earlier one on the same innovation
    /// and stage) and its audit line. An empty reason is refused.
    pub fn decide(&mut self, d: Decision, recommended: bool) -> bool {
        if d.reason.trim().is_empty() {
            return false;
        }
        self.audit.push(AuditEntry {
            at: d.at.clone(),
            stage: d.stage.clone(),
            innovation: d.innovation.clone(),
            action: if d.advance {
                AuditAction::Advance
            } else {
                AuditAction::Drop
            },
            recommended,
            reason: d.reason.clone(),
        });
        self.decisions
            .retain(|x| !(x.stage == d.stage && x.innovation == d.innovation));
        self.decisions.push(d);
        true
    }

    /// Withdraws the decision on (stage, innovation), with an audit line.
    pub fn revoke(&mut self, stage: &str, innovation: &str, at: String, recommended: bool) {
        let before = self.decisions.len();
        self.decisions
            .retain(|x| !(x.stage == stage && x.innovation == innovation));
        if self.decisions.len() != before {
            self.audit.push(AuditEntry {
                at,
                stage: stage.into(),
                innovation: innovation.into(),
                action: AuditAction::Revoke,
                recommended,
                reason: String::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(adv: bool, reason: &str) -> Decision {
        Decision {
            stage: "s".into(),
            innovation: "A".into(),
            advance: adv,
            reason: reason.into(),
            at: "2026-11-22T08:00:00Z".into(),
        }
    }

    #[test]
    fn project_file_round_trip_and_version() {
        let mut p = Project {
            source: "demo".into(),
            ..Project::default()
        };
        assert!(p.decide(dec(true, "unggul di lapangan"), false));
        let text = p.to_json();
        assert!(Project::looks_like(&text));
        assert_eq!(Project::from_json(&text), Ok(p));
        let v2 = text.replacen("\"kipp_project\":1", "\"kipp_project\":2", 1);
        assert_eq!(Project::from_json(&v2), Err(ProjectError::Version(2)));
        assert!(matches!(
            Project::from_json("[1,2]"),
            Err(ProjectError::Malformed(_))
        ));
    }

    #[test]
    fn decisions_need_a_reason_and_keep_an_audit() {
        let mut p = Project::default();
        assert!(!p.decide(dec(true, "  "), false));
        assert!(p.decisions.is_empty() && p.audit.is_empty());
        assert!(p.decide(dec(true, "alasan 1"), false));
        assert!(p.decide(dec(false, "alasan 2"), false));
        assert_eq!(p.decisions.len(), 1);
        assert!(!p.decisions[0].advance);
        p.revoke("s", "A", "2026-11-22T09:00:00Z".into(), false);
        assert!(p.decisions.is_empty());
        let actions: Vec<_> = p.audit.iter().map(|a| a.action).collect();
        assert_eq!(
            actions,
            vec![AuditAction::Advance, AuditAction::Drop, AuditAction::Revoke]
        );
    }
}
