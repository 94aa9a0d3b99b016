//! The presets offered on the start screen, embedded at build time from
//! `data/presets/` (the formats crate's preset files).

/// (file stem, competition.json text), in menu order.
pub const ALL: &[(&str, &str)] = &[];
