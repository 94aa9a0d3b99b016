//! The digest of §3: SHA-256 over a canonical form of the inputs and the
//! engine version. The canonical form is documented in docs/digest.md; keep
//! the two in step (a change here is a change of `FORM`).

use sha2::{Digest, Sha256};

use crate::model::{
    Advance, Aggregate, Attr, Competition, Innovation, Judge, Normalize, Op, RuleValue,
    ScoreSource, TieBreak, Ties,
};

/// Version of the canonical form.
pub const FORM: &str = "kipp-digest-1";

/// The canonical form's encoder. Fields are written into a reused buffer
/// that is handed to SHA-256 in large pieces: one `update` per field (tens
/// of millions of tiny calls at national scale) cost more than the hashing.
struct Enc {
    h: Sha256,
    buf: Vec<u8>,
}

/// Bytes gathered before they are hashed.
const CHUNK: usize = 1 << 16;

impl Enc {
    fn new() -> Self {
        Enc {
            h: Sha256::new(),
            buf: Vec::with_capacity(CHUNK + 64),
        }
    }
    #[inline]
    fn flush_if_full(&mut self) {
        if self.buf.len() >= CHUNK {
            self.h.update(&self.buf);
            self.buf.clear();
        }
    }
    #[inline]
    fn bytes(&mut self, b: &[u8]) {
        if b.len() > CHUNK {
            self.h.update(&self.buf);
            self.buf.clear();
            self.h.update(b);
            return;
        }
        self.buf.extend_from_slice(b);
        self.flush_if_full();
    }
    #[inline]
    fn u8(&mut self, x: u8) {
        self.buf.push(x);
        self.flush_if_full();
    }
    #[inline]
    fn u64(&mut self, x: u64) {
        self.bytes(&x.to_le_bytes());
    }
    #[inline]
    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes());
    }
    #[inline]
    fn f64(&mut self, x: f64) {
        let x = if x == 0.0 { 0.0 } else { x };
        self.bytes(&x.to_bits().to_le_bytes());
    }
    fn bool(&mut self, b: bool) {
        self.u8(b as u8);
    }
    fn attr(&mut self, a: &Attr) {
        match a.number {
            Some(x) => {
                self.u8(1);
                self.f64(x);
            }
            None => {
                self.u8(0);
                self.str(&a.text);
            }
        }
    }
    fn opt_u32(&mut self, x: Option<u32>) {
        match x {
            Some(v) => {
                self.u8(1);
                self.u64(v as u64);
            }
            None => self.u8(0),
        }
    }
    fn finish(mut self) -> [u8; 32] {
        self.h.update(&self.buf);
        self.h.finalize().into()
    }
}

fn hex(b: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        s.push(H[(x >> 4) as usize] as char);
        s.push(H[(x & 15) as usize] as char);
    }
    s
}

/// SHA-256 of the canonical competition.
pub(crate) fn competition_hash(c: &Competition) -> [u8; 32] {
    let mut e = Enc::new();
    e.str("competition");
    e.u64(1); // format version `kipp`
    e.str(&c.name);
    e.str(&c.description);
    e.u64(c.stages.len() as u64);
    for st in &c.stages {
        e.str(&st.id);
        e.str(&st.name);
        e.u64(st.criteria.len() as u64);
        for cr in &st.criteria {
            e.str(&cr.id);
            e.str(&cr.name);
            e.f64(cr.weight);
            e.f64(cr.min);
            e.f64(cr.max);
        }
        e.u8(match st.normalize {
            Normalize::None => 0,
            Normalize::ZScore => 1,
        });
        e.u8(match st.aggregate {
            Aggregate::Mean => 0,
            Aggregate::Median => 1,
            Aggregate::Trimmed => 2,
        });
        e.u64(st.min_judges as u64);
        e.u64(st.bonus.len() as u64);
        for b in &st.bonus {
            e.str(&b.id);
            e.f64(b.points);
            e.str(&b.field);
            e.u8(match b.op {
                Op::Ge => 0,
                Op::Gt => 1,
                Op::Le => 2,
                Op::Lt => 3,
                Op::Eq => 4,
                Op::Ne => 5,
                Op::In => 6,
            });
            match &b.value {
                RuleValue::One(a) => {
                    e.u8(0);
                    e.attr(a);
                }
                RuleValue::List(l) => {
                    e.u8(1);
                    e.u64(l.len() as u64);
                    for a in l {
                        e.attr(a);
                    }
                }
            }
        }
        match &st.combine {
            None => e.u8(0),
            Some(terms) => {
                e.u8(1);
                e.u64(terms.len() as u64);
                for t in terms {
                    e.str(&t.stage);
                    e.f64(t.weight);
                }
            }
        }
        e.u64(st.tie_break.len() as u64);
        for t in &st.tie_break {
            match t {
                TieBreak::Criterion(c) => {
                    e.u8(0);
                    e.str(c);
                }
                TieBreak::Bonus => e.u8(1),
                TieBreak::Raw => e.u8(2),
            }
        }
        // An empty `advance` object is the same as none (§1.1).
        match &st.advance {
            Some(a) if *a != Advance::default() => {
                e.u8(1);
                e.opt_u32(a.top);
                e.bool(a.per_category);
                match a.threshold {
                    Some(t) => {
                        e.u8(1);
                        e.f64(t);
                    }
                    None => e.u8(0),
                }
                e.opt_u32(a.max_per_agency);
                e.u8(match a.ties {
                    Ties::Include => 0,
                    Ties::Exclude => 1,
                });
            }
            _ => e.u8(0),
        }
    }
    e.finish()
}

/// SHA-256 of the canonical innovations, scores and judges. `inns` are the
/// innovations sorted by id, `judge_ids` the sorted judge ids, `recs` the
/// resolved scores (stage, innovation, judge, criterion, position), sorted
/// and each (stage, innovation, judge, criterion) once.
pub(crate) fn data_hash<S: ScoreSource + ?Sized>(
    comp: &Competition,
    judges: Option<&[Judge]>,
    scores: &S,
    inns: &[Innovation],
    judge_ids: &[String],
    recs: &[(u32, u32, u32, u32, u32)],
) -> [u8; 32] {
    let mut e = Enc::new();
    e.str("innovations");
    e.u64(inns.len() as u64);
    for x in inns {
        e.str(&x.id);
        e.bool(x.eligible);
        e.str(&x.agency);
        e.str(&x.category);
        let attrs: Vec<_> = x.attrs.iter().filter(|(_, a)| !a.text.is_empty()).collect();
        e.u64(attrs.len() as u64);
        for (k, a) in attrs {
            e.str(k);
            e.attr(a);
        }
    }
    e.str("scores");
    // Sorted by (stage id, innovation id, judge id, criterion id). `recs`
    // are sorted by (stage, innovation, judge, criterion) positions, and
    // innovation and judge indices already follow their ids; so the
    // records are walked stage by stage in id order, and within each sheet
    // (stage, innovation, judge; each criterion at most once) put in
    // criterion id order by their rank: no sort of all scores.
    let mut so: Vec<usize> = (0..comp.stages.len()).collect();
    so.sort_by(|&a, &b| comp.stages[a].id.cmp(&comp.stages[b].id));
    // Where each stage's records start (they are contiguous).
    let mut bounds = vec![0usize; comp.stages.len() + 1];
    for r in recs {
        bounds[r.0 as usize + 1] += 1;
    }
    for k in 0..comp.stages.len() {
        bounds[k + 1] += bounds[k];
    }
    e.u64(recs.len() as u64);
    // A resolved score's stage and criterion texts are the competition's
    // ids (found by equality): each is encoded once, and so is the
    // (stage, innovation, judge) head of each sheet.
    let enc = |s: &str| {
        let mut v = Vec::with_capacity(8 + s.len());
        v.extend_from_slice(&(s.len() as u64).to_le_bytes());
        v.extend_from_slice(s.as_bytes());
        v
    };
    let mut sheet: Vec<u32> = Vec::new();
    let mut head: Vec<u8> = Vec::new();
    for &k in &so {
        let st = &comp.stages[k];
        let mut o: Vec<usize> = (0..st.criteria.len()).collect();
        o.sort_by(|&a, &b| st.criteria[a].id.cmp(&st.criteria[b].id));
        let mut rank = vec![0usize; o.len()];
        for (x, &c) in o.iter().enumerate() {
            rank[c] = x;
        }
        let stage_enc = enc(&st.id);
        let crit_enc: Vec<Vec<u8>> = o.iter().map(|&c| enc(&st.criteria[c].id)).collect();
        let part = &recs[bounds[k]..bounds[k + 1]];
        let mut g = 0;
        while g < part.len() {
            let (ii, ji) = (part[g].1, part[g].2);
            let mut h = g;
            while h < part.len() && (part[h].1, part[h].2) == (ii, ji) {
                h += 1;
            }
            sheet.clear();
            sheet.resize(o.len(), u32::MAX);
            for r in &part[g..h] {
                sheet[rank[r.3 as usize]] = r.4;
            }
            head.clear();
            head.extend_from_slice(&stage_enc);
            let inn = &inns[ii as usize].id;
            head.extend_from_slice(&(inn.len() as u64).to_le_bytes());
            head.extend_from_slice(inn.as_bytes());
            let judge = &judge_ids[ji as usize];
            head.extend_from_slice(&(judge.len() as u64).to_le_bytes());
            head.extend_from_slice(judge.as_bytes());
            for (x, &pos) in sheet.iter().enumerate() {
                if pos == u32::MAX {
                    continue;
                }
                let v = scores.value(pos as usize);
                let v = if v == 0.0 { 0.0 } else { v };
                e.buf.extend_from_slice(&head);
                e.buf.extend_from_slice(&crit_enc[x]);
                e.buf.extend_from_slice(&v.to_bits().to_le_bytes());
                e.flush_if_full();
            }
            g = h;
        }
    }
    e.str("judges");
    match judges {
        None => e.u8(0),
        Some(js) => {
            e.u8(1);
            let mut js: Vec<_> = js.iter().collect();
            js.sort_by(|a, b| a.id.cmp(&b.id));
            e.u64(js.len() as u64);
            for j in js {
                e.str(&j.id);
                e.str(&j.name);
                e.str(&j.agency);
                let mut c: Vec<&str> = j
                    .conflicts
                    .iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect();
                c.sort_unstable();
                c.dedup();
                e.u64(c.len() as u64);
                for x in c {
                    e.str(x);
                }
            }
        }
    }
    e.finish()
}

/// The digest (hex) of a competition and data hash.
/// [`digest`] of inputs with plenary decisions (stage index, innovation
/// id, advances), in (stage, innovation id) order: without decisions the
/// same as [`digest`]; with some, the form goes on with the tag
/// `decisions`, their count and each decision (docs/digest.md).
pub(crate) fn digest_decided(
    c: &Competition,
    data: &[u8; 32],
    decisions: &[(usize, &str, bool)],
) -> String {
    if decisions.is_empty() {
        return digest(c, data);
    }
    let mut e = Enc::new();
    e.str(FORM);
    e.str(crate::ENGINE);
    e.bytes(&competition_hash(c));
    e.bytes(data);
    e.str("decisions");
    e.u64(decisions.len() as u64);
    for &(k, id, advance) in decisions {
        e.str(&c.stages[k].id);
        e.str(id);
        e.bool(advance);
    }
    hex(&e.finish())
}

pub(crate) fn digest(c: &Competition, data: &[u8; 32]) -> String {
    let mut e = Enc::new();
    e.str(FORM);
    e.str(crate::ENGINE);
    e.bytes(&competition_hash(c));
    e.bytes(data);
    hex(&e.finish())
}
