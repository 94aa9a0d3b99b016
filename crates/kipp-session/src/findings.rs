//! Simulation findings in plain words: what a Monte Carlo result and a
//! judge report say about one stage, as numbers the screen words.
//!
//! Everything here is derived from the engine's outputs alone (the same
//! numbers `kipp simulate` and `kipp judges` print), never re-estimated:
//! - the official advancing list is the stage's rows with `advanced` in the
//!   run the simulation started from (after panel decisions);
//! - "on average X of the N stay" is Σ P(advance) over those N: by linearity
//!   of expectation it is exactly the mean, over the draws, of how many of
//!   the official N advanced (the result has no per-draw lists, so no share
//!   of draws in which all N stayed is claimed);
//! - a row is *uncertain* when 5% < P(advance) < 95%, *secure* at ≥ 95%,
//!   *out* at ≤ 5%.

use kipp_score::{JudgesStage, SimStage};

use crate::run::StageView;

/// Lower bound of "uncertain" (exclusive), as a share of draws.
pub const UNCERTAIN_LOW: f64 = 0.05;
/// Upper bound of "uncertain" (exclusive).
pub const UNCERTAIN_HIGH: f64 = 0.95;
/// Krippendorff's α below which agreement is weak (Krippendorff 2004:
/// tentative conclusions from 0.667, reliable from 0.800).
pub const ALPHA_TENTATIVE: f64 = 0.667;
/// α from which agreement is reliable.
pub const ALPHA_RELIABLE: f64 = 0.8;

/// One row whose advancing is uncertain.
#[derive(Clone, Debug, PartialEq)]
pub struct Uncertain {
    /// Innovation id.
    pub id: String,
    /// Share of draws in which it advanced.
    pub p_advance: f64,
    /// Advances in the official run.
    pub officially: bool,
    /// Official rank, when ranked.
    pub rank: Option<u32>,
}

/// What a Monte Carlo result says about one stage.
#[derive(Clone, Debug, PartialEq)]
pub struct SimFindings {
    /// Draws.
    pub draws: u32,
    /// Innovations advancing officially (N).
    pub advancing: usize,
    /// Mean number of those N that advance in a draw (Σ P over them).
    pub expected_kept: f64,
    /// Of the N, how many advance in at least 95% of draws.
    pub secure: usize,
    /// Rows with 5% < P < 95%: officially advancing first, then by P
    /// descending, then id.
    pub uncertain: Vec<Uncertain>,
    /// Rows not advancing officially that advance in at least 5% of draws.
    pub challengers: usize,
    /// Of the N, how many advance in at most 5% of draws.
    pub fragile: usize,
}

/// Findings of `sim` against the official stage `official` (same stage).
pub fn sim_findings(official: &StageView, sim: &SimStage) -> SimFindings {
    use std::collections::HashMap;
    let p: HashMap<&str, f64> = sim
        .rows
        .iter()
        .map(|r| (r.id.as_str(), r.p_advance))
        .collect();
    let p_of = |id: &str| p.get(id).copied().unwrap_or(0.0);
    let mut f = SimFindings {
        draws: sim.draws,
        advancing: 0,
        expected_kept: 0.0,
        secure: 0,
        uncertain: Vec::new(),
        challengers: 0,
        fragile: 0,
    };
    // In the official ranking order: a fixed summation order.
    for r in &official.rows {
        let x = p_of(&r.id);
        if r.advanced {
            f.advancing += 1;
            f.expected_kept += x;
            if x >= UNCERTAIN_HIGH {
                f.secure += 1;
            }
            if x <= UNCERTAIN_LOW {
                f.fragile += 1;
            }
        } else if x >= UNCERTAIN_LOW {
            f.challengers += 1;
        }
        if x > UNCERTAIN_LOW && x < UNCERTAIN_HIGH {
            f.uncertain.push(Uncertain {
                id: r.id.clone(),
                p_advance: x,
                officially: r.advanced,
                rank: r.rank,
            });
        }
    }
    f.uncertain.sort_by(|a, b| {
        b.officially
            .cmp(&a.officially)
            .then(b.p_advance.total_cmp(&a.p_advance))
            .then_with(|| a.id.cmp(&b.id))
    });
    f
}

/// How well a panel agrees on one criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// α ≥ 0.800.
    Reliable,
    /// 0.667 ≤ α < 0.800.
    Tentative,
    /// α < 0.667.
    Weak,
    /// α undefined (too few shared units or no variance).
    Unknown,
}

/// The reading of an α.
pub fn agreement(alpha: Option<f64>) -> Agreement {
    match alpha {
        Some(a) if a >= ALPHA_RELIABLE => Agreement::Reliable,
        Some(a) if a >= ALPHA_TENTATIVE => Agreement::Tentative,
        Some(_) => Agreement::Weak,
        None => Agreement::Unknown,
    }
}

/// What a judge report says about one stage.
#[derive(Clone, Debug, PartialEq)]
pub struct JudgeFindings {
    /// Judges whose removal changes someone's advancing, most changes
    /// first, then id: (judge, innovations that change status).
    pub decisive: Vec<(String, u32)>,
    /// The most lenient judge and the leniency (s-value points above the
    /// others), when someone is above 0.
    pub most_lenient: Option<(String, f64)>,
    /// The strictest judge and the leniency (below 0), when someone is.
    pub strictest: Option<(String, f64)>,
    /// Criteria by agreement: (criterion id, α, reading), in criterion order.
    pub criteria: Vec<(String, Option<f64>, Agreement)>,
    /// Criteria read as weak.
    pub weak: usize,
}

/// Findings of a judge report stage.
pub fn judge_findings(s: &JudgesStage) -> JudgeFindings {
    let mut decisive: Vec<(String, u32)> = s
        .leave_one_out
        .iter()
        .filter(|l| l.advancing_changed > 0)
        .map(|l| (l.judge.clone(), l.advancing_changed))
        .collect();
    decisive.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let with: Vec<(&str, f64)> = s
        .judges
        .iter()
        .filter_map(|j| j.leniency.map(|x| (j.id.as_str(), x)))
        .collect();
    // Ties go to the smaller id: judges are listed by id.
    let most = with
        .iter()
        .fold(None::<(&str, f64)>, |m, &(id, x)| match m {
            Some((_, y)) if y >= x => m,
            _ => Some((id, x)),
        })
        .filter(|(_, x)| *x > 0.0);
    let least = with
        .iter()
        .fold(None::<(&str, f64)>, |m, &(id, x)| match m {
            Some((_, y)) if y <= x => m,
            _ => Some((id, x)),
        })
        .filter(|(_, x)| *x < 0.0);
    let criteria: Vec<_> = s
        .alpha
        .iter()
        .map(|(c, a)| (c.clone(), *a, agreement(*a)))
        .collect();
    let weak = criteria
        .iter()
        .filter(|(_, _, g)| *g == Agreement::Weak)
        .count();
    JudgeFindings {
        decisive,
        most_lenient: most.map(|(id, x)| (id.to_string(), x)),
        strictest: least.map(|(id, x)| (id.to_string(), x)),
        criteria,
        weak,
    }
}
