//! Files as officers keep them: every table of a file surveyed by its headers
//! ([`survey`]), and score sheets of any shape read against the competition
//! ([`read_scores_sheet`]): one sheet per judge, criteria headed by their
//! names, Indonesian headers, `No` / `Judul` / `Jumlah` columns.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use kipp_score::{Competition, Criterion, Judge, Loc, Score, Stage};
use serde::{Deserialize, Serialize};

use crate::problem::{Problem, Problems};
use crate::records::{self, cell, empty_field, text};
use crate::table::{self, Table, Value};
use crate::{is_xlsx, num, FileData};

/// What a table holds, as told by its headers (and content), never by the
/// file or sheet name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TableKind {
    /// A competition file (a JSON object with `stages`).
    Competition,
    /// Innovations: `id` and a title column.
    Innovations,
    /// Judges: `id` and `name` and/or `conflicts`, no title.
    Judges,
    /// Long-form scores: a criterion and a score column.
    Scores,
    /// Wide scores: an innovation column and numeric (criterion) columns.
    WideScores,
    /// None of the above.
    Unknown,
}

/// One table of a file, as [`survey`] found it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableInfo {
    /// The worksheet's name (`None` for CSV and JSON files).
    pub sheet: Option<String>,
    /// What the table holds.
    pub kind: TableKind,
    /// The header row as written (trimmed).
    pub headers: Vec<String>,
    /// Data rows (all-empty rows not counted; stages for a competition).
    pub rows: usize,
}

/// What a score sheet is read against.
#[derive(Clone, Copy, Debug)]
pub struct ScoreContext<'a> {
    /// The competition: stages and criteria to match headers with.
    pub competition: &'a Competition,
    /// The judges, when a judges table is given (to tell a sheet's judge by
    /// its id or name).
    pub judges: Option<&'a [Judge]>,
}

/// The user's choices for one sheet, overriding what [`read_scores_sheet`]
/// would tell by itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SheetHints {
    /// The judge of every row (when the sheet has no judge column).
    pub judge: Option<String>,
    /// The stage of every row (id or name; when the sheet has no stage column).
    pub stage: Option<String>,
    /// A header as written -> the criterion id it holds, or `None` to ignore
    /// the column.
    pub columns: BTreeMap<String, Option<String>>,
}

/// What a column of a score sheet was used for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnRole {
    /// A key: `stage`, `innovation`, `judge` (long form also `criterion`
    /// and `score`).
    Key(&'static str),
    /// The scores of this criterion id.
    Criterion(String),
    /// Not read.
    Ignored,
}

/// One column of a score sheet and its role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnUse {
    /// The header as written.
    pub header: String,
    /// 1-based column number in the sheet (character column for CSV).
    pub column: u32,
    /// What it was used for.
    pub role: ColumnRole,
}

/// A score sheet read by [`read_scores_sheet`].
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreSheet {
    /// The scores, each located at its cell.
    pub scores: Vec<Score>,
    /// The judge of every row, or `""` when rows name different judges.
    pub judge: String,
    /// The stage id of every row, or `""` when rows name different stages.
    pub stage: String,
    /// Every column and what it was used for.
    pub columns: Vec<ColumnUse>,
    /// Remarks that are not errors (columns ignored, and why).
    pub notes: Vec<Problem>,
}

/// Lower case, letters and digits only: `"Latar Belakang-dan Tujuan"` ->
/// `"latarbelakangdantujuan"`.
pub(crate) fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a header means whatever the competition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Head {
    Stage,
    Innovation,
    /// A plain `id` (innovation in a score sheet, the record's id elsewhere).
    Id,
    Judge,
    Criterion,
    Score,
    Title,
    /// `No`, `Jumlah`, `Rata-rata` ...: never a criterion.
    Total,
    Name,
    Other,
}

fn head(name: &str) -> Head {
    match norm(name).as_str() {
        "stage" | "tahap" => Head::Stage,
        "innovation" | "idinovasi" | "kodeinovasi" | "inovasi" => Head::Innovation,
        "id" => Head::Id,
        "judge" | "juri" | "penilai" | "idjuri" => Head::Judge,
        "criterion" | "kriteria" => Head::Criterion,
        "score" | "nilai" | "skor" => Head::Score,
        "judul" | "title" | "namainovasi" => Head::Title,
        "no" | "nomor" | "jumlah" | "total" | "ratarata" | "average" | "sum" => Head::Total,
        "name" | "nama" | "conflicts" | "konflik" => Head::Name,
        _ => Head::Other,
    }
}

/// At least one value, and every non-empty cell a number.
fn numeric_column(t: &Table, i: usize) -> bool {
    let mut any = false;
    for r in &t.rows {
        let Some(c) = t.cell(r, i).filter(|c| !c.is_empty()) else {
            continue;
        };
        let ok = match c.value {
            Value::Number(_) => true,
            Value::Text => num::score_number(c.text, t.decimal_comma).is_ok(),
            _ => false,
        };
        if !ok {
            return false;
        }
        any = true;
    }
    any
}

/// A spreadsheet column whose every filled cell holds a formula.
fn formula_only(t: &Table, i: usize) -> bool {
    if t.formulas.is_empty() {
        return false;
    }
    let col = t.columns[i].col;
    let mut any = false;
    for r in &t.rows {
        let f = t.formulas.contains(&(r.line, col));
        let filled = t.cell(r, i).is_some_and(|c| !c.is_empty());
        if filled && !f {
            return false;
        }
        any |= f;
    }
    any
}

fn classify(t: &Table) -> TableKind {
    let heads: Vec<Head> = t.columns.iter().map(|c| head(&c.name)).collect();
    let has = |h: Head| heads.contains(&h);
    if has(Head::Criterion) && has(Head::Score) && (has(Head::Innovation) || has(Head::Id)) {
        return TableKind::Scores;
    }
    let numeric = (0..heads.len())
        .filter(|&i| heads[i] == Head::Other && numeric_column(t, i) && !formula_only(t, i))
        .count();
    if has(Head::Innovation) || has(Head::Judge) || has(Head::Stage) {
        if numeric > 0 && (has(Head::Innovation) || has(Head::Id)) {
            return TableKind::WideScores;
        }
        return TableKind::Unknown;
    }
    if has(Head::Id) && has(Head::Title) {
        TableKind::Innovations
    } else if has(Head::Id) && has(Head::Name) {
        TableKind::Judges
    } else if has(Head::Id) && numeric > 0 {
        TableKind::WideScores
    } else {
        TableKind::Unknown
    }
}

fn info(t: &Table, sheet: Option<String>) -> TableInfo {
    TableInfo {
        sheet,
        kind: classify(t),
        headers: t.columns.iter().map(|c| c.name.clone()).collect(),
        rows: t.rows.len(),
    }
}

/// Every table of a file and what it holds: each worksheet of an `.xlsx`
/// workbook, or the one table of a CSV or JSON list; a JSON object with
/// `stages` is a competition. Told by headers and content only. `Err` only
/// when the file cannot be read at all.
pub fn survey(name: &str, bytes: &[u8]) -> Result<Vec<TableInfo>, Vec<Problem>> {
    let file: Arc<str> = Arc::from(name);
    let mut probs = Problems::default();
    if is_xlsx(bytes) {
        // Problems of single cells (formula errors) do not matter here.
        return match table::read_xlsx_all(&file, bytes, &mut probs) {
            Some(sheets) => Ok(sheets
                .into_iter()
                .map(|(n, t)| match t {
                    Some(t) => info(&t, Some(n)),
                    None => TableInfo {
                        sheet: Some(n),
                        kind: TableKind::Unknown,
                        headers: Vec::new(),
                        rows: 0,
                    },
                })
                .collect()),
            None => Err(probs.finish(&file)),
        };
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.trim_ascii_start().starts_with(b"{") {
        return match serde_json::from_slice::<serde_json::Value>(text) {
            Ok(v) => {
                let stages = v.get("stages").and_then(|s| s.as_array()).map(Vec::len);
                Ok(vec![TableInfo {
                    sheet: None,
                    kind: match stages {
                        Some(_) => TableKind::Competition,
                        None => TableKind::Unknown,
                    },
                    headers: Vec::new(),
                    rows: stages.unwrap_or(0),
                }])
            }
            Err(e) => Err(vec![Problem::new(
                &file,
                e.line() as u32,
                e.column() as u32,
                format!("JSON tidak sah: {e}"),
                format!("invalid JSON: {e}"),
            )
            .with_kind("json.syntax")]),
        };
    }
    match table::read_text_table(&file, bytes, &mut probs) {
        Some(t) => Ok(vec![info(&t, None)]),
        None => Err(probs.finish(&file)),
    }
}

/// The criterion of `pool` whose id or name equals `header` (normalised).
fn match_criterion<'c>(pool: &[&'c Criterion], header: &str) -> Option<&'c Criterion> {
    let h = norm(header);
    if h.is_empty() {
        return None;
    }
    pool.iter()
        .find(|c| norm(&c.id) == h || norm(&c.name) == h)
        .copied()
}

/// [`match_criterion`] as a map, for many headers: each criterion's
/// normalised id and name, the first criterion of `pool` kept for a text
/// two share (what `find` over `pool` gives).
fn criterion_index<'c>(pool: &[&'c Criterion]) -> HashMap<String, &'c Criterion> {
    let mut m = HashMap::with_capacity(pool.len() * 2);
    for c in pool {
        for t in [norm(&c.id), norm(&c.name)] {
            if !t.is_empty() {
                m.entry(t).or_insert(*c);
            }
        }
    }
    m
}

/// [`match_criterion`] through a [`criterion_index`].
fn match_indexed<'c>(
    index: &HashMap<String, &'c Criterion>,
    header: &str,
) -> Option<&'c Criterion> {
    let h = norm(header);
    if h.is_empty() {
        return None;
    }
    index.get(&h).copied()
}

/// Most (column, criterion) pairs a sheet's headers are compared over for
/// a "did you mean" suggestion (string distances, the costly part, about
/// 2 µs a pair): 250 columns against 1,000 criteria, or 25,000 against 10.
/// Real sheets have tens.
pub(crate) const MAX_SUGGESTION_PAIRS: usize = 250_000;

/// The criterion of `pool` closest to `header` (a typo), if close enough.
fn closest<'c>(pool: &[&'c Criterion], header: &str) -> Option<&'c Criterion> {
    let h = norm(header);
    if h.chars().count() < 4 {
        return None;
    }
    let mut best: Option<(f64, &Criterion)> = None;
    for c in pool {
        for cand in [&c.id, &c.name] {
            let n = norm(cand);
            if n.chars().count() < 4 {
                continue;
            }
            let lev = strsim::normalized_levenshtein(&h, &n);
            let jw = strsim::jaro_winkler(&h, &n);
            let score = if lev >= 0.75 || jw >= 0.93 {
                lev.max(jw)
            } else {
                continue;
            };
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, c));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// The stage whose id or name is `s` (normalised).
fn find_stage<'c>(comp: &'c Competition, s: &str) -> Option<&'c Stage> {
    comp.stages.iter().find(|st| st.id == s).or_else(|| {
        let n = norm(s);
        comp.stages
            .iter()
            .find(|st| !n.is_empty() && (norm(&st.id) == n || norm(&st.name) == n))
    })
}

/// The judge a sheet name stands for (see docs/formats.md).
fn judge_of_sheet(sheet: &str, judges: Option<&[Judge]>) -> Option<String> {
    let n = norm(sheet);
    if n.is_empty() {
        return None;
    }
    if let Some(js) = judges {
        if let Some(j) = js
            .iter()
            .find(|j| norm(&j.id) == n || (!j.name.is_empty() && norm(&j.name) == n))
        {
            return Some(j.id.clone());
        }
    }
    let lower = sheet.trim().to_lowercase();
    for prefix in ["juri", "judge", "penilai", "j"] {
        let Some(rest) = lower.strip_prefix(prefix) else {
            continue;
        };
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "-_.#".contains(c));
        if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let id = format!("J{}", rest.parse::<u64>().ok()?);
        return match judges {
            None => Some(id),
            Some(js) => js
                .iter()
                .find(|j| j.id.eq_ignore_ascii_case(&id))
                .map(|j| j.id.clone()),
        };
    }
    None
}

/// Where a sheet's stage or judge comes from.
enum Source<T> {
    Column(usize),
    Fixed(T),
    Unknown,
}

/// Reads a score sheet of any shape: long form (a criterion and a score
/// column) or wide (one column per criterion, headed by the criterion's id or
/// name), with or without stage and judge columns; the judge and stage are
/// then told by `hints`, the sheet name and the headers (docs/formats.md,
/// "Workbooks"). Every score is located at its cell. `Err` holds every
/// problem found; remarks that are not errors are in [`ScoreSheet::notes`].
pub fn read_scores_sheet(
    f: FileData,
    ctx: &ScoreContext,
    hints: &SheetHints,
) -> Result<ScoreSheet, Vec<Problem>> {
    let file: Arc<str> = Arc::from(f.name);
    let mut probs = Problems::default();
    let sheet = crate::read_table(f, &mut probs).map(|t| sheet_scores(&t, ctx, hints, &mut probs));
    match sheet {
        Some(s) if probs.is_empty() => Ok(s),
        _ => Err(probs.finish(&file)),
    }
}

/// Like [`read_scores_sheet`], but keeps the scores that could be read
/// next to the problems found, so that cross-file checks (unknown
/// innovations, ranges, duplicates) can run on the readable cells in the
/// same round as the parse problems. The sheet is `None` when the table
/// itself could not be read.
pub fn read_scores_sheet_partial(
    f: FileData,
    ctx: &ScoreContext,
    hints: &SheetHints,
) -> (Option<ScoreSheet>, Vec<Problem>) {
    let file: Arc<str> = Arc::from(f.name);
    let mut probs = Problems::default();
    let sheet = crate::read_table(f, &mut probs).map(|t| sheet_scores(&t, ctx, hints, &mut probs));
    let probs = if probs.is_empty() {
        Vec::new()
    } else {
        probs.finish(&file)
    };
    (sheet, probs)
}

pub(crate) fn sheet_scores(
    t: &Table,
    ctx: &ScoreContext,
    hints: &SheetHints,
    probs: &mut Problems,
) -> ScoreSheet {
    if t.empty_list {
        // A JSON `[]`: no scores, as a CSV file with only its header.
        return ScoreSheet {
            scores: Vec::new(),
            judge: String::new(),
            stage: String::new(),
            columns: Vec::new(),
            notes: Vec::new(),
        };
    }
    let comp = ctx.competition;
    let mut notes: Vec<Problem> = Vec::new();
    let usable = records::check_header(t, probs);
    let heads: Vec<Head> = t.columns.iter().map(|c| head(&c.name)).collect();
    let long = heads.contains(&Head::Criterion) && heads.contains(&Head::Score);
    let has_innovation = heads.contains(&Head::Innovation);
    let mut roles: Vec<Option<ColumnRole>> = vec![Some(ColumnRole::Ignored); t.columns.len()];
    let mut keys: BTreeMap<&'static str, usize> = BTreeMap::new();
    let ignore_note = |i: usize, id: String, en: String| {
        let c = &t.columns[i];
        t.problem(c.line, c.col, id, en).with_kind("column.ignored")
    };
    for &i in &usable {
        let name = &t.columns[i].name;
        if let Some(choice) = hints.columns.get(name) {
            roles[i] = Some(match choice {
                Some(cid) => ColumnRole::Criterion(cid.clone()),
                None => ColumnRole::Ignored,
            });
            continue;
        }
        let key = match heads[i] {
            Head::Stage => Some("stage"),
            Head::Innovation => Some("innovation"),
            Head::Id if !has_innovation => Some("innovation"),
            Head::Judge => Some("judge"),
            Head::Criterion if long => Some("criterion"),
            Head::Score if long => Some("score"),
            Head::Title => None,
            Head::Total | Head::Id => {
                notes.push(ignore_note(
                    i,
                    format!("kolom \"{name}\" diabaikan (bukan kriteria)"),
                    format!("column \"{name}\" ignored (not a criterion)"),
                ));
                None
            }
            _ => {
                // Decided once the stage is known.
                roles[i] = None;
                continue;
            }
        };
        if let Some(k) = key {
            if keys.contains_key(k) {
                notes.push(ignore_note(
                    i,
                    format!("kolom \"{name}\" diabaikan: kolom {k} sudah ada"),
                    format!("column \"{name}\" ignored: there is already a {k} column"),
                ));
            } else {
                keys.insert(k, i);
                roles[i] = Some(ColumnRole::Key(k));
            }
        }
    }
    let key = |k: &str| keys.get(k).copied();
    let header_problem = |kind: &'static str, id: String, en: String| {
        t.problem(t.header_line, 1, id, en).with_kind(kind)
    };
    if key("innovation").is_none() {
        probs.push(header_problem(
            "header.missing",
            "kolom inovasi tidak ada (judul kolom \"innovation\", \"ID Inovasi\", \"Kode Inovasi\" atau \"id\")".into(),
            "there is no innovation column (header \"innovation\", \"ID Inovasi\", \"Kode Inovasi\" or \"id\")".into(),
        ));
    }

    // The stage.
    let sheet_name = t.sheet.as_deref().unwrap_or("");
    let stage: Source<&Stage> = if let Some(i) = key("stage") {
        Source::Column(i)
    } else if let Some(s) = &hints.stage {
        match find_stage(comp, s) {
            Some(st) => Source::Fixed(st),
            None => {
                let ids: Vec<&str> = comp.stages.iter().map(|s| s.id.as_str()).collect();
                probs.push(header_problem(
                    "stage.unknown",
                    format!("tahap \"{s}\" tidak ada (tahap: {})", ids.join(", ")),
                    format!("there is no stage \"{s}\" (stages: {})", ids.join(", ")),
                ));
                Source::Unknown
            }
        }
    } else {
        let sn = norm(sheet_name);
        let named: Vec<&Stage> = comp
            .stages
            .iter()
            .filter(|st| {
                [norm(&st.id), norm(&st.name)]
                    .iter()
                    .any(|n| n.chars().count() >= 3 && sn.contains(n.as_str()))
            })
            .collect();
        if let [st] = named[..] {
            Source::Fixed(st)
        } else {
            // The stage whose criteria match the most headers (or, long
            // form, criterion values).
            let names: Vec<&str> = if long {
                let ci = key("criterion");
                let mut v: Vec<&str> = t.rows.iter().map(|r| text(t, r, ci)).collect();
                v.sort_unstable();
                v.dedup();
                v
            } else {
                (0..t.columns.len())
                    .filter(|&i| roles[i].is_none())
                    .map(|i| t.columns[i].name.as_str())
                    .collect()
            };
            let counts: Vec<usize> = comp
                .stages
                .iter()
                .map(|st| {
                    let pool: Vec<&Criterion> = st.criteria.iter().collect();
                    let index = criterion_index(&pool);
                    names
                        .iter()
                        .filter(|n| match_indexed(&index, n).is_some())
                        .count()
                })
                .collect();
            let best = counts.iter().copied().max().unwrap_or(0);
            if best > 0 && counts.iter().filter(|&&c| c == best).count() == 1 {
                let si = counts.iter().position(|&c| c == best).unwrap_or(0);
                Source::Fixed(&comp.stages[si])
            } else {
                probs.push(header_problem(
                    "stage.unknown",
                    "tahap lembar ini tidak dapat ditentukan: tambahkan kolom \"tahap\", namai lembar dengan tahapnya, atau pilih tahap di pratinjau".into(),
                    "cannot tell the stage of this sheet: add a \"stage\" column, name the sheet after the stage, or choose the stage in the preview".into(),
                ));
                Source::Unknown
            }
        }
    };
    let pool: Vec<&Criterion> = match &stage {
        Source::Fixed(st) => st.criteria.iter().collect(),
        Source::Column(_) => comp.stages.iter().flat_map(|s| &s.criteria).collect(),
        Source::Unknown => Vec::new(),
    };
    let stage_label = match &stage {
        Source::Fixed(st) if !st.name.is_empty() => st.name.clone(),
        Source::Fixed(st) => st.id.clone(),
        _ => String::new(),
    };

    // The criterion columns (wide form).
    if !matches!(stage, Source::Unknown) {
        let index = criterion_index(&pool);
        let mut pairs = 0usize;
        for (i, c) in t.columns.iter().enumerate() {
            let name = &c.name;
            match &roles[i] {
                Some(ColumnRole::Criterion(cid)) => {
                    if !pool.iter().any(|k| &k.id == cid) {
                        probs.push(
                            t.problem(
                                c.line,
                                c.col,
                                format!("\"{cid}\" (pilihan untuk kolom \"{name}\") bukan kriteria tahap {stage_label}"),
                                format!("\"{cid}\" (chosen for column \"{name}\") is not a criterion of stage {stage_label}"),
                            )
                            .with_kind("criterion.unknown"),
                        );
                    }
                    continue;
                }
                Some(_) => continue,
                None => {}
            }
            if long {
                roles[i] = Some(ColumnRole::Ignored);
                continue;
            }
            if let Some(k) = match_indexed(&index, name) {
                roles[i] = Some(ColumnRole::Criterion(k.id.clone()));
                continue;
            }
            roles[i] = Some(ColumnRole::Ignored);
            pairs = pairs.saturating_add(pool.len());
            if pairs > MAX_SUGGESTION_PAIRS {
                probs.push(
                    t.problem(
                        c.line,
                        c.col,
                        format!("terlalu banyak kolom yang bukan kriteria untuk dibandingkan dengan {} kriteria (paling banyak {MAX_SUGGESTION_PAIRS} pasangan kolom × kriteria): beri kolom judul id kriteria, atau hapus kolom yang tidak dipakai", pool.len()),
                        format!("too many columns that are not criteria to compare with {} criteria (at most {MAX_SUGGESTION_PAIRS} column × criterion pairs): head the columns with criterion ids, or delete the columns not used", pool.len()),
                    )
                    .with_kind("header.size"),
                );
                break;
            }
            if formula_only(t, i) {
                notes.push(ignore_note(
                    i,
                    format!("kolom \"{name}\" diabaikan: hanya berisi rumus"),
                    format!("column \"{name}\" ignored: it holds formulas only"),
                ));
            } else if let Some(k) = closest(&pool, name) {
                let (sid, sen) = match &stage {
                    Source::Fixed(_) => (
                        format!("tahap {stage_label}"),
                        format!("stage {stage_label}"),
                    ),
                    _ => ("tahap mana pun".to_string(), "any stage".to_string()),
                };
                probs.push(
                    t.problem(
                        c.line,
                        c.col,
                        format!(
                            "Kolom `{name}` bukan kriteria {sid} — maksud Anda `{}` ({})?",
                            k.id, k.name
                        ),
                        format!(
                            "Column `{name}` is not a criterion of {sen}; did you mean `{}` ({})?",
                            k.id, k.name
                        ),
                    )
                    .with_kind("criterion.unknown"),
                );
            } else {
                notes.push(ignore_note(
                    i,
                    format!("kolom \"{name}\" diabaikan: bukan kriteria {stage_label}"),
                    format!("column \"{name}\" ignored: not a criterion of {stage_label}"),
                ));
            }
        }
        let any = roles
            .iter()
            .any(|r| matches!(r, Some(ColumnRole::Criterion(_))));
        if !long && !any {
            let names: Vec<String> = pool
                .iter()
                .map(|k| format!("{} ({})", k.name, k.id))
                .collect();
            probs.push(header_problem(
                "criterion.none",
                format!(
                    "tidak ada kolom yang cocok dengan kriteria (kriteria: {})",
                    names.join(", ")
                ),
                format!(
                    "no column matches a criterion (criteria: {})",
                    names.join(", ")
                ),
            ));
        }
    }
    let roles: Vec<ColumnRole> = roles
        .into_iter()
        .map(|r| r.unwrap_or(ColumnRole::Ignored))
        .collect();

    // The judge.
    let judge: Source<String> = if let Some(i) = key("judge") {
        Source::Column(i)
    } else if let Some(j) = &hints.judge {
        Source::Fixed(j.clone())
    } else if let Some(j) = judge_of_sheet(sheet_name, ctx.judges).or_else(|| {
        // `Presentasi J2`: the judge in what the stage's name leaves.
        let Source::Fixed(st) = &stage else {
            return None;
        };
        let mut rest = sheet_name.to_lowercase();
        for n in [&st.name, &st.id] {
            rest = rest.replace(&n.to_lowercase(), " ");
        }
        let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
        (rest.len() < sheet_name.len())
            .then(|| judge_of_sheet(rest, ctx.judges))
            .flatten()
    }) {
        Source::Fixed(j)
    } else {
        let (id, en) = if t.sheet.is_some() {
            (
                format!("juri lembar \"{sheet_name}\" tidak dapat ditentukan: namai lembar dengan id juri (misalnya \"J3\" atau \"Juri 3\") atau pilih juri di pratinjau"),
                format!("cannot tell the judge of sheet \"{sheet_name}\": name the sheet after the judge's id (e.g. \"J3\" or \"Juri 3\") or choose the judge in the preview"),
            )
        } else {
            (
                "juri berkas ini tidak dapat ditentukan: tambahkan kolom \"juri\" atau pilih juri di pratinjau".into(),
                "cannot tell the judge of this file: add a \"judge\" column or choose the judge in the preview".into(),
            )
        };
        probs.push(header_problem("judge.unknown-sheet", id, en));
        Source::Unknown
    };

    let scores = if matches!(stage, Source::Unknown)
        || matches!(judge, Source::Unknown)
        || key("innovation").is_none()
    {
        // Already reported; every row would only repeat it.
        Vec::new()
    } else {
        rows(t, ctx, &roles, &keys, &stage, &judge, probs)
    };
    let stage_id = match &stage {
        Source::Fixed(st) => st.id.clone(),
        _ => common(&scores, |s| &s.stage),
    };
    let judge_id = match &judge {
        Source::Fixed(j) => j.clone(),
        _ => common(&scores, |s| &s.judge),
    };
    ScoreSheet {
        judge: judge_id,
        stage: stage_id,
        columns: t
            .columns
            .iter()
            .zip(roles)
            .map(|(c, role)| ColumnUse {
                header: c.name.clone(),
                column: c.col,
                role,
            })
            .collect(),
        scores,
        notes,
    }
}

/// The value every score shares, or `""`.
fn common(scores: &[Score], get: fn(&Score) -> &str) -> String {
    match scores.first() {
        Some(s0) if scores.iter().all(|s| get(s) == get(s0)) => get(s0).to_string(),
        _ => String::new(),
    }
}

/// The scores of every row.
fn rows(
    t: &Table,
    ctx: &ScoreContext,
    roles: &[ColumnRole],
    keys: &BTreeMap<&'static str, usize>,
    stage: &Source<&Stage>,
    judge: &Source<String>,
    probs: &mut Problems,
) -> Vec<Score> {
    let comp = ctx.competition;
    let key = |k: &str| keys.get(k).copied();
    let (inn_col, crit_col, score_col) = (key("innovation"), key("criterion"), key("score"));
    let value_cols: Vec<(usize, Option<&str>)> = match score_col {
        Some(s) if crit_col.is_some() => vec![(s, None)],
        _ => roles
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                ColumnRole::Criterion(c) => Some((i, Some(c.as_str()))),
                _ => None,
            })
            .collect(),
    };
    let col_of = |i: Option<usize>| i.map_or(0, |i| t.columns[i].col);
    let mut out = Vec::with_capacity(t.rows.len() * value_cols.len());
    let mut ids = records::Ids::default();
    let (mut c_stage, mut c_inn, mut c_judge, mut c_crit) = (
        records::IdColumn::default(),
        records::IdColumn::default(),
        records::IdColumn::default(),
        records::IdColumn::default(),
    );
    // Each stage's criteria (long form: a row's criterion is looked up in
    // its stage's).
    let mut pools: Vec<(&str, Vec<&Criterion>)> = Vec::new();
    for s in &comp.stages {
        match pools.iter_mut().find(|(id, _)| *id == s.id) {
            Some((_, p)) => p.extend(&s.criteria),
            None => pools.push((&s.id, s.criteria.iter().collect())),
        }
    }
    // Each distinct text of a key column is resolved once: a long sheet
    // repeats a few stages, judges and criteria on many rows (resolving a
    // name normalises every stage, judge or criterion: rows × criteria).
    // The answers borrow from the table or the competition, except a judge
    // told by name.
    let mut stage_memo: HashMap<&str, &str> = HashMap::new();
    let mut judge_memo: HashMap<&str, Option<String>> = HashMap::new();
    let mut crit_memo: HashMap<(usize, &str), &str> = HashMap::new();
    for row in &t.rows {
        let holds_formula = |i: usize| t.formulas.contains(&(row.line, t.columns[i].col));
        let filled = value_cols.iter().any(|&(i, _)| {
            cell(t, row, Some(i)).is_some_and(|c| !c.is_empty()) || holds_formula(i)
        });
        if !filled {
            // No score on this row (trailing totals, an empty template row).
            continue;
        }
        let mut ok = true;
        let innovation = text(t, row, inn_col);
        if innovation.is_empty() {
            empty_field(t, row, inn_col, "innovation", probs);
            ok = false;
        }
        // Ids borrowed from the table, the competition or the memos.
        let stage_id: &str = match stage {
            Source::Fixed(st) => &st.id,
            Source::Column(i) => {
                let v = text(t, row, Some(*i));
                if v.is_empty() {
                    empty_field(t, row, Some(*i), "stage", probs);
                    ok = false;
                }
                stage_memo
                    .entry(v)
                    .or_insert_with(|| find_stage(comp, v).map_or(v, |st| st.id.as_str()))
            }
            Source::Unknown => return Vec::new(),
        };
        let judge_id: &str = match judge {
            Source::Fixed(j) => j.as_str(),
            Source::Column(i) => {
                let v = text(t, row, Some(*i));
                if v.is_empty() {
                    empty_field(t, row, Some(*i), "judge", probs);
                    ok = false;
                }
                let named = judge_memo.entry(v).or_insert_with(|| match ctx.judges {
                    Some(js) if !js.iter().any(|j| j.id == v) => judge_of_sheet(v, Some(js)),
                    _ => None,
                });
                named.as_deref().unwrap_or(v)
            }
            Source::Unknown => return Vec::new(),
        };
        let long_criterion: Option<&str> = crit_col.map(|ci| {
            let v = text(t, row, Some(ci));
            if v.is_empty() {
                empty_field(t, row, Some(ci), "criterion", probs);
                ok = false;
            }
            let k = pools
                .iter()
                .position(|(id, _)| *id == stage_id)
                .unwrap_or(usize::MAX);
            *crit_memo.entry((k, v)).or_insert_with(|| {
                let pool: &[&Criterion] = pools.get(k).map_or(&[], |(_, p)| p.as_slice());
                if pool.iter().any(|c| c.id == v) {
                    v
                } else {
                    match_criterion(pool, v).map_or(v, |c| c.id.as_str())
                }
            })
        });
        for &(i, crit) in &value_cols {
            let c = cell(t, row, Some(i));
            let Some(c) = c.filter(|c| !c.is_empty()) else {
                if holds_formula(i) {
                    let col = t.columns[i].col;
                    probs.push(
                        t.problem(
                            row.line,
                            col,
                            "sel berisi rumus tanpa nilai tersimpan: buka dan simpan ulang berkas di Excel, atau tulis nilainya".into(),
                            "the cell holds a formula without a saved value: open and save the file again in Excel, or type the value".into(),
                        )
                        .with_kind("cell.formula"),
                    );
                }
                continue;
            };
            let Some(value) = records::score_value(t, &c, probs) else {
                continue;
            };
            if !ok {
                continue;
            }
            let criterion = match crit {
                Some(k) => k,
                None => long_criterion.unwrap_or_default(),
            };
            out.push(Score {
                stage: c_stage.get(&mut ids, stage_id),
                innovation: c_inn.get(&mut ids, innovation),
                judge: c_judge.get(&mut ids, judge_id),
                criterion: c_crit.get(&mut ids, criterion),
                value,
                loc: Loc {
                    file: t.file.clone(),
                    line: row.line,
                    column: row.col,
                },
                cols: [
                    col_of(key("stage")),
                    col_of(inn_col),
                    col_of(key("judge")),
                    if crit.is_some() {
                        c.col
                    } else {
                        col_of(crit_col)
                    },
                    c.col,
                ],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_headers() {
        assert_eq!(
            norm(" Latar Belakang-dan  Tujuan "),
            "latarbelakangdantujuan"
        );
        assert_eq!(head("ID Inovasi"), Head::Innovation);
        assert_eq!(head("Rata-rata"), Head::Total);
        assert_eq!(head("rata rata"), Head::Total);
        assert_eq!(head("JURI"), Head::Judge);
    }

    #[test]
    fn judges_from_sheet_names() {
        for s in [
            "Juri 3",
            "Juri-3",
            "Judge 3",
            "J3",
            "J 3",
            "Penilai 3",
            "juri 03",
        ] {
            assert_eq!(judge_of_sheet(s, None).as_deref(), Some("J3"), "{s}");
        }
        assert_eq!(judge_of_sheet("Nilai", None), None);
        assert_eq!(judge_of_sheet("Jumlah 3", None), None);
        let js = [Judge {
            id: "ahmad".into(),
            name: "Dr. Ahmad S.".into(),
            ..Judge::default()
        }];
        assert_eq!(
            judge_of_sheet("dr ahmad s", Some(&js)).as_deref(),
            Some("ahmad")
        );
        assert_eq!(judge_of_sheet("Juri 3", Some(&js)), None);
    }
}
