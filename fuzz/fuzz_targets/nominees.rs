//! The nominee file of `<kipp-nominees>` on any bytes: parsed as the page
//! does (JSON, then the value tree with its depth limit), validated, then
//! every filter the visitor can choose.
#![no_main]
use kipp_fuzz::nominees::{self, Value, MAX_DEPTH};
use libfuzzer_sys::fuzz_target;

/// As `js.rs` converts `JSON.parse` output (keys once, last one wins, as
/// JavaScript objects do).
fn to_value(v: &serde_json::Value, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Num(n.as_f64()?),
        serde_json::Value::String(s) => Value::Str(s.clone()),
        serde_json::Value::Array(a) => Value::Arr(
            a.iter()
                .map(|x| to_value(x, depth + 1))
                .collect::<Option<_>>()?,
        ),
        serde_json::Value::Object(o) => Value::Obj(
            o.iter()
                .map(|(k, x)| Some((k.clone(), to_value(x, depth + 1)?)))
                .collect::<Option<_>>()?,
        ),
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Some(root) = to_value(&json, 0) else {
        return;
    };
    let checked = nominees::validate(&root);
    for p in checked
        .skipped
        .iter()
        .chain(checked.result.as_ref().err().into_iter().flatten())
    {
        assert!(!p.message(false).is_empty() && !p.message(true).is_empty());
    }
    let Ok(n) = checked.result else {
        return;
    };
    let choices = nominees::choices(&n.innovations);
    for inn in &n.innovations {
        for l in &inn.links {
            // What is shown as a link is http(s) or relative, never script.
            let lower = l.url.to_ascii_lowercase();
            assert!(
                !lower.trim_start().starts_with("javascript:"),
                "{:?}",
                l.url
            );
        }
        let _ = n.category_label(inn.category.as_deref().unwrap_or(""), false);
        let _ = nominees::in_region(inn, "Banyumas");
    }
    for year in choices.years.iter().take(3) {
        let f = nominees::Filter {
            year: Some(*year),
            ..Default::default()
        };
        let _ = n.innovations.iter().filter(|i| f.matches(i)).count();
    }
    for category in choices.categories.iter().take(3) {
        let f = nominees::Filter {
            category: Some(category.clone()),
            query: "a".into(),
            ..Default::default()
        };
        let _ = n.innovations.iter().filter(|i| f.matches(i)).count();
    }
});
