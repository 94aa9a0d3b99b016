//! Shared words (STYLE.md, "one name per idea"). Crates add their own
//! sentences next to their code; words used by more than one crate live here.

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
