//! The competition editor: stages, criteria, aggregation, normalisation,
//! min_judges, bonus rules, combine, tie-break and advance rules, validated
//! as you type, weights also as a share of the total.

use std::rc::Rc;

use kipp_score::{
    Advance, Aggregate, Attr, BonusRule, CombineTerm, Competition, Criterion, Normalize, Op,
    RuleValue, Stage, TieBreak, Ties,
};
use yew::prelude::*;

use crate::app::Ctx;
use crate::fmt::{num, parse_num};
use crate::views::{input_checked, input_value};
use kipp_session::store::Action;

/// Props of [`NumField`].
#[derive(Properties, PartialEq)]
pub struct NumProps {
    /// Element id.
    pub id: AttrValue,
    /// Visible label.
    pub label: AttrValue,
    /// Current value (`None`: empty).
    pub value: Option<f64>,
    /// Empty is allowed (means "none").
    #[prop_or_default]
    pub optional: bool,
    /// Marked invalid by validation.
    #[prop_or_default]
    pub invalid: bool,
    /// Text shown when the typed text is not a number.
    pub nan_text: AttrValue,
    /// Hint below the field.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// New value.
    pub onchange: Callback<Option<f64>>,
}

/// A number input that keeps what is being typed (`7,` on the way to
/// `7,5`) and reports a value only when the text reads as a number.
#[function_component(NumField)]
pub fn num_field(p: &NumProps) -> Html {
    let show = |v: Option<f64>| {
        v.map(|x| x.to_string().replace('.', ","))
            .unwrap_or_default()
    };
    let text = use_state(|| show(p.value));
    {
        let text = text.clone();
        let value = p.value;
        use_effect_with(value, move |v| {
            if parse_num(&text) != *v {
                text.set(show(*v));
            }
        });
    }
    let bad = {
        let s = text.trim();
        !(s.is_empty() && p.optional) && parse_num(s).is_none()
    };
    let oninput = {
        let text = text.clone();
        let cb = p.onchange.clone();
        let optional = p.optional;
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let parsed = parse_num(&v);
            if parsed.is_some() || (optional && v.trim().is_empty()) {
                cb.emit(parsed);
            }
            text.set(v);
        })
    };
    let err_id = format!("{}-err", p.id);
    html! {
        <div class="field">
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <input id={p.id.clone()} type="text" inputmode="decimal" value={(*text).clone()} {oninput}
                aria-invalid={if bad || p.invalid { "true" } else { "false" }}
                aria-describedby={if bad { Some(AttrValue::from(err_id.clone())) } else { None }} />
            if bad { <span class="field-error" id={err_id}>{ p.nan_text.clone() }</span> }
            if let Some(h) = &p.hint { <span class="hint">{ h.clone() }</span> }
        </div>
    }
}

fn edit(x: &Ctx, f: impl Fn(&mut Competition) + 'static) -> Callback<MouseEvent> {
    let f = Rc::new(f);
    x.d.reform(move |_| Action::Edit(f.clone()))
}

fn on_text(x: &Ctx, f: impl Fn(&mut Competition, String) + 'static) -> Callback<InputEvent> {
    let f = Rc::new(f);
    x.d.reform(move |e: InputEvent| {
        let v = e
            .target_dyn_into::<web_sys::HtmlInputElement>()
            .map(|i| i.value())
            .or_else(|| {
                e.target_dyn_into::<web_sys::HtmlTextAreaElement>()
                    .map(|i| i.value())
            })
            .unwrap_or_default();
        let f = f.clone();
        Action::Edit(Rc::new(move |c: &mut Competition| f(c, v.clone())))
    })
}

fn on_change(x: &Ctx, f: impl Fn(&mut Competition, String, bool) + 'static) -> Callback<Event> {
    let f = Rc::new(f);
    x.d.reform(move |e: Event| {
        let v = input_value(&e);
        let checked = input_checked(&e);
        let f = f.clone();
        Action::Edit(Rc::new(move |c: &mut Competition| f(c, v.clone(), checked)))
    })
}

fn on_num(x: &Ctx, f: impl Fn(&mut Competition, Option<f64>) + 'static) -> Callback<Option<f64>> {
    let f = Rc::new(f);
    x.d.reform(move |v: Option<f64>| {
        let f = f.clone();
        Action::Edit(Rc::new(move |c: &mut Competition| f(c, v)))
    })
}

fn new_stage(n: usize) -> Stage {
    Stage {
        id: format!("tahap-{n}"),
        name: format!("Tahap {n}"),
        criteria: vec![Criterion {
            id: "k1".into(),
            name: "Kriteria 1".into(),
            weight: 1.0,
            min: 0.0,
            max: 10.0,
        }],
        normalize: Normalize::None,
        aggregate: Aggregate::Mean,
        min_judges: 1,
        bonus: Vec::new(),
        combine: None,
        tie_break: Vec::new(),
        advance: None,
    }
}

fn op_text(op: Op) -> &'static str {
    match op {
        Op::Ge => ">=",
        Op::Gt => ">",
        Op::Le => "<=",
        Op::Lt => "<",
        Op::Eq => "==",
        Op::Ne => "!=",
        Op::In => "in",
    }
}

fn op_of(s: &str) -> Op {
    match s {
        ">" => Op::Gt,
        "<=" => Op::Le,
        "<" => Op::Lt,
        "==" => Op::Eq,
        "!=" => Op::Ne,
        "in" => Op::In,
        _ => Op::Ge,
    }
}

fn attr(s: &str) -> Attr {
    let text = s.trim().to_string();
    let number = parse_num(&text).filter(|_| {
        text.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == ',')
    });
    Attr { text, number }
}

fn value_text(v: &RuleValue) -> String {
    match v {
        RuleValue::One(a) => a.text.clone(),
        RuleValue::List(l) => l
            .iter()
            .map(|a| a.text.clone())
            .collect::<Vec<_>>()
            .join("|"),
    }
}

fn value_of(op: Op, s: &str) -> RuleValue {
    if op == Op::In {
        RuleValue::List(s.split('|').map(attr).collect())
    } else {
        RuleValue::One(attr(s))
    }
}

fn tb_text(tb: &TieBreak) -> String {
    match tb {
        TieBreak::Criterion(c) => format!("criterion:{c}"),
        TieBreak::Bonus => "bonus".into(),
        TieBreak::Raw => "raw".into(),
    }
}

fn tb_of(s: &str) -> TieBreak {
    match s {
        "bonus" => TieBreak::Bonus,
        "raw" => TieBreak::Raw,
        other => TieBreak::Criterion(other.trim_start_matches("criterion:").to_string()),
    }
}

fn remove_combine(c: &mut Competition, si: usize, ti: usize) {
    let Some(s) = c.stages.get_mut(si) else {
        return;
    };
    if let Some(l) = s.combine.as_mut() {
        if ti < l.len() {
            l.remove(ti);
        }
        if l.is_empty() {
            s.combine = None;
        }
    }
}

/// The editor screen.
pub fn view(x: &Ctx) -> Html {
    let t = x.t;
    let c = &x.s.project.inputs.competition;
    let status = if x.s.comp_problems.is_empty() {
        html! { <p class="ok" role="status">{ t.valid }</p> }
    } else {
        html! {
            <div class="problems" role="alert">
                <p>{ t.invalid }</p>
                <ul>{ for x.s.comp_problems.iter().map(|p| html! {
                    <li><code>{ p.path.clone() }</code>{" "}{ p.message.clone() }</li>
                }) }</ul>
            </div>
        }
    };
    if c.stages.is_empty() {
        return html! {
            <>
            <h1>{ t.editor_heading }</h1>
            <p>{ t.no_competition }</p>
            </>
        };
    }
    let n = c.stages.len();
    html! {
        <>
        <h1>{ t.editor_heading }</h1>
        <div class="editor-status">{ status }</div>
        <section class="card">
            <div class="field wide">
                <label for="comp-name">{ t.comp_name }</label>
                <input id="comp-name" type="text" value={c.name.clone()}
                    oninput={on_text(x, |c, v| c.name = v)} />
            </div>
            <div class="field wide">
                <label for="comp-desc">{ t.description }</label>
                <textarea id="comp-desc" rows="2" value={c.description.clone()}
                    oninput={on_text(x, |c, v| c.description = v)} />
            </div>
        </section>
        { for c.stages.iter().enumerate().map(|(si, s)| stage_view(x, c, si, s)) }
        <button type="button" class="button" onclick={edit(x, move |c| c.stages.push(new_stage(n + 1)))}>
            { format!("+ {}", t.add_stage) }
        </button>
        </>
    }
}

fn invalid(x: &Ctx, path: &str) -> bool {
    x.s.comp_problems.iter().any(|p| p.path == path)
}

fn stage_view(x: &Ctx, c: &Competition, si: usize, s: &Stage) -> Html {
    let t = x.t;
    let lang = x.lang;
    let total: f64 = s.criteria.iter().map(|c| c.weight).sum();
    let p = format!("stages[{si}]");
    let id = |x: &str| format!("s{si}-{x}");
    let nstages = c.stages.len();
    let crit_rows = s.criteria.iter().enumerate().map(|(ci, cr)| {
        let pct = if total > 0.0 { cr.weight / total * 100.0 } else { 0.0 };
        let cp = format!("{p}.criteria[{ci}]");
        let cid = |x: &str| format!("s{si}-c{ci}-{x}");
        html! {
            <tr>
                <td><label class="visually-hidden" for={cid("id")}>{ format!("{} {}", t.crit_id, ci + 1) }</label>
                    <input id={cid("id")} class="w-id" type="text" value={cr.id.clone()}
                        aria-invalid={invalid(x, &format!("{cp}.id")).to_string()}
                        oninput={on_text(x, move |c, v| if let Some(x) = c.stages.get_mut(si).and_then(|s| s.criteria.get_mut(ci)) { x.id = v })} /></td>
                <td><label class="visually-hidden" for={cid("name")}>{ format!("{} {}", t.crit_name, ci + 1) }</label>
                    <input id={cid("name")} type="text" value={cr.name.clone()}
                        oninput={on_text(x, move |c, v| if let Some(x) = c.stages.get_mut(si).and_then(|s| s.criteria.get_mut(ci)) { x.name = v })} /></td>
                <td><NumField id={cid("w")} label={format!("{} ({})", t.weight, cr.name)} value={Some(cr.weight)}
                        invalid={invalid(x, &format!("{cp}.weight"))} nan_text={t.not_a_number}
                        onchange={on_num(x, move |c, v| if let (Some(x), Some(v)) = (c.stages.get_mut(si).and_then(|s| s.criteria.get_mut(ci)), v) { x.weight = v })} /></td>
                <td class="num pct">{ format!("{}%", num(pct, 1, lang)) }</td>
                <td><NumField id={cid("min")} label={t.scale_min} value={Some(cr.min)} nan_text={t.not_a_number}
                        invalid={invalid(x, &format!("{cp}.min"))}
                        onchange={on_num(x, move |c, v| if let (Some(x), Some(v)) = (c.stages.get_mut(si).and_then(|s| s.criteria.get_mut(ci)), v) { x.min = v })} /></td>
                <td><NumField id={cid("max")} label={t.scale_max} value={Some(cr.max)} nan_text={t.not_a_number}
                        invalid={invalid(x, &format!("{cp}.max"))}
                        onchange={on_num(x, move |c, v| if let (Some(x), Some(v)) = (c.stages.get_mut(si).and_then(|s| s.criteria.get_mut(ci)), v) { x.max = v })} /></td>
                <td><button type="button" class="button small"
                        aria-label={format!("{} {}", t.remove, cr.name)}
                        onclick={edit(x, move |c| if let Some(s) = c.stages.get_mut(si) { if ci < s.criteria.len() { s.criteria.remove(ci); } })}>
                        { "×" }</button></td>
            </tr>
        }
    });
    let bonus_rows = s.bonus.iter().enumerate().map(|(bi, b)| {
        let bid = |x: &str| format!("s{si}-b{bi}-{x}");
        let op = b.op;
        html! {
            <tr>
                <td><label class="visually-hidden" for={bid("id")}>{ t.crit_id }</label>
                    <input id={bid("id")} class="w-id" type="text" value={b.id.clone()}
                        oninput={on_text(x, move |c, v| if let Some(x) = c.stages.get_mut(si).and_then(|s| s.bonus.get_mut(bi)) { x.id = v })} /></td>
                <td><label class="visually-hidden" for={bid("field")}>{ t.bonus_field }</label>
                    <input id={bid("field")} type="text" value={b.field.clone()}
                        oninput={on_text(x, move |c, v| if let Some(x) = c.stages.get_mut(si).and_then(|s| s.bonus.get_mut(bi)) { x.field = v })} /></td>
                <td><label class="visually-hidden" for={bid("op")}>{ t.bonus_op }</label>
                    <select id={bid("op")} onchange={on_change(x, move |c, v, _| if let Some(x) = c.stages.get_mut(si).and_then(|s| s.bonus.get_mut(bi)) {
                        let text = value_text(&x.value); x.op = op_of(&v); x.value = value_of(x.op, &text); })}>
                    { for [Op::Ge, Op::Gt, Op::Le, Op::Lt, Op::Eq, Op::Ne, Op::In].into_iter().map(|o| html! {
                        <option value={op_text(o)} selected={o == op}>{ op_text(o) }</option>
                    }) }
                    </select></td>
                <td><label class="visually-hidden" for={bid("value")}>{ t.bonus_value }</label>
                    <input id={bid("value")} type="text" value={value_text(&b.value)} title={t.bonus_value_hint}
                        oninput={on_text(x, move |c, v| if let Some(x) = c.stages.get_mut(si).and_then(|s| s.bonus.get_mut(bi)) { x.value = value_of(x.op, &v) })} /></td>
                <td><NumField id={bid("pts")} label={t.bonus_points} value={Some(b.points)} nan_text={t.not_a_number}
                        onchange={on_num(x, move |c, v| if let (Some(x), Some(v)) = (c.stages.get_mut(si).and_then(|s| s.bonus.get_mut(bi)), v) { x.points = v })} /></td>
                <td><button type="button" class="button small" aria-label={format!("{} {}", t.remove, b.id)}
                        onclick={edit(x, move |c| if let Some(s) = c.stages.get_mut(si) { if bi < s.bonus.len() { s.bonus.remove(bi); } })}>{ "×" }</button></td>
            </tr>
        }
    });
    let combine = s.combine.clone().unwrap_or_default();
    let earlier: Vec<(String, String)> = c.stages[..=si.min(nstages - 1)]
        .iter()
        .map(|x| (x.id.clone(), x.name.clone()))
        .collect();
    let combine_rows = combine.iter().enumerate().map(|(ti, term)| {
        let tid = |x: &str| format!("s{si}-t{ti}-{x}");
        html! {
            <li class="row">
                <label class="visually-hidden" for={tid("stage")}>{ t.stage }</label>
                <select id={tid("stage")} onchange={on_change(x, move |c, v, _| if let Some(x) = c.stages.get_mut(si).and_then(|s| s.combine.as_mut()).and_then(|l| l.get_mut(ti)) { x.stage = v })}>
                { for earlier.iter().map(|(id, name)| html! { <option value={id.clone()} selected={*id == term.stage}>{ name.clone() }</option> }) }
                </select>
                <NumField id={tid("w")} label={t.weight} value={Some(term.weight)} nan_text={t.not_a_number}
                    onchange={on_num(x, move |c, v| if let (Some(x), Some(v)) = (c.stages.get_mut(si).and_then(|s| s.combine.as_mut()).and_then(|l| l.get_mut(ti)), v) { x.weight = v })} />
                <button type="button" class="button small" aria-label={format!("{} {}", t.remove, term.stage)}
                    onclick={edit(x, move |c| remove_combine(c, si, ti))}>{ "×" }</button>
            </li>
        }
    });
    let tb_opts: Vec<(String, String)> = s
        .criteria
        .iter()
        .map(|cr| {
            (
                format!("criterion:{}", cr.id),
                format!("{}: {}", t.criterion, cr.name),
            )
        })
        .chain([
            ("bonus".to_string(), t.tb_bonus.to_string()),
            ("raw".to_string(), t.tb_raw.to_string()),
        ])
        .collect();
    let tb_rows = s.tie_break.iter().enumerate().map(|(ki, tb)| {
        let cur = tb_text(tb);
        let kid = format!("s{si}-tb{ki}");
        html! {
            <li class="row">
                <label class="visually-hidden" for={kid.clone()}>{ format!("{} {}", t.tie_break, ki + 1) }</label>
                <select id={kid} onchange={on_change(x, move |c, v, _| if let Some(x) = c.stages.get_mut(si).and_then(|s| s.tie_break.get_mut(ki)) { *x = tb_of(&v) })}>
                { for tb_opts.iter().map(|(v, l)| html! { <option value={v.clone()} selected={*v == cur}>{ l.clone() }</option> }) }
                </select>
                <button type="button" class="button small" aria-label={format!("{} {}", t.remove, cur)}
                    onclick={edit(x, move |c| if let Some(s) = c.stages.get_mut(si) { if ki < s.tie_break.len() { s.tie_break.remove(ki); } })}>{ "×" }</button>
            </li>
        }
    });
    let adv = s.advance.clone();
    let stage_id = s.id.clone();
    html! {
        <section class="card stage-card" aria-labelledby={id("h")}>
            <h2 id={id("h")}>{ format!("{} {}: {}", t.stage, si + 1, s.name) }</h2>
            <div class="fields">
                <div class="field">
                    <label for={id("id")}>{ t.stage_id }</label>
                    <input id={id("id")} type="text" value={s.id.clone()} aria-invalid={invalid(x, &format!("{p}.id")).to_string()}
                        oninput={on_text(x, move |c, v| if let Some(s) = c.stages.get_mut(si) { s.id = v })} />
                </div>
                <div class="field">
                    <label for={id("name")}>{ t.stage_name }</label>
                    <input id={id("name")} type="text" value={s.name.clone()}
                        oninput={on_text(x, move |c, v| if let Some(s) = c.stages.get_mut(si) { s.name = v })} />
                </div>
                <div class="field">
                    <label for={id("norm")}>{ t.normalize }</label>
                    <select id={id("norm")} onchange={on_change(x, move |c, v, _| if let Some(s) = c.stages.get_mut(si) { s.normalize = if v == "zscore" { Normalize::ZScore } else { Normalize::None } })}>
                        <option value="none" selected={s.normalize == Normalize::None}>{ t.norm_none }</option>
                        <option value="zscore" selected={s.normalize == Normalize::ZScore}>{ t.norm_zscore }</option>
                    </select>
                </div>
                <div class="field">
                    <label for={id("agg")}>{ t.aggregate }</label>
                    <select id={id("agg")} onchange={on_change(x, move |c, v, _| if let Some(s) = c.stages.get_mut(si) {
                        s.aggregate = match v.as_str() { "median" => Aggregate::Median, "trimmed" => Aggregate::Trimmed, _ => Aggregate::Mean } })}>
                        <option value="mean" selected={s.aggregate == Aggregate::Mean}>{ t.agg_mean }</option>
                        <option value="median" selected={s.aggregate == Aggregate::Median}>{ t.agg_median }</option>
                        <option value="trimmed" selected={s.aggregate == Aggregate::Trimmed}>{ t.agg_trimmed }</option>
                    </select>
                </div>
                <NumField id={id("minj")} label={t.min_judges} value={Some(s.min_judges as f64)} nan_text={t.not_a_number}
                    invalid={invalid(x, &format!("{p}.min_judges"))}
                    onchange={on_num(x, move |c, v| if let (Some(s), Some(v)) = (c.stages.get_mut(si), v) { if v >= 0.0 && v.fract() == 0.0 && v <= u32::MAX as f64 { s.min_judges = v as u32 } })} />
            </div>
            <h3>{ t.criteria }</h3>
            <div class="table-wrap" tabindex="0">
            <table class="edit-table">
                <thead><tr>
                    <th scope="col">{ t.crit_id }</th><th scope="col">{ t.crit_name }</th>
                    <th scope="col">{ t.weight }</th><th scope="col">{ t.weight_pct }</th>
                    <th scope="col">{ t.scale_min }</th><th scope="col">{ t.scale_max }</th>
                    <th scope="col"><span class="visually-hidden">{ t.remove }</span></th>
                </tr></thead>
                <tbody>{ for crit_rows }</tbody>
            </table>
            </div>
            <button type="button" class="button small" onclick={edit(x, move |c| if let Some(s) = c.stages.get_mut(si) {
                let n = s.criteria.len() + 1;
                s.criteria.push(Criterion { id: format!("k{n}"), name: format!("Kriteria {n}"), weight: 1.0, min: 0.0, max: 10.0 }) })}>
                { format!("+ {}", t.add_criterion) }</button>

            <h3>{ t.bonus_rules }</h3>
            if !s.bonus.is_empty() {
                <div class="table-wrap" tabindex="0">
                <table class="edit-table">
                    <thead><tr>
                        <th scope="col">{ t.crit_id }</th><th scope="col">{ t.bonus_field }</th><th scope="col">{ t.bonus_op }</th>
                        <th scope="col">{ t.bonus_value }</th><th scope="col">{ t.bonus_points }</th>
                        <th scope="col"><span class="visually-hidden">{ t.remove }</span></th>
                    </tr></thead>
                    <tbody>{ for bonus_rows }</tbody>
                </table>
                </div>
            }
            <button type="button" class="button small" onclick={edit(x, move |c| if let Some(s) = c.stages.get_mut(si) {
                let n = s.bonus.len() + 1;
                s.bonus.push(BonusRule { id: format!("bonus-{n}"), points: 1.0, field: "years_running".into(), op: Op::Ge,
                    value: RuleValue::One(Attr { text: "2".into(), number: Some(2.0) }) }) })}>
                { format!("+ {}", t.add_bonus) }</button>

            <h3>{ t.combine }</h3>
            if combine.is_empty() { <p class="muted">{ t.combine_default }</p> }
            <ul class="plain">{ for combine_rows }</ul>
            <button type="button" class="button small" onclick={edit(x, move |c| { let sid = stage_id.clone(); if let Some(s) = c.stages.get_mut(si) {
                s.combine.get_or_insert_with(Vec::new).push(CombineTerm { stage: sid, weight: 1.0 }); } })}>
                { format!("+ {}", t.add_combine) }</button>

            <h3>{ t.tie_break }</h3>
            <ol class="plain">{ for tb_rows }</ol>
            <button type="button" class="button small" onclick={edit(x, move |c| if let Some(s) = c.stages.get_mut(si) { s.tie_break.push(TieBreak::Raw) })}>
                { format!("+ {}", t.add_tie_break) }</button>

            <h3>{ t.advance }</h3>
            <div class="field check">
                <input id={id("adv")} type="checkbox" checked={adv.is_some()}
                    onchange={on_change(x, move |c, _, on| if let Some(s) = c.stages.get_mut(si) { s.advance = if on { Some(Advance { top: Some(10), ..Advance::default() }) } else { None } })} />
                <label for={id("adv")}>{ t.advance_on }</label>
            </div>
            if let Some(a) = adv {
                <div class="fields">
                    <NumField id={id("top")} label={t.top} value={a.top.map(f64::from)} optional=true nan_text={t.not_a_number}
                        hint={AttrValue::from(t.empty_none)} invalid={invalid(x, &format!("{p}.advance.top"))}
                        onchange={on_num(x, move |c, v| if let Some(a) = c.stages.get_mut(si).and_then(|s| s.advance.as_mut()) { a.top = v.filter(|x| *x >= 0.0 && x.fract() == 0.0 && *x <= u32::MAX as f64).map(|x| x as u32) })} />
                    <NumField id={id("thr")} label={t.threshold} value={a.threshold} optional=true nan_text={t.not_a_number}
                        hint={AttrValue::from(t.empty_none)}
                        onchange={on_num(x, move |c, v| if let Some(a) = c.stages.get_mut(si).and_then(|s| s.advance.as_mut()) { a.threshold = v })} />
                    <NumField id={id("cap")} label={t.max_per_agency} value={a.max_per_agency.map(f64::from)} optional=true nan_text={t.not_a_number}
                        hint={AttrValue::from(t.empty_none)} invalid={invalid(x, &format!("{p}.advance.max_per_agency"))}
                        onchange={on_num(x, move |c, v| if let Some(a) = c.stages.get_mut(si).and_then(|s| s.advance.as_mut()) { a.max_per_agency = v.filter(|x| *x >= 0.0 && x.fract() == 0.0 && *x <= u32::MAX as f64).map(|x| x as u32) })} />
                    <div class="field">
                        <label for={id("ties")}>{ t.ties }</label>
                        <select id={id("ties")} onchange={on_change(x, move |c, v, _| if let Some(a) = c.stages.get_mut(si).and_then(|s| s.advance.as_mut()) { a.ties = if v == "exclude" { Ties::Exclude } else { Ties::Include } })}>
                            <option value="include" selected={a.ties == Ties::Include}>{ t.ties_include }</option>
                            <option value="exclude" selected={a.ties == Ties::Exclude}>{ t.ties_exclude }</option>
                        </select>
                    </div>
                    <div class="field check">
                        <input id={id("percat")} type="checkbox" checked={a.per_category}
                            onchange={on_change(x, move |c, _, on| if let Some(a) = c.stages.get_mut(si).and_then(|s| s.advance.as_mut()) { a.per_category = on })} />
                        <label for={id("percat")}>{ t.per_category }</label>
                    </div>
                </div>
            } else {
                <p class="muted">{ t.advance_off }</p>
            }
            if nstages > 1 {
                <div class="actions">
                    <button type="button" class="button danger" onclick={edit(x, move |c| if si < c.stages.len() && c.stages.len() > 1 { c.stages.remove(si); })}>
                        { format!("{}: {}", t.remove_stage, s.name) }</button>
                </div>
            }
        </section>
    }
}
