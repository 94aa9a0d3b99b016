//! The one place that calls `kipp-formats`: file bytes -> engine model,
//! problems -> [`Located`] messages in the interface language, results ->
//! export files.

use kipp_formats::{FileData, Problem};
use kipp_score::{Competition, Innovation, Judge, Lang};

use crate::project::Project;
use crate::run::{Computed, Located};
use crate::words::words;

/// Largest file the organiser app reads (64 MiB). The file's bytes, its
/// copy in the engine's memory and what is read from it stay within the
/// browser's memory for a tab; a national competition's files are about
/// 9 MB together. The command line reads files up to
/// [`kipp_formats::limits::MAX_FILE_BYTES`].
pub const APP_MAX_FILE_BYTES: u64 = 64 << 20;

/// True when the app reads a file of `size` bytes.
pub fn fits(size: u64) -> bool {
    size <= APP_MAX_FILE_BYTES
}

/// The problem of a file the app does not read because of its size: what
/// the limit is, and what to do instead.
pub fn too_large(name: &str, size: u64, lang: Lang) -> Located {
    let mb = |b: u64| b.div_ceil(1 << 20);
    let (got, max) = (mb(size), mb(APP_MAX_FILE_BYTES));
    let cli = kipp_formats::limits::MAX_FILE_BYTES >> 20;
    let message = match lang {
        Lang::Id => format!(
            "berkas terlalu besar untuk aplikasi di peramban: {got} MB (paling banyak {max} MB); \
             pisahkan menjadi beberapa berkas, atau gunakan baris perintah `kipp` (sampai {cli} MB)"
        ),
        Lang::En => format!(
            "the file is too large for the app in the browser: {got} MB (at most {max} MB); \
             split it into several files, or use the `kipp` command line (up to {cli} MB)"
        ),
    };
    Located {
        file: name.to_string(),
        message,
        ..Located::default()
    }
}

/// A formats problem for the interface.
pub fn located(p: &Problem, lang: Lang) -> Located {
    Located {
        file: p.file.to_string(),
        line: p.line,
        column: p.column,
        path: p.cell.clone().unwrap_or_default(),
        message: p.message(lang).to_string(),
        ..Located::default()
    }
}

/// Problems for the interface, one line per kind of problem and file with
/// its count and first places (`Juri 3!E7, E9, … (+12)`), in order of
/// first appearance.
pub fn grouped(ps: &[Problem], lang: Lang) -> Vec<Located> {
    // The same message at the same place once (an unknown innovation is
    // reported by the engine for each of its row's scores).
    let mut seen = std::collections::HashSet::new();
    let ps: Vec<Problem> = ps
        .iter()
        .filter(|p| seen.insert((p.place(), p.message(lang).to_string())))
        .cloned()
        .collect();
    kipp_formats::group_problems(&ps)
        .into_iter()
        .map(|g| {
            let mut l = located(&g.first, lang);
            if g.count > 1 {
                l.count = g.count;
                l.places = short_places(&g.places);
            }
            l
        })
        .collect()
}

/// `["Juri 3!E7", "Juri 3!E9", "Juri 4!C2"]` -> `["Juri 3!E7", "E9",
/// "Juri 4!C2"]`: a sheet is named once per run of its cells.
fn short_places(places: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(places.len());
    let mut last: Option<&str> = None;
    for p in places {
        match p.rsplit_once('!') {
            Some((sheet, cell)) if last == Some(sheet) => out.push(cell.to_string()),
            Some((sheet, _)) => {
                last = Some(sheet);
                out.push(p.clone());
            }
            None => {
                last = None;
                out.push(p.clone());
            }
        }
    }
    out
}

/// Worksheet names of an XLSX file.
pub fn list_sheets(name: &str, bytes: &[u8]) -> Option<Vec<String>> {
    kipp_formats::list_sheets(name, bytes).ok()
}

/// A competition file, with the positions of its values (to locate the
/// engine's diagnostics about it).
pub fn competition(
    name: &str,
    bytes: &[u8],
) -> Result<(Competition, kipp_formats::CompetitionSource), Vec<Problem>> {
    kipp_formats::parse_competition_with_source(name, bytes)
}

fn data<'a>(name: &'a str, bytes: &'a [u8], sheet: Option<&'a str>) -> FileData<'a> {
    FileData { name, bytes, sheet }
}

/// An innovations file (CSV, JSON or XLSX with `sheet`).
pub fn innovations(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Vec<Innovation>, Vec<Problem>> {
    kipp_formats::parse_innovations_from(data(name, bytes, sheet))
}

pub use kipp_formats::{TableInfo, TableKind};

/// Every table of a workbook, with its kind told from its headers.
pub fn survey(name: &str, bytes: &[u8]) -> Result<Vec<TableInfo>, Vec<Problem>> {
    kipp_formats::survey(name, bytes)
}

/// A scores table (long or wide form), read with the competition's
/// criteria, the judges known so far and the user's choices (`hints`):
/// what could be read, and the problems found.
pub fn score_sheet(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    competition: &Competition,
    judges: Option<&[Judge]>,
    hints: &kipp_formats::SheetHints,
) -> (Option<kipp_formats::ScoreSheet>, Vec<Problem>) {
    let ctx = kipp_formats::ScoreContext {
        competition,
        judges,
    };
    kipp_formats::read_scores_sheet_partial(data(name, bytes, sheet), &ctx, hints)
}

/// A judges file.
pub fn judges(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Vec<Judge>, Vec<Problem>> {
    kipp_formats::parse_judges_from(data(name, bytes, sheet))
}

/// The presets: (file stem, competition), in menu order.
pub fn presets() -> Vec<(String, Competition)> {
    crate::presets::ALL
        .iter()
        .filter_map(|(stem, text)| {
            kipp_formats::parse_competition(stem, text.as_bytes())
                .ok()
                .map(|c| (stem.to_string(), c))
        })
        .collect()
}

/// Result JSON (§3.1) of a run.
pub fn result_json(c: &Computed) -> Option<String> {
    Some(kipp_formats::result_json(&c.result))
}

/// Result CSV of a run in the interface language (`;` and decimal comma in
/// Indonesian), panel decisions appended as two columns when there are any.
pub fn result_csv(c: &Computed, p: &Project, lang: Lang) -> Option<Vec<u8>> {
    let text = kipp_formats::result_csv(&c.result, &p.inputs.innovations, lang);
    if p.decisions.is_empty() {
        return Some(text.into_bytes());
    }
    let delim = if lang == Lang::Id { b';' } else { b',' };
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut w = csv::WriterBuilder::new()
        .delimiter(delim)
        .from_writer(Vec::new());
    let t = words(lang);
    for (n, rec) in rd.records().enumerate() {
        let rec = rec.ok()?;
        let mut out: Vec<String> = rec.iter().map(|s| s.to_string()).collect();
        if n == 0 {
            out.push(t.decision.to_lowercase());
            out.push(t.reason.to_lowercase());
        } else {
            let stage = out.first().cloned().unwrap_or_default();
            let id = out.get(3).cloned().unwrap_or_default();
            match p.decision(&stage, &id) {
                Some(d) => {
                    out.push(
                        if d.advance {
                            t.advanced
                        } else {
                            t.not_advanced
                        }
                        .into(),
                    );
                    out.push(neutralise(&d.reason));
                }
                None => {
                    out.push(String::new());
                    out.push(String::new());
                }
            }
        }
        w.write_record(&out).ok()?;
    }
    w.into_inner().ok()
}

/// Formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or
/// carriage return gets a leading `'` (the same rule as kipp-formats).
pub fn neutralise(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Result XLSX of a run, a sheet per stage, and a sheet of the panel
/// decisions (recommendation and decision side by side) when there are any:
/// what to write ([`kipp_formats::WorkbookSpec`]).
pub fn result_xlsx(c: &Computed, p: &Project, lang: Lang) -> kipp_formats::WorkbookSpec {
    let t = words(lang);
    let mut extra = Vec::new();
    if !p.decisions.is_empty() {
        let yes_no = |b: bool| if b { t.advanced } else { t.not_advanced }.to_string();
        let mut rows = vec![[
            t.stage,
            "id",
            t.recommendation,
            t.decision,
            t.reason,
            t.time,
        ]
        .iter()
        .map(|s| s.to_lowercase())
        .collect::<Vec<_>>()];
        for d in &p.decisions {
            let recommended = c
                .view
                .stages
                .iter()
                .find(|s| s.id == d.stage)
                .and_then(|s| s.rows.iter().find(|r| r.id == d.innovation))
                .map(|r| yes_no(r.recommended.unwrap_or(r.advanced)))
                .unwrap_or_default();
            rows.push(vec![
                d.stage.clone(),
                d.innovation.clone(),
                recommended,
                yes_no(d.advance),
                d.reason.clone(),
                d.at.clone(),
            ]);
        }
        extra.push((t.decision.to_lowercase(), rows));
    }
    kipp_formats::result_xlsx_spec(&c.result, &p.inputs.innovations, lang, &extra)
}

/// competition.json text.
pub fn competition_json(c: &Competition) -> Option<String> {
    Some(kipp_formats::competition_json(c))
}
