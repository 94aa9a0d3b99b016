//! The organiser's work as one value: the inputs, where they came from, the
//! panel decisions and their audit list. It is what the browser keeps in
//! IndexedDB and what the versioned project file holds.
//!
//! The large parts (innovations, judges, scores) sit behind [`Arc`]: a change
//! of the competition or a decision copies the small parts only, so the undo
//! history and the saver compare and keep them cheaply (`Arc::ptr_eq`).

use std::collections::BTreeMap;
use std::sync::Arc;

use kipp_score::{Competition, Innovation, Inputs, Judge, Score};
use serde::{Deserialize, Serialize};

/// Version of the project file format (`"kipp_project"`). Version 1 (no
/// name, year or times) is read and migrated.
pub const PROJECT_VERSION: u32 = 2;

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
    /// When it was taken (ISO 8601 with the offset of the officer's zone).
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
    /// Administrative check: made eligible (`stage` is empty).
    Eligible,
    /// Administrative check: made ineligible (`stage` is empty).
    Ineligible,
    /// A scenario became the competition (`stage` is empty, `innovation`
    /// holds the scenario's name).
    Promote,
}

/// A named variant of the competition (other weights, aggregation or
/// normalisation), kept in the project to compare with the competition or
/// another variant; it changes nothing until promoted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Name (unique in the project).
    pub name: String,
    /// The competition of this variant.
    pub competition: Competition,
    /// When it was saved (ISO 8601 with offset).
    pub created: String,
}

/// One line of the audit list; never removed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When (ISO 8601 with the officer's offset).
    pub at: String,
    /// Stage id.
    pub stage: String,
    /// Innovation id.
    pub innovation: String,
    /// What was done.
    pub action: AuditAction,
    /// The computed recommendation at that time (advances or not); for the
    /// administrative check, the eligibility in the innovations file.
    pub recommended: bool,
    /// The reason given.
    pub reason: String,
}

/// An innovation's eligibility set at the administrative check (seleksi
/// administrasi), over the innovations file's `eligible`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    /// Eligible (enters the first stage) or not.
    pub eligible: bool,
    /// Why (required).
    pub reason: String,
    /// When (ISO 8601 with offset).
    pub at: String,
}

/// The inputs of a run, the large lists shared.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Data {
    /// The competition.
    pub competition: Competition,
    /// Innovations.
    pub innovations: Arc<Vec<Innovation>>,
    /// Score values, of every stage and judge imported so far.
    pub scores: Arc<Vec<Score>>,
    /// Judges, when a judges table was imported.
    pub judges: Option<Arc<Vec<Judge>>>,
    /// Eligibility set at the administrative check, by innovation id (kept
    /// through re-imports of the innovations file; applied over its
    /// `eligible`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub eligibility: BTreeMap<String, Eligibility>,
}

impl Data {
    /// The engine's inputs (a copy: the engine takes owned lists), with the
    /// administrative check applied.
    pub fn inputs(&self) -> Inputs {
        let mut innovations = self.innovations.as_ref().clone();
        if !self.eligibility.is_empty() {
            for i in &mut innovations {
                if let Some(e) = self.eligibility.get(&i.id) {
                    i.eligible = e.eligible;
                    // Bonus rules see `eligible` as the engine does.
                    if let Some(a) = i.attrs.get_mut("eligible") {
                        a.text = e.eligible.to_string();
                        a.number = None;
                    }
                }
            }
        }
        Inputs {
            competition: self.competition.clone(),
            innovations,
            scores: self.scores.as_ref().clone(),
            judges: self.judges.as_ref().map(|j| j.as_ref().clone()),
        }
    }

    /// The large lists (scores, innovations, judges), each as (address of
    /// its shared allocation, estimated bytes), for undo's memory budget:
    /// two versions that share a list count it once.
    pub fn large_parts(&self) -> Vec<(usize, usize)> {
        let mut out = vec![
            (
                Arc::as_ptr(&self.scores) as usize,
                self.scores.len() * std::mem::size_of::<Score>(),
            ),
            (
                Arc::as_ptr(&self.innovations) as usize,
                // The attributes' map and texts: about 1 KB an innovation.
                self.innovations.len() * (std::mem::size_of::<Innovation>() + 1024),
            ),
        ];
        if let Some(j) = &self.judges {
            out.push((
                Arc::as_ptr(j) as usize,
                j.len() * (std::mem::size_of::<Judge>() + 256),
            ));
        }
        out
    }

    /// From the engine's inputs.
    pub fn from_inputs(i: Inputs) -> Data {
        Data {
            competition: i.competition,
            innovations: Arc::new(i.innovations),
            scores: Arc::new(i.scores),
            judges: i.judges.map(Arc::new),
            eligibility: BTreeMap::new(),
        }
    }
}

/// The whole work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Format version, [`PROJECT_VERSION`].
    pub kipp_project: u32,
    /// Stable id of the project in the browser's project list.
    #[serde(default)]
    pub id: String,
    /// Name in the project list (defaults to the competition's name).
    #[serde(default)]
    pub name: String,
    /// Edition year, when known.
    #[serde(default)]
    pub year: Option<i32>,
    /// Created (ISO 8601 with offset).
    #[serde(default)]
    pub created: String,
    /// Last change (ISO 8601 with offset).
    #[serde(default)]
    pub changed: String,
    /// Revision: one more at every change (the saver and the journal
    /// compare it to never put an older copy over a newer one).
    #[serde(default)]
    pub rev: u64,
    /// Opened (demo) and not changed since.
    #[serde(default)]
    pub pristine: bool,
    /// Made-up data (the built-in demo): shown with a label everywhere.
    #[serde(default)]
    pub synthetic: bool,
    /// Where the work came from (demo, preset name, file names).
    #[serde(default)]
    pub source: String,
    /// The inputs of a run.
    pub inputs: Data,
    /// Column mappings the officer chose by hand, per header as written
    /// (normalised): the criterion id, or `""` to ignore the column.
    #[serde(default)]
    pub mappings: BTreeMap<String, String>,
    /// Current panel decisions, at most one per (stage, innovation).
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Every decision ever taken or revoked, in order.
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
    /// What the officer typed for the official report.
    #[serde(default)]
    pub report: crate::report::ReportMeta,
    /// Saved variants of the competition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            kipp_project: PROJECT_VERSION,
            id: String::new(),
            name: String::new(),
            year: None,
            created: String::new(),
            changed: String::new(),
            rev: 0,
            pristine: false,
            synthetic: false,
            source: String::new(),
            inputs: Data::default(),
            mappings: BTreeMap::new(),
            decisions: Vec::new(),
            audit: Vec::new(),
            report: Default::default(),
            scenarios: Vec::new(),
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

    /// Reads a project file; the version is checked before anything else,
    /// and a version 1 file is migrated (its name is the competition's).
    pub fn from_json(text: &str) -> Result<Project, ProjectError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ProjectError::Malformed(e.to_string()))?;
        let version = match value.get("kipp_project").and_then(|v| v.as_u64()) {
            Some(v @ 1..=2) => v,
            Some(v) => return Err(ProjectError::Version(v)),
            None => {
                return Err(ProjectError::Malformed(
                    "missing \"kipp_project\" version".into(),
                ))
            }
        };
        let mut p: Project =
            serde_json::from_value(value).map_err(|e| ProjectError::Malformed(e.to_string()))?;
        if version == 1 && p.name.is_empty() {
            p.name = p.inputs.competition.name.clone();
        }
        p.kipp_project = PROJECT_VERSION;
        Ok(p)
    }

    /// The name shown in the project list.
    pub fn display_name(&self) -> &str {
        if !self.name.trim().is_empty() {
            &self.name
        } else if !self.inputs.competition.name.is_empty() {
            &self.inputs.competition.name
        } else {
            "—"
        }
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

    /// Sets an innovation's eligibility at the administrative check, with
    /// its audit line. Back to the file's value removes the override (the
    /// line stays). An empty reason is refused.
    pub fn set_eligibility(
        &mut self,
        innovation: &str,
        eligible: bool,
        reason: &str,
        at: String,
    ) -> bool {
        let reason = reason.trim();
        if reason.is_empty() {
            return false;
        }
        let Some(file) = self
            .inputs
            .innovations
            .iter()
            .find(|i| i.id == innovation)
            .map(|i| i.eligible)
        else {
            return false;
        };
        self.audit.push(AuditEntry {
            at: at.clone(),
            stage: String::new(),
            innovation: innovation.into(),
            action: if eligible {
                AuditAction::Eligible
            } else {
                AuditAction::Ineligible
            },
            recommended: file,
            reason: reason.into(),
        });
        if eligible == file {
            self.inputs.eligibility.remove(innovation);
        } else {
            self.inputs.eligibility.insert(
                innovation.into(),
                Eligibility {
                    eligible,
                    reason: reason.into(),
                    at,
                },
            );
        }
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
        let v9 = text.replacen("\"kipp_project\":2", "\"kipp_project\":9", 1);
        assert_eq!(Project::from_json(&v9), Err(ProjectError::Version(9)));
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
