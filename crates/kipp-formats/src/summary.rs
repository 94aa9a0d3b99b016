//! The participation summary (docs/summary.md): the numbers a regency's news
//! post reports before the winners — innovations entered and eligible, per
//! stage entered and advanced, agencies taking part, counts by agency (the
//! top three named) and by category — for one edition, and several editions'
//! summaries merged into one file (counts by year).
//!
//! Shared by `kipp summary` and the organiser app; the widget reads the file.

use std::collections::BTreeMap;
use std::sync::Arc;

use kipp_score::{Competition, Innovation, Lang, RunResult};
use serde::{Deserialize, Serialize};

use crate::problem::Problem;

/// The format version of `summary.json`.
pub const SUMMARY_VERSION: u32 = 1;

/// A name and how many innovations it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// The agency's or category's name as in the innovations file.
    pub name: String,
    /// Innovations.
    pub count: u64,
}

/// One stage: how many entered, how many advanced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageCount {
    /// Stage id.
    pub id: String,
    /// Stage name.
    #[serde(default)]
    pub name: String,
    /// Innovations ranked in the stage.
    pub entered: u64,
    /// Innovations that advanced (after panel decisions).
    pub advanced: u64,
}

/// One edition (a year's competition).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    /// The edition's year (when known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The competition's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub competition: String,
    /// Innovations entered.
    pub innovations: u64,
    /// Innovations that passed the administrative check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligible: Option<u64>,
    /// Agencies taking part (distinct non-empty `agency`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agencies: Option<u64>,
    /// Per stage, in the competition's order (empty without scores).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageCount>,
    /// Per agency, most innovations first (then by name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_agency: Vec<Count>,
    /// The agencies with most innovations: the first three of `by_agency`,
    /// and every agency tied with the third (so possibly more than three).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub top_agencies: Vec<String>,
    /// Per category, most innovations first (then by name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_category: Vec<Count>,
    /// Per unit type (Puskesmas, Kecamatan, …), when the innovations file
    /// has a `unit_type` (or `jenis_unit`) column; most first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_unit_type: Vec<Count>,
}

/// The innovations file's columns that name a unit's type.
pub const UNIT_TYPE_COLUMNS: [&str; 2] = ["unit_type", "jenis_unit"];

fn unit_type(i: &Innovation) -> &str {
    UNIT_TYPE_COLUMNS
        .iter()
        .find_map(|k| i.attrs.get(*k))
        .map_or("", |a| a.text.as_str())
}

/// A summary file: one or more editions, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Format version ([`SUMMARY_VERSION`]).
    pub kipp_summary: u32,
    /// Who publishes it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub publisher: String,
    /// The editions, oldest first.
    pub editions: Vec<Edition>,
}

/// Counts of `key` over `list`, most first, then by name; empty names left out.
fn counts<'a>(list: impl Iterator<Item = &'a str>) -> Vec<Count> {
    let mut m: BTreeMap<&str, u64> = BTreeMap::new();
    for k in list {
        let k = k.trim();
        if !k.is_empty() {
            *m.entry(k).or_default() += 1;
        }
    }
    let mut v: Vec<Count> = m
        .into_iter()
        .map(|(name, count)| Count {
            name: name.to_string(),
            count,
        })
        .collect();
    // Stable on the name order of the map: ties stay alphabetical.
    v.sort_by_key(|c| std::cmp::Reverse(c.count));
    v
}

/// The summary of one edition: `innovations` as entered (with their
/// administrative check), and the stages of `result` when there is one (its
/// `advanced` already carries the panel decisions).
pub fn summarize(
    competition: &Competition,
    innovations: &[Innovation],
    result: Option<&RunResult>,
    year: Option<i32>,
) -> Edition {
    let by_agency = counts(innovations.iter().map(|i| i.agency.as_str()));
    let by_category = counts(innovations.iter().map(|i| i.category.as_str()));
    let by_unit_type = counts(innovations.iter().map(unit_type));
    let stages = result
        .map(|r| {
            r.stages
                .iter()
                // A stage nobody has been scored in yet (its sheets arrive
                // later) has not happened: "20 → 0 lolos" would be wrong.
                .filter(|s| s.rows.iter().any(|row| !row.incomplete))
                .map(|s| StageCount {
                    id: s.id.clone(),
                    name: competition
                        .stages
                        .iter()
                        .find(|c| c.id == s.id)
                        .map(|c| c.name.clone())
                        .unwrap_or_default(),
                    entered: s.rows.len() as u64,
                    advanced: s.rows.iter().filter(|r| r.advanced).count() as u64,
                })
                .collect()
        })
        .unwrap_or_default();
    Edition {
        year,
        competition: competition.name.clone(),
        innovations: innovations.len() as u64,
        eligible: Some(innovations.iter().filter(|i| i.eligible).count() as u64),
        agencies: Some(by_agency.len() as u64),
        stages,
        top_agencies: top_three(&by_agency)
            .iter()
            .map(|c| c.name.clone())
            .collect(),
        by_agency,
        by_category,
        by_unit_type,
    }
}

/// A year (1900–2099) standing as a word in `name` ("KIPP Banyumas 2020"):
/// the edition's year when none is given.
pub fn year_in(name: &str) -> Option<i32> {
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| (1900..2100).contains(y))
}

/// The first three of `list` (sorted, most first) and every entry tied
/// with the third.
pub fn top_three(list: &[Count]) -> &[Count] {
    &list[..kipp_lang::sentences::top_three_len(list.iter().map(|c| c.count))]
}

impl Summary {
    /// A file of one edition.
    pub fn of(edition: Edition, publisher: &str) -> Summary {
        Summary {
            kipp_summary: SUMMARY_VERSION,
            publisher: publisher.to_string(),
            editions: vec![edition],
        }
    }

    /// The file as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

fn problem(file: &Arc<str>, line: u32, column: u32, id: String, en: String) -> Problem {
    Problem::new(file, line, column, id, en).with_kind("summary")
}

/// Reads a summary file (located problems when it is not one).
pub fn read_summary(name: &str, bytes: &[u8]) -> Result<Summary, Vec<Problem>> {
    let file: Arc<str> = Arc::from(name);
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let s: Summary = serde_json::from_slice(text).map_err(|e| {
        vec![problem(
            &file,
            e.line() as u32,
            e.column() as u32,
            format!("ringkasan tidak terbaca: {e}"),
            format!("the summary cannot be read: {e}"),
        )]
    })?;
    if s.kipp_summary != SUMMARY_VERSION {
        return Err(vec![problem(
            &file,
            1,
            1,
            format!("versi ringkasan {} tidak dikenal (harus 1)", s.kipp_summary),
            format!("unknown summary version {} (must be 1)", s.kipp_summary),
        )]);
    }
    Ok(s)
}

/// Several summaries as one: every edition, oldest first (editions without
/// a year last, in file order). The same competition in the same year twice
/// is refused, naming both files.
pub fn merge(files: &[(String, Summary)]) -> Result<Summary, Vec<Problem>> {
    let mut editions: Vec<(usize, &str, &Edition)> = Vec::new();
    let mut problems = Vec::new();
    for (name, s) in files {
        for e in &s.editions {
            if let Some((_, other, _)) = editions.iter().find(|(_, _, o)| {
                o.year == e.year && o.competition == e.competition && e.year.is_some()
            }) {
                let file: Arc<str> = Arc::from(name.as_str());
                let y = e.year.unwrap_or_default();
                problems.push(problem(
                    &file,
                    1,
                    1,
                    format!("\"{}\" {y} sudah ada di {other}", e.competition),
                    format!("\"{}\" {y} is already in {other}", e.competition),
                ));
            }
            editions.push((editions.len(), name, e));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    editions.sort_by_key(|(k, _, e)| (e.year.is_none(), e.year, *k));
    let publisher = files
        .iter()
        .map(|(_, s)| s.publisher.as_str())
        .find(|p| !p.is_empty())
        .unwrap_or("")
        .to_string();
    Ok(Summary {
        kipp_summary: SUMMARY_VERSION,
        publisher,
        editions: editions.into_iter().map(|(_, _, e)| e.clone()).collect(),
    })
}

pub use kipp_lang::sentences::thousands;

/// The edition in one sentence, as a news post writes it: "107 inovasi dari
/// 36 perangkat daerah; terbanyak Dinas Kesehatan (38), Dinas Pendidikan
/// (25) dan Dinas Pekerjaan Umum (4)." (kipp_lang::sentences::participation)
pub fn headline(e: &Edition, lang: Lang) -> String {
    let top: Vec<(&str, u64)> = top_three(&e.by_agency)
        .iter()
        .map(|c| (c.name.as_str(), c.count))
        .collect();
    kipp_lang::sentences::participation(e.innovations, e.agencies, &top, lang)
}

/// A readable table of every edition (the CLI's `--format table`).
pub fn summary_table(s: &Summary, lang: Lang) -> String {
    let w = |id: &'static str, en: &'static str| kipp_lang::W(id, en).t(lang);
    let mut out = String::new();
    for e in &s.editions {
        let title = match (e.year, e.competition.is_empty()) {
            (Some(y), false) => format!("{} ({y})", e.competition),
            (Some(y), true) => y.to_string(),
            (None, false) => e.competition.clone(),
            (None, true) => String::new(),
        };
        if !title.is_empty() {
            out.push_str(&title);
            out.push('\n');
        }
        out.push_str(&headline(e, lang));
        out.push('\n');
        if let Some(el) = e.eligible {
            out.push_str(&format!(
                "{}: {}\n",
                w("Memenuhi syarat", "Eligible"),
                thousands(el, lang)
            ));
        }
        for st in &e.stages {
            let name = if st.name.is_empty() { &st.id } else { &st.name };
            out.push_str(&format!(
                "{}: {} {}, {} {}\n",
                name,
                thousands(st.entered, lang),
                w("dinilai", "ranked"),
                thousands(st.advanced, lang),
                w("lolos", "advanced"),
            ));
        }
        for (head, list) in [
            (w("Perangkat daerah", "Agency"), &e.by_agency),
            (w("Kategori", "Category"), &e.by_category),
            (w("Jenis unit", "Unit type"), &e.by_unit_type),
        ] {
            if list.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{head}\n"));
            let width = list
                .iter()
                .map(|c| c.name.chars().count())
                .max()
                .unwrap_or(0);
            for c in list {
                let pad = width - c.name.chars().count();
                out.push_str(&format!(
                    "  {}{}  {:>5}\n",
                    c.name,
                    " ".repeat(pad),
                    thousands(c.count, lang)
                ));
            }
        }
        out.push('\n');
    }
    if s.editions.len() > 1 {
        out.push_str(w("Per tahun\n", "By year\n"));
        for e in &s.editions {
            let y = e.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into());
            out.push_str(&format!("  {y}  {:>7}\n", thousands(e.innovations, lang)));
        }
    }
    out
}

/// CSV (the CLI's `--format csv`): one line per (edition, kind, name):
/// `year,competition,kind,name,count` with kinds `innovations`, `eligible`,
/// `agencies`, `stage_entered`, `stage_advanced`, `agency`, `category`,
/// `unit_type`.
pub fn summary_csv(s: &Summary) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(["year", "competition", "kind", "name", "count"]);
    for e in &s.editions {
        let y = e.year.map(|y| y.to_string()).unwrap_or_default();
        let mut line = |kind: &str, name: &str, n: u64| {
            let _ = w.write_record([y.as_str(), &e.competition, kind, name, &n.to_string()]);
        };
        line("innovations", "", e.innovations);
        if let Some(n) = e.eligible {
            line("eligible", "", n);
        }
        if let Some(n) = e.agencies {
            line("agencies", "", n);
        }
        for st in &e.stages {
            line("stage_entered", &st.id, st.entered);
            line("stage_advanced", &st.id, st.advanced);
        }
        for c in &e.by_agency {
            line("agency", &c.name, c.count);
        }
        for c in &e.by_category {
            line("category", &c.name, c.count);
        }
        for c in &e.by_unit_type {
            line("unit_type", &c.name, c.count);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_and_headline() {
        assert_eq!(thousands(1184, Lang::Id), "1.184");
        assert_eq!(thousands(1184, Lang::En), "1,184");
        assert_eq!(thousands(107, Lang::Id), "107");
        assert_eq!(thousands(1_000_000, Lang::Id), "1.000.000");
        let e = Edition {
            year: Some(2020),
            competition: "KIPP".into(),
            innovations: 107,
            eligible: None,
            agencies: Some(36),
            stages: vec![],
            by_agency: vec![
                Count {
                    name: "Dinas Kesehatan".into(),
                    count: 38,
                },
                Count {
                    name: "Dinas Pendidikan".into(),
                    count: 25,
                },
                Count {
                    name: "Dinas Pekerjaan Umum".into(),
                    count: 4,
                },
                Count {
                    name: "Bappeda".into(),
                    count: 1,
                },
            ],
            top_agencies: vec![],
            by_category: vec![],
            by_unit_type: vec![],
        };
        assert_eq!(
            headline(&e, Lang::Id),
            "107 inovasi dari 36 perangkat daerah; terbanyak Dinas Kesehatan (38), Dinas Pendidikan (25) dan Dinas Pekerjaan Umum (4)."
        );
        assert!(headline(&e, Lang::En).starts_with("107 innovations from 36 agencies; most from"));
        // A tie at the third place names the tied ones by number.
        let mut tied = e.clone();
        tied.by_agency[3].count = 4;
        assert_eq!(top_three(&tied.by_agency).len(), 4);
        assert_eq!(
            headline(&tied, Lang::Id),
            "107 inovasi dari 36 perangkat daerah; terbanyak Dinas Kesehatan (38), Dinas Pendidikan (25) dan 2 perangkat daerah dengan 4 inovasi."
        );
    }

    #[test]
    fn a_year_in_a_name() {
        assert_eq!(year_in("KIPP Kabupaten Banyumas 2020 (contoh)"), Some(2020));
        assert_eq!(year_in("KIPP 12345 x"), None);
        assert_eq!(year_in("Top 99"), None);
    }

    #[test]
    fn counts_sort_by_count_then_name() {
        let c = counts(["b", "a", "b", " ", "c", "a", "d"].into_iter());
        let v: Vec<(&str, u64)> = c.iter().map(|c| (c.name.as_str(), c.count)).collect();
        assert_eq!(v, [("a", 2), ("b", 2), ("c", 1), ("d", 1)]);
    }

    #[test]
    fn merge_keeps_each_year_and_refuses_a_year_twice() {
        let ed = |y: i32, n: u64| Edition {
            year: Some(y),
            competition: "KIPP".into(),
            innovations: n,
            eligible: None,
            agencies: None,
            stages: vec![],
            by_agency: vec![],
            top_agencies: vec![],
            by_category: vec![],
            by_unit_type: vec![],
        };
        let a = Summary {
            kipp_summary: 1,
            publisher: "P".into(),
            editions: vec![ed(2016, 2476), ed(2014, 515)],
        };
        let b = Summary {
            kipp_summary: 1,
            publisher: String::new(),
            editions: vec![ed(2015, 1184)],
        };
        let m = merge(&[("a.json".into(), a.clone()), ("b.json".into(), b)]).unwrap();
        let years: Vec<(Option<i32>, u64)> =
            m.editions.iter().map(|e| (e.year, e.innovations)).collect();
        assert_eq!(
            years,
            [(Some(2014), 515), (Some(2015), 1184), (Some(2016), 2476)]
        );
        assert_eq!(m.publisher, "P");
        let round = read_summary("m.json", m.to_json().as_bytes()).unwrap();
        assert_eq!(round, m);
        let e = merge(&[("a.json".into(), a.clone()), ("c.json".into(), a)]).unwrap_err();
        assert!(
            e[0].to_string()
                .starts_with("c.json:1:1: \"KIPP\" 2016 sudah ada di a.json"),
            "{}",
            e[0]
        );
        let e = read_summary("x.json", br#"{"kipp_summary": 2, "editions": []}"#).unwrap_err();
        assert!(e[0].to_string().contains("versi ringkasan 2"));
        let e = read_summary("x.json", b"{\"kipp_summary\": 1,\n \"editions\": 3}").unwrap_err();
        assert!(e[0].to_string().starts_with("x.json:2:"), "{}", e[0]);
    }
}
