//! The glossary (docs/glossary.md) against the code: every word of
//! `kipp_lang::words` is one of its words, and no interface text uses a word
//! of its "avoid" list.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn glossary() -> String {
    fs::read_to_string(root().join("docs/glossary.md")).expect("docs/glossary.md")
}

/// The Indonesian column of the first table, lowercased.
fn indonesian_column(doc: &str) -> String {
    let mut out = String::new();
    for line in doc.lines().skip_while(|l| !l.starts_with("| code")) {
        if !line.starts_with('|') {
            break;
        }
        if let Some(cell) = line.split('|').nth(2) {
            out.push_str(&cell.to_lowercase());
            out.push('\n');
        }
    }
    out
}

/// The "avoid" words: the first cell of each row after "## Avoid", without
/// a parenthesised note.
fn avoided(doc: &str) -> Vec<String> {
    let section = doc.split("## Avoid").nth(1).expect("an Avoid section");
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| avoid"))
        .filter_map(|l| l.split('|').nth(1))
        .map(|c| c.split('(').next().unwrap_or("").trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn every_word_is_a_glossary_word() {
    let column = indonesian_column(&glossary());
    assert!(column.contains("perangkat daerah"), "the table was read");
    for w in kipp_lang::words::GLOSSARY {
        assert!(
            column.contains(&w.0.to_lowercase()),
            "{:?} is not a word of docs/glossary.md",
            w.0
        );
    }
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !matches!(name, "target" | "node_modules" | "tests" | "vendor") {
                sources(&p, out);
            }
        } else if ["rs", "js", "php", "html"]
            .iter()
            .any(|x| name.ends_with(&format!(".{x}")))
        {
            out.push(p);
        }
    }
}

/// Places where `word` stands as a whole word in `text` (lowercased).
fn whole_word_hits(text: &str, word: &str) -> Vec<usize> {
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let edge = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if edge(before) && edge(after) {
            hits.push(at);
        }
        from = at + word.len();
    }
    hits
}

#[test]
fn no_interface_text_uses_an_avoided_word() {
    let doc = glossary();
    let words = avoided(&doc);
    assert!(
        words.contains(&"pelit".to_string()),
        "the avoid list was read: {words:?}"
    );
    let root = root();
    let mut files = Vec::new();
    for dir in ["crates", "www", "wordpress"] {
        sources(&root.join(dir), &mut files);
    }
    // Header aliases: what officers type is accepted, not shown.
    files.retain(|p| !p.ends_with("kipp-formats/src/book.rs"));
    assert!(files.len() > 20, "sources found: {}", files.len());
    let mut found = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap_or_default().to_lowercase();
        for w in &words {
            for at in whole_word_hits(&text, w) {
                // "batas per instansi" is the glossary's own phrase.
                if w == "instansi" && text[..at].ends_with("per ") {
                    continue;
                }
                // Identifiers and comments in English are not interface text;
                // only the inside of string literals counts.
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let quotes = text[line_start..at].matches('"').count();
                if quotes % 2 == 1 || f.extension().is_some_and(|x| x == "html") {
                    let line = text[..at].matches('\n').count() + 1;
                    found.push(format!("{}:{line}: {w}", f.display()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "avoided words (docs/glossary.md):\n{}",
        found.join("\n")
    );
}
