//! `kipp`: the command line of kipp (scoring.md §4, §5.1). Thin: it reads
//! files, hands their bytes to kipp-formats and the engine, and writes the
//! result.
//!
//! Exit status: 0 success; 2 bad input (every located problem on standard
//! error as `file:line:column: message`); 1 any other failure (a file that
//! cannot be read or written, bad options).

mod table;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use kipp_formats::{FileData, Problem, RunSet, TableKind};
use kipp_score::Lang;

#[derive(Parser)]
#[command(
    name = "kipp",
    version,
    about = "Penilaian kompetisi inovasi pelayanan publik / public service innovation competition scoring"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Table,
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Id,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Id => Lang::Id,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(clap::Args)]
struct InputArgs {
    /// competition.json
    competition: PathBuf,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(clap::Args)]
struct DataArgs {
    /// Innovations file (CSV, JSON list or .xlsx)
    #[arg(long)]
    innovations: PathBuf,
    /// Scores file, long or wide form (CSV, JSON list or .xlsx: every score
    /// sheet); may be given several times
    #[arg(long, required = true)]
    scores: Vec<PathBuf>,
    /// Judges file (optional; then unknown judges are errors)
    #[arg(long)]
    judges: Option<PathBuf>,
    /// Sheet of an .xlsx innovations file (default: the first innovations sheet)
    #[arg(long, value_name = "SHEET")]
    innovations_sheet: Option<String>,
    /// Sheet of the .xlsx scores files (default: every score sheet)
    #[arg(long, value_name = "SHEET")]
    scores_sheet: Option<String>,
    /// Sheet of an .xlsx judges file (default: the first judges sheet)
    #[arg(long, value_name = "SHEET")]
    judges_sheet: Option<String>,
    /// Language of tables and messages
    #[arg(long, value_enum, default_value = "id")]
    lang: LangArg,
}

#[derive(Subcommand)]
enum Command {
    /// Rank a competition (§4)
    Rank {
        #[command(flatten)]
        input: InputArgs,
        /// Output format
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Write to this file instead of standard output (required for xlsx)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Verify a published result: recompute it from the inputs (with the
    /// panel decisions it declares) and compare every number; exit 0 when
    /// it matches, 3 when it differs, 2 for bad input
    Verify {
        /// The published result JSON or ranking file
        result: PathBuf,
        #[command(flatten)]
        input: InputArgs,
        /// Output format (table: readable; json: every difference)
        #[arg(long, value_enum, default_value = "table")]
        format: SimFormat,
    },
    /// Monte Carlo robustness of the ranking (§5)
    Simulate {
        #[command(flatten)]
        input: InputArgs,
        /// Number of draws
        #[arg(long, default_value_t = 1000)]
        draws: u32,
        /// Seed (same seed, same result on every platform)
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Dirichlet concentration of the weights (> 0, from 1e-100 to 1e15)
        #[arg(long, default_value_t = 50.0, value_parser = parse_kappa)]
        kappa: f64,
        /// Also resample each innovation's sheets with replacement
        #[arg(long)]
        resample_judges: bool,
        /// Threads to use (default: all cores); the result is the same for
        /// every number of threads
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        threads: Option<u32>,
        /// Output format (table: readable; json: §5.1)
        #[arg(long, value_enum, default_value = "table")]
        format: SimFormat,
    },
    /// Compare two scenarios (competition files) on the same data (§5)
    Compare {
        /// Scenario A (competition.json)
        a: PathBuf,
        /// Scenario B (competition.json)
        b: PathBuf,
        #[command(flatten)]
        data: DataArgs,
        /// Output format
        #[arg(long, value_enum, default_value = "table")]
        format: SimFormat,
    },
    /// Judge report: sheets, leniency, agreement, leave one judge out (§5)
    Judges {
        #[command(flatten)]
        input: InputArgs,
        /// Output format
        #[arg(long, value_enum, default_value = "table")]
        format: SimFormat,
    },
    /// Write a synthetic competition in the formats of §1
    Sample {
        /// Start from a preset size: regional (the app's demo) or national
        #[arg(long, value_enum)]
        preset: Option<SamplePreset>,
        /// Number of innovations
        #[arg(long)]
        innovations: Option<usize>,
        /// Number of judges
        #[arg(long)]
        judges: Option<usize>,
        /// Criteria per stage
        #[arg(long)]
        criteria: Option<usize>,
        /// Number of stages
        #[arg(long)]
        stages: Option<usize>,
        /// Number of agencies (0 = about one per three innovations)
        #[arg(long)]
        agencies: Option<usize>,
        /// Seed (same seed, same files)
        #[arg(long)]
        seed: Option<u64>,
        /// Folder to write competition.json, innovations.csv, scores.csv, judges.csv
        #[arg(long)]
        out: PathBuf,
    },
    /// Score-sheet templates: one workbook per judge for a stage, to send to the judges
    Templates(TemplatesArgs),
    /// A page and an oEmbed file for a published nominees or ranking file:
    /// upload both next to the data file, then paste the page's address into
    /// WordPress (any role) or another CMS that embeds oEmbed links
    Embed(EmbedArgs),
    /// Participation summary (docs/summary.md): innovations, agencies, per
    /// stage entered and advanced, counts by agency and category; or several
    /// summaries merged (--merge)
    Summary(SummaryArgs),
}

#[derive(clap::Args)]
struct SummaryArgs {
    /// competition.json (not with --merge)
    competition: Option<PathBuf>,
    /// Innovations file (CSV, JSON list or .xlsx)
    #[arg(long)]
    innovations: Option<PathBuf>,
    /// Scores files, for the stages' counts (may be given several times)
    #[arg(long)]
    scores: Vec<PathBuf>,
    /// Judges file
    #[arg(long)]
    judges: Option<PathBuf>,
    /// A published result JSON or ranking file: the stages' counts as
    /// published (with its panel decisions), instead of ranking --scores
    #[arg(long)]
    result: Option<PathBuf>,
    /// The edition's year (default: a year in the competition's name)
    #[arg(long)]
    year: Option<i32>,
    /// Who publishes the summary
    #[arg(long)]
    publisher: Option<String>,
    /// Merge these summary files into one (counts by year)
    #[arg(long, num_args = 1.., value_name = "SUMMARY")]
    merge: Vec<PathBuf>,
    /// Sheet of an .xlsx innovations file (default: the first innovations sheet)
    #[arg(long, value_name = "SHEET")]
    innovations_sheet: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: SummaryFormat,
    /// Language of the table and messages
    #[arg(long, value_enum, default_value = "id")]
    lang: LangArg,
    /// Write to this file instead of standard output
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SummaryFormat {
    Json,
    Table,
    Csv,
}

#[derive(clap::Args)]
struct EmbedArgs {
    /// The nominees or ranking file (JSON)
    data: PathBuf,
    /// The kipp site's address (the folder with widget/frame.html), absolute
    #[arg(long)]
    site: String,
    /// The data file's public address (default: SITE + the file's name)
    #[arg(long)]
    url: Option<String>,
    /// Nominee layout: cards, list or table
    #[arg(long)]
    layout: Option<String>,
    /// Nominees shown before "show more"
    #[arg(long)]
    limit: Option<u32>,
    /// Ranking: let visitors try other weights
    #[arg(long)]
    simulate: bool,
    /// Language of the page and the widget
    #[arg(long, value_enum, default_value = "id")]
    lang: LangArg,
    /// Folder to write PAGE.html and PAGE.oembed.json into (default: the data file's folder)
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(clap::Args)]
struct TemplatesArgs {
    /// competition.json
    competition: PathBuf,
    /// Innovations file (CSV, JSON list or .xlsx)
    #[arg(long)]
    innovations: PathBuf,
    /// Judges file (required: one workbook per judge)
    #[arg(long)]
    judges: Option<PathBuf>,
    /// Scores of the earlier stages (needed for a later stage: who advanced)
    #[arg(long)]
    scores: Option<PathBuf>,
    /// Stage id (default: the first stage)
    #[arg(long)]
    stage: Option<String>,
    /// Sheet of an .xlsx innovations file (default: the first)
    #[arg(long, value_name = "SHEET")]
    innovations_sheet: Option<String>,
    /// Sheet of an .xlsx judges file (default: the first)
    #[arg(long, value_name = "SHEET")]
    judges_sheet: Option<String>,
    /// Sheet of an .xlsx scores file (default: the first)
    #[arg(long, value_name = "SHEET")]
    scores_sheet: Option<String>,
    /// Language of the workbooks and messages
    #[arg(long, value_enum, default_value = "id")]
    lang: LangArg,
    /// A .zip file, or a folder to write the workbooks and README.txt into
    #[arg(long)]
    out: PathBuf,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SimFormat {
    Json,
    Table,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SamplePreset {
    Regional,
    National,
}

/// A failure and its exit status.
enum Fail {
    /// Bad input: located problems (exit 2).
    Input(Vec<Problem>),
    /// Anything else (exit 1).
    Other(String),
    /// A verified result differs (exit 3; the report is written).
    Mismatch,
}

/// A file's bytes; a file larger than `kipp_formats::limits::MAX_FILE_BYTES`
/// is bad input (exit 2), found without reading more than that (a pipe or
/// a device has no size to ask first).
fn read(path: &Path) -> Result<Vec<u8>, Fail> {
    use std::io::Read;
    let max = kipp_formats::limits::MAX_FILE_BYTES;
    let other = |e: std::io::Error| Fail::Other(format!("{}: {e}", path.display()));
    let f = fs::File::open(path).map_err(other)?;
    let mut bytes = Vec::new();
    f.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(other)?;
    if bytes.len() > max {
        let name: std::sync::Arc<str> = path.display().to_string().into();
        let p = kipp_formats::limits::file_size_problem(&name, bytes.len());
        return Err(Fail::Input(p.into_iter().collect()));
    }
    Ok(bytes)
}

fn write_out(out: &Option<PathBuf>, bytes: &[u8]) -> Result<(), Fail> {
    use std::io::Write;
    match out {
        Some(p) => fs::write(p, bytes).map_err(|e| Fail::Other(format!("{}: {e}", p.display()))),
        None => {
            let mut so = std::io::stdout().lock();
            so.write_all(bytes)
                .and_then(|_| so.flush())
                .map_err(|e| Fail::Other(format!("stdout: {e}")))
        }
    }
}

fn prepare(input: &InputArgs) -> Result<kipp_score::Prepared, Fail> {
    prepare_with(&input.competition, &input.data)
}

/// An input file read whole, with the sheets of it to read.
struct Input {
    name: String,
    bytes: Vec<u8>,
    /// `[None]`: the file as a whole (first sheet of a workbook).
    sheets: Vec<Option<String>>,
}

impl Input {
    /// Reads `path`; for a workbook without a chosen sheet, the sheets whose
    /// kind is one of `kinds` (all of them when `all`, else the first), or
    /// the first sheet when none is (its reader then says what is wrong).
    fn read(
        path: &Path,
        sheet: Option<&str>,
        kinds: &[TableKind],
        all: bool,
    ) -> Result<Input, Fail> {
        let name = path.display().to_string();
        let bytes = read(path)?;
        let mut sheets: Vec<Option<String>> = match sheet {
            Some(s) => vec![Some(s.to_string())],
            None if kipp_formats::is_xlsx(&bytes) => kipp_formats::survey(&name, &bytes)
                .unwrap_or_default()
                .into_iter()
                .filter(|t| kinds.contains(&t.kind))
                .map(|t| t.sheet)
                .collect(),
            None => vec![None],
        };
        if !all {
            sheets.truncate(1);
        }
        if sheets.is_empty() {
            sheets.push(None);
        }
        Ok(Input {
            name,
            bytes,
            sheets,
        })
    }

    fn files(&self) -> impl Iterator<Item = FileData<'_>> {
        self.sheets.iter().map(|s| FileData {
            sheet: s.as_deref(),
            ..FileData::new(&self.name, &self.bytes)
        })
    }
}

fn prepare_with(competition: &Path, data: &DataArgs) -> Result<kipp_score::Prepared, Fail> {
    let comp_name = competition.display().to_string();
    let comp = read(competition)?;
    let innovations = Input::read(
        &data.innovations,
        data.innovations_sheet.as_deref(),
        &[TableKind::Innovations],
        false,
    )?;
    let judges = match &data.judges {
        Some(p) => Some(Input::read(
            p,
            data.judges_sheet.as_deref(),
            &[TableKind::Judges],
            false,
        )?),
        None => None,
    };
    let scores = data
        .scores
        .iter()
        .map(|p| {
            Input::read(
                p,
                data.scores_sheet.as_deref(),
                &[TableKind::Scores, TableKind::WideScores],
                true,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let files = RunSet {
        competition: FileData::new(&comp_name, &comp),
        innovations: innovations.files().collect(),
        judges: judges.iter().flat_map(Input::files).collect(),
        scores: scores.iter().flat_map(Input::files).collect(),
    };
    let loaded = kipp_formats::load_set(&files);
    // The files' bytes are not needed any more: free them before the
    // engine's preparation (peak memory).
    drop(files);
    drop((comp, innovations, judges, scores));
    loaded.prepare().map_err(Fail::Input)
}

fn rank(input: &InputArgs, format: Format, out: &Option<PathBuf>) -> Result<(), Fail> {
    let lang: Lang = input.data.lang.into();
    let p = prepare(input)?;
    let r = p.rank();
    let written = match format {
        Format::Json => write_out(out, kipp_formats::result_json(&r).as_bytes()),
        Format::Csv => write_out(
            out,
            kipp_formats::result_csv(&r, p.innovations(), lang).as_bytes(),
        ),
        Format::Table => write_out(out, table::result_table(&r, &p, lang).as_bytes()),
        Format::Xlsx => {
            if out.is_none() {
                return Err(Fail::Other(match lang {
                    Lang::Id => "--format xlsx memerlukan --out BERKAS.xlsx".into(),
                    Lang::En => "--format xlsx needs --out FILE.xlsx".into(),
                }));
            }
            let bytes =
                kipp_formats::result_xlsx(&r, p.innovations(), lang).map_err(Fail::Other)?;
            write_out(out, &bytes)
        }
    };
    // The process ends here: its memory goes back at once, without freeing
    // every innovation and row one by one (a few ms at national scale).
    std::mem::forget((p, r));
    written
}

fn verify(result: &Path, input: &InputArgs, format: SimFormat) -> Result<(), Fail> {
    let lang: Lang = input.data.lang.into();
    let name = result.display().to_string();
    let published = kipp_formats::read_published(&name, &read(result)?);
    let prepared = prepare(input);
    let (published, mut p) = match (published, prepared) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(mut x), Err(Fail::Input(y))) => {
            x.extend(y);
            return Err(Fail::Input(x));
        }
        (Err(x), _) => return Err(Fail::Input(x)),
        (_, Err(e)) => return Err(e),
    };
    if let Err(diags) = p.set_decisions(&published.decisions) {
        let file: std::sync::Arc<str> = std::sync::Arc::from(name.as_str());
        return Err(Fail::Input(
            diags
                .iter()
                .map(|d| Problem::from_diagnostic(d, &file))
                .collect(),
        ));
    }
    let v = kipp_formats::compare_results(&published.result, &p.rank());
    let text = match format {
        SimFormat::Json => {
            let diffs: Vec<serde_json::Value> = v
                .differences
                .iter()
                .map(|d| {
                    serde_json::json!({"stage": d.stage, "innovation": d.innovation, "field": d.field,
                        "published": d.published, "recomputed": d.recomputed})
                })
                .collect();
            let j = serde_json::json!({"matches": v.matches(), "stages": v.stages,
                "innovations": v.innovations, "rows": v.rows, "digest": v.digest,
                "decisions": published.decisions.len(), "differences": diffs});
            serde_json::to_string_pretty(&j).unwrap_or_default() + "\n"
        }
        SimFormat::Table => table::verify_table(&v, published.decisions.len(), lang),
    };
    write_out(&None, text.as_bytes())?;
    if v.matches() {
        Ok(())
    } else {
        Err(Fail::Mismatch)
    }
}

fn sim_out(json: String, format: SimFormat, lang: Lang, title: &str) -> Result<(), Fail> {
    match format {
        SimFormat::Json => write_out(&None, json.as_bytes()),
        SimFormat::Table => {
            let v: serde_json::Value =
                serde_json::from_str(&json).map_err(|e| Fail::Other(e.to_string()))?;
            write_out(&None, table::value_tables(&v, lang, title).as_bytes())
        }
    }
}

fn simulate(
    input: &InputArgs,
    opts: kipp_score::SimOptions,
    threads: Option<u32>,
    format: SimFormat,
) -> Result<(), Fail> {
    let lang: Lang = input.data.lang.into();
    let p = prepare(input)?;
    let threads = match threads {
        Some(t) => t as usize,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let r = kipp_score::simulate_threads(&p, &opts, threads, &mut |_, _| true)
        .map_err(|e| Fail::Other(e.to_string()))?;
    let title = p.competition().name.clone();
    sim_out(kipp_formats::simulation_json(&r), format, lang, &title)
}

fn compare(a: &Path, b: &Path, data: &DataArgs, format: SimFormat) -> Result<(), Fail> {
    let lang: Lang = data.lang.into();
    let (pa, pb) = match (prepare_with(a, data), prepare_with(b, data)) {
        (Ok(pa), Ok(pb)) => (pa, pb),
        (Err(Fail::Input(mut x)), Err(Fail::Input(y))) => {
            // Data-file problems are the same for both scenarios: list them once.
            for p in y {
                if !x.contains(&p) {
                    x.push(p);
                }
            }
            return Err(Fail::Input(x));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let r = kipp_score::compare(&pa, &pb);
    let title = format!("{} ⇄ {}", pa.competition().name, pb.competition().name);
    sim_out(kipp_formats::compare_json(&r), format, lang, &title)
}

fn judges(input: &InputArgs, format: SimFormat) -> Result<(), Fail> {
    let lang: Lang = input.data.lang.into();
    let p = prepare(input)?;
    let r = kipp_score::judges_report(&p);
    let title = p.competition().name.clone();
    sim_out(kipp_formats::judges_report_json(&r), format, lang, &title)
}

#[allow(clippy::too_many_arguments)]
fn sample(
    preset: Option<SamplePreset>,
    innovations: Option<usize>,
    judges: Option<usize>,
    criteria: Option<usize>,
    stages: Option<usize>,
    agencies: Option<usize>,
    seed: Option<u64>,
    out: &Path,
) -> Result<(), Fail> {
    use kipp_formats::sample::{self, SampleOptions};
    let mut o = match preset {
        Some(SamplePreset::Regional) => SampleOptions::regional(),
        Some(SamplePreset::National) => SampleOptions::national(),
        None => SampleOptions::default(),
    };
    if let Some(n) = innovations {
        o.innovations = n;
        if preset.is_none() {
            o.final_top = o.final_top.min((n as u32).max(1));
        }
    }
    if let Some(j) = judges {
        o.judges = j;
    }
    if let Some(c) = criteria {
        o.criteria = c;
    }
    if let Some(s) = stages {
        o.stages = s;
    }
    if let Some(a) = agencies {
        o.agencies = a;
    }
    if let Some(s) = seed {
        o.seed = s;
    }
    let inputs = sample::generate(&o);
    fs::create_dir_all(out).map_err(|e| Fail::Other(format!("{}: {e}", out.display())))?;
    for (name, text) in sample::files(&inputs) {
        let p = out.join(name);
        fs::write(&p, text).map_err(|e| Fail::Other(format!("{}: {e}", p.display())))?;
    }
    eprintln!(
        "{}: {} inovasi, {} juri, {} tahap, {} nilai (sintetis / synthetic)",
        out.display(),
        inputs.innovations.len(),
        inputs.judges.as_ref().map_or(0, |j| j.len()),
        inputs.competition.stages.len(),
        inputs.scores.len()
    );
    Ok(())
}

/// A problem about the command as a whole (no file to point at).
fn arg_problem(what: &str, id: String, en: String) -> Problem {
    Problem::new(&std::sync::Arc::from(what), 0, 0, id, en)
}

fn templates(a: &TemplatesArgs) -> Result<(), Fail> {
    use kipp_formats::{judge_entrants, RunFiles, TemplateSheet};
    let lang: Lang = a.lang.into();
    let Some(judges_path) = &a.judges else {
        return Err(Fail::Input(vec![arg_problem(
            "--judges",
            "berkas juri diperlukan (--judges BERKAS): lembar penilaian dibuat per juri, tanpa inovasi yang berkonflik kepentingan dengan juri itu".into(),
            "a judges file is needed (--judges FILE): score sheets are made per judge, without the innovations the judge has a conflict of interest with".into(),
        )]));
    };
    let comp_name = a.competition.display().to_string();
    let comp = read(&a.competition)?;
    let inn_name = a.innovations.display().to_string();
    let inn = read(&a.innovations)?;
    let judges_name = judges_path.display().to_string();
    let judges = read(judges_path)?;
    let scores = match &a.scores {
        Some(p) => Some((p.display().to_string(), read(p)?)),
        None => None,
    };
    let empty_scores = b"stage,innovation,judge,criterion,score\n".as_slice();
    let files = RunFiles {
        competition: FileData::new(&comp_name, &comp),
        innovations: FileData {
            sheet: a.innovations_sheet.as_deref(),
            ..FileData::new(&inn_name, &inn)
        },
        scores: match &scores {
            Some((n, b)) => FileData {
                sheet: a.scores_sheet.as_deref(),
                ..FileData::new(n, b)
            },
            None => FileData::new("--scores", empty_scores),
        },
        judges: Some(FileData {
            sheet: a.judges_sheet.as_deref(),
            ..FileData::new(&judges_name, &judges)
        }),
    };
    let loaded = kipp_formats::load(files).map_err(Fail::Input)?;
    // The engine's checks of all inputs (competition, duplicate ids, scores).
    let prepared = kipp_score::prepare(&loaded.inputs)
        .map_err(|d| Fail::Input(kipp_formats::diagnostics_to_problems(&d, &loaded.source)))?;
    let inputs = &loaded.inputs;
    let stages = &inputs.competition.stages;
    let k = match &a.stage {
        None => 0,
        Some(id) => stages.iter().position(|s| &s.id == id).ok_or_else(|| {
            let ids: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
            Fail::Input(vec![arg_problem(
                &comp_name,
                format!("tahap \"{id}\" tidak ada (ada: {})", ids.join(", ")),
                format!("there is no stage \"{id}\" (there are: {})", ids.join(", ")),
            )])
        })?,
    };
    let stage = &stages[k];
    let entrants: Vec<&kipp_score::Innovation> = if k == 0 {
        inputs.innovations.iter().filter(|i| i.eligible).collect()
    } else {
        if scores.is_none() {
            let prev = &stages[k - 1].id;
            return Err(Fail::Input(vec![arg_problem(
                "--scores",
                format!("tahap \"{}\" bukan tahap pertama: berkas nilai (--scores) diperlukan untuk mengetahui inovasi yang lolos dari tahap \"{prev}\"", stage.id),
                format!("stage \"{}\" is not the first stage: a scores file (--scores) is needed to know which innovations advanced from stage \"{prev}\"", stage.id),
            )]));
        }
        let r = prepared.rank();
        let advanced: std::collections::HashSet<&str> = r.stages[k - 1]
            .rows
            .iter()
            .filter(|row| row.advanced)
            .map(|row| row.id.as_str())
            .collect();
        inputs
            .innovations
            .iter()
            .filter(|i| advanced.contains(i.id.as_str()))
            .collect()
    };
    let judges = inputs.judges.as_deref().unwrap_or(&[]);
    let mut sheets = Vec::new();
    let mut idle = Vec::new();
    for j in judges {
        let innovations = judge_entrants(&entrants, j);
        if innovations.is_empty() {
            idle.push(j.id.as_str());
        } else {
            sheets.push(TemplateSheet {
                stage,
                judge: j,
                innovations,
            });
        }
    }
    let name = &inputs.competition.name;
    let is_zip = a
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if is_zip {
        let bytes = kipp_formats::score_sheets_zip(&sheets, name, lang).map_err(Fail::Other)?;
        write_out(&Some(a.out.clone()), &bytes)?;
    } else {
        let files = kipp_formats::score_sheets_files(&sheets, name, lang).map_err(Fail::Other)?;
        fs::create_dir_all(&a.out).map_err(|e| Fail::Other(format!("{}: {e}", a.out.display())))?;
        for (n, bytes) in files {
            write_out(&Some(a.out.join(n)), &bytes)?;
        }
    }
    let out = a.out.display();
    let n = sheets.len();
    let m = entrants.len();
    match lang {
        Lang::Id => eprintln!(
            "{out}: {n} lembar penilaian untuk tahap {}, {m} inovasi",
            stage.id
        ),
        Lang::En => eprintln!(
            "{out}: {n} score sheets for stage {}, {m} innovations",
            stage.id
        ),
    }
    if !idle.is_empty() {
        match lang {
            Lang::Id => eprintln!(
                "tanpa lembar (semua inovasi berkonflik kepentingan atau tidak ada inovasi): {}",
                idle.join(", ")
            ),
            Lang::En => eprintln!(
                "no sheet (a conflict of interest with every innovation, or none entered): {}",
                idle.join(", ")
            ),
        }
    }
    Ok(())
}

fn summary(a: &SummaryArgs) -> Result<(), Fail> {
    use kipp_formats::summary::{self as sm, Summary};
    let lang: Lang = a.lang.into();
    let s = if !a.merge.is_empty() {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for p in &a.merge {
            let name = p.display().to_string();
            match sm::read_summary(&name, &read(p)?) {
                Ok(s) => files.push((name, s)),
                Err(e) => problems.extend(e),
            }
        }
        if !problems.is_empty() {
            return Err(Fail::Input(problems));
        }
        let mut m = sm::merge(&files).map_err(Fail::Input)?;
        if let Some(p) = &a.publisher {
            m.publisher = p.clone();
        }
        m
    } else {
        let (Some(competition), Some(innovations)) = (&a.competition, &a.innovations) else {
            return Err(Fail::Input(vec![arg_problem(
                "--innovations",
                "perlu competition.json dan --innovations BERKAS (atau --merge RINGKASAN…)".into(),
                "needs competition.json and --innovations FILE (or --merge SUMMARY…)".into(),
            )]));
        };
        let published = match &a.result {
            Some(p) => {
                let name = p.display().to_string();
                Some(kipp_formats::read_published(&name, &read(p)?).map_err(Fail::Input)?)
            }
            None => None,
        };
        let (comp, list, ranked) = if a.scores.is_empty() {
            let comp_name = competition.display().to_string();
            let comp = kipp_formats::parse_competition(&comp_name, &read(competition)?)
                .map_err(Fail::Input)?;
            let input = Input::read(
                innovations,
                a.innovations_sheet.as_deref(),
                &[TableKind::Innovations],
                false,
            )?;
            let list = input
                .files()
                .next()
                .map(kipp_formats::parse_innovations_from)
                .unwrap_or_else(|| Ok(Vec::new()))
                .map_err(Fail::Input)?;
            (comp, list, None)
        } else {
            let data = DataArgs {
                innovations: innovations.clone(),
                scores: a.scores.clone(),
                judges: a.judges.clone(),
                innovations_sheet: a.innovations_sheet.clone(),
                scores_sheet: None,
                judges_sheet: None,
                lang: a.lang,
            };
            let p = prepare_with(competition, &data)?;
            let r = p.rank();
            (p.competition().clone(), p.innovations().to_vec(), Some(r))
        };
        let result = published.as_ref().map(|p| &p.result).or(ranked.as_ref());
        let year = a.year.or_else(|| sm::year_in(&comp.name));
        let edition = sm::summarize(&comp, &list, result, year);
        Summary::of(edition, a.publisher.as_deref().unwrap_or(""))
    };
    let text = match a.format {
        SummaryFormat::Json => s.to_json(),
        SummaryFormat::Table => sm::summary_table(&s, lang),
        SummaryFormat::Csv => sm::summary_csv(&s),
    };
    write_out(&a.out, text.as_bytes())
}

fn embed(a: &EmbedArgs) -> Result<(), Fail> {
    let name = a.data.display().to_string();
    let bytes = read(&a.data)?;
    let file_name = a
        .data
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The default data address needs the site's folder; a bad site is
    // reported by embed_files.
    let folder = kipp_formats::site_address(&a.site).unwrap_or_else(|| a.site.clone());
    let opts = kipp_formats::EmbedOptions {
        data_url: a
            .url
            .clone()
            .unwrap_or_else(|| format!("{folder}{file_name}")),
        site: a.site.clone(),
        layout: a.layout.clone(),
        limit: a.limit,
        simulate: a.simulate,
        lang: a.lang.into(),
    };
    let files = kipp_formats::embed_files(&name, &bytes, &opts).map_err(Fail::Input)?;
    let dir = match &a.out {
        Some(d) => d.clone(),
        None => a.data.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    fs::create_dir_all(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &dir
    })
    .map_err(|e| Fail::Other(format!("{}: {e}", dir.display())))?;
    write_out(
        &Some(dir.join(&files.page_name)),
        files.page_html.as_bytes(),
    )?;
    write_out(
        &Some(dir.join(&files.oembed_name)),
        files.oembed_json.as_bytes(),
    )?;
    let page = dir.join(&files.page_name);
    let oembed = dir.join(&files.oembed_name);
    match Lang::from(a.lang) {
        Lang::Id => eprintln!(
            "{} dan {}: unggah keduanya ke folder {}, lalu tempel alamat ini ke WordPress:\n{}",
            page.display(),
            oembed.display(),
            files.page_url.rsplit_once('/').map_or("", |p| p.0),
            files.page_url
        ),
        Lang::En => eprintln!(
            "{} and {}: upload both to the folder {}, then paste this address into WordPress:\n{}",
            page.display(),
            oembed.display(),
            files.page_url.rsplit_once('/').map_or("", |p| p.0),
            files.page_url
        ),
    }
    println!("{}", files.page_url);
    Ok(())
}

/// `--kappa`: a number the engine computes with (kipp_score::limits); a
/// usage error otherwise (exit 1), never replaced silently.
fn parse_kappa(s: &str) -> Result<f64, String> {
    let k: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    if kipp_score::limits::kappa_ok(k) {
        Ok(k)
    } else {
        Err(format!(
            "kappa must be a number > 0 from 1e-100 to 1e15, not {s}"
        ))
    }
}

fn main() -> ExitCode {
    // Usage errors exit with 1 (2 is reserved for bad input files, §4).
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let (lang, res) = match &cli.command {
        Command::Rank { input, format, out } => (input.data.lang.into(), rank(input, *format, out)),
        Command::Verify {
            result,
            input,
            format,
        } => (input.data.lang.into(), verify(result, input, *format)),
        Command::Simulate {
            input,
            draws,
            seed,
            kappa,
            resample_judges,
            threads,
            format,
        } => (
            input.data.lang.into(),
            simulate(
                input,
                kipp_score::SimOptions {
                    draws: *draws,
                    seed: *seed,
                    kappa: *kappa,
                    resample_judges: *resample_judges,
                },
                *threads,
                *format,
            ),
        ),
        Command::Compare { a, b, data, format } => (data.lang.into(), compare(a, b, data, *format)),
        Command::Judges { input, format } => (input.data.lang.into(), judges(input, *format)),
        Command::Sample {
            preset,
            innovations,
            judges,
            criteria,
            stages,
            agencies,
            seed,
            out,
        } => (
            Lang::Id,
            sample(
                *preset,
                *innovations,
                *judges,
                *criteria,
                *stages,
                *agencies,
                *seed,
                out,
            ),
        ),
        Command::Templates(a) => (a.lang.into(), templates(a)),
        Command::Embed(a) => (a.lang.into(), embed(a)),
        Command::Summary(a) => (a.lang.into(), summary(a)),
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail::Input(problems)) => {
            let mut s = String::new();
            for p in &problems {
                s.push_str(&p.render(lang));
                s.push('\n');
            }
            eprint!("{s}");
            ExitCode::from(2)
        }
        Err(Fail::Other(msg)) => {
            eprintln!("kipp: {msg}");
            ExitCode::from(1)
        }
        Err(Fail::Mismatch) => ExitCode::from(3),
    }
}
