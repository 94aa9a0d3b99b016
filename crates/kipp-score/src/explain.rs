//! "Why is A above B": everything that went into one innovation's score in one stage.

use serde::Serialize;

use crate::bonus::rule_matches;
use crate::norm::SWork;
use crate::pipeline::Scratch;
use crate::prepare::Prepared;

/// One judge's sheet for the innovation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExplainSheet {
    /// Judge id.
    pub judge: String,
    /// Dropped for a conflict of interest (§2.1).
    pub dropped_conflict: bool,
    /// Scores as given, in criterion order.
    pub values: Vec<f64>,
    /// After §2.2 (equal to `values` without z-score); `None` when dropped or
    /// when the innovation did not enter.
    pub normalised: Option<Vec<f64>>,
}

/// One criterion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExplainCriterion {
    /// Criterion id.
    pub id: String,
    /// Configured weight.
    pub weight: f64,
    /// Scale.
    pub min: f64,
    /// Scale.
    pub max: f64,
    /// Aggregated a_ic (§2.3).
    pub aggregated: Option<f64>,
    /// s_ic (§2.4).
    pub s: Option<f64>,
}

/// One term of `combine`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExplainCombine {
    /// Stage id.
    pub stage: String,
    /// Weight v_t.
    pub weight: f64,
    /// own score (raw + bonus) in that stage.
    pub own: Option<f64>,
}

/// Everything behind one row (configured weights).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    /// Stage id.
    pub stage: String,
    /// Innovation id.
    pub innovation: String,
    /// Passed the administrative check.
    pub eligible: bool,
    /// Entered this stage.
    pub entered: bool,
    /// Every sheet of this stage, valid and dropped, by judge id.
    pub sheets: Vec<ExplainSheet>,
    /// Per criterion, in stage order.
    pub criteria: Vec<ExplainCriterion>,
    /// raw_i.
    pub raw: Option<f64>,
    /// (rule id, points) of the bonus rules that match, in listed order.
    pub bonus_rules: Vec<(String, f64)>,
    /// bonus_i.
    pub bonus: f64,
    /// own_i = raw_i + bonus_i.
    pub own: Option<f64>,
    /// The combine terms (this stage alone when `combine` is absent).
    pub combine: Vec<ExplainCombine>,
    /// Stage score.
    pub score: Option<f64>,
    /// Overall rank.
    pub rank: Option<u32>,
    /// Category rank (per-category stages).
    pub category_rank: Option<u32>,
    /// Advanced.
    pub advanced: bool,
    /// Admitted by a tie at the cut-off.
    pub tie_at_cutoff: bool,
    /// Fewer valid sheets than min_judges.
    pub incomplete: bool,
}

impl Prepared {
    /// Explains the row of `innovation_id` in stage `stage` (index) of the
    /// run with the configured weights. `None` for an unknown stage or id.
    pub fn explain(&self, stage: usize, innovation_id: &str) -> Option<Explanation> {
        let ps = self.stages.get(stage)?;
        let st = &self.comp.stages[stage];
        let i = self.innovation_index(innovation_id)? as u32;
        let w = self.weights();
        let mut sc = Scratch::default();
        self.run(&w.stages, &mut sc, None);
        let cur = &sc.st[stage];
        let entered = cur.entered.binary_search(&i).is_ok();
        // Normalised values of this stage's selection (recomputed for clarity).
        let mut work = SWork::default();
        let mut s_tmp = vec![f64::NAN; self.inns.len() * ps.n_c];
        let mut normalised: Vec<Vec<f64>> = Vec::new();
        let mut aggregated: Vec<Option<f64>> = vec![None; ps.n_c];
        if entered {
            work.select_all(ps, &cur.entered);
            work.compute(ps, &cur.entered, self.judge_ids.len(), &mut s_tmp);
            let p = cur.entered.binary_search(&i).unwrap_or(0);
            let (a, b) = (work.sel_start[p] as usize, work.sel_start[p + 1] as usize);
            for q in a..b {
                normalised.push(work.xn[q * ps.n_c..(q + 1) * ps.n_c].to_vec());
            }
        }
        let s_used = self.s_of(stage, &sc);
        let (a, b) = ps.sheet_range(i);
        let mut sheets = Vec::new();
        for (n, q) in (a..b).enumerate() {
            let q = q as usize;
            sheets.push(ExplainSheet {
                judge: self.judge_ids[ps.sheet_judge[q] as usize].clone(),
                dropped_conflict: false,
                values: ps.sheet_vals[q * ps.n_c..(q + 1) * ps.n_c].to_vec(),
                normalised: normalised.get(n).cloned(),
            });
        }
        for q in ps.drop_start[i as usize]..ps.drop_start[i as usize + 1] {
            let q = q as usize;
            sheets.push(ExplainSheet {
                judge: self.judge_ids[ps.drop_judge[q] as usize].clone(),
                dropped_conflict: true,
                values: ps.drop_vals[q * ps.n_c..(q + 1) * ps.n_c].to_vec(),
                normalised: None,
            });
        }
        sheets.sort_by(|x, y| x.judge.cmp(&y.judge));
        let has_s = entered && ps.sheets_of(i) > 0;
        if has_s {
            for (c, agg) in aggregated.iter_mut().enumerate() {
                let mut v: Vec<f64> = normalised.iter().map(|x| x[c]).collect();
                *agg = Some(crate::norm::aggregate(ps.aggregate, &mut v));
            }
        }
        let criteria = st
            .criteria
            .iter()
            .enumerate()
            .map(|(c, cr)| ExplainCriterion {
                id: cr.id.clone(),
                weight: cr.weight,
                min: cr.min,
                max: cr.max,
                aggregated: aggregated[c],
                s: has_s.then(|| s_used[i as usize * ps.n_c + c]),
            })
            .collect();
        let inn = &self.inns[i as usize];
        let bonus_rules = st
            .bonus
            .iter()
            .filter(|r| rule_matches(r, inn.attrs.get(&r.field)))
            .map(|r| (r.id.clone(), r.points))
            .collect();
        let l = cur.ranked.binary_search(&i).ok();
        let own = l.map(|_| cur.own[i as usize]);
        let combine = match &ps.combine {
            None => vec![ExplainCombine {
                stage: st.id.clone(),
                weight: 1.0,
                own,
            }],
            Some(terms) => terms
                .iter()
                .map(|&(t, v)| ExplainCombine {
                    stage: self.comp.stages[t].id.clone(),
                    weight: v,
                    own: sc.st[t]
                        .own
                        .get(i as usize)
                        .copied()
                        .filter(|x| !x.is_nan()),
                })
                .collect(),
        };
        Some(Explanation {
            stage: st.id.clone(),
            innovation: inn.id.clone(),
            eligible: inn.eligible,
            entered,
            sheets,
            criteria,
            raw: l.map(|l| cur.raw[l]),
            bonus_rules,
            bonus: ps.bonus[i as usize],
            own,
            combine,
            score: l.map(|l| cur.score[l]),
            rank: l.map(|l| cur.rb.rank[l]),
            category_rank: l
                .filter(|_| ps.adv.per_category)
                .map(|l| cur.rb.cat_rank[l]),
            advanced: l.is_some_and(|l| cur.rb.advanced[l]),
            tie_at_cutoff: l.is_some_and(|l| cur.rb.tie[l]),
            incomplete: entered && l.is_none(),
        })
    }
}
