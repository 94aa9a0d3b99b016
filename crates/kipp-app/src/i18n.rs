//! Interface text: Bahasa Indonesia (default) and English.
//!
//! Every string is a field of [`Tr`], so a missing translation is a compile
//! error. The words follow the project's glossary (STYLE.md).

use kipp_ui::Lang;

macro_rules! texts {
    ($($key:ident : $id:expr, $en:expr;)*) => {
        /// All interface strings of one language.
        pub struct Tr { $(pub $key: &'static str,)* }
        /// Bahasa Indonesia.
        pub static ID: Tr = Tr { $($key: $id,)* };
        /// English.
        pub static EN: Tr = Tr { $($key: $en,)* };
    };
}

/// The strings of `lang`.
pub fn tr(lang: Lang) -> &'static Tr {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

texts! {
    app_title: "kipp — penilaian kompetisi inovasi", "kipp — innovation competition scoring";
    app_tagline: "Semua berkas diolah di peramban Anda; tidak ada yang dikirim ke server.",
        "Every file is processed in your browser; nothing is sent to a server.";
    skip: "Langsung ke isi", "Skip to content";
    lang_switch: "English", "Bahasa Indonesia";
    lang_switch_label: "Ganti bahasa ke English", "Switch language to Bahasa Indonesia";
    nav_label: "Menu utama", "Main menu";
    tab_start: "Mulai", "Start";
    tab_competition: "Kompetisi", "Competition";
    tab_results: "Hasil", "Results";
    tab_decisions: "Keputusan", "Decisions";
    tab_simulate: "Simulasi", "Simulation";
    tab_verify: "Verifikasi", "Verify";
    tab_export: "Ekspor", "Export";
    // start
    start_heading: "Mulai", "Start";
    current_work: "Pekerjaan saat ini", "Current work";
    synthetic_badge: "data sintetis", "synthetic data";
    synthetic_note: "Demo ini memakai data sintetis (buatan), bukan data kompetisi sungguhan.",
        "This demo uses synthetic (made-up) data, not a real competition.";
    open_demo: "Buka demo", "Open the demo";
    demo_heading: "Demo bawaan", "Built-in demo";
    demo_text: "Kompetisi inovasi tingkat kabupaten dengan data sintetis.",
        "A regency-level innovation competition with synthetic data.";
    presets_heading: "Mulai dari templat", "Start from a preset";
    presets_text: "Templat berisi tahap dan kriteria; data inovasi dan nilai diimpor kemudian.",
        "A preset holds stages and criteria; innovations and scores are imported afterwards.";
    import_heading: "Impor berkas", "Import files";
    import_text: "Pilih atau seret ke sini: competition.json, lalu inovasi, nilai dan juri (CSV, XLSX atau JSON), atau berkas proyek.",
        "Choose or drop here: competition.json, then innovations, scores and judges (CSV, XLSX or JSON), or a project file.";
    choose_files: "Pilih berkas…", "Choose files…";
    drop_here: "Lepaskan berkas di sini", "Drop the files here";
    counts: "Jumlah", "Counts";
    innovations: "Inovasi", "Innovations";
    judges: "Juri", "Judges";
    sheets: "Lembar penilaian", "Score sheets";
    scores_values: "Nilai", "Score values";
    stages: "Tahap", "Stages";
    // import
    preview_heading: "Pratinjau impor", "Import preview";
    preview_text: "Belum ada yang diganti. Periksa isinya lalu terapkan.",
        "Nothing has been replaced yet. Check the content, then apply.";
    file: "Berkas", "File";
    kind: "Jenis", "Kind";
    sheet: "Lembar kerja", "Worksheet";
    kind_competition: "kompetisi", "competition";
    kind_innovations: "inovasi", "innovations";
    kind_scores: "nilai", "scores";
    kind_judges: "juri", "judges";
    kind_project: "berkas proyek", "project file";
    kind_result: "hasil (untuk verifikasi)", "result (for verification)";
    kind_unknown: "tidak dikenal", "unknown";
    apply_import: "Terapkan impor", "Apply import";
    cancel: "Batal", "Cancel";
    kept_from_current: "tetap dari pekerjaan saat ini", "kept from the current work";
    errors_heading: "Berkas bermasalah — pekerjaan saat ini tidak diubah",
        "Problems in the files — the current work was not changed";
    line: "Baris", "Line";
    column: "Kolom", "Column";
    message: "Pesan", "Message";
    imported: "Impor diterapkan.", "Import applied.";
    no_competition: "Belum ada kompetisi: impor competition.json atau pilih templat.",
        "No competition yet: import competition.json or choose a preset.";
    // editor
    editor_heading: "Kompetisi", "Competition";
    comp_name: "Nama kompetisi", "Competition name";
    description: "Keterangan", "Description";
    stage: "Tahap", "Stage";
    stage_id: "Kode tahap", "Stage id";
    stage_name: "Nama tahap", "Stage name";
    add_stage: "Tambah tahap", "Add stage";
    remove_stage: "Hapus tahap", "Remove stage";
    criteria: "Kriteria", "Criteria";
    criterion: "Kriteria", "Criterion";
    crit_id: "Kode", "Id";
    crit_name: "Nama", "Name";
    weight: "Bobot", "Weight";
    weight_pct: "% dari total", "% of total";
    scale_min: "Skala min", "Scale min";
    scale_max: "Skala maks", "Scale max";
    add_criterion: "Tambah kriteria", "Add criterion";
    remove: "Hapus", "Remove";
    normalize: "Normalisasi penilai", "Judge normalisation";
    norm_none: "tanpa normalisasi", "none";
    norm_zscore: "skor-z per penilai", "z-score per judge";
    aggregate: "Gabungan nilai juri", "Aggregation over judges";
    agg_mean: "rata-rata", "mean";
    agg_median: "median", "median";
    agg_trimmed: "rata-rata terpangkas", "trimmed mean";
    min_judges: "Minimal juri", "Minimum judges";
    bonus_rules: "Nilai tambahan", "Bonus rules";
    bonus_points: "Poin", "Points";
    bonus_field: "Atribut", "Attribute";
    bonus_op: "Operator", "Operator";
    bonus_value: "Nilai pembanding", "Value";
    bonus_value_hint: "untuk 'in': pisahkan dengan |", "for 'in': separate with |";
    add_bonus: "Tambah aturan", "Add rule";
    combine: "Gabungan tahap", "Combine stages";
    combine_default: "hanya tahap ini (bobot 1)", "this stage alone (weight 1)";
    add_combine: "Tambah tahap gabungan", "Add combined stage";
    tie_break: "Penentu nilai sama", "Tie-break";
    add_tie_break: "Tambah penentu", "Add tie-break";
    tb_bonus: "nilai tambahan", "bonus";
    tb_raw: "nilai dasar", "raw score";
    advance: "Aturan lolos", "Advance rules";
    advance_on: "Ada pemotongan (aturan lolos)", "Cut-off applies (advance rules)";
    advance_off: "Tanpa pemotongan: semua yang berperingkat lolos.", "No cut-off: every ranked innovation advances.";
    top: "Kuota (top)", "Quota (top)";
    per_category: "Per kategori", "Per category";
    threshold: "Nilai ambang", "Threshold";
    max_per_agency: "Batas per instansi", "Cap per agency";
    ties: "Nilai sama di batas lolos", "Ties at the cut-off";
    ties_include: "ikut lolos semua", "include all";
    ties_exclude: "tidak ada yang lolos", "exclude all";
    empty_none: "kosong = tidak ada", "empty = none";
    valid: "Kompetisi valid.", "The competition is valid.";
    invalid: "Kompetisi belum valid:", "The competition is not valid yet:";
    not_a_number: "bukan angka", "not a number";
    // results
    results_heading: "Hasil penilaian", "Results";
    rank: "Peringkat", "Rank";
    title: "Judul", "Title";
    unit: "Unit penyelenggara", "Unit";
    agency: "Perangkat daerah", "Agency";
    category: "Kategori", "Category";
    score: "Nilai", "Score";
    raw: "Nilai dasar", "Raw";
    bonus: "Nilai tambahan", "Bonus";
    status: "Status", "Status";
    advanced: "lolos", "advances";
    not_advanced: "tidak lolos", "does not advance";
    tie_at_cutoff: "nilai sama di batas lolos", "tie at the cut-off";
    incomplete: "penilaian belum lengkap", "incomplete";
    search: "Cari", "Search";
    search_ph: "judul, unit, perangkat daerah, kode", "title, unit, agency, id";
    filter: "Saring", "Filter";
    all: "Semua", "All";
    no_data: "Tidak ada data.", "No data.";
    warnings: "Peringatan tahap ini", "Warnings of this stage";
    no_warnings: "Tidak ada peringatan.", "No warnings.";
    shown_of: "ditampilkan dari", "shown of";
    table_keys: "Di dalam tabel: ↑ ↓ pindah baris, Page Up/Page Down satu layar, Home/End baris pertama/terakhir.",
        "In the table: ↑ ↓ move between rows, Page Up/Page Down one screen, Home/End first/last row.";
    close: "Tutup", "Close";
    sliders_heading: "Coba bobot lain", "Try other weights";
    sliders_text: "Geser bobot: peringkat dihitung ulang seketika. Kompetisi tidak berubah sampai Anda menerapkannya.",
        "Move a weight: the ranking is recomputed at once. The competition does not change until you apply it.";
    apply_weights: "Terapkan bobot ke kompetisi", "Apply weights to the competition";
    reset_weights: "Kembalikan bobot", "Reset weights";
    whatif_active: "Peringkat di bawah memakai bobot percobaan.", "The ranking below uses trial weights.";
    whatif_moves_fmt: "Dengan bobot percobaan, {m} dari {r} inovasi berpindah peringkat; {e} masuk dan {l} keluar dari yang lolos ({a} lolos).",
        "With the trial weights, {m} of {r} innovations change rank; {e} enter and {l} leave the advancing list ({a} advance).";
    whatif_entered: "Masuk", "Enter";
    whatif_left: "Keluar", "Leave";
    whatif_zero: "Semua bobot tahap ini 0: tidak ada yang bisa diperingkat. Tabel menampilkan peringkat resmi.",
        "Every weight of this stage is 0: there is nothing to rank by. The table shows the official ranking.";
    whatif_no_apply: "Bobot 0 tidak dapat disimpan ke kompetisi (bobot kriteria harus > 0). Untuk membuang kriteria, hapus di tab Kompetisi.",
        "A weight of 0 cannot be saved into the competition (criterion weights must be > 0). To drop a criterion, remove it on the Competition tab.";
    weight_of: "Bobot", "Weight";
    col_move: "Gerak", "Move";
    move_up_fmt: "naik {n} peringkat", "up {n} places";
    move_down_fmt: "turun {n} peringkat", "down {n} places";
    move_same: "peringkat sama", "same rank";
    status_entered: "masuk daftar lolos", "enters the advancing list";
    status_left: "keluar dari daftar lolos", "leaves the advancing list";
    filter_changed: "Berubah status (percobaan)", "Status changed (trial)";
    cannot_rank: "Peringkat belum dapat dihitung:", "The ranking cannot be computed yet:";
    digest: "Sidik (SHA-256)", "Digest (SHA-256)";
    // detail
    detail_heading: "Mengapa nilai ini?", "Why this score?";
    judge: "Juri", "Judge";
    value_normalised: "setelah normalisasi", "normalised";
    aggregated: "gabungan", "aggregated";
    scaled: "skala 0–100", "0–100 scale";
    conflict: "konflik kepentingan", "conflict of interest";
    matched_rules: "Aturan nilai tambahan yang cocok", "Matched bonus rules";
    none: "tidak ada", "none";
    combine_terms: "Gabungan tahap", "Stage combination";
    explain_na: "Rincian belum tersedia.", "No explanation available.";
    // decisions
    decisions_heading: "Keputusan rapat pleno", "Panel decisions";
    decisions_text: "Rapat pleno dapat meloloskan atau tidak meloloskan inovasi berbeda dari rekomendasi perhitungan. Alasan wajib diisi; rekomendasi dan keputusan sama-sama ditampilkan dan ikut diekspor.",
        "The plenary may advance or drop an innovation against the computed recommendation. A reason is required; both the recommendation and the decision stay visible and go into the exports.";
    recommendation: "Rekomendasi", "Recommendation";
    decision: "Keputusan", "Decision";
    reason: "Alasan", "Reason";
    reason_required: "Alasan wajib diisi.", "A reason is required.";
    decide_advance: "loloskan", "advance";
    decide_drop: "jangan loloskan", "drop";
    save_decision: "Simpan keputusan", "Save decision";
    revoke: "Cabut", "Revoke";
    audit: "Catatan perubahan", "Audit list";
    time: "Waktu", "Time";
    revoked: "dicabut", "revoked";
    no_decisions: "Belum ada keputusan.", "No decisions yet.";
    // verify
    verify_heading: "Verifikasi hasil terbitan", "Verify a published result";
    verify_text: "Muat hasil JSON yang diterbitkan. Hasil dihitung ulang dari data pekerjaan saat ini (impor data yang diterbitkan lebih dahulu), lalu sidik dan setiap peringkat dibandingkan.",
        "Load the published result JSON. The result is recomputed from the current work's inputs (import the published inputs first), then the digest and every rank are compared.";
    choose_result: "Pilih hasil JSON…", "Choose result JSON…";
    verify_ok: "Cocok: sidik, setiap nilai, peringkat, status lolos, pemenang dan peringatan sama.", "Match: the digest, every score, rank, advancing status, the winners and the warnings are the same.";
    verify_counts_fmt: "{i} inovasi, {s} tahap, {r} baris, {d} keputusan panel", "{i} innovations, {s} stages, {r} rows, {d} panel decisions";
    verify_decisions_differ: "Keputusan panel dalam berkas berbeda dari keputusan di proyek ini; hasil dihitung ulang dengan keputusan dalam berkas.", "The file's panel decisions differ from this project's; the result was recomputed with the file's decisions.";
    category_rank_word: "Peringkat kategori", "Category rank";
    winners_word: "Pemenang", "Winners";
    row_word: "Baris", "Row";
    advanced_word: "Lolos", "Advanced";
    verify_bad: "Tidak cocok:", "Does not match:";
    digest_differs: "Sidik berbeda", "The digest differs";
    expected: "Terbitan", "Published";
    actual: "Dihitung ulang", "Recomputed";
    field: "Isian", "Field";
    // export
    export_heading: "Ekspor", "Export";
    export_csv: "Hasil CSV", "Results CSV";
    export_xlsx: "Hasil XLSX (satu lembar per tahap)", "Results XLSX (a sheet per stage)";
    export_json: "Hasil JSON dengan sidik", "Result JSON with digest";
    export_competition: "Berkas kompetisi", "Competition file";
    export_nominees: "Berkas nominasi (widget)", "Nominees file (widget)";
    export_ranking: "Berkas peringkat terbitan (widget)", "Published ranking file (widget)";
    participation: "Partisipasi", "Participation";
    innovations_count: "Jumlah inovasi", "Innovations";
    export_summary: "Ringkasan partisipasi (widget)", "Participation summary (widget)";
    site_address: "Alamat situs kipp (https://…/)", "The kipp site's address (https://…/)";
    site_hint: "Untuk halaman sematan: tempel alamatnya ke WordPress (peran apa pun, tanpa plugin) atau CMS lain yang mengenal oEmbed. ZIP berisi berkas data, halamannya dan berkas oEmbed; unggah ketiganya ke folder situs itu.",
        "For embed pages: paste their address into WordPress (any role, no plugin) or another oEmbed-aware CMS. The ZIP holds the data file, its page and its oEmbed file; upload all three to that site's folder.";
    export_nominees_page: "Nominasi + halaman sematan (ZIP)", "Nominees + embed page (ZIP)";
    export_ranking_page: "Peringkat + halaman sematan (ZIP)", "Ranking + embed page (ZIP)";
    project_heading: "Berkas proyek", "Project file";
    project_text: "Simpan seluruh pekerjaan (data, kompetisi, keputusan) ke satu berkas untuk dibuka di komputer lain.",
        "Save the whole work (data, competition, decisions) to one file to open on another computer.";
    save_project: "Simpan proyek", "Save project";
    open_project: "Buka proyek…", "Open project…";
    publisher: "Penerbit", "Publisher";
    level: "Tingkat", "Level";
    year: "Tahun", "Year";
    result_label: "Capaian", "Achievement";
    publish_heading: "Untuk widget", "For the widget";
    downloaded: "Berkas diunduh:", "File downloaded:";
    decisions_in_export: "Keputusan rapat pleno ikut dalam ekspor.", "Panel decisions are included in the exports.";
    // storage
    restored: "Pekerjaan dipulihkan dari simpanan otomatis.", "Work restored from autosave.";
    // simulate
    sim_heading: "Simulasi kekokohan peringkat", "Ranking robustness simulation";
    sim_draws: "Jumlah undian", "Draws";
    sim_seed: "Benih acak", "Seed";
    sim_kappa: "Kappa (sebaran bobot)", "Kappa (weight spread)";
    sim_resample: "Undi ulang lembar juri", "Resample judges' sheets";
    sim_run: "Jalankan simulasi", "Run simulation";
    sim_cancel: "Hentikan", "Cancel";
    sim_progress: "Kemajuan simulasi", "Simulation progress";
    sim_cancelled: "Simulasi dihentikan.", "Simulation cancelled.";
    sim_draws_unit: "undian", "draws";
    about: "sekitar", "about";
    seconds_left: "detik lagi", "seconds left";
    minutes_left: "menit lagi", "minutes left";
    sim_on_page: "Perhitungan berjalan di halaman ini (lebih lambat): pekerja latar tidak tersedia",
        "Computed in this page (slower): no background worker";
    sim_download: "Unduh hasil simulasi (JSON)", "Download the simulation result (JSON)";
    p_advance: "Peluang lolos", "Probability of advancing";
    rank_interval: "Rentang peringkat (5–95%)", "Rank interval (5–95%)";
    mean_rank: "Rata-rata peringkat", "Mean rank";
    judges_heading: "Kecenderungan penilai dan kesepakatan", "Judge leniency and agreement";
    judges_running: "Menghitung kecenderungan penilai dan kesepakatan…", "Computing judge leniency and agreement…";
    leniency: "Kecenderungan (+ murah, − ketat)", "Leniency (+ lenient, − strict)";
    agreement: "Kesepakatan antarpenilai (α)", "Agreement between judges (α)";
    loo: "Tanpa satu juri: status lolos berubah", "Leave one judge out: advancing changed";
    scenario: "Skenario", "Scenario";
    scenarios_heading: "Skenario", "Scenarios";
    scenarios_text: "Simpan varian kompetisi (bobot lain, agregasi lain, z-score hidup atau mati) dan bandingkan dua di antaranya, seperti `kipp compare`. Kompetisi tidak berubah sampai sebuah skenario dijadikan kompetisi, dengan alasan yang tercatat.",
        "Keep variants of the competition (other weights, another aggregation, z-score on or off) and compare two of them, as `kipp compare` does. The competition does not change until a scenario is made the competition, with a recorded reason.";
    scenario_name: "Nama skenario", "Scenario name";
    scenario_save: "Simpan sebagai skenario", "Save as a scenario";
    scenario_save_hint: "Menyimpan bobot percobaan (atau bobot kompetisi bila tidak ada percobaan) sebagai skenario bernama.",
        "Saves the trial weights (or the competition's weights when there is no trial) as a named scenario.";
    scenario_none: "Belum ada skenario. Simpan bobot percobaan di tab Hasil, atau simpan kompetisi saat ini lalu ubah agregasinya di sini.",
        "No scenario yet. Save trial weights on the Results tab, or save the current competition and change its aggregation here.";
    scenario_official: "Kompetisi (resmi)", "Competition (official)";
    scenario_delete: "Hapus", "Delete";
    scenario_same: "sama dengan kompetisi", "same as the competition";
    scenario_weights: "bobot", "weights";
    scenario_aggregate: "agregasi", "aggregation";
    scenario_normalize: "normalisasi", "normalisation";
    scenario_compare: "Bandingkan", "Compare";
    scenario_a: "Skenario A", "Scenario A";
    scenario_b: "Skenario B", "Scenario B";
    scenario_promote: "Jadikan kompetisi", "Make it the competition";
    scenario_reason: "Alasan (dicatat di daftar jejak)", "Reason (kept in the audit list)";
    scenario_promoted: "dijadikan kompetisi", "made the competition";
    scenario_saved_fmt: "Skenario «{n}» disimpan.", "Scenario “{n}” saved.";
    scenario_promoted_fmt: "Skenario «{n}» kini menjadi kompetisi; alasannya tercatat di tab Keputusan.",
        "Scenario “{n}” is now the competition; the reason is in the audit list on the Decisions tab.";
    scenario_empty_name: "Beri nama skenario.", "Give the scenario a name.";
    scenario_duplicate_fmt: "Nama «{n}» sudah dipakai.", "The name “{n}” is taken.";
    scenario_zero: "Bobot 0 tidak dapat menjadi bagian kompetisi: ubah ke lebih dari 0 dulu.", "A weight of 0 cannot be part of a competition: set it above 0 first.";
    scenario_needs_reason: "Tulis alasan sebelum menjadikan skenario sebagai kompetisi.", "Write a reason before making a scenario the competition.";
    cmp_tau: "Kendall τ-b", "Kendall τ-b";
    cmp_rho: "Spearman ρ", "Spearman ρ";
    cmp_entered: "Masuk di B", "Enter in B";
    cmp_left: "Keluar di B", "Leave in B";
    cmp_reading: "1 = urutan sama persis; 0 = tidak berkaitan.", "1 = exactly the same order; 0 = unrelated.";
    cmp_slope_desc: "Setiap garis menghubungkan peringkat sebuah inovasi di A (kiri) dengan peringkatnya di B (kanan); hanya inovasi yang lolos di A atau B.",
        "Each line joins an innovation's rank in A (left) to its rank in B (right); only innovations that advance in A or B.";
    cmp_failed: "Perbandingan tidak dapat dihitung:", "The comparison cannot be computed:";
    help_draws: "Berapa kali bobot diundi ulang. 1.000 cukup untuk gambaran; 10.000 untuk angka yang dilaporkan.",
        "How many times the weights are drawn again. 1,000 gives the picture; 10,000 for figures you report.";
    help_seed: "Bilangan awal pengacak: benih yang sama memberi hasil yang sama persis, di perangkat mana pun (juga `kipp simulate`).",
        "The random generator's starting number: the same seed gives exactly the same result on any device (and in `kipp simulate`).";
    help_kappa: "Seberapa jauh bobot boleh bergeser dari bobot resmi: makin besar, makin dekat (50: sedang; 10: jauh; 500: dekat).",
        "How far the weights may wander from the official ones: the larger, the closer (50: moderate; 10: far; 500: close).";
    help_resample: "Juga mengundi ulang lembar penilaian setiap inovasi (dengan pengembalian): seolah-olah juri lain yang menilai.",
        "Also draws each innovation's score sheets again (with replacement): as if other judges had scored.";
    find_heading: "Temuan", "Findings";
    find_kept_fmt: "Dalam {d} undian bobot yang masuk akal, rata-rata {k} dari {n} inovasi yang lolos tetap lolos.",
        "In {d} draws of plausible weights, on average {k} of the {n} advancing innovations still advance.";
    find_secure_fmt: "{s} dari {n} lolos di sedikitnya 95% undian; {u} inovasi di sekitar batas tidak pasti (lolos di 5–95% undian).",
        "{s} of the {n} advance in at least 95% of draws; {u} innovations near the cut-off are uncertain (advance in 5–95% of draws).";
    find_robust: "Daftar lolos tahap ini kokoh terhadap perubahan bobot seperti ini.",
        "This stage's advancing list holds up against weight changes like these.";
    find_challengers_fmt: "{c} inovasi yang tidak lolos masuk daftar lolos di sedikitnya 5% undian.",
        "{c} innovations that do not advance enter the list in at least 5% of draws.";
    find_fragile_fmt: "{f} inovasi yang lolos hampir tidak pernah lolos dalam undian (≤ 5%): periksa bobot dan nilainya.",
        "{f} advancing innovations almost never advance in the draws (≤ 5%): check their weights and scores.";
    find_none_advance: "Tahap ini tidak meloloskan siapa pun: tidak ada daftar lolos yang diuji.",
        "This stage advances nobody: there is no advancing list to test.";
    uncertain_heading: "Tidak pasti (lolos di 5–95% undian), yang lolos resmi lebih dulu",
        "Uncertain (advance in 5–95% of draws), officially advancing first";
    official_status: "Status resmi", "Official status";
    official_rank: "Peringkat resmi", "Official rank";
    plot_window_fmt: "Peringkat {a}–{b} di sekitar batas lolos (peringkat {n}).", "Ranks {a}–{b} around the cut-off (rank {n}).";
    plot_all: "Tampilkan semua", "Show all";
    plot_window: "Hanya di sekitar batas", "Only around the cut-off";
    plot_cutoff: "batas lolos", "cut-off";
    plot_desc: "Garis: rentang peringkat 5–95% dalam undian; titik: median; angka di kanan: peluang lolos. Garis putus-putus: batas lolos.",
        "Line: the rank interval (5–95%) over the draws; dot: the median; number on the right: the probability of advancing. Dashed line: the cut-off.";
    loo_fmt: "Tanpa juri {j}, {n} inovasi berubah status lolos.", "Without judge {j}, {n} innovations change their advancing status.";
    loo_none: "Tanpa juri mana pun (satu per satu), tidak ada inovasi yang berubah status lolos.",
        "Removing any one judge changes nobody's advancing status.";
    lenient_fmt: "Paling murah: {j} ({x} poin di atas juri lain, skala 0–100).", "Most lenient: {j} ({x} points above the others, 0–100 scale).";
    strict_fmt: "Paling ketat: {j} ({x} poin di bawah juri lain).", "Strictest: {j} ({x} points below the others).";
    alpha_weak_fmt: "Kesepakatan lemah (α < 0,667) pada {n} kriteria: {c}. Nilai kriteria itu lebih banyak bergantung pada siapa jurinya; pertimbangkan kalibrasi juri atau lebih banyak juri per inovasi.",
        "Weak agreement (α < 0.667) on {n} criteria: {c}. Those criteria's scores depend more on who judged; consider calibrating the judges or more judges per innovation.";
    alpha_ok: "Kesepakatan antarpenilai memadai (α ≥ 0,667) pada setiap kriteria yang dapat dihitung.",
        "Agreement between judges is adequate (α ≥ 0.667) on every criterion where it can be computed.";
    alpha_reliable: "andal", "reliable";
    alpha_tentative: "cukup", "tentative";
    alpha_weak: "lemah", "weak";
    alpha_unknown: "tak terhitung", "not computable";
    loading: "memuat…", "loading…";
    failed: "gagal memuat", "failed to load";
    xlsx_loading: "Memuat modul XLSX…", "Loading the XLSX module…";
    xlsx_failed: "Modul XLSX gagal dimuat, jadi berkas .xlsx ini belum dibaca dan tidak ada yang berubah. Periksa sambungan internet, muat ulang halaman, lalu impor berkas ini lagi (atau simpan lembarnya sebagai CSV UTF-8).",
        "The XLSX module failed to load, so this .xlsx file was not read and nothing changed. Check the internet connection, reload the page, then import the file again (or save its sheets as CSV UTF-8).";
    xlsx_write_failed: "modul XLSX gagal dimuat; muat ulang halaman saat tersambung ke internet, lalu ekspor lagi",
        "the XLSX module failed to load; reload the page while online, then export again";
    project_name: "Nama proyek", "Project name";
    projects_heading: "Proyek tersimpan", "Saved projects";
    projects_text: "Setiap perubahan langsung disimpan di peramban ini (IndexedDB). Demo dan templat selalu dibuka sebagai proyek baru; pekerjaan Anda tidak pernah ditimpa.",
        "Every change is saved at once in this browser (IndexedDB). The demo and the presets always open as new projects; your work is never overwritten.";
    last_change: "Perubahan terakhir", "Last change";
    size: "Ukuran", "Size";
    actions: "Tindakan", "Actions";
    open: "Buka", "Open";
    open_now: "sedang dibuka", "open now";
    delete: "Hapus", "Delete";
    delete_project_q: "Hapus proyek", "Delete the project";
    delete_project_note: "Proyek dan semua keputusannya dihapus dari peramban ini; ekspor berkas proyek dulu bila ingin menyimpannya.",
        "The project and all its decisions are removed from this browser; export the project file first to keep a copy.";
    new_project: "Proyek baru (kosong)", "New project (empty)";
    duplicate_project: "Duplikat proyek ini", "Duplicate this project";
    changes_heading: "Yang berubah per juri dan tahap", "What changes per judge and stage";
    times: "kali", "times";
    also_at: "juga di", "also at";
    more_places: "lainnya", "more";
    sheet_reading: "Cara membaca lembar nilai", "How the score sheets are read";
    sheet_reading_text: "Periksa juri, tahap dan kolom setiap lembar. Pilihan kolom diingat dalam proyek untuk lembar berikutnya.",
        "Check each sheet's judge, stage and columns. Column choices are remembered in the project for the next sheets.";
    columns_of: "Kolom", "Columns";
    column_header: "Judul kolom", "Column header";
    read_as: "Dibaca sebagai", "Read as";
    column_auto: "otomatis", "automatic";
    column_ignore: "tidak dibaca", "not read";
    key_column: "kunci", "key";
    as_in_sheet: "sesuai lembar", "as in the sheet";
    judge_of_sheet: "Juri lembar ini", "This sheet's judge";
    stage_of_sheet: "Tahap lembar ini", "This sheet's stage";
    several: "beberapa", "several";
    values_changed: "nilai berubah", "values changed";
    values_new: "nilai baru", "new values";
    values_removed: "nilai dihapus", "values removed";
    values_same: "tetap", "unchanged";
    orphan_decisions: "Keputusan panel yang inovasinya tidak ada lagi di data (tetap disimpan, periksa di Keputusan)",
        "Panel decisions whose innovation is no longer in the data (kept; check them under Decisions)";
    undo: "Urungkan", "Undo";
    redo: "Ulangi", "Redo";
    undo_hint: "Ctrl+Z", "Ctrl+Z";
    redo_hint: "Ctrl+Y", "Ctrl+Y";
    undone: "Perubahan terakhir diurungkan.", "The last change was undone.";
    redone: "Perubahan diulangi.", "The change was redone.";
    new_project_made: "Proyek baru dibuka", "New project opened";
    deleted: "Proyek dihapus", "Project deleted";
    saving: "Menyimpan…", "Saving…";
    saved: "Tersimpan", "Saved";
    save_failed: "Gagal menyimpan; salinan tersimpan sebelumnya tetap utuh. Ekspor berkas proyek agar tidak ada yang hilang.",
        "Saving failed; the copy saved before is untouched. Export the project file so nothing is lost.";
    tab_progress: "Lembar nilai", "Score sheets";
    tab_admin: "Administrasi", "Eligibility";
    tab_report: "Laporan", "Report";
    report_heading: "Laporan resmi", "Official report";
    report_text: "Berita acara penilaian per tahap dan lampiran SK (daftar pemenang) untuk dicetak atau disimpan sebagai PDF, lalu ditandatangani Tim Penilai. Isian di bawah disimpan dalam proyek.",
        "The minutes of each stage and the attachment of the decree (the winners) to print or save as PDF, then sign by the Tim Penilai. The fields below are kept in the project.";
    report_place: "Tempat", "Place";
    report_date: "Tanggal", "Date";
    report_body: "Tim penilai", "Assessing body";
    report_body_default: "Tim Penilai", "the Tim Penilai";
    report_chair: "Ketua Tim Penilai", "Chair of the Tim Penilai";
    report_member: "Anggota", "Member";
    report_decree: "Nomor SK", "Decree number";
    report_which: "Isi laporan", "Report on";
    report_all: "Seluruh kompetisi (semua tahap dan pemenang)", "The whole competition (every stage and the winners)";
    print: "Cetak", "Print";
    save_report: "Unduh untuk disunting (HTML: Word, LibreOffice)", "Download to edit (HTML: Word, LibreOffice)";
    print_hint: "Pilih \"Simpan sebagai PDF\" di jendela cetak untuk berkas PDF. Berkas HTML dapat dibuka dan disunting di Word atau LibreOffice Writer sebelum ditandatangani.", "Choose \"Save as PDF\" in the print dialog for a PDF file. The HTML file opens in Word or LibreOffice Writer for editing before signing.";
    report_minutes: "BERITA ACARA PENILAIAN", "MINUTES OF THE ASSESSMENT";
    report_annex: "LAMPIRAN SURAT KEPUTUSAN", "ATTACHMENT TO THE DECREE";
    report_winners_title: "Daftar inovasi terpilih", "Innovations selected in";
    report_opening_fmt: "Pada tanggal {date}, bertempat di {place}, {body} telah melaksanakan penilaian tahap {stage} {competition}. Sebanyak {n} inovasi dinilai dan {a} inovasi dinyatakan lolos, dengan hasil sebagai berikut.",
        "On {date}, at {place}, {body} assessed the stage {stage} of {competition}. {n} innovations were assessed and {a} were declared to advance, as follows.";
    report_rules: "Cara penilaian", "How it was scored";
    report_ranking: "Peringkat", "Ranking";
    report_ties: "Nilai sama di batas lolos", "Ties at the cut-off";
    report_excluded: "Lembar penilaian yang dikeluarkan karena konflik kepentingan (juri / inovasi)", "Score sheets set aside for a conflict of interest (judge / innovation)";
    report_made: "Dibuat dengan kipp pada", "Made with kipp on";
    number_short: "No.", "No.";
    title_word: "Judul inovasi", "Innovation";
    unit_agency: "Unit / perangkat daerah", "Unit / agency";
    scale: "Skala", "Scale";
    admin_heading: "Seleksi administrasi", "Administrative check";
    admin_text: "Setiap inovasi dengan hasil seleksi administrasinya: dari berkas inovasi (kolom eligible, alasan dari kolom seperti \"alasan\" atau \"keterangan\") atau diubah di sini dengan alasan yang tercatat di daftar riwayat. Inovasi yang tidak memenuhi syarat tidak dinilai di tahap pertama.",
        "Every innovation with its administrative check: from the innovations file (the eligible column, the reason from a column such as \"alasan\" or \"keterangan\") or changed here with a reason recorded in the audit list. Ineligible innovations are not ranked in the first stage.";
    admin_empty: "Belum ada inovasi: impor berkas inovasi di Mulai.", "No innovations yet: import an innovations file on Start.";
    admin_counts_fmt: "{a} inovasi: {e} memenuhi syarat, {n} tidak memenuhi syarat ({c} diubah di sini).",
        "{a} innovations: {e} eligible, {n} not eligible ({c} changed here).";
    eligible_yes: "memenuhi syarat", "eligible";
    eligible_no: "tidak memenuhi syarat", "not eligible";
    eligibility: "Hasil seleksi", "Eligibility";
    in_file: "Menurut berkas", "In the file";
    changed_by_officer: "diubah", "changed";
    change_eligibility: "Ubah", "Change";
    make_eligible: "Nyatakan memenuhi syarat", "Make eligible";
    make_ineligible: "Nyatakan tidak memenuhi syarat", "Make not eligible";
    eligibility_saved: "Hasil seleksi administrasi diubah.", "Eligibility changed.";
    show: "Tampilkan", "Show";
    show_more: "Tampilkan lebih banyak", "Show more";
    rows_shown_fmt: "{s} dari {t} baris ditampilkan.", "{s} of {t} rows shown.";
    ineligible_heading: "Tidak memenuhi syarat administrasi", "Not eligible (administrative check)";
    progress_heading: "Lembar nilai juri", "Judges' score sheets";
    progress_text: "Kirim setiap juri templat lembar nilainya (inovasi yang harus dinilai, tanpa konflik kepentingan; sel dibatasi pada skala). Lembar yang kembali cukup dijatuhkan di Mulai; tabel ini menunjukkan siapa yang masih kurang.",
        "Send every judge their score-sheet template (the innovations to score, conflicts of interest left out; cells limited to the scale). Drop the returned sheets on Start; this table shows who still owes what.";
    entrants: "Peserta tahap", "Entrants";
    entrants_unknown: "Peserta tahap ini baru diketahui setelah tahap sebelumnya diperingkat.", "This stage's entrants are known once the stage before is ranked.";
    download_templates: "Unduh templat semua juri (ZIP)", "Download every judge's template (ZIP)";
    expected_sheets: "Lembar diharapkan", "Sheets expected";
    expected_note: "Lembar diharapkan: semua peserta tahap tanpa konflik kepentingan juri itu (setiap juri menilai semua). Bila juri dibagi per panel, pegangan yang tepat adalah daftar inovasi yang kurang dari jumlah juri minimal.",
        "Sheets expected: every entrant of the stage without a conflict of interest for that judge (every judge scores all). When judges are split into panels, the list of innovations short of the minimum number of judges is the one to follow.";
    received_sheets: "Diterima", "Received";
    incomplete_sheets: "Belum lengkap", "Incomplete";
    out_of_range: "Nilai di luar skala", "Values out of range";
    still_owes: "masih kurang", "still owes";
    sheets_word: "lembar", "sheets";
    short_of_judges: "Inovasi yang lembar nilainya belum cukup", "Innovations short of sheets";
    min_judges_word: "minimal", "minimum";
}
