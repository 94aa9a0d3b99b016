//! Bonus rule matching (§1.1).

use crate::model::{Attr, BonusRule, Innovation, Op, RuleValue};

fn eq(a: &Attr, v: &Attr) -> bool {
    match (a.number, v.number) {
        (Some(x), Some(y)) => x == y,
        _ => a.text == v.text,
    }
}

/// Does `rule` match the attribute value `a` (`None` = missing)?
/// A missing or empty attribute never matches, whatever the op (also `!=`).
/// Numbers compare as numbers when both sides are numeric; otherwise the
/// ordering ops do not match and `==`, `!=`, `in` compare the trimmed texts.
/// `in` matches when some list element is `==` to the attribute.
pub fn rule_matches(rule: &BonusRule, a: Option<&Attr>) -> bool {
    let Some(a) = a else { return false };
    if a.text.is_empty() {
        return false;
    }
    match (&rule.value, rule.op) {
        (RuleValue::List(list), Op::In) => list.iter().any(|v| eq(a, v)),
        (RuleValue::One(v), op) => match op {
            Op::Eq => eq(a, v),
            Op::Ne => !eq(a, v),
            Op::In => eq(a, v),
            Op::Ge | Op::Gt | Op::Le | Op::Lt => match (a.number, v.number) {
                (Some(x), Some(y)) => match op {
                    Op::Ge => x >= y,
                    Op::Gt => x > y,
                    Op::Le => x <= y,
                    _ => x < y,
                },
                _ => false,
            },
        },
        // A list with another op is a validation error; never matches.
        (RuleValue::List(_), _) => false,
    }
}

/// Σ points of the rules that match `inn`, in the listed order (§2.4).
pub fn bonus_of(rules: &[BonusRule], inn: &Innovation) -> f64 {
    let mut b = 0.0;
    for r in rules {
        if rule_matches(r, inn.attrs.get(&r.field)) {
            b += r.points;
        }
    }
    b
}
