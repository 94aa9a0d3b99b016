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

/// One row of a [`WindowedBody`]: its key (stable across renders, e.g. the
/// innovation id, so focus and DOM survive), classes and cells.
pub struct WindowRow {
    /// Stable key.
    pub key: String,
    /// Classes of the `<tr>`.
    pub class: Classes,
    /// The row's `<td>`/`<th>` cells.
    pub cells: Html,
}

/// Renders row `i` of a [`WindowedBody`].
pub type RowFn = std::rc::Rc<dyn Fn(usize) -> WindowRow>;

/// Properties of [`WindowedBody`].
#[derive(Properties, Clone)]
pub struct WindowedProps {
    /// Number of rows.
    pub len: usize,
    /// Renders one row; called only for the rows put in the DOM.
    pub row: RowFn,
    /// Number of columns (the spacer rows span them).
    pub cols: usize,
    /// Estimated row height in px before the first measurement.
    #[prop_or(44.0)]
    pub estimate: f64,
    /// `aria-rowindex` of row 0 (2 below one header row).
    #[prop_or(2)]
    pub first_index: usize,
}

impl PartialEq for WindowedProps {
    fn eq(&self, o: &Self) -> bool {
        self.len == o.len
            && self.cols == o.cols
            && self.first_index == o.first_index
            && self.estimate == o.estimate
            && std::rc::Rc::ptr_eq(&self.row, &o.row)
    }
}

/// The rows of `row` nearest the viewport's index `i` (`data-row`).
fn row_index(t: Option<web_sys::EventTarget>) -> Option<usize> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = t?.dyn_into().ok()?;
    el.closest("tr[data-row]")
        .ok()??
        .get_attribute("data-row")?
        .parse()
        .ok()
}

/// A `<tbody>` that puts in the DOM only the rows near the viewport (see
/// [`crate::window`]), for tables of thousands of rows. The page itself
/// scrolls; spacer rows (`aria-hidden`) stand in for the rest. Every row
/// carries `aria-rowindex` (the table should carry `aria-rowcount`), the
/// focused row stays rendered while it scrolls away, ↑/↓, Page Up/Down and
/// Home/End move focus between rows, and printing renders every row.
#[function_component]
pub fn WindowedBody(p: &WindowedProps) -> Html {
    use crate::window::{self, Piece};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;

    let body = use_node_ref();
    let avg = use_mut_ref(|| p.estimate);
    let len = use_mut_ref(|| p.len);
    *len.borrow_mut() = p.len;
    let range = use_state_eq(|| window::range(p.len, p.estimate, 0.0, 800.0));
    let focus = use_state_eq(|| None::<usize>);
    let print_all = use_state_eq(|| false);
    let pending: Rc<RefCell<Option<usize>>> = use_mut_ref(|| None);

    let recompute = {
        let (body, avg, len, range) = (body.clone(), avg.clone(), len.clone(), range.setter());
        Rc::new(move || {
            let (Some(el), Some(w)) = (body.cast::<web_sys::Element>(), web_sys::window()) else {
                return;
            };
            let top = el.get_bounding_client_rect().top();
            let vh = w
                .inner_height()
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(800.0);
            range.set(window::range(*len.borrow(), *avg.borrow(), top, vh));
        })
    };
    {
        let recompute = recompute.clone();
        let print_all = print_all.setter();
        use_effect_with((), move |_| {
            let mut keep = Vec::new();
            if let Some(w) = web_sys::window() {
                // (gloo's listeners are passive by default)
                for ev in ["scroll", "resize"] {
                    let r = recompute.clone();
                    keep.push(gloo_events::EventListener::new(&w, ev, move |_| r()));
                }
                let pa = print_all.clone();
                keep.push(gloo_events::EventListener::new(
                    &w,
                    "beforeprint",
                    move |_| pa.set(true),
                ));
                keep.push(gloo_events::EventListener::new(
                    &w,
                    "afterprint",
                    move |_| print_all.set(false),
                ));
            }
            move || drop(keep)
        });
    }
    {
        // After every render: measure the rows, move focus where a key asked.
        let (body, avg, pending, recompute) = (
            body.clone(),
            avg.clone(),
            pending.clone(),
            recompute.clone(),
        );
        use_effect(move || {
            if let Some(el) = body.cast::<web_sys::Element>() {
                if let Ok(rows) = el.query_selector_all(":scope > tr[data-row]") {
                    let (mut sum, mut n) = (0.0, 0u32);
                    for k in 0..rows.length() {
                        if let Some(r) = rows
                            .item(k)
                            .and_then(|r| r.dyn_into::<web_sys::Element>().ok())
                        {
                            sum += r.get_bounding_client_rect().height();
                            n += 1;
                        }
                    }
                    if n > 0 && sum > 0.0 {
                        let m = sum / n as f64;
                        let old = *avg.borrow();
                        if (m - old).abs() > 0.5 {
                            *avg.borrow_mut() = m;
                        }
                    }
                }
                if let Some(j) = pending.borrow_mut().take() {
                    let sel = format!(":scope > tr[data-row=\"{j}\"]");
                    if let Ok(Some(tr)) = el.query_selector(&sel) {
                        let target = tr
                            .query_selector("button, a[href], input, select, textarea, [tabindex]")
                            .ok()
                            .flatten()
                            .unwrap_or_else(|| {
                                let _ = tr.set_attribute("tabindex", "-1");
                                tr.clone()
                            });
                        if let Ok(h) = target.dyn_into::<web_sys::HtmlElement>() {
                            let _ = h.focus();
                        }
                    }
                }
            }
            recompute();
        });
    }

    let onfocusin = {
        let focus = focus.setter();
        Callback::from(move |e: FocusEvent| {
            if let Some(i) = row_index(e.target()) {
                focus.set(Some(i));
            }
        })
    };
    let onfocusout = {
        let (focus, body) = (focus.setter(), body.clone());
        Callback::from(move |e: FocusEvent| {
            let inside = match (e.related_target(), body.cast::<web_sys::Node>()) {
                (Some(t), Some(b)) => t
                    .dyn_into::<web_sys::Node>()
                    .map(|n| b.contains(Some(&n)))
                    .unwrap_or(false),
                _ => false,
            };
            if !inside {
                focus.set(None);
            }
        })
    };
    let onkeydown = {
        let (focus, pending, avg, n) = (focus.setter(), pending.clone(), avg.clone(), p.len);
        let (range, body) = (range.setter(), body.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.alt_key() || e.shift_key() || e.meta_key() {
                return;
            }
            let in_field = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|t| matches!(t.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
                .unwrap_or(false);
            let Some(i) = row_index(e.target()).filter(|_| !in_field) else {
                return;
            };
            let (Some(w), Some(el)) = (web_sys::window(), body.cast::<web_sys::Element>()) else {
                return;
            };
            let vh = w
                .inner_height()
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(800.0);
            let row_px = avg.borrow().max(1.0);
            let page = ((vh / row_px) as usize).saturating_sub(1);
            let Some(j) = window::key_target(&e.key(), i, n, page) else {
                return;
            };
            e.prevent_default();
            let sel = format!(":scope > tr[data-row=\"{j}\"]");
            let present = el.query_selector(&sel).ok().flatten();
            if present.is_none() {
                // Far away (Home, End, Page Up/Down): scroll to where the row
                // will be, render the rows there, then focus it.
                let top = el.get_bounding_client_rect().top();
                let target = top + j as f64 * row_px - vh / 3.0;
                w.scroll_by_with_x_and_y(0.0, target);
                range.set(window::range(n, row_px, top - target, vh));
            }
            *pending.borrow_mut() = Some(j);
            focus.set(Some(j));
        })
    };

    let (start, end) = if *print_all { (0, p.len) } else { *range };
    let row_px = *avg.borrow();
    let cols = p.cols.max(1).to_string();
    let mut gaps = 0;
    let children = window::pieces(p.len, start, end, *focus)
        .into_iter()
        .map(|piece| match piece {
            Piece::Gap(n) => {
                gaps += 1;
                html! {
                    <tr key={format!("gap-{gaps}")} class="gap" aria-hidden="true"
                        style={format!("height:{}px", (n as f64 * row_px).round())}>
                        <td colspan={cols.clone()} style="padding:0;border:0"></td>
                    </tr>
                }
            }
            Piece::Row(i) => {
                let r = (p.row)(i);
                html! {
                    <tr key={r.key} class={r.class} data-row={i.to_string()}
                        aria-rowindex={(i + p.first_index).to_string()}>{ r.cells }</tr>
                }
            }
        });
    html! {
        <tbody ref={body} {onfocusin} {onfocusout} {onkeydown}>{ for children }</tbody>
    }
}
