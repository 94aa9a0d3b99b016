//! The interface language: kipp's one language layer ([`kipp_lang`]),
//! re-exported so the widgets and the app keep writing `kipp_ui::Lang`.

pub use kipp_lang::{Lang, W};
