//! Number reading rules of scoring.md §1.1 (attributes) and §1.5 (scores).

use kipp_score::Attr;

/// §1.1 numeric attribute rule: trimmed text matches `-?[0-9]+(\.[0-9]+)?`,
/// and with `decimal_comma` (a `;`-delimited file) also `-?[0-9]+(,[0-9]+)?`.
pub fn attr_number(text: &str, decimal_comma: bool) -> Option<f64> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, frac, sep) = match digits.find(['.', ',']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..]), digits.as_bytes()[i]),
        None => (digits, None, b'.'),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(frac) = frac {
        if sep == b',' && !decimal_comma {
            return None;
        }
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let normalised;
    let s = if sep == b',' {
        normalised = t.replacen(',', ".", 1);
        normalised.as_str()
    } else {
        t
    };
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// An attribute from the text of a cell: trimmed; empty text is absent.
pub fn attr_from_text(text: &str, decimal_comma: bool) -> Option<Attr> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    Some(Attr {
        text: t.to_string(),
        number: attr_number(t, decimal_comma),
    })
}

/// The shortest decimal form of a JSON number as attribute text (§1.1): Rust's
/// `Display` for `f64`, which writes `2` for 2.0 and never uses an exponent.
pub fn number_text(x: f64) -> String {
    format!("{x}")
}

/// `str::trim`, at once when the text neither starts nor ends with white
/// space: Unicode white space is either an ASCII byte up to the space or a
/// character of several bytes (its first and last bytes are not ASCII), so
/// printable ASCII bytes at both ends mean there is nothing to trim.
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z)) if (0x21..0x80).contains(&a) && (0x21..0x80).contains(&z) => s,
        _ => s.trim(),
    }
}

/// Why a score text is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreError {
    /// Empty cell.
    Empty,
    /// Not a decimal number.
    NotNumber,
    /// NaN or an infinity (written, or overflowing).
    NotFinite,
}

/// §1.5 score rule: a finite decimal number, optionally signed and with an
/// exponent; with `decimal_comma` a single `,` may stand for the point.
///
/// One pass over the text sorts its bytes; a plain integer of up to 15
/// digits (most scores) is then converted directly (exactly, as
/// `str::parse` would), anything else goes through `str::parse`.
pub fn score_number(text: &str, decimal_comma: bool) -> Result<f64, ScoreError> {
    let t = trim(text);
    if t.is_empty() {
        return Err(ScoreError::Empty);
    }
    let b = t.as_bytes();
    let (mut commas, mut dots, mut signs) = (0usize, 0usize, 0usize);
    let (mut digit, mut mantissa_digit, mut exponent, mut other) = (false, false, false, false);
    let mut int: u64 = 0;
    for &c in b {
        match c {
            b'0'..=b'9' => {
                digit = true;
                if !exponent {
                    mantissa_digit = true;
                }
                int = int.wrapping_mul(10).wrapping_add((c - b'0') as u64);
            }
            b'.' => dots += 1,
            b',' => commas += 1,
            b'+' | b'-' => signs += 1,
            b'e' | b'E' => exponent = true,
            _ => other = true,
        }
    }
    if other {
        // Only texts with other characters can be these words.
        let bare = t.trim_start_matches(['+', '-']);
        if ["nan", "inf", "infinity"]
            .iter()
            .any(|w| bare.eq_ignore_ascii_case(w))
        {
            return Err(ScoreError::NotFinite);
        }
        return Err(ScoreError::NotNumber);
    }
    // Only digits after at most one leading sign: an integer.
    let sign = matches!(b[0], b'+' | b'-') as usize;
    if commas == 0 && dots == 0 && !exponent && signs == sign && digit && b.len() - sign <= 15 {
        let x = int as f64;
        return Ok(if b[0] == b'-' { -x } else { x });
    }
    let mut buf = [0u8; 64];
    let owned;
    let s = if commas > 0 {
        if !decimal_comma || commas > 1 || dots > 0 {
            return Err(ScoreError::NotNumber);
        }
        if b.len() <= buf.len() {
            let buf = &mut buf[..b.len()];
            buf.copy_from_slice(b);
            for x in buf.iter_mut() {
                if *x == b',' {
                    *x = b'.';
                }
            }
            // Only ASCII bytes were seen.
            std::str::from_utf8(buf).unwrap_or("")
        } else {
            owned = t.replacen(',', ".", 1);
            owned.as_str()
        }
    } else {
        t
    };
    // The mantissa must have a digit before the exponent ("e5" and ".e5" are not numbers).
    if !digit || !mantissa_digit {
        return Err(ScoreError::NotNumber);
    }
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(ScoreError::NotFinite),
        Err(_) => Err(ScoreError::NotNumber),
    }
}

/// [`score_number`] as it was first written (four passes over the text):
/// the reference the one-pass reader is tested against.
#[cfg(test)]
fn score_number_reference(text: &str, decimal_comma: bool) -> Result<f64, ScoreError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ScoreError::Empty);
    }
    let bare = t.trim_start_matches(['+', '-']);
    if ["nan", "inf", "infinity"]
        .iter()
        .any(|w| bare.eq_ignore_ascii_case(w))
    {
        return Err(ScoreError::NotFinite);
    }
    let commas = t.bytes().filter(|&b| b == b',').count();
    let owned;
    let s = if commas > 0 {
        if !decimal_comma || commas > 1 || t.contains('.') {
            return Err(ScoreError::NotNumber);
        }
        owned = t.replacen(',', ".", 1);
        owned.as_str()
    } else {
        t
    };
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'+' | b'-' | b'e' | b'E'))
        || !s.bytes().any(|b| b.is_ascii_digit())
    {
        return Err(ScoreError::NotNumber);
    }
    let mantissa = s.split(['e', 'E']).next().unwrap_or("");
    if !mantissa.bytes().any(|b| b.is_ascii_digit()) {
        return Err(ScoreError::NotNumber);
    }
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(ScoreError::NotFinite),
        Err(_) => Err(ScoreError::NotNumber),
    }
}

/// `eligible` per §1.2: `true/false/ya/tidak/yes/no/1/0`, trimmed, any case;
/// empty means true. `None` when not one of these.
pub fn eligible(text: &str) -> Option<bool> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "" | "true" | "ya" | "yes" | "1" => Some(true),
        "false" | "tidak" | "no" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attr_numbers() {
        assert_eq!(attr_number(" 2 ", false), Some(2.0));
        assert_eq!(attr_number("-2.5", false), Some(-2.5));
        assert_eq!(attr_number("2,5", false), None);
        assert_eq!(attr_number("2,5", true), Some(2.5));
        assert_eq!(attr_number("2.5", true), Some(2.5));
        assert_eq!(attr_number("2.", false), None);
        assert_eq!(attr_number(".5", false), None);
        assert_eq!(attr_number("+5", false), None);
        assert_eq!(attr_number("1e3", false), None);
        assert_eq!(attr_number("", false), None);
        assert_eq!(attr_number("-", false), None);
        assert_eq!(attr_number("2.5.1", false), None);
    }

    #[test]
    fn scores() {
        assert_eq!(score_number("7,5", true), Ok(7.5));
        assert_eq!(score_number("7,5", false), Err(ScoreError::NotNumber));
        assert_eq!(score_number("7.5", true), Ok(7.5));
        assert_eq!(score_number("1e1", false), Ok(10.0));
        assert_eq!(score_number("-2.5E-1", false), Ok(-0.25));
        assert_eq!(score_number("NaN", false), Err(ScoreError::NotFinite));
        assert_eq!(score_number("-inf", false), Err(ScoreError::NotFinite));
        assert_eq!(score_number("Infinity", false), Err(ScoreError::NotFinite));
        assert_eq!(score_number("1e999", false), Err(ScoreError::NotFinite));
        assert_eq!(score_number("  ", false), Err(ScoreError::Empty));
        assert_eq!(score_number("e5", false), Err(ScoreError::NotNumber));
        assert_eq!(score_number("7 5", false), Err(ScoreError::NotNumber));
        assert_eq!(score_number("1.234,5", true), Err(ScoreError::NotNumber));
        assert_eq!(score_number("delapan", false), Err(ScoreError::NotNumber));
    }

    /// The one-pass reader agrees with the reference, to the bit, on every
    /// text of up to 4 of the characters that matter, and on longer
    /// numbers (-0, 15 and 16 digits, exponents, other white space).
    #[test]
    fn scores_as_the_reference() {
        let chars = [
            '0', '7', '.', ',', '+', '-', 'e', 'E', ' ', 'n', 'a', 'i', 'f',
        ];
        let mut texts: Vec<String> = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..4 {
            let mut next = Vec::new();
            for t in &texts {
                for c in chars {
                    next.push(format!("{t}{c}"));
                }
            }
            all.extend(next.iter().cloned());
            texts = next;
        }
        all.extend(
            [
                "-0",
                "+0",
                "00",
                "123456789012345",
                "1234567890123456",
                "9999999999999999999",
                "-123456789012345",
                "+-1",
                "1-",
                "1e",
                "1e+5",
                "7,5",
                "-7,5",
                " 8 ",
                "nan",
                "-NaN",
                "+inf",
                "Infinity",
                "infinity5",
                "1,2,3",
                "1.5e3",
                ".5",
                "5.",
                "1e999",
                "-1e999",
                "1e-999",
                "\u{663}",
                "1\u{a0}",
                "\u{2003}2",
            ]
            .map(String::from),
        );
        all.push(format!("1,{}", "0".repeat(70)));
        for t in &all {
            for dc in [false, true] {
                let a = score_number(t, dc).map(f64::to_bits);
                let b = score_number_reference(t, dc).map(f64::to_bits);
                assert_eq!(a, b, "{t:?} {dc}");
            }
        }
    }

    #[test]
    fn trim_as_str_trim() {
        for t in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "\u{a0}a",
            "a\u{a0}",
            "\u{3000}x\u{3000}",
            "é",
            "aé",
            "\u{85}",
            "~",
            "\u{7f}",
            "a\u{200b}",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
    }

    #[test]
    fn eligibility() {
        for t in ["", " TRUE ", "Ya", "yes", "1"] {
            assert_eq!(eligible(t), Some(true), "{t}");
        }
        for t in ["false", "TIDAK", "No", "0"] {
            assert_eq!(eligible(t), Some(false), "{t}");
        }
        assert_eq!(eligible("mungkin"), None);
    }

    #[test]
    fn number_texts() {
        assert_eq!(number_text(2.0), "2");
        assert_eq!(number_text(2.5), "2.5");
        assert_eq!(number_text(-0.1), "-0.1");
    }
}
