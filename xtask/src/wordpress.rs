//! The WordPress plugin (`wordpress/kipp-widgets`) as an installable ZIP,
//! `dist/wordpress/kipp-widgets.zip`: its PHP, block and editor files, plus
//! the nominee and ranking bundles of this build (content-hashed files and
//! an `assets/manifest.json` naming them, which the plugin reads).

use std::io::Write;
use std::path::Path;

use crate::site::Built;
use crate::util::{Context, Fail};

/// Plugin directory name (and the folder inside the ZIP).
pub const PLUGIN: &str = "kipp-widgets";

/// Writes the plugin ZIP into `site/wordpress/`, reading the bundles from
/// `site/` (already assembled).
pub fn package(root: &Path, site: &Path, bundles: &[Built]) -> Result<(), Fail> {
    let src = root.join("wordpress").join(PLUGIN);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    collect(&src, &src, &mut files)?;
    let mut manifest = serde_json::Map::new();
    for b in bundles
        .iter()
        .filter(|b| b.name == "kipp-nominees" || b.name == "kipp-ranking")
    {
        for rel in [&b.js, &b.wasm] {
            let name = Path::new(rel)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let bytes = std::fs::read(site.join(rel)).ctx(format!("reading {rel}"))?;
            files.push((format!("assets/{name}"), bytes));
        }
        manifest.insert(
            b.name.to_string(),
            serde_json::json!({
                "js": format!("assets/{}", Path::new(&b.js).file_name().and_then(|n| n.to_str()).unwrap_or_default()),
                "js_integrity": b.js_integrity,
                "wasm_integrity": b.wasm_integrity,
            }),
        );
    }
    files.push((
        "assets/manifest.json".into(),
        serde_json::to_vec_pretty(&serde_json::Value::Object(manifest)).unwrap_or_default(),
    ));
    files.sort();
    let out = site.join("wordpress");
    std::fs::create_dir_all(&out).ctx(format!("creating {}", out.display()))?;
    let zip_path = out.join(format!("{PLUGIN}.zip"));
    let file = std::fs::File::create(&zip_path).ctx(format!("creating {}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    // A fixed time: the same build gives the same ZIP.
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (rel, bytes) in &files {
        zip.start_file(format!("{PLUGIN}/{rel}"), opts)
            .ctx(format!("zip {rel}"))?;
        zip.write_all(bytes).ctx(format!("zip {rel}"))?;
    }
    zip.finish().ctx(format!("zip {}", zip_path.display()))?;
    eprintln!("wordpress: {} ({} files)", zip_path.display(), files.len());
    Ok(())
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), Fail> {
    for entry in std::fs::read_dir(dir).ctx(format!("reading {}", dir.display()))? {
        let path = entry.ctx("reading a directory entry")?.path();
        if path.is_dir() {
            collect(base, &path, out)?;
        } else {
            let rel = path
                .strip_prefix(base)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            out.push((
                rel,
                std::fs::read(&path).ctx(format!("reading {}", path.display()))?,
            ));
        }
    }
    Ok(())
}
