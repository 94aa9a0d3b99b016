//! No input makes a parser panic: arbitrary bytes, and arbitrary text built
//! from the characters that matter to CSV and JSON.

use proptest::prelude::*;

fn all_parsers(bytes: &[u8]) {
    let _ = kipp_formats::parse_competition("c.json", bytes);
    let _ = kipp_formats::parse_innovations("i.csv", bytes);
    let _ = kipp_formats::parse_scores("s.csv", bytes);
    let _ = kipp_formats::parse_judges("j.csv", bytes);
    let _ = kipp_formats::list_sheets("x.xlsx", bytes);
}

fn csvish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("stage".to_string()),
            Just("innovation".to_string()),
            Just("judge".to_string()),
            Just("criterion".to_string()),
            Just("score".to_string()),
            Just("id".to_string()),
            Just("title".to_string()),
            Just("eligible".to_string()),
            Just("conflicts".to_string()),
            "[,;\t\"\n\r ]",
            "[0-9.,eE+-]{1,6}",
            "[a-zA-Z]{1,4}",
            Just("\u{feff}".to_string()),
            Just("NaN".to_string()),
            Just("é".to_string()),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn jsonish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[\\[\\]{}:,\" \n]",
            Just("\"kipp\"".to_string()),
            Just("\"stages\"".to_string()),
            Just("\"criteria\"".to_string()),
            Just("\"id\"".to_string()),
            Just("\"weight\"".to_string()),
            Just("\"advance\"".to_string()),
            Just("\"when\"".to_string()),
            Just("\"value\"".to_string()),
            Just("\"op\"".to_string()),
            Just("\"in\"".to_string()),
            Just("null".to_string()),
            Just("true".to_string()),
            "-?[0-9]{1,4}(\\.[0-9]{1,3})?(e[0-9]{1,3})?",
        ],
        0..80,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        all_parsers(&bytes);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&bytes);
        all_parsers(&zip);
    }

    #[test]
    fn csv_like_text_never_panics(text in csvish()) {
        all_parsers(text.as_bytes());
    }

    #[test]
    fn json_like_text_never_panics(text in jsonish()) {
        all_parsers(text.as_bytes());
        let list = format!("[{text}]");
        all_parsers(list.as_bytes());
        let comp = format!("{{\"kipp\": 1, \"stages\": [{{\"id\": \"a\", \"criteria\": [{text}]}}]}}");
        all_parsers(comp.as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the data files hold, reading, preparing and ranking never panic.
    #[test]
    fn whole_run_never_panics(inn in csvish(), scores in csvish(), judges in csvish()) {
        let comp = br#"{"kipp": 1, "stages": [{"id": "proposal", "criteria": [{"id": "a", "weight": 1, "min": 0, "max": 10}], "advance": {"top": 1}}]}"#;
        let inn = format!("id,title,eligible\n{inn}");
        let scores = format!("stage,innovation,judge,criterion,score\n{scores}");
        let judges = format!("id,name,agency,conflicts\n{judges}");
        let r = kipp_formats::prepare_files(kipp_formats::RunFiles {
            competition: kipp_formats::FileData::new("c.json", comp),
            innovations: kipp_formats::FileData::new("i.csv", inn.as_bytes()),
            scores: kipp_formats::FileData::new("s.csv", scores.as_bytes()),
            judges: Some(kipp_formats::FileData::new("j.csv", judges.as_bytes())),
        });
        if let Ok(p) = r {
            let _ = kipp_formats::result_json(&p.rank());
        }
    }
}
