//! Sentences built from numbers, shared by the formats (`kipp summary`), the
//! app and the widgets so that each says it the same way.

use crate::Lang;

/// Groups a run of ASCII digits by thousands with `sep` ("1184" -> "1.184").
pub fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A whole number with id-ID (`1.184`) or en (`1,184`) digit grouping.
pub fn thousands(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    group_digits(&n.to_string(), sep)
}

/// How many of `counts` (sorted, most first) make "the top three": the
/// first three and every one tied with the third.
pub fn top_three_len(counts: impl IntoIterator<Item = u64>) -> usize {
    let mut n = 0;
    let mut third = None;
    for c in counts {
        match third {
            Some(t) if c < t => break,
            _ => {}
        }
        n += 1;
        if n == 3 {
            third = Some(c);
        }
    }
    n
}

/// Participation as a news post writes it: "107 inovasi dari 36 perangkat
/// daerah; terbanyak Dinas Kesehatan (38), Dinas Pendidikan (25) dan Dinas
/// Pekerjaan Umum (4)." `top` is the top three with every agency tied with
/// the third (most first); a tie at the third place names the tied ones by
/// number ("… dan 3 perangkat daerah dengan 5 inovasi").
pub fn participation(
    innovations: u64,
    agencies: Option<u64>,
    top: &[(&str, u64)],
    lang: Lang,
) -> String {
    let n = thousands(innovations, lang);
    let mut s = match (lang, agencies) {
        (Lang::Id, Some(a)) if a > 0 => {
            format!("{n} inovasi dari {} perangkat daerah", thousands(a, lang))
        }
        (Lang::En, Some(1)) => format!("{n} innovations from 1 agency"),
        (Lang::En, Some(a)) if a > 0 => {
            format!("{n} innovations from {} agencies", thousands(a, lang))
        }
        (Lang::Id, _) => format!("{n} inovasi"),
        (Lang::En, _) => format!("{n} innovations"),
    };
    if !top.is_empty() {
        let (most, and) = match lang {
            Lang::Id => ("; terbanyak ", " dan "),
            Lang::En => ("; most from ", " and "),
        };
        s.push_str(most);
        let named = |(name, count): &(&str, u64)| format!("{name} ({})", thousands(*count, lang));
        let mut parts: Vec<String>;
        if top.len() > 3 {
            let third = top[2].1;
            parts = top.iter().filter(|c| c.1 > third).map(named).collect();
            let tied = top.iter().filter(|c| c.1 == third).count() as u64;
            parts.push(match lang {
                Lang::Id => format!(
                    "{} perangkat daerah dengan {} inovasi",
                    thousands(tied, lang),
                    thousands(third, lang)
                ),
                Lang::En => format!(
                    "{} agencies with {} each",
                    thousands(tied, lang),
                    thousands(third, lang)
                ),
            });
        } else {
            parts = top.iter().map(named).collect();
        }
        match parts.len() {
            1 => s.push_str(&parts[0]),
            k => {
                s.push_str(&parts[..k - 1].join(", "));
                s.push_str(and);
                s.push_str(&parts[k - 1]);
            }
        }
    }
    s.push('.');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_sentences() {
        assert_eq!(thousands(1184, Lang::Id), "1.184");
        assert_eq!(thousands(1184, Lang::En), "1,184");
        assert_eq!(thousands(1_000_000, Lang::Id), "1.000.000");
        assert_eq!(thousands(0, Lang::Id), "0");
        assert_eq!(participation(515, None, &[], Lang::Id), "515 inovasi.");
        assert_eq!(top_three_len([38, 25, 4, 1]), 3);
        assert_eq!(top_three_len([6, 6, 5, 5, 5, 4]), 5);
        assert_eq!(top_three_len([2, 1]), 2);
        assert_eq!(top_three_len([]), 0);
        assert_eq!(
            participation(107, Some(36), &[("A", 38), ("B", 25)], Lang::Id),
            "107 inovasi dari 36 perangkat daerah; terbanyak A (38) dan B (25)."
        );
    }
}
