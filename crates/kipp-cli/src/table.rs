//! The readable terminal table of `kipp rank --format table`.

use std::collections::HashMap;
use std::fmt::Write as _;

use kipp_score::{Innovation, Lang, Prepared, RunResult};

/// A number with two decimals, id-ID (`81,50`) or en (`81.50`).
pub fn num(x: f64, lang: Lang) -> String {
    let s = format!("{x:.2}");
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

struct Words {
    stage: &'static str,
    rank: &'static str,
    category_rank: &'static str,
    innovation: &'static str,
    agency: &'static str,
    score: &'static str,
    raw: &'static str,
    bonus: &'static str,
    sheets: &'static str,
    advanced: &'static str,
    yes: &'static str,
    no: &'static str,
    tie: String,
    incomplete: String,
    warnings: &'static str,
    winners: &'static str,
    digest: &'static str,
    none: &'static str,
}

/// The table's words: the glossary's (kipp_lang::words), plus a few of
/// the CLI's own.
fn words(lang: Lang) -> Words {
    use kipp_lang::words as g;
    let own = |id: &'static str, en: &'static str| kipp_lang::W(id, en).t(lang);
    // Inside a sentence: "tidak (penilaian belum lengkap)".
    let lower = |w: kipp_lang::W| {
        let t = w.t(lang);
        let mut c = t.chars();
        match c.next() {
            Some(f) => f.to_lowercase().chain(c).collect::<String>(),
            None => String::new(),
        }
    };
    Words {
        stage: g::STAGE.t(lang),
        rank: g::RANK.t(lang),
        category_rank: own("Per. kategori", "Cat. rank"),
        innovation: g::INNOVATION.t(lang),
        agency: g::AGENCY.t(lang),
        score: g::SCORE.t(lang),
        raw: g::RAW.t(lang),
        bonus: g::BONUS.t(lang),
        sheets: own("Lembar", "Sheets"),
        advanced: g::ADVANCES.t(lang),
        yes: own("ya", "yes"),
        no: own("tidak", "no"),
        tie: lower(g::TIE_AT_CUTOFF),
        incomplete: lower(g::INCOMPLETE),
        warnings: own("Peringatan", "Warnings"),
        winners: g::WINNERS.t(lang),
        digest: own("Digest", "Digest"),
        none: own("tidak ada", "none"),
    }
}

/// Columns aligned by character count; numbers right-aligned.
fn render(out: &mut String, head: &[&str], rows: &[Vec<String>], right: &[bool]) {
    let mut w: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |out: &mut String, cells: &[String]| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = w[i].saturating_sub(c.chars().count());
            if i > 0 {
                l.push_str("  ");
            }
            if right[i] {
                l.push_str(&" ".repeat(pad));
                l.push_str(c);
            } else {
                l.push_str(c);
                if i + 1 < cells.len() {
                    l.push_str(&" ".repeat(pad));
                }
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(out, &head.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    let total: usize = w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    out.push_str(&"─".repeat(total));
    out.push('\n');
    for r in rows {
        line(out, r);
    }
}

/// The whole result as text tables, one per stage, then the winners and digest.
pub fn result_table(r: &RunResult, p: &Prepared, lang: Lang) -> String {
    let wd = words(lang);
    let by_id: HashMap<&str, &Innovation> =
        p.innovations().iter().map(|i| (i.id.as_str(), i)).collect();
    let mut out = String::new();
    let _ = writeln!(out, "{}", p.competition().name);
    for (k, s) in r.stages.iter().enumerate() {
        let sname = p
            .competition()
            .stages
            .get(k)
            .map(|st| st.name.as_str())
            .unwrap_or(&s.id);
        let _ = writeln!(out, "\n{} {}: {} ({})\n", wd.stage, k + 1, sname, s.id);
        let per_cat = s.rows.iter().any(|row| row.category_rank.is_some());
        let mut head = vec![wd.rank];
        if per_cat {
            head.push(wd.category_rank);
        }
        head.extend([
            wd.innovation,
            wd.agency,
            wd.score,
            wd.raw,
            wd.bonus,
            wd.sheets,
            wd.advanced,
        ]);
        let mut right = vec![true];
        if per_cat {
            right.push(true);
        }
        right.extend([false, false, true, true, true, true, false]);
        let rows: Vec<Vec<String>> = s
            .rows
            .iter()
            .map(|row| {
                let inn = by_id.get(row.id.as_str());
                let title = inn.map(|i| i.title.as_str()).unwrap_or("");
                let mut cells = vec![row
                    .rank
                    .map(|x| x.to_string())
                    .unwrap_or_else(|| "–".into())];
                if per_cat {
                    cells.push(
                        row.category_rank
                            .map(|x| x.to_string())
                            .unwrap_or_else(|| "–".into()),
                    );
                }
                let opt = |x: Option<f64>| x.map(|v| num(v, lang)).unwrap_or_else(|| "–".into());
                let mut adv = if row.advanced { wd.yes } else { wd.no }.to_string();
                if row.tie_at_cutoff {
                    adv.push_str(&format!(" ({})", wd.tie));
                }
                if row.incomplete {
                    adv = format!("{} ({})", wd.no, wd.incomplete);
                }
                cells.extend([
                    cut(&format!("{} {}", row.id, title), 48),
                    cut(inn.map(|i| i.agency.as_str()).unwrap_or(""), 28),
                    opt(row.score),
                    opt(row.raw),
                    opt(row.bonus),
                    row.sheets.to_string(),
                    adv,
                ]);
                cells
            })
            .collect();
        render(&mut out, &head, &rows, &right);
        let warnings = s.warning_messages(lang);
        if !warnings.is_empty() {
            let _ = writeln!(out, "\n{}:", wd.warnings);
            for w in warnings {
                let _ = writeln!(out, "  - {w}");
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{}: {}",
        wd.winners,
        if r.winners.is_empty() {
            wd.none.to_string()
        } else {
            r.winners.join(", ")
        }
    );
    let _ = writeln!(out, "{}: {} ({})", wd.digest, r.digest, r.engine);
    out
}

/// The order of the §5.1 keys in tables (JSON objects come back sorted).
const KEY_ORDER: [&str; 23] = [
    "id",
    "judge",
    "draws",
    "kendall_tau_b",
    "spearman_rho",
    "rank_a",
    "rank_b",
    "change",
    "p_advance",
    "ranked_draws",
    "mean_rank",
    "p5",
    "p50",
    "p95",
    "sheets",
    "leniency",
    "advancing_changed",
    "alpha",
    "entered",
    "left",
    "rows",
    "judges",
    "leave_one_out",
];

fn key_order(k: &str) -> usize {
    KEY_ORDER
        .iter()
        .position(|x| *x == k)
        .unwrap_or(KEY_ORDER.len())
}

/// Column header for a key of the §5.1 outputs.
fn key_word(k: &str, lang: Lang) -> String {
    let (id, en) = match k {
        "id" => ("Id", "Id"),
        "judge" => ("Juri", "Judge"),
        "p_advance" => ("Peluang lolos", "P(advance)"),
        "ranked_draws" => ("Undian berperingkat", "Ranked draws"),
        "mean_rank" => ("Rerata peringkat", "Mean rank"),
        "p5" => ("P5", "P5"),
        "p50" => ("P50", "P50"),
        "p95" => ("P95", "P95"),
        "rank_a" => ("Peringkat A", "Rank A"),
        "rank_b" => ("Peringkat B", "Rank B"),
        "change" => ("Perubahan", "Change"),
        "sheets" => ("Lembar", "Sheets"),
        "leniency" => ("Kecenderungan penilai", "Leniency"),
        "advancing_changed" => ("Perubahan status lolos", "Advancing changed"),
        "kendall_tau_b" => ("Kendall τ-b", "Kendall τ-b"),
        "spearman_rho" => ("Spearman ρ", "Spearman ρ"),
        "entered" => (
            "Masuk (lolos di B, tidak di A)",
            "Entered (advances in B, not in A)",
        ),
        "left" => (
            "Keluar (lolos di A, tidak di B)",
            "Left (advances in A, not in B)",
        ),
        "alpha" => (
            "Kesepakatan antarpenilai (α Krippendorff)",
            "Agreement between judges (Krippendorff's α)",
        ),
        "draws" => ("Undian", "Draws"),
        "judges" => ("Juri", "Judges"),
        "leave_one_out" => ("Tanpa satu juri", "Leave one judge out"),
        "rows" => ("Inovasi", "Innovations"),
        _ => return k.to_string(),
    };
    match lang {
        Lang::Id => id.to_string(),
        Lang::En => en.to_string(),
    }
}

fn scalar(v: &serde_json::Value, lang: Lang) -> String {
    match v {
        serde_json::Value::Null => "–".into(),
        serde_json::Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u.to_string(),
            (_, Some(i), _) => i.to_string(),
            (_, _, Some(x)) => {
                let s = format!("{x:.3}");
                match lang {
                    Lang::Id => s.replace('.', ","),
                    Lang::En => s,
                }
            }
            _ => n.to_string(),
        },
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Array(a) => a
            .iter()
            .map(|x| scalar(x, lang))
            .collect::<Vec<_>>()
            .join(", "),
        serde_json::Value::Object(o) => o
            .iter()
            .map(|(k, x)| format!("{k}: {}", scalar(x, lang)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A readable rendering of a §5.1 output (simulation, comparison, judge
/// report): per stage its scalar fields, then each list of objects as a table.
pub fn value_tables(v: &serde_json::Value, lang: Lang, title: &str) -> String {
    let wd = words(lang);
    let mut out = String::new();
    let _ = writeln!(out, "{title}");
    let stages = v["stages"].as_array().cloned().unwrap_or_default();
    for (k, s) in stages.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{} {}: {}\n",
            wd.stage,
            k + 1,
            s["id"].as_str().unwrap_or("")
        );
        let Some(obj) = s.as_object() else { continue };
        let mut fields: Vec<(&String, &serde_json::Value)> = obj.iter().collect();
        fields.sort_by_key(|(k, _)| key_order(k));
        for (key, val) in fields {
            if key == "id" {
                continue;
            }
            let table_rows = val
                .as_array()
                .filter(|a| !a.is_empty() && a.iter().all(|x| x.is_object()));
            match table_rows {
                Some(rows) => {
                    let _ = writeln!(out, "{}:", key_word(key, lang));
                    let mut cols: Vec<String> = rows[0]
                        .as_object()
                        .map(|o| o.keys().cloned().collect())
                        .unwrap_or_default();
                    cols.sort_by_key(|k| key_order(k));
                    let head_words: Vec<String> = cols.iter().map(|c| key_word(c, lang)).collect();
                    let head: Vec<&str> = head_words.iter().map(|s| s.as_str()).collect();
                    let right: Vec<bool> = cols
                        .iter()
                        .map(|c| rows.iter().any(|r| r[c.as_str()].is_number()))
                        .collect();
                    let cells: Vec<Vec<String>> = rows
                        .iter()
                        .map(|r| cols.iter().map(|c| scalar(&r[c.as_str()], lang)).collect())
                        .collect();
                    render(&mut out, &head, &cells, &right);
                    out.push('\n');
                }
                None => {
                    let _ = writeln!(out, "{}: {}", key_word(key, lang), scalar(val, lang));
                }
            }
        }
    }
    out
}

/// The outcome of `kipp verify` as text: one line when it matches, else a
/// table of every difference.
pub fn verify_table(v: &kipp_formats::Verification, decisions: usize, lang: Lang) -> String {
    let mut out = String::new();
    let en = lang == Lang::En;
    let count = |n: usize| {
        let s = n.to_string();
        if en || s.len() <= 3 {
            return s;
        }
        // id-ID thousands: 4.000
        let mut o = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                o.push('.');
            }
            o.push(ch);
        }
        o
    };
    let what = if en {
        format!(
            "{} innovations, {} stages, {} rows, {} panel decisions",
            count(v.innovations),
            v.stages,
            count(v.rows),
            decisions
        )
    } else {
        format!(
            "{} inovasi, {} tahap, {} baris, {} keputusan panel",
            count(v.innovations),
            v.stages,
            count(v.rows),
            decisions
        )
    };
    if v.matches() {
        let _ = writeln!(
            out,
            "{}: {what}; digest {}",
            if en { "Matches" } else { "Cocok" },
            v.digest
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{}: {} ({what})\n",
        if en { "DIFFERS" } else { "BERBEDA" },
        if en {
            format!("{} differences", v.differences.len())
        } else {
            format!("{} perbedaan", v.differences.len())
        }
    );
    let head: [&str; 5] = if en {
        ["stage", "innovation", "field", "published", "recomputed"]
    } else {
        ["tahap", "inovasi", "bagian", "terbitan", "dihitung ulang"]
    };
    let rows: Vec<Vec<String>> = v
        .differences
        .iter()
        .map(|d| {
            vec![
                d.stage.clone(),
                d.innovation.clone(),
                d.field.clone(),
                cut(&d.published, 40),
                cut(&d.recomputed, 40),
            ]
        })
        .collect();
    render(&mut out, &head, &rows, &[false; 5]);
    out
}
