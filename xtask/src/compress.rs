//! Precompressed copies of the site (`name.br`, `name.gz` next to `name`),
//! the cache rules of its files, and ETags: what `cargo xtask serve` sends
//! and what `www/.htaccess` / `www/nginx.conf.example` tell a real host.

use std::fs;
use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::util::{Context, Fail};

/// Files worth compressing (text and wasm), by extension.
pub fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).unwrap_or(""),
        "html" | "js" | "mjs" | "wasm" | "css" | "json" | "svg" | "csv" | "txt" | "md" | "xml"
    )
}

/// Below this size a compressed copy is not worth a request's headers.
const MIN_BYTES: usize = 1024;

/// Brotli at quality 9 (measured on the app's wasm: 11 is 5% smaller but
/// takes a minute per build on two cores).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 1 << 16, 9, 22);
        let _ = w.write_all(bytes);
    }
    out
}

/// gzip at its best.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// Writes `.br` and `.gz` copies of every compressible file under `dir`
/// (when smaller than the file). A copy in `previous` (the last build) of
/// a file with the same bytes is reused instead of compressed again.
pub fn precompress(dir: &Path, previous: &Path) -> Result<(u64, u64), Fail> {
    let mut totals = (0, 0);
    walk(dir, previous, &mut totals)?;
    Ok(totals)
}

fn walk(dir: &Path, previous: &Path, totals: &mut (u64, u64)) -> Result<(), Fail> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .ctx(format!("reading {}", dir.display()))?
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let prev = previous.join(e.file_name());
        if path.is_dir() {
            walk(&path, &prev, totals)?;
            continue;
        }
        if !compressible(&path) {
            continue;
        }
        let bytes = fs::read(&path).ctx(format!("reading {}", path.display()))?;
        if bytes.len() < MIN_BYTES {
            continue;
        }
        let same_as_before = fs::read(&prev).map(|b| b == bytes).unwrap_or(false);
        for (ext, f) in [("br", brotli as fn(&[u8]) -> Vec<u8>), ("gz", gzip)] {
            let to = with_suffix(&path, ext);
            let old = with_suffix(&prev, ext);
            let packed = match fs::read(&old) {
                Ok(b) if same_as_before => b,
                _ => f(&bytes),
            };
            if packed.len() < bytes.len() {
                fs::write(&to, &packed).ctx(format!("writing {}", to.display()))?;
                totals.0 += 1;
                totals.1 += packed.len() as u64;
            }
        }
    }
    Ok(())
}

/// `a/b.wasm` -> `a/b.wasm.br`.
pub fn with_suffix(path: &Path, ext: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    s.into()
}

/// True for a content-hashed bundle (`pkg/kipp-app.0123456789.wasm`): its
/// name changes with its bytes, so it may be cached for a year.
pub fn immutable(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let Some((_, hash)) = stem.rsplit_once('.') else {
        return false;
    };
    matches!(ext, "js" | "wasm") && hash.len() == 10 && hash.bytes().all(|c| c.is_ascii_hexdigit())
}

/// `Cache-Control` of a file: a year for hashed bundles, otherwise ask
/// again each time (the ETag makes that a 304).
pub fn cache_control(name: &str) -> &'static str {
    if immutable(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// A strong ETag of the bytes sent (per encoding).
pub fn etag(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    let hex: String = h.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// The encoding to send for an `Accept-Encoding` header value: `br`, then
/// `gzip`, then none. A `q=0` refuses an encoding.
pub fn choose(accept: &str, have_br: bool, have_gz: bool) -> Option<&'static str> {
    let accepts = |name: &str| {
        accept.split(',').any(|part| {
            let mut it = part.split(';');
            let enc = it.next().unwrap_or("").trim();
            let refused = it.any(|p| {
                let p = p.trim();
                p.strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f64>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (enc.eq_ignore_ascii_case(name) || enc == "*") && !refused
        })
    };
    if have_br && accepts("br") {
        Some("br")
    } else if have_gz && accepts("gzip") {
        Some("gzip")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_decompress_to_the_original() {
        let text = "kipp ".repeat(1000);
        let mut back = Vec::new();
        brotli::Decompressor::new(&brotli(text.as_bytes())[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text.as_bytes());
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gzip(text.as_bytes())[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn encodings_follow_accept_encoding() {
        assert_eq!(choose("gzip, deflate, br, zstd", true, true), Some("br"));
        assert_eq!(choose("gzip, deflate", true, true), Some("gzip"));
        assert_eq!(choose("br;q=0, gzip", true, true), Some("gzip"));
        assert_eq!(choose("*", true, true), Some("br"));
        assert_eq!(choose("", true, true), None);
        assert_eq!(choose("br", false, true), None);
        assert_eq!(choose("gzip;q=0.5", false, true), Some("gzip"));
    }

    #[test]
    fn only_hashed_bundles_are_immutable() {
        assert!(immutable("kipp-app.0123456789.wasm"));
        assert!(immutable("kipp-app.abcdefabcd.js"));
        assert!(!immutable("kipp-app.js"));
        assert!(!immutable("index.html"));
        assert!(!immutable("kipp-app.0123456789.wasm.br"));
        assert_eq!(cache_control("index.html"), "no-cache");
        assert!(cache_control("kipp-wasm.0123456789.js").contains("immutable"));
    }

    #[test]
    fn precompress_writes_smaller_copies_and_reuses_unchanged_ones() {
        let dir = std::env::temp_dir().join(format!("kipp-compress-{}", std::process::id()));
        let (a, b) = (dir.join("new"), dir.join("old"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(a.join("pkg")).unwrap();
        fs::create_dir_all(b.join("pkg")).unwrap();
        let big = "x".repeat(5000);
        fs::write(a.join("pkg/a.js"), &big).unwrap();
        fs::write(a.join("tiny.css"), "a{}").unwrap();
        fs::write(a.join("p.png"), &big).unwrap();
        // the last build had the same a.js with a (recognisable) .br copy
        fs::write(b.join("pkg/a.js"), &big).unwrap();
        fs::write(b.join("pkg/a.js.br"), b"old-br").unwrap();
        precompress(&a, &b).unwrap();
        assert_eq!(fs::read(a.join("pkg/a.js.br")).unwrap(), b"old-br");
        assert!(fs::metadata(a.join("pkg/a.js.gz")).unwrap().len() < 5000);
        assert!(!a.join("tiny.css.br").exists());
        assert!(!a.join("p.png.gz").exists());
        let _ = fs::remove_dir_all(&dir);
    }
}
