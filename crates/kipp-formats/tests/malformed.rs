//! One test per kind of bad input (scoring.md §1.6): every problem located
//! (file, line, column) and worded in both languages.

use kipp_formats::{
    parse_competition, parse_innovations, parse_judges, parse_scores, prepare_files, FileData,
    Problem, RunFiles,
};

const COMP: &str = r#"{
  "kipp": 1,
  "name": "Uji",
  "stages": [
    {
      "id": "proposal",
      "criteria": [
        {"id": "a", "weight": 40, "min": 0, "max": 10},
        {"id": "b", "weight": 60, "min": 0, "max": 10}
      ]
    }
  ]
}"#;

const INN: &str = "id,title,agency\nA1,Satu,Dinas A\nA2,Dua,Dinas B\n";
const JUDGES: &str = "id,name,agency,conflicts\nJ1,Juri Satu,,\nJ2,Juri Dua,,\n";

fn one(ps: &[Problem]) -> &Problem {
    assert_eq!(ps.len(), 1, "expected one problem, got {ps:#?}");
    &ps[0]
}

fn at(p: &Problem, file: &str, line: u32, column: u32, en_contains: &str) {
    assert_eq!(&*p.file, file, "{p:?}");
    assert_eq!((p.line, p.column), (line, column), "{p:?}");
    assert!(
        p.message_en.contains(en_contains),
        "{:?} should contain {en_contains:?}",
        p.message_en
    );
    assert!(
        !p.message_id.is_empty() && p.message_id != p.message_en,
        "{p:?}"
    );
}

fn run(comp: &str, inn: &str, scores: &str, judges: Option<&str>) -> Vec<Problem> {
    match prepare_files(RunFiles {
        competition: FileData::new("competition.json", comp.as_bytes()),
        innovations: FileData::new("innovations.csv", inn.as_bytes()),
        scores: FileData::new("scores.csv", scores.as_bytes()),
        judges: judges.map(|j| FileData::new("judges.csv", j.as_bytes())),
    }) {
        Ok(_) => Vec::new(),
        Err(p) => p,
    }
}

#[test]
fn good_input_has_no_problem() {
    let scores = "stage,innovation,judge,criterion,score\nproposal,A1,J1,a,7\nproposal,A1,J1,b,8\n";
    assert!(run(COMP, INN, scores, Some(JUDGES)).is_empty());
}

#[test]
fn delimiter_mix_gives_wrong_field_count() {
    // Header with `;`, a row written with `,`.
    let ps = parse_innovations(
        "innovations.csv",
        b"id;title;agency\nA1,Satu,Dinas A\nA2;Dua;Dinas B\n",
    )
    .unwrap_err();
    at(
        one(&ps),
        "innovations.csv",
        2,
        1,
        "this row has 1 fields, the header (line 1) has 3",
    );
}

#[test]
fn unterminated_quote() {
    let ps = parse_innovations("innovations.csv", b"id,title\nA1,Satu\nA2,\"Dua\nA3,Tiga\n")
        .unwrap_err();
    at(one(&ps), "innovations.csv", 3, 4, "quote \" not closed");
}

#[test]
fn quoted_fields_with_delimiters_and_newlines_are_read() {
    let inn =
        parse_innovations("i.csv", b"id,title\nA1,\"Satu, \"\"dua\"\"\ntiga\"\nA2,x\n").unwrap();
    assert_eq!(inn[0].title, "Satu, \"dua\"\ntiga");
    assert_eq!(inn[1].loc.line, 4);
}

#[test]
fn missing_required_column() {
    let ps = parse_scores(
        "scores.csv",
        b"stage,innovation,criterion,score\nproposal,A1,a,7\n",
    )
    .unwrap_err();
    at(
        one(&ps),
        "scores.csv",
        1,
        1,
        "required column \"judge\" is missing",
    );
    let ps = parse_innovations("innovations.csv", b"id,name\nA1,x\n").unwrap_err();
    at(
        one(&ps),
        "innovations.csv",
        1,
        1,
        "required column \"title\"",
    );
}

#[test]
fn nan_and_infinite_scores() {
    let ps = parse_scores(
        "scores.csv",
        b"stage,innovation,judge,criterion,score\nproposal,A1,J1,a,NaN\nproposal,A1,J1,b,-inf\nproposal,A2,J1,a,1e400\n",
    )
    .unwrap_err();
    assert_eq!(ps.len(), 3);
    at(&ps[0], "scores.csv", 2, 18, "not finite");
    at(&ps[1], "scores.csv", 3, 18, "not finite");
    at(&ps[2], "scores.csv", 4, 18, "not finite");
}

#[test]
fn score_not_a_number_and_empty() {
    let ps = parse_scores(
        "scores.csv",
        b"stage,innovation,judge,criterion,score\nproposal,A1,J1,a,tujuh\nproposal,A1,J1,b,\n",
    )
    .unwrap_err();
    assert_eq!(ps.len(), 2);
    at(
        &ps[0],
        "scores.csv",
        2,
        18,
        "score \"tujuh\" is not a number",
    );
    at(&ps[1], "scores.csv", 3, 18, "the score is empty");
}

#[test]
fn decimal_comma_only_with_semicolon() {
    let ok = parse_scores(
        "s.csv",
        "stage;innovation;judge;criterion;score\nproposal;A1;J1;a;7,5\n".as_bytes(),
    )
    .unwrap();
    assert_eq!(ok[0].value, 7.5);
    // In a `,` file "7,5" is two fields: a field-count problem.
    let ps = parse_scores(
        "s.csv",
        b"stage,innovation,judge,criterion,score\nproposal,A1,J1,a,\"7,5\"\n",
    )
    .unwrap_err();
    at(one(&ps), "s.csv", 2, 18, "is not a number");
}

#[test]
fn score_out_of_range() {
    let scores =
        "stage,innovation,judge,criterion,score\nproposal,A1,J1,a,7\nproposal,A1,J1,b,11\n";
    let ps = run(COMP, INN, scores, None);
    let p = one(&ps);
    assert_eq!((&*p.file, p.line, p.column), ("scores.csv", 3, 18));
    assert!(p.message_en.contains("11"), "{p:?}");
}

#[test]
fn duplicate_score() {
    let scores = "stage,innovation,judge,criterion,score\nproposal,A1,J1,a,7\nproposal,A1,J1,b,7\nproposal,A1,J1,a,8\n";
    let ps = run(COMP, INN, scores, None);
    let p = one(&ps);
    assert_eq!((&*p.file, p.line, p.column), ("scores.csv", 4, 18), "{p:?}");
    assert!(
        p.message_en.contains("twice") && p.message_en.contains("line 2"),
        "{p:?}"
    );
}

#[test]
fn duplicate_innovation_id() {
    let ps = parse_innovations("innovations.csv", b"id,title\nA1,x\nA2,y\nA1,z\n").unwrap_err();
    at(
        one(&ps),
        "innovations.csv",
        4,
        1,
        "duplicate innovation id \"A1\" (already on line 2)",
    );
}

#[test]
fn bad_eligible_value() {
    let ps = parse_innovations("i.csv", b"id,title,eligible\nA1,x,ya\nA2,y,mungkin\n").unwrap_err();
    at(one(&ps), "i.csv", 3, 6, "\"eligible\" must be");
}

#[test]
fn unknown_key_in_competition_is_located() {
    let comp = COMP.replace(r#"{"id": "b", "weight": 60"#, r#"{"id": "b", "wieght": 60"#);
    let ps = parse_competition("competition.json", comp.as_bytes()).unwrap_err();
    // The missing weight (located at its object), then the unknown key.
    at(
        &ps[0],
        "competition.json",
        9,
        9,
        "required key \"weight\" is missing in stages[0].criteria[1]",
    );
    at(
        &ps[1],
        "competition.json",
        9,
        21,
        "unknown key \"wieght\" in stages[0].criteria[1]",
    );
    let comp = COMP.replace("\"name\": \"Uji\",", "\"name\": \"Uji\", \"stagez\": [],");
    let ps = parse_competition("competition.json", comp.as_bytes()).unwrap_err();
    at(
        one(&ps),
        "competition.json",
        3,
        18,
        "unknown key \"stagez\" in the top level",
    );
}

#[test]
fn unknown_keys_in_advance_bonus_when() {
    let comp = COMP.replace(
        "\"criteria\": [",
        r#""advance": {"top": 1, "tie": "include"},
      "bonus": [{"id": "x", "points": 1, "when": {"field": "f", "op": "==", "value": 1, "also": 2}}],
      "criteria": ["#,
    );
    let ps = parse_competition("competition.json", comp.as_bytes()).unwrap_err();
    assert_eq!(ps.len(), 2, "{ps:#?}");
    at(
        &ps[0],
        "competition.json",
        7,
        29,
        "unknown key \"tie\" in stages[0].advance",
    );
    at(
        &ps[1],
        "competition.json",
        8,
        89,
        "unknown key \"also\" in stages[0].bonus[0].when",
    );
}

#[test]
fn wrong_type_in_competition() {
    let comp = COMP.replace(r#""weight": 40"#, r#""weight": "40""#);
    let ps = parse_competition("competition.json", comp.as_bytes()).unwrap_err();
    at(
        one(&ps),
        "competition.json",
        8,
        31,
        "stages[0].criteria[0].weight must be a number, not a string",
    );
}

#[test]
fn wrong_kipp_version() {
    let comp = COMP.replace(r#""kipp": 1"#, r#""kipp": 2"#);
    let ps = parse_competition("competition.json", comp.as_bytes()).unwrap_err();
    at(
        one(&ps),
        "competition.json",
        2,
        11,
        "format version \"kipp\": 2 is not supported",
    );
}

#[test]
fn engine_validation_is_located_in_the_competition() {
    let comp = COMP.replace(r#""weight": 60"#, r#""weight": 0"#);
    let ps = parse_competition("competition.json", comp.as_bytes()).unwrap_err();
    let p = one(&ps);
    assert_eq!((p.line, p.column), (9, 31), "{p:?}");
}

#[test]
fn json_syntax_error_is_located() {
    let ps = parse_competition(
        "competition.json",
        b"{\n  \"kipp\": 1,\n  \"stages\": [,]\n}",
    )
    .unwrap_err();
    let p = one(&ps);
    assert_eq!((p.line, p.column), (3, 14), "{p:?}");
    assert!(p.message_en.starts_with("invalid JSON"));
}

#[test]
fn empty_advance_is_absent_and_defaults_apply() {
    let comp = COMP.replace("\"criteria\": [", "\"advance\": {},\n      \"criteria\": [");
    let c = parse_competition("c.json", comp.as_bytes()).unwrap();
    let s = &c.stages[0];
    assert!(s.advance.is_none());
    assert_eq!(s.name, "proposal");
    assert_eq!(s.criteria[0].name, "a");
    assert_eq!(s.min_judges, 1);
    assert!(s.combine.is_none() && s.tie_break.is_empty());
}

#[test]
fn unknown_judge_only_with_judges_file() {
    let scores = "stage,innovation,judge,criterion,score\nproposal,A1,J9,a,7\nproposal,A1,J9,b,8\n";
    assert!(run(COMP, INN, scores, None).is_empty());
    let ps = run(COMP, INN, scores, Some(JUDGES));
    assert_eq!(ps.len(), 2, "{ps:#?}");
    assert_eq!(
        (&*ps[0].file, ps[0].line, ps[0].column),
        ("scores.csv", 2, 13)
    );
    assert!(ps[0].message_en.contains("J9"));
}

#[test]
fn unknown_stage_innovation_criterion() {
    let scores = "stage,innovation,judge,criterion,score\nfinal,A1,J1,a,7\nproposal,A9,J1,a,7\nproposal,A1,J1,c,7\nproposal,A1,J1,a,7\nproposal,A1,J1,b,7\n";
    let ps = run(COMP, INN, scores, None);
    let places: Vec<(u32, u32)> = ps.iter().map(|p| (p.line, p.column)).collect();
    assert!(places.contains(&(2, 1)), "{ps:#?}");
    assert!(places.contains(&(3, 10)), "{ps:#?}");
    assert!(places.contains(&(4, 16)), "{ps:#?}");
}

#[test]
fn sheet_lacking_criteria() {
    let scores = "stage,innovation,judge,criterion,score\nproposal,A1,J1,a,7\n";
    let ps = run(COMP, INN, scores, None);
    let p = one(&ps);
    assert_eq!((&*p.file, p.line), ("scores.csv", 2), "{p:?}");
    assert!(p.message_en.contains('b'), "{p:?}");
}

#[test]
fn wide_form_empty_cells_and_empty_rows() {
    let s = parse_scores(
        "w.csv",
        b"stage,innovation,judge,a,b\nproposal,A1,J1,7,\nproposal,A2,J1,,\n",
    )
    .unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!((&*s[0].criterion, s[0].value, s[0].cols[4]), ("a", 7.0, 16));
}

#[test]
fn at_most_100_problems_per_file() {
    let mut text = String::from("stage,innovation,judge,criterion,score\n");
    for i in 0..150 {
        text.push_str(&format!("proposal,A{i},J1,a,x\n"));
    }
    let ps = parse_scores("s.csv", text.as_bytes()).unwrap_err();
    assert_eq!(ps.len(), 101);
    assert!(
        ps[100].message_en.contains("50 more problems"),
        "{:?}",
        ps[100]
    );
}

#[test]
fn not_utf8() {
    let ps = parse_judges("j.csv", b"id,name\nJ1,Ju\xffri\n").unwrap_err();
    at(one(&ps), "j.csv", 2, 6, "not UTF-8");
}

#[test]
fn json_list_values_are_located() {
    let text = "[\n  {\"stage\": \"proposal\", \"innovation\": \"A1\", \"judge\": \"J1\", \"criterion\": \"a\", \"score\": \"x\"}\n]";
    let ps = parse_scores("s.json", text.as_bytes()).unwrap_err();
    at(one(&ps), "s.json", 2, 87, "is not a number");
    let ps = parse_innovations("i.json", b"[{\"id\": \"A1\", \"title\": [1]}]").unwrap_err();
    at(
        one(&ps),
        "i.json",
        1,
        24,
        "must be a string, number, boolean or null",
    );
}

#[test]
fn json_attributes() {
    let inn = parse_innovations(
        "i.json",
        br#"[{"id": "A1", "title": "x", "years_running": 2.0, "eligible": false, "note": null, "flag": true}]"#,
    )
    .unwrap();
    let a = &inn[0].attrs;
    assert_eq!(a["years_running"].text, "2");
    assert_eq!(a["years_running"].number, Some(2.0));
    assert_eq!(a["flag"].text, "true");
    assert!(!a.contains_key("note"));
    assert!(!inn[0].eligible);
}

#[test]
fn xlsx_is_read_and_located() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Nilai").unwrap();
    for (j, h) in ["stage", "innovation", "judge", "criterion", "score"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "proposal").unwrap();
    ws.write_string(1, 1, "A1").unwrap();
    ws.write_string(1, 2, "J1").unwrap();
    ws.write_string(1, 3, "a").unwrap();
    ws.write_number(1, 4, 7.5).unwrap();
    ws.write_string(2, 0, "proposal").unwrap();
    ws.write_string(2, 1, "A1").unwrap();
    ws.write_string(2, 2, "J1").unwrap();
    ws.write_string(2, 3, "b").unwrap();
    ws.write_string(2, 4, "delapan").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    assert_eq!(
        kipp_formats::list_sheets("n.xlsx", &bytes).unwrap(),
        vec!["Nilai"]
    );
    let ps = parse_scores("n.xlsx", &bytes).unwrap_err();
    let p = one(&ps);
    assert_eq!(
        (p.line, p.column, p.cell.as_deref()),
        (3, 5, Some("Nilai!E3"))
    );
    assert!(p
        .render(kipp_score::Lang::En)
        .starts_with("n.xlsx:3:5: Nilai!E3: score \"delapan\""));
    let wrong_sheet = kipp_formats::parse_scores_from(FileData {
        name: "n.xlsx",
        bytes: &bytes,
        sheet: Some("Juri"),
    })
    .unwrap_err();
    assert!(wrong_sheet[0]
        .message_en
        .contains("there is no sheet \"Juri\""));
}
