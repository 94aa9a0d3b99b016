//! The nominee file (docs/nominees.md): a JSON value tree, its validation
//! into [`Nominees`] with every problem located, and the visitor's filters.
//!
//! Plain Rust without the browser, so it is tested natively. The browser
//! side parses the text with `JSON.parse` and converts the result into a
//! [`Value`] (see `js.rs`); nothing here knows wasm-bindgen.

use std::cmp::Ordering;
use std::fmt::Write as _;

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
    /// A list.
    Arr(Vec<Value>),
    /// An object, keys in file order (each key once).
    Obj(Vec<(String, Value)>),
}

impl Value {
    /// The member `key` of an object (`None` for other values).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// The deepest nesting [`Value`] conversion follows; deeper is a problem.
pub const MAX_DEPTH: usize = 32;

/// The longest text of a member, in characters (a title is about 100, a
/// summary a paragraph); longer is a problem of its entry, which is left
/// out rather than laid out over the host's page.
pub const MAX_TEXT_CHARS: usize = 5000;

/// A level of competition (nominees.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// `nasional`
    Nasional,
    /// `provinsi`
    Provinsi,
    /// `kabupaten`
    Kabupaten,
    /// `kota`
    Kota,
    /// `lainnya`
    Lainnya,
}

impl Level {
    /// All levels, highest first.
    pub const ALL: [Level; 5] = [
        Level::Nasional,
        Level::Provinsi,
        Level::Kabupaten,
        Level::Kota,
        Level::Lainnya,
    ];

    /// The code written in the file.
    pub fn code(self) -> &'static str {
        match self {
            Level::Nasional => "nasional",
            Level::Provinsi => "provinsi",
            Level::Kabupaten => "kabupaten",
            Level::Kota => "kota",
            Level::Lainnya => "lainnya",
        }
    }

    /// Reads a code, ignoring letter case and surrounding space.
    pub fn parse(s: &str) -> Option<Level> {
        let s = s.trim();
        Level::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(s))
    }
}

/// A link of an innovation (only http(s) or relative URLs survive validation).
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Shown text (the URL when the file gives no label).
    pub label: String,
    /// The URL as written (cleaned of tabs and new lines).
    pub url: String,
}

/// One result of an innovation in one competition.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Achievement {
    /// Year.
    pub year: Option<i32>,
    /// Level of the competition.
    pub level: Option<Level>,
    /// Competition name.
    pub competition: Option<String>,
    /// Result as announced ("Top 45").
    pub result: Option<String>,
}

/// One innovation of the nominee file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Innovation {
    /// Unique id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Long title (what the acronym stands for).
    pub long_title: Option<String>,
    /// Unit penyelenggara.
    pub unit: Option<String>,
    /// Perangkat daerah.
    pub agency: Option<String>,
    /// Regency or city.
    pub region: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Summary (plain text).
    pub summary: Option<String>,
    /// Links.
    pub links: Vec<Link>,
    /// Image URL (http(s) or relative).
    pub image: Option<String>,
    /// Achievements, most recent and highest first.
    pub achievements: Vec<Achievement>,
}

impl Innovation {
    /// The achievement shown on the card: the first after sorting.
    pub fn headline(&self) -> Option<&Achievement> {
        self.achievements.first()
    }
}

/// A valid nominee file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Nominees {
    /// Who publishes the file.
    pub publisher: Option<String>,
    /// `YYYY-MM-DD` of the last update.
    pub updated: Option<String>,
    /// Innovations, sorted for display (see [`sort_key`]).
    pub innovations: Vec<Innovation>,
    /// `categories`: display names of category slugs, as the file gives them.
    pub category_names: Vec<(String, String)>,
}

/// Names of categories that nominee files commonly use: (slug, Indonesian,
/// English).
const KNOWN_CATEGORIES: [(&str, &str, &str); 12] = [
    ("kesehatan", "Kesehatan", "Health"),
    ("pendidikan", "Pendidikan", "Education"),
    ("ekonomi", "Ekonomi", "Economy"),
    ("tata-kelola", "Tata kelola pemerintahan", "Governance"),
    ("lingkungan", "Lingkungan hidup", "Environment"),
    ("sosial", "Sosial", "Social"),
    ("inklusi-sosial", "Inklusi sosial", "Social inclusion"),
    ("infrastruktur", "Infrastruktur", "Infrastructure"),
    ("pertanian", "Pertanian", "Agriculture"),
    ("pariwisata", "Pariwisata", "Tourism"),
    (
        "kependudukan",
        "Administrasi kependudukan",
        "Civil registration",
    ),
    ("perizinan", "Perizinan", "Licensing"),
];

impl Nominees {
    /// The display name of category `slug`: the file's own name, else a
    /// known category in `english` or Indonesian, else the slug with its
    /// dashes as spaces and an upper-case first letter ("tata-kelola" ->
    /// "Tata kelola").
    pub fn category_label(&self, slug: &str, english: bool) -> String {
        if let Some((_, name)) = self.category_names.iter().find(|(k, _)| k == slug) {
            return name.clone();
        }
        category_name(slug, english)
    }
}

/// A known category's name in `english` or Indonesian, else the slug with
/// its dashes as spaces and an upper-case first letter.
pub fn category_name(slug: &str, english: bool) -> String {
    if let Some((_, id, en)) = KNOWN_CATEGORIES.iter().find(|(k, _, _)| *k == slug) {
        return if english { en } else { id }.to_string();
    }
    // ASCII upper case only: Unicode case tables would cost the widget
    // several KB; slugs are ASCII.
    let mut out: String = slug
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// What is wrong at a place.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// The text is not JSON (the parser's message).
    NotJson(String),
    /// A required value is absent (or empty).
    Missing,
    /// A value of the wrong type; the expected one.
    Expected(Expect),
    /// `kipp_nominees` is not 1; what was found.
    Version(String),
    /// `level` is not one of the five codes; what was found.
    Level(String),
    /// An `id` used twice.
    Duplicate(String),
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Text longer than [`MAX_TEXT_CHARS`]; its length in characters.
    TooLong(usize),
}

/// The type a value should have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// An object.
    Object,
    /// A list.
    List,
    /// Text.
    Text,
    /// A whole number (a year).
    Year,
}

/// One problem of a nominee file, with its place (`innovations[3].title`).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Where: a JSON path like `innovations[3].achievements[0].level`, or
    /// empty for the whole file.
    pub path: String,
    /// What.
    pub kind: ProblemKind,
}

impl Problem {
    /// `path: sentence` in English (console) or Indonesian (widget).
    pub fn message(&self, english: bool) -> String {
        let what = match (&self.kind, english) {
            (ProblemKind::NotJson(m), true) => format!("not valid JSON ({m})"),
            (ProblemKind::NotJson(m), false) => format!("bukan JSON yang sah ({m})"),
            (ProblemKind::Missing, true) => "missing".into(),
            (ProblemKind::Missing, false) => "wajib diisi".into(),
            (ProblemKind::Expected(e), en) => {
                let (id, eng) = match e {
                    Expect::Object => ("objek", "an object"),
                    Expect::List => ("daftar", "a list"),
                    Expect::Text => ("teks", "text"),
                    Expect::Year => ("tahun (bilangan bulat)", "a year (whole number)"),
                };
                if en {
                    format!("expected {eng}")
                } else {
                    format!("seharusnya {id}")
                }
            }
            (ProblemKind::Version(v), true) => format!("must be 1, found {v}"),
            (ProblemKind::Version(v), false) => format!("harus 1, tertulis {v}"),
            (ProblemKind::Level(v), true) => {
                format!("unknown level \"{v}\" (nasional, provinsi, kabupaten, kota, lainnya)")
            }
            (ProblemKind::Level(v), false) => format!(
                "tingkat \"{v}\" tidak dikenal (nasional, provinsi, kabupaten, kota, lainnya)"
            ),
            (ProblemKind::Duplicate(id), true) => format!("id \"{id}\" is used twice"),
            (ProblemKind::Duplicate(id), false) => format!("id \"{id}\" dipakai dua kali"),
            (ProblemKind::TooDeep, true) => "nested too deeply".into(),
            (ProblemKind::TooDeep, false) => "bersarang terlalu dalam".into(),
            (ProblemKind::TooLong(n), true) => {
                format!("too long: {n} characters (at most {MAX_TEXT_CHARS})")
            }
            (ProblemKind::TooLong(n), false) => {
                format!("terlalu panjang: {n} karakter (paling banyak {MAX_TEXT_CHARS})")
            }
        };
        if self.path.is_empty() {
            what
        } else {
            format!("{}: {what}", self.path)
        }
    }
}

/// A dropped URL, worth a console warning for the file's editor.
#[derive(Clone, Debug, PartialEq)]
pub struct Dropped {
    /// Place of the URL.
    pub path: String,
    /// The URL as written.
    pub url: String,
}

/// Validation outcome: the file, or every problem (at most 100), plus
/// the URLs dropped as unsafe.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The nominees (the good entries), unless the file itself is wrong
    /// (not an object, wrong version, no list).
    pub result: Result<Nominees, Vec<Problem>>,
    /// Problems of the entries left out (an entry with any problem is
    /// skipped; the others are shown).
    pub skipped: Vec<Problem>,
    /// How many entries were left out.
    pub skipped_entries: usize,
    /// URLs that were not http(s) or relative.
    pub dropped: Vec<Dropped>,
}

/// `true` when `url` is honoured: `http:`, `https:` or relative; returns
/// the URL cleaned of ASCII tabs and new lines (which browsers drop
/// anywhere in a URL) and of leading/trailing controls and spaces.
pub fn safe_url(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    // A scheme is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
    let scheme_end = cleaned.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)));
    if let Some(end) = scheme_end {
        let first_alpha = cleaned.starts_with(|c: char| c.is_ascii_alphabetic());
        if cleaned[end..].starts_with(':') && first_alpha && end > 0 {
            let scheme = &cleaned[..end];
            if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
                return None;
            }
        }
    }
    Some(cleaned)
}

struct Ctx {
    problems: Vec<Problem>,
    dropped: Vec<Dropped>,
}

impl Ctx {
    fn problem(&mut self, path: String, kind: ProblemKind) {
        if self.problems.len() < 100 {
            self.problems.push(Problem { path, kind });
        }
    }

    /// An optional text member; empty or blank text counts as absent.
    fn text(&mut self, obj: &Value, key: &str, path: &str) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Str(s)) => {
                let t = s.trim();
                // Characters are never more than bytes: counted only when long.
                if t.len() > MAX_TEXT_CHARS {
                    let n = t.chars().count();
                    if n > MAX_TEXT_CHARS {
                        self.problem(format!("{path}.{key}"), ProblemKind::TooLong(n));
                        return None;
                    }
                }
                (!t.is_empty()).then(|| t.to_string())
            }
            Some(_) => {
                self.problem(format!("{path}.{key}"), ProblemKind::Expected(Expect::Text));
                None
            }
        }
    }

    /// A required text member.
    fn required(&mut self, obj: &Value, key: &str, path: &str) -> String {
        match obj.get(key) {
            None | Some(Value::Null) => {
                self.problem(format!("{path}.{key}"), ProblemKind::Missing);
                String::new()
            }
            Some(_) => self.text(obj, key, path).unwrap_or_else(|| {
                if matches!(obj.get(key), Some(Value::Str(s)) if s.trim().is_empty()) {
                    self.problem(format!("{path}.{key}"), ProblemKind::Missing);
                }
                String::new()
            }),
        }
    }

    /// An optional list member (absent or null: empty).
    fn list<'v>(&mut self, obj: &'v Value, key: &str, path: &str) -> &'v [Value] {
        match obj.get(key) {
            Some(Value::Arr(items)) => items,
            None | Some(Value::Null) => &[],
            Some(_) => {
                self.problem(format!("{path}.{key}"), ProblemKind::Expected(Expect::List));
                &[]
            }
        }
    }

    fn url(&mut self, url: Option<String>, path: String) -> Option<String> {
        let url = url?;
        match safe_url(&url) {
            Some(u) => Some(u),
            None => {
                self.dropped.push(Dropped { path, url });
                None
            }
        }
    }
}

fn year(v: Option<&Value>) -> Result<Option<i32>, ()> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Num(n)) if n.fract() == 0.0 && (0.0..=9999.0).contains(n) => {
            Ok(Some(*n as i32))
        }
        Some(Value::Str(s)) => {
            let t = s.trim();
            if t.is_empty() {
                Ok(None)
            } else if t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse().map(Some).map_err(|_| ())
            } else {
                Err(())
            }
        }
        Some(_) => Err(()),
    }
}

fn achievement(ctx: &mut Ctx, v: &Value, path: &str) -> Achievement {
    if !matches!(v, Value::Obj(_)) {
        ctx.problem(path.to_string(), ProblemKind::Expected(Expect::Object));
        return Achievement::default();
    }
    let year = year(v.get("year")).unwrap_or_else(|()| {
        ctx.problem(format!("{path}.year"), ProblemKind::Expected(Expect::Year));
        None
    });
    let level = ctx.text(v, "level", path).and_then(|l| {
        let parsed = Level::parse(&l);
        if parsed.is_none() {
            ctx.problem(format!("{path}.level"), ProblemKind::Level(l));
        }
        parsed
    });
    Achievement {
        year,
        level,
        competition: ctx.text(v, "competition", path),
        result: ctx.text(v, "result", path),
    }
}

fn innovation(ctx: &mut Ctx, v: &Value, path: &str) -> Innovation {
    if !matches!(v, Value::Obj(_)) {
        ctx.problem(path.to_string(), ProblemKind::Expected(Expect::Object));
        return Innovation::default();
    }
    let mut inn = Innovation {
        id: ctx.required(v, "id", path),
        title: ctx.required(v, "title", path),
        long_title: ctx.text(v, "long_title", path),
        unit: ctx.text(v, "unit", path),
        agency: ctx.text(v, "agency", path),
        region: ctx.text(v, "region", path),
        province: ctx.text(v, "province", path),
        category: ctx.text(v, "category", path),
        summary: ctx.text(v, "summary", path),
        ..Innovation::default()
    };
    let image = ctx.text(v, "image", path);
    inn.image = ctx.url(image, format!("{path}.image"));
    for (i, l) in ctx.list(v, "links", path).iter().enumerate() {
        let lp = format!("{path}.links[{i}]");
        if !matches!(l, Value::Obj(_)) {
            ctx.problem(lp, ProblemKind::Expected(Expect::Object));
            continue;
        }
        let label = ctx.text(l, "label", &lp);
        let url = ctx.required(l, "url", &lp);
        if let Some(url) = ctx.url(Some(url).filter(|u| !u.is_empty()), format!("{lp}.url")) {
            inn.links.push(Link {
                label: label.unwrap_or_else(|| url.clone()),
                url,
            });
        }
    }
    for (i, a) in ctx.list(v, "achievements", path).iter().enumerate() {
        let ach = achievement(ctx, a, &format!("{path}.achievements[{i}]"));
        insert_sorted(
            &mut inn.achievements,
            ach,
            |x, y| ach_key(x).cmp(&ach_key(y)),
            false,
        );
    }
    inn
}

/// Inserts `item` into `list`, kept sorted by `cmp`, after its equals (a
/// stable insertion sort); with `dedup`, an item equal to one in the list is
/// dropped. Lists here are short, and one binary search and insert per item
/// keep the wasm much smaller than the standard library's sorts would.
pub fn insert_sorted<T>(list: &mut Vec<T>, item: T, cmp: impl Fn(&T, &T) -> Ordering, dedup: bool) {
    let pos = list.partition_point(|x| cmp(x, &item) != Ordering::Greater);
    if dedup && pos > 0 && cmp(&list[pos - 1], &item) == Ordering::Equal {
        return;
    }
    list.insert(pos, item);
}

/// Sort key of achievements: most recent first, then highest level, then
/// best result.
fn ach_key(a: &Achievement) -> (i32, Option<Level>, u32) {
    (
        -a.year.unwrap_or(i32::MIN + 1),
        a.level,
        result_order(a.result.as_deref().unwrap_or("")),
    )
}

/// The `N` of a result written `Top N` (any letter case), if it is one.
pub fn top_n(result: &str) -> Option<u32> {
    let r = result.trim();
    let head = r.get(..4)?;
    if !head.eq_ignore_ascii_case("top ") {
        return None;
    }
    r[4..].trim().parse().ok()
}

/// Ordering weight of a result: `Top N` by N, then the others.
fn result_order(result: &str) -> u32 {
    top_n(result).unwrap_or(u32::MAX)
}

/// Tier of a result for its badge colour: 1 for `Top 1`–`Top 10` and
/// special awards, 2 up to `Top 45`, 3 for the other `Top N`, 4 for
/// finalists and anything else.
pub fn tier(result: &str) -> u8 {
    match top_n(result) {
        Some(n) if n <= 10 => 1,
        Some(n) if n <= 45 => 2,
        Some(_) => 3,
        None => {
            let l = result.to_ascii_lowercase();
            if l.contains("terpuji") || l.contains("outstanding") || l.contains("terbaik") {
                1
            } else {
                4
            }
        }
    }
}

/// Display order of innovations: latest achievement first, then its level,
/// its result, then the title (ignoring ASCII case).
pub fn display_order(a: &Innovation, b: &Innovation) -> Ordering {
    let head = |i: &Innovation| {
        i.headline()
            .map(ach_key)
            .unwrap_or((i32::MAX, None, u32::MAX))
    };
    let lower = |c: u8| c.to_ascii_lowercase();
    head(a).cmp(&head(b)).then_with(|| {
        let ta = a.title.bytes().map(lower);
        ta.cmp(b.title.bytes().map(lower))
    })
}

/// Validates a parsed nominee file (nominees.md).
pub fn validate(root: &Value) -> Checked {
    let mut ctx = Ctx {
        problems: Vec::new(),
        dropped: Vec::new(),
    };
    let mut out = Nominees::default();
    let mut skipped = Vec::new();
    let mut skipped_entries = 0;
    if !matches!(root, Value::Obj(_)) {
        ctx.problem(String::new(), ProblemKind::Expected(Expect::Object));
        return Checked {
            result: Err(ctx.problems),
            skipped: Vec::new(),
            skipped_entries: 0,
            dropped: ctx.dropped,
        };
    }
    match root.get("kipp_nominees") {
        Some(Value::Num(n)) if *n == 1.0 => {}
        None => ctx.problem("kipp_nominees".into(), ProblemKind::Missing),
        Some(other) => ctx.problem("kipp_nominees".into(), ProblemKind::Version(short(other))),
    }
    out.publisher = ctx.text(root, "publisher", "");
    out.updated = ctx.text(root, "updated", "");
    if let Some(Value::Obj(map)) = root.get("categories") {
        for (k, v) in map {
            if let Value::Str(name) = v {
                let name = name.trim();
                if !name.is_empty() && name.len() <= MAX_TEXT_CHARS {
                    out.category_names.push((k.clone(), name.to_string()));
                }
            }
        }
    }
    match root.get("innovations") {
        Some(Value::Arr(items)) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("innovations[{i}]");
                let before = ctx.problems.len();
                let inn = innovation(&mut ctx, item, &path);
                // A linear scan: files hold tens to hundreds of innovations,
                // and a hash set would cost the widget ~10 KB of wasm.
                let dup = out.innovations.iter().any(|o| o.id == inn.id);
                if !inn.id.is_empty() && dup {
                    ctx.problem(format!("{path}.id"), ProblemKind::Duplicate(inn.id.clone()));
                }
                if ctx.problems.len() > before {
                    // One bad entry does not hide the others: it is left
                    // out, and said once for the whole file.
                    skipped.extend(ctx.problems.drain(before..));
                    skipped_entries += 1;
                    continue;
                }
                insert_sorted(&mut out.innovations, inn, display_order, false);
            }
        }
        None | Some(Value::Null) => ctx.problem("innovations".into(), ProblemKind::Missing),
        Some(_) => ctx.problem("innovations".into(), ProblemKind::Expected(Expect::List)),
    }
    // Paths of top-level text keys were written as ".publisher"; none of
    // them can fail except by type, so fix the leading dot here.
    for p in &mut ctx.problems {
        if let Some(rest) = p.path.strip_prefix('.') {
            p.path = rest.to_string();
        }
    }
    let result = if ctx.problems.is_empty() {
        Ok(out)
    } else {
        Err(ctx.problems)
    };
    Checked {
        result,
        skipped,
        skipped_entries,
        dropped: ctx.dropped,
    }
}

/// A short rendering of a value for messages.
fn short(v: &Value) -> String {
    let mut s = String::new();
    match v {
        Value::Null => s.push_str("null"),
        Value::Bool(b) => {
            let _ = write!(s, "{b}");
        }
        // Whole numbers only: float formatting would cost the widget ~20 KB.
        Value::Num(n) if n.fract() == 0.0 && n.abs() < 1e9 => {
            let _ = write!(s, "{}", *n as i64);
        }
        Value::Num(_) => s.push_str("a number"),
        Value::Str(t) => {
            let t: String = t.chars().take(20).collect();
            let _ = write!(s, "\"{t}\"");
        }
        Value::Arr(_) => s.push_str("[…]"),
        Value::Obj(_) => s.push_str("{…}"),
    }
    s
}

/// The layout of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Layout {
    /// A grid of cards (default).
    #[default]
    Cards,
    /// A compact list.
    List,
    /// A table.
    Table,
}

impl Layout {
    /// Reads the `layout` attribute.
    pub fn parse(s: &str) -> Option<Layout> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cards" => Some(Layout::Cards),
            "list" => Some(Layout::List),
            "table" => Some(Layout::Table),
            _ => None,
        }
    }
}

/// The visitor's filters (initially the attribute presets).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Filter {
    /// An achievement in this year.
    pub year: Option<i32>,
    /// An achievement at this level.
    pub level: Option<Level>,
    /// An achievement with this result (exact text).
    pub result: Option<String>,
    /// This category (exact text).
    pub category: Option<String>,
    /// Words to find in the title, long title, unit or agency (any case).
    pub query: String,
}

impl Filter {
    /// Whether `inn` passes. Year, level and result must hold for one and
    /// the same achievement.
    pub fn matches(&self, inn: &Innovation) -> bool {
        if let Some(c) = &self.category {
            if inn.category.as_deref() != Some(c.as_str()) {
                return false;
            }
        }
        if self.year.is_some() || self.level.is_some() || self.result.is_some() {
            let hit = inn.achievements.iter().any(|a| {
                self.year.is_none_or(|y| a.year == Some(y))
                    && self.level.is_none_or(|l| a.level == Some(l))
                    && self
                        .result
                        .as_deref()
                        .is_none_or(|r| a.result.as_deref() == Some(r))
            });
            if !hit {
                return false;
            }
        }
        let q = self.query.trim().to_ascii_lowercase();
        if q.is_empty() {
            return true;
        }
        let fields = [
            Some(&inn.title),
            inn.long_title.as_ref(),
            inn.unit.as_ref(),
            inn.agency.as_ref(),
        ];
        q.split_whitespace().all(|word| {
            fields
                .iter()
                .flatten()
                .any(|f| f.to_ascii_lowercase().contains(word))
        })
    }
}

/// Whether `inn` belongs to `region` (the `region` attribute): its region
/// or province equals it, ignoring case and surrounding space.
pub fn in_region(inn: &Innovation, region: &str) -> bool {
    let r = region.trim();
    [&inn.region, &inn.province]
        .into_iter()
        .flatten()
        .any(|x| x.trim().eq_ignore_ascii_case(r))
}

/// The values the filters offer, taken from the data.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Choices {
    /// Years, latest first.
    pub years: Vec<i32>,
    /// Levels, highest first.
    pub levels: Vec<Level>,
    /// Results, `Top N` by N, then the others alphabetically.
    pub results: Vec<String>,
    /// Categories, alphabetically.
    pub categories: Vec<String>,
}

/// What the filters offer for `list`.
pub fn choices<'a>(list: impl IntoIterator<Item = &'a Innovation>) -> Choices {
    let mut c = Choices::default();
    let by_result = |a: &String, b: &String| (result_order(a), a).cmp(&(result_order(b), b));
    for inn in list {
        if let Some(cat) = &inn.category {
            insert_sorted(&mut c.categories, cat.clone(), |a, b| a.cmp(b), true);
        }
        for a in &inn.achievements {
            if let Some(y) = a.year {
                insert_sorted(&mut c.years, y, |a, b| b.cmp(a), true);
            }
            c.levels.extend(a.level);
            if let Some(r) = &a.result {
                insert_sorted(&mut c.results, r.clone(), by_result, true);
            }
        }
    }
    c.levels = Level::ALL
        .into_iter()
        .filter(|l| c.levels.contains(l))
        .collect();
    c
}

/// Nominees shown before "show more" when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 12;

/// The widget's attributes, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// `layout`.
    pub layout: Layout,
    /// `region`: only innovations of this region or province.
    pub region: Option<String>,
    /// `limit`: how many to show before "show more" (`all`: every one;
    /// [`DEFAULT_LIMIT`] when not given).
    pub limit: Option<usize>,
    /// `year`, `level`, `category`: the filters' starting values.
    pub preset: Filter,
    /// `heading-level`: the level of each nominee's title (2-6; 3 when
    /// not given), to fit the host page's outline.
    pub heading: u8,
    /// This is the page's first `<kipp-nominees>`: it answers `#kipp-<id>`
    /// links (one widget per page does, so one dialog opens).
    pub shared_links: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            layout: Layout::default(),
            region: None,
            limit: None,
            preset: Filter::default(),
            heading: 3,
            shared_links: false,
        }
    }
}

impl Config {
    /// Reads the attributes through `attr`; returns the config and the
    /// names of attributes whose value was not understood (ignored).
    pub fn read(attr: impl Fn(&str) -> Option<String>) -> (Config, Vec<&'static str>) {
        let mut bad = Vec::new();
        let mut cfg = Config::default();
        let get = |name: &str| {
            attr(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        if let Some(v) = get("layout") {
            match Layout::parse(&v) {
                Some(l) => cfg.layout = l,
                None => bad.push("layout"),
            }
        }
        cfg.region = get("region");
        if let Some(v) = get("limit") {
            match v.parse::<usize>() {
                Ok(n) if n > 0 => cfg.limit = Some(n),
                _ if v.eq_ignore_ascii_case("all") || v.eq_ignore_ascii_case("semua") => {
                    cfg.limit = Some(usize::MAX)
                }
                _ => bad.push("limit"),
            }
        }
        if let Some(v) = get("year") {
            match year(Some(&Value::Str(v))) {
                Ok(y) => cfg.preset.year = y,
                Err(()) => bad.push("year"),
            }
        }
        if let Some(v) = get("level") {
            match Level::parse(&v) {
                Some(l) => cfg.preset.level = Some(l),
                None => bad.push("level"),
            }
        }
        cfg.preset.category = get("category");
        if let Some(v) = get("heading-level") {
            match v.parse::<u8>() {
                Ok(n @ 2..=6) => cfg.heading = n,
                _ => bad.push("heading-level"),
            }
        }
        (cfg, bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(v: &serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Num(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::Str(s.clone()),
            serde_json::Value::Array(a) => Value::Arr(a.iter().map(conv).collect()),
            serde_json::Value::Object(o) => {
                Value::Obj(o.iter().map(|(k, v)| (k.clone(), conv(v))).collect())
            }
        }
    }

    fn check(text: &str) -> Checked {
        let v: serde_json::Value = serde_json::from_str(text).expect("test JSON");
        validate(&conv(&v))
    }

    /// The file's problems, or else its left-out entries' problems.
    fn problems(text: &str) -> Vec<String> {
        let c = check(text);
        match c.result {
            Ok(_) => c.skipped.iter().map(|p| p.message(true)).collect(),
            Err(p) => p.iter().map(|p| p.message(true)).collect(),
        }
    }

    #[test]
    fn a_ten_megabyte_title_leaves_its_entry_out_with_its_length() {
        let title = "A".repeat(10 << 20);
        let text = format!(
            r#"{{"kipp_nominees": 1, "innovations": [{{"id": "a", "title": "{title}"}},
                {{"id": "b", "title": "Boleh", "summary": "{}"}}]}}"#,
            "é".repeat(MAX_TEXT_CHARS)
        );
        let c = check(&text);
        let n = c.result.as_ref().unwrap();
        // The long title's entry is left out; 5,000 two-byte characters fit.
        assert_eq!(n.innovations.len(), 1);
        assert_eq!(n.innovations[0].id, "b");
        assert_eq!(c.skipped_entries, 1);
        assert_eq!(
            c.skipped[0].message(true),
            format!(
                "innovations[0].title: too long: {} characters (at most 5000)",
                10 << 20
            )
        );
        assert!(c.skipped[0].message(false).contains("terlalu panjang"));
        // A publisher too long is a problem of the file.
        let text = format!(
            r#"{{"kipp_nominees": 1, "publisher": "{}", "innovations": []}}"#,
            "x".repeat(MAX_TEXT_CHARS + 1)
        );
        assert_eq!(
            problems(&text),
            vec!["publisher: too long: 5001 characters (at most 5000)"]
        );
    }

    #[test]
    fn category_names_from_the_file_then_known_then_the_slug() {
        let n = check(
            r#"{"kipp_nominees": 1, "categories": {"tata-kelola": "Tata Kelola Pemerintahan Daerah"},
                "innovations": [{"id": "a", "title": "A"}]}"#,
        )
        .result
        .unwrap();
        assert_eq!(
            n.category_label("tata-kelola", false),
            "Tata Kelola Pemerintahan Daerah"
        );
        assert_eq!(n.category_label("kesehatan", true), "Health");
        assert_eq!(n.category_label("kesehatan", false), "Kesehatan");
        assert_eq!(n.category_label("air-bersih", false), "Air bersih");
    }

    #[test]
    fn bad_entries_are_left_out_and_the_good_ones_kept() {
        let c = check(
            r#"{"kipp_nominees": 1, "innovations": [
                {"id": "a", "title": "A"},
                {"id": "b"},
                {"id": "c", "title": "C", "achievements": [{"year": "20x"}]},
                {"id": "a", "title": "again"},
                {"id": "d", "title": "D"}
            ]}"#,
        );
        let n = c.result.expect("the file is kept");
        let ids: Vec<&str> = n.innovations.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "d"]);
        assert_eq!(c.skipped_entries, 3);
        assert_eq!(c.skipped.len(), 3);
        // A file that is wrong as a whole is still refused.
        assert!(check(r#"{"kipp_nominees": 2, "innovations": []}"#)
            .result
            .is_err());
    }

    #[test]
    fn sample_file_is_valid() {
        let text = include_str!("../../../data/nominees-sample.json");
        let checked = check(text);
        let n = checked.result.expect("sample is valid");
        assert!(n.innovations.len() >= 10);
        assert!(checked.dropped.is_empty());
        // Sorted: latest year first.
        let years: Vec<i32> = n
            .innovations
            .iter()
            .filter_map(|i| i.headline().and_then(|a| a.year))
            .collect();
        let mut sorted = years.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(years, sorted);
    }

    #[test]
    fn problems_are_located() {
        let p = problems(
            r#"{"kipp_nominees": 1, "innovations": [
                {"id": "a", "title": "A"},
                {"id": "b"},
                {"id": "c", "title": 5, "achievements": [{"year": "20x", "level": "dunia"}]},
                {"id": "a", "title": "   "},
                "x"
            ]}"#,
        );
        assert_eq!(
            p,
            vec![
                "innovations[1].title: missing",
                "innovations[2].title: expected text",
                "innovations[2].achievements[0].year: expected a year (whole number)",
                "innovations[2].achievements[0].level: unknown level \"dunia\" (nasional, provinsi, kabupaten, kota, lainnya)",
                "innovations[3].title: missing",
                "innovations[3].id: id \"a\" is used twice",
                "innovations[4]: expected an object",
            ]
        );
    }

    #[test]
    fn version_and_shape() {
        assert_eq!(
            problems(r#"{"kipp_nominees": 2, "innovations": []}"#),
            vec!["kipp_nominees: must be 1, found 2"]
        );
        assert_eq!(
            problems(r#"{"innovations": []}"#),
            vec!["kipp_nominees: missing"]
        );
        assert_eq!(
            problems(r#"{"kipp_nominees": 1}"#),
            vec!["innovations: missing"]
        );
        assert_eq!(
            problems(r#"{"kipp_nominees": 1, "innovations": {}}"#),
            vec!["innovations: expected a list"]
        );
        assert_eq!(problems(r#"[1]"#), vec!["expected an object"]);
        assert_eq!(
            problems(r#"{"kipp_nominees": 1, "publisher": 3, "innovations": []}"#),
            vec!["publisher: expected text"]
        );
        let p = Problem {
            path: "innovations[0].title".into(),
            kind: ProblemKind::Missing,
        };
        assert_eq!(p.message(false), "innovations[0].title: wajib diisi");
    }

    #[test]
    fn unsafe_urls_are_dropped() {
        let c = check(
            r#"{"kipp_nominees": 1, "innovations": [{"id": "a", "title": "A",
                "image": "data:image/png;base64,xx",
                "links": [
                  {"label": "x", "url": "javascript:alert(1)"},
                  {"label": "y", "url": " JaVa\tScRiPt:alert(1)"},
                  {"label": "ok", "url": "https://example.org/a"},
                  {"url": "berita/1.html"},
                  {"label": "v", "url": "vbscript:x"},
                  {"label": "p", "url": "//example.org/x"}
                ]}]}"#,
        );
        let n = c.result.expect("valid");
        let inn = &n.innovations[0];
        assert_eq!(inn.image, None);
        let urls: Vec<&str> = inn.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            vec!["https://example.org/a", "berita/1.html", "//example.org/x"]
        );
        assert_eq!(inn.links[1].label, "berita/1.html");
        assert_eq!(c.dropped.len(), 4);
        assert_eq!(c.dropped[0].path, "innovations[0].image");
        assert_eq!(c.dropped[1].path, "innovations[0].links[0].url");
    }

    #[test]
    fn safe_url_rules() {
        assert!(safe_url("http://a").is_some());
        assert!(safe_url("HTTPS://a").is_some());
        assert!(safe_url("img/a.jpg").is_some());
        assert!(safe_url("/img/a:b.jpg").is_some());
        assert!(safe_url("?q=1").is_some());
        assert!(safe_url("a/b:c").is_some());
        assert!(safe_url("javascript:alert(1)").is_none());
        assert!(safe_url("\u{1}javascript:alert(1)").is_none());
        assert!(safe_url("java\nscript:alert(1)").is_none());
        assert!(safe_url("data:text/html,x").is_none());
        assert!(safe_url("mailto:a@b").is_none());
        assert!(safe_url("").is_none());
        assert!(safe_url("   ").is_none());
    }

    fn inn(title: &str, unit: &str, cat: &str, ach: &[(i32, Level, &str)]) -> Innovation {
        Innovation {
            id: title.into(),
            title: title.into(),
            unit: Some(unit.into()),
            category: Some(cat.into()),
            region: Some("Kabupaten Banyumas".into()),
            province: Some("Jawa Tengah".into()),
            achievements: ach
                .iter()
                .map(|(y, l, r)| Achievement {
                    year: Some(*y),
                    level: Some(*l),
                    competition: None,
                    result: Some(r.to_string()),
                })
                .collect(),
            ..Innovation::default()
        }
    }

    #[test]
    fn filters() {
        let a = inn(
            "GASING",
            "Puskesmas Sumpiuh II",
            "kesehatan",
            &[
                (2020, Level::Nasional, "Top 99"),
                (2021, Level::Kabupaten, "Top 10"),
            ],
        );
        let f = Filter {
            year: Some(2020),
            level: Some(Level::Nasional),
            ..Filter::default()
        };
        assert!(f.matches(&a));
        // Year and level of different achievements do not combine.
        let f = Filter {
            year: Some(2021),
            level: Some(Level::Nasional),
            ..Filter::default()
        };
        assert!(!f.matches(&a));
        let f = Filter {
            result: Some("Top 10".into()),
            ..Filter::default()
        };
        assert!(f.matches(&a));
        let f = Filter {
            category: Some("pendidikan".into()),
            ..Filter::default()
        };
        assert!(!f.matches(&a));
        let f = Filter {
            query: "  sumpiuh  gas ".into(),
            ..Filter::default()
        };
        assert!(f.matches(&a));
        let f = Filter {
            query: "sumpiuh x".into(),
            ..Filter::default()
        };
        assert!(!f.matches(&a));
        assert!(in_region(&a, " jawa tengah"));
        assert!(in_region(&a, "KABUPATEN BANYUMAS"));
        assert!(!in_region(&a, "Kabupaten Bantul"));
    }

    #[test]
    fn choices_and_tiers() {
        let a = inn(
            "A",
            "u",
            "kesehatan",
            &[
                (2020, Level::Nasional, "Top 99"),
                (2021, Level::Kota, "Top 10"),
            ],
        );
        let b = inn(
            "B",
            "u",
            "air",
            &[
                (2020, Level::Provinsi, "Finalis"),
                (2019, Level::Nasional, "Top 45"),
            ],
        );
        let c = choices([&a, &b]);
        assert_eq!(c.years, vec![2021, 2020, 2019]);
        assert_eq!(
            c.levels,
            vec![Level::Nasional, Level::Provinsi, Level::Kota]
        );
        assert_eq!(c.results, vec!["Top 10", "Top 45", "Top 99", "Finalis"]);
        assert_eq!(c.categories, vec!["air", "kesehatan"]);
        assert_eq!(tier("Top 10"), 1);
        assert_eq!(tier("top 45"), 2);
        assert_eq!(tier("Top 99"), 3);
        assert_eq!(tier("Top Inovasi Terpuji"), 1);
        assert_eq!(tier("Finalis"), 4);
        assert_eq!(top_n("Top 40"), Some(40));
        assert_eq!(top_n("Top"), None);
    }

    #[test]
    fn sorted_insertion_is_stable_and_dedups() {
        let mut v: Vec<(i32, char)> = Vec::new();
        for x in [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')] {
            insert_sorted(&mut v, x, |a, b| a.0.cmp(&b.0), false);
        }
        assert_eq!(v, vec![(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        let mut w: Vec<i32> = Vec::new();
        for x in [3, 1, 3, 2, 1] {
            insert_sorted(&mut w, x, |a, b| a.cmp(b), true);
        }
        assert_eq!(w, vec![1, 2, 3]);
    }

    #[test]
    fn config_from_attributes() {
        let attrs = |name: &str| -> Option<String> {
            match name {
                "layout" => Some("TABLE".into()),
                "limit" => Some("0".into()),
                "year" => Some("2021".into()),
                "level" => Some("Nasional".into()),
                "region" => Some(" ".into()),
                "category" => Some("kesehatan".into()),
                _ => None,
            }
        };
        let (cfg, bad) = Config::read(attrs);
        assert_eq!(cfg.layout, Layout::Table);
        assert_eq!(cfg.limit, None);
        assert_eq!(bad, vec!["limit"]);
        assert_eq!(cfg.region, None);
        assert_eq!(cfg.preset.year, Some(2021));
        assert_eq!(cfg.preset.level, Some(Level::Nasional));
        assert_eq!(cfg.preset.category.as_deref(), Some("kesehatan"));
        assert_eq!(cfg.heading, 3, "titles are h3 unless told");
    }

    #[test]
    fn heading_level_from_2_to_6() {
        for (v, want, ok) in [
            ("2", 2, true),
            ("6", 6, true),
            ("1", 3, false),
            ("7", 3, false),
            ("h2", 3, false),
        ] {
            let (cfg, bad) = Config::read(|n: &str| (n == "heading-level").then(|| v.to_string()));
            assert_eq!((cfg.heading, bad.is_empty()), (want, ok), "{v}");
        }
    }
}
