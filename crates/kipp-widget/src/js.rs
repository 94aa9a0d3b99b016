//! From `JSON.parse` output to a [`Value`] tree.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::data::{Value, MAX_DEPTH};

/// Converts a value that came out of `JSON.parse`; `None` when nested
/// deeper than [`MAX_DEPTH`].
pub fn to_value(v: &JsValue, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(s) = v.as_string() {
        return Some(Value::Str(s));
    }
    if let Some(n) = v.as_f64() {
        return Some(Value::Num(n));
    }
    if let Some(b) = v.as_bool() {
        return Some(Value::Bool(b));
    }
    if v.is_null() || v.is_undefined() {
        return Some(Value::Null);
    }
    if Array::is_array(v) {
        let arr: &Array = v.unchecked_ref();
        let mut out = Vec::with_capacity(arr.length() as usize);
        for item in arr.iter() {
            out.push(to_value(&item, depth + 1)?);
        }
        return Some(Value::Arr(out));
    }
    let obj: &Object = v.dyn_ref()?;
    let keys = Object::keys(obj);
    let mut out = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let name = key.as_string().unwrap_or_default();
        let val = Reflect::get(obj, &key).unwrap_or(JsValue::NULL);
        out.push((name, to_value(&val, depth + 1)?));
    }
    Some(Value::Obj(out))
}
