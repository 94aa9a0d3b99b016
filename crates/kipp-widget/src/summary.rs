//! A participation summary file (docs/summary.md) read from a [`Value`]
//! tree: what the summary view shows. Plain Rust, tested natively.

use crate::data::Value;

/// A name and its count.
#[derive(Clone, Debug, PartialEq)]
pub struct Count {
    /// Agency or category.
    pub name: String,
    /// Innovations.
    pub count: u64,
}

/// One stage: entered and advanced.
#[derive(Clone, Debug, PartialEq)]
pub struct StageCount {
    /// The stage's name (its id when unnamed).
    pub name: String,
    /// Ranked.
    pub entered: u64,
    /// Advanced.
    pub advanced: u64,
}

/// One edition.
#[derive(Clone, Debug, PartialEq)]
pub struct Edition {
    /// Year.
    pub year: Option<i32>,
    /// Competition name.
    pub competition: String,
    /// Innovations entered.
    pub innovations: u64,
    /// Eligible.
    pub eligible: Option<u64>,
    /// Agencies taking part.
    pub agencies: Option<u64>,
    /// Stages.
    pub stages: Vec<StageCount>,
    /// By agency, most first.
    pub by_agency: Vec<Count>,
    /// Top three (with ties at the third).
    pub top_agencies: Vec<String>,
    /// By category, most first.
    pub by_category: Vec<Count>,
    /// By unit type, most first.
    pub by_unit_type: Vec<Count>,
}

/// The whole file.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Publisher.
    pub publisher: Option<String>,
    /// Editions, oldest first.
    pub editions: Vec<Edition>,
}

fn count(v: &Value) -> Option<u64> {
    match v {
        Value::Num(x) if x.is_finite() && *x >= 0.0 && x.fract() == 0.0 && *x <= 1e12 => {
            Some(*x as u64)
        }
        _ => None,
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::Str(s)) if !s.trim().is_empty() => Some(s.trim().chars().take(200).collect()),
        _ => None,
    }
}

fn counts(v: Option<&Value>, path: &str) -> Result<Vec<Count>, String> {
    let Some(v) = v else { return Ok(vec![]) };
    let Value::Arr(list) = v else {
        return Err(format!("{path}: list expected"));
    };
    let mut out = Vec::new();
    for (k, item) in list.iter().enumerate() {
        let name =
            text(item.get("name")).ok_or_else(|| format!("{path}[{k}].name: text expected"))?;
        let n = item
            .get("count")
            .and_then(count)
            .ok_or_else(|| format!("{path}[{k}].count: a whole number ≥ 0 expected"))?;
        out.push(Count { name, count: n });
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.count));
    Ok(out)
}

/// The summary in `v`, or the first problem with its place
/// (`editions[1].innovations: …`).
pub fn read(v: &Value) -> Result<Summary, String> {
    match v.get("kipp_summary") {
        Some(Value::Num(x)) if *x == 1.0 => {}
        _ => return Err("kipp_summary: must be 1".into()),
    }
    let Some(Value::Arr(list)) = v.get("editions") else {
        return Err("editions: list expected".into());
    };
    let mut editions = Vec::new();
    for (k, e) in list.iter().enumerate() {
        let at = format!("editions[{k}]");
        let innovations = e
            .get("innovations")
            .and_then(count)
            .ok_or_else(|| format!("{at}.innovations: a whole number ≥ 0 expected"))?;
        let year = match e.get("year") {
            None | Some(Value::Null) => None,
            Some(y) => Some(
                count(y)
                    .filter(|y| (1900..2200).contains(y))
                    .ok_or_else(|| format!("{at}.year: a year expected"))? as i32,
            ),
        };
        let opt = |key: &str| -> Result<Option<u64>, String> {
            match e.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(x) => count(x)
                    .map(Some)
                    .ok_or_else(|| format!("{at}.{key}: a whole number ≥ 0 expected")),
            }
        };
        let mut stages = Vec::new();
        if let Some(Value::Arr(st)) = e.get("stages") {
            for (j, s) in st.iter().enumerate() {
                let p = format!("{at}.stages[{j}]");
                let name = text(s.get("name"))
                    .or_else(|| text(s.get("id")))
                    .ok_or_else(|| format!("{p}.id: text expected"))?;
                let entered = s
                    .get("entered")
                    .and_then(count)
                    .ok_or_else(|| format!("{p}.entered: a whole number expected"))?;
                let advanced = s
                    .get("advanced")
                    .and_then(count)
                    .ok_or_else(|| format!("{p}.advanced: a whole number expected"))?;
                stages.push(StageCount {
                    name,
                    entered,
                    advanced,
                });
            }
        }
        let top_agencies = match e.get("top_agencies") {
            Some(Value::Arr(t)) => t.iter().filter_map(|x| text(Some(x))).collect(),
            _ => vec![],
        };
        editions.push(Edition {
            year,
            competition: text(e.get("competition")).unwrap_or_default(),
            innovations,
            eligible: opt("eligible")?,
            agencies: opt("agencies")?,
            stages,
            by_agency: counts(e.get("by_agency"), &format!("{at}.by_agency"))?,
            top_agencies,
            by_category: counts(e.get("by_category"), &format!("{at}.by_category"))?,
            by_unit_type: counts(e.get("by_unit_type"), &format!("{at}.by_unit_type"))?,
        });
    }
    Ok(Summary {
        publisher: text(v.get("publisher")),
        editions,
    })
}

impl Edition {
    /// The top agencies with their counts, for the sentence: the file's
    /// `top_agencies` when given, else the first three of `by_agency` with
    /// every agency tied with the third.
    pub fn top(&self) -> Vec<(&str, u64)> {
        if !self.top_agencies.is_empty() {
            return self
                .top_agencies
                .iter()
                .filter_map(|n| self.by_agency.iter().find(|c| &c.name == n))
                .map(|c| (c.name.as_str(), c.count))
                .collect();
        }
        let n = kipp_ui::sentences::top_three_len(self.by_agency.iter().map(|c| c.count));
        self.by_agency[..n]
            .iter()
            .map(|c| (c.name.as_str(), c.count))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(m: Vec<(&str, Value)>) -> Value {
        Value::Obj(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }
    fn n(x: f64) -> Value {
        Value::Num(x)
    }
    fn s(x: &str) -> Value {
        Value::Str(x.into())
    }

    #[test]
    fn reads_a_file_and_locates_problems() {
        let agency = |name: &str, c: f64| obj(vec![("name", s(name)), ("count", n(c))]);
        let file = obj(vec![
            ("kipp_summary", n(1.0)),
            (
                "editions",
                Value::Arr(vec![
                    obj(vec![("year", n(2014.0)), ("innovations", n(515.0))]),
                    obj(vec![
                        ("year", n(2020.0)),
                        ("innovations", n(107.0)),
                        ("agencies", n(36.0)),
                        (
                            "by_agency",
                            Value::Arr(vec![
                                agency("B", 25.0),
                                agency("A", 38.0),
                                agency("C", 4.0),
                                agency("D", 1.0),
                            ]),
                        ),
                    ]),
                ]),
            ),
        ]);
        let r = read(&file).unwrap();
        assert_eq!(r.editions.len(), 2);
        assert!(r.editions[1].by_unit_type.is_empty());
        let typed = obj(vec![
            ("kipp_summary", n(1.0)),
            (
                "editions",
                Value::Arr(vec![obj(vec![
                    ("innovations", n(3.0)),
                    (
                        "by_unit_type",
                        Value::Arr(vec![agency("Kecamatan", 1.0), agency("Puskesmas", 2.0)]),
                    ),
                ])]),
            ),
        ]);
        let t = read(&typed).unwrap();
        assert_eq!(
            t.editions[0].by_unit_type[0],
            Count {
                name: "Puskesmas".into(),
                count: 2
            }
        );
        let e = &r.editions[1];
        assert_eq!(e.by_agency[0].name, "A");
        assert_eq!(e.top(), [("A", 38), ("B", 25), ("C", 4)]);
        assert_eq!(
            kipp_ui::sentences::participation(
                e.innovations,
                e.agencies,
                &e.top(),
                kipp_ui::Lang::Id
            ),
            "107 inovasi dari 36 perangkat daerah; terbanyak A (38), B (25) dan C (4)."
        );
        let bad = obj(vec![
            ("kipp_summary", n(1.0)),
            (
                "editions",
                Value::Arr(vec![obj(vec![("innovations", n(-3.0))])]),
            ),
        ]);
        assert_eq!(
            read(&bad).unwrap_err(),
            "editions[0].innovations: a whole number ≥ 0 expected"
        );
        assert!(read(&obj(vec![("kipp_summary", n(2.0))])).is_err());
    }
}
