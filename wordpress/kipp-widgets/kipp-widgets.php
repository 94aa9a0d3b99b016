<?php
/**
 * Plugin Name:       kipp — Nominasi dan Peringkat KIPP
 * Plugin URI:        https://github.com/kipp-id/kipp
 * Description:       Menampilkan nominasi Kompetisi Inovasi Pelayanan Publik dan peringkat yang diterbitkan, dengan blok, shortcode, dan unggahan berkas data yang diperiksa. Shows KIPP nominees and published rankings: blocks, shortcodes and checked data uploads.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            kipp
 * License:           MIT OR Apache-2.0
 * Text Domain:       kipp-widgets
 *
 * @package KippWidgets
 */

defined( 'ABSPATH' ) || exit;

define( 'KIPP_WIDGETS_VERSION', '0.1.0' );
define( 'KIPP_WIDGETS_DIR', __DIR__ );
define( 'KIPP_WIDGETS_FILE', __FILE__ );

require_once __DIR__ . '/includes/assets.php';
require_once __DIR__ . '/includes/data.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/media.php';

add_action( 'init', 'kipp_widgets_register_assets' );
add_action( 'init', 'kipp_widgets_register_blocks' );
add_action( 'init', 'kipp_widgets_register_shortcodes' );
