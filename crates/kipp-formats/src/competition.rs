//! The competition file (scoring.md §1.1): strict JSON with positions.
//!
//! This module checks the *shape* of the file (JSON syntax, known keys, value
//! types, enumerations, defaults); the engine's
//! [`kipp_score::validate_competition`] checks the *meaning* (id syntax and
//! uniqueness, weights, scales, references). Engine diagnostics point into the
//! file with a path, which [`CompetitionSource::locate`] maps back to a line
//! and column.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use jsonc_parser::ast::{Array, Object, ObjectPropName, Value as JValue};
use jsonc_parser::common::Ranged;
use jsonc_parser::CollectOptions;
use kipp_score::{
    Advance, Aggregate, Attr, BonusRule, CombineTerm, Competition, Criterion, Normalize, Op,
    PathSeg, RuleValue, Stage, TieBreak, Ties,
};

use crate::num;
use crate::problem::{Problem, Problems};
use crate::table::{json_syntax_problem, strict_json, LineIndex};

/// Where each value of a competition file stands, to locate engine
/// diagnostics (which carry a path such as `stages[0].criteria[1].weight`).
#[derive(Clone, Debug, Default)]
pub struct CompetitionSource {
    /// File name.
    pub file: Arc<str>,
    spots: HashMap<String, (u32, u32)>,
}

impl CompetitionSource {
    /// (line, column) of the value at `path`, or of its nearest enclosing
    /// value that exists; (1, 1) for the empty path.
    pub fn locate(&self, path: &[PathSeg]) -> (u32, u32) {
        let mut n = path.len();
        loop {
            let key = path_string(&path[..n]);
            if let Some(&p) = self.spots.get(&key) {
                return p;
            }
            if n == 0 {
                return (1, 1);
            }
            n -= 1;
        }
    }

    /// Converts an engine diagnostic about this file into a located problem.
    pub fn problem(&self, d: &kipp_score::Diagnostic) -> Problem {
        let mut p = Problem::from_diagnostic(d, &self.file);
        if d.loc.is_none() {
            let (line, column) = self.locate(&d.path);
            p.line = line;
            p.column = column;
        }
        p
    }
}

/// `stages[0].criteria[1].weight`.
pub fn path_string(path: &[PathSeg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            PathSeg::Index(i) => {
                let _ = write!(s, "[{i}]");
            }
        }
    }
    s
}

struct Walker<'t> {
    file: Arc<str>,
    idx: LineIndex<'t>,
    probs: Problems,
    spots: HashMap<String, (u32, u32)>,
}

fn place_name(path: &str) -> (String, String) {
    if path.is_empty() {
        ("tingkat teratas".into(), "the top level".into())
    } else {
        (path.to_string(), path.to_string())
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn type_name(v: &JValue) -> (&'static str, &'static str) {
    match v {
        JValue::StringLit(_) => ("teks", "a string"),
        JValue::NumberLit(_) => ("angka", "a number"),
        JValue::BooleanLit(_) => ("benar/salah", "a boolean"),
        JValue::Object(_) => ("objek", "an object"),
        JValue::Array(_) => ("daftar", "a list"),
        JValue::NullKeyword(_) => ("null", "null"),
    }
}

impl<'t> Walker<'t> {
    fn pos(&self, r: &impl Ranged) -> (u32, u32) {
        self.idx.position(r.start())
    }

    fn err(&mut self, at: (u32, u32), id: String, en: String) {
        self.probs
            .at("competition.shape", &self.file, at.0, at.1, id, en);
    }

    fn mark(&mut self, path: &str, v: &impl Ranged) {
        let p = self.pos(v);
        self.spots.insert(path.to_string(), p);
    }

    /// Checks the keys of `obj` against `allowed` (unknown and repeated keys
    /// are errors) and records the place of every value.
    fn keys<'a>(
        &mut self,
        obj: &'a Object<'t>,
        path: &str,
        allowed: &[&str],
    ) -> HashMap<&'a str, &'a JValue<'t>> {
        let mut map = HashMap::new();
        for prop in &obj.properties {
            let name = match &prop.name {
                ObjectPropName::String(s) => s.value.as_ref(),
                ObjectPropName::Word(w) => w.value,
            };
            let at = self.pos(&prop.name);
            if !allowed.contains(&name) {
                let (pid, pen) = place_name(path);
                self.err(
                    at,
                    format!(
                        "kunci tidak dikenal \"{name}\" di {pid} (yang boleh: {})",
                        allowed.join(", ")
                    ),
                    format!(
                        "unknown key \"{name}\" in {pen} (allowed: {})",
                        allowed.join(", ")
                    ),
                );
                continue;
            }
            if map.contains_key(name) {
                let (pid, pen) = place_name(path);
                self.err(
                    at,
                    format!("kunci \"{name}\" muncul dua kali di {pid}"),
                    format!("key \"{name}\" appears twice in {pen}"),
                );
                continue;
            }
            self.mark(&join(path, name), &prop.value);
            map.insert(name, &prop.value);
        }
        map
    }

    fn wrong_type(&mut self, v: &JValue, path: &str, want_id: &str, want_en: &str) {
        let (gid, gen) = type_name(v);
        let at = self.pos(v);
        self.err(
            at,
            format!("{path} harus {want_id}, bukan {gid}"),
            format!("{path} must be {want_en}, not {gen}"),
        );
    }

    fn missing(&mut self, at_obj: &Object, path: &str, key: &str) {
        let at = self.pos(at_obj);
        let (pid, pen) = place_name(path);
        self.err(
            at,
            format!("kunci wajib \"{key}\" tidak ada di {pid}"),
            format!("required key \"{key}\" is missing in {pen}"),
        );
    }

    fn string(&mut self, v: &JValue, path: &str) -> Option<String> {
        match v {
            JValue::StringLit(s) => {
                let (line, col) = self.pos(v);
                if let Some(p) = crate::limits::cell_size_problem(&self.file, &s.value, line, col) {
                    self.probs.push(p);
                    return None;
                }
                Some(s.value.to_string())
            }
            _ => {
                self.wrong_type(v, path, "teks", "a string");
                None
            }
        }
    }

    fn number(&mut self, v: &JValue, path: &str) -> Option<f64> {
        match v {
            JValue::NumberLit(n) => match n.value.parse::<f64>() {
                Ok(x) if x.is_finite() => Some(x),
                _ => {
                    let at = self.pos(v);
                    self.err(
                        at,
                        format!("{path}: angka {} tidak terhingga", n.value),
                        format!("{path}: number {} is not finite", n.value),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(v, path, "angka", "a number");
                None
            }
        }
    }

    fn count(&mut self, v: &JValue, path: &str) -> Option<u32> {
        let x = self.number(v, path)?;
        if x.fract() == 0.0 && x > u32::MAX as f64 {
            let at = self.pos(v);
            // 1e300 as 1e300, not 301 digits.
            let shown = if x < 1e15 {
                num::number_text(x)
            } else {
                format!("{x:e}")
            };
            self.err(
                at,
                format!("{path} terlalu besar: {shown} (paling besar {})", u32::MAX),
                format!("{path} is too large: {shown} (at most {})", u32::MAX),
            );
            return None;
        }
        if x.fract() != 0.0 || !(0.0..=u32::MAX as f64).contains(&x) {
            let at = self.pos(v);
            self.err(
                at,
                format!(
                    "{path} harus bilangan bulat ≥ 1, bukan {}",
                    num::number_text(x)
                ),
                format!("{path} must be an integer ≥ 1, not {}", num::number_text(x)),
            );
            return None;
        }
        Some(x as u32)
    }

    fn boolean(&mut self, v: &JValue, path: &str) -> Option<bool> {
        match v {
            JValue::BooleanLit(b) => Some(b.value),
            _ => {
                self.wrong_type(v, path, "true atau false", "true or false");
                None
            }
        }
    }

    fn object<'a>(&mut self, v: &'a JValue<'t>, path: &str) -> Option<&'a Object<'t>> {
        match v {
            JValue::Object(o) => Some(o),
            _ => {
                self.wrong_type(v, path, "objek {…}", "an object {…}");
                None
            }
        }
    }

    fn array<'a>(&mut self, v: &'a JValue<'t>, path: &str) -> Option<&'a Array<'t>> {
        match v {
            JValue::Array(a) => Some(a),
            _ => {
                self.wrong_type(v, path, "daftar […]", "a list […]");
                None
            }
        }
    }

    fn choice<T: Copy>(&mut self, v: &JValue, path: &str, options: &[(&str, T)]) -> Option<T> {
        let s = self.string(v, path)?;
        match options.iter().find(|(name, _)| *name == s) {
            Some((_, t)) => Some(*t),
            None => {
                let names: Vec<String> = options.iter().map(|(n, _)| format!("\"{n}\"")).collect();
                let at = self.pos(v);
                self.err(
                    at,
                    format!(
                        "{path} harus salah satu dari {}, bukan \"{s}\"",
                        names.join(", ")
                    ),
                    format!("{path} must be one of {}, not \"{s}\"", names.join(", ")),
                );
                None
            }
        }
    }

    fn competition(&mut self, root: &JValue<'t>) -> Option<Competition> {
        self.mark("", root);
        let obj = self.object(root, "competition")?;
        let k = self.keys(obj, "", &["kipp", "name", "description", "stages"]);
        match k.get("kipp") {
            None => self.missing(obj, "", "kipp"),
            Some(v) => {
                if let Some(x) = self.number(v, "kipp") {
                    if x != 1.0 {
                        let at = self.pos(*v);
                        self.err(
                            at,
                            format!(
                                "versi format \"kipp\": {} tidak didukung; versi yang dibaca: 1",
                                num::number_text(x)
                            ),
                            format!(
                                "format version \"kipp\": {} is not supported; this version reads 1",
                                num::number_text(x)
                            ),
                        );
                    }
                }
            }
        }
        let name = k
            .get("name")
            .and_then(|v| self.string(v, "name"))
            .unwrap_or_default();
        let description = k
            .get("description")
            .and_then(|v| self.string(v, "description"))
            .unwrap_or_default();
        let mut stages = Vec::new();
        match k.get("stages") {
            None => self.missing(obj, "", "stages"),
            Some(v) => {
                if let Some(list) = self.array(v, "stages") {
                    for (i, s) in list.elements.iter().enumerate() {
                        let path = format!("stages[{i}]");
                        self.mark(&path, s);
                        if let Some(stage) = self.stage(s, &path) {
                            stages.push(stage);
                        }
                    }
                }
            }
        }
        Some(Competition {
            name,
            description,
            stages,
        })
    }

    fn stage(&mut self, v: &JValue<'t>, path: &str) -> Option<Stage> {
        let obj = self.object(v, path)?;
        let k = self.keys(
            obj,
            path,
            &[
                "id",
                "name",
                "criteria",
                "normalize",
                "aggregate",
                "min_judges",
                "bonus",
                "combine",
                "tie_break",
                "advance",
            ],
        );
        let id = match k.get("id") {
            Some(v) => self.string(v, &join(path, "id")),
            None => {
                self.missing(obj, path, "id");
                None
            }
        };
        let name = k
            .get("name")
            .and_then(|v| self.string(v, &join(path, "name")));
        let mut criteria = Vec::new();
        match k.get("criteria") {
            None => self.missing(obj, path, "criteria"),
            Some(v) => {
                let p = join(path, "criteria");
                if let Some(list) = self.array(v, &p) {
                    for (i, c) in list.elements.iter().enumerate() {
                        let cp = format!("{p}[{i}]");
                        self.mark(&cp, c);
                        if let Some(c) = self.criterion(c, &cp) {
                            criteria.push(c);
                        }
                    }
                }
            }
        }
        let normalize = match k.get("normalize") {
            None => Some(Normalize::None),
            Some(v) => self.choice(
                v,
                &join(path, "normalize"),
                &[("none", Normalize::None), ("zscore", Normalize::ZScore)],
            ),
        };
        let aggregate = match k.get("aggregate") {
            None => Some(Aggregate::Mean),
            Some(v) => self.choice(
                v,
                &join(path, "aggregate"),
                &[
                    ("mean", Aggregate::Mean),
                    ("median", Aggregate::Median),
                    ("trimmed", Aggregate::Trimmed),
                ],
            ),
        };
        let min_judges = match k.get("min_judges") {
            None => Some(1),
            Some(v) => self.count(v, &join(path, "min_judges")),
        };
        let mut bonus = Vec::new();
        if let Some(v) = k.get("bonus") {
            let p = join(path, "bonus");
            if let Some(list) = self.array(v, &p) {
                for (i, b) in list.elements.iter().enumerate() {
                    let bp = format!("{p}[{i}]");
                    self.mark(&bp, b);
                    if let Some(b) = self.bonus(b, &bp) {
                        bonus.push(b);
                    }
                }
            }
        }
        let mut combine = None;
        if let Some(v) = k.get("combine") {
            let p = join(path, "combine");
            if let Some(list) = self.array(v, &p) {
                let mut terms = Vec::new();
                for (i, t) in list.elements.iter().enumerate() {
                    let tp = format!("{p}[{i}]");
                    self.mark(&tp, t);
                    let Some(o) = self.object(t, &tp) else {
                        continue;
                    };
                    let tk = self.keys(o, &tp, &["stage", "weight"]);
                    let stage = match tk.get("stage") {
                        Some(v) => self.string(v, &join(&tp, "stage")),
                        None => {
                            self.missing(o, &tp, "stage");
                            None
                        }
                    };
                    let weight = match tk.get("weight") {
                        Some(v) => self.number(v, &join(&tp, "weight")),
                        None => {
                            self.missing(o, &tp, "weight");
                            None
                        }
                    };
                    if let (Some(stage), Some(weight)) = (stage, weight) {
                        terms.push(CombineTerm { stage, weight });
                    }
                }
                combine = Some(terms);
            }
        }
        let mut tie_break = Vec::new();
        if let Some(v) = k.get("tie_break") {
            let p = join(path, "tie_break");
            if let Some(list) = self.array(v, &p) {
                for (i, t) in list.elements.iter().enumerate() {
                    let tp = format!("{p}[{i}]");
                    self.mark(&tp, t);
                    let Some(s) = self.string(t, &tp) else {
                        continue;
                    };
                    match s.as_str() {
                        "bonus" => tie_break.push(TieBreak::Bonus),
                        "raw" => tie_break.push(TieBreak::Raw),
                        _ => match s.strip_prefix("criterion:") {
                            Some(c) => tie_break.push(TieBreak::Criterion(c.to_string())),
                            None => {
                                let at = self.pos(t);
                                self.err(
                                    at,
                                    format!("{tp} harus \"criterion:<id>\", \"bonus\" atau \"raw\", bukan \"{s}\""),
                                    format!("{tp} must be \"criterion:<id>\", \"bonus\" or \"raw\", not \"{s}\""),
                                );
                            }
                        },
                    }
                }
            }
        }
        let mut advance = None;
        if let Some(v) = k.get("advance") {
            let p = join(path, "advance");
            if let Some(o) = self.object(v, &p) {
                advance = self.advance(o, &p);
            }
        }
        let id = id?;
        Some(Stage {
            name: name.unwrap_or_else(|| id.clone()),
            id,
            criteria,
            normalize: normalize?,
            aggregate: aggregate?,
            min_judges: min_judges?,
            bonus,
            combine,
            tie_break,
            advance,
        })
    }

    fn criterion(&mut self, v: &JValue<'t>, path: &str) -> Option<Criterion> {
        let obj = self.object(v, path)?;
        let k = self.keys(obj, path, &["id", "name", "weight", "min", "max"]);
        let req_num = |w: &mut Self, key: &str| -> Option<f64> {
            match k.get(key) {
                Some(v) => w.number(v, &join(path, key)),
                None => {
                    w.missing(obj, path, key);
                    None
                }
            }
        };
        let weight = req_num(self, "weight");
        let min = req_num(self, "min");
        let max = req_num(self, "max");
        let id = match k.get("id") {
            Some(v) => self.string(v, &join(path, "id")),
            None => {
                self.missing(obj, path, "id");
                None
            }
        };
        let name = k
            .get("name")
            .and_then(|v| self.string(v, &join(path, "name")));
        let id = id?;
        Some(Criterion {
            name: name.unwrap_or_else(|| id.clone()),
            id,
            weight: weight?,
            min: min?,
            max: max?,
        })
    }

    fn scalar(&mut self, v: &JValue, path: &str) -> Option<Attr> {
        match v {
            JValue::StringLit(s) => {
                let t = s.value.trim();
                Some(Attr {
                    text: t.to_string(),
                    number: num::attr_number(t, false),
                })
            }
            JValue::NumberLit(_) => {
                let x = self.number(v, path)?;
                Some(Attr {
                    text: num::number_text(x),
                    number: Some(x),
                })
            }
            JValue::BooleanLit(b) => Some(Attr {
                text: b.value.to_string(),
                number: None,
            }),
            _ => {
                self.wrong_type(
                    v,
                    path,
                    "teks, angka atau benar/salah",
                    "a string, number or boolean",
                );
                None
            }
        }
    }

    fn bonus(&mut self, v: &JValue<'t>, path: &str) -> Option<BonusRule> {
        let obj = self.object(v, path)?;
        let k = self.keys(obj, path, &["id", "points", "when"]);
        let id = match k.get("id") {
            Some(v) => self.string(v, &join(path, "id")),
            None => {
                self.missing(obj, path, "id");
                None
            }
        };
        let points = match k.get("points") {
            Some(v) => self.number(v, &join(path, "points")),
            None => {
                self.missing(obj, path, "points");
                None
            }
        };
        let wp = join(path, "when");
        let when = match k.get("when") {
            Some(v) => self.object(v, &wp),
            None => {
                self.missing(obj, path, "when");
                None
            }
        }?;
        let wk = self.keys(when, &wp, &["field", "op", "value"]);
        let field = match wk.get("field") {
            Some(v) => self.string(v, &join(&wp, "field")),
            None => {
                self.missing(when, &wp, "field");
                None
            }
        };
        let op = match wk.get("op") {
            Some(v) => self.choice(
                v,
                &join(&wp, "op"),
                &[
                    (">=", Op::Ge),
                    (">", Op::Gt),
                    ("<=", Op::Le),
                    ("<", Op::Lt),
                    ("==", Op::Eq),
                    ("!=", Op::Ne),
                    ("in", Op::In),
                ],
            ),
            None => {
                self.missing(when, &wp, "op");
                None
            }
        };
        let vp = join(&wp, "value");
        let value = match (wk.get("value"), op) {
            (None, _) => {
                self.missing(when, &wp, "value");
                None
            }
            (Some(_), None) => None,
            (Some(v), Some(Op::In)) => match v {
                JValue::Array(a) => {
                    let mut items = Vec::new();
                    let mut ok = true;
                    for (i, e) in a.elements.iter().enumerate() {
                        let ep = format!("{vp}[{i}]");
                        self.mark(&ep, e);
                        match self.scalar(e, &ep) {
                            Some(x) => items.push(x),
                            None => ok = false,
                        }
                    }
                    ok.then_some(RuleValue::List(items))
                }
                _ => {
                    self.wrong_type(
                        v,
                        &vp,
                        "daftar […] untuk op \"in\"",
                        "a list […] for op \"in\"",
                    );
                    None
                }
            },
            (Some(v), Some(_)) => self.scalar(v, &vp).map(RuleValue::One),
        };
        Some(BonusRule {
            id: id?,
            points: points?,
            field: field?,
            op: op?,
            value: value?,
        })
    }

    fn advance(&mut self, obj: &Object<'t>, path: &str) -> Option<Advance> {
        let k = self.keys(
            obj,
            path,
            &["top", "per_category", "threshold", "max_per_agency", "ties"],
        );
        let mut ok = true;
        let mut opt_count = |w: &mut Self, key: &str| -> Option<u32> {
            match k.get(key) {
                None | Some(JValue::NullKeyword(_)) => None,
                Some(v) => {
                    let r = w.count(v, &join(path, key));
                    ok &= r.is_some();
                    r
                }
            }
        };
        let top = opt_count(self, "top");
        let max_per_agency = opt_count(self, "max_per_agency");
        let threshold = match k.get("threshold") {
            None | Some(JValue::NullKeyword(_)) => None,
            Some(v) => {
                let r = self.number(v, &join(path, "threshold"));
                ok &= r.is_some();
                r
            }
        };
        let per_category = match k.get("per_category") {
            None => false,
            Some(v) => match self.boolean(v, &join(path, "per_category")) {
                Some(b) => b,
                None => {
                    ok = false;
                    false
                }
            },
        };
        let ties = match k.get("ties") {
            None => Ties::Include,
            Some(v) => match self.choice(
                v,
                &join(path, "ties"),
                &[("include", Ties::Include), ("exclude", Ties::Exclude)],
            ) {
                Some(t) => t,
                None => {
                    ok = false;
                    Ties::Include
                }
            },
        };
        if !ok || obj.properties.is_empty() {
            // An empty `advance` object is as if it were absent (§1.1).
            return None;
        }
        Some(Advance {
            top,
            per_category,
            threshold,
            max_per_agency,
            ties,
        })
    }
}

/// Reads a competition file: strict JSON (no comments, no trailing commas),
/// known keys only, values of the right type, defaults of §1.1; then the
/// engine's validation. Every problem is located (up to 100).
pub fn parse_competition(file: &str, bytes: &[u8]) -> Result<Competition, Vec<Problem>> {
    parse_competition_with_source(file, bytes).map(|(c, _)| c)
}

/// [`parse_competition`], also returning where each value stands (to locate
/// later engine diagnostics about this file).
pub fn parse_competition_with_source(
    file: &str,
    bytes: &[u8],
) -> Result<(Competition, CompetitionSource), Vec<Problem>> {
    let file: Arc<str> = Arc::from(file);
    let max = crate::limits::MAX_COMPETITION_BYTES;
    if let Some(p) = crate::limits::size_problem(&file, bytes.len(), max) {
        return Err(vec![p]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) =
            LineIndex::new(&String::from_utf8_lossy(&bytes[..e.valid_up_to()])).end_position();
        vec![Problem::new(
            &file,
            line,
            col,
            "berkas bukan teks UTF-8",
            "the file is not UTF-8 text",
        )
        .with_kind("file.encoding")]
    })?;
    // Before the parser, which recurses once per level.
    if let Some(p) = crate::limits::json_depth_problem(&file, text) {
        return Err(vec![p]);
    }
    let parsed = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &strict_json())
        .map_err(|e| vec![json_syntax_problem(&file, &e)])?;
    let Some(root) = parsed.value else {
        return Err(vec![Problem::new(
            &file,
            1,
            1,
            "berkas kosong",
            "empty file",
        )
        .with_kind("file.empty")]);
    };
    let mut w = Walker {
        file: file.clone(),
        idx: LineIndex::new(text),
        probs: Problems::default(),
        spots: HashMap::new(),
    };
    let comp = w.competition(&root);
    let source = CompetitionSource {
        file: file.clone(),
        spots: w.spots,
    };
    let mut probs = w.probs;
    // In reading order, whatever order the checks ran in.
    probs.list.sort_by_key(|p| (p.line, p.column));
    match comp {
        Some(c) if probs.is_empty() => {
            for d in crate::engine::validate_competition(&c) {
                probs.push(source.problem(&d));
            }
            if probs.is_empty() {
                Ok((c, source))
            } else {
                Err(probs.finish(&file))
            }
        }
        _ => Err(probs.finish(&file)),
    }
}
