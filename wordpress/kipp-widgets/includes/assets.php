<?php
/**
 * Scripts and styles: the widget bundles under stable handles.
 *
 * The bundles' files are content-hashed (`kipp-nominees.<hash>.js`, its
 * wasm next to it); `assets/manifest.json`, written by `cargo xtask dist`,
 * names the current ones and their SRI hashes. Posts only hold a block or a
 * shortcode, never a file name, so updating the plugin never breaks a post.
 *
 * @package KippWidgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * The bundles of `assets/manifest.json`: handle => array( js, integrity ).
 *
 * @return array<string, array{js: string, integrity: string}>
 */
function kipp_widgets_manifest() {
	static $manifest = null;
	if ( null === $manifest ) {
		$manifest = array();
		$path     = KIPP_WIDGETS_DIR . '/assets/manifest.json';
		if ( is_readable( $path ) ) {
			// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
			$data = json_decode( (string) file_get_contents( $path ), true );
			if ( is_array( $data ) ) {
				foreach ( array( 'kipp-nominees', 'kipp-ranking' ) as $handle ) {
					if ( isset( $data[ $handle ]['js'], $data[ $handle ]['js_integrity'] ) ) {
						$manifest[ $handle ] = array(
							'js'        => basename( (string) $data[ $handle ]['js'] ),
							'integrity' => (string) $data[ $handle ]['js_integrity'],
						);
					}
				}
			}
		}
	}
	return $manifest;
}

/**
 * Registers the widget scripts (module scripts, SRI-checked), the theme
 * bridge stylesheet and the block editor script.
 */
function kipp_widgets_register_assets() {
	foreach ( kipp_widgets_manifest() as $handle => $bundle ) {
		wp_register_script(
			$handle,
			plugins_url( 'assets/' . $bundle['js'], KIPP_WIDGETS_FILE ),
			array(),
			null, // The file name is its version (content hash).
			true
		);
	}
	// The theme's palette (theme.json presets) as the widgets' variables.
	wp_register_style( 'kipp-widgets', false, array(), KIPP_WIDGETS_VERSION );
	wp_add_inline_style( 'kipp-widgets', kipp_widgets_theme_css() );
	wp_register_script(
		'kipp-widgets-editor',
		plugins_url( 'editor/blocks.js', KIPP_WIDGETS_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n', 'wp-server-side-render' ),
		KIPP_WIDGETS_VERSION,
		true
	);
	wp_localize_script(
		'kipp-widgets-editor',
		'kippWidgetsEditor',
		array( 'mime' => 'application/json' )
	);
}

/**
 * A theme.json value (`var:preset|color|contrast` or a CSS value) as CSS.
 *
 * @param mixed $value The value from the global styles.
 * @return string '' when there is none.
 */
function kipp_widgets_css_value( $value ) {
	if ( ! is_string( $value ) || '' === $value ) {
		return '';
	}
	if ( 0 === strpos( $value, 'var:' ) ) {
		return 'var(--wp--' . str_replace( '|', '--', substr( $value, 4 ) ) . ')';
	}
	// Colours and var() references only: nothing that could close the rule.
	return preg_match( '/^[#a-zA-Z0-9(),.\s%-]+$/', $value ) ? $value : '';
}

/**
 * CSS giving the widgets the theme's colours: text and background from the
 * theme's own styles, the accent from its link colour (which the theme
 * already keeps readable on its background; a palette's "primary" often
 * is not, e.g. Twenty Twenty-Three's lime on white). Each falls back to the
 * widget's own default when the theme does not say.
 *
 * @return string
 */
function kipp_widgets_theme_css() {
	$vars = array();
	if ( function_exists( 'wp_get_global_styles' ) ) {
		$pick = array(
			'--kipp-accent'  => array( 'elements', 'link', 'color', 'text' ),
			'--kipp-text'    => array( 'color', 'text' ),
			'--kipp-surface' => array( 'color', 'background' ),
		);
		foreach ( $pick as $var => $path ) {
			$value = kipp_widgets_css_value( wp_get_global_styles( $path ) );
			if ( '' !== $value ) {
				$vars[] = $var . ': ' . $value . ';';
			}
		}
	}
	return 'kipp-nominees, kipp-ranking { display: flow-root; ' . implode( ' ', $vars ) . ' }'
		. ' .kipp-fallback { margin: 0; padding-left: 1.2em; }';
}

/**
 * The widget bundles are ES modules: `type="module"`, their SRI hash and
 * `crossorigin` (a CDN-hosted plugin directory still works).
 *
 * @param string $tag    The script tag.
 * @param string $handle The script handle.
 * @return string
 */
function kipp_widgets_module_tag( $tag, $handle ) {
	$manifest = kipp_widgets_manifest();
	if ( ! isset( $manifest[ $handle ] ) ) {
		return $tag;
	}
	$attrs = ' type="module" integrity="' . esc_attr( $manifest[ $handle ]['integrity'] ) . '" crossorigin="anonymous"';
	return preg_replace( '/<script(?![^>]*type=)/', '<script' . $attrs, $tag, 1 );
}
add_filter( 'script_loader_tag', 'kipp_widgets_module_tag', 10, 2 );

/**
 * In the block editor: the widget bundles, so the preview is the real widget.
 */
function kipp_widgets_editor_assets() {
	foreach ( array_keys( kipp_widgets_manifest() ) as $handle ) {
		wp_enqueue_script( $handle );
	}
	wp_enqueue_style( 'kipp-widgets' );
}
add_action( 'enqueue_block_editor_assets', 'kipp_widgets_editor_assets' );
