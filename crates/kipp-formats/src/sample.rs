//! Synthetic competitions for demos, tests and benchmarks (`kipp sample`).
//!
//! Every generated competition is labelled synthetic in its name and
//! description. The same options give the same competition on every platform
//! (ChaCha8 with the given seed; no floating-point transcendental functions).
//! Scores are mostly whole numbers (some halves), so ties happen; judges are
//! stricter or more lenient; some judges work for an agency that also has
//! innovations (conflicts of interest), some declare conflicts; some
//! innovations fail the administrative check.
//!
//! Later stages are scored only for the innovations that advanced: the
//! generator ranks each stage with the engine before scoring the next one.

use std::collections::BTreeMap;
use std::sync::Arc;

use kipp_score::{
    Advance, Aggregate, Attr, BonusRule, Competition, Criterion, Innovation, Inputs, Judge, Loc,
    Normalize, Op, RuleValue, Score, Stage, TieBreak, Ties,
};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleOptions {
    /// Number of innovations.
    pub innovations: usize,
    /// Number of judges in the pool.
    pub judges: usize,
    /// Criteria per stage.
    pub criteria: usize,
    /// Number of stages (1..=4 get Indonesian stage names; more are numbered).
    pub stages: usize,
    /// Number of agencies (OPD); 0 = about one per three innovations.
    pub agencies: usize,
    /// Quota of each stage but the last (`None`: 20% of those entering);
    /// the last stage's quota is `final_top`.
    pub tops: Vec<u32>,
    /// Quota of the last stage (the winners).
    pub final_top: u32,
    /// Seed.
    pub seed: u64,
    /// Use this competition's stages and rules instead of generated ones
    /// (then `criteria`, `stages`, `tops` and `final_top` are not used). Its
    /// name and description get the synthetic label.
    pub template: Option<Competition>,
}

impl Default for SampleOptions {
    fn default() -> Self {
        SampleOptions {
            innovations: 60,
            judges: 5,
            criteria: 5,
            stages: 2,
            agencies: 0,
            tops: Vec::new(),
            final_top: 10,
            seed: 1,
            template: None,
        }
    }
}

impl SampleOptions {
    /// The organiser app's demo: the regional preset
    /// ([`crate::presets::REGIONAL`]: proposal → Top 20 → presentation →
    /// Top 10, bonus for two years or more) with 107 synthetic innovations
    /// from 36 agencies and 7 judges.
    pub fn regional() -> Self {
        SampleOptions {
            innovations: 107,
            judges: 7,
            criteria: 7,
            stages: 2,
            agencies: 36,
            tops: vec![20],
            final_top: 10,
            seed: 2024,
            template: crate::parse_competition(
                "regional.json",
                crate::presets::REGIONAL.as_bytes(),
            )
            .ok(),
        }
    }

    /// National scale used by the benchmarks: 4,000 innovations, 8 criteria,
    /// 5 judges, 2 stages.
    pub fn national() -> Self {
        SampleOptions {
            innovations: 4000,
            judges: 5,
            criteria: 8,
            stages: 2,
            agencies: 0,
            tops: vec![450],
            final_top: 99,
            seed: 2023,
            template: None,
        }
    }
}

const OPD: [&str; 36] = [
    "Dinas Kesehatan",
    "Dinas Pendidikan dan Kebudayaan",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Penanaman Modal dan PTSP",
    "Dinas Komunikasi dan Informatika",
    "Dinas Sosial",
    "Dinas Pertanian dan Pangan",
    "Dinas Perhubungan",
    "Dinas Lingkungan Hidup",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Tenaga Kerja",
    "Dinas Koperasi dan UKM",
    "Dinas Perdagangan dan Perindustrian",
    "Dinas Pariwisata",
    "Dinas Pemuda dan Olahraga",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Pengendalian Penduduk dan KB",
    "Dinas Kelautan dan Perikanan",
    "Dinas Ketahanan Pangan",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pendapatan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Kepegawaian dan Pengembangan SDM",
    "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik",
    "Inspektorat Daerah",
    "Sekretariat Daerah",
    "Satuan Polisi Pamong Praja",
    "RSUD Kabupaten",
    "Kecamatan Kota",
    "Kecamatan Utara",
    "Kecamatan Selatan",
    "Puskesmas Induk",
];

const REGIONS: [&str; 12] = [
    "Kab. Contoh",
    "Kota Contoh",
    "Kab. Sukamaju",
    "Kota Harapan",
    "Kab. Sejahtera",
    "Kab. Lestari",
    "Kota Mandiri",
    "Kab. Makmur",
    "Kab. Bahari",
    "Kota Bersinar",
    "Kab. Tunas",
    "Kab. Nusa",
];

const CATEGORIES: [&str; 6] = [
    "kesehatan",
    "pendidikan",
    "ekonomi",
    "tata-kelola",
    "lingkungan",
    "sosial",
];

const THEMES: [&[&str]; 6] = [
    &[
        "Imunisasi Anak",
        "Gizi Balita",
        "Ibu Hamil Risiko Tinggi",
        "Pemeriksaan Jantung",
        "Pencegahan Stunting",
        "Rujukan Pasien",
        "Kesehatan Jiwa",
        "Lansia Sehat",
    ],
    &[
        "Literasi Anak",
        "Sekolah Inklusi",
        "Guru Penggerak",
        "Beasiswa Daerah",
        "Belajar Jarak Jauh",
        "Perpustakaan Desa",
        "Anak Putus Sekolah",
        "Numerasi Dasar",
    ],
    &[
        "UMKM Naik Kelas",
        "Pasar Digital",
        "Perizinan Usaha",
        "Petani Milenial",
        "Koperasi Desa",
        "Produk Unggulan Daerah",
        "Pajak Daerah",
        "Nelayan Sejahtera",
    ],
    &[
        "Pengaduan Masyarakat",
        "Administrasi Kependudukan",
        "Tanda Tangan Elektronik",
        "Arsip Digital",
        "Perencanaan Desa",
        "Pengadaan Barang",
        "Kinerja Pegawai",
        "Data Terpadu",
    ],
    &[
        "Bank Sampah",
        "Sungai Bersih",
        "Energi Surya Desa",
        "Hutan Kota",
        "Air Bersih",
        "Pengolahan Limbah",
        "Mitigasi Banjir",
        "Kampung Iklim",
    ],
    &[
        "Perlindungan Anak",
        "Penyandang Disabilitas",
        "Bantuan Sosial Tepat Sasaran",
        "Rumah Layak Huni",
        "Korban Kekerasan",
        "Warga Lanjut Usia",
        "Desa Ramah Perempuan",
        "Pemuda Mandiri",
    ],
];

const FORMS: [&str; 10] = [
    "Layanan",
    "Sistem Informasi",
    "Gerakan",
    "Aplikasi",
    "Klinik",
    "Pojok",
    "Rumah",
    "Program",
    "Posko",
    "Jaringan",
];
const SUFFIX: [&str; 8] = [
    "Terpadu",
    "Keliling",
    "Daring",
    "Berbasis Desa",
    "Cepat",
    "Bersama",
    "Terintegrasi",
    "Mandiri",
];

const FIRST: [&str; 16] = [
    "Siti", "Budi", "Rina", "Agus", "Dewi", "Hendra", "Wulan", "Andi", "Ratna", "Yusuf", "Fitri",
    "Bambang", "Indah", "Rudi", "Maya", "Teguh",
];
const LAST: [&str; 12] = [
    "Rahmawati",
    "Santoso",
    "Wijaya",
    "Lestari",
    "Nugroho",
    "Hidayat",
    "Permata",
    "Saputra",
    "Kusuma",
    "Siregar",
    "Pratama",
    "Utami",
];

/// Criteria pool: (id, name) in the spirit of the KIPP / IGA guidance.
const CRITERIA: [(&str, &str); 10] = [
    ("kebaruan", "Kebaruan"),
    ("signifikansi", "Signifikansi"),
    ("adaptabilitas", "Adaptabilitas"),
    ("keberlanjutan", "Strategi Keberlanjutan"),
    ("sumber-daya", "Sumber Daya"),
    ("implementasi", "Implementasi"),
    ("latar-belakang", "Latar Belakang dan Tujuan"),
    ("kemanfaatan", "Kemanfaatan"),
    ("kolaborasi", "Kewenangan dan Kolaborasi"),
    ("replikasi", "Replikasi dan Aplikatif"),
];

const STAGES: [(&str, &str); 4] = [
    ("proposal", "Evaluasi Proposal"),
    ("presentasi", "Presentasi dan Wawancara"),
    ("lapangan", "Verifikasi Lapangan"),
    ("final", "Penjurian Akhir"),
];

struct Rng(ChaCha8Rng);

impl Rng {
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Roughly normal (sum of 4 uniforms, mean 0, sd 1).
    fn normalish(&mut self) -> f64 {
        let s: f64 = (0..4).map(|_| self.unit()).sum();
        (s - 2.0) * 1.732_050_807_568_877_2
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

fn attr(text: String) -> Attr {
    let number = crate::num::attr_number(&text, false);
    Attr { text, number }
}

fn acronym(words: &str) -> String {
    let mut a: String = words
        .split_whitespace()
        .filter(|w| w.len() > 2)
        .filter_map(|w| w.chars().next())
        .flat_map(|c| c.to_uppercase())
        .collect();
    a.truncate(6);
    a
}

/// Generates a whole synthetic competition.
pub fn generate(opts: &SampleOptions) -> Inputs {
    let mut rng = Rng(ChaCha8Rng::seed_from_u64(opts.seed));
    let n = opts.innovations.max(1);
    let n_stages = opts.stages.max(1);
    let n_crit = opts.criteria.max(1);
    let n_judges = opts.judges.max(1);
    let edition = 2024;

    // Agencies.
    let n_agencies = if opts.agencies > 0 {
        opts.agencies
    } else {
        n.div_ceil(3).max(1)
    };
    let agencies: Vec<String> = (0..n_agencies)
        .map(|i| {
            if n_agencies <= OPD.len() {
                OPD[i].to_string()
            } else {
                format!(
                    "{} {}",
                    OPD[i % OPD.len()],
                    REGIONS[(i / OPD.len()) % REGIONS.len()]
                ) + &if i >= OPD.len() * REGIONS.len() {
                    format!(" {}", i / (OPD.len() * REGIONS.len()) + 1)
                } else {
                    String::new()
                }
            }
        })
        .collect();

    // Competition.
    let mut stages = Vec::with_capacity(n_stages);
    let mut entering = n as u32;
    for k in 0..n_stages {
        let (id, name) = STAGES
            .get(k)
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .unwrap_or_else(|| (format!("tahap-{}", k + 1), format!("Tahap {}", k + 1)));
        let offset = (k * 3) % CRITERIA.len();
        let criteria: Vec<Criterion> = (0..n_crit)
            .map(|c| {
                let (cid, cname) = CRITERIA[(offset + c) % CRITERIA.len()];
                let (cid, cname) = if c < CRITERIA.len() {
                    (cid.to_string(), cname.to_string())
                } else {
                    (
                        format!("{cid}-{}", c / CRITERIA.len() + 1),
                        format!("{cname} {}", c / CRITERIA.len() + 1),
                    )
                };
                Criterion {
                    id: cid,
                    name: cname,
                    weight: (1 + rng.below(6)) as f64 * 5.0,
                    min: 0.0,
                    max: if k == 0 { 10.0 } else { 100.0 },
                }
            })
            .collect();
        let last = k + 1 == n_stages;
        let top = if last {
            opts.final_top
        } else {
            opts.tops
                .get(k)
                .copied()
                .unwrap_or_else(|| (entering / 5).max(1))
        };
        entering = top.min(entering);
        let first_crit = criteria[0].id.clone();
        stages.push(Stage {
            id,
            name,
            criteria,
            normalize: Normalize::None,
            aggregate: if n_judges >= 5 {
                Aggregate::Trimmed
            } else {
                Aggregate::Mean
            },
            min_judges: if n_judges >= 3 { 2 } else { 1 },
            bonus: if k == 0 {
                vec![BonusRule {
                    id: "berjalan-2-tahun".into(),
                    points: 5.0,
                    field: "years_running".into(),
                    op: Op::Ge,
                    value: RuleValue::One(attr("2".into())),
                }]
            } else {
                Vec::new()
            },
            combine: None,
            tie_break: vec![TieBreak::Criterion(first_crit)],
            advance: Some(Advance {
                top: Some(top),
                per_category: false,
                threshold: None,
                max_per_agency: None,
                ties: Ties::Include,
            }),
        });
    }
    let label = format!(
        "Data sintetis buatan `kipp sample` (seed {}), bukan data sebenarnya. / Synthetic data made by `kipp sample` (seed {}), not real data.",
        opts.seed, opts.seed
    );
    let competition = match &opts.template {
        Some(t) => Competition {
            name: format!("Contoh sintetis: {}", t.name),
            description: if t.description.is_empty() {
                label
            } else {
                format!("{label}\n\n{}", t.description)
            },
            stages: t.stages.clone(),
        },
        None => Competition {
            name: format!("Contoh sintetis: Kompetisi Inovasi Pelayanan Publik {edition}"),
            description: label,
            stages,
        },
    };
    let n_stages = competition.stages.len();

    // Innovations.
    let inn_file: Arc<str> = Arc::from("innovations.csv");
    let width = (n.to_string().len()).max(3);
    let mut quality = Vec::with_capacity(n);
    let mut innovations = Vec::with_capacity(n);
    for i in 0..n {
        let ci = rng.below(CATEGORIES.len());
        let theme = *rng.pick(THEMES[ci]);
        let form = *rng.pick(&FORMS);
        let suffix = *rng.pick(&SUFFIX);
        let long = format!("{form} {theme} {suffix}");
        let title = format!("{}: {long}", acronym(&long));
        let agency = agencies[rng.below(agencies.len())].clone();
        let years_running = rng.below(7);
        let eligible = rng.below(100) >= 6;
        let id = format!("INV-{:0width$}", i + 1);
        let unit = format!(
            "Bidang {} {}",
            theme.split_whitespace().next().unwrap_or("Layanan"),
            1 + rng.below(3)
        );
        let mut attrs = BTreeMap::new();
        for (k, v) in [
            ("id", id.clone()),
            ("title", title.clone()),
            ("unit", unit.clone()),
            ("agency", agency.clone()),
            ("category", CATEGORIES[ci].to_string()),
            ("years_running", years_running.to_string()),
            ("year", (edition - years_running as i32).to_string()),
            (
                "eligible",
                if eligible { "ya" } else { "tidak" }.to_string(),
            ),
        ] {
            attrs.insert(k.to_string(), attr(v));
        }
        quality.push(rng.normalish());
        innovations.push(Innovation {
            id,
            title,
            unit,
            agency,
            category: CATEGORIES[ci].to_string(),
            group: String::new(),
            eligible,
            attrs,
            loc: Loc {
                file: inn_file.clone(),
                line: i as u32 + 2,
                column: 1,
            },
        });
    }

    // Judges: about a third work for an agency with innovations; a few declare conflicts.
    let judge_file: Arc<str> = Arc::from("judges.csv");
    let jw = n_judges.to_string().len().max(2);
    let mut leniency = Vec::with_capacity(n_judges);
    let judges: Vec<Judge> = (0..n_judges)
        .map(|j| {
            let agency = if j % 3 == 1 {
                agencies[rng.below(agencies.len())].clone()
            } else {
                String::new()
            };
            let conflicts = if j % 4 == 2 {
                (0..1 + rng.below(2))
                    .map(|_| innovations[rng.below(n)].id.clone())
                    .collect()
            } else {
                Vec::new()
            };
            leniency.push((rng.unit() - 0.5) * 2.0);
            let title = if rng.below(3) == 0 { "Dr. " } else { "" };
            Judge {
                id: format!("J{:0jw$}", j + 1),
                name: format!("{title}{} {}", rng.pick(&FIRST), rng.pick(&LAST)),
                agency,
                conflicts,
                loc: Loc {
                    file: judge_file.clone(),
                    line: j as u32 + 2,
                    column: 1,
                },
            }
        })
        .collect();

    // Scores, stage by stage; a stage is scored only for those who entered it.
    let score_file: Arc<str> = Arc::from("scores.csv");
    let mut ids = crate::records::Ids::default();
    let per_sheet = if n_judges > 5 { 5 } else { n_judges };
    let mut inputs = Inputs {
        competition,
        innovations,
        scores: Vec::new(),
        judges: Some(judges),
    };
    let mut entered: Vec<usize> = (0..n).filter(|&i| inputs.innovations[i].eligible).collect();
    // Ineligible ones were scored by mistake now and then (the engine ignores them with a warning).
    let mut scored = entered.clone();
    scored.extend((0..n).filter(|&i| !inputs.innovations[i].eligible).take(2));
    for k in 0..n_stages {
        let stage = inputs.competition.stages[k].clone();
        let taste: Vec<f64> = (0..stage.criteria.len())
            .map(|_| rng.normalish() * 0.4)
            .collect();
        for &i in &scored {
            // A panel of `per_sheet` judges, rotating through the pool.
            let start = rng.below(n_judges);
            for p in 0..per_sheet {
                let j = (start + p) % n_judges;
                // Now and then a sheet is missing (incomplete innovations happen).
                if per_sheet > 2 && rng.below(200) == 0 {
                    continue;
                }
                for (c, cr) in stage.criteria.iter().enumerate() {
                    let z = quality[i]
                        + taste[c] * rng.normalish()
                        + leniency[j] * 0.8
                        + rng.normalish() * 0.7;
                    let value = if cr.max <= 10.0 {
                        let x = 6.5 + 1.4 * z;
                        let half = rng.below(10) == 0;
                        let v = if half {
                            (x * 2.0).round() / 2.0
                        } else {
                            x.round()
                        };
                        v.clamp(cr.min + 1.0, cr.max)
                    } else {
                        let x = 70.0 + 10.0 * z;
                        ((x / 5.0).round() * 5.0).clamp(cr.min + 10.0, cr.max)
                    };
                    inputs.scores.push(Score {
                        stage: ids.get(&stage.id),
                        innovation: ids.get(&inputs.innovations[i].id),
                        judge: ids.get(inputs.judges.as_ref().map_or("", |js| js[j].id.as_str())),
                        criterion: ids.get(&cr.id),
                        value,
                        loc: Loc {
                            file: score_file.clone(),
                            line: inputs.scores.len() as u32 + 2,
                            column: 1,
                        },
                        cols: [1, 2, 3, 4, 5],
                    });
                }
            }
        }
        if k + 1 < n_stages {
            // Who advances: rank what exists so far with the engine.
            let mut partial = inputs.clone();
            partial.competition.stages.truncate(k + 1);
            let next: Vec<String> = match kipp_score::prepare(&partial) {
                Ok(p) => {
                    let r = p.rank();
                    r.stages
                        .get(k)
                        .map(|s| {
                            s.rows
                                .iter()
                                .filter(|r| r.advanced)
                                .map(|r| r.id.clone())
                                .collect()
                        })
                        .unwrap_or_default()
                }
                Err(_) => Vec::new(),
            };
            entered = next
                .iter()
                .filter_map(|id| inputs.innovations.iter().position(|x| &x.id == id))
                .collect();
            scored = entered.clone();
        }
    }
    inputs
}

/// The four files of a sample, as (file name, contents).
pub fn files(inputs: &Inputs) -> Vec<(&'static str, String)> {
    vec![
        (
            "competition.json",
            crate::competition_json(&inputs.competition),
        ),
        (
            "innovations.csv",
            crate::innovations_csv(&inputs.innovations),
        ),
        ("scores.csv", crate::scores_csv(&inputs.scores)),
        (
            "judges.csv",
            crate::judges_csv(inputs.judges.as_deref().unwrap_or(&[])),
        ),
    ]
}
