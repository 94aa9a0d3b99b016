//! How a project is laid out in the browser's storage, and the rules that
//! keep the stored copy from ever going back in time.
//!
//! A project is stored as four records: the *core* (everything but the
//! large lists: competition, decisions, audit, mappings, names) and one
//! record each for innovations, scores and judges. Every change writes the
//! core; a large list is written only when it changed (its `Arc` is another
//! one than at the last write), so a decision in a national project writes
//! kilobytes, not the 300,000 scores. Each record carries the revision it
//! was written at; the core names the revision of every list it goes with.
//!
//! The app also writes the core synchronously to `localStorage` (the
//! journal) on every change and on `pagehide`, so a reload a few
//! milliseconds after a change loses nothing even if the asynchronous
//! IndexedDB write did not finish. At load the newer core (by revision)
//! wins; a list older than its core says so ([`Loaded::stale`]).

use std::collections::HashMap;
use std::sync::Arc;

use kipp_score::{Loc, Score};
use serde::{Deserialize, Serialize};

use crate::project::Project;
use crate::store::ProjectMeta;

/// The revisions of the large lists a core goes with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartsRev {
    /// Innovations.
    pub innovations: u64,
    /// Scores.
    pub scores: u64,
    /// Judges.
    pub judges: u64,
}

/// The core record.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Core {
    /// The project without its large lists.
    pub project: Project,
    /// The revisions of its lists.
    pub parts: PartsRev,
}

/// A large list's record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Part {
    /// `innovations`, `scores` or `judges`.
    pub name: &'static str,
    /// Revision it was written at.
    pub rev: u64,
    /// JSON of the list (`null` for no judges table); for the scores, the
    /// head of [`StoredScores`] (its numbers are `index` and `values`).
    pub json: String,
    /// The scores' numbers ([`FIELDS`] per score; stored as a
    /// `Uint32Array`); empty for the other lists.
    pub index: Vec<u32>,
    /// The scores' values (stored as a `Float64Array`).
    pub values: Vec<f64>,
}

impl Part {
    /// Bytes it takes in storage (about).
    pub fn size(&self) -> u64 {
        (self.json.len() + 4 * self.index.len() + 8 * self.values.len()) as u64
    }
}

/// What to write for one save.
#[derive(Clone, Debug)]
pub struct Write {
    /// Project id.
    pub id: String,
    /// Core record as JSON.
    pub core: String,
    /// Revision of the core.
    pub rev: u64,
    /// Lists that changed since the last write.
    pub parts: Vec<Part>,
    /// The list entry.
    pub meta: ProjectMeta,
}

/// Remembers what was last written, to write only what changed.
#[derive(Default)]
pub struct Saver {
    id: String,
    innovations: Option<Arc<Vec<kipp_score::Innovation>>>,
    scores: Option<Arc<Vec<kipp_score::Score>>>,
    judges: Option<Option<Arc<Vec<kipp_score::Judge>>>>,
    revs: PartsRev,
    sizes: [u64; 3],
}

fn same<T>(a: &Option<Arc<T>>, b: &Arc<T>) -> bool {
    a.as_ref().is_some_and(|a| Arc::ptr_eq(a, b))
}

impl Saver {
    /// The saver of a project that was just loaded from storage with these
    /// list revisions (nothing to rewrite until a list changes).
    pub fn loaded(p: &Project, revs: PartsRev, sizes: [u64; 3]) -> Saver {
        Saver {
            id: p.id.clone(),
            innovations: Some(p.inputs.innovations.clone()),
            scores: Some(p.inputs.scores.clone()),
            judges: Some(p.inputs.judges.clone()),
            revs,
            sizes,
        }
    }

    /// What to write to store `p` now.
    pub fn write(&mut self, p: &Project) -> Write {
        if self.id != p.id {
            *self = Saver {
                id: p.id.clone(),
                ..Saver::default()
            };
        }
        let mut parts = Vec::new();
        let rev = p.rev;
        if !same(&self.innovations, &p.inputs.innovations) {
            let part = Part {
                name: "innovations",
                rev,
                json: serde_json::to_string(&*p.inputs.innovations).unwrap_or_default(),
                ..Part::default()
            };
            self.sizes[0] = part.size();
            parts.push(part);
            self.innovations = Some(p.inputs.innovations.clone());
            self.revs.innovations = rev;
        }
        if !same(&self.scores, &p.inputs.scores) {
            let part = scores_part(&p.inputs.scores, rev);
            self.sizes[1] = part.size();
            parts.push(part);
            self.scores = Some(p.inputs.scores.clone());
            self.revs.scores = rev;
        }
        let judges_same = match (&self.judges, &p.inputs.judges) {
            (Some(None), None) => true,
            (Some(Some(a)), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        if !judges_same {
            let part = Part {
                name: "judges",
                rev,
                json: serde_json::to_string(&p.inputs.judges.as_deref()).unwrap_or_default(),
                ..Part::default()
            };
            self.sizes[2] = part.size();
            parts.push(part);
            self.judges = Some(p.inputs.judges.clone());
            self.revs.judges = rev;
        }
        let core = core_json(p, self.revs);
        let size = core.len() as u64 + self.sizes.iter().sum::<u64>();
        Write {
            id: p.id.clone(),
            rev,
            meta: meta(p, size),
            core,
            parts,
        }
    }
}

/// The scores record's layout: a JSON head with the ids and file names,
/// once each, and two typed arrays: [`FIELDS`] numbers per score (stage,
/// innovation, judge, criterion and file as positions in those lists; the
/// line and column of `loc`; the five `cols`) and the values. A national
/// project's 167k scores take 9.4 MB this way instead of 23 MB of JSON
/// objects (every id and file name written, and escaped, on every score),
/// and IndexedDB copies typed arrays as they are: no text to make, decode
/// or parse. The list form (records written before December 2026: the
/// JSON list of scores, no arrays) is still read.
#[derive(Serialize, Deserialize)]
struct StoredScores {
    /// Layout version (2; the list form counts as 1).
    kipp_scores: u32,
    ids: Vec<Arc<str>>,
    files: Vec<Arc<str>>,
}

/// Numbers per score in [`Part::index`].
pub const FIELDS: usize = 12;

/// The scores record of `scores` at revision `rev` (see [`StoredScores`]).
pub fn scores_part(scores: &[Score], rev: u64) -> Part {
    let mut ids: Vec<Arc<str>> = Vec::new();
    let mut files: Vec<Arc<str>> = Vec::new();
    let mut id_pos: HashMap<Arc<str>, u32> = HashMap::new();
    let mut file_pos: HashMap<Arc<str>, u32> = HashMap::new();
    let mut index = Vec::with_capacity(scores.len() * FIELDS);
    let mut values = Vec::with_capacity(scores.len());
    // Ids come in runs (and the formats crate makes one `Arc` per id and
    // table): the field's last `Arc` answers most lookups. It stays alive
    // in the lists, so its address cannot be another string's.
    let mut last: [Option<(*const u8, usize, u32)>; 5] = [None; 5];
    let mut intern =
        |slot: usize, s: &Arc<str>, list: &mut Vec<Arc<str>>, pos: &mut HashMap<Arc<str>, u32>| {
            let key = (s.as_ptr(), s.len());
            if let Some((p, l, k)) = last[slot] {
                if (p, l) == key {
                    return k;
                }
            }
            let k = *pos.entry(s.clone()).or_insert_with(|| {
                list.push(s.clone());
                (list.len() - 1) as u32
            });
            last[slot] = Some((key.0, key.1, k));
            k
        };
    for sc in scores {
        for (slot, id) in [&sc.stage, &sc.innovation, &sc.judge, &sc.criterion]
            .into_iter()
            .enumerate()
        {
            index.push(intern(slot, id, &mut ids, &mut id_pos));
        }
        index.push(intern(4, &sc.loc.file, &mut files, &mut file_pos));
        index.extend([sc.loc.line, sc.loc.column]);
        index.extend(sc.cols);
        values.push(sc.value);
    }
    let json = serde_json::to_string(&StoredScores {
        kipp_scores: 2,
        ids,
        files,
    })
    .unwrap_or_default();
    Part {
        name: "scores",
        rev,
        json,
        index,
        values,
    }
}

/// Scores from their record: the [`StoredScores`] layout or the list form.
pub fn scores_of(part: &Part) -> Result<Vec<Score>, String> {
    let json = &part.json;
    if json.trim_start().starts_with('[') {
        return serde_json::from_str(json).map_err(|e| e.to_string());
    }
    let st: StoredScores = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let bad = || "scores: damaged record".to_string();
    if st.kipp_scores != 2 || part.index.len() != part.values.len() * FIELDS {
        return Err(bad());
    }
    let id = |k: u32| st.ids.get(k as usize).cloned().ok_or_else(bad);
    let file = |k: u32| st.files.get(k as usize).cloned().ok_or_else(bad);
    part.index
        .chunks_exact(FIELDS)
        .zip(&part.values)
        .map(|(f, &value)| {
            if !value.is_finite() {
                return Err(bad());
            }
            Ok(Score {
                stage: id(f[0])?,
                innovation: id(f[1])?,
                judge: id(f[2])?,
                criterion: id(f[3])?,
                value,
                loc: Loc {
                    file: file(f[4])?,
                    line: f[5],
                    column: f[6],
                },
                cols: [f[7], f[8], f[9], f[10], f[11]],
            })
        })
        .collect()
}

/// The core record of `p` as JSON.
pub fn core_json(p: &Project, parts: PartsRev) -> String {
    let mut core = p.clone();
    core.inputs.innovations = Arc::new(Vec::new());
    core.inputs.scores = Arc::new(Vec::new());
    core.inputs.judges = None;
    serde_json::to_string(&Core {
        project: core,
        parts,
    })
    .unwrap_or_default()
}

/// The list entry of `p`.
pub fn meta(p: &Project, size: u64) -> ProjectMeta {
    ProjectMeta {
        id: p.id.clone(),
        name: p.display_name().to_string(),
        year: p.year,
        changed: p.changed.clone(),
        size,
        innovations: p.inputs.innovations.len(),
        synthetic: p.synthetic,
    }
}

/// A project read back from storage.
#[derive(Debug)]
pub struct Loaded {
    /// The project.
    pub project: Project,
    /// The lists' revisions as stored.
    pub revs: PartsRev,
    /// Lists older than the core (their last write did not finish).
    pub stale: Vec<&'static str>,
    /// Stored sizes of the lists (innovations, scores, judges) in bytes.
    pub sizes: [u64; 3],
}

impl Loaded {
    /// The saver that continues from this stored copy (nothing rewritten
    /// until a list changes; sizes kept for the project list).
    pub fn saver(&self) -> Saver {
        Saver::loaded(&self.project, self.revs, self.sizes)
    }
}

/// Reads a stored project: the IndexedDB core, the journal's core (when
/// there is one for this project), and the list records as
/// read back as [`Part`]s. The newer core wins.
pub fn load(core: Option<&str>, journal: Option<&str>, parts: &[Part]) -> Result<Loaded, String> {
    let read = |t: &str| serde_json::from_str::<Core>(t).map_err(|e| e.to_string());
    let a = core.map(read).transpose()?;
    let b = journal.and_then(|t| read(t).ok());
    let core = match (a, b) {
        (Some(a), Some(b)) => {
            if b.project.rev > a.project.rev && b.project.id == a.project.id {
                b
            } else {
                a
            }
        }
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return Err("no project".into()),
    };
    let mut p = core.project;
    let mut stale = Vec::new();
    let mut revs = PartsRev::default();
    let mut sizes = [0u64; 3];
    for part in parts {
        let (name, rev, json) = (part.name, part.rev, part.json.as_str());
        let slot = match name {
            "innovations" => 0,
            "scores" => 1,
            _ => 2,
        };
        sizes[slot] = part.size();
        let want = match name {
            "innovations" => core.parts.innovations,
            "scores" => core.parts.scores,
            _ => core.parts.judges,
        };
        if rev < want {
            stale.push(name);
        }
        match name {
            "innovations" => {
                p.inputs.innovations =
                    Arc::new(serde_json::from_str(json).map_err(|e| e.to_string())?);
                revs.innovations = rev;
            }
            "scores" => {
                p.inputs.scores = Arc::new(scores_of(part)?);
                revs.scores = rev;
            }
            _ => {
                let j: Option<Vec<kipp_score::Judge>> =
                    serde_json::from_str(json).map_err(|e| e.to_string())?;
                p.inputs.judges = j.map(Arc::new);
                revs.judges = rev;
            }
        }
    }
    Ok(Loaded {
        project: p,
        revs,
        stale,
        sizes,
    })
}
