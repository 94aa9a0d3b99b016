//! The administrative check (seleksi administrasi): every innovation with
//! its eligibility as the innovations file gives it and as the officer set
//! it, and the reason when it is not eligible.

use kipp_score::Innovation;

use crate::import::norm;
use crate::project::Project;

/// Headers of an innovations file's column that holds why an innovation is
/// not eligible (normalised: lower case, letters and digits).
const REASON_COLUMNS: [&str; 10] = [
    "reason",
    "ineligiblereason",
    "eligiblereason",
    "alasan",
    "alasantidaklolos",
    "alasantidakmemenuhisyarat",
    "alasantms",
    "keterangan",
    "keteranganadministrasi",
    "catatanadministrasi",
];

/// The reason an innovations file gives for an innovation's eligibility
/// (a column named like `alasan` or `keterangan`), when filled in.
pub fn file_reason(i: &Innovation) -> Option<&str> {
    i.attrs
        .iter()
        .find(|(k, v)| REASON_COLUMNS.contains(&norm(k).as_str()) && !v.text.trim().is_empty())
        .map(|(_, v)| v.text.trim())
}

/// One innovation at the administrative check.
#[derive(Clone, Debug, PartialEq)]
pub struct AdminRow<'a> {
    /// The innovation.
    pub innovation: &'a Innovation,
    /// Eligible as the innovations file says.
    pub file_eligible: bool,
    /// Eligible now (the officer's setting over the file's).
    pub eligible: bool,
    /// Why, when the officer changed it; else the file's reason.
    pub reason: Option<&'a str>,
    /// The officer changed it (when, ISO 8601).
    pub changed_at: Option<&'a str>,
}

/// Which rows the screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AdminFilter {
    /// Every innovation.
    #[default]
    All,
    /// Eligible now.
    Eligible,
    /// Not eligible now.
    Ineligible,
    /// Changed by the officer.
    Changed,
}

/// Every innovation in file order, with its eligibility.
pub fn rows(p: &Project) -> Vec<AdminRow<'_>> {
    p.inputs
        .innovations
        .iter()
        .map(|i| {
            let set = p.inputs.eligibility.get(&i.id);
            AdminRow {
                innovation: i,
                file_eligible: i.eligible,
                eligible: set.map(|e| e.eligible).unwrap_or(i.eligible),
                reason: set.map(|e| e.reason.as_str()).or_else(|| file_reason(i)),
                changed_at: set.map(|e| e.at.as_str()),
            }
        })
        .collect()
}

impl AdminRow<'_> {
    /// Shown under `f` with search text `q` (lower case; id, title, unit,
    /// agency).
    pub fn shown(&self, f: AdminFilter, q: &str) -> bool {
        let by_filter = match f {
            AdminFilter::All => true,
            AdminFilter::Eligible => self.eligible,
            AdminFilter::Ineligible => !self.eligible,
            AdminFilter::Changed => self.changed_at.is_some(),
        };
        let i = self.innovation;
        by_filter
            && (q.is_empty()
                || [&i.id, &i.title, &i.unit, &i.agency]
                    .iter()
                    .any(|s| s.to_lowercase().contains(q)))
    }
}

/// (eligible, not eligible, changed by the officer).
pub fn counts(p: &Project) -> (usize, usize, usize) {
    let r = rows(p);
    let e = r.iter().filter(|x| x.eligible).count();
    (e, r.len() - e, p.inputs.eligibility.len())
}
