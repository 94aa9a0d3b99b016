//! One test per rule of scoring.md §1-§3, with hand-computed numbers.

mod common;
use common::*;
use kipp_score::*;

// ------------------------------------------------------------ §2.3 / §2.4

#[test]
fn mean_s_values_and_weighted_raw() {
    // a: w 1, 0..10; b: w 3, 0..10. J1 (6, 8), J2 (8, 4):
    // a = 7 -> s 70; b = 6 -> s 60; raw = (70 + 180) / 4 = 62.5.
    let st = stage(
        "p",
        vec![crit("a", 1.0, 0.0, 10.0), crit("b", 3.0, 0.0, 10.0)],
    );
    let s = sheets(&st, &[("X", "J1", &[6.0, 8.0]), ("X", "J2", &[8.0, 4.0])]);
    let r = run(&inputs(comp(vec![st]), vec![inn("X")], s));
    let x = row(&r, 0, "X");
    assert_eq!(
        x.criteria,
        vec![("a".to_string(), 70.0), ("b".to_string(), 60.0)]
    );
    assert_eq!(x.raw, Some(62.5));
    assert_eq!(x.bonus, Some(0.0));
    assert_eq!(x.score, Some(62.5));
    assert_eq!(x.sheets, 2);
    assert_eq!(x.rank, Some(1));
    assert!(x.advanced, "no advance: everyone ranked advances");
    assert_eq!(r.winners, vec!["X"]);
}

#[test]
fn s_value_uses_the_scale() {
    // 1..5 scale, score 4 -> 100 * 3 / 4 = 75.
    let st = stage("p", vec![crit("a", 2.0, 1.0, 5.0)]);
    let s = sheets(&st, &[("X", "J1", &[4.0])]);
    let r = run(&inputs(comp(vec![st]), vec![inn("X")], s));
    assert_eq!(row(&r, 0, "X").criteria[0].1, 75.0);
    assert_eq!(row(&r, 0, "X").raw, Some(75.0));
}

fn one_crit_agg(agg: Aggregate, vals: &[f64]) -> f64 {
    let mut st = stage("p", vec![crit("a", 1.0, 0.0, 100.0)]);
    st.aggregate = agg;
    let judges: Vec<String> = (0..vals.len()).map(|j| format!("J{j}")).collect();
    let rows: Vec<(&str, &str, &[f64])> = vals
        .iter()
        .enumerate()
        .map(|(j, v)| ("X", judges[j].as_str(), std::slice::from_ref(v)))
        .collect();
    let s = sheets(&st, &rows);
    let r = run(&inputs(comp(vec![st]), vec![inn("X")], s));
    row(&r, 0, "X").criteria[0].1
}

#[test]
fn median_odd_and_even() {
    assert_eq!(one_crit_agg(Aggregate::Median, &[20.0, 90.0, 40.0]), 40.0);
    assert_eq!(
        one_crit_agg(Aggregate::Median, &[10.0, 20.0, 80.0, 90.0]),
        50.0
    );
    assert_eq!(one_crit_agg(Aggregate::Median, &[30.0]), 30.0);
}

#[test]
fn trimmed_below_and_from_three() {
    // < 3 values: the mean.
    assert_eq!(one_crit_agg(Aggregate::Trimmed, &[10.0, 40.0]), 25.0);
    // 3 values: the middle one.
    assert_eq!(one_crit_agg(Aggregate::Trimmed, &[10.0, 50.0, 90.0]), 50.0);
    // 4 values 0, 20, 40, 100: drop 0 and 100 -> 30.
    assert_eq!(
        one_crit_agg(Aggregate::Trimmed, &[40.0, 0.0, 100.0, 20.0]),
        30.0
    );
    // All equal: one lowest and one highest dropped, mean of the rest.
    assert_eq!(one_crit_agg(Aggregate::Trimmed, &[70.0, 70.0, 70.0]), 70.0);
}

#[test]
fn mean_of_three() {
    assert_eq!(one_crit_agg(Aggregate::Mean, &[10.0, 20.0, 60.0]), 30.0);
}

// ------------------------------------------------------------ bonus (§1.1)

fn rule(op: Op, value: RuleValue) -> BonusRule {
    BonusRule {
        id: "r".into(),
        points: 5.0,
        field: "f".into(),
        op,
        value,
    }
}

fn one(s: &str) -> RuleValue {
    RuleValue::One(attr(s))
}

#[test]
fn bonus_ops_numeric() {
    let a = attr("3");
    let m = |op, v: &str| rule_matches(&rule(op, one(v)), Some(&a));
    assert!(m(Op::Ge, "3"));
    assert!(!m(Op::Gt, "3"));
    assert!(m(Op::Gt, "2.5"));
    assert!(m(Op::Le, "3"));
    assert!(!m(Op::Lt, "3"));
    assert!(m(Op::Lt, "10")); // numeric, not text, compare: "3" > "10" as text
    assert!(m(Op::Eq, "3.0")); // both numeric: numbers compare
    assert!(!m(Op::Ne, "3"));
    assert!(m(Op::Ne, "4"));
    let list = RuleValue::List(vec![attr("1"), attr("3.00")]);
    assert!(rule_matches(&rule(Op::In, list), Some(&a)));
    let list = RuleValue::List(vec![attr("1"), attr("2")]);
    assert!(!rule_matches(&rule(Op::In, list), Some(&a)));
}

#[test]
fn bonus_ops_text() {
    let a = attr("kesehatan");
    let m = |op, v: &str| rule_matches(&rule(op, one(v)), Some(&a));
    // Ordering ops never match unless both sides are numeric.
    assert!(!m(Op::Ge, "a"));
    assert!(!m(Op::Lt, "z"));
    assert!(!m(Op::Ge, "2"));
    assert!(m(Op::Eq, "kesehatan"));
    assert!(!m(Op::Eq, "Kesehatan"));
    assert!(m(Op::Ne, "pendidikan"));
    let list = RuleValue::List(vec![attr("kesehatan"), attr("pendidikan")]);
    assert!(rule_matches(&rule(Op::In, list), Some(&a)));
    // Numeric attribute against text: string compare.
    assert!(!rule_matches(&rule(Op::Eq, one("tiga")), Some(&attr("3"))));
    assert!(rule_matches(&rule(Op::Ne, one("tiga")), Some(&attr("3"))));
}

#[test]
fn bonus_missing_or_empty_never_matches() {
    for op in [Op::Ge, Op::Gt, Op::Le, Op::Lt, Op::Eq, Op::Ne] {
        assert!(!rule_matches(&rule(op, one("1")), None));
        assert!(!rule_matches(&rule(op, one("1")), Some(&Attr::default())));
    }
    let list = RuleValue::List(vec![attr("")]);
    assert!(!rule_matches(&rule(Op::In, list), Some(&Attr::default())));
}

#[test]
fn bonus_points_add_in_the_stage() {
    let mut st = stage("p", vec![crit("a", 1.0, 0.0, 100.0)]);
    st.bonus = vec![
        BonusRule {
            id: "lama".into(),
            points: 5.0,
            field: "years_running".into(),
            op: Op::Ge,
            value: one("2"),
        },
        BonusRule {
            id: "penalti".into(),
            points: -1.5,
            field: "category".into(),
            op: Op::Eq,
            value: one("umum"),
        },
    ];
    let s = sheets(
        &st,
        &[
            ("X", "J1", &[60.0]),
            ("Y", "J1", &[60.0]),
            ("Z", "J1", &[60.0]),
        ],
    );
    let inns = vec![
        inn_full("X", "", "umum", &[("years_running", "3")]),
        inn_full("Y", "", "khusus", &[("years_running", "1")]),
        inn_full("Z", "", "umum", &[]),
    ];
    let r = run(&inputs(comp(vec![st]), inns, s));
    assert_eq!(row(&r, 0, "X").bonus, Some(3.5));
    assert_eq!(row(&r, 0, "X").score, Some(63.5));
    assert_eq!(row(&r, 0, "Y").bonus, Some(0.0));
    assert_eq!(row(&r, 0, "Z").bonus, Some(-1.5));
    assert_eq!(ids(&r, 0), vec!["X", "Y", "Z"]);
}

// ------------------------------------------------------------ §2.2 z-score

#[test]
fn zscore_edge_cases() {
    // One criterion 0..10. J1: A 5, B 5, C 6 (spread small: C clamps to 10);
    // J2: A 0, B 10, C 10; J3: 7, 7, 7 (all equal -> mu_c); J4: only A = 3
    // (fewer than 2 sheets -> x kept, warning).
    let mut st = stage("p", vec![crit("a", 1.0, 0.0, 10.0)]);
    st.normalize = Normalize::ZScore;
    let rows: Vec<(&str, &str, &[f64])> = vec![
        ("A", "J1", &[5.0]),
        ("B", "J1", &[5.0]),
        ("C", "J1", &[6.0]),
        ("A", "J2", &[0.0]),
        ("B", "J2", &[10.0]),
        ("C", "J2", &[10.0]),
        ("A", "J3", &[7.0]),
        ("B", "J3", &[7.0]),
        ("C", "J3", &[7.0]),
        ("A", "J4", &[3.0]),
    ];
    let s = sheets(&st, &rows);
    let i = inputs(comp(vec![st]), vec![inn("A"), inn("B"), inn("C")], s);
    let p = prepare(&i).unwrap();
    // Sum in (innovation, judge) order: A: 5,0,7,3; B: 5,10,7; C: 6,10,7.
    let all = [5.0, 0.0, 7.0, 3.0, 5.0, 10.0, 7.0, 6.0, 10.0, 7.0];
    let mut sum = 0.0f64;
    for x in all {
        sum += x;
    }
    let mu = sum / 10.0; // 6.0
    assert_eq!(mu, 6.0);
    let mut ss = 0.0f64;
    for x in all {
        ss += (x - mu) * (x - mu);
    }
    let sd = (ss / 10.0).sqrt(); // sqrt(10.2)
    let mu1 = 16.0 / 3.0;
    let sd1 = (((5.0 - mu1) * (5.0 - mu1) * 2.0 + (6.0 - mu1) * (6.0 - mu1)) / 3.0f64).sqrt();
    let mu2 = 20.0 / 3.0;
    let sd2 = (((0.0 - mu2) * (0.0 - mu2) + 2.0 * (10.0 - mu2) * (10.0 - mu2)) / 3.0f64).sqrt();
    let z = |x: f64, m: f64, s: f64| (mu + sd * (x - m) / s).clamp(0.0, 10.0);
    let ea = p.explain(0, "A").unwrap();
    let n: Vec<(String, f64)> = ea
        .sheets
        .iter()
        .map(|s| (s.judge.clone(), s.normalised.as_ref().unwrap()[0]))
        .collect();
    assert!(close(n[0].1, z(5.0, mu1, sd1)), "J1 A {n:?}");
    assert!(close(n[1].1, z(0.0, mu2, sd2)));
    assert_eq!(n[2].1, mu, "all-equal judge gets mu_c");
    assert_eq!(n[3].1, 3.0, "judge with one sheet keeps x");
    let ec = p.explain(0, "C").unwrap();
    assert_eq!(
        ec.sheets[0].normalised.as_ref().unwrap()[0],
        10.0,
        "clamped to max"
    );
    // a_A = mean of the four normalised values, s = 10 a.
    let a = (n[0].1 + n[1].1 + n[2].1 + n[3].1) / 4.0;
    let r = p.rank();
    assert!(close(row(&r, 0, "A").criteria[0].1, 10.0 * a));
    let w = &r.stages[0].warnings;
    assert!(
        w.iter().any(
            |w| matches!(w, Warning::JudgeNotNormalised { judge, sheets: 1 } if judge == "J4")
        ),
        "{w:?}"
    );
}

#[test]
fn zscore_counts_incomplete_innovations_sheets() {
    // min_judges 2: D has one sheet (incomplete) but its score still shapes mu_c.
    let mut st = stage("p", vec![crit("a", 1.0, 0.0, 10.0)]);
    st.normalize = Normalize::ZScore;
    st.min_judges = 2;
    let rows: Vec<(&str, &str, &[f64])> = vec![
        ("A", "J1", &[2.0]),
        ("A", "J2", &[4.0]),
        ("B", "J1", &[6.0]),
        ("B", "J2", &[8.0]),
        ("D", "J1", &[10.0]),
    ];
    let s = sheets(&st, &rows);
    let i = inputs(
        comp(vec![st.clone()]),
        vec![inn("A"), inn("B"), inn("D")],
        s,
    );
    let r = run(&i);
    assert!(row(&r, 0, "D").incomplete);
    // mu = (2+4+6+8+10)/5 = 6; sigma^2 = (16+4+0+4+16)/5 = 8.
    // J1: 2, 6, 10: mu 6, sd sqrt(32/3); J1's A -> 6 + sqrt(8)(-4)/sqrt(32/3).
    let sd = 8f64.sqrt();
    let a1 = 6.0 + sd * (2.0 - 6.0) / (32.0f64 / 3.0).sqrt();
    // J2: 4, 8: mu 6, sd 2; A -> 6 + sqrt(8)(-2)/2.
    let a2 = 6.0 + sd * (4.0 - 6.0) / 2.0;
    let expect = 10.0 * (a1 + a2) / 2.0;
    assert!(
        close(row(&r, 0, "A").criteria[0].1, expect),
        "{:?}",
        row(&r, 0, "A")
    );
}

// ------------------------------------------------------------ §2.5

#[test]
fn shared_ranks_and_listing_by_id() {
    let (st, s) = direct("p", &[("D", 70.0), ("C", 80.0), ("A", 90.0), ("B", 80.0)]);
    let r = run(&inputs(
        comp(vec![st]),
        vec![inn("A"), inn("B"), inn("C"), inn("D")],
        s,
    ));
    assert_eq!(ids(&r, 0), vec!["A", "B", "C", "D"]);
    assert_eq!(ranks(&r, 0), vec![Some(1), Some(2), Some(2), Some(4)]);
}

#[test]
fn comparison_at_six_decimals() {
    // 80.0000001 and 80.0000004 round to the same q: a shared rank.
    let (st, s) = direct(
        "p",
        &[("A", 80.0000004), ("B", 80.0000001), ("C", 80.000002)],
    );
    let r = run(&inputs(
        comp(vec![st]),
        vec![inn("A"), inn("B"), inn("C")],
        s,
    ));
    assert_eq!(ids(&r, 0), vec!["C", "A", "B"]);
    assert_eq!(ranks(&r, 0), vec![Some(1), Some(2), Some(2)]);
    assert_eq!(q(80.0000004), q(80.0000001));
    assert_eq!(q(0.0000005), 1.0); // half away from zero
    assert_eq!(q(-0.0000005), -1.0);
}

#[test]
fn tie_break_keys_in_turn() {
    // A and B tie on score 50 (a,b = 80,20 vs 20,80 with equal weights);
    // tie_break criterion:b puts B first; C ties with A on everything but bonus.
    let mut st = stage(
        "p",
        vec![crit("a", 1.0, 0.0, 100.0), crit("b", 1.0, 0.0, 100.0)],
    );
    st.tie_break = vec![TieBreak::Criterion("b".into()), TieBreak::Raw];
    let s = sheets(
        &st,
        &[
            ("A", "J1", &[80.0, 20.0]),
            ("B", "J1", &[20.0, 80.0]),
            ("C", "J1", &[80.0, 20.0]),
        ],
    );
    let r = run(&inputs(
        comp(vec![st.clone()]),
        vec![inn("A"), inn("B"), inn("C")],
        s.clone(),
    ));
    assert_eq!(ids(&r, 0), vec!["B", "A", "C"]);
    assert_eq!(ranks(&r, 0), vec![Some(1), Some(2), Some(2)]);
    // Bonus as a tie-break key: C has a bonus, A a penalty of the same size
    // on raw... use raw ordering: raw equal for A and C, so bonus decides.
    let mut st2 = st.clone();
    st2.tie_break = vec![TieBreak::Raw, TieBreak::Bonus];
    st2.bonus = vec![BonusRule {
        id: "x".into(),
        points: 10.0,
        field: "k".into(),
        op: Op::Eq,
        value: one("ya"),
    }];
    // A: raw 50 + 10 = 60; B raw 60 (b weight 2) + 0 = 60; -> raw: B ahead.
    st2.criteria[1].weight = 1.0;
    let s2 = sheets(
        &st2,
        &[
            ("A", "J1", &[80.0, 20.0]),
            ("B", "J1", &[60.0, 60.0]),
            ("C", "J1", &[70.0, 50.0]),
        ],
    );
    let inns = vec![
        inn_full("A", "", "", &[("k", "ya")]),
        inn("B"),
        inn_full("C", "", "", &[("k", "ya")]),
    ];
    let r = run(&inputs(comp(vec![st2]), inns, s2));
    // scores: A 60, B 60, C 70. C first; A vs B: raw 50 vs 60 -> B.
    assert_eq!(ids(&r, 0), vec!["C", "B", "A"]);
    assert_eq!(ranks(&r, 0), vec![Some(1), Some(2), Some(3)]);
}

// ------------------------------------------------------------ §2.6

fn adv(top: Option<u32>) -> Advance {
    Advance {
        top,
        ..Advance::default()
    }
}

#[test]
fn threshold_drops_below_only() {
    let (mut st, s) = direct(
        "p",
        &[
            ("A", 90.0),
            ("B", 70.0),
            ("C", 69.9999996),
            ("D", 69.9999994),
        ],
    );
    st.advance = Some(Advance {
        threshold: Some(70.0),
        ..Advance::default()
    });
    let r = run(&inputs(
        comp(vec![st]),
        vec![inn("A"), inn("B"), inn("C"), inn("D")],
        s,
    ));
    // q(69.9999996) = q(70) -> not under; 69.9999994 is.
    assert_eq!(advanced(&r, 0), vec!["A", "B", "C"]);
    assert_eq!(row(&r, 0, "D").rank, Some(4));
}

#[test]
fn top_cuts_and_ties_include() {
    let (mut st, s) = direct("p", &[("A", 90.0), ("B", 80.0), ("C", 80.0), ("D", 70.0)]);
    st.advance = Some(adv(Some(2)));
    let r = run(&inputs(
        comp(vec![st]),
        vec![inn("A"), inn("B"), inn("C"), inn("D")],
        s,
    ));
    assert_eq!(advanced(&r, 0), vec!["A", "B", "C"]);
    assert!(!row(&r, 0, "B").tie_at_cutoff);
    assert!(row(&r, 0, "C").tie_at_cutoff);
    assert!(!row(&r, 0, "D").advanced);
}

#[test]
fn ties_exclude_removes_the_tied_group() {
    let (mut st, s) = direct("p", &[("A", 90.0), ("B", 80.0), ("C", 80.0), ("D", 70.0)]);
    st.advance = Some(Advance {
        top: Some(2),
        ties: Ties::Exclude,
        ..Advance::default()
    });
    let r = run(&inputs(
        comp(vec![st]),
        vec![inn("A"), inn("B"), inn("C"), inn("D")],
        s,
    ));
    assert_eq!(advanced(&r, 0), vec!["A"]);
    assert!(r.stages[0].rows.iter().all(|x| !x.tie_at_cutoff));
    assert!(r.stages[0].warnings.iter().any(|w| matches!(
        w,
        Warning::TieAtCutoff {
            rank: 2,
            removed: 1,
            category: None
        }
    )));
}

#[test]
fn ties_exclude_without_overflow_keeps_all() {
    // Top 3 with ranks 1, 2, 2, 4: the tie fits, nothing removed.
    let (mut st, s) = direct("p", &[("A", 90.0), ("B", 80.0), ("C", 80.0), ("D", 70.0)]);
    st.advance = Some(Advance {
        top: Some(3),
        ties: Ties::Exclude,
        ..Advance::default()
    });
    let r = run(&inputs(
        comp(vec![st]),
        vec![inn("A"), inn("B"), inn("C"), inn("D")],
        s,
    ));
    assert_eq!(advanced(&r, 0), vec!["A", "B", "C"]);
    assert!(r.stages[0].warnings.is_empty());
}

#[test]
fn max_per_agency_passes_over() {
    // Top 3, cap 1: A and B share agency X, so B is passed over for D.
    let (mut st, s) = direct(
        "p",
        &[
            ("A", 90.0),
            ("B", 85.0),
            ("C", 80.0),
            ("D", 75.0),
            ("E", 70.0),
        ],
    );
    st.advance = Some(Advance {
        top: Some(3),
        max_per_agency: Some(1),
        ..Advance::default()
    });
    let inns = vec![
        inn_full("A", "X", "", &[]),
        inn_full("B", "X", "", &[]),
        inn_full("C", "", "", &[]),
        inn_full("D", "", "", &[]),
        inn_full("E", "Y", "", &[]),
    ];
    let r = run(&inputs(comp(vec![st]), inns, s));
    assert_eq!(advanced(&r, 0), vec!["A", "C", "D"]);
    assert_eq!(
        row(&r, 0, "B").rank,
        Some(2),
        "rank is not changed by the cap"
    );
}

#[test]
fn max_per_agency_without_top() {
    let (mut st, s) = direct("p", &[("A", 90.0), ("B", 85.0), ("C", 80.0)]);
    st.advance = Some(Advance {
        max_per_agency: Some(1),
        ..Advance::default()
    });
    let inns = vec![
        inn_full("A", "X", "", &[]),
        inn_full("B", "X", "", &[]),
        inn_full("C", "Y", "", &[]),
    ];
    let r = run(&inputs(comp(vec![st]), inns, s));
    assert_eq!(advanced(&r, 0), vec!["A", "C"]);
}

#[test]
fn ties_include_respects_the_cap() {
    // Top 1: A (agency X) 90, B (X) 90 tie, C (Y) 90 tie, cap 1:
    // A admitted, B passed over, C admitted by the tie.
    let (mut st, s) = direct("p", &[("A", 90.0), ("B", 90.0), ("C", 90.0)]);
    st.advance = Some(Advance {
        top: Some(1),
        max_per_agency: Some(1),
        ..Advance::default()
    });
    let inns = vec![
        inn_full("A", "X", "", &[]),
        inn_full("B", "X", "", &[]),
        inn_full("C", "Y", "", &[]),
    ];
    let r = run(&inputs(comp(vec![st]), inns, s));
    assert_eq!(advanced(&r, 0), vec!["A", "C"]);
    assert!(row(&r, 0, "C").tie_at_cutoff);
}

#[test]
fn per_category_walks_and_category_rank() {
    // Top 1 per category; threshold 60. Category "" is a category of its own.
    let (mut st, s) = direct(
        "p",
        &[
            ("A", 90.0),
            ("B", 85.0),
            ("C", 80.0),
            ("D", 75.0),
            ("E", 50.0),
            ("F", 40.0),
        ],
    );
    st.advance = Some(Advance {
        top: Some(1),
        per_category: true,
        threshold: Some(60.0),
        ..Advance::default()
    });
    let inns = vec![
        inn_full("A", "", "umum", &[]),
        inn_full("B", "", "umum", &[]),
        inn_full("C", "", "khusus", &[]),
        inn_full("D", "", "", &[]),
        inn_full("E", "", "replikasi", &[]),
        inn_full("F", "", "", &[]),
    ];
    let r = run(&inputs(comp(vec![st]), inns, s));
    assert_eq!(
        ids(&r, 0),
        vec!["A", "B", "C", "D", "E", "F"],
        "overall order"
    );
    assert_eq!(
        advanced(&r, 0),
        vec!["A", "C", "D"],
        "E is under the threshold"
    );
    let cr: Vec<Option<u32>> = r.stages[0].rows.iter().map(|x| x.category_rank).collect();
    assert_eq!(
        cr,
        vec![Some(1), Some(2), Some(1), Some(1), Some(1), Some(2)]
    );
}

#[test]
fn category_rank_null_unless_per_category() {
    let (mut st, s) = direct("p", &[("A", 90.0)]);
    st.advance = Some(adv(Some(1)));
    let r = run(&inputs(comp(vec![st]), vec![inn("A")], s));
    assert_eq!(row(&r, 0, "A").category_rank, None);
}

#[test]
fn per_category_ties_exclude_in_one_walk() {
    let (mut st, s) = direct("p", &[("A", 90.0), ("B", 90.0), ("C", 80.0), ("D", 70.0)]);
    st.advance = Some(Advance {
        top: Some(1),
        per_category: true,
        ties: Ties::Exclude,
        ..Advance::default()
    });
    let inns = vec![
        inn_full("A", "", "k1", &[]),
        inn_full("B", "", "k1", &[]),
        inn_full("C", "", "k1", &[]),
        inn_full("D", "", "k2", &[]),
    ];
    let r = run(&inputs(comp(vec![st]), inns, s));
    assert_eq!(advanced(&r, 0), vec!["D"]);
    assert!(r.stages[0].warnings.iter().any(|w| matches!(w,
        Warning::TieAtCutoff { category: Some(c), rank: 1, removed: 1 } if c == "k1")));
}

// ------------------------------------------------------------ stages, combine

#[test]
fn later_stage_entry_and_combine() {
    // Stage 1 top 2 of A 90, B 80, C 70. Stage 2 combine: 1 x s1 + 3 x s2.
    let (mut s1, mut sc1) = direct("s1", &[("A", 90.0), ("B", 80.0), ("C", 70.0)]);
    s1.advance = Some(adv(Some(2)));
    let (mut s2, sc2) = direct("s2", &[("A", 60.0), ("B", 100.0), ("C", 100.0)]);
    s2.combine = Some(vec![
        CombineTerm {
            stage: "s1".into(),
            weight: 1.0,
        },
        CombineTerm {
            stage: "s2".into(),
            weight: 3.0,
        },
    ]);
    sc1.extend(sc2);
    let r = run(&inputs(
        comp(vec![s1, s2]),
        vec![inn("A"), inn("B"), inn("C")],
        sc1,
    ));
    assert_eq!(ids(&r, 1), vec!["B", "A"], "C did not enter stage 2");
    assert_eq!(row(&r, 1, "A").score, Some((90.0 + 180.0) / 4.0));
    assert_eq!(row(&r, 1, "B").score, Some((80.0 + 300.0) / 4.0));
    assert_eq!(row(&r, 1, "B").raw, Some(100.0));
    assert_eq!(r.winners, vec!["B", "A"]);
    assert!(r.stages[1].warnings.iter().any(|w| matches!(
        w,
        Warning::NotEnteredSheets {
            sheets: 1,
            innovations: 1
        }
    )));
}

#[test]
fn incomplete_gets_nothing_and_is_listed_last() {
    let mut st = stage("p", vec![crit("a", 1.0, 0.0, 100.0)]);
    st.min_judges = 2;
    st.advance = Some(adv(Some(5)));
    let s = sheets(
        &st,
        &[
            ("A", "J1", &[10.0]),
            ("A", "J2", &[20.0]),
            ("B", "J1", &[99.0]),
            ("C", "J1", &[50.0]),
            ("C", "J2", &[50.0]),
        ],
    );
    let (s1, s2) = (st.clone(), st);
    let _ = s2;
    let r = run(&inputs(
        comp(vec![s1]),
        vec![inn("A"), inn("B"), inn("C")],
        s,
    ));
    assert_eq!(ids(&r, 0), vec!["C", "A", "B"]);
    let b = row(&r, 0, "B");
    assert!(b.incomplete && !b.advanced);
    assert_eq!((b.rank, b.score, b.raw, b.bonus), (None, None, None, None));
    assert!(b.criteria.is_empty());
    assert_eq!(b.sheets, 1);
    let j = serde_json::to_string(b).unwrap();
    assert_eq!(
        j,
        r#"{"id":"B","rank":null,"category_rank":null,"score":null,"raw":null,"bonus":null,"criteria":{},"sheets":1,"advanced":false,"tie_at_cutoff":false,"incomplete":true}"#
    );
}

#[test]
fn conflicts_by_list_and_by_agency() {
    let st = stage("p", vec![crit("a", 1.0, 0.0, 100.0)]);
    let s = sheets(
        &st,
        &[
            ("A", "J1", &[10.0]),
            ("A", "J2", &[90.0]),
            ("B", "J1", &[50.0]),
            ("B", "J2", &[70.0]),
        ],
    );
    let mut i = inputs(
        comp(vec![st]),
        vec![inn_full("A", "Dinas X", "", &[]), inn("B")],
        s,
    );
    i.judges = Some(vec![judge("J1", "Dinas X", &[]), judge("J2", "", &["B"])]);
    let r = run(&i);
    // A: J1 dropped (agency) -> 90; B: J2 dropped (list) -> 50.
    assert_eq!(row(&r, 0, "A").criteria[0].1, 90.0);
    assert_eq!(row(&r, 0, "A").sheets, 1);
    assert_eq!(row(&r, 0, "B").criteria[0].1, 50.0);
    let w = &r.stages[0].warnings;
    assert!(
        w.iter()
            .any(|w| matches!(w, Warning::ConflictSheetsDropped { count: 2, .. })),
        "{w:?}"
    );
    // Without a judges file there is no conflict.
    i.judges = None;
    let r = run(&i);
    assert_eq!(row(&r, 0, "A").sheets, 2);
}

#[test]
fn ineligible_enters_no_stage() {
    let (st, s) = direct("p", &[("A", 90.0), ("B", 95.0)]);
    let mut b = inn("B");
    b.eligible = false;
    let r = run(&inputs(comp(vec![st]), vec![inn("A"), b], s));
    assert_eq!(ids(&r, 0), vec!["A"]);
    assert!(r.stages[0].warnings.iter().any(|w| matches!(
        w,
        Warning::IneligibleScores {
            sheets: 1,
            innovations: 1
        }
    )));
}

// ------------------------------------------------------------ result JSON

#[test]
fn row_json_shape_and_order() {
    let mut st = stage(
        "p",
        vec![
            crit("kebaruan", 20.0, 0.0, 10.0),
            crit("manfaat", 30.0, 0.0, 10.0),
        ],
    );
    st.bonus = vec![BonusRule {
        id: "b".into(),
        points: 5.0,
        field: "years_running".into(),
        op: Op::Ge,
        value: one("2"),
    }];
    let s = sheets(&st, &[("A1", "J1", &[7.0, 8.0])]);
    let r = run(&inputs(
        comp(vec![st]),
        vec![inn_full("A1", "", "", &[("years_running", "3")])],
        s,
    ));
    let v = serde_json::to_string(&r).unwrap();
    let expect_row = r#"{"id":"A1","rank":1,"category_rank":null,"score":81.0,"raw":76.0,"bonus":5.0,"criteria":{"kebaruan":70.0,"manfaat":80.0},"sheets":1,"advanced":true,"tie_at_cutoff":false,"incomplete":false}"#;
    assert!(v.starts_with(r#"{"engine":"kipp "#), "{v}");
    assert!(v.contains(r#""digest":""#));
    assert!(
        v.contains(&format!(
            r#""stages":[{{"id":"p","rows":[{expect_row}],"warnings":[]}}],"winners":["A1"]}}"#
        )),
        "{v}"
    );
    // Round trip.
    let back: RunResult = serde_json::from_str(&v).unwrap();
    assert_eq!(back.stages[0].rows, r.stages[0].rows);
}

#[test]
fn warnings_serialize_as_indonesian_sentences() {
    let w = Warning::Incomplete {
        count: 2,
        min_judges: 3,
    };
    let s = serde_json::to_string(&w).unwrap();
    assert!(s.contains("belum lengkap"), "{s}");
    assert!(w.message(Lang::En).contains("incomplete"));
}

// ------------------------------------------------------------ API

#[test]
fn rank_with_matches_rank_and_reacts_to_weights() {
    let mut st = stage(
        "p",
        vec![crit("a", 1.0, 0.0, 100.0), crit("b", 1.0, 0.0, 100.0)],
    );
    st.advance = Some(adv(Some(1)));
    let s = sheets(
        &st,
        &[("A", "J1", &[90.0, 10.0]), ("B", "J1", &[20.0, 60.0])],
    );
    let p = prepare(&inputs(comp(vec![st]), vec![inn("A"), inn("B")], s)).unwrap();
    let r = p.rank();
    assert_eq!(r.winners, vec!["A"]);
    let mut scratch = Scratch::default();
    let mut out = RunResult::default();
    p.rank_with_into(&p.weights(), &mut scratch, &mut out)
        .unwrap();
    assert_eq!(out.stages, r.stages);
    assert_eq!(out.digest, "");
    let w = Weights {
        stages: vec![vec![1.0, 4.0]],
    };
    p.rank_with(&w, &mut scratch).unwrap();
    let v = scratch.stage(0).unwrap();
    let first = v.rows().next().unwrap();
    assert_eq!(p.innovations()[first.0 as usize].id, "B");
    assert_eq!(v.advanced(), &[1]);
    // Digest of other weights differs; of the configured ones is the digest.
    assert_eq!(p.digest_with(&p.weights()).unwrap(), p.digest());
    assert_ne!(p.digest_with(&w).unwrap(), p.digest());
    assert_eq!(p.rank_result_with(&w).unwrap().winners, vec!["B"]);
    // Bad weights are an error, not a panic.
    assert!(p
        .rank_with(
            &Weights {
                stages: vec![vec![1.0]]
            },
            &mut scratch
        )
        .is_err());
    // A what-if weight of 0: the criterion counts for nothing (A's 90 on
    // the first criterion wins); all 0 is an error.
    p.rank_with(
        &Weights {
            stages: vec![vec![1.0, 0.0]],
        },
        &mut scratch,
    )
    .unwrap();
    let v = scratch.stage(0).unwrap();
    assert_eq!(v.advanced(), &[0]);
    assert!(p
        .rank_with(
            &Weights {
                stages: vec![vec![0.0, 0.0]]
            },
            &mut scratch
        )
        .is_err());
    assert!(p
        .rank_with(&Weights { stages: vec![] }, &mut scratch)
        .is_err());
}

#[test]
fn rank_values_agrees_with_the_pipeline() {
    let mut st = stage(
        "p",
        vec![crit("a", 2.0, 0.0, 10.0), crit("b", 1.0, 0.0, 10.0)],
    );
    st.advance = Some(Advance {
        top: Some(2),
        max_per_agency: Some(1),
        per_category: true,
        ..Advance::default()
    });
    st.tie_break = vec![TieBreak::Criterion("b".into())];
    let s = sheets(
        &st,
        &[
            ("A", "J1", &[8.0, 6.0]),
            ("B", "J1", &[6.0, 10.0]),
            ("C", "J1", &[8.0, 6.0]),
            ("D", "J1", &[9.0, 2.0]),
            ("E", "J1", &[3.0, 3.0]),
        ],
    );
    let inns = vec![
        inn_full("A", "X", "k", &[]),
        inn_full("B", "X", "k", &[]),
        inn_full("C", "Y", "k", &[]),
        inn_full("D", "", "", &[]),
        inn_full("E", "", "", &[]),
    ];
    let r = run(&inputs(comp(vec![st.clone()]), inns.clone(), s));
    let entries: Vec<ValueEntry> = r.stages[0]
        .rows
        .iter()
        .rev()
        .map(|row| {
            let x = inns.iter().find(|i| i.id == row.id).unwrap();
            ValueEntry {
                id: row.id.clone(),
                category: x.category.clone(),
                agency: x.agency.clone(),
                criteria: Some(row.criteria.iter().map(|c| c.1).collect()),
                bonus: row.bonus.unwrap_or(0.0),
                sheets: row.sheets,
                earlier_own: vec![],
            }
        })
        .collect();
    let (rows, _) = rank_values(&st, &entries);
    assert_eq!(rows, r.stages[0].rows);
}

#[test]
fn explain_lists_everything() {
    let mut st = stage("p", vec![crit("a", 1.0, 0.0, 10.0)]);
    st.bonus = vec![BonusRule {
        id: "b".into(),
        points: 2.0,
        field: "category".into(),
        op: Op::Eq,
        value: one("umum"),
    }];
    let s = sheets(&st, &[("A", "J1", &[8.0]), ("A", "J2", &[6.0])]);
    let mut i = inputs(comp(vec![st]), vec![inn_full("A", "", "umum", &[])], s);
    i.judges = Some(vec![judge("J1", "", &[]), judge("J2", "", &["A"])]);
    let p = prepare(&i).unwrap();
    let e = p.explain(0, "A").unwrap();
    assert_eq!(e.sheets.len(), 2);
    assert!(e.sheets[1].dropped_conflict);
    assert_eq!(e.criteria[0].aggregated, Some(8.0));
    assert_eq!(e.criteria[0].s, Some(80.0));
    assert_eq!(e.bonus_rules, vec![("b".to_string(), 2.0)]);
    assert_eq!(e.score, Some(82.0));
    assert_eq!(e.rank, Some(1));
    assert!(p.explain(0, "nope").is_none());
    assert!(p.explain(3, "A").is_none());
}

// ------------------------------------------------------------ validation

fn kinds(d: &[Diagnostic]) -> Vec<String> {
    d.iter()
        .map(|d| format!("{} {:?}", d.path_text(), d.kind))
        .collect()
}

#[test]
fn competition_rules() {
    let mut a = stage(
        "Bad Id",
        vec![
            crit("score", 0.0, 5.0, 5.0),
            crit("ok", f64::NAN, 0.0, 1.0),
            crit("ok", 1.0, 0.0, 1.0),
        ],
    );
    a.min_judges = 0;
    a.tie_break = vec![TieBreak::Criterion("nope".into())];
    a.combine = Some(vec![
        CombineTerm {
            stage: "later".into(),
            weight: 1.0,
        },
        CombineTerm {
            stage: "ghost".into(),
            weight: -1.0,
        },
    ]);
    a.bonus = vec![BonusRule {
        id: "b".into(),
        points: f64::INFINITY,
        field: "".into(),
        op: Op::In,
        value: one("x"),
    }];
    a.advance = Some(Advance {
        top: Some(0),
        max_per_agency: Some(0),
        threshold: Some(f64::NAN),
        ..Advance::default()
    });
    let b = stage("later", vec![]);
    let mut c = stage("later", vec![crit("k", 1.0, 0.0, 1.0)]);
    c.combine = Some(vec![]);
    let d = validate_competition(&comp(vec![a, b, c]));
    let k = kinds(&d);
    let has = |p: &str, s: &str| k.iter().any(|x| x.starts_with(p) && x.contains(s));
    assert!(has("stages[0].id ", "BadId"), "{k:#?}");
    assert!(has("stages[0].criteria[0].id", "ReservedId"));
    assert!(has("stages[0].criteria[0].weight", "BadWeight"));
    assert!(has("stages[0].criteria[0].min", "BadScale"));
    assert!(has("stages[0].criteria[1].weight", "BadWeight"));
    assert!(has("stages[0].criteria[2].id", "DuplicateId"));
    assert!(has("stages[0].min_judges", "MinJudgesZero"));
    assert!(has("stages[0].tie_break[0]", "TieBreakUnknownCriterion"));
    assert!(has("stages[0].combine[0].stage", "CombineLaterStage"));
    assert!(has("stages[0].combine[1].stage", "CombineUnknownStage"));
    assert!(has("stages[0].combine[1].weight", "BadWeight"));
    assert!(has("stages[0].bonus[0].points", "NotFinite"));
    assert!(has("stages[0].bonus[0].when.field", "EmptyField"));
    assert!(has("stages[0].bonus[0].when.value", "BadRuleValue"));
    assert!(has("stages[0].advance.top", "TopZero"));
    assert!(has("stages[0].advance.max_per_agency", "MaxPerAgencyZero"));
    assert!(has("stages[0].advance.threshold", "NotFinite"));
    assert!(has("stages[1].criteria", "NoCriteria"));
    assert!(has("stages[2].id", "DuplicateId"));
    assert!(has("stages[2].combine", "EmptyCombine"));
    assert!(!validate_competition(&comp(vec![])).is_empty());
    // Every message exists in both languages.
    for x in &d {
        assert!(!x.message(Lang::Id).is_empty() && !x.message(Lang::En).is_empty());
        assert_ne!(x.message(Lang::Id), x.message(Lang::En));
    }
    // Duplicate combine stage.
    let mut e = stage("e", vec![crit("k", 1.0, 0.0, 1.0)]);
    e.combine = Some(vec![
        CombineTerm {
            stage: "e".into(),
            weight: 1.0,
        },
        CombineTerm {
            stage: "e".into(),
            weight: 1.0,
        },
    ]);
    let k = kinds(&validate_competition(&comp(vec![e])));
    assert!(k.iter().any(|x| x.contains("CombineDuplicate")), "{k:?}");
}

#[test]
fn data_rules() {
    let st = stage(
        "p",
        vec![crit("a", 1.0, 0.0, 10.0), crit("b", 1.0, 0.0, 10.0)],
    );
    let mut s = sheets(&st, &[("A", "J1", &[1.0, 2.0])]);
    let mut bad = |mut x: Score, col: u32, line: u32| {
        x.cols = [1, 2, 3, 4, col];
        x.loc.line = line;
        s.push(x);
    };
    bad(sc("nope", "A", "J1", "a", 1.0), 5, 3);
    bad(sc("p", "ghost", "J1", "a", 1.0), 5, 4);
    bad(sc("p", "A", "J9", "a", 1.0), 5, 5); // unknown judge (judges file given)
    bad(sc("p", "A", "J2", "zzz", 1.0), 5, 6);
    bad(sc("p", "A", "J1", "a", 3.0), 5, 7); // duplicate
    bad(sc("p", "B", "J1", "a", 11.0), 5, 8); // out of range, and the sheet lacks b
    bad(sc("p", "B", "J2", "b", f64::NAN), 5, 9);
    let mut i = inputs(comp(vec![st]), vec![inn("A"), inn("B"), inn("A")], s);
    i.judges = Some(vec![
        judge("J1", "", &[]),
        judge("J2", "", &[]),
        judge("J2", "", &[]),
    ]);
    let d = prepare(&i).err().unwrap();
    let k = kinds(&d);
    for want in [
        "UnknownStage",
        "UnknownInnovation",
        "UnknownJudge",
        "UnknownCriterion",
        "DuplicateScore",
        "ScoreOutOfRange",
        "ScoreNotFinite",
        "IncompleteSheet",
        "DuplicateId { what: Innovation",
        "DuplicateId { what: Judge",
    ] {
        assert!(k.iter().any(|x| x.contains(want)), "missing {want}: {k:#?}");
    }
    // Located: the unknown stage is on line 3, column of the stage field.
    let us = d
        .iter()
        .find(|x| matches!(x.kind, DiagKind::UnknownStage { .. }))
        .unwrap();
    assert_eq!(us.loc.as_ref().map(|l| (l.line, l.column)), Some((3, 1)));
    let oor = d
        .iter()
        .find(|x| matches!(x.kind, DiagKind::ScoreOutOfRange { .. }))
        .unwrap();
    assert_eq!(oor.loc.as_ref().map(|l| (l.line, l.column)), Some((8, 5)));
}

#[test]
fn at_most_100_errors_per_file() {
    let st = stage("p", vec![crit("a", 1.0, 0.0, 10.0)]);
    let s: Vec<Score> = (0..150)
        .map(|n| {
            let mut x = sc("p", "A", &format!("J{n}"), "a", 99.0);
            x.loc.line = n + 2;
            x
        })
        .collect();
    let d = prepare(&inputs(comp(vec![st]), vec![inn("A")], s))
        .err()
        .unwrap();
    assert_eq!(d.len(), 101);
    assert!(matches!(d[100].kind, DiagKind::TooManyErrors { more: 50 }));
}

#[test]
fn scratch_reused_across_prepared_inputs() {
    // Stage 2 uses z-score (cached per entering set): a scratch used with
    // other prepared data must not reuse that cache.
    let (s1, mut sc1) = direct("s1", &[("A", 90.0), ("B", 80.0), ("C", 70.0)]);
    let mut s2 = stage("s2", vec![crit("a", 1.0, 0.0, 10.0)]);
    s2.normalize = Normalize::ZScore;
    let mk = |v: [f64; 6]| {
        sheets(
            &s2,
            &[
                ("A", "J1", &[v[0]]),
                ("B", "J1", &[v[1]]),
                ("C", "J1", &[v[2]]),
                ("A", "J2", &[v[3]]),
                ("B", "J2", &[v[4]]),
                ("C", "J2", &[v[5]]),
            ],
        )
    };
    let mut a = sc1.clone();
    a.extend(mk([1.0, 5.0, 9.0, 2.0, 4.0, 8.0]));
    sc1.extend(mk([9.0, 5.0, 1.0, 8.0, 4.0, 2.0]));
    let c = comp(vec![s1, s2]);
    let inns = vec![inn("A"), inn("B"), inn("C")];
    let pa = prepare(&inputs(c.clone(), inns.clone(), a)).unwrap();
    let pb = prepare(&inputs(c, inns, sc1)).unwrap();
    let mut scratch = Scratch::default();
    let mut out = RunResult::default();
    pa.rank_with_into(&pa.weights(), &mut scratch, &mut out)
        .unwrap();
    assert_eq!(out.stages, pa.rank().stages);
    pb.rank_with_into(&pb.weights(), &mut scratch, &mut out)
        .unwrap();
    assert_eq!(out.stages, pb.rank().stages);
    assert_ne!(pa.rank().stages[1], pb.rank().stages[1]);
}
