//! A small static file server for the built site (127.0.0.1 only).

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::compress;
use crate::site::{Demo, Site};
use crate::util::{Context, Fail};

/// Serves `dir` on 127.0.0.1:`port` until interrupted.
pub fn serve(dir: &Path, port: u16, site: &Site) -> Result<(), Fail> {
    let addr = format!("127.0.0.1:{port}");
    let server = tiny_http::Server::http(&addr).map_err(|e| {
        Fail::new(format!(
            "cannot listen on {addr}: {e}\n(is another `cargo xtask serve` running? \
             try `cargo xtask serve --port 8081`)"
        ))
    })?;
    let base = format!("http://{addr}");
    println!();
    println!("kipp is served from {}", dir.display());
    println!("  app (demo competition):  {base}/index.html?demo");
    println!("  widget <kipp-nominees>:  {base}/widget/");
    println!("  embed snippet + SRI:     {base}/widget/embed.html");
    if let Some(b) = site.bundles.iter().find(|b| b.name == "kipp-nominees") {
        println!("  widget script:           {base}/{}", b.js);
    }
    if matches!(site.demo, Demo::Missing) {
        println!("  (no demo competition yet: `kipp sample` is missing and www/demo/ is empty)");
    }
    println!("press Ctrl+C to stop");

    let root = dir
        .canonicalize()
        .ctx(format!("opening {}", dir.display()))?;
    for req in server.incoming_requests() {
        let header = |name: &'static str| {
            req.headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_string())
                .unwrap_or_default()
        };
        let (accept, if_none_match) = (header("Accept-Encoding"), header("If-None-Match"));
        let resp = respond(&root, req.url(), &accept, &if_none_match);
        let _ = req.respond(resp);
    }
    Ok(())
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

/// The response for `url`: the precompressed copy (`.br`, `.gz`) the
/// client accepts, with its ETag (a 304 when `If-None-Match` has it), and a
/// year of caching for content-hashed bundles (see [`crate::compress`]).
fn respond(root: &Path, url: &str, accept: &str, if_none_match: &str) -> Response {
    let Some(path) = resolve(root, url) else {
        return text(400, "bad request");
    };
    let path = if path.is_dir() {
        path.join("index.html")
    } else {
        path
    };
    if !path.is_file() {
        return text(404, "not found");
    }
    let br = compress::with_suffix(&path, "br");
    let gz = compress::with_suffix(&path, "gz");
    let encoding = compress::choose(accept, br.is_file(), gz.is_file());
    let file = match encoding {
        Some("br") => br,
        Some(_) => gz,
        None => path.clone(),
    };
    let Ok(bytes) = fs::read(&file) else {
        return text(404, "not found");
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let etag = compress::etag(&bytes);
    let fresh = if_none_match
        .split(',')
        .any(|t| t.trim().trim_start_matches("W/") == etag);
    let mut r = if fresh {
        tiny_http::Response::from_data(Vec::new()).with_status_code(304)
    } else {
        tiny_http::Response::from_data(bytes)
    };
    let mut headers = vec![
        ("Content-Type", mime(&path)),
        ("Cache-Control", compress::cache_control(name)),
        ("X-Content-Type-Options", "nosniff"),
        ("ETag", etag.as_str()),
    ];
    if compress::compressible(&path) {
        headers.push(("Vary", "Accept-Encoding"));
    }
    if let Some(e) = encoding {
        headers.push(("Content-Encoding", e));
    }
    for (k, v) in headers {
        if let Ok(h) = tiny_http::Header::from_bytes(k, v) {
            r.add_header(h);
        }
    }
    r
}

fn text(code: u16, msg: &str) -> Response {
    tiny_http::Response::from_data(msg.as_bytes().to_vec()).with_status_code(code)
}

/// The file a URL path names under `root`, never outside it.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut out = root.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Content type by extension (wasm must be application/wasm for streaming
/// compilation; module scripts must be JavaScript).
fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_root() {
        let root = Path::new("/site");
        assert_eq!(
            resolve(root, "/widget/index.html?x=1"),
            Some(PathBuf::from("/site/widget/index.html"))
        );
        assert_eq!(
            resolve(root, "/a%20b.json"),
            Some(PathBuf::from("/site/a b.json"))
        );
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/%zz"), None);
    }

    #[test]
    fn compressed_copies_etags_and_caching() {
        let dir = std::env::temp_dir().join(format!("kipp-serve-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("pkg")).unwrap();
        let wasm = "w".repeat(4000);
        fs::write(dir.join("pkg/kipp-app.0123456789.wasm"), &wasm).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        compress::precompress(&dir, &dir.join("none")).unwrap();
        let root = dir.canonicalize().unwrap();
        let head = |r: &Response, k: &'static str| {
            r.headers()
                .iter()
                .find(|h| h.field.equiv(k))
                .map(|h| h.value.as_str().to_string())
        };
        let r = respond(
            &root,
            "/pkg/kipp-app.0123456789.wasm",
            "gzip, deflate, br",
            "",
        );
        assert_eq!(head(&r, "Content-Encoding").as_deref(), Some("br"));
        assert_eq!(
            head(&r, "Content-Type").as_deref(),
            Some("application/wasm")
        );
        assert!(head(&r, "Cache-Control").unwrap().contains("immutable"));
        assert_eq!(head(&r, "Vary").as_deref(), Some("Accept-Encoding"));
        let tag = head(&r, "ETag").unwrap();
        let again = respond(
            &root,
            "/pkg/kipp-app.0123456789.wasm",
            "gzip, deflate, br",
            &tag,
        );
        assert_eq!(again.status_code().0, 304);
        let gz = respond(&root, "/pkg/kipp-app.0123456789.wasm", "gzip", &tag);
        assert_eq!(gz.status_code().0, 200, "another encoding, another ETag");
        assert_eq!(head(&gz, "Content-Encoding").as_deref(), Some("gzip"));
        let plain = respond(&root, "/pkg/kipp-app.0123456789.wasm", "", "");
        assert_eq!(head(&plain, "Content-Encoding"), None);
        let page = respond(&root, "/", "br", "");
        assert_eq!(head(&page, "Cache-Control").as_deref(), Some("no-cache"));
        assert_eq!(
            head(&page, "Content-Encoding"),
            None,
            "too small to compress"
        );
        assert_eq!(respond(&root, "/nope.js", "br", "").status_code().0, 404);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn wasm_and_modules_have_their_types() {
        assert_eq!(mime(Path::new("a.wasm")), "application/wasm");
        assert_eq!(mime(Path::new("a.mjs")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("a.svg")), "image/svg+xml");
    }
}
