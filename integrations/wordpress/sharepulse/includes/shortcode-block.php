<?php
/**
 * Bars placed by hand: the [sharepulse] shortcode and the sharepulse/share-bar block (server-rendered, from
 * blocks/share-bar/block.json).
 *
 * @package Sharepulse
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', 'sharepulse_register_shortcode_and_block' );

/**
 * Registers the shortcode and the block.
 */
function sharepulse_register_shortcode_and_block() {
	add_shortcode( 'sharepulse', 'sharepulse_shortcode' );
	register_block_type( SHAREPULSE_DIR . 'blocks/share-bar' );
	wp_set_script_translations( 'sharepulse-share-bar-editor-script', 'sharepulse', SHAREPULSE_DIR . 'languages' );
}

/**
 * The attributes a hand-placed bar takes (the block's are the same, see block.json).
 *
 * @return array
 */
function sharepulse_manual_defaults() {
	return array(
		'url'      => '',
		'title'    => '',
		'networks' => '',
		'theme'    => '',
		'layout'   => '',
		'size'     => '',
		'counts'   => '',
		'labels'   => '',
	);
}

/**
 * A hand-placed bar: the given address and title, or those of the post it sits in. Shown wherever the request
 * allows bars (not in feeds, REST answers, previews or embeds), and in a post only while that post is public:
 * a private post or one behind a password shows none. The per-post opt-out covers automatic bars only.
 *
 * @param array  $atts  Attributes (see sharepulse_manual_defaults()).
 * @param string $place 'shortcode' or 'block'.
 * @param int    $post_id The post the bar sits in (0: the current one).
 * @return string The bar, unwrapped ('' for none).
 */
function sharepulse_manual_bar( $atts, $place, $post_id = 0 ) {
	if ( ! sharepulse_request_allows_bars() ) {
		return '';
	}
	$post = get_post( $post_id ? $post_id : null );
	if ( $post && ! sharepulse_post_is_shareable( $post ) ) {
		return '';
	}
	$page  = $post ? sharepulse_post_page( $post ) : array(
		'url'   => '',
		'title' => '',
	);
	$url   = '' !== trim( (string) $atts['url'] ) ? esc_url_raw( trim( (string) $atts['url'] ), array( 'http', 'https' ) ) : $page['url'];
	$title = '' !== trim( (string) $atts['title'] ) ? trim( wp_strip_all_tags( (string) $atts['title'] ) ) : $page['title'];
	return sharepulse_bar( $url, $title, sharepulse_bar_options( $atts ), $place );
}

/**
 * [sharepulse url="" title="" networks="" theme="" layout="" size="" counts="" labels=""].
 *
 * @param array|string $atts Shortcode attributes.
 * @return string
 */
function sharepulse_shortcode( $atts ) {
	return sharepulse_wrap( sharepulse_manual_bar( shortcode_atts( sharepulse_manual_defaults(), $atts, 'sharepulse' ), 'shortcode' ), 'shortcode' );
}

/**
 * The block's server rendering (blocks/share-bar/render.php). In the editor's preview (the block renderer REST
 * route) it shows a placeholder instead: a draft's address must not reach the service.
 *
 * @param array    $attributes Block attributes.
 * @param WP_Block $block      The block instance.
 * @return string
 */
function sharepulse_render_block( $attributes, $block ) {
	$atts    = shortcode_atts( sharepulse_manual_defaults(), is_array( $attributes ) ? $attributes : array() );
	$post_id = isset( $block->context['postId'] ) ? (int) $block->context['postId'] : 0;
	if ( sharepulse_is_block_preview() ) {
		$settings = sharepulse_settings();
		$text     = sharepulse_is_configured( $settings )
			/* translators: %s: the Sharepulse site id. */
			? sprintf( __( 'Share buttons (Sharepulse site “%s”) appear here on the published page.', 'sharepulse' ), $settings['site_id'] )
			: __( 'Share buttons appear here once Settings → Sharepulse has a service address and a site id.', 'sharepulse' );
		return '<div ' . get_block_wrapper_attributes() . '><p>' . esc_html( $text ) . '</p></div>';
	}
	$bar = sharepulse_manual_bar( $atts, 'block', $post_id );
	return '' === $bar ? '' : '<div ' . get_block_wrapper_attributes( array( 'class' => 'sharepulse sharepulse-block' ) ) . '>' . $bar . '</div>';
}

/**
 * Whether this request is the block editor's server-side preview of a block.
 *
 * @return bool
 */
function sharepulse_is_block_preview() {
	global $wp;
	if ( ! defined( 'REST_REQUEST' ) || ! REST_REQUEST || ! $wp instanceof WP ) {
		return false;
	}
	$route = isset( $wp->query_vars['rest_route'] ) ? '/' . ltrim( (string) $wp->query_vars['rest_route'], '/' ) : '';
	return 0 === strpos( $route, '/wp/v2/block-renderer/' ) && current_user_can( 'edit_posts' );
}
