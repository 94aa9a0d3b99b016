//! Plenary decisions (docs/engine-notes.md): an innovation advanced by
//! decision is ranked in the next stage with its sheets, one dropped is
//! not; the winners follow; the digest covers the decisions; a run without
//! decisions is exactly the run of scoring.md.

mod common;
use common::*;
use kipp_score::*;
use proptest::prelude::*;

/// Two stages, six innovations A..F (A best), top 3 then top 1; every
/// innovation has sheets in both stages (the second stage's sheets of those
/// who did not enter are ignored with a warning).
fn two_stages() -> Inputs {
    let mut s1 = stage("proposal", vec![crit("k", 1.0, 0.0, 100.0)]);
    s1.advance = Some(Advance {
        top: Some(3),
        ..Advance::default()
    });
    let mut s2 = stage("presentasi", vec![crit("p", 1.0, 0.0, 100.0)]);
    s2.advance = Some(Advance {
        top: Some(1),
        ..Advance::default()
    });
    let ids = ["A", "B", "C", "D", "E", "F"];
    let mut scores = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        let v1 = 90.0 - 10.0 * n as f64;
        // In the presentation D would be best of all.
        let v2 = if *id == "D" {
            99.0
        } else {
            80.0 - 5.0 * n as f64
        };
        scores.extend(sheets(&s1, &[(id, "J1", &[v1])]));
        scores.extend(sheets(&s2, &[(id, "J1", &[v2])]));
    }
    inputs(
        comp(vec![s1, s2]),
        ids.iter().map(|i| inn(i)).collect(),
        scores,
    )
}

fn decided(stage: &str, innovation: &str, advance: bool) -> Decision {
    Decision {
        stage: stage.into(),
        innovation: innovation.into(),
        advance,
    }
}

fn ids(st: &StageResult) -> Vec<&str> {
    st.rows.iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn an_innovation_advanced_by_decision_is_ranked_in_the_next_stage() {
    let mut p = prepare(&two_stages()).unwrap();
    let plain = p.rank();
    assert_eq!(ids(&plain.stages[1]), ["A", "B", "C"]);
    assert_eq!(plain.winners, ["A"]);
    p.set_decisions(&[decided("proposal", "D", true)]).unwrap();
    let r = p.rank();
    let d = r.stages[0].rows.iter().find(|r| r.id == "D").unwrap();
    assert!(d.advanced);
    assert_eq!(d.recommended, Some(false));
    assert!(r.stages[0]
        .rows
        .iter()
        .filter(|r| r.id != "D")
        .all(|r| r.recommended.is_none()));
    // D is ranked in the presentation with its sheet, and wins there.
    assert_eq!(ids(&r.stages[1]), ["D", "A", "B", "C"]);
    assert_eq!(r.stages[1].rows[0].score, Some(99.0));
    assert_eq!(r.winners, ["D"]);
    assert_ne!(r.digest, plain.digest);
}

#[test]
fn an_innovation_dropped_by_decision_does_not_enter_or_win() {
    let mut p = prepare(&two_stages()).unwrap();
    p.set_decisions(&[
        decided("proposal", "B", false),
        decided("presentasi", "A", false),
        decided("presentasi", "C", true),
    ])
    .unwrap();
    let r = p.rank();
    assert_eq!(ids(&r.stages[1]), ["A", "C"]);
    assert_eq!(r.winners, ["C"]);
    let a = &r.stages[1].rows[0];
    assert_eq!(
        (a.id.as_str(), a.advanced, a.recommended),
        ("A", false, Some(true))
    );
    // The JSON says what the rule recommended, only for decided rows.
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["stages"][1]["rows"][0]["recommended"], true);
    assert!(json["stages"][1]["rows"][1].get("recommended").is_some());
    assert!(json["stages"][0]["rows"][0].get("recommended").is_none());
    let back: RunResult = serde_json::from_value(json).unwrap();
    for (b, x) in back.stages.iter().zip(&r.stages) {
        assert_eq!(b.rows, x.rows);
    }
    assert_eq!(back.winners, r.winners);
}

#[test]
fn no_decisions_is_the_plain_run_and_clearing_restores_it() {
    let mut p = prepare(&two_stages()).unwrap();
    let plain = p.rank();
    p.set_decisions(&[]).unwrap();
    assert_eq!(p.rank(), plain);
    p.set_decisions(&[decided("proposal", "E", true)]).unwrap();
    assert_ne!(p.rank(), plain);
    p.set_decisions(&[]).unwrap();
    assert_eq!(p.rank(), plain);
    assert_eq!(p.digest(), plain.digest);
    assert!(serde_json::to_string(&plain)
        .unwrap()
        .find("recommended")
        .is_none());
}

#[test]
fn a_decision_for_a_row_that_is_not_there_does_not_apply() {
    let mut p = prepare(&two_stages()).unwrap();
    // F did not enter the presentation.
    p.set_decisions(&[decided("presentasi", "F", true)])
        .unwrap();
    let r = p.rank();
    assert!(r.stages[1].rows.iter().all(|x| x.id != "F"));
    assert_eq!(r.winners, ["A"]);
}

#[test]
fn unknown_stage_innovation_or_twice_is_a_problem_and_changes_nothing() {
    let mut p = prepare(&two_stages()).unwrap();
    p.set_decisions(&[decided("proposal", "D", true)]).unwrap();
    let before = p.rank();
    for bad in [
        vec![decided("final", "A", true)],
        vec![decided("proposal", "Z", true)],
        vec![
            decided("proposal", "A", true),
            decided("proposal", "A", false),
        ],
    ] {
        let e = p.set_decisions(&bad).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(!e[0].message(Lang::En).is_empty());
        assert_eq!(p.rank(), before);
    }
}

proptest! {
    /// The order decisions are given in does not matter; the same decisions
    /// give the same digest.
    #[test]
    fn decision_order_does_not_matter(flags in proptest::collection::vec(any::<(bool, bool)>(), 6), seed in any::<u64>()) {
        let names = ["A", "B", "C", "D", "E", "F"];
        let mut list: Vec<Decision> = Vec::new();
        for (n, (on, adv)) in flags.iter().enumerate() {
            if *on {
                list.push(decided(if n % 2 == 0 { "proposal" } else { "presentasi" }, names[n], *adv));
            }
        }
        let mut shuffled = list.clone();
        let len = shuffled.len().max(1);
        shuffled.rotate_left((seed as usize) % len);
        shuffled.reverse();
        let mut p = prepare(&two_stages()).unwrap();
        p.set_decisions(&list).unwrap();
        let a = p.rank();
        p.set_decisions(&shuffled).unwrap();
        let b = p.rank();
        prop_assert_eq!(&a, &b);
        // Every winner advanced in the last stage; every entrant of the
        // second stage advanced from the first.
        let adv0: Vec<&str> = a.stages[0].rows.iter().filter(|r| r.advanced).map(|r| r.id.as_str()).collect();
        let mut in1: Vec<&str> = ids(&a.stages[1]);
        in1.sort();
        let mut adv0s = adv0.clone();
        adv0s.sort();
        prop_assert_eq!(in1, adv0s);
    }
}

#[test]
fn indonesian_messages_write_numbers_with_a_decimal_comma() {
    let mut i = two_stages();
    i.scores[0].value = 162.5;
    let e = prepare(&i).unwrap_err();
    let id = e[0].message(Lang::Id);
    assert!(id.contains("162,5") && id.contains("0–100"), "{id}");
    assert!(e[0].message(Lang::En).contains("162.5"));
}
