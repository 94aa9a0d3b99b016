//! Statistics of §5: Kendall's τ-b, Spearman's ρ, Krippendorff's α.
