//! The presets of data/presets as competition files (§1.1), each citing its
//! source in `description`; built in so the app and the command line offer them.

/// KIPP 2023 national, general group, proposal evaluation weights.
pub const KIPP_NASIONAL_2023_PROPOSAL: &str =
    include_str!("../../../data/presets/kipp-nasional-2023-proposal.json");

/// IGA 2023 presentation weights.
pub const IGA_2023_PRESENTASI: &str =
    include_str!("../../../data/presets/iga-2023-presentasi.json");

/// Regional template: proposal → Top 20 → presentation → Top 10, bonus for
/// innovations running two years or more.
pub const REGIONAL: &str = include_str!("../../../data/presets/regional.json");

/// Every preset as (id, file name, JSON text).
pub const ALL: [(&str, &str, &str); 3] = [
    (
        "kipp-nasional-2023-proposal",
        "kipp-nasional-2023-proposal.json",
        KIPP_NASIONAL_2023_PROPOSAL,
    ),
    (
        "iga-2023-presentasi",
        "iga-2023-presentasi.json",
        IGA_2023_PRESENTASI,
    ),
    ("regional", "regional.json", REGIONAL),
];
