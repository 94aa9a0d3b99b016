//! Loads the built-in demo: the files of `demo/` next to the page (the site
//! build puts `kipp sample --preset regional` there).

use gloo::net::http::Request;
use kipp_session::import::{self, RawFile};
use kipp_session::project::Project;
use kipp_session::run::Located;
use kipp_session::Lang;

/// The demo's files; `judges.csv` is optional.
const FILES: [(&str, bool); 4] = [
    ("competition.json", true),
    ("innovations.csv", true),
    ("scores.csv", true),
    ("judges.csv", false),
];

fn problem(file: &str, message: String) -> Located {
    Located {
        file: file.to_string(),
        message,
        ..Located::default()
    }
}

/// Fetches and reads the demo.
pub async fn load(lang: Lang) -> Result<Project, Vec<Located>> {
    let mut files = Vec::new();
    for (name, required) in FILES {
        let url = format!("demo/{name}");
        let resp = Request::get(&url).send().await;
        match resp {
            Ok(r) if r.ok() => match r.binary().await {
                Ok(bytes) => files.push(RawFile::new(name.to_string(), bytes)),
                Err(e) => return Err(vec![problem(&url, e.to_string())]),
            },
            Ok(r) if required => return Err(vec![problem(&url, format!("HTTP {}", r.status()))]),
            Err(e) if required => return Err(vec![problem(&url, e.to_string())]),
            _ => {}
        }
    }
    import::demo_project(files, lang)
}
