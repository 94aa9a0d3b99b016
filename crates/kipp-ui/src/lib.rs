//! kipp-ui
