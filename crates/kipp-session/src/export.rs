//! Exports as bytes: results (CSV, XLSX, JSON with digest), the competition
//! file, the widget's nominees file, the published ranking file and the
//! project file. The app only hands the bytes to the browser.

use std::collections::BTreeSet;

use kipp_score::{Innovation, Lang};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::files;
use crate::project::Project;
use crate::run::{Computed, RowView};

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// Results CSV.
    Csv,
    /// Results XLSX, a sheet per stage.
    Xlsx,
    /// Result JSON with digest.
    Json,
    /// competition.json
    Competition,
    /// Nominees file of the widget (docs/nominees.md).
    Nominees,
    /// Published ranking file (docs/ranking.md).
    Ranking,
    /// The nominees file with its embed page and oEmbed file, as a ZIP to
    /// upload to the kipp site (needs [`Publish::site`]).
    NomineesPage,
    /// The ranking file with its embed page and oEmbed file, as a ZIP.
    RankingPage,
    /// The participation summary (docs/summary.md).
    Summary,
    /// Project file.
    Project,
}

/// The publishing form: who publishes, at what level, which year, and the
/// label of the result ("Top 10").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Publish {
    /// Publisher (the regency's office).
    pub publisher: String,
    /// `nasional`, `provinsi`, `kabupaten`, `kota` or `lainnya`.
    pub level: String,
    /// Edition year as typed.
    pub year: String,
    /// Result label; empty = `Top N`.
    pub label: String,
    /// The kipp site's public address (where `widget/frame.html` is), for
    /// the embed pages; the data files are published in that folder.
    #[serde(default)]
    pub site: String,
}

impl Default for Publish {
    fn default() -> Self {
        Publish {
            publisher: String::new(),
            level: "kabupaten".into(),
            year: String::new(),
            label: String::new(),
            site: String::new(),
        }
    }
}

/// A file to hand to the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Download {
    /// File name.
    pub name: String,
    /// MIME type.
    pub mime: &'static str,
    /// Content.
    pub bytes: Vec<u8>,
}

/// What is still to be written of an [`XlsxDownload`].
#[derive(Clone, Debug, PartialEq)]
pub enum Unwritten {
    /// One workbook.
    Book(kipp_formats::WorkbookSpec),
    /// A ZIP of files, some of them workbooks.
    Zip(Vec<(String, kipp_formats::FilePart)>),
}

/// A file holding workbooks that are not written yet: the session makes
/// the workbooks' specs, a writer of `.xlsx` bytes finishes them
/// ([`XlsxDownload::write`]): natively kipp-formats' own (feature `xlsx`),
/// in the app the lazily loaded kipp-xlsx module.
#[derive(Clone, Debug, PartialEq)]
pub struct XlsxDownload {
    /// File name.
    pub name: String,
    /// MIME type.
    pub mime: &'static str,
    /// What to write.
    pub content: Unwritten,
}

impl XlsxDownload {
    /// The file, its workbooks written by `write` (`Err`: its message).
    pub fn write(
        self,
        mut write: impl FnMut(&kipp_formats::WorkbookSpec) -> Result<Vec<u8>, String>,
    ) -> Result<Download, String> {
        let bytes = match self.content {
            Unwritten::Book(spec) => write(&spec)?,
            Unwritten::Zip(parts) => {
                kipp_formats::zip_files(&kipp_formats::finish_parts(parts, write)?)?
            }
        };
        Ok(Download {
            name: self.name,
            mime: self.mime,
            bytes,
        })
    }

    /// Written here, with kipp-formats' writer (feature `xlsx`); without it
    /// `Err` (the app writes through its module instead).
    pub fn write_here(self) -> Result<Download, String> {
        #[cfg(feature = "xlsx")]
        {
            self.write(kipp_formats::write_workbook)
        }
        #[cfg(not(feature = "xlsx"))]
        {
            Err(self.name)
        }
    }
}

/// An export: ready, or with workbooks still to write.
#[derive(Clone, Debug, PartialEq)]
pub enum Made {
    /// The file.
    Ready(Download),
    /// Its workbooks are to be written first.
    Xlsx(XlsxDownload),
}

/// The MIME type of `.xlsx` files.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file-name slug of `s` (`kipp` when nothing is left).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "kipp".into()
    } else {
        out
    }
}

/// The innovation with `id`, if known.
pub fn innovation<'a>(p: &'a Project, id: &str) -> Option<&'a Innovation> {
    p.inputs.innovations.iter().find(|i| i.id == id)
}

/// Advances after panel decisions: (final, overridden).
pub fn effective(row: &RowView) -> (bool, bool) {
    (
        row.advanced,
        row.recommended.is_some_and(|r| r != row.advanced),
    )
}

/// The panel decisions as JSON (carried into the result and ranking files).
pub fn decisions_json(p: &Project, c: Option<&Computed>) -> Value {
    json!(p
        .decisions
        .iter()
        .map(|d| {
            // What the rule said: the row's recommendation when the
            // decision applied, else its own advancing (null: no row).
            let recommended = c
                .and_then(|c| c.view.stages.iter().find(|s| s.id == d.stage))
                .and_then(|s| s.rows.iter().find(|r| r.id == d.innovation))
                .map(|r| r.recommended.unwrap_or(r.advanced));
            json!({"stage": d.stage, "innovation": d.innovation, "recommended": recommended,
                   "advanced": d.advance, "reason": d.reason, "at": d.at})
        })
        .collect::<Vec<_>>())
}

/// The result JSON of §3.1, with a `"decisions"` list when the plenary decided anything.
pub fn result_value(p: &Project, c: &Computed) -> Option<Value> {
    let text = files::result_json(c)?;
    let mut v: Value = serde_json::from_str(&text).ok()?;
    if !p.decisions.is_empty() {
        // Each decided row says what was decided and why, next to its
        // `advanced` (after the decision) and `recommended` (the rule's).
        if let Some(stages) = v.get_mut("stages").and_then(Value::as_array_mut) {
            for st in stages {
                let sid = st
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let Some(rows) = st.get_mut("rows").and_then(Value::as_array_mut) else {
                    continue;
                };
                for row in rows {
                    let rid = row
                        .get("id")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    if let (Some(d), Some(o)) = (p.decision(&sid, &rid), row.as_object_mut()) {
                        o.insert(
                            "decision".into(),
                            json!({"advance": d.advance, "reason": d.reason, "at": d.at}),
                        );
                    }
                }
            }
        }
        if let Some(o) = v.as_object_mut() {
            o.insert("decisions".into(), decisions_json(p, Some(c)));
        }
    }
    Some(v)
}

/// Ids advancing from the last stage after panel decisions, in row order
/// (the engine's winners: decisions are part of the run).
pub fn final_winners(c: Option<&Computed>) -> Vec<String> {
    c.map(|c| c.view.winners.clone()).unwrap_or_default()
}

/// The innovations to publish as nominees: the winners once the last stage
/// has been scored; before that, those advancing from the latest stage
/// scored so far (a regency announces its Top 20 weeks before the Top 10,
/// and the presentation's sheets are not in yet), in row order.
pub fn nominee_ids(c: Option<&Computed>) -> Vec<String> {
    let Some(c) = c else { return vec![] };
    let stages = &c.view.stages;
    let scored = stages
        .iter()
        .rposition(|s| s.rows.iter().any(|r| !r.incomplete));
    match scored {
        Some(k) if k + 1 < stages.len() => stages[k]
            .rows
            .iter()
            .filter(|r| r.advanced)
            .map(|r| r.id.clone())
            .collect(),
        _ => final_winners(Some(c)),
    }
}

/// The participation summary of the project (docs/summary.md): the
/// innovations as run (the administrative check applied) and the stages of
/// the run (panel decisions applied); the year from the publishing form,
/// else from the competition's name.
pub fn summary(
    p: &Project,
    c: Option<&Computed>,
    publish: &Publish,
) -> kipp_formats::summary::Summary {
    use kipp_formats::summary as sm;
    let comp = &p.inputs.competition;
    let year = publish
        .year
        .trim()
        .parse()
        .ok()
        .or_else(|| sm::year_in(&comp.name));
    let mut edition = match c {
        Some(c) => c.participation.clone(),
        None => sm::summarize(comp, &p.inputs.innovations, None, None),
    };
    edition.year = year;
    sm::Summary::of(edition, publish.publisher.trim())
}

/// The widget's nominees file: [`nominee_ids`] with their achievement.
pub fn nominees(p: &Project, c: Option<&Computed>, publish: &Publish, today: &str) -> Value {
    let winners = nominee_ids(c);
    let comp = &p.inputs.competition.name;
    let year: Option<i64> = publish.year.trim().parse().ok();
    let label = if publish.label.trim().is_empty() {
        format!("Top {}", winners.len())
    } else {
        publish.label.trim().to_string()
    };
    let list: Vec<Value> = winners
        .iter()
        .filter_map(|id| innovation(p, id))
        .map(|i| {
            let mut o = serde_json::Map::new();
            o.insert("id".into(), json!(i.id));
            o.insert("title".into(), json!(i.title));
            for (k, v) in [
                ("unit", &i.unit),
                ("agency", &i.agency),
                ("category", &i.category),
            ] {
                if !v.is_empty() {
                    o.insert(k.into(), json!(v));
                }
            }
            let mut a = serde_json::Map::new();
            if let Some(y) = year {
                a.insert("year".into(), json!(y));
            }
            a.insert("level".into(), json!(publish.level));
            a.insert("competition".into(), json!(comp));
            a.insert("result".into(), json!(label));
            o.insert("achievements".into(), json!([Value::Object(a)]));
            Value::Object(o)
        })
        .collect();
    let mut root = serde_json::Map::new();
    root.insert("kipp_nominees".into(), json!(1));
    if !publish.publisher.trim().is_empty() {
        root.insert("publisher".into(), json!(publish.publisher.trim()));
    }
    root.insert("updated".into(), json!(today));
    root.insert("innovations".into(), json!(list));
    Value::Object(root)
}

/// The published ranking file shown by `<kipp-ranking>` (docs/ranking.md):
/// the competition as run, the public fields of the innovations in the
/// result, and the result of §3.1 unchanged. Panel decisions, when there are
/// any, stand beside it as a top-level `"decisions"` list (recommendation and
/// decision both kept).
pub fn ranking(p: &Project, c: &Computed, publish: &Publish, today: &str) -> Option<Value> {
    let comp_text = files::competition_json(&p.inputs.competition)?;
    let competition: Value = serde_json::from_str(&comp_text).ok()?;
    let result: Value = serde_json::from_str(&files::result_json(c)?).ok()?;
    let in_result: BTreeSet<&str> = c
        .view
        .stages
        .iter()
        .flat_map(|s| s.rows.iter().map(|r| r.id.as_str()))
        .collect();
    let innovations: Vec<Value> = p
        .inputs
        .innovations
        .iter()
        .filter(|i| in_result.contains(i.id.as_str()))
        .map(|i| {
            json!({"id": i.id, "title": i.title, "unit": i.unit, "agency": i.agency, "category": i.category})
        })
        .collect();
    let mut root = serde_json::Map::new();
    root.insert("kipp_ranking".into(), json!(1));
    if !publish.publisher.trim().is_empty() {
        root.insert("publisher".into(), json!(publish.publisher.trim()));
    }
    root.insert("published".into(), json!(today));
    root.insert("competition".into(), competition);
    root.insert("innovations".into(), json!(innovations));
    root.insert("result".into(), result);
    if !p.decisions.is_empty() {
        root.insert("decisions".into(), decisions_json(p, Some(c)));
    }
    Some(Value::Object(root))
}

/// The kipp site's address with a final `/`, when it is an absolute
/// http(s) address (what the embed pages need).
pub fn site_address(publish: &Publish) -> Option<String> {
    kipp_formats::site_address(&publish.site)
}

/// The data file, its embed page and oEmbed file, and a README, zipped:
/// the three files go into the kipp site's folder; the page's address is
/// the one to paste into WordPress.
fn embed_package(data_name: &str, data: Vec<u8>, publish: &Publish, lang: Lang) -> Option<Vec<u8>> {
    let site = site_address(publish)?;
    let opts = kipp_formats::EmbedOptions {
        data_url: format!("{site}{data_name}"),
        site,
        layout: Some("list".into()),
        limit: Some(10),
        simulate: false,
        lang,
    };
    let e = kipp_formats::embed_files(data_name, &data, &opts).ok()?;
    let readme = match lang {
        Lang::Id => format!(
            "Unggah ketiga berkas ini ke folder situs kipp ({}):\r\n  {data_name}\r\n  {}\r\n  {}\r\n\r\nLalu tempel alamat berikut ke tulisan WordPress (blok Sematan) atau CMS lain yang mengenal oEmbed:\r\n  {}\r\n\r\nServer harus mengirim Access-Control-Allow-Origin: * untuk .js, .wasm dan .json (lihat widget/embed.html).\r\n",
            opts.site, e.page_name, e.oembed_name, e.page_url
        ),
        Lang::En => format!(
            "Upload these three files to the kipp site's folder ({}):\r\n  {data_name}\r\n  {}\r\n  {}\r\n\r\nThen paste this address into a WordPress post (Embed block) or another oEmbed-aware CMS:\r\n  {}\r\n\r\nThe server must send Access-Control-Allow-Origin: * for .js, .wasm and .json (see widget/embed.html).\r\n",
            opts.site, e.page_name, e.oembed_name, e.page_url
        ),
    };
    kipp_formats::zip_files(&[
        (data_name.to_string(), data),
        (e.page_name, e.page_html.into_bytes()),
        (e.oembed_name, e.oembed_json.into_bytes()),
        ("README.txt".to_string(), readme.into_bytes()),
    ])
    .ok()
}

/// Builds one export (`Err`: its file name, when there is nothing to
/// export yet, e.g. no ranking; or when its workbook cannot be written).
/// `today` is `YYYY-MM-DD` in the officer's zone.
pub fn export(
    p: &Project,
    c: Option<&Computed>,
    publish: &Publish,
    kind: ExportKind,
    lang: Lang,
    today: &str,
) -> Result<Download, String> {
    match make(p, c, publish, kind, lang, today)? {
        Made::Ready(d) => Ok(d),
        Made::Xlsx(x) => {
            let name = x.name.clone();
            x.write_here().map_err(|_| name)
        }
    }
}

/// Builds one export as [`export`] does, leaving its workbook (results
/// XLSX) unwritten ([`Made::Xlsx`]).
pub fn make(
    p: &Project,
    c: Option<&Computed>,
    publish: &Publish,
    kind: ExportKind,
    lang: Lang,
    today: &str,
) -> Result<Made, String> {
    let base = slug(&p.inputs.competition.name);
    let json_mime = "application/json";
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default();
    let (name, mime, bytes): (String, &'static str, Option<Vec<u8>>) = match kind {
        ExportKind::Csv => (
            format!("{base}-hasil.csv"),
            "text/csv;charset=utf-8",
            c.and_then(|c| files::result_csv(c, p, lang)),
        ),
        ExportKind::Xlsx => {
            let name = format!("{base}-hasil.xlsx");
            return match c {
                Some(c) => Ok(Made::Xlsx(XlsxDownload {
                    name,
                    mime: XLSX_MIME,
                    content: Unwritten::Book(files::result_xlsx(c, p, lang)),
                })),
                None => Err(name),
            };
        }
        ExportKind::Json => (
            format!("{base}-hasil.json"),
            json_mime,
            c.and_then(|c| result_value(p, c))
                .map(|v| pretty(&v).into_bytes()),
        ),
        ExportKind::Competition => (
            "competition.json".into(),
            json_mime,
            files::competition_json(&p.inputs.competition).map(String::into_bytes),
        ),
        ExportKind::Nominees => (
            format!("{base}-nominasi.json"),
            json_mime,
            Some(pretty(&nominees(p, c, publish, today)).into_bytes()),
        ),
        ExportKind::Ranking => (
            format!("{base}-peringkat.json"),
            json_mime,
            c.and_then(|c| ranking(p, c, publish, today))
                .map(|v| pretty(&v).into_bytes()),
        ),
        ExportKind::NomineesPage | ExportKind::RankingPage => {
            let nominees_page = kind == ExportKind::NomineesPage;
            let data_name = if nominees_page {
                format!("{base}-nominasi.json")
            } else {
                format!("{base}-peringkat.json")
            };
            let data = if nominees_page {
                Some(nominees(p, c, publish, today))
            } else {
                c.and_then(|c| ranking(p, c, publish, today))
            };
            (
                format!("{}.zip", data_name.trim_end_matches(".json")),
                "application/zip",
                data.and_then(|v| {
                    embed_package(&data_name, pretty(&v).into_bytes(), publish, lang)
                }),
            )
        }
        ExportKind::Summary => (
            format!("{base}-ringkasan.json"),
            json_mime,
            Some(summary(p, c, publish).to_json().into_bytes()),
        ),
        ExportKind::Project => (
            format!("{}.kipp-project.json", slug(p.display_name())),
            json_mime,
            Some(p.to_json().into_bytes()),
        ),
    };
    match bytes {
        Some(bytes) => Ok(Made::Ready(Download { name, mime, bytes })),
        None => Err(name),
    }
}
