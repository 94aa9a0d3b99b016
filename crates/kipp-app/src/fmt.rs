//! Numbers and dates for the app, on top of [`kipp_ui::fmt`] (id-ID: `81,5`,
//! `27 Agustus 2020`; en: `81.5`, `27 August 2020`).

use kipp_ui::Lang;

/// `x` with at most `max_dec` decimals in the conventions of `lang`.
pub fn num(x: f64, max_dec: usize, lang: Lang) -> String {
    kipp_ui::fmt::number(x, max_dec, lang)
}

/// A score as shown in tables: two decimals at most; `–` when absent.
pub fn score(x: Option<f64>, lang: Lang) -> String {
    match x {
        Some(v) => num(v, 2, lang),
        None => "–".into(),
    }
}

pub use kipp_session::parse_num;

/// A timestamp `2026-11-22T07:05:00.000Z` as `22 November 2026, 07.05`
/// (en: `22 November 2026, 07:05`); a bare date as the date; anything else
/// unchanged.
pub fn datetime(iso: &str, lang: Lang) -> String {
    let (d, t) = match iso.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (iso, None),
    };
    let Some(mut out) = kipp_ui::fmt::date(d, lang) else {
        return iso.to_string();
    };
    if let Some(t) = t {
        if let (Some(h), Some(m)) = (t.get(0..2), t.get(3..5)) {
            let sep = if lang == Lang::Id { '.' } else { ':' };
            out.push_str(&format!(", {h}{sep}{m}"));
            if let Some(z) = zone(t) {
                out.push(' ');
                out.push_str(&z);
            }
        }
    }
    out
}

/// The zone of an ISO 8601 time (`21:05:00+07:00`): Indonesia's own names
/// for its three offsets (WIB, WITA, WIT), `UTC` for `Z` or `+00:00`, else
/// `UTC+hh:mm`; `None` when the time has no offset.
pub fn zone(time: &str) -> Option<String> {
    if time.ends_with('Z') {
        return Some("UTC".into());
    }
    let at = time.rfind(['+', '-'])?;
    let off = &time[at..];
    if off.len() != 6 || off.as_bytes()[3] != b':' {
        return None;
    }
    Some(
        match off {
            "+07:00" => "WIB",
            "+08:00" => "WITA",
            "+09:00" => "WIT",
            "+00:00" | "-00:00" => "UTC",
            _ => return Some(format!("UTC{off}")),
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_by_their_indonesian_names() {
        assert_eq!(zone("21:05:00+07:00").as_deref(), Some("WIB"));
        assert_eq!(zone("21:05:00+08:00").as_deref(), Some("WITA"));
        assert_eq!(zone("21:05:00+09:00").as_deref(), Some("WIT"));
        assert_eq!(zone("14:05:00Z").as_deref(), Some("UTC"));
        assert_eq!(zone("14:05:00+05:30").as_deref(), Some("UTC+05:30"));
        assert_eq!(zone("14:05:00"), None);
        assert_eq!(
            datetime("2026-12-01T21:05:00+08:00", Lang::Id),
            format!(
                "{}, 21.05 WITA",
                kipp_ui::fmt::date("2026-12-01", Lang::Id).unwrap()
            )
        );
    }

    #[test]
    fn typed_numbers() {
        assert_eq!(parse_num(" 7,5 "), Some(7.5));
        assert_eq!(parse_num("7.5"), Some(7.5));
        assert_eq!(parse_num("x"), None);
        assert_eq!(parse_num("NaN"), None);
        assert_eq!(parse_num(""), None);
    }

    #[test]
    fn timestamps() {
        assert_eq!(
            datetime("2026-11-22T07:05:00Z", Lang::Id),
            "22 November 2026, 07.05 UTC"
        );
        assert_eq!(
            datetime("2026-11-22T07:05:00Z", Lang::En),
            "22 November 2026, 07:05 UTC"
        );
        assert_eq!(datetime("2020-08-27", Lang::Id), "27 Agustus 2020");
        assert_eq!(datetime("garbage", Lang::Id), "garbage");
    }

    #[test]
    fn scores() {
        assert_eq!(score(Some(81.5), Lang::Id), "81,5");
        assert_eq!(score(None, Lang::Id), "–");
    }
}
