//! Writers: results (§3.1 JSON, CSV, XLSX), simulation outputs (§5.1), and
//! the input formats of §1 (for `kipp sample` and the app's exports).

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use kipp_score::{
    op_text, Aggregate, Attr, CompareResult, Competition, Innovation, Judge, JudgesResult, Lang,
    Normalize, RuleValue, RunResult, Score, SimResult, TieBreak, Ties,
};

use crate::num::number_text;
use crate::xlsx::{CellFormat, SheetOp, SheetSpec, WorkbookSpec};

fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn attr_json(a: &Attr) -> String {
    match a.number {
        Some(x) if number_text(x) == a.text => number_text(x),
        _ if a.text == "true" || a.text == "false" => a.text.clone(),
        _ => js(&a.text),
    }
}

/// The competition as a `competition.json` text (§1.1) that
/// [`crate::parse_competition`] reads back to an equal value. Defaults are
/// written out; `description` only when non-empty.
pub fn competition_json(c: &Competition) -> String {
    let mut o = String::new();
    o.push_str("{\n  \"kipp\": 1,\n");
    let _ = writeln!(o, "  \"name\": {},", js(&c.name));
    if !c.description.is_empty() {
        let _ = writeln!(o, "  \"description\": {},", js(&c.description));
    }
    o.push_str("  \"stages\": [");
    for (si, s) in c.stages.iter().enumerate() {
        o.push_str(if si == 0 { "\n" } else { ",\n" });
        o.push_str("    {\n");
        let _ = writeln!(o, "      \"id\": {},", js(&s.id));
        let _ = writeln!(o, "      \"name\": {},", js(&s.name));
        o.push_str("      \"criteria\": [");
        for (ci, cr) in s.criteria.iter().enumerate() {
            o.push_str(if ci == 0 { "\n" } else { ",\n" });
            let _ = write!(
                o,
                "        {{\"id\": {}, \"name\": {}, \"weight\": {}, \"min\": {}, \"max\": {}}}",
                js(&cr.id),
                js(&cr.name),
                number_text(cr.weight),
                number_text(cr.min),
                number_text(cr.max)
            );
        }
        o.push_str(if s.criteria.is_empty() {
            "],\n"
        } else {
            "\n      ],\n"
        });
        let normalize = match s.normalize {
            Normalize::None => "none",
            Normalize::ZScore => "zscore",
        };
        let aggregate = match s.aggregate {
            Aggregate::Mean => "mean",
            Aggregate::Median => "median",
            Aggregate::Trimmed => "trimmed",
        };
        let _ = writeln!(o, "      \"normalize\": \"{normalize}\",");
        let _ = writeln!(o, "      \"aggregate\": \"{aggregate}\",");
        let _ = write!(o, "      \"min_judges\": {}", s.min_judges);
        if !s.bonus.is_empty() {
            o.push_str(",\n      \"bonus\": [");
            for (bi, b) in s.bonus.iter().enumerate() {
                o.push_str(if bi == 0 { "\n" } else { ",\n" });
                let value = match &b.value {
                    RuleValue::One(a) => attr_json(a),
                    RuleValue::List(l) => {
                        format!(
                            "[{}]",
                            l.iter().map(attr_json).collect::<Vec<_>>().join(", ")
                        )
                    }
                };
                let _ = write!(
                    o,
                    "        {{\"id\": {}, \"points\": {}, \"when\": {{\"field\": {}, \"op\": \"{}\", \"value\": {}}}}}",
                    js(&b.id),
                    number_text(b.points),
                    js(&b.field),
                    op_text(b.op),
                    value
                );
            }
            o.push_str("\n      ]");
        }
        if let Some(terms) = &s.combine {
            let items: Vec<String> = terms
                .iter()
                .map(|t| {
                    format!(
                        "{{\"stage\": {}, \"weight\": {}}}",
                        js(&t.stage),
                        number_text(t.weight)
                    )
                })
                .collect();
            let _ = write!(o, ",\n      \"combine\": [{}]", items.join(", "));
        }
        if !s.tie_break.is_empty() {
            let items: Vec<String> = s
                .tie_break
                .iter()
                .map(|t| match t {
                    TieBreak::Criterion(c) => js(&format!("criterion:{c}")),
                    TieBreak::Bonus => "\"bonus\"".into(),
                    TieBreak::Raw => "\"raw\"".into(),
                })
                .collect();
            let _ = write!(o, ",\n      \"tie_break\": [{}]", items.join(", "));
        }
        if let Some(a) = &s.advance {
            let opt_u = |x: Option<u32>| x.map(|v| v.to_string()).unwrap_or_else(|| "null".into());
            let _ = write!(
                o,
                ",\n      \"advance\": {{\"top\": {}, \"per_category\": {}, \"threshold\": {}, \"max_per_agency\": {}, \"ties\": \"{}\"}}",
                opt_u(a.top),
                a.per_category,
                a.threshold.map(number_text).unwrap_or_else(|| "null".into()),
                opt_u(a.max_per_agency),
                match a.ties {
                    Ties::Include => "include",
                    Ties::Exclude => "exclude",
                }
            );
        }
        o.push_str("\n    }");
    }
    o.push_str("\n  ]\n}\n");
    o
}

/// The result as the JSON of §3.1 (pretty-printed, numbers unrounded).
pub fn result_json(r: &RunResult) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}

/// A Monte Carlo result as the JSON of §5.1.
pub fn simulation_json(r: &SimResult) -> String {
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}

/// A scenario comparison as the JSON of §5.1.
pub fn compare_json(r: &CompareResult) -> String {
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}

/// A judge report as the JSON of §5.1.
pub fn judges_report_json(r: &JudgesResult) -> String {
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}

/// A text cell made safe for spreadsheets: a cell starting with `=`, `+`,
/// `-`, `@`, tab or carriage return would be read as a formula by Excel or
/// LibreOffice (formula injection), so it gets a leading `'`.
pub(crate) fn neutralise(s: &str) -> Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

struct Headers {
    stage: &'static str,
    rank: &'static str,
    category_rank: &'static str,
    title: &'static str,
    unit: &'static str,
    agency: &'static str,
    category: &'static str,
    score: &'static str,
    raw: &'static str,
    bonus: &'static str,
    sheets: &'static str,
    advanced: &'static str,
    tie: &'static str,
    incomplete: &'static str,
    yes: &'static str,
    no: &'static str,
}

fn headers(lang: Lang) -> Headers {
    match lang {
        Lang::Id => Headers {
            stage: "tahap",
            rank: "peringkat",
            category_rank: "peringkat_kategori",
            title: "judul",
            unit: "unit_penyelenggara",
            agency: "perangkat_daerah",
            category: "kategori",
            score: "nilai",
            raw: "nilai_dasar",
            bonus: "nilai_tambahan",
            sheets: "lembar_penilaian",
            advanced: "lolos",
            tie: "nilai_sama_di_batas",
            incomplete: "belum_lengkap",
            yes: "ya",
            no: "tidak",
        },
        Lang::En => Headers {
            stage: "stage",
            rank: "rank",
            category_rank: "category_rank",
            title: "title",
            unit: "unit",
            agency: "agency",
            category: "category",
            score: "score",
            raw: "raw",
            bonus: "bonus",
            sheets: "sheets",
            advanced: "advanced",
            tie: "tie_at_cutoff",
            incomplete: "incomplete",
            yes: "yes",
            no: "no",
        },
    }
}

/// Criterion ids of all stages, in order of first appearance.
fn criterion_columns(r: &RunResult) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for s in &r.stages {
        for row in &s.rows {
            for (c, _) in &row.criteria {
                if seen.insert(c.clone()) {
                    out.push(c.clone());
                }
            }
        }
    }
    out
}

/// The cells of one result table (header first), shared by CSV and XLSX.
enum Out<'a> {
    Text(Cow<'a, str>),
    Num(f64),
    Int(u32),
    Empty,
}

fn result_rows<'a>(
    r: &'a RunResult,
    innovations: &'a [Innovation],
    lang: Lang,
    stage: Option<usize>,
) -> (Vec<String>, Vec<Vec<Out<'a>>>) {
    let h = headers(lang);
    let crits = criterion_columns(r);
    let mut head: Vec<String> = [
        h.stage,
        h.rank,
        h.category_rank,
        "id",
        h.title,
        h.unit,
        h.agency,
        h.category,
        h.score,
        h.raw,
        h.bonus,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    head.extend(crits.iter().cloned());
    head.extend(
        [h.sheets, h.advanced, h.tie, h.incomplete]
            .iter()
            .map(|s| s.to_string()),
    );
    let by_id: HashMap<&str, &Innovation> =
        innovations.iter().map(|i| (i.id.as_str(), i)).collect();
    let yn = |b: bool| Out::Text(Cow::Borrowed(if b { h.yes } else { h.no }));
    let mut rows = Vec::new();
    for (k, s) in r.stages.iter().enumerate() {
        if stage.is_some_and(|x| x != k) {
            continue;
        }
        for row in &s.rows {
            let inn = by_id.get(row.id.as_str());
            let field = |f: fn(&Innovation) -> &str| match inn {
                Some(i) => Out::Text(neutralise(f(i))),
                None => Out::Empty,
            };
            let opt = |x: Option<f64>| x.map(Out::Num).unwrap_or(Out::Empty);
            let mut cells = vec![
                Out::Text(neutralise(&s.id)),
                row.rank.map(Out::Int).unwrap_or(Out::Empty),
                row.category_rank.map(Out::Int).unwrap_or(Out::Empty),
                Out::Text(neutralise(&row.id)),
                field(|i| &i.title),
                field(|i| &i.unit),
                field(|i| &i.agency),
                field(|i| &i.category),
                opt(row.score),
                opt(row.raw),
                opt(row.bonus),
            ];
            for c in &crits {
                cells.push(opt(row
                    .criteria
                    .iter()
                    .find(|(id, _)| id == c)
                    .map(|(_, v)| *v)));
            }
            cells.push(Out::Int(row.sheets));
            cells.push(yn(row.advanced));
            cells.push(yn(row.tie_at_cutoff));
            cells.push(yn(row.incomplete));
            rows.push(cells);
        }
    }
    (head, rows)
}

/// The result as one CSV table, a row per (stage, innovation) in result
/// order: stage, rank, category rank, id, title, unit, agency, category,
/// score, raw, bonus, one column per criterion (all stages' criteria; empty
/// where the row's stage has no such criterion), sheets, advanced, tie at the
/// cut-off, incomplete.
///
/// `Lang::Id` writes Indonesian headers, `;` as delimiter and decimal commas
/// (as Indonesian spreadsheets expect); `Lang::En` English headers, `,` and
/// decimal points. Numbers are unrounded. Text cells that a spreadsheet would
/// take for a formula get a leading `'` (see [`neutralise`]).
pub fn result_csv(r: &RunResult, innovations: &[Innovation], lang: Lang) -> String {
    let (head, rows) = result_rows(r, innovations, lang, None);
    let (delim, comma) = match lang {
        Lang::Id => (b';', true),
        Lang::En => (b',', false),
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delim)
        .from_writer(Vec::new());
    let _ = w.write_record(&head);
    let mut rec: Vec<String> = Vec::new();
    for row in rows {
        rec.clear();
        for c in row {
            rec.push(match c {
                Out::Text(t) => t.into_owned(),
                Out::Num(x) => {
                    let t = number_text(x);
                    if comma {
                        t.replace('.', ",")
                    } else {
                        t
                    }
                }
                Out::Int(n) => n.to_string(),
                Out::Empty => String::new(),
            });
        }
        let _ = w.write_record(&rec);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The result as an `.xlsx` workbook: one sheet per stage (named by the stage
/// id) with the columns of [`result_csv`], numbers as numbers, and a last
/// sheet with the engine, the digest, the winners and the warnings.
#[cfg(feature = "xlsx")]
pub fn result_xlsx(
    r: &RunResult,
    innovations: &[Innovation],
    lang: Lang,
) -> Result<Vec<u8>, String> {
    result_xlsx_with(r, innovations, lang, &[])
}

/// One more sheet of text for [`result_xlsx_with`]: its name and its rows
/// (the first row is the header, written bold).
pub type ExtraSheet = (String, Vec<Vec<String>>);

/// [`result_xlsx`] with more sheets of text after the summary (the app adds
/// the panel decisions this way). Every cell is neutralised like the others.
#[cfg(feature = "xlsx")]
pub fn result_xlsx_with(
    r: &RunResult,
    innovations: &[Innovation],
    lang: Lang,
    extra: &[ExtraSheet],
) -> Result<Vec<u8>, String> {
    crate::xlsx::write_workbook(&result_xlsx_spec(r, innovations, lang, extra))
}

/// What [`result_xlsx_with`] writes, as a [`WorkbookSpec`] (for a writer
/// elsewhere: the app's `kipp-xlsx` module).
pub fn result_xlsx_spec(
    r: &RunResult,
    innovations: &[Innovation],
    lang: Lang,
    extra: &[ExtraSheet],
) -> WorkbookSpec {
    let mut wb = WorkbookSpec::default();
    let bold = Some(wb.format(CellFormat {
        bold: true,
        ..CellFormat::default()
    }));
    for (k, s) in r.stages.iter().enumerate() {
        let (head, rows) = result_rows(r, innovations, lang, Some(k));
        let mut ops = Vec::new();
        for (j, h) in head.iter().enumerate() {
            ops.push(SheetOp::Text(0, j as u16, h.to_string(), bold));
        }
        for (i, row) in rows.iter().enumerate() {
            let ri = i as u32 + 1;
            for (j, c) in row.iter().enumerate() {
                let cj = j as u16;
                match c {
                    Out::Text(t) => ops.push(SheetOp::Text(ri, cj, t.to_string(), None)),
                    Out::Num(x) => ops.push(SheetOp::Number(ri, cj, *x, None)),
                    Out::Int(n) => ops.push(SheetOp::Number(ri, cj, *n as f64, None)),
                    Out::Empty => {}
                }
            }
        }
        ops.push(SheetOp::Freeze(1, 0));
        wb.sheets.push(SheetSpec {
            name: s.id.chars().take(31).collect(),
            ops,
        });
    }
    let (sheet, labels) = match lang {
        Lang::Id => ("ringkasan", ["mesin", "digest", "pemenang", "peringatan"]),
        Lang::En => ("summary", ["engine", "digest", "winners", "warnings"]),
    };
    let mut ops = vec![
        SheetOp::Text(0, 0, labels[0].into(), bold),
        SheetOp::Text(0, 1, r.engine.clone(), None),
        SheetOp::Text(1, 0, labels[1].into(), bold),
        SheetOp::Text(1, 1, r.digest.clone(), None),
        SheetOp::Text(2, 0, labels[2].into(), bold),
        SheetOp::Text(2, 1, neutralise(&r.winners.join(", ")).into_owned(), None),
        SheetOp::Text(3, 0, labels[3].into(), bold),
    ];
    let mut line = 3;
    for s in &r.stages {
        for w in s.warning_messages(lang) {
            ops.push(SheetOp::Text(line, 1, s.id.clone(), None));
            ops.push(SheetOp::Text(line, 2, neutralise(&w).into_owned(), None));
            line += 1;
        }
    }
    wb.sheets.push(SheetSpec {
        name: sheet.into(),
        ops,
    });
    for (name, rows) in extra {
        let mut ops = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                let text = neutralise(cell).into_owned();
                let f = if i == 0 { bold } else { None };
                ops.push(SheetOp::Text(i as u32, j as u16, text, f));
            }
        }
        wb.sheets.push(SheetSpec {
            name: name.chars().take(31).collect(),
            ops,
        });
    }
    wb
}

fn csv_string(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(&r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

const STANDARD: [&str; 7] = [
    "id", "title", "unit", "agency", "category", "group", "eligible",
];

/// Innovations as `innovations.csv` (§1.2, `,`-delimited): the standard
/// columns, then every other attribute (sorted by name); `eligible` as
/// `ya`/`tidak`; `group` only when some innovation has one.
pub fn innovations_csv(list: &[Innovation]) -> String {
    let extra: BTreeSet<&str> = list
        .iter()
        .flat_map(|i| i.attrs.keys().map(|k| k.as_str()))
        .filter(|k| !STANDARD.contains(k))
        .collect();
    let with_group = list.iter().any(|i| !i.group.is_empty());
    let mut head: Vec<String> = ["id", "title", "unit", "agency", "category"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if with_group {
        head.push("group".into());
    }
    head.extend(extra.iter().map(|s| s.to_string()));
    head.push("eligible".into());
    let rows = list.iter().map(|i| {
        let mut r = vec![
            i.id.clone(),
            i.title.clone(),
            i.unit.clone(),
            i.agency.clone(),
            i.category.clone(),
        ];
        if with_group {
            r.push(i.group.clone());
        }
        for k in &extra {
            r.push(i.attrs.get(*k).map(|a| a.text.clone()).unwrap_or_default());
        }
        r.push(if i.eligible { "ya" } else { "tidak" }.into());
        r
    });
    csv_string(std::iter::once(head).chain(rows))
}

/// Scores as `scores.csv` in long form (§1.3): `stage,innovation,judge,criterion,score`.
pub fn scores_csv(list: &[Score]) -> String {
    let head = ["stage", "innovation", "judge", "criterion", "score"]
        .map(String::from)
        .to_vec();
    let rows = list.iter().map(|s| {
        vec![
            s.stage.to_string(),
            s.innovation.to_string(),
            s.judge.to_string(),
            s.criterion.to_string(),
            number_text(s.value),
        ]
    });
    csv_string(std::iter::once(head).chain(rows))
}

/// Judges as `judges.csv` (§1.4): `id,name,agency,conflicts` (`|`-separated).
pub fn judges_csv(list: &[Judge]) -> String {
    let head = ["id", "name", "agency", "conflicts"]
        .map(String::from)
        .to_vec();
    let rows = list.iter().map(|j| {
        vec![
            j.id.clone(),
            j.name.clone(),
            j.agency.clone(),
            j.conflicts.join("|"),
        ]
    });
    csv_string(std::iter::once(head).chain(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@x"), "'@x");
        assert_eq!(neutralise("+62"), "'+62");
        assert_eq!(neutralise("Inovasi"), "Inovasi");
    }
}
