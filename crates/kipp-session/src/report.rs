//! The official report: a berita acara (minutes) per stage and for the whole
//! competition, with the attachment of the decree (lampiran SK) — what the
//! Tim Penilai signs. Built here as plain data and sentences (tested
//! natively); the app lays it out for print (A4, `@media print`).

use kipp_score::{Aggregate, Lang, Normalize, Op, RuleValue, TieBreak, Ties, Warning};
use serde::{Deserialize, Serialize};

use crate::project::Project;
use crate::run::Computed;

/// What the officer types for the report (kept in the project).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReportMeta {
    /// Where the assessment took place (`Purwokerto`, `Aula Bappeda`).
    #[serde(default)]
    pub place: String,
    /// When (`YYYY-MM-DD`); empty: the day of printing.
    #[serde(default)]
    pub date: String,
    /// The body that assessed (`Tim Penilai KIPP Kabupaten Banyumas`).
    #[serde(default)]
    pub body: String,
    /// The chair's name.
    #[serde(default)]
    pub chair: String,
    /// The decree the ranking is attached to (`Nomor 060/123/2026`).
    #[serde(default)]
    pub decree: String,
}

/// One row of a stage's ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportRow {
    /// Rank (`None`: incomplete).
    pub rank: Option<u32>,
    /// Innovation id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Unit and agency (`Puskesmas Kembaran — Dinas Kesehatan`).
    pub unit: String,
    /// Stage score.
    pub score: Option<f64>,
    /// Advances (after panel decisions).
    pub advanced: bool,
    /// A panel decision set `advanced`.
    pub decided: bool,
    /// Admitted through a tie at the cut-off.
    pub tie: bool,
}

/// A panel decision as the report lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportDecision {
    /// Innovation id.
    pub id: String,
    /// Title.
    pub title: String,
    /// What was decided, in words (`lolos`, against the recommendation).
    pub decision: String,
    /// Why.
    pub reason: String,
    /// When (ISO 8601 with offset).
    pub at: String,
}

/// One stage of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct StageReport {
    /// Stage id.
    pub id: String,
    /// Stage name.
    pub name: String,
    /// Entrants (rows).
    pub entrants: usize,
    /// Advancing.
    pub advancing: usize,
    /// Criteria: (name, weight, scale as `0–100`).
    pub criteria: Vec<(String, f64, String)>,
    /// How the stage is scored and who advances, in sentences.
    pub rules: Vec<String>,
    /// The ranking, in ranking order.
    pub rows: Vec<ReportRow>,
    /// Innovations admitted through a tie at the cut-off.
    pub ties: Vec<String>,
    /// Panel decisions of the stage.
    pub decisions: Vec<ReportDecision>,
    /// Sheets set aside for a conflict of interest: (judge, innovation).
    pub excluded: Vec<(String, String)>,
    /// The stage's warnings.
    pub warnings: Vec<String>,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The competition's name.
    pub competition: String,
    /// Edition year.
    pub year: Option<i32>,
    /// What the officer typed.
    pub meta: ReportMeta,
    /// The stages shown (one, or all).
    pub stages: Vec<StageReport>,
    /// The winners (last stage, after decisions): (id, title, unit).
    pub winners: Vec<(String, String, String)>,
    /// The result's digest.
    pub digest: String,
    /// How anyone can check the result, in a sentence.
    pub verify_hint: String,
    /// The judges who sign: their names (ids when no judges table).
    pub signatories: Vec<String>,
    /// Made-up data (the demo): said on every page.
    pub synthetic: bool,
    /// Participation in one line ([`Computed::participation_line`]).
    pub participation: String,
    /// Innovations per agency, most first: (agency, count).
    pub by_agency: Vec<(String, u64)>,
}

/// The report of stage `stage` (`None`: every stage and the winners), with
/// numbers written by `num` (value, decimals).
pub fn build(
    p: &Project,
    c: &Computed,
    stage: Option<usize>,
    lang: Lang,
    num: &dyn Fn(f64, usize) -> String,
) -> Report {
    let en = lang == Lang::En;
    let comp = &p.inputs.competition;
    let inn = |id: &str| p.inputs.innovations.iter().find(|i| i.id == id);
    let unit_of = |id: &str| {
        inn(id)
            .map(|i| match (i.unit.is_empty(), i.agency.is_empty()) {
                (false, false) if i.unit != i.agency => format!("{} — {}", i.unit, i.agency),
                (false, _) => i.unit.clone(),
                (true, _) => i.agency.clone(),
            })
            .unwrap_or_default()
    };
    let title_of = |id: &str| {
        inn(id)
            .map(|i| i.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let stages = comp
        .stages
        .iter()
        .enumerate()
        .filter(|(k, _)| stage.is_none_or(|s| s == *k))
        .filter_map(|(k, st)| {
            let view = c.view.stages.get(k)?;
            let result = c.result.stages.get(k)?;
            let criteria = st
                .criteria
                .iter()
                .map(|cr| {
                    (
                        if cr.name.is_empty() {
                            cr.id.clone()
                        } else {
                            cr.name.clone()
                        },
                        cr.weight,
                        format!("{}–{}", num(cr.min, 2), num(cr.max, 2)),
                    )
                })
                .collect();
            let rows: Vec<ReportRow> = view
                .rows
                .iter()
                .map(|r| ReportRow {
                    rank: r.rank,
                    id: r.id.clone(),
                    title: title_of(&r.id),
                    unit: unit_of(&r.id),
                    score: r.score,
                    advanced: r.advanced && !r.incomplete,
                    decided: r.recommended.is_some_and(|x| x != r.advanced),
                    tie: r.tie_at_cutoff,
                })
                .collect();
            let yes = |b: bool| match (b, en) {
                (true, false) => "lolos",
                (false, false) => "tidak lolos",
                (true, true) => "advances",
                (false, true) => "does not advance",
            };
            let decisions = p
                .decisions
                .iter()
                .filter(|d| d.stage == st.id)
                .map(|d| {
                    let rec = view
                        .rows
                        .iter()
                        .find(|r| r.id == d.innovation)
                        .map(|r| r.recommended.unwrap_or(r.advanced));
                    ReportDecision {
                        id: d.innovation.clone(),
                        title: title_of(&d.innovation),
                        decision: match rec {
                            Some(r) if en => {
                                format!("{} (recommendation: {})", yes(d.advance), yes(r))
                            }
                            Some(r) => format!("{} (rekomendasi: {})", yes(d.advance), yes(r)),
                            None => yes(d.advance).to_string(),
                        },
                        reason: d.reason.clone(),
                        at: d.at.clone(),
                    }
                })
                .collect();
            let excluded = result
                .warnings
                .iter()
                .filter_map(|w| match w {
                    Warning::ConflictSheetsDropped { pairs, .. } => Some(pairs.clone()),
                    _ => None,
                })
                .flatten()
                .collect();
            Some(StageReport {
                id: st.id.clone(),
                name: if st.name.is_empty() {
                    st.id.clone()
                } else {
                    st.name.clone()
                },
                entrants: rows.len(),
                advancing: rows.iter().filter(|r| r.advanced).count(),
                criteria,
                rules: rules(st, comp, lang, num),
                ties: rows
                    .iter()
                    .filter(|r| r.tie)
                    .map(|r| r.id.clone())
                    .collect(),
                rows,
                decisions,
                excluded,
                warnings: view.warnings.clone(),
            })
        })
        .collect();
    let winners = if stage.is_none() || stage == Some(comp.stages.len().saturating_sub(1)) {
        c.view
            .winners
            .iter()
            .map(|id| (id.clone(), title_of(id), unit_of(id)))
            .collect()
    } else {
        Vec::new()
    };
    let signatories = match &p.inputs.judges {
        Some(js) if !js.is_empty() => js
            .iter()
            .map(|j| {
                if j.name.trim().is_empty() {
                    j.id.clone()
                } else {
                    j.name.clone()
                }
            })
            .collect(),
        _ => {
            let mut ids: Vec<String> = p
                .inputs
                .scores
                .iter()
                .map(|s| s.judge.to_string())
                .collect();
            ids.sort();
            ids.dedup();
            ids
        }
    };
    let verify_hint = if en {
        "Anyone can check this result: with the published inputs, `kipp verify hasil.json competition.json --innovations … --scores …` (or the Verify screen of the kipp app) recomputes every number and compares the digest.".to_string()
    } else {
        "Siapa pun dapat memeriksa hasil ini: dengan berkas masukan yang diterbitkan, `kipp verify hasil.json competition.json --innovations … --scores …` (atau layar Verifikasi aplikasi kipp) menghitung ulang setiap nilai dan membandingkan sidiknya.".to_string()
    };
    Report {
        competition: comp.name.clone(),
        year: p.year,
        meta: p.report.clone(),
        stages,
        winners,
        digest: c.view.digest.clone(),
        verify_hint,
        signatories,
        synthetic: p.synthetic,
        participation: c.participation_line(lang),
        by_agency: c
            .participation
            .by_agency
            .iter()
            .map(|a| (a.name.clone(), a.count))
            .collect(),
    }
}

/// How a stage is scored and who advances, in plain sentences.
fn rules(
    st: &kipp_score::Stage,
    comp: &kipp_score::Competition,
    lang: Lang,
    num: &dyn Fn(f64, usize) -> String,
) -> Vec<String> {
    let en = lang == Lang::En;
    let mut out = Vec::new();
    out.push(match (st.normalize, en) {
        (Normalize::None, false) => "Nilai juri dipakai apa adanya, dibagi rentang skala (0–1).".into(),
        (Normalize::None, true) => "Judges' scores are used as given, divided by the scale's range (0–1).".into(),
        (Normalize::ZScore, false) => "Nilai setiap juri dibakukan per kriteria (skor-z), agar penilaian juri yang murah dan juri yang ketat setara.".into(),
        (Normalize::ZScore, true) => "Each judge's scores are standardised per criterion (z-score), so lenient and strict judges count alike.".into(),
    });
    out.push(match (st.aggregate, en) {
        (Aggregate::Mean, false) => "Nilai para juri dirata-rata.".into(),
        (Aggregate::Mean, true) => "The judges' values are averaged.".into(),
        (Aggregate::Median, false) => "Nilai para juri diambil mediannya.".into(),
        (Aggregate::Median, true) => "The median of the judges' values is taken.".into(),
        (Aggregate::Trimmed, false) => "Nilai tertinggi dan terendah dibuang bila ada 3 juri atau lebih, lalu dirata-rata.".into(),
        (Aggregate::Trimmed, true) => "The highest and lowest values are dropped when there are 3 or more judges, then averaged.".into(),
    });
    out.push(if en {
        format!("Score = weighted mean of the criteria × 100; at least {} valid sheet(s) per innovation, or it is incomplete.", st.min_judges)
    } else {
        format!("Nilai = rata-rata tertimbang kriteria × 100; paling sedikit {} lembar penilaian sah per inovasi, bila kurang dinyatakan belum lengkap.", st.min_judges)
    });
    for b in &st.bonus {
        let value = match &b.value {
            RuleValue::One(a) => a.text.clone(),
            RuleValue::List(v) => v
                .iter()
                .map(|a| a.text.clone())
                .collect::<Vec<_>>()
                .join(", "),
        };
        let op = match (b.op, en) {
            (Op::Ge, _) => "≥",
            (Op::Gt, _) => ">",
            (Op::Le, _) => "≤",
            (Op::Lt, _) => "<",
            (Op::Eq, _) => "=",
            (Op::Ne, _) => "≠",
            (Op::In, false) => "salah satu dari",
            (Op::In, true) => "one of",
        };
        out.push(if en {
            format!(
                "Bonus: {} points when {} {op} {value}.",
                num(b.points, 2),
                b.field
            )
        } else {
            format!(
                "Nilai tambahan: {} poin bila {} {op} {value}.",
                num(b.points, 2),
                b.field
            )
        });
    }
    if let Some(terms) = &st.combine {
        let name = |id: &str| {
            comp.stages
                .iter()
                .find(|s| s.id == id)
                .map(|s| {
                    if s.name.is_empty() {
                        s.id.clone()
                    } else {
                        s.name.clone()
                    }
                })
                .unwrap_or_else(|| id.to_string())
        };
        let list = terms
            .iter()
            .map(|t| format!("{} × {}", name(&t.stage), num(t.weight, 2)))
            .collect::<Vec<_>>()
            .join(" + ");
        out.push(if en {
            format!("Stage score combines: {list} (weighted mean).")
        } else {
            format!("Nilai tahap menggabungkan: {list} (rata-rata tertimbang).")
        });
    }
    if !st.tie_break.is_empty() {
        let keys = st
            .tie_break
            .iter()
            .map(|k| match k {
                TieBreak::Criterion(c) => st
                    .criteria
                    .iter()
                    .find(|x| &x.id == c)
                    .map(|x| {
                        if x.name.is_empty() {
                            x.id.clone()
                        } else {
                            x.name.clone()
                        }
                    })
                    .unwrap_or_else(|| c.clone()),
                TieBreak::Bonus => if en { "bonus" } else { "nilai tambahan" }.into(),
                TieBreak::Raw => if en { "raw score" } else { "nilai dasar" }.into(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        out.push(if en {
            format!("Equal scores are separated by: {keys}.")
        } else {
            format!("Nilai sama dipisahkan berturut-turut oleh: {keys}.")
        });
    }
    match &st.advance {
        None => out.push(if en {
            "Every ranked innovation advances.".into()
        } else {
            "Semua inovasi yang diperingkat lolos.".into()
        }),
        Some(a) => {
            let mut s = match (a.top, en) {
                (Some(n), false) => format!("Lolos: {n} teratas"),
                (Some(n), true) => format!("Advance: the top {n}"),
                (None, false) => "Lolos: semua".into(),
                (None, true) => "Advance: all".into(),
            };
            if a.per_category {
                s.push_str(if en {
                    " of each category"
                } else {
                    " tiap kategori"
                });
            }
            if let Some(t) = a.threshold {
                s.push_str(&if en {
                    format!(", with a score of at least {}", num(t, 2))
                } else {
                    format!(", dengan nilai paling sedikit {}", num(t, 2))
                });
            }
            if let Some(m) = a.max_per_agency {
                s.push_str(&if en {
                    format!(", at most {m} per agency")
                } else {
                    format!(", paling banyak {m} per instansi")
                });
            }
            if a.top.is_some() {
                s.push_str(match (a.ties, en) {
                    (Ties::Include, false) => "; nilai sama di batas ikut lolos",
                    (Ties::Include, true) => "; ties at the cut-off also advance",
                    (Ties::Exclude, false) => {
                        "; nilai sama di batas tidak diloloskan (kuota bisa tidak penuh)"
                    }
                    (Ties::Exclude, true) => {
                        "; ties at the cut-off do not advance (the quota may stay unfilled)"
                    }
                });
            }
            s.push('.');
            out.push(s);
        }
    }
    out
}
