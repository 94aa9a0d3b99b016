//! kipp-widget
