<?php
/**
 * Data files in the Media Library. WordPress refuses `.json` for every
 * role; this allows it for users who may upload files, and only for files
 * that are kipp data files (checked before they are stored).
 *
 * @package KippWidgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * Adds `.json` to the allowed types for users who can upload.
 *
 * @param array $mimes Extension => MIME type.
 * @return array
 */
function kipp_widgets_mimes( $mimes ) {
	if ( current_user_can( 'upload_files' ) ) {
		$mimes['json'] = 'application/json';
	}
	return $mimes;
}
add_filter( 'upload_mimes', 'kipp_widgets_mimes' );

/**
 * WordPress sniffs a `.json` file as `text/plain`: accept it as JSON when
 * the name says so (its content is checked in the prefilter).
 *
 * @param array  $data     Type check result.
 * @param string $file     Full path to the file.
 * @param string $filename The file's name.
 * @return array
 */
function kipp_widgets_check_filetype( $data, $file, $filename ) {
	if ( current_user_can( 'upload_files' ) && preg_match( '/\.json$/i', (string) $filename ) ) {
		$data['ext']  = 'json';
		$data['type'] = 'application/json';
	}
	return $data;
}
add_filter( 'wp_check_filetype_and_ext', 'kipp_widgets_check_filetype', 10, 3 );

/**
 * Refuses a `.json` upload that is not a valid kipp data file, with the
 * reason shown to the user.
 *
 * @param array $file The upload (`name`, `tmp_name`, `error`, …).
 * @return array
 */
function kipp_widgets_check_upload( $file ) {
	if ( empty( $file['name'] ) || ! preg_match( '/\.json$/i', (string) $file['name'] ) || ! empty( $file['error'] ) ) {
		return $file;
	}
	if ( empty( $file['tmp_name'] ) || ! is_readable( $file['tmp_name'] ) ) {
		return $file;
	}
	// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- the uploaded temporary file.
	$checked = kipp_widgets_check_data( (string) file_get_contents( $file['tmp_name'] ) );
	if ( is_wp_error( $checked ) ) {
		$file['error'] = $checked->get_error_message();
	}
	return $file;
}
add_filter( 'wp_handle_upload_prefilter', 'kipp_widgets_check_upload' );
add_filter( 'wp_handle_sideload_prefilter', 'kipp_widgets_check_upload' );
