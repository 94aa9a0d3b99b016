//! Small yew components used by more than one user interface.

use yew::prelude::*;

/// What a [`Notice`] tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Work in progress (`role="status"`).
    Loading,
    /// Nothing to show (`role="status"`).
    Empty,
    /// Something failed (`role="alert"`).
    Error,
}

/// Properties of [`Notice`].
#[derive(Properties, Clone, PartialEq)]
pub struct NoticeProps {
    /// Kind, which sets the class, the `part` and the ARIA role.
    pub kind: NoticeKind,
    /// The sentence (shown as text).
    pub text: AttrValue,
    /// Optional second line, e.g. the place of an error.
    #[prop_or_default]
    pub detail: Option<AttrValue>,
}

/// A one-paragraph loading, empty or error message. Classes
/// `notice notice-loading|notice-empty|notice-error`, part `notice`.
#[function_component]
pub fn Notice(props: &NoticeProps) -> Html {
    let (class, role) = match props.kind {
        NoticeKind::Loading => ("notice notice-loading", "status"),
        NoticeKind::Empty => ("notice notice-empty", "status"),
        NoticeKind::Error => ("notice notice-error", "alert"),
    };
    html! {
        <div {class} {role} part="notice">
            <p>{ props.text.clone() }</p>
            if let Some(detail) = &props.detail {
                <p class="notice-detail">{ detail.clone() }</p>
            }
        </div>
    }
}
