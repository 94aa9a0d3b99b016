//! Simulation findings read the engine's numbers, nothing else: on the
//! regional sample, the mean number of the official advancing list kept in
//! a draw is Σ P(advance) over that list, the uncertain rows are exactly
//! those with 5% < P < 95% (officially advancing first), and narrower
//! weight draws (a larger kappa) never make the list less certain here.

use kipp_formats::sample::{self, SampleOptions};
use kipp_score::{judges_report, simulate, SimOptions};
use kipp_session::findings::{agreement, judge_findings, sim_findings, Agreement};
use kipp_session::project::Data;
use kipp_session::run::compute;
use kipp_session::Lang;

fn regional() -> kipp_session::run::Computed {
    let inputs = sample::generate(&SampleOptions::regional());
    compute(&Data::from_inputs(inputs), &[], Lang::Id).expect("the sample ranks")
}

#[test]
fn findings_are_the_simulation_s_numbers_in_words() {
    let c = regional();
    let run = |kappa: f64| {
        let opts = SimOptions {
            draws: 400,
            seed: 7,
            kappa,
            resample_judges: false,
        };
        simulate(&c.prepared, &opts, &mut |_, _| true).unwrap()
    };
    let loose = run(5.0);
    let tight = run(5000.0);
    for (k, official) in c.view.stages.iter().enumerate() {
        let sim = &loose.stages[k];
        assert_eq!(sim.id, official.id);
        let f = sim_findings(official, sim);
        let adv: Vec<_> = official.rows.iter().filter(|r| r.advanced).collect();
        assert_eq!(f.advancing, adv.len());
        let p = |id: &str| {
            sim.rows
                .iter()
                .find(|r| r.id == id)
                .map_or(0.0, |r| r.p_advance)
        };
        let sum: f64 = adv.iter().map(|r| p(&r.id)).sum();
        assert!((f.expected_kept - sum).abs() < 1e-9);
        assert!(f.expected_kept <= f.advancing as f64 + 1e-9);
        assert_eq!(f.secure, adv.iter().filter(|r| p(&r.id) >= 0.95).count());
        let want: std::collections::BTreeSet<_> = official
            .rows
            .iter()
            .filter(|r| p(&r.id) > 0.05 && p(&r.id) < 0.95)
            .map(|r| r.id.clone())
            .collect();
        let got: std::collections::BTreeSet<_> = f.uncertain.iter().map(|u| u.id.clone()).collect();
        assert_eq!(got, want, "stage {}", official.id);
        // Officially advancing first, then by P descending.
        for w in f.uncertain.windows(2) {
            assert!(w[0].officially >= w[1].officially);
            if w[0].officially == w[1].officially {
                assert!(w[0].p_advance >= w[1].p_advance);
            }
        }
        assert_eq!(
            f.challengers,
            official
                .rows
                .iter()
                .filter(|r| !r.advanced && p(&r.id) >= 0.05)
                .count()
        );
    }
    // Draws that keep the weights close to the official ones keep more of
    // the official list than wide ones, on the first stage (everyone enters).
    let fl = sim_findings(&c.view.stages[0], &loose.stages[0]);
    let ft = sim_findings(&c.view.stages[0], &tight.stages[0]);
    assert!(
        ft.expected_kept >= fl.expected_kept,
        "{} < {}",
        ft.expected_kept,
        fl.expected_kept
    );
    assert!(ft.uncertain.len() <= fl.uncertain.len());
    assert!(
        !fl.uncertain.is_empty(),
        "wide draws move someone at the cut-off"
    );
}

#[test]
fn the_judge_report_is_read_with_krippendorff_s_thresholds() {
    assert_eq!(agreement(Some(0.8)), Agreement::Reliable);
    assert_eq!(agreement(Some(0.7999)), Agreement::Tentative);
    assert_eq!(agreement(Some(0.667)), Agreement::Tentative);
    assert_eq!(agreement(Some(0.6669)), Agreement::Weak);
    assert_eq!(agreement(Some(-0.2)), Agreement::Weak);
    assert_eq!(agreement(None), Agreement::Unknown);
    let c = regional();
    let r = judges_report(&c.prepared);
    for s in &r.stages {
        let f = judge_findings(s);
        let changing = s
            .leave_one_out
            .iter()
            .filter(|l| l.advancing_changed > 0)
            .count();
        assert_eq!(f.decisive.len(), changing);
        for w in f.decisive.windows(2) {
            assert!(w[0].1 >= w[1].1);
        }
        let max = s
            .judges
            .iter()
            .filter_map(|j| j.leniency)
            .fold(f64::NEG_INFINITY, f64::max);
        match &f.most_lenient {
            Some((id, x)) => {
                assert_eq!(*x, max);
                assert!(s
                    .judges
                    .iter()
                    .any(|j| &j.id == id && j.leniency == Some(max)));
            }
            None => assert!(max <= 0.0),
        }
        assert_eq!(f.criteria.len(), s.alpha.len());
        assert_eq!(
            f.weak,
            s.alpha
                .iter()
                .filter(|(_, a)| a.is_some_and(|a| a < 0.667))
                .count()
        );
    }
}
