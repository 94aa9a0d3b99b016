//! What the fuzz targets share: the widgets' readers (plain Rust modules of
//! the cdylib-only widget crates, included by path so that they are fuzzed
//! exactly as built), the checks every answer must pass, and a
//! structure-aware generator of whole competitions.
//!
//! Each target answers one question: does this reader, on any input, give
//! either a result of finite numbers or located problems, without a panic,
//! an abort or a hang? The pipeline target adds properties across formats:
//! the same data as comma CSV, semicolon CSV with decimal commas, JSON lists
//! and in another row order gives the same digest and the same ranking.

use std::collections::HashMap;
use std::fmt::Write as _;

use arbitrary::{Arbitrary, Result as ArbResult, Unstructured};
use kipp_formats::{FileData, Problem, RunSet};
use kipp_score::RunResult;

/// The nominee file's reader of `<kipp-nominees>` (crates/kipp-widget).
#[allow(dead_code)]
#[path = "../../crates/kipp-widget/src/data.rs"]
pub mod nominees;

/// The published ranking's reader of `<kipp-ranking>` (crates/kipp-ranking).
#[allow(dead_code)]
#[path = "../../crates/kipp-ranking/src/file.rs"]
pub mod ranking;

/// Every problem names its file and says what is wrong in both languages.
pub fn check_problems(problems: &[Problem]) {
    assert!(!problems.is_empty(), "an Err without a problem");
    for p in problems {
        assert!(!p.file.is_empty(), "a problem without a file: {p:?}");
        assert!(
            !p.message_id.trim().is_empty(),
            "no Indonesian message: {p:?}"
        );
        assert!(!p.message_en.trim().is_empty(), "no English message: {p:?}");
    }
}

/// A result's numbers are finite and its ranks are ranks.
pub fn check_result(r: &RunResult) {
    assert_eq!(r.digest.len(), 64, "digest {:?}", r.digest);
    for st in &r.stages {
        let n = st.rows.len() as u32;
        let mut last = 0;
        for row in &st.rows {
            for v in [row.score, row.raw, row.bonus].into_iter().flatten() {
                assert!(v.is_finite(), "stage {} row {}: {v}", st.id, row.id);
            }
            for (c, v) in &row.criteria {
                assert!(v.is_finite(), "stage {} row {} {c}: {v}", st.id, row.id);
            }
            if let Some(rank) = row.rank {
                assert!(rank >= 1 && rank <= n, "rank {rank} of {n}");
                assert!(rank >= last, "ranks out of order in {}", st.id);
                last = rank;
                assert!(row.score.is_some(), "a ranked row without a score");
            }
        }
    }
}

/// The innovations, judges and scores readers on one file.
pub fn all_tables(name: &str, bytes: &[u8]) {
    if let Err(p) = kipp_formats::parse_innovations(name, bytes) {
        check_problems(&p);
    }
    if let Err(p) = kipp_formats::parse_scores(name, bytes) {
        check_problems(&p);
    }
    if let Err(p) = kipp_formats::parse_judges(name, bytes) {
        check_problems(&p);
    }
}

/// A number as the generator writes it: mostly ordinary, sometimes extreme.
#[derive(Clone, Copy, Debug)]
pub enum Num {
    /// 0..=100.
    Small(u8),
    /// Halves: 0, 0.5 ... 127.5.
    Half(u8),
    /// Any finite double (the edges of the limits).
    Raw(f64),
}

impl<'a> Arbitrary<'a> for Num {
    fn arbitrary(u: &mut Unstructured<'a>) -> ArbResult<Self> {
        Ok(match u.int_in_range(0..=9u8)? {
            0..=5 => Num::Small(u.int_in_range(0..=100)?),
            6..=8 => Num::Half(u.arbitrary()?),
            _ => {
                let x: f64 = u.arbitrary()?;
                Num::Raw(if x.is_finite() { x } else { 1e308 })
            }
        })
    }
}

impl Num {
    /// The value.
    pub fn get(self) -> f64 {
        match self {
            Num::Small(n) => n as f64,
            Num::Half(n) => n as f64 / 2.0,
            Num::Raw(x) => x,
        }
    }
}

/// A criterion: weight and scale.
#[derive(Arbitrary, Debug)]
pub struct CritSpec {
    weight: Num,
    min: Num,
    width: Num,
}

/// A bonus rule.
#[derive(Arbitrary, Debug)]
pub struct BonusSpec {
    points: Num,
    /// 0: years_running >= value, 1: category in [..], 2: agency ==.
    kind: u8,
    value: u8,
}

/// How a stage advances.
#[derive(Arbitrary, Debug)]
pub struct AdvanceSpec {
    top: u8,
    per_category: bool,
    threshold: Option<Num>,
    max_per_agency: Option<u8>,
    include_ties: bool,
}

/// One stage.
#[derive(Arbitrary, Debug)]
pub struct StageSpec {
    criteria: Vec<CritSpec>,
    zscore: bool,
    aggregate: u8,
    min_judges: u8,
    bonus: Vec<BonusSpec>,
    combine_previous: Option<(Num, Num)>,
    tie_break: Vec<u8>,
    advance: Option<AdvanceSpec>,
}

/// One innovation.
#[derive(Arbitrary, Debug)]
pub struct InnSpec {
    category: u8,
    agency: u8,
    years: u8,
    eligible: bool,
}

/// One score row (indices are taken modulo what exists).
#[derive(Arbitrary, Debug)]
pub struct ScoreSpec {
    stage: u8,
    innovation: u8,
    judge: u8,
    criterion: u8,
    value: Num,
}

/// A whole competition with its data.
#[derive(Arbitrary, Debug)]
pub struct Spec {
    stages: Vec<StageSpec>,
    innovations: Vec<InnSpec>,
    judges: u8,
    conflicts: Vec<(u8, u8)>,
    scores: Vec<ScoreSpec>,
    /// Scores of every (stage, innovation, judge, criterion) in reach, so
    /// that rankings are not mostly empty; `scores` then overrides values.
    full: bool,
    rotate: u16,
}

const CATEGORIES: [&str; 3] = ["kesehatan", "pendidikan", "tata-kelola"];
const AGENCIES: [&str; 4] = ["Dinas Kesehatan", "Bappeda", "Disdukcapil", ""];

/// The files of a [`Spec`], in every form the readers take.
pub struct Files {
    /// competition.json
    pub competition: String,
    /// Innovations as comma CSV, semicolon CSV, JSON list.
    pub innovations: [String; 3],
    /// Judges as comma CSV.
    pub judges: String,
    /// Scores (long form) as comma CSV, semicolon CSV, JSON list, and comma
    /// CSV in another row order.
    pub scores: [String; 4],
}

fn json_num(x: f64) -> String {
    // serde_json writes the shortest text that reads back as the same double.
    serde_json::to_string(&x).unwrap_or_else(|_| "0".into())
}

fn semicolon_num(x: f64) -> String {
    json_num(x).replace('.', ",")
}

impl Spec {
    /// Writes the files.
    pub fn files(&self) -> Files {
        let stages: Vec<&StageSpec> = self.stages.iter().take(3).collect();
        let n_stages = stages.len().max(1);
        let mut comp = String::from("{\"kipp\": 1, \"name\": \"Fuzz\", \"stages\": [");
        let mut crit_counts = Vec::new();
        for (si, st) in stages.iter().enumerate() {
            if si > 0 {
                comp.push(',');
            }
            let _ = write!(
                comp,
                "{{\"id\": \"s{si}\", \"name\": \"Tahap {si}\", \"criteria\": ["
            );
            let crits: Vec<&CritSpec> = st.criteria.iter().take(4).collect();
            crit_counts.push(crits.len().max(1));
            for (ci, c) in crits.iter().enumerate() {
                if ci > 0 {
                    comp.push(',');
                }
                let min = c.min.get();
                let _ = write!(
                    comp,
                    "{{\"id\": \"k{ci}\", \"name\": \"K{ci}\", \"weight\": {}, \"min\": {}, \"max\": {}}}",
                    json_num(c.weight.get()),
                    json_num(min),
                    json_num(min + c.width.get()),
                );
            }
            let agg = ["mean", "median", "trimmed"][st.aggregate as usize % 3];
            let _ = write!(
                comp,
                "], \"normalize\": \"{}\", \"aggregate\": \"{agg}\", \"min_judges\": {}, \"bonus\": [",
                if st.zscore { "zscore" } else { "none" },
                st.min_judges % 4 + 1,
            );
            for (bi, b) in st.bonus.iter().take(2).enumerate() {
                if bi > 0 {
                    comp.push(',');
                }
                let when = match b.kind % 3 {
                    0 => format!(
                        "{{\"field\": \"years_running\", \"op\": \">=\", \"value\": {}}}",
                        b.value % 6
                    ),
                    1 => format!(
                        "{{\"field\": \"category\", \"op\": \"in\", \"value\": [\"{}\"]}}",
                        CATEGORIES[b.value as usize % 3]
                    ),
                    _ => format!(
                        "{{\"field\": \"agency\", \"op\": \"==\", \"value\": \"{}\"}}",
                        AGENCIES[b.value as usize % 3]
                    ),
                };
                let _ = write!(
                    comp,
                    "{{\"id\": \"b{bi}\", \"points\": {}, \"when\": {when}}}",
                    json_num(b.points.get())
                );
            }
            comp.push(']');
            if let (Some((a, b)), true) = (st.combine_previous, si > 0) {
                let _ = write!(
                    comp,
                    ", \"combine\": [{{\"stage\": \"s{}\", \"weight\": {}}}, {{\"stage\": \"s{si}\", \"weight\": {}}}]",
                    si - 1,
                    json_num(a.get()),
                    json_num(b.get())
                );
            }
            comp.push_str(", \"tie_break\": [");
            for (ti, t) in st.tie_break.iter().take(3).enumerate() {
                if ti > 0 {
                    comp.push(',');
                }
                match t % 3 {
                    0 => comp.push_str("\"raw\""),
                    1 => comp.push_str("\"bonus\""),
                    _ => {
                        let _ = write!(comp, "\"criterion:k{}\"", *t as usize % crit_counts[si]);
                    }
                }
            }
            comp.push(']');
            if let Some(a) = &st.advance {
                let _ = write!(
                    comp,
                    ", \"advance\": {{\"top\": {}, \"per_category\": {}, \"threshold\": {}, \"max_per_agency\": {}, \"ties\": \"{}\"}}",
                    a.top % 40 + 1,
                    a.per_category,
                    a.threshold.map_or("null".into(), |t| json_num(t.get())),
                    a.max_per_agency.map_or("null".into(), |m| (m % 3 + 1).to_string()),
                    if a.include_ties { "include" } else { "exclude" },
                );
            }
            comp.push('}');
        }
        comp.push_str("]}");

        let inns: Vec<&InnSpec> = self.innovations.iter().take(40).collect();
        let mut inn_csv = String::from("id,title,agency,category,years_running,eligible\n");
        let mut inn_semi = String::from("id;title;agency;category;years_running;eligible\n");
        let mut inn_json = String::from("[");
        for (i, inn) in inns.iter().enumerate() {
            let agency = AGENCIES[inn.agency as usize % 4];
            let cat = CATEGORIES[inn.category as usize % 3];
            let years = inn.years % 8;
            let el = if inn.eligible { "true" } else { "false" };
            let _ = writeln!(inn_csv, "I{i},Inovasi {i},{agency},{cat},{years},{el}");
            let _ = writeln!(inn_semi, "I{i};Inovasi {i};{agency};{cat};{years};{el}");
            if i > 0 {
                inn_json.push(',');
            }
            let _ = write!(
                inn_json,
                "{{\"id\": \"I{i}\", \"title\": \"Inovasi {i}\", \"agency\": \"{agency}\", \"category\": \"{cat}\", \"years_running\": {years}, \"eligible\": {el}}}"
            );
        }
        inn_json.push(']');

        let n_judges = self.judges as usize % 6 + 1;
        let mut judges = String::from("id,name,agency,conflicts\n");
        for j in 0..n_judges {
            let conflicts: Vec<String> = self
                .conflicts
                .iter()
                .take(4)
                .filter(|(jj, _)| *jj as usize % n_judges == j)
                .filter(|_| !inns.is_empty())
                .map(|(_, i)| format!("I{}", *i as usize % inns.len()))
                .collect();
            let _ = writeln!(
                judges,
                "J{j},Juri {j},{},{}",
                AGENCIES[j % 4],
                conflicts.join(";")
            );
        }

        // (stage, innovation, judge, criterion) -> value, last one wins;
        // `at` finds a key's cell (this runs on every fuzz input).
        let mut cells: Vec<((usize, usize, usize, usize), f64)> = Vec::new();
        let mut at: HashMap<(usize, usize, usize, usize), usize> = HashMap::new();
        if self.full && !inns.is_empty() {
            for (si, st) in stages.iter().enumerate() {
                let crits: Vec<&CritSpec> = st.criteria.iter().take(4).collect();
                for i in 0..inns.len() {
                    for j in 0..n_judges {
                        for (ci, c) in crits.iter().enumerate() {
                            // A value inside the scale, varied by position.
                            let k = (i * 7 + j * 3 + ci * 5 + si) % 5;
                            let v = c.min.get() + c.width.get() * k as f64 / 4.0;
                            at.insert((si, i, j, ci), cells.len());
                            cells.push(((si, i, j, ci), v));
                        }
                    }
                }
            }
        }
        for s in self.scores.iter().take(400) {
            if inns.is_empty() {
                break;
            }
            let si = s.stage as usize % n_stages;
            let key = (
                si,
                s.innovation as usize % inns.len(),
                s.judge as usize % n_judges,
                s.criterion as usize % crit_counts.get(si).copied().unwrap_or(1),
            );
            match at.get(&key) {
                Some(&n) => cells[n].1 = s.value.get(),
                None => {
                    at.insert(key, cells.len());
                    cells.push((key, s.value.get()));
                }
            }
        }
        let head = "stage,innovation,judge,criterion,score\n";
        let mut sc_csv = String::from(head);
        let mut sc_semi = head.replace(',', ";");
        let mut sc_json = String::from("[");
        let mut sc_rot = String::from(head);
        for (n, ((si, i, j, ci), v)) in cells.iter().enumerate() {
            let _ = writeln!(sc_csv, "s{si},I{i},J{j},k{ci},{}", json_num(*v));
            let _ = writeln!(sc_semi, "s{si};I{i};J{j};k{ci};{}", semicolon_num(*v));
            if n > 0 {
                sc_json.push(',');
            }
            let _ = write!(
                sc_json,
                "{{\"stage\": \"s{si}\", \"innovation\": \"I{i}\", \"judge\": \"J{j}\", \"criterion\": \"k{ci}\", \"score\": {}}}",
                json_num(*v)
            );
        }
        sc_json.push(']');
        if !cells.is_empty() {
            let r = self.rotate as usize % cells.len();
            for ((si, i, j, ci), v) in cells[r..].iter().chain(cells[..r].iter()).rev() {
                let _ = writeln!(sc_rot, "s{si},I{i},J{j},k{ci},{}", json_num(*v));
            }
        }
        Files {
            competition: comp,
            innovations: [inn_csv, inn_semi, inn_json],
            judges,
            scores: [sc_csv, sc_semi, sc_json, sc_rot],
        }
    }
}

/// Reads, prepares and ranks one form of the files; `Err` holds the
/// problems' (file, line, column, kind) so forms can be compared.
pub fn run(
    competition: &str,
    innovations: (&str, &str),
    judges: &str,
    scores: (&str, &str),
) -> Result<(RunResult, kipp_score::Prepared), Vec<String>> {
    let set = RunSet {
        competition: FileData::new("competition.json", competition.as_bytes()),
        innovations: vec![FileData::new(innovations.0, innovations.1.as_bytes())],
        judges: vec![FileData::new("judges.csv", judges.as_bytes())],
        scores: vec![FileData::new(scores.0, scores.1.as_bytes())],
    };
    match kipp_formats::prepare_set(&set) {
        Ok(p) => {
            let r = p.rank();
            check_result(&r);
            Ok((r, p))
        }
        Err(problems) => {
            check_problems(&problems);
            Err(problems.iter().map(|p| p.kind.to_string()).collect())
        }
    }
}
