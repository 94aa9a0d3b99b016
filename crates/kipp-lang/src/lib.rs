//! kipp-lang: the one language layer of kipp.
//!
//! One [`Lang`] for every crate (engine messages, formats, the session, the
//! CLI, the app and both widgets), one tag rule ([`Lang::from_tag`]; the
//! widgets' boot scripts follow the same rule in `crates/kipp-ui/js/common.js`),
//! and one bilingual word type ([`W`]). No dependencies (serde only with the
//! `serde` feature), so the nominee widget stays small.
#![deny(missing_docs)]

pub mod sentences;
pub mod words;

/// Interface language: Bahasa Indonesia (default) or English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// The language of a BCP 47 tag such as a `lang` attribute: `en`, `EN-us`
    /// and `en_GB` are English; anything else (empty included) is Indonesian.
    pub fn from_tag(tag: &str) -> Lang {
        let tag = tag.trim();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Id
        }
    }

    /// The tag to write into a `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// A word or sentence in both languages: `W(indonesian, english)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct W(pub &'static str, pub &'static str);

impl W {
    /// The text in `lang`.
    pub fn t(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.0,
            Lang::En => self.1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("en"), Lang::En);
        assert_eq!(Lang::from_tag(" EN-us "), Lang::En);
        assert_eq!(Lang::from_tag("en_GB"), Lang::En);
        assert_eq!(Lang::from_tag("id"), Lang::Id);
        assert_eq!(Lang::from_tag("id-ID"), Lang::Id);
        assert_eq!(Lang::from_tag(""), Lang::Id);
        assert_eq!(Lang::from_tag("english"), Lang::Id);
        assert_eq!(Lang::En.tag(), "en");
        assert_eq!(W("ya", "yes").t(Lang::En), "yes");
    }
}
