//! Import: files (competition, innovations, scores, judges as CSV, XLSX or
//! JSON; a project file; a published result) -> a preview that replaces
//! nothing until it is applied. Every located problem of every file is
//! listed; the combination is checked by the engine before it can be applied.

use std::collections::BTreeSet;

use kipp_score::{Competition, Innovation, Inputs, Judge, Score};
use kipp_ui::Lang;

use crate::engine::{self, Located};
use crate::project::{Project, PROJECT_VERSION};

/// A file as read from the disk.
#[derive(Clone, Debug)]
pub struct RawFile {
    /// Name as the user gave it.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

impl RawFile {
    /// A read file.
    pub fn new(name: String, bytes: Vec<u8>) -> Self {
        RawFile { name, bytes }
    }

    fn is_xlsx(&self) -> bool {
        self.bytes.starts_with(b"PK")
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// competition.json
    Competition,
    /// Innovations list.
    Innovations,
    /// Score values.
    Scores,
    /// Judges list.
    Judges,
    /// A project file.
    Project,
    /// A published result JSON (for verification).
    Result,
    /// Not recognised.
    Unknown,
}

/// One file in the preview.
#[derive(Clone, Debug)]
pub struct FileEntry {
    /// The file.
    pub raw: RawFile,
    /// What it holds.
    pub kind: Kind,
    /// Worksheets (XLSX only).
    pub sheets: Vec<String>,
    /// Chosen worksheet (XLSX only).
    pub sheet: Option<String>,
    /// Rows or values read.
    pub count: usize,
}

/// Counts shown before anything is replaced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    /// Competition name and number of stages.
    pub competition: Option<(String, usize)>,
    /// Innovations.
    pub innovations: usize,
    /// Judges (`None`: no judges file).
    pub judges: Option<usize>,
    /// Score values.
    pub values: usize,
    /// Sheets per stage id.
    pub sheets: Vec<(String, usize)>,
    /// Which parts stay from the current work.
    pub kept: Vec<Kind>,
}

/// The state of an import in progress.
#[derive(Clone, Debug, Default)]
pub struct ImportState {
    /// The files.
    pub files: Vec<FileEntry>,
    /// The project that applying would produce (only when there are no errors).
    pub result: Option<Project>,
    /// Every problem, located.
    pub errors: Vec<Located>,
    /// Counts.
    pub preview: Preview,
    /// A published result among the files: (name, text).
    pub verify_result: Option<(String, String)>,
}

impl ImportState {
    /// True when the only file is a published result.
    pub fn is_only_result(&self) -> bool {
        self.files.iter().all(|f| f.kind == Kind::Result)
    }
}

/// Guesses the kind of a file from its name, then its content.
pub fn classify(f: &RawFile) -> Kind {
    let name = f.name.to_lowercase();
    if !f.is_xlsx() {
        let text = f.text();
        let head = text.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('{') {
            if Project::looks_like(head) {
                return Kind::Project;
            }
            if head.contains("\"digest\"") && head.contains("\"engine\"") {
                return Kind::Result;
            }
            if head.contains("\"stages\"") {
                return Kind::Competition;
            }
        }
    }
    let by_name = [
        (["innov", "inovasi"], Kind::Innovations),
        (["score", "nilai"], Kind::Scores),
        (["judge", "juri"], Kind::Judges),
    ];
    for (keys, kind) in by_name {
        if keys.iter().any(|k| name.contains(k)) {
            return kind;
        }
    }
    if name.contains("penilai") {
        return Kind::Judges;
    }
    if !f.is_xlsx() {
        // By the header line of a CSV, or the keys of a JSON list.
        let text = f.text().to_lowercase();
        let head: String = text.chars().take(400).collect();
        if head.contains("criterion") || (head.contains("innovation") && head.contains("judge")) {
            return Kind::Scores;
        }
        if head.contains("title") {
            return Kind::Innovations;
        }
        if head.contains("conflicts") || head.contains("name") {
            return Kind::Judges;
        }
    }
    Kind::Unknown
}

fn located(file: &str, msg: String) -> Located {
    Located {
        file: file.to_string(),
        line: 0,
        column: 0,
        path: String::new(),
        message: msg,
    }
}

/// Reads the files and builds the preview.
pub fn preview(files: Vec<RawFile>, current: &Project, lang: Lang) -> ImportState {
    let mut st = ImportState::default();
    for raw in files {
        let kind = classify(&raw);
        let sheets = if raw.is_xlsx() {
            crate::formats::list_sheets(&raw.name, &raw.bytes).unwrap_or_default()
        } else {
            Vec::new()
        };
        let sheet = sheets.first().cloned();
        st.files.push(FileEntry {
            raw,
            kind,
            sheets,
            sheet,
            count: 0,
        });
    }
    rebuild(st, current, lang)
}

/// Another worksheet for file `i`.
pub fn choose_sheet(
    mut st: ImportState,
    i: usize,
    sheet: String,
    current: &Project,
    lang: Lang,
) -> ImportState {
    if let Some(f) = st.files.get_mut(i) {
        if f.sheets.contains(&sheet) {
            f.sheet = Some(sheet);
        }
    }
    rebuild(st, current, lang)
}

/// Rebuilds the messages in another language.
pub fn relabel(st: ImportState, lang: Lang) -> ImportState {
    // The preview keeps its result; only the messages change language.
    let current = Project::default();
    let keep = st.result.clone();
    let mut st = rebuild(st, &current, lang);
    if st.errors.is_empty() {
        st.result = keep;
    }
    st
}

fn rebuild(mut st: ImportState, current: &Project, lang: Lang) -> ImportState {
    st.errors.clear();
    st.result = None;
    st.verify_result = None;
    let mut competition: Option<Competition> = None;
    let mut source: Option<kipp_formats::CompetitionSource> = None;
    let mut innovations: Option<Vec<Innovation>> = None;
    let mut scores: Option<Vec<Score>> = None;
    let mut judges: Option<Vec<Judge>> = None;
    let mut project: Option<Project> = None;
    let t = crate::i18n::tr(lang);
    for f in st.files.iter_mut() {
        let name = f.raw.name.clone();
        let sheet = f.sheet.as_deref();
        let twice = |_: Kind| located(&name, t.kind_twice.to_string());
        match f.kind {
            Kind::Competition => {
                if competition.is_some() {
                    st.errors.push(twice(f.kind));
                    continue;
                }
                match crate::formats::competition(&name, &f.raw.bytes, lang) {
                    Ok((c, src)) => {
                        f.count = c.stages.len();
                        competition = Some(c);
                        source = Some(src);
                    }
                    Err(e) => st.errors.extend(e),
                }
            }
            Kind::Innovations => {
                if innovations.is_some() {
                    st.errors.push(twice(f.kind));
                    continue;
                }
                match crate::formats::innovations(&name, &f.raw.bytes, sheet, lang) {
                    Ok(v) => {
                        f.count = v.len();
                        innovations = Some(v);
                    }
                    Err(e) => st.errors.extend(e),
                }
            }
            Kind::Scores => {
                if scores.is_some() {
                    st.errors.push(twice(f.kind));
                    continue;
                }
                match crate::formats::scores(&name, &f.raw.bytes, sheet, lang) {
                    Ok(v) => {
                        f.count = v.len();
                        scores = Some(v);
                    }
                    Err(e) => st.errors.extend(e),
                }
            }
            Kind::Judges => {
                if judges.is_some() {
                    st.errors.push(twice(f.kind));
                    continue;
                }
                match crate::formats::judges(&name, &f.raw.bytes, sheet, lang) {
                    Ok(v) => {
                        f.count = v.len();
                        judges = Some(v);
                    }
                    Err(e) => st.errors.extend(e),
                }
            }
            Kind::Project => match Project::from_json(&f.raw.text()) {
                Ok(p) => {
                    f.count = p.inputs.innovations.len();
                    project = Some(p);
                }
                Err(e) => st.errors.push(located(
                    &name,
                    match e {
                        crate::project::ProjectError::Malformed(m) => {
                            format!("{}: {m}", t.project_bad)
                        }
                        crate::project::ProjectError::Version(v) => {
                            format!("{}: kipp_project {v} (≠ {PROJECT_VERSION})", t.project_bad)
                        }
                    },
                )),
            },
            Kind::Result => {
                st.verify_result = Some((name, f.raw.text()));
            }
            Kind::Unknown => st.errors.push(located(&name, t.kind_unknown.to_string())),
        }
    }
    if !st.errors.is_empty() {
        return st;
    }
    let mut next = match project {
        Some(p) => p,
        None => {
            let mut p = current.clone();
            let mut kept = Vec::new();
            let any_data = innovations.is_some() || scores.is_some() || judges.is_some();
            match competition {
                Some(c) => p.inputs.competition = c,
                None => kept.push(Kind::Competition),
            }
            match innovations {
                Some(v) => p.inputs.innovations = v,
                None => kept.push(Kind::Innovations),
            }
            match scores {
                Some(v) => p.inputs.scores = v,
                None => kept.push(Kind::Scores),
            }
            match judges {
                Some(v) => p.inputs.judges = Some(v),
                None if any_data => p.inputs.judges = None,
                None => kept.push(Kind::Judges),
            }
            if kept.len() == 4 {
                // Only a result file: nothing to apply.
                return st;
            }
            p.synthetic = false;
            p.source = st
                .files
                .iter()
                .filter(|f| f.kind != Kind::Result)
                .map(|f| f.raw.name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            // Decisions refer to the old data; keep them only with the same data.
            if any_data {
                p.decisions.clear();
            }
            st.preview.kept = kept;
            p
        }
    };
    next.kipp_project = PROJECT_VERSION;
    st.preview = Preview {
        kept: std::mem::take(&mut st.preview.kept),
        ..counts(&next.inputs)
    };
    // The combination must rank (or at least validate) before it can replace the work.
    if !next.inputs.competition.stages.is_empty() {
        if let Err(diags) = engine::check(&next.inputs) {
            // Competition problems are located in the imported file when
            // there is one; data problems carry their own location.
            st.errors = match &source {
                Some(src) => crate::formats::locate(&diags, src, lang),
                None => diags.iter().map(|d| engine::located(d, lang)).collect(),
            };
            return st;
        }
    }
    st.result = Some(next);
    st
}

/// Counts of a set of inputs.
pub fn counts(inputs: &Inputs) -> Preview {
    let c = &inputs.competition;
    let sheets = c
        .stages
        .iter()
        .map(|s| {
            let set: BTreeSet<(&str, &str)> = inputs
                .scores
                .iter()
                .filter(|x| x.stage == s.id)
                .map(|x| (x.innovation.as_str(), x.judge.as_str()))
                .collect();
            (s.name.clone(), set.len())
        })
        .collect();
    Preview {
        competition: if c.stages.is_empty() {
            None
        } else {
            Some((c.name.clone(), c.stages.len()))
        },
        innovations: inputs.innovations.len(),
        judges: inputs.judges.as_ref().map(|j| j.len()),
        values: inputs.scores.len(),
        sheets,
        kept: Vec::new(),
    }
}

/// The project that applying the preview gives (`None` while there are errors).
pub fn apply(st: &ImportState, _current: &Project) -> Option<Project> {
    if st.errors.is_empty() {
        st.result.clone()
    } else {
        None
    }
}

/// The built-in demo from its files (a synthetic regional competition made
/// by `kipp sample --preset regional`): every file through the same readers
/// as an import.
pub fn demo_project(files: Vec<RawFile>, lang: Lang) -> Result<Project, Vec<Located>> {
    let st = preview(files, &Project::default(), lang);
    match st.result {
        Some(mut p) if st.errors.is_empty() => {
            p.synthetic = true;
            p.source = "demo".into();
            Ok(p)
        }
        _ => Err(st.errors),
    }
}

/// Names of the presets, in menu order.
pub fn preset_names() -> Vec<(String, String)> {
    crate::formats::presets()
        .into_iter()
        .map(|(name, c)| (name, c.name))
        .collect()
}

/// A new project from preset `n`: its competition, no data yet.
pub fn preset_project(n: usize) -> Option<Project> {
    let (name, c) = crate::formats::presets().into_iter().nth(n)?;
    Some(Project {
        source: format!("preset: {name}"),
        inputs: Inputs {
            competition: c,
            ..Inputs::default()
        },
        ..Project::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(name: &str, text: &str) -> RawFile {
        RawFile::new(name.into(), text.as_bytes().to_vec())
    }

    #[test]
    fn classification() {
        assert_eq!(
            classify(&raw("a.json", "{\"kipp\":1,\"stages\":[]}")),
            Kind::Competition
        );
        assert_eq!(
            classify(&raw("p.json", "{\"kipp_project\":1}")),
            Kind::Project
        );
        assert_eq!(
            classify(&raw("r.json", "{\"engine\":\"kipp\",\"digest\":\"x\"}")),
            Kind::Result
        );
        assert_eq!(classify(&raw("inovasi.csv", "id,title")), Kind::Innovations);
        assert_eq!(classify(&raw("x.csv", "id;title;unit")), Kind::Innovations);
        assert_eq!(
            classify(&raw("x.csv", "stage,innovation,judge,criterion,score")),
            Kind::Scores
        );
        assert_eq!(classify(&raw("juri.csv", "id,name")), Kind::Judges);
        assert_eq!(classify(&raw("x.txt", "hello")), Kind::Unknown);
    }
}
