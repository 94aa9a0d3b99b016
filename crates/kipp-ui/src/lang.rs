//! The interface language.

/// Interface language: Bahasa Indonesia (default) or English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
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
    }

    #[test]
    fn words() {
        let w = W("Cari", "Search");
        assert_eq!(w.t(Lang::Id), "Cari");
        assert_eq!(w.t(Lang::En), "Search");
    }
}
