//! Administrative check (seleksi administrasi): every innovation with its
//! eligibility from the innovations file and as the officer set it, the
//! reason when not eligible, and a recorded change (reason required, in the
//! audit list).

use kipp_session::admin::{self, AdminFilter};
use kipp_session::store::Action;
use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::{datetime, num};

/// The administrative check screen.
pub fn view(c: &Ctx) -> Html {
    let t = c.t;
    let lang = c.lang;
    let ui = &c.s.admin;
    let all = admin::rows(&c.s.project);
    if all.is_empty() {
        return html! { <><h1>{ t.admin_heading }</h1><p>{ t.admin_empty }</p></> };
    }
    let (ok, not, changed) = admin::counts(&c.s.project);
    let q = ui.search.trim().to_lowercase();
    let shown: Vec<_> = all.iter().filter(|r| r.shown(ui.filter, &q)).collect();
    let n = |x: usize| num(x as f64, 0, lang);
    let yes_no = |b: bool| if b { t.eligible_yes } else { t.eligible_no };
    let filter = c.d.reform(|e: Event| {
        Action::AdminFilter(match crate::views::input_value(&e).as_str() {
            "eligible" => AdminFilter::Eligible,
            "ineligible" => AdminFilter::Ineligible,
            "changed" => AdminFilter::Changed,
            _ => AdminFilter::All,
        })
    });
    let rows = shown.iter().take(ui.shown).map(|r| {
        let i = r.innovation;
        let id = i.id.clone();
        let editing = ui.editing.as_deref() == Some(i.id.as_str());
        let open = c.d.reform(move |_| Action::AdminEdit(Some(id.clone())));
        let form = editing.then(|| {
            let to = !r.eligible;
            html! {
                <tr class="edit-row">
                    <td colspan="6">
                        <form class="eligibility-form" onsubmit={c.d.reform(move |e: SubmitEvent| { e.prevent_default(); Action::AdminSave(to) })}>
                            <p><strong>{ format!("{} {} → {}", i.id, i.title, yes_no(to)) }</strong></p>
                            <div class="field wide">
                                <label for="eligibility-reason">{ format!("{} *", t.reason) }</label>
                                <textarea id="eligibility-reason" rows="2" aria-required="true" value={ui.draft_reason.clone()}
                                    aria-invalid={ui.draft_error.to_string()}
                                    aria-describedby={if ui.draft_error { Some(AttrValue::from("eligibility-err")) } else { None }}
                                    oninput={c.d.reform(|e: InputEvent| Action::AdminDraftReason(
                                        e.target_dyn_into::<web_sys::HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default()))} />
                                if ui.draft_error { <span class="field-error" id="eligibility-err">{ t.reason_required }</span> }
                            </div>
                            <button type="submit" class="button primary" id="eligibility-save">
                                { if to { t.make_eligible } else { t.make_ineligible } }</button>
                            {" "}
                            <button type="button" class="button" onclick={c.d.reform(|_| Action::AdminEdit(None))}>{ t.cancel }</button>
                        </form>
                    </td>
                </tr>
            }
        });
        html! {
            <>
            <tr class={classes!((!r.eligible).then_some("ineligible-row"))}>
                <th scope="row">{ i.title.clone() }<span class="sub id">{ i.id.clone() }</span></th>
                <td class="hide-sm">{ if i.agency.is_empty() { i.unit.clone() } else { i.agency.clone() } }</td>
                <td class="hide-sm">{ yes_no(r.file_eligible) }</td>
                <td><strong>{ yes_no(r.eligible) }</strong>
                    if let Some(at) = r.changed_at { <span class="sub">{ format!("{} {}", t.changed_by_officer, datetime(at, lang)) }</span> }
                </td>
                <td>{ r.reason.unwrap_or("–").to_string() }</td>
                <td>
                    <button type="button" class="button small" onclick={open}
                        aria-label={format!("{} {}", t.change_eligibility, i.id)}>{ t.change_eligibility }</button>
                </td>
            </tr>
            { for form }
            </>
        }
    });
    html! {
        <>
        <h1>{ t.admin_heading }</h1>
        <p>{ t.admin_text }</p>
        <p id="admin-counts">{ t.admin_counts_fmt.replace("{a}", &n(all.len())).replace("{e}", &n(ok))
            .replace("{n}", &n(not)).replace("{c}", &n(changed)) }</p>
        <div class="controls">
            <div class="field">
                <label for="admin-search">{ t.search }</label>
                <input id="admin-search" type="search" value={ui.search.clone()}
                    oninput={c.d.reform(|e: InputEvent| Action::AdminSearch(
                        e.target_dyn_into::<web_sys::HtmlInputElement>().map(|t| t.value()).unwrap_or_default()))} />
            </div>
            <div class="field">
                <label for="admin-filter">{ t.show }</label>
                <select id="admin-filter" onchange={filter}>
                    <option value="all" selected={ui.filter == AdminFilter::All}>{ t.all }</option>
                    <option value="eligible" selected={ui.filter == AdminFilter::Eligible}>{ t.eligible_yes }</option>
                    <option value="ineligible" selected={ui.filter == AdminFilter::Ineligible}>{ t.eligible_no }</option>
                    <option value="changed" selected={ui.filter == AdminFilter::Changed}>{ t.changed_by_officer }</option>
                </select>
            </div>
        </div>
        <p class="muted" role="status">{ t.rows_shown_fmt.replace("{s}", &n(shown.len().min(ui.shown))).replace("{t}", &n(shown.len())) }</p>
        <div class="table-wrap" tabindex="0">
        <table id="admin-table" tabindex="-1">
            <caption class="visually-hidden">{ t.admin_heading }</caption>
            <thead><tr>
                <th scope="col">{ t.innovations }</th>
                <th scope="col" class="hide-sm">{ t.agency }</th>
                <th scope="col" class="hide-sm">{ t.in_file }</th>
                <th scope="col">{ t.eligibility }</th>
                <th scope="col">{ t.reason }</th>
                <th scope="col"><span class="visually-hidden">{ t.change_eligibility }</span></th>
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
        </div>
        if shown.len() > ui.shown {
            <button type="button" class="button" id="admin-more" onclick={c.d.reform(|_| Action::AdminMore)}>{ t.show_more }</button>
        }
        </>
    }
}
