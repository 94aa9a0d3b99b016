//! kipp-ui: what the organiser app and the embeddable widgets share.
//!
//! - [`Lang`]: the interface language (Bahasa Indonesia by default, English
//!   switch) and how a page's `lang` tag maps to it.
//! - [`W`] and [`words`]: one name per idea (STYLE.md), in both languages.
//! - [`fmt`]: numbers and dates as id-ID (`81,5`, `27 Agustus 2020`) or en.
//!
//! Everything here is plain Rust that compiles natively too, so it is unit
//! tested without a browser. Yew components shared by the app and the widgets
//! live in [`components`].
#![deny(missing_docs)]

pub mod components;
pub mod crash;
pub mod fmt;
pub mod lang;
pub mod window;

pub use kipp_lang::{sentences, words};

pub use lang::{Lang, W};
