//! The participation summary counts what the innovations file says: a
//! direct count of random files, whatever their order; merged years keep
//! each year's numbers.

use std::collections::{BTreeMap, BTreeSet};

use kipp_formats::summary::{merge, read_summary, summarize, Summary};
use proptest::prelude::*;

const COMPETITION: &str = r#"{"kipp": 1, "name": "KIPP Kabupaten Contoh 2021", "stages": [
  {"id": "proposal", "name": "Evaluasi Proposal",
   "criteria": [{"id": "k1", "name": "K1", "weight": 1, "min": 0, "max": 100}],
   "advance": {"top": 5}}]}"#;

fn row() -> impl Strategy<Value = (usize, usize, bool)> {
    (0usize..12, 0usize..5, any::<bool>())
}

fn csv_of(rows: &[(usize, usize, bool)]) -> String {
    let mut s = String::from("id,title,unit,agency,category,eligible,jenis_unit\n");
    for (k, (a, c, e)) in rows.iter().enumerate() {
        // Agency 0 is empty: no agency, not counted as one.
        let agency = if *a == 0 {
            String::new()
        } else {
            format!("Dinas {a}")
        };
        s.push_str(&format!(
            "INV-{k:03},Inovasi {k},Unit {k},{agency},kategori-{c},{},{}\n",
            if *e { "ya" } else { "tidak" },
            ["Puskesmas", "Kecamatan", "", "Dinas"][(a + c) % 4]
        ));
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn counts_equal_a_direct_count(rows in prop::collection::vec(row(), 0..80), seed in any::<u64>()) {
        let comp = kipp_formats::parse_competition("competition.json", COMPETITION.as_bytes()).unwrap();
        let list = kipp_formats::parse_innovations("innovations.csv", csv_of(&rows).as_bytes()).unwrap();
        let e = summarize(&comp, &list, None, Some(2021));
        prop_assert_eq!(e.innovations, rows.len() as u64);
        prop_assert_eq!(e.eligible, Some(rows.iter().filter(|r| r.2).count() as u64));
        let mut agencies: BTreeMap<String, u64> = BTreeMap::new();
        let mut categories: BTreeMap<String, u64> = BTreeMap::new();
        let mut unit_types: BTreeMap<String, u64> = BTreeMap::new();
        for (a, c, _) in &rows {
            if *a != 0 {
                *agencies.entry(format!("Dinas {a}")).or_default() += 1;
            }
            *categories.entry(format!("kategori-{c}")).or_default() += 1;
            let t = ["Puskesmas", "Kecamatan", "", "Dinas"][(a + c) % 4];
            if !t.is_empty() {
                *unit_types.entry(t.to_string()).or_default() += 1;
            }
        }
        prop_assert_eq!(e.agencies, Some(agencies.len() as u64));
        let got: BTreeMap<String, u64> = e.by_agency.iter().map(|c| (c.name.clone(), c.count)).collect();
        prop_assert_eq!(&got, &agencies);
        let got: BTreeMap<String, u64> = e.by_category.iter().map(|c| (c.name.clone(), c.count)).collect();
        prop_assert_eq!(&got, &categories);
        let got: BTreeMap<String, u64> = e.by_unit_type.iter().map(|c| (c.name.clone(), c.count)).collect();
        prop_assert_eq!(&got, &unit_types);
        // Sorted: most first, ties by name.
        for w in e.by_agency.windows(2) {
            prop_assert!(w[0].count > w[1].count || (w[0].count == w[1].count && w[0].name < w[1].name));
        }
        // The top three: the third's count and everything above it.
        let mut counts: Vec<u64> = agencies.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        if let Some(&third) = counts.get(2) {
            let want: BTreeSet<&str> = agencies.iter().filter(|(_, &n)| n >= third).map(|(k, _)| k.as_str()).collect();
            let got: BTreeSet<&str> = e.top_agencies.iter().map(String::as_str).collect();
            prop_assert_eq!(got, want);
        } else {
            prop_assert_eq!(e.top_agencies.len(), agencies.len());
        }
        // The order of the rows does not matter.
        let mut shuffled = rows.clone();
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let list2 = kipp_formats::parse_innovations("innovations.csv", csv_of(&shuffled).as_bytes()).unwrap();
        let e2 = summarize(&comp, &list2, None, Some(2021));
        prop_assert_eq!(&e2.by_agency, &e.by_agency);
        prop_assert_eq!(&e2.by_category, &e.by_category);
        prop_assert_eq!(&e2.top_agencies, &e.top_agencies);
    }

    #[test]
    fn merged_years_keep_each_year_s_numbers(sizes in prop::collection::vec(0usize..40, 1..6)) {
        let comp = kipp_formats::parse_competition("competition.json", COMPETITION.as_bytes()).unwrap();
        let mut files = Vec::new();
        for (k, n) in sizes.iter().enumerate() {
            let rows: Vec<(usize, usize, bool)> = (0..*n).map(|i| (i % 7, i % 3, i % 2 == 0)).collect();
            let list = kipp_formats::parse_innovations("i.csv", csv_of(&rows).as_bytes()).unwrap();
            let year = 2020 - k as i32; // newest first: merging sorts them
            let s = Summary::of(summarize(&comp, &list, None, Some(year)), "Pemkab");
            let back = read_summary("s.json", s.to_json().as_bytes()).unwrap();
            prop_assert_eq!(&back, &s);
            files.push((format!("{year}.json"), back));
        }
        let m = merge(&files).unwrap();
        prop_assert_eq!(m.editions.len(), sizes.len());
        for w in m.editions.windows(2) {
            prop_assert!(w[0].year < w[1].year);
        }
        for (name, s) in &files {
            let e = &s.editions[0];
            let got = m.editions.iter().find(|g| g.year == e.year).unwrap();
            prop_assert_eq!(got, e, "{}", name);
        }
    }
}
