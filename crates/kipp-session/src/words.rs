//! The few sentences the session writes into messages and files itself
//! (the screens' texts live in the app). Bahasa Indonesia and English.

use kipp_score::Lang;

macro_rules! words {
    ($($key:ident : $id:expr, $en:expr;)*) => {
        /// The session's strings of one language.
        pub struct Words { $(#[allow(missing_docs)] pub $key: &'static str,)* }
        static ID: Words = Words { $($key: $id,)* };
        static EN: Words = Words { $($key: $en,)* };
    };
}

/// The strings of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

words! {
    kind_unknown: "jenis tabel tidak dikenali dari judul kolomnya; pilih jenisnya di pratinjau",
        "the kind of table cannot be told from its column headers; choose its kind in the preview";
    kind_twice: "berkas kedua dengan jenis yang sama; pilih satu saja", "a second file of the same kind; choose only one";
    project_bad: "Berkas proyek tidak dapat dibaca", "The project file cannot be read";
    cannot_rank: "Peringkat belum dapat dihitung:", "The ranking cannot be computed yet:";
    decision: "Keputusan", "Decision";
    reason: "Alasan", "Reason";
    advanced: "lolos", "advances";
    not_advanced: "tidak lolos", "does not advance";
    stage: "Tahap", "Stage";
    recommendation: "Rekomendasi", "Recommendation";
    time: "Waktu", "Time";
}
