//! kipp-app
