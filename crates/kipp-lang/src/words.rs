//! The glossary: one name per idea, in both languages (docs/glossary.md,
//! from STYLE.md). Every crate that names one of these ideas in its
//! interface (the CLI's tables, the session's files and report, the app,
//! both widgets) takes the word from here; crates add their own sentences
//! next to their code. `tests/glossary.rs` checks these words against
//! docs/glossary.md and the sources against its "avoid" list.

use crate::W;

/// "cari"
pub const SEARCH: W = W("Cari", "Search");
/// "saring"
pub const FILTER: W = W("Saring", "Filter");
/// "semua"
pub const ALL: W = W("Semua", "All");
/// "tidak ada data"
pub const NO_DATA: W = W("Tidak ada data", "No data");
/// "memuat…"
pub const LOADING: W = W("Memuat…", "Loading…");
/// "gagal memuat"
pub const FAILED_TO_LOAD: W = W("Gagal memuat", "Failed to load");
/// "tutup"
pub const CLOSE: W = W("Tutup", "Close");
/// "inovasi"
pub const INNOVATION: W = W("Inovasi", "Innovation");
/// "unit penyelenggara"
pub const UNIT: W = W("Unit penyelenggara", "Unit");
/// "perangkat daerah"
pub const AGENCY: W = W("Perangkat daerah", "Agency");
/// "kategori"
pub const CATEGORY: W = W("Kategori", "Category");
/// "tahun"
pub const YEAR: W = W("Tahun", "Year");
/// "tingkat"
pub const LEVEL: W = W("Tingkat", "Level");
/// "capaian"
pub const ACHIEVEMENT: W = W("Capaian", "Achievement");
/// "kompetisi"
pub const COMPETITION: W = W("Kompetisi", "Competition");
/// "tahap"
pub const STAGE: W = W("Tahap", "Stage");
/// "peringkat"
pub const RANK: W = W("Peringkat", "Rank");
/// "nilai"
pub const SCORE: W = W("Nilai", "Score");
/// "lolos"
pub const ADVANCES: W = W("Lolos", "Advances");
/// "tidak lolos"
pub const NOT_ADVANCING: W = W("Tidak lolos", "Does not advance");
/// "bobot"
pub const WEIGHT: W = W("Bobot", "Weight");
/// "penilaian belum lengkap"
pub const INCOMPLETE: W = W("Penilaian belum lengkap", "Incomplete");
/// "nilai dasar"
pub const RAW: W = W("Nilai dasar", "Raw");
/// "nilai tambahan"
pub const BONUS: W = W("Nilai tambahan", "Bonus");
/// "nilai sama di batas lolos"
pub const TIE_AT_CUTOFF: W = W("Nilai sama di batas lolos", "Tie at the cut-off");
/// "pemenang"
pub const WINNERS: W = W("Pemenang", "Winners");
/// "nominasi"
pub const NOMINEES: W = W("Nominasi", "Nominees");
/// "juri"
pub const JUDGE: W = W("Juri", "Judge");
/// "lembar penilaian"
pub const SCORE_SHEET: W = W("Lembar penilaian", "Score sheet");
/// "kriteria"
pub const CRITERION: W = W("Kriteria", "Criterion");
/// "skala nilai"
pub const SCALE: W = W("Skala nilai", "Scale");
/// "peringkat sama"
pub const SHARED_RANK: W = W("Peringkat sama", "Shared rank");
/// "keputusan rapat pleno"
pub const PANEL_DECISION: W = W("Keputusan rapat pleno", "Panel decision");
/// "alasan"
pub const REASON: W = W("Alasan", "Reason");
/// "memenuhi syarat"
pub const ELIGIBLE: W = W("Memenuhi syarat", "Eligible");
/// "tidak memenuhi syarat"
pub const INELIGIBLE: W = W("Tidak memenuhi syarat", "Not eligible");
/// "peluang lolos"
pub const P_ADVANCE: W = W("Peluang lolos", "Probability of advancing");
/// "rentang peringkat"
pub const RANK_INTERVAL: W = W("Rentang peringkat", "Rank interval");

/// Every word above, for the glossary check.
pub const GLOSSARY: &[W] = &[
    SEARCH,
    FILTER,
    ALL,
    NO_DATA,
    LOADING,
    FAILED_TO_LOAD,
    CLOSE,
    INNOVATION,
    UNIT,
    AGENCY,
    CATEGORY,
    YEAR,
    LEVEL,
    ACHIEVEMENT,
    COMPETITION,
    STAGE,
    RANK,
    SCORE,
    ADVANCES,
    NOT_ADVANCING,
    WEIGHT,
    INCOMPLETE,
    RAW,
    BONUS,
    TIE_AT_CUTOFF,
    WINNERS,
    NOMINEES,
    JUDGE,
    SCORE_SHEET,
    CRITERION,
    SCALE,
    SHARED_RANK,
    PANEL_DECISION,
    REASON,
    ELIGIBLE,
    INELIGIBLE,
    P_ADVANCE,
    RANK_INTERVAL,
];

/// Level of a competition (nominees.md): `nasional`, `provinsi`,
/// `kabupaten`, `kota`, `lainnya`, in the interface language.
pub fn level(code: &str) -> W {
    match code {
        "nasional" => W("Nasional", "National"),
        "provinsi" => W("Provinsi", "Provincial"),
        "kabupaten" => W("Kabupaten", "Regency"),
        "kota" => W("Kota", "City"),
        _ => W("Lainnya", "Other"),
    }
}
