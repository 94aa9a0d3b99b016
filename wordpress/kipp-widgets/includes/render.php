<?php
/**
 * Blocks `kipp/nominees` and `kipp/ranking`, shortcodes `[kipp_nominees]`
 * and `[kipp_ranking]`: one renderer each, on the server.
 *
 * Nothing an author types reaches the page unescaped: every attribute is
 * sanitised to its type and allowed values here, and the markup is built
 * by this plugin, so Authors and Editors without `unfiltered_html` can
 * place widgets (kses never sees a script tag: there is none in a post).
 *
 * @package KippWidgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * Attributes of a nominees widget, sanitised.
 *
 * @param array $a Raw attributes (block attributes or shortcode atts).
 * @return array
 */
function kipp_widgets_nominee_atts( $a ) {
	$a      = is_array( $a ) ? $a : array();
	$layout = isset( $a['layout'] ) ? sanitize_key( $a['layout'] ) : 'cards';
	$lang   = isset( $a['lang'] ) ? sanitize_key( $a['lang'] ) : '';
	return array(
		'src'      => isset( $a['src'] ) ? esc_url_raw( trim( (string) $a['src'] ) ) : '',
		'mediaId'  => isset( $a['mediaId'] ) ? absint( $a['mediaId'] ) : ( isset( $a['media'] ) ? absint( $a['media'] ) : 0 ),
		'layout'   => in_array( $layout, array( 'cards', 'list', 'table' ), true ) ? $layout : 'cards',
		'limit'    => isset( $a['limit'] ) ? min( 500, absint( $a['limit'] ) ) : 0,
		'region'   => isset( $a['region'] ) ? sanitize_text_field( (string) $a['region'] ) : '',
		'year'     => isset( $a['year'] ) && '' !== (string) $a['year'] ? absint( $a['year'] ) : 0,
		'level'    => isset( $a['level'] ) ? sanitize_key( $a['level'] ) : '',
		'category' => isset( $a['category'] ) ? sanitize_key( $a['category'] ) : '',
		'lang'     => in_array( $lang, array( 'id', 'en' ), true ) ? $lang : '',
		'heading'  => kipp_widgets_heading( $a ),
	);
}

/**
 * The level of the nominees' titles (2-6): a post's content sits under its
 * h1 title, so 2 unless the author chose another.
 *
 * @param array $a Raw attributes (`headingLevel` in blocks, `heading` in shortcodes).
 * @return int
 */
function kipp_widgets_heading( $a ) {
	$v = isset( $a['headingLevel'] ) ? $a['headingLevel'] : ( isset( $a['heading'] ) ? $a['heading'] : 2 );
	$v = absint( $v );
	return ( $v >= 2 && $v <= 6 ) ? $v : 2;
}

/**
 * The data file's URL: the attachment's when one is chosen.
 *
 * @param array $a Sanitised attributes.
 * @return string
 */
function kipp_widgets_src( $a ) {
	if ( $a['mediaId'] ) {
		$url = wp_get_attachment_url( $a['mediaId'] );
		if ( $url ) {
			return $url;
		}
	}
	return $a['src'];
}

/**
 * The nominees as a plain list (title, unit, achievement, year), for
 * visitors without JavaScript, feeds and search engines. Inside the custom
 * element it is light DOM, which the widget's shadow root does not show.
 *
 * @param array $a Sanitised attributes.
 * @return string HTML.
 */
function kipp_widgets_fallback( $a ) {
	$data = kipp_widgets_read_nominees( $a['mediaId'], $a['src'] );
	if ( null === $data ) {
		$src = kipp_widgets_src( $a );
		return '' === $src ? '' : '<p class="kipp-fallback-link"><a href="' . esc_url( $src ) . '">' . esc_html__( 'Data nominasi (JSON)', 'kipp-widgets' ) . '</a></p>';
	}
	if ( isset( $data['kipp_summary'] ) ) {
		return kipp_widgets_summary_fallback( $data );
	}
	$items = array();
	foreach ( $data['innovations'] as $item ) {
		$achievements = isset( $item['achievements'] ) && is_array( $item['achievements'] ) ? $item['achievements'] : array();
		$match        = array();
		foreach ( $achievements as $ach ) {
			if ( ! is_array( $ach ) ) {
				continue;
			}
			if ( $a['year'] && ( ! isset( $ach['year'] ) || (int) $ach['year'] !== $a['year'] ) ) {
				continue;
			}
			if ( '' !== $a['level'] && ( ! isset( $ach['level'] ) || sanitize_key( (string) $ach['level'] ) !== $a['level'] ) ) {
				continue;
			}
			$match[] = $ach;
		}
		if ( ( $a['year'] || '' !== $a['level'] ) && empty( $match ) ) {
			continue;
		}
		if ( '' !== $a['region'] && ( ! isset( $item['region'] ) || $item['region'] !== $a['region'] ) ) {
			continue;
		}
		if ( '' !== $a['category'] && ( ! isset( $item['category'] ) || sanitize_key( (string) $item['category'] ) !== $a['category'] ) ) {
			continue;
		}
		$first  = empty( $match ) ? ( empty( $achievements ) ? array() : $achievements[0] ) : $match[0];
		$result = trim(
			( isset( $first['result'] ) ? (string) $first['result'] : '' )
			. ( isset( $first['competition'] ) ? ', ' . (string) $first['competition'] : '' )
			. ( isset( $first['year'] ) ? ' ' . (int) $first['year'] : '' ),
			', '
		);
		$unit    = isset( $item['unit'] ) ? (string) $item['unit'] : '';
		$items[] = '<li><strong>' . esc_html( (string) $item['title'] ) . '</strong>'
			. ( '' !== $unit ? ' — ' . esc_html( $unit ) : '' )
			. ( '' !== $result ? ' (' . esc_html( $result ) . ')' : '' )
			. '</li>';
		if ( $a['limit'] && count( $items ) >= $a['limit'] ) {
			break;
		}
	}
	return empty( $items ) ? '' : '<ul class="kipp-fallback">' . implode( '', $items ) . '</ul>';
}

/**
 * A participation summary as plain text: the newest edition's numbers and
 * its agencies with most innovations, and the count of every edition by
 * year (the widget draws the same as charts).
 *
 * @param array $data The summary file.
 * @return string HTML.
 */
function kipp_widgets_summary_fallback( $data ) {
	$editions = array_values( array_filter( $data['editions'], 'is_array' ) );
	if ( empty( $editions ) ) {
		return '';
	}
	$last = $editions[ count( $editions ) - 1 ];
	$line = isset( $last['agencies'] ) && is_int( $last['agencies'] ) && $last['agencies'] > 0
		/* translators: 1: innovations, 2: agencies. */
		? sprintf( __( '%1$s inovasi dari %2$s perangkat daerah', 'kipp-widgets' ), number_format_i18n( $last['innovations'] ), number_format_i18n( $last['agencies'] ) )
		/* translators: %s: innovations. */
		: sprintf( __( '%s inovasi', 'kipp-widgets' ), number_format_i18n( $last['innovations'] ) );
	$title = trim( ( isset( $last['competition'] ) ? (string) $last['competition'] : '' ) . ( isset( $last['year'] ) ? ' ' . (int) $last['year'] : '' ) );
	$html  = '<div class="kipp-fallback"><p>' . ( '' !== $title ? '<strong>' . esc_html( $title ) . '</strong>: ' : '' ) . esc_html( $line ) . '.</p>';
	$top   = isset( $last['by_agency'] ) && is_array( $last['by_agency'] ) ? array_slice( $last['by_agency'], 0, 10 ) : array();
	$items = array();
	foreach ( $top as $c ) {
		if ( is_array( $c ) && isset( $c['name'], $c['count'] ) ) {
			$items[] = '<li>' . esc_html( (string) $c['name'] ) . ': ' . esc_html( number_format_i18n( (int) $c['count'] ) ) . '</li>';
		}
	}
	if ( $items ) {
		$html .= '<ol>' . implode( '', $items ) . '</ol>';
	}
	if ( count( $editions ) > 1 ) {
		$years = array();
		foreach ( $editions as $e ) {
			if ( isset( $e['year'] ) ) {
				$years[] = '<li>' . (int) $e['year'] . ': ' . esc_html( number_format_i18n( (int) $e['innovations'] ) ) . '</li>';
			}
		}
		$html .= $years ? '<ul>' . implode( '', $years ) . '</ul>' : '';
	}
	return $html . '</div>';
}

/**
 * `<kipp-nominees …>` with its fallback list.
 *
 * @param array  $raw     Raw attributes.
 * @param string $wrapper Attributes of the wrapping element (blocks).
 * @return string HTML.
 */
function kipp_widgets_render_nominees( $raw, $wrapper = '' ) {
	$a        = kipp_widgets_nominee_atts( $raw );
	$src      = kipp_widgets_src( $a );
	$fallback = kipp_widgets_fallback( $a );
	if ( is_feed() ) {
		return $fallback;
	}
	if ( '' === $src ) {
		return current_user_can( 'edit_posts' )
			? '<p class="kipp-missing">' . esc_html__( 'Pilih berkas data nominasi (JSON) untuk widget kipp.', 'kipp-widgets' ) . '</p>'
			: '';
	}
	wp_enqueue_script( 'kipp-nominees' );
	wp_enqueue_style( 'kipp-widgets' );
	$attrs = ' src="' . esc_url( $src ) . '" layout="' . esc_attr( $a['layout'] ) . '"';
	foreach ( array( 'region', 'level', 'category', 'lang' ) as $key ) {
		if ( '' !== $a[ $key ] ) {
			$attrs .= ' ' . $key . '="' . esc_attr( $a[ $key ] ) . '"';
		}
	}
	foreach ( array( 'year', 'limit' ) as $key ) {
		if ( $a[ $key ] ) {
			$attrs .= ' ' . $key . '="' . esc_attr( (string) $a[ $key ] ) . '"';
		}
	}
	$attrs .= ' heading-level="' . esc_attr( (string) $a['heading'] ) . '"';
	$html = '<kipp-nominees' . $attrs . '>' . $fallback . '</kipp-nominees>';
	return '' === $wrapper ? $html : '<div ' . $wrapper . '>' . $html . '</div>';
}

/**
 * `<kipp-ranking …>`.
 *
 * @param array  $raw     Raw attributes.
 * @param string $wrapper Attributes of the wrapping element (blocks).
 * @return string HTML.
 */
function kipp_widgets_render_ranking( $raw, $wrapper = '' ) {
	$raw  = is_array( $raw ) ? $raw : array();
	$a    = kipp_widgets_nominee_atts( $raw );
	$src  = kipp_widgets_src( $a );
	$sim  = ! empty( $raw['simulate'] ) && ! in_array( (string) $raw['simulate'], array( '0', 'false', 'no', 'tidak' ), true );
	$link = '' === $src ? '' : '<p><a href="' . esc_url( $src ) . '">' . esc_html__( 'Data peringkat (JSON)', 'kipp-widgets' ) . '</a></p>';
	if ( is_feed() ) {
		return $link;
	}
	if ( '' === $src ) {
		return current_user_can( 'edit_posts' )
			? '<p class="kipp-missing">' . esc_html__( 'Pilih berkas peringkat (JSON) untuk widget kipp.', 'kipp-widgets' ) . '</p>'
			: '';
	}
	wp_enqueue_script( 'kipp-ranking' );
	wp_enqueue_style( 'kipp-widgets' );
	$attrs = ' src="' . esc_url( $src ) . '"';
	if ( '' !== $a['lang'] ) {
		$attrs .= ' lang="' . esc_attr( $a['lang'] ) . '"';
	}
	if ( $sim ) {
		$attrs .= ' simulate';
	}
	$html = '<kipp-ranking' . $attrs . '>' . $link . '</kipp-ranking>';
	return '' === $wrapper ? $html : '<div ' . $wrapper . '>' . $html . '</div>';
}

/**
 * Block render callback of `kipp/nominees`.
 *
 * @param array $attributes Block attributes.
 * @return string
 */
function kipp_widgets_nominees_block( $attributes ) {
	return kipp_widgets_render_nominees( $attributes, get_block_wrapper_attributes() );
}

/**
 * Block render callback of `kipp/ranking`.
 *
 * @param array $attributes Block attributes.
 * @return string
 */
function kipp_widgets_ranking_block( $attributes ) {
	return kipp_widgets_render_ranking( $attributes, get_block_wrapper_attributes() );
}

/**
 * Registers both blocks from their block.json.
 */
function kipp_widgets_register_blocks() {
	register_block_type( KIPP_WIDGETS_DIR . '/blocks/nominees', array( 'render_callback' => 'kipp_widgets_nominees_block' ) );
	register_block_type( KIPP_WIDGETS_DIR . '/blocks/ranking', array( 'render_callback' => 'kipp_widgets_ranking_block' ) );
}

/**
 * `[kipp_nominees src="…" layout="list" limit="10" region="…" year="2023" lang="en"]`.
 *
 * @param array|string $atts Shortcode attributes.
 * @return string
 */
function kipp_widgets_nominees_shortcode( $atts ) {
	return kipp_widgets_render_nominees( is_array( $atts ) ? $atts : array() );
}

/**
 * `[kipp_ranking src="…" simulate="1" lang="id"]`.
 *
 * @param array|string $atts Shortcode attributes.
 * @return string
 */
function kipp_widgets_ranking_shortcode( $atts ) {
	return kipp_widgets_render_ranking( is_array( $atts ) ? $atts : array() );
}

/**
 * Registers the shortcodes (for the classic editor).
 */
function kipp_widgets_register_shortcodes() {
	add_shortcode( 'kipp_nominees', 'kipp_widgets_nominees_shortcode' );
	add_shortcode( 'kipp_ranking', 'kipp_widgets_ranking_shortcode' );
}
