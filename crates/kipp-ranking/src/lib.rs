//! kipp-ranking
