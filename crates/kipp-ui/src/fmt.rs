//! Numbers and dates for the interface: id-ID (`81,5`, `1.234`,
//! `27 Agustus 2020`) or en (`81.5`, `1,234`, `27 August 2020`).

use crate::Lang;

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An ISO date `YYYY-MM-DD` as `27 Agustus 2020` / `27 August 2020`;
/// `None` when `iso` is not such a date.
pub fn date(iso: &str, lang: Lang) -> Option<String> {
    let mut parts = iso.trim().splitn(3, '-');
    let y = parts.next()?;
    let m = parts.next()?;
    let d = parts.next()?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    let month: usize = m.parse().ok()?;
    let day: u32 = d.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let names = match lang {
        Lang::Id => &MONTHS_ID,
        Lang::En => &MONTHS_EN,
    };
    Some(format!("{day} {} {y}", names[month - 1]))
}

/// `x` rounded to at most `decimals` places, trailing zeros dropped, with
/// the decimal separator and digit grouping of `lang` (`81,5`, `1.234,25`;
/// en: `81.5`, `1,234.25`). Not finite: `–`.
pub fn number(x: f64, decimals: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (text.as_str(), ""),
    };
    let (dec, grp) = match lang {
        Lang::Id => (',', '.'),
        Lang::En => ('.', ','),
    };
    let mut out = String::new();
    let zero = int.bytes().all(|b| b == b'0') && frac.is_empty();
    if x < 0.0 && !zero {
        out.push('−');
    }
    out.push_str(&kipp_lang::sentences::group_digits(int, grp));
    if !frac.is_empty() {
        out.push(dec);
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            date("2020-08-27", Lang::Id).as_deref(),
            Some("27 Agustus 2020")
        );
        assert_eq!(
            date("2023-11-07", Lang::En).as_deref(),
            Some("7 November 2023")
        );
        assert_eq!(date("2023-13-07", Lang::En), None);
        assert_eq!(date("27-08-2020", Lang::Id), None);
        assert_eq!(date("", Lang::Id), None);
    }

    #[test]
    fn numbers() {
        assert_eq!(number(81.5, 2, Lang::Id), "81,5");
        assert_eq!(number(81.5, 2, Lang::En), "81.5");
        assert_eq!(number(1234.256, 2, Lang::Id), "1.234,26");
        assert_eq!(number(1234.256, 2, Lang::En), "1,234.26");
        assert_eq!(number(80.0, 2, Lang::Id), "80");
        assert_eq!(number(-5.0, 1, Lang::Id), "−5");
        assert_eq!(number(-0.0001, 2, Lang::Id), "0");
        assert_eq!(number(123456789.0, 0, Lang::Id), "123.456.789");
        assert_eq!(number(f64::NAN, 2, Lang::Id), "–");
    }
}
