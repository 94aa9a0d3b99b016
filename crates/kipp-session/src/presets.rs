//! The presets offered on the start screen, embedded at build time from
//! `data/presets/` (the formats engineer's preset files, each citing the
//! source of its weights in its description).

/// (file stem, competition.json text), in menu order: KIPP 2023 umum,
/// IGA 2023 presentation, regional template.
pub const ALL: &[(&str, &str)] = &[
    (
        "kipp-nasional-2023-proposal",
        include_str!("../../../data/presets/kipp-nasional-2023-proposal.json"),
    ),
    (
        "iga-2023-presentasi",
        include_str!("../../../data/presets/iga-2023-presentasi.json"),
    ),
    (
        "regional",
        include_str!("../../../data/presets/regional.json"),
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_preset_parses() {
        for (stem, text) in super::ALL {
            let c = kipp_formats::parse_competition(stem, text.as_bytes());
            assert!(c.is_ok(), "{stem}: {c:?}");
            let c = c.unwrap_or_default();
            assert!(kipp_score::validate_competition(&c).is_empty(), "{stem}");
        }
    }
}
