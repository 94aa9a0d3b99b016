//! kipp-formats
