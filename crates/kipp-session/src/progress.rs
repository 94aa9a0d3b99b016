//! Who still owes what: per judge and stage, the sheets expected (the
//! stage's entrants without the judge's conflicts of interest), received,
//! incomplete (some criteria missing) and with values out of the scale; and
//! the innovations short of the stage's `min_judges`. Also the score-sheet
//! templates to send to every judge, one ZIP.

use std::collections::{BTreeMap, BTreeSet};

use kipp_formats::TemplateSheet;
use kipp_score::{Innovation, Judge, Lang, Stage};

use crate::export::{slug, Download, Unwritten, XlsxDownload};
use crate::project::Project;
use crate::run::Computed;

/// One judge in one stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JudgeProgress {
    /// Judge id.
    pub judge: String,
    /// Stage id.
    pub stage: String,
    /// Stage name.
    pub stage_name: String,
    /// Sheets this judge should send (`None`: the stage's entrants are not known yet).
    pub expected: Option<usize>,
    /// Sheets received (innovations with at least one value).
    pub received: usize,
    /// Received sheets missing some criteria.
    pub incomplete: usize,
    /// Values outside the criterion's scale.
    pub out_of_range: usize,
}

impl JudgeProgress {
    /// Expected sheets not yet received (or incomplete).
    pub fn owed(&self) -> usize {
        self.expected
            .map(|e| e.saturating_sub(self.received.saturating_sub(self.incomplete)))
            .unwrap_or(0)
    }
}

/// One stage: per judge, and who is short of `min_judges`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageProgress {
    /// Stage id.
    pub stage: String,
    /// Stage name.
    pub name: String,
    /// Entrants, when known.
    pub entrants: Option<usize>,
    /// Per judge.
    pub judges: Vec<JudgeProgress>,
    /// Entrants with fewer complete sheets than `min_judges`: (id, sheets).
    pub short: Vec<(String, usize)>,
    /// The stage's `min_judges`.
    pub min_judges: u32,
}

fn name_of(s: &Stage) -> String {
    if s.name.is_empty() {
        s.id.clone()
    } else {
        s.name.clone()
    }
}

/// The entrants of stage `k`: the eligible innovations for the first stage;
/// for a later one, those who advanced from the stage before after panel
/// decisions (`None` while that stage cannot be ranked).
pub fn entrants<'a>(p: &'a Project, c: Option<&Computed>, k: usize) -> Option<Vec<&'a Innovation>> {
    if k == 0 {
        return Some(p.inputs.innovations.iter().filter(|i| i.eligible).collect());
    }
    let prev = &p.inputs.competition.stages.get(k - 1)?.id;
    let view = c?.view.stages.iter().find(|s| &s.id == prev)?;
    let ids: BTreeSet<&str> = view
        .rows
        .iter()
        .filter(|r| !r.incomplete && r.advanced)
        .map(|r| r.id.as_str())
        .collect();
    Some(
        p.inputs
            .innovations
            .iter()
            .filter(|i| ids.contains(i.id.as_str()))
            .collect(),
    )
}

/// The judges: the judges table, or the judge ids seen in the scores.
pub fn judges(p: &Project) -> Vec<Judge> {
    match &p.inputs.judges {
        Some(j) => j.as_ref().clone(),
        None => p
            .inputs
            .scores
            .iter()
            .map(|s| s.judge.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|id| Judge {
                id: id.to_string(),
                name: String::new(),
                agency: String::new(),
                conflicts: Vec::new(),
                loc: Default::default(),
            })
            .collect(),
    }
}

/// Progress of every stage.
pub fn progress(p: &Project, c: Option<&Computed>) -> Vec<StageProgress> {
    let judges = judges(p);
    let comp = &p.inputs.competition;
    comp.stages
        .iter()
        .enumerate()
        .map(|(k, st)| {
            let ents = entrants(p, c, k);
            let ent_ids: Option<BTreeSet<&str>> = ents
                .as_ref()
                .map(|e| e.iter().map(|i| i.id.as_str()).collect());
            let crit: BTreeMap<&str, (f64, f64)> = st
                .criteria
                .iter()
                .map(|c| (c.id.as_str(), (c.min, c.max)))
                .collect();
            // (judge, innovation) -> criteria seen, values out of range
            let mut sheets: BTreeMap<(&str, &str), (BTreeSet<&str>, usize)> = BTreeMap::new();
            for s in p.inputs.scores.iter().filter(|s| *s.stage == *st.id) {
                let e = sheets.entry((&*s.judge, &*s.innovation)).or_default();
                e.0.insert(&*s.criterion);
                if let Some((lo, hi)) = crit.get(&*s.criterion) {
                    if !(s.value >= *lo && s.value <= *hi) {
                        e.1 += 1;
                    }
                }
            }
            let complete = |seen: &BTreeSet<&str>| crit.keys().all(|c| seen.contains(c));
            let list = judges
                .iter()
                .map(|j| {
                    let mine: Vec<_> = sheets
                        .iter()
                        .filter(|((jj, i), _)| {
                            *jj == j.id && ent_ids.as_ref().is_none_or(|e| e.contains(i))
                        })
                        .collect();
                    JudgeProgress {
                        judge: j.id.clone(),
                        stage: st.id.clone(),
                        stage_name: name_of(st),
                        expected: ents
                            .as_ref()
                            .map(|e| kipp_formats::judge_entrants(e, j).len()),
                        received: mine.len(),
                        incomplete: mine.iter().filter(|(_, (seen, _))| !complete(seen)).count(),
                        out_of_range: mine.iter().map(|(_, (_, n))| *n).sum(),
                    }
                })
                .collect();
            let short = ents
                .as_ref()
                .map(|e| {
                    e.iter()
                        .filter_map(|i| {
                            let n = sheets
                                .iter()
                                .filter(|((_, ii), (seen, bad))| {
                                    *ii == i.id && complete(seen) && *bad == 0
                                })
                                .count();
                            (n < st.min_judges as usize).then(|| (i.id.clone(), n))
                        })
                        .collect()
                })
                .unwrap_or_default();
            StageProgress {
                stage: st.id.clone(),
                name: name_of(st),
                entrants: ents.as_ref().map(|e| e.len()),
                judges: list,
                short,
                min_judges: st.min_judges,
            }
        })
        .collect()
}

/// Score-sheet templates of stage `k` for every judge, one ZIP
/// (`Err`: the file name, when the stage's entrants are not known yet).
pub fn templates(
    p: &Project,
    c: Option<&Computed>,
    k: usize,
    lang: Lang,
) -> Result<Download, String> {
    let x = templates_unwritten(p, c, k, lang)?;
    let name = x.name.clone();
    x.write_here().map_err(|_| name)
}

/// [`templates`] with its workbooks still to write.
pub fn templates_unwritten(
    p: &Project,
    c: Option<&Computed>,
    k: usize,
    lang: Lang,
) -> Result<XlsxDownload, String> {
    let comp = &p.inputs.competition;
    let stage = comp.stages.get(k).ok_or_else(|| "templates".to_string())?;
    let name = format!("{}-lembar-nilai-{}.zip", slug(&comp.name), slug(&stage.id));
    let ents = entrants(p, c, k).ok_or_else(|| name.clone())?;
    let judges = judges(p);
    let sheets: Vec<TemplateSheet> = judges
        .iter()
        .map(|j| TemplateSheet {
            stage,
            judge: j,
            innovations: kipp_formats::judge_entrants(&ents, j),
        })
        .filter(|t| !t.innovations.is_empty())
        .collect();
    if sheets.is_empty() {
        return Err(name);
    }
    Ok(XlsxDownload {
        name,
        mime: "application/zip",
        content: Unwritten::Zip(kipp_formats::score_sheets_parts(&sheets, &comp.name, lang)),
    })
}
