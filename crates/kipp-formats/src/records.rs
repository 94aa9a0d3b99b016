//! Tables -> engine records: innovations (§1.2), scores (§1.3), judges (§1.4).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use kipp_score::{Attr, Innovation, Judge, Loc, PackedScore, Score, ScoreList};

use crate::num::{self, ScoreError};
use crate::problem::Problems;
use crate::table::{Cell, Row, Table, Value};

/// Header checks shared by every table: no name twice; a column without a
/// name must be empty. Returns the indices of usable (named) columns.
pub(crate) fn check_header(t: &Table, probs: &mut Problems) -> Vec<usize> {
    check_header_with(
        t,
        |i| {
            t.rows
                .iter()
                .find_map(|r| t.cell(r, i).filter(|c| !c.is_empty()))
                .map(|c| (c.line, c.col))
        },
        probs,
    )
}

/// [`check_header`] with the place of the first non-empty cell of an
/// unnamed column given by `first_value` (a table read row by row).
pub(crate) fn check_header_with(
    t: &Table,
    first_value: impl Fn(usize) -> Option<(u32, u32)>,
    probs: &mut Problems,
) -> Vec<usize> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut usable = Vec::new();
    for (i, c) in t.columns.iter().enumerate() {
        if c.name.is_empty() {
            if let Some((line, col)) = first_value(i) {
                probs.push(
                    t.problem(
                        line,
                        col,
                        "kolom ini berisi nilai tetapi tidak punya judul".into(),
                        "this column holds values but has no header name".into(),
                    )
                    .with_kind("header.unnamed"),
                );
            }
            continue;
        }
        if let Some(&first) = seen.get(c.name.as_str()) {
            probs.push(
                t.problem(
                    c.line,
                    c.col,
                    format!(
                        "judul kolom \"{}\" muncul dua kali (juga di kolom {})",
                        c.name,
                        first + 1
                    ),
                    format!(
                        "column \"{}\" appears twice (also column {})",
                        c.name,
                        first + 1
                    ),
                )
                .with_kind("header.duplicate"),
            );
            continue;
        }
        seen.insert(&c.name, i);
        usable.push(i);
    }
    usable
}

fn require(t: &Table, name: &str, probs: &mut Problems) -> Option<usize> {
    let i = t.column(name);
    if i.is_none() {
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        probs.push(
            t.problem(
                t.header_line,
                1,
                format!(
                    "kolom wajib \"{name}\" tidak ada (judul kolom: {})",
                    names.join(", ")
                ),
                format!(
                    "required column \"{name}\" is missing (header: {})",
                    names.join(", ")
                ),
            )
            .with_kind("header.missing"),
        );
    }
    i
}

pub(crate) fn cell<'t>(t: &'t Table, row: &Row, i: Option<usize>) -> Option<Cell<'t>> {
    i.and_then(|i| t.cell(row, i))
}

pub(crate) fn text<'t>(t: &'t Table, row: &Row, i: Option<usize>) -> &'t str {
    match cell(t, row, i) {
        Some(c) => match c.value {
            Value::Null | Value::Absent => "",
            _ => num::trim(c.text),
        },
        None => "",
    }
}

/// (line, column) of a field, or of the row when the field is absent.
fn place(t: &Table, row: &Row, i: Option<usize>) -> (u32, u32) {
    cell(t, row, i)
        .map(|c| (c.line, c.col))
        .unwrap_or((row.line, row.col))
}

fn attr_of(c: &Cell<'_>, decimal_comma: bool) -> Option<Attr> {
    match c.value {
        Value::Null | Value::Absent => None,
        Value::Text => num::attr_from_text(c.text, decimal_comma),
        Value::Number(x) => Some(Attr {
            text: num::number_text(x),
            number: Some(x),
        }),
        Value::Bool(b) => Some(Attr {
            text: b.to_string(),
            number: None,
        }),
    }
}

/// Reports an empty required field.
pub(crate) fn empty_field(
    t: &Table,
    row: &Row,
    i: Option<usize>,
    name: &str,
    probs: &mut Problems,
) {
    let (l, c) = place(t, row, i);
    probs.push(
        t.problem(
            l,
            c,
            format!("\"{name}\" kosong"),
            format!("\"{name}\" is empty"),
        )
        .with_kind("field.empty"),
    );
}

/// More than `max` rows of `what` (the engine's limit, checked here
/// before a record is built: an innovation costs about 1.5 KB): the
/// engine's problem, at the first row past it.
fn too_many(t: &Table, what: &str, max: usize, probs: &mut Problems) -> bool {
    let Some(row) = t.rows.get(max) else {
        return false;
    };
    let kind = kipp_score::DiagKind::TooMany {
        what: what.to_string(),
        count: t.rows.len(),
        max,
    };
    probs.push(
        t.problem(
            row.line,
            row.col,
            kind.message(kipp_score::Lang::Id),
            kind.message(kipp_score::Lang::En),
        )
        .with_kind("count.size"),
    );
    true
}

pub(crate) fn innovations(t: &Table, probs: &mut Problems) -> Vec<Innovation> {
    let usable = check_header(t, probs);
    let id_col = require(t, "id", probs);
    let title_col = require(t, "title", probs);
    if id_col.is_none() || title_col.is_none() {
        return Vec::new();
    }
    if too_many(t, "innovations", kipp_score::limits::MAX_INNOVATIONS, probs) {
        return Vec::new();
    }
    let unit = t.column("unit");
    let agency = t.column("agency");
    let category = t.column("category");
    let group = t.column("group");
    let elig = t.column("eligible");
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::with_capacity(t.rows.len());
    let mut n_attrs = 0usize;
    for row in &t.rows {
        let id = text(t, row, id_col);
        if id.is_empty() {
            empty_field(t, row, id_col, "id", probs);
            continue;
        }
        if let Some(&first) = seen.get(id) {
            let (l, c) = place(t, row, id_col);
            probs.push(
                t.problem(
                    l,
                    c,
                    format!("id inovasi \"{id}\" ganda (sudah ada di baris {first})"),
                    format!("duplicate innovation id \"{id}\" (already on line {first})"),
                )
                .with_kind("id.duplicate"),
            );
            continue;
        }
        seen.insert(id.to_string(), row.line);
        let eligible = match cell(t, row, elig) {
            None => true,
            Some(c) => match &c.value {
                Value::Bool(b) => *b,
                Value::Null | Value::Absent => true,
                Value::Number(x) if *x == 1.0 => true,
                Value::Number(x) if *x == 0.0 => false,
                _ => match num::eligible(c.text) {
                    Some(b) => b,
                    None => {
                        probs.push(t.problem(
                            c.line,
                            c.col,
                            format!(
                                "\"eligible\" harus true/false/ya/tidak/yes/no/1/0 atau kosong, bukan \"{}\"",
                                c.text.trim()
                            ),
                            format!(
                                "\"eligible\" must be true/false/ya/tidak/yes/no/1/0 or empty, not \"{}\"",
                                c.text.trim()
                            ),
                        ).with_kind("innovation.eligible"));
                        continue;
                    }
                },
            },
        };
        let mut attrs = BTreeMap::new();
        for &i in &usable {
            if let Some(a) = t.cell(row, i).and_then(|c| attr_of(&c, t.decimal_comma)) {
                attrs.insert(t.columns[i].name.clone(), a);
            }
        }
        n_attrs += attrs.len();
        if n_attrs > crate::limits::MAX_ATTRIBUTES {
            // An attribute costs about 200 bytes (its name and text):
            // stop before the file costs a hundred times its size.
            let max = crate::limits::MAX_ATTRIBUTES;
            probs.push(
                t.problem(
                    row.line,
                    row.col,
                    format!("terlalu banyak atribut inovasi: lebih dari {max} sel terisi (inovasi × kolom)"),
                    format!("too many innovation attributes: more than {max} filled cells (innovations × columns)"),
                )
                .with_kind("file.size"),
            );
            return Vec::new();
        }
        // `eligible` as bonus rules see it: `true`/`false`, however it was
        // written (`ya`, `0`, a JSON boolean ...), so that the way of writing
        // changes neither a result nor the digest.
        if let Some(a) = attrs.get_mut("eligible") {
            a.text = eligible.to_string();
            a.number = None;
        }
        out.push(Innovation {
            id: id.to_string(),
            title: text(t, row, title_col).to_string(),
            unit: text(t, row, unit).to_string(),
            agency: text(t, row, agency).to_string(),
            category: text(t, row, category).to_string(),
            group: text(t, row, group).to_string(),
            eligible,
            attrs,
            loc: Loc {
                file: t.file.clone(),
                line: row.line,
                column: row.col,
            },
        });
    }
    out
}

pub(crate) fn judges(t: &Table, probs: &mut Problems) -> Vec<Judge> {
    check_header(t, probs);
    let Some(id_col) = require(t, "id", probs) else {
        return Vec::new();
    };
    if too_many(t, "judges", kipp_score::limits::MAX_JUDGES, probs) {
        return Vec::new();
    }
    let id_col = Some(id_col);
    let name = t.column("name");
    let agency = t.column("agency");
    let conflicts = t.column("conflicts");
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    let mut n_conflicts = 0usize;
    for row in &t.rows {
        let id = text(t, row, id_col);
        if id.is_empty() {
            empty_field(t, row, id_col, "id", probs);
            continue;
        }
        if let Some(&first) = seen.get(id) {
            let (l, c) = place(t, row, id_col);
            probs.push(
                t.problem(
                    l,
                    c,
                    format!("id juri \"{id}\" ganda (sudah ada di baris {first})"),
                    format!("duplicate judge id \"{id}\" (already on line {first})"),
                )
                .with_kind("id.duplicate"),
            );
            continue;
        }
        seen.insert(id.to_string(), row.line);
        let list: Vec<String> = text(t, row, conflicts)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        n_conflicts += list.len();
        if n_conflicts > crate::limits::MAX_CONFLICTS {
            let max = crate::limits::MAX_CONFLICTS;
            let (l, c) = place(t, row, conflicts);
            probs.push(
                t.problem(
                    l,
                    c,
                    format!("terlalu banyak konflik kepentingan: lebih dari {max} di semua juri"),
                    format!("too many conflicts of interest: more than {max} over all judges"),
                )
                .with_kind("file.size"),
            );
            return Vec::new();
        }
        out.push(Judge {
            id: id.to_string(),
            name: text(t, row, name).to_string(),
            agency: text(t, row, agency).to_string(),
            conflicts: list,
            loc: Loc {
                file: t.file.clone(),
                line: row.line,
                column: row.col,
            },
        });
    }
    out
}

pub(crate) fn score_value(t: &Table, c: &Cell<'_>, probs: &mut Problems) -> Option<f64> {
    let r = match c.value {
        Value::Number(x) => Ok(x),
        Value::Null | Value::Absent => Err(ScoreError::Empty),
        Value::Bool(_) => Err(ScoreError::NotNumber),
        Value::Text => num::score_number(c.text, t.decimal_comma),
    };
    match r {
        Ok(x) => Some(x),
        Err(e) => {
            let shown = c.text.trim();
            let (id, en) = match e {
                ScoreError::Empty => ("nilai kosong".to_string(), "the score is empty".to_string()),
                ScoreError::NotNumber => (
                    format!("nilai \"{shown}\" bukan angka"),
                    format!("score \"{shown}\" is not a number"),
                ),
                ScoreError::NotFinite => (
                    format!(
                        "nilai \"{shown}\" bukan angka terhingga (NaN dan tak hingga tidak boleh)"
                    ),
                    format!("score \"{shown}\" is not finite (NaN and infinities are not allowed)"),
                ),
            };
            probs.push(t.problem(c.line, c.col, id, en).with_kind("score.number"));
            None
        }
    }
}

/// Column of a field in the row's line, 0 when it stands on another line
/// (multi-line JSON objects).
fn col_on_line(t: &Table, row: &Row, i: Option<usize>) -> u32 {
    match cell(t, row, i) {
        Some(c) if c.line == row.line => c.col,
        Some(_) => 0,
        None => row.col,
    }
}

/// [`text`] of a fetched cell.
#[inline]
fn cell_text<'t>(c: &Option<Cell<'t>>) -> &'t str {
    match c {
        Some(c) => match c.value {
            Value::Null | Value::Absent => "",
            _ => num::trim(c.text),
        },
        None => "",
    }
}

/// [`col_on_line`] of a fetched cell.
#[inline]
fn cell_col(c: &Option<Cell<'_>>, row: &Row) -> u32 {
    match c {
        Some(c) if c.line == row.line => c.col,
        Some(_) => 0,
        None => row.col,
    }
}

/// Each id of a table made once: scores point to shared ids.
#[derive(Default)]
pub(crate) struct Ids {
    set: HashSet<Arc<str>>,
}

impl Ids {
    /// The shared id for `s`.
    pub fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.set.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.set.insert(a.clone());
        a
    }
}

/// The id of one column: consecutive rows usually repeat it (a file sorted
/// by stage, innovation or judge), so the last one is kept at hand.
#[derive(Default)]
pub(crate) struct IdColumn {
    last: Option<Arc<str>>,
}

impl IdColumn {
    #[inline]
    pub fn get(&mut self, ids: &mut Ids, s: &str) -> Arc<str> {
        match &self.last {
            Some(a) if **a == *s => a.clone(),
            _ => {
                let a = ids.get(s);
                self.last = Some(a.clone());
                a
            }
        }
    }
}

/// A score as a row gives it, to a [`ScoreSink`].
pub(crate) struct RowScore<'t> {
    /// Stage, innovation and judge ids (trimmed, non-empty).
    pub keys: [&'t str; 3],
    /// Long form: the criterion's text; wide form: the index of the
    /// column in [`ScoreHead::wide`].
    pub criterion: Result<&'t str, usize>,
    pub value: f64,
    pub line: u32,
    pub column: u32,
    pub cols: [u32; 5],
}

/// Where a scores table's rows go.
pub(crate) trait ScoreSink {
    fn score(&mut self, s: RowScore<'_>);
}

/// The columns of a scores table (§1.3), long or wide form.
pub(crate) struct ScoreHead {
    stage: Option<usize>,
    innovation: Option<usize>,
    judge: Option<usize>,
    criterion: Option<usize>,
    score: Option<usize>,
    /// Wide form: the criterion columns.
    pub wide: Vec<usize>,
}

impl ScoreHead {
    /// The columns of `t` (its header), given its usable columns; `None`
    /// (with the problems) when a required one is missing.
    pub fn new(t: &Table, usable: &[usize], probs: &mut Problems) -> Option<ScoreHead> {
        let stage = require(t, "stage", probs);
        let innovation = require(t, "innovation", probs);
        let judge = require(t, "judge", probs);
        let criterion = t.column("criterion");
        let score = if criterion.is_some() {
            require(t, "score", probs)
        } else {
            None
        };
        if stage.is_none()
            || innovation.is_none()
            || judge.is_none()
            || (criterion.is_some() && score.is_none())
        {
            return None;
        }
        let keys = [stage, innovation, judge];
        let wide = usable
            .iter()
            .copied()
            .filter(|&i| !keys.contains(&Some(i)))
            .collect();
        Some(ScoreHead {
            stage,
            innovation,
            judge,
            criterion,
            score,
            wide,
        })
    }

    /// Scores a table of `rows` rows may hold, to reserve room.
    pub fn capacity(&self, rows: usize) -> usize {
        match self.criterion {
            Some(_) => rows,
            None => rows * self.wide.len(),
        }
    }

    /// The scores of one row (with its problems).
    pub fn row(
        &self,
        t: &Table,
        row: &Row,
        probs: &mut Problems,
        filled: &mut Vec<usize>,
        sink: &mut impl ScoreSink,
    ) {
        let (stage, innovation, judge) = (self.stage, self.innovation, self.judge);
        if self.criterion.is_some() {
            let criterion = self.criterion;
            let score = self.score;
            let mut ok = true;
            // Each cell fetched once.
            let cells = [stage, innovation, judge, criterion].map(|i| cell(t, row, i));
            let mut texts = [""; 4];
            for (k, (i, name)) in [
                (stage, "stage"),
                (innovation, "innovation"),
                (judge, "judge"),
                (criterion, "criterion"),
            ]
            .into_iter()
            .enumerate()
            {
                texts[k] = cell_text(&cells[k]);
                if texts[k].is_empty() {
                    empty_field(t, row, i, name, probs);
                    ok = false;
                }
            }
            let Some(sc) = cell(t, row, score) else {
                empty_field(t, row, score, "score", probs);
                return;
            };
            let Some(value) = score_value(t, &sc, probs) else {
                return;
            };
            if !ok {
                return;
            }
            sink.score(RowScore {
                keys: [texts[0], texts[1], texts[2]],
                criterion: Ok(texts[3]),
                value,
                line: row.line,
                column: row.col,
                cols: [
                    cell_col(&cells[0], row),
                    cell_col(&cells[1], row),
                    cell_col(&cells[2], row),
                    cell_col(&cells[3], row),
                    cell_col(&Some(sc), row),
                ],
            });
        } else {
            let wide = &self.wide;
            filled.clear();
            filled.extend(
                (0..wide.len())
                    .filter(|&k| cell(t, row, Some(wide[k])).is_some_and(|c| !c.is_empty())),
            );
            if filled.is_empty() {
                // §1.3: a wide row with no score at all is ignored.
                return;
            }
            let mut ok = true;
            let mut texts = [""; 3];
            for (k, (i, name)) in [
                (stage, "stage"),
                (innovation, "innovation"),
                (judge, "judge"),
            ]
            .into_iter()
            .enumerate()
            {
                texts[k] = text(t, row, i);
                if texts[k].is_empty() {
                    empty_field(t, row, i, name, probs);
                    ok = false;
                }
            }
            let key_cols = [
                col_on_line(t, row, stage),
                col_on_line(t, row, innovation),
                col_on_line(t, row, judge),
            ];
            for &k in filled.iter() {
                let i = wide[k];
                let Some(c) = cell(t, row, Some(i)) else {
                    continue;
                };
                let Some(value) = score_value(t, &c, probs) else {
                    continue;
                };
                if !ok {
                    continue;
                }
                let sc = if c.line == row.line { c.col } else { 0 };
                sink.score(RowScore {
                    keys: texts,
                    criterion: Err(k),
                    value,
                    line: row.line,
                    column: row.col,
                    cols: [key_cols[0], key_cols[1], key_cols[2], sc, sc],
                });
            }
        }
    }
}

/// Scores as [`Score`]s (ids shared within the table).
pub(crate) struct VecSink {
    file: Arc<str>,
    ids: Ids,
    cols: [IdColumn; 4],
    wide_ids: Vec<Arc<str>>,
    pub out: Vec<Score>,
    /// Where the first score past [`crate::limits::MAX_SCORES`] stands.
    pub over: Option<(u32, u32)>,
}

impl VecSink {
    pub fn new(t: &Table, head: &ScoreHead, capacity: usize) -> Self {
        let mut ids = Ids::default();
        // Wide form: the criterion of each column, made once.
        let wide_ids = head
            .wide
            .iter()
            .map(|&i| ids.get(&t.columns[i].name))
            .collect();
        VecSink {
            file: t.file.clone(),
            ids,
            cols: Default::default(),
            wide_ids,
            out: Vec::with_capacity(capacity.min(crate::limits::MAX_SCORES)),
            over: None,
        }
    }
}

impl ScoreSink for VecSink {
    fn score(&mut self, s: RowScore<'_>) {
        if self.out.len() >= crate::limits::MAX_SCORES {
            self.over.get_or_insert((s.line, s.column));
            return;
        }
        let [c0, c1, c2, c3] = &mut self.cols;
        let criterion = match s.criterion {
            Ok(text) => c3.get(&mut self.ids, text),
            Err(k) => self.wide_ids[k].clone(),
        };
        self.out.push(Score {
            stage: c0.get(&mut self.ids, s.keys[0]),
            innovation: c1.get(&mut self.ids, s.keys[1]),
            judge: c2.get(&mut self.ids, s.keys[2]),
            criterion,
            value: s.value,
            loc: Loc {
                file: self.file.clone(),
                line: s.line,
                column: s.column,
            },
            cols: s.cols,
        });
    }
}

/// The ids of one column of a table read into a [`ScoreList`]: the few
/// last different ones at hand, the list's index otherwise. A column
/// repeats one innovation on consecutive rows, or cycles through a few
/// stages, judges or criteria: the last one, or the one after it, is
/// nearly always the one asked.
#[derive(Default)]
struct IdCache {
    recent: Vec<(Box<str>, u32)>,
    last: usize,
    next: usize,
}

/// `a == b`, inline for short ids (no call to `memcmp`).
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if a.len() > 32 {
        return a == b;
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// Ids kept at hand per column.
const RECENT: usize = 16;

impl IdCache {
    #[inline]
    fn get(&mut self, list: &mut ScoreList, s: &str) -> u32 {
        let n = self.recent.len();
        if n > 0 {
            let a = self.last;
            if same(&self.recent[a].0, s) {
                return self.recent[a].1;
            }
            let b = if a + 1 == n { 0 } else { a + 1 };
            if same(&self.recent[b].0, s) {
                self.last = b;
                return self.recent[b].1;
            }
            if let Some(h) = self.recent.iter().position(|(x, _)| same(x, s)) {
                self.last = h;
                return self.recent[h].1;
            }
        }
        let k = list.id(s);
        if n < RECENT {
            self.recent.push((s.into(), k));
            self.last = n;
        } else {
            self.recent[self.next] = (s.into(), k);
            self.last = self.next;
            self.next = (self.next + 1) % RECENT;
        }
        k
    }
}

/// Scores into a [`ScoreList`].
pub(crate) struct ListSink<'l> {
    list: &'l mut ScoreList,
    file: u32,
    cols: [IdCache; 4],
    wide_ids: Vec<u32>,
    /// Where the first score past [`crate::limits::MAX_SCORES`] stands
    /// (the list holds the scores of every file read so far).
    pub over: Option<(u32, u32)>,
}

impl<'l> ListSink<'l> {
    pub fn new(list: &'l mut ScoreList, t: &Table, head: &ScoreHead) -> Self {
        let file = list.file(&t.file);
        let wide_ids = head
            .wide
            .iter()
            .map(|&i| list.id(&t.columns[i].name))
            .collect();
        ListSink {
            list,
            file,
            cols: Default::default(),
            wide_ids,
            over: None,
        }
    }
}

impl ScoreSink for ListSink<'_> {
    #[inline]
    fn score(&mut self, s: RowScore<'_>) {
        if self.list.len() >= crate::limits::MAX_SCORES {
            self.over.get_or_insert((s.line, s.column));
            return;
        }
        let [c0, c1, c2, c3] = &mut self.cols;
        let criterion = match s.criterion {
            Ok(text) => c3.get(self.list, text),
            Err(k) => self.wide_ids[k],
        };
        let p = PackedScore {
            stage: c0.get(self.list, s.keys[0]),
            innovation: c1.get(self.list, s.keys[1]),
            judge: c2.get(self.list, s.keys[2]),
            criterion,
            value: s.value,
            file: self.file,
            line: s.line,
            column: s.column,
            cols: s.cols,
        };
        self.list.push(p);
    }
}

pub(crate) fn scores(t: &Table, probs: &mut Problems) -> Vec<Score> {
    let usable = check_header(t, probs);
    let Some(head) = ScoreHead::new(t, &usable, probs) else {
        return Vec::new();
    };
    let mut sink = VecSink::new(t, &head, head.capacity(t.rows.len()));
    let mut filled = Vec::new();
    for row in &t.rows {
        head.row(t, row, probs, &mut filled, &mut sink);
    }
    if let Some((line, col)) = sink.over {
        probs.push(crate::limits::scores_problem(&t.file, line, col));
    }
    // The same (stage, innovation, judge, criterion) twice is found by the
    // engine's `prepare`, which sees all scores (and located the same way).
    sink.out
}

/// The scores of a table into `list` (as [`scores`] reads them).
pub(crate) fn scores_into(t: &Table, probs: &mut Problems, list: &mut ScoreList) {
    let usable = check_header(t, probs);
    let Some(head) = ScoreHead::new(t, &usable, probs) else {
        return;
    };
    list.reserve(head.capacity(t.rows.len()));
    let mut sink = ListSink::new(list, t, &head);
    let mut filled = Vec::new();
    for row in &t.rows {
        head.row(t, row, probs, &mut filled, &mut sink);
    }
    if let Some((line, col)) = sink.over {
        probs.push(crate::limits::scores_problem(&t.file, line, col));
    }
}
