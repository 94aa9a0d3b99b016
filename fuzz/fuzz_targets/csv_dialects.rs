//! A table of arbitrary cells written as comma CSV and as semicolon CSV
//! (quoted where needed): both read to the same records, or both fail.
#![no_main]
use libfuzzer_sys::fuzz_target;

fn quote(cell: &str, delim: char) -> String {
    if cell.contains([delim, '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ') {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

fn write(rows: &[Vec<String>], delim: char) -> String {
    let mut out = String::new();
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| quote(c, delim)).collect();
        out.push_str(&cells.join(&delim.to_string()));
        out.push('\n');
    }
    out
}

const HEADS: [&[&str]; 3] = [
    &[
        "id",
        "title",
        "agency",
        "category",
        "eligible",
        "years_running",
    ],
    &["stage", "innovation", "judge", "criterion", "score"],
    &["id", "name", "agency", "conflicts"],
];

fuzz_target!(|input: (u8, Vec<Vec<String>>)| {
    let (which, body) = input;
    let head: Vec<String> = HEADS[which as usize % 3]
        .iter()
        .map(|s| s.to_string())
        .collect();
    // Cells without the characters that differ between dialects (a decimal
    // comma is read only with `;`), so both files hold the same text.
    let body: Vec<Vec<String>> = body
        .into_iter()
        .take(50)
        .map(|r| {
            r.into_iter()
                .take(head.len())
                .map(|c| c.replace([',', ';', '\t'], " "))
                .collect::<Vec<_>>()
        })
        .filter(|r: &Vec<String>| !r.is_empty())
        .collect();
    let mut rows = vec![head];
    rows.extend(body);
    let comma = write(&rows, ',');
    let semi = write(&rows, ';');
    let a = kipp_formats::parse_innovations("a.csv", comma.as_bytes());
    let b = kipp_formats::parse_innovations("a.csv", semi.as_bytes());
    match (&a, &b) {
        (Ok(x), Ok(y)) => {
            assert_eq!(x.len(), y.len());
            for (p, q) in x.iter().zip(y) {
                assert_eq!(
                    (&p.id, &p.title, &p.agency, p.eligible),
                    (&q.id, &q.title, &q.agency, q.eligible)
                );
            }
        }
        (Err(p), Err(q)) => {
            kipp_fuzz::check_problems(p);
            kipp_fuzz::check_problems(q);
        }
        _ => panic!("comma and semicolon disagree:\n{comma}\n{semi}\n{a:?}\n{b:?}"),
    }
    let a = kipp_formats::parse_scores("s.csv", comma.as_bytes());
    let b = kipp_formats::parse_scores("s.csv", semi.as_bytes());
    match (&a, &b) {
        (Ok(x), Ok(y)) => {
            assert_eq!(x.len(), y.len());
            for (p, q) in x.iter().zip(y) {
                assert_eq!(
                    (&p.stage, &p.innovation, &p.judge, &p.criterion),
                    (&q.stage, &q.innovation, &q.judge, &q.criterion)
                );
                assert_eq!(p.value.to_bits(), q.value.to_bits());
                assert!(p.value.is_finite());
            }
        }
        (Err(p), Err(q)) => {
            kipp_fuzz::check_problems(p);
            kipp_fuzz::check_problems(q);
        }
        _ => panic!("comma and semicolon disagree:\n{comma}\n{semi}\n{a:?}\n{b:?}"),
    }
    kipp_fuzz::all_tables("j.csv", semi.as_bytes());
});
