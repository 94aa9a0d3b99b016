//! A page and an oEmbed file for one published data file (docs/embed.md),
//! for sites that cannot run the widget's script themselves: pasting the
//! page's address into WordPress (any role), or any CMS that discovers
//! oEmbed, embeds the widget in an iframe (`widget/frame.html`).
//!
//! Everything here is static text: the page carries
//! `<link rel="alternate" type="application/json+oembed">` pointing at the
//! JSON next to it, whose `html` is the iframe. oEmbed needs absolute
//! addresses, so the caller names where the kipp site and the data file are
//! served.

use std::sync::Arc;

use kipp_score::Lang;
use serde_json::{json, Value};

use crate::problem::Problem;

/// What the published file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedKind {
    /// A nominees file (`kipp_nominees`, docs/nominees.md).
    Nominees,
    /// A published ranking (`kipp_ranking`, docs/ranking.md).
    Ranking,
}

/// Where things are served and how the widget is shown.
#[derive(Clone, Debug)]
pub struct EmbedOptions {
    /// The kipp site's address (the folder holding `widget/frame.html` and
    /// `pkg/`), absolute http(s).
    pub site: String,
    /// The data file's public address, absolute http(s). The page and the
    /// oEmbed file are served from the same folder.
    pub data_url: String,
    /// `layout` of the nominee widget (`cards`, `list`, `table`).
    pub layout: Option<String>,
    /// `limit` of the nominee widget.
    pub limit: Option<u32>,
    /// The ranking widget's `simulate`.
    pub simulate: bool,
    /// The page's and the widget's language.
    pub lang: Lang,
}

/// The two files to upload next to the data file.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedFiles {
    /// What the data file is.
    pub kind: EmbedKind,
    /// The page's file name (`nominasi-2024.html`) and address.
    pub page_name: String,
    /// The page's public address: the one to paste into the CMS.
    pub page_url: String,
    /// The page.
    pub page_html: String,
    /// The oEmbed file's name (`nominasi-2024.oembed.json`).
    pub oembed_name: String,
    /// The oEmbed response (JSON, `type: rich`).
    pub oembed_json: String,
    /// The iframe's address (`…/widget/frame.html?src=…`).
    pub frame_url: String,
}

/// The default iframe size in the oEmbed answer; the frame then tells its
/// host its real height.
const WIDTH: u32 = 640;
const HEIGHT: u32 = 720;

fn problem(file: &Arc<str>, id: &str, en: &str) -> Vec<Problem> {
    vec![Problem::new(file, 1, 1, id.to_string(), en.to_string()).with_kind("embed")]
}

/// An absolute http(s) address without spaces, quotes or angle brackets.
fn absolute(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(r) => {
            !r.is_empty()
                && !r.starts_with('/')
                && !url
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c))
        }
        None => false,
    }
}

/// `url` as a folder's address (with a final `/`) when it is an absolute
/// http(s) address: the kipp site's address of [`EmbedOptions::site`].
pub fn site_address(url: &str) -> Option<String> {
    let url = url.trim();
    absolute(url).then(|| {
        if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        }
    })
}

/// Text for HTML (element content and quoted attributes).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn text_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The page and the oEmbed file for the data file `name` (`bytes`), to be
/// served at `opts.data_url`. Problems (a file that is not a kipp nominees
/// or ranking file, an address that is not absolute) are located at the
/// file or at the option.
pub fn embed_files(
    name: &str,
    bytes: &[u8],
    opts: &EmbedOptions,
) -> Result<EmbedFiles, Vec<Problem>> {
    let file: Arc<str> = Arc::from(name);
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let doc: Value = serde_json::from_slice(text).map_err(|e| {
        vec![Problem::new(
            &file,
            e.line() as u32,
            e.column() as u32,
            format!("berkas data tidak terbaca: {e}"),
            format!("the data file cannot be read: {e}"),
        )
        .with_kind("embed")]
    })?;
    let kind = if doc.get("kipp_nominees").is_some() {
        EmbedKind::Nominees
    } else if doc.get("kipp_ranking").is_some() {
        EmbedKind::Ranking
    } else {
        return Err(problem(
            &file,
            "bukan berkas data kipp: tidak ada \"kipp_nominees\" atau \"kipp_ranking\"",
            "not a kipp data file: no \"kipp_nominees\" nor \"kipp_ranking\"",
        ));
    };
    let version = match kind {
        EmbedKind::Nominees => &doc["kipp_nominees"],
        EmbedKind::Ranking => &doc["kipp_ranking"],
    };
    if version.as_u64() != Some(1) {
        return Err(problem(
            &file,
            "versi berkas tidak dikenal (harus 1)",
            "unknown file version (must be 1)",
        ));
    }
    let Some(list) = doc.get("innovations").and_then(Value::as_array) else {
        return Err(problem(
            &file,
            "tidak ada daftar \"innovations\"",
            "no \"innovations\" list",
        ));
    };
    let opt = Arc::<str>::from("--site");
    let Some(site) = site_address(&opts.site) else {
        return Err(problem(
            &opt,
            &format!(
                "alamat situs kipp harus lengkap (https://…): {:?}",
                opts.site
            ),
            &format!(
                "the kipp site's address must be absolute (https://…): {:?}",
                opts.site
            ),
        ));
    };
    let opt = Arc::<str>::from("--url");
    if !absolute(&opts.data_url) {
        return Err(problem(
            &opt,
            &format!(
                "alamat berkas data harus lengkap (https://…): {:?}",
                opts.data_url
            ),
            &format!(
                "the data file's address must be absolute (https://…): {:?}",
                opts.data_url
            ),
        ));
    }
    // The data file's folder and its name without `.json`.
    let path_end = opts
        .data_url
        .find(['?', '#'])
        .unwrap_or(opts.data_url.len());
    let path = &opts.data_url[..path_end];
    let slash = path.rfind('/').unwrap_or(0);
    let folder = &path[..=slash];
    let file_name = &path[slash + 1..];
    let stem = file_name
        .strip_suffix(".json")
        .filter(|s| !s.is_empty())
        .unwrap_or(if file_name.is_empty() {
            "kipp"
        } else {
            file_name
        });
    let page_name = format!("{stem}.html");
    let oembed_name = format!("{stem}.oembed.json");
    let page_url = format!("{folder}{page_name}");
    let oembed_url = format!("{folder}{oembed_name}");

    let lang = opts.lang;
    let publisher = text_of(&doc, "publisher");
    let title = match kind {
        EmbedKind::Nominees => {
            let base = match lang {
                Lang::Id => "Nominasi inovasi pelayanan publik",
                Lang::En => "Public service innovation nominees",
            };
            match publisher {
                Some(p) => format!("{base} — {p}"),
                None => base.to_string(),
            }
        }
        EmbedKind::Ranking => {
            let name = doc
                .get("competition")
                .and_then(|c| text_of(c, "name"))
                .or(publisher);
            let base = match lang {
                Lang::Id => "Hasil peringkat",
                Lang::En => "Ranking",
            };
            match name {
                Some(n) => format!("{base} — {n}"),
                None => base.to_string(),
            }
        }
    };

    // The frame's address: only the attributes frame.js accepts.
    let mut query = form_urlencoded::Serializer::new(String::new());
    if kind == EmbedKind::Ranking {
        query.append_pair("kind", "ranking");
    }
    query.append_pair("src", &opts.data_url);
    query.append_pair("lang", lang.tag());
    let mut attrs = String::new();
    if kind == EmbedKind::Nominees {
        if let Some(layout) = &opts.layout {
            if !matches!(layout.as_str(), "cards" | "list" | "table") {
                let opt = Arc::<str>::from("--layout");
                return Err(problem(
                    &opt,
                    &format!("tata letak tidak dikenal: {layout:?} (cards, list, table)"),
                    &format!("unknown layout: {layout:?} (cards, list, table)"),
                ));
            }
            query.append_pair("layout", layout);
            attrs.push_str(&format!(" layout=\"{layout}\""));
        }
        if let Some(limit) = opts.limit {
            if !(1..=9999).contains(&limit) {
                let opt = Arc::<str>::from("--limit");
                return Err(problem(
                    &opt,
                    "batas harus 1–9999",
                    "the limit must be 1–9999",
                ));
            }
            query.append_pair("limit", &limit.to_string());
            attrs.push_str(&format!(" limit=\"{limit}\""));
        }
    } else if opts.simulate {
        query.append_pair("simulate", "1");
        attrs.push_str(" simulate");
    }
    let frame_url = format!("{site}widget/frame.html?{}", query.finish());

    let iframe = format!(
        "<iframe src=\"{}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" title=\"{}\" frameborder=\"0\"></iframe>",
        esc(&frame_url),
        esc(&title)
    );
    // The blockquote is what WordPress shows until the frame has told it
    // its height, and what stays for visitors without JavaScript.
    let html = format!(
        "<blockquote><a href=\"{}\">{}</a></blockquote>{iframe}",
        esc(&page_url),
        esc(&title)
    );
    let mut oembed = json!({
        "version": "1.0",
        "type": "rich",
        "provider_name": "kipp",
        "provider_url": site,
        "title": title,
        "html": html,
        "width": WIDTH,
        "height": HEIGHT,
    });
    if let Some(p) = publisher {
        oembed["author_name"] = Value::from(p);
    }
    let oembed_json = serde_json::to_string_pretty(&oembed).unwrap_or_default() + "\n";

    // The page: the widget itself (stable loader), with the titles as the
    // fallback for visitors without JavaScript and for search engines.
    let element = match kind {
        EmbedKind::Nominees => "kipp-nominees",
        EmbedKind::Ranking => "kipp-ranking",
    };
    let mut fallback = String::new();
    for item in list.iter().take(500) {
        if let Some(t) = text_of(item, "title") {
            let unit = text_of(item, "unit").or_else(|| text_of(item, "agency"));
            match unit {
                Some(u) => fallback.push_str(&format!("<li>{} — {}</li>\n", esc(t), esc(u))),
                None => fallback.push_str(&format!("<li>{}</li>\n", esc(t))),
            }
        }
    }
    let (data_link, noscript) = match lang {
        Lang::Id => (
            "Berkas data (JSON)",
            "Daftar ini lengkap bila JavaScript aktif.",
        ),
        Lang::En => ("Data file (JSON)", "The full view needs JavaScript."),
    };
    let page_html = format!(
        "<!doctype html>
<html lang=\"{tag}\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>{title}</title>
<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{oembed}\" title=\"{title}\">
<link rel=\"icon\" href=\"{site_e}favicon.svg\" type=\"image/svg+xml\">
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:64rem;margin:0 auto;padding:1rem;color:#1b1f24}}</style>
<script type=\"module\" src=\"{site_e}pkg/{element}.js\"></script>
</head>
<body>
<main>
<h1>{title}</h1>
<{element} src=\"{data}\"{attrs}>
<ul>
{fallback}</ul>
<p>{noscript}</p>
</{element}>
<p><a href=\"{data}\">{data_link}</a></p>
</main>
</body>
</html>
",
        tag = lang.tag(),
        title = esc(&title),
        oembed = esc(&oembed_url),
        site_e = esc(&site),
        data = esc(&opts.data_url),
    );
    Ok(EmbedFiles {
        kind,
        page_name,
        page_url,
        page_html,
        oembed_name,
        oembed_json,
        frame_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOMINEES: &str = r#"{"kipp_nominees": 1, "publisher": "Pemkab <Contoh>",
        "innovations": [{"id": "a", "title": "GASING & co", "unit": "Puskesmas"}]}"#;

    fn opts() -> EmbedOptions {
        EmbedOptions {
            site: "https://pemkab.example/kipp".into(),
            data_url: "https://pemkab.example/data/nominasi-2024.json".into(),
            layout: Some("list".into()),
            limit: Some(5),
            simulate: false,
            lang: Lang::Id,
        }
    }

    #[test]
    fn nominees_page_and_oembed() {
        let f = embed_files("nominasi-2024.json", NOMINEES.as_bytes(), &opts()).unwrap();
        assert_eq!(f.kind, EmbedKind::Nominees);
        assert_eq!(f.page_name, "nominasi-2024.html");
        assert_eq!(f.page_url, "https://pemkab.example/data/nominasi-2024.html");
        assert_eq!(f.oembed_name, "nominasi-2024.oembed.json");
        assert_eq!(
            f.frame_url,
            "https://pemkab.example/kipp/widget/frame.html?src=https%3A%2F%2Fpemkab.example%2Fdata%2Fnominasi-2024.json&lang=id&layout=list&limit=5"
        );
        assert!(f.page_html.contains(
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"https://pemkab.example/data/nominasi-2024.oembed.json\""
        ));
        assert!(f.page_html.contains("<li>GASING &amp; co — Puskesmas</li>"));
        assert!(f.page_html.contains("Pemkab &lt;Contoh&gt;"));
        assert!(!f.page_html.contains("<Contoh>"));
        let o: Value = serde_json::from_str(&f.oembed_json).unwrap();
        assert_eq!(o["type"], "rich");
        assert_eq!(o["version"], "1.0");
        let html = o["html"].as_str().unwrap();
        assert!(html.contains(&format!(
            "<iframe src=\"{}\"",
            f.frame_url.replace('&', "&amp;")
        )));
        assert!(html.starts_with(
            "<blockquote><a href=\"https://pemkab.example/data/nominasi-2024.html\">"
        ));
    }

    #[test]
    fn ranking_file() {
        let ranking =
            r#"{"kipp_ranking": 1, "competition": {"name": "KIPP 2024"}, "innovations": []}"#;
        let mut o = opts();
        o.simulate = true;
        o.lang = Lang::En;
        let f = embed_files("r.json", ranking.as_bytes(), &o).unwrap();
        assert_eq!(f.kind, EmbedKind::Ranking);
        assert!(f.frame_url.contains("?kind=ranking&src="));
        assert!(f.frame_url.ends_with("&lang=en&simulate=1"));
        assert!(f.page_html.contains("<title>Ranking — KIPP 2024</title>"));
        assert!(f.page_html.contains(
            "<kipp-ranking src=\"https://pemkab.example/data/nominasi-2024.json\" simulate>"
        ));
    }

    #[test]
    fn refusals_are_located() {
        let e = embed_files("x.json", b"{\"halo\": 1}", &opts()).unwrap_err();
        assert!(
            e[0].to_string().contains("bukan berkas data kipp"),
            "{}",
            e[0]
        );
        let e = embed_files(
            "x.json",
            b"{\"kipp_nominees\": 2, \"innovations\": []}",
            &opts(),
        )
        .unwrap_err();
        assert!(e[0].to_string().contains("versi"));
        let e = embed_files(
            "x.json",
            b"{\"kipp_nominees\": 1,\n\"innovations\": [}",
            &opts(),
        )
        .unwrap_err();
        assert!(e[0].to_string().starts_with("x.json:2:"), "{}", e[0]);
        for bad in [
            "nominasi.json",
            "/data/n.json",
            "javascript:alert(1)",
            "https://a/\"onload=x",
            "https:///x",
        ] {
            let mut o = opts();
            o.data_url = bad.into();
            let e = embed_files("x.json", NOMINEES.as_bytes(), &o).unwrap_err();
            assert!(e[0].to_string().contains("--url"), "{bad}: {}", e[0]);
        }
        let mut o = opts();
        o.layout = Some("grid\"><script>".into());
        assert!(embed_files("x.json", NOMINEES.as_bytes(), &o).is_err());
    }
}
