//! Scenarios: named variants of the competition kept in the project
//! (`Project::scenarios`), compared two at a time as `kipp compare` does
//! (§5: Kendall τ-b, Spearman ρ, who enters and leaves, per stage), and
//! promoted to the competition with a recorded reason.
//!
//! A comparison prepares both variants afresh from the same data, without
//! panel decisions, exactly as `kipp compare A.json B.json` reads two
//! competition files: so the numbers are the command line's.

use kipp_score::{compare, prepare, Aggregate, CompareResult, Competition, Lang, Normalize};

use crate::project::{Project, Scenario};

/// One side of a comparison: the competition, or a scenario by index.
pub type Side = Option<usize>;

/// A comparison on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioCompare {
    /// Side A.
    pub a: Side,
    /// Side B.
    pub b: Side,
    /// The result, or why a side cannot be ranked.
    pub result: Result<CompareResult, String>,
}

/// What the scenario panel says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScenarioMsg {
    /// A name is needed.
    EmptyName,
    /// The name is taken.
    Duplicate(String),
    /// A trial weight of 0 cannot be part of a competition.
    ZeroWeight,
    /// Saved under this name.
    Saved(String),
    /// Promoting needs a reason.
    NeedsReason,
    /// Promoted: the competition is now this scenario.
    Promoted(String),
}

/// The competition of one side.
pub fn side_competition(p: &Project, side: Side) -> Option<&Competition> {
    match side {
        None => Some(&p.inputs.competition),
        Some(i) => p.scenarios.get(i).map(|s| &s.competition),
    }
}

/// The name of one side (`official` names the competition itself).
pub fn side_name<'a>(p: &'a Project, side: Side, official: &'a str) -> &'a str {
    match side {
        None => official,
        Some(i) => p.scenarios.get(i).map_or("?", |s| s.name.as_str()),
    }
}

/// Compares side `a` with side `b` on the project's data (the
/// administrative check applied, no panel decisions).
pub fn compare_sides(p: &Project, a: Side, b: Side, lang: Lang) -> ScenarioCompare {
    let result = (|| {
        let prep = |side: Side| {
            let comp = side_competition(p, side).ok_or_else(|| "?".to_string())?;
            let mut inputs = p.inputs.inputs();
            inputs.competition = comp.clone();
            prepare(&inputs).map_err(|d| d.first().map(|x| x.message(lang)).unwrap_or_default())
        };
        let pa = prep(a)?;
        let pb = prep(b)?;
        Ok(compare(&pa, &pb))
    })();
    ScenarioCompare { a, b, result }
}

/// The competition with the trial weights written in (`None` when a trial
/// weight is not > 0: a competition's weights are).
pub fn with_weights(c: &Competition, w: &[Vec<f64>]) -> Option<Competition> {
    let mut c = c.clone();
    for (st, ws) in c.stages.iter_mut().zip(w) {
        for (cr, x) in st.criteria.iter_mut().zip(ws) {
            if x.is_nan() || *x <= 0.0 {
                return None;
            }
            cr.weight = *x;
        }
    }
    Some(c)
}

/// A new scenario for `p`: the name checked (non-empty, unique).
pub fn new_scenario(
    p: &Project,
    name: &str,
    competition: Competition,
    at: String,
) -> Result<Scenario, ScenarioMsg> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ScenarioMsg::EmptyName);
    }
    if p.scenarios.iter().any(|s| s.name == name) {
        return Err(ScenarioMsg::Duplicate(name.to_string()));
    }
    Ok(Scenario {
        name: name.to_string(),
        competition,
        created: at,
    })
}

/// Sets a scenario stage's aggregation and normalisation.
pub fn set_stage(s: &mut Scenario, stage: usize, aggregate: Aggregate, normalize: Normalize) {
    if let Some(st) = s.competition.stages.get_mut(stage) {
        st.aggregate = aggregate;
        st.normalize = normalize;
    }
}

/// How a scenario differs from the competition, in short (criterion
/// weights changed, aggregation, normalisation), one entry per stage that
/// differs: (stage name, weights changed, aggregate changed, normalize changed).
pub fn differences(official: &Competition, s: &Scenario) -> Vec<(String, bool, bool, bool)> {
    s.competition
        .stages
        .iter()
        .filter_map(|st| {
            let o = official.stages.iter().find(|x| x.id == st.id)?;
            let w = st.criteria.len() != o.criteria.len()
                || st
                    .criteria
                    .iter()
                    .zip(&o.criteria)
                    .any(|(a, b)| a.id != b.id || a.weight.to_bits() != b.weight.to_bits());
            let ag = st.aggregate != o.aggregate;
            let no = st.normalize != o.normalize;
            (w || ag || no).then(|| (st.name.clone(), w, ag, no))
        })
        .collect()
}
