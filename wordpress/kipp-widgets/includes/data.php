<?php
/**
 * The widgets' data files (docs/nominees.md, docs/ranking.md): reading one
 * from the Media Library, and checking a file before it may be uploaded.
 *
 * @package KippWidgets
 */

defined( 'ABSPATH' ) || exit;

/** Largest data file accepted for upload (bytes). */
const KIPP_WIDGETS_MAX_BYTES = 5242880;

/**
 * Checks the text of a data file: a nominees file (`kipp_nominees`), a
 * published ranking (`kipp_ranking`) or a participation summary
 * (`kipp_summary`).
 *
 * @param string $text The file's contents.
 * @return array|WP_Error The decoded file, or why it is refused.
 */
function kipp_widgets_check_data( $text ) {
	if ( strlen( $text ) > KIPP_WIDGETS_MAX_BYTES ) {
		return new WP_Error( 'kipp_too_large', __( 'Berkas data kipp paling besar 5 MB.', 'kipp-widgets' ) );
	}
	$text = preg_replace( '/^\xEF\xBB\xBF/', '', $text );
	$data = json_decode( $text, true, 64 );
	if ( ! is_array( $data ) ) {
		return new WP_Error(
			'kipp_not_json',
			/* translators: %s: the JSON error. */
			sprintf( __( 'Bukan JSON yang sah: %s.', 'kipp-widgets' ), json_last_error_msg() )
		);
	}
	if ( isset( $data['kipp_nominees'] ) ) {
		if ( ! isset( $data['innovations'] ) || ! is_array( $data['innovations'] ) ) {
			return new WP_Error( 'kipp_bad_nominees', __( 'Berkas nominasi kipp tanpa daftar "innovations".', 'kipp-widgets' ) );
		}
		foreach ( $data['innovations'] as $n => $item ) {
			if ( ! is_array( $item ) || empty( $item['id'] ) || ! is_string( $item['id'] ) || empty( $item['title'] ) || ! is_string( $item['title'] ) ) {
				return new WP_Error(
					'kipp_bad_nominees',
					/* translators: %d: 1-based position in the list. */
					sprintf( __( 'Nominasi ke-%d tidak punya "id" dan "title".', 'kipp-widgets' ), $n + 1 )
				);
			}
		}
		return $data;
	}
	if ( isset( $data['kipp_ranking'] ) ) {
		if ( ! isset( $data['competition']['stages'], $data['result']['stages'] ) || ! is_array( $data['result']['stages'] ) ) {
			return new WP_Error( 'kipp_bad_ranking', __( 'Berkas peringkat kipp tanpa "competition" dan "result".', 'kipp-widgets' ) );
		}
		return $data;
	}
	if ( isset( $data['kipp_summary'] ) ) {
		if ( 1 !== $data['kipp_summary'] || ! isset( $data['editions'] ) || ! is_array( $data['editions'] ) ) {
			return new WP_Error( 'kipp_bad_summary', __( 'Berkas ringkasan kipp (versi 1) tanpa daftar "editions".', 'kipp-widgets' ) );
		}
		foreach ( $data['editions'] as $n => $edition ) {
			if ( ! is_array( $edition ) || ! isset( $edition['innovations'] ) || ! is_int( $edition['innovations'] ) || $edition['innovations'] < 0 ) {
				return new WP_Error(
					'kipp_bad_summary',
					/* translators: %d: 1-based position in the list. */
					sprintf( __( 'Penyelenggaraan ke-%d tidak punya jumlah "innovations".', 'kipp-widgets' ), $n + 1 )
				);
			}
		}
		return $data;
	}
	return new WP_Error( 'kipp_unknown', __( 'Bukan berkas data kipp: tidak ada "kipp_nominees", "kipp_ranking" atau "kipp_summary".', 'kipp-widgets' ) );
}

/**
 * The local file behind a data file's attachment id or URL (only files of
 * this site's Media Library are read on the server).
 *
 * @param int    $media_id Attachment id, or 0.
 * @param string $src      The data file's URL.
 * @return string Path, or '' when not local.
 */
function kipp_widgets_local_path( $media_id, $src ) {
	$id = absint( $media_id );
	if ( 0 === $id && '' !== $src ) {
		$id = attachment_url_to_postid( $src );
	}
	if ( 0 === $id ) {
		return '';
	}
	$path = get_attached_file( $id );
	return ( $path && is_readable( $path ) ) ? $path : '';
}

/**
 * The decoded nominees or summary file behind a block or shortcode, cached
 * per file and modification time.
 *
 * @param int    $media_id Attachment id, or 0.
 * @param string $src      The data file's URL.
 * @return array|null
 */
function kipp_widgets_read_nominees( $media_id, $src ) {
	$path = kipp_widgets_local_path( $media_id, $src );
	if ( '' === $path ) {
		return null;
	}
	$key    = 'kipp_widgets_' . md5( $path . '|' . filemtime( $path ) );
	$cached = get_transient( $key );
	if ( is_array( $cached ) ) {
		return $cached;
	}
	// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local upload.
	$data = kipp_widgets_check_data( (string) file_get_contents( $path ) );
	if ( is_wp_error( $data ) || ! ( isset( $data['kipp_nominees'] ) || isset( $data['kipp_summary'] ) ) ) {
		return null;
	}
	set_transient( $key, $data, DAY_IN_SECONDS );
	return $data;
}
