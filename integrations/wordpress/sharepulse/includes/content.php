<?php
/**
 * Automatic bars: before and/or after the content of each post the settings choose, on the main query only.
 *
 * @package Sharepulse
 */

defined( 'ABSPATH' ) || exit;

// After do_blocks (9), wpautop (10) and do_shortcode (11), so nothing reformats the bar.
add_filter( 'the_content', 'sharepulse_filter_content', 20 );
add_filter( 'the_excerpt', 'sharepulse_filter_excerpt', 20 );
// Block themes draw excerpts with the core/post-excerpt block, which applies no the_excerpt filter.
add_filter( 'render_block_core/post-excerpt', 'sharepulse_filter_excerpt_block', 10, 3 );

/**
 * Whether a post gets automatic bars where it is being shown now.
 *
 * @param WP_Post|null $post  The post.
 * @param string       $where 'content' or 'excerpt'.
 * @return bool
 */
function sharepulse_wants_automatic_bar( $post, $where ) {
	$settings = sharepulse_settings();
	if ( ! sharepulse_is_configured( $settings ) || 'none' === $settings['position'] ) {
		return false;
	}
	if ( ! sharepulse_request_allows_bars() || ! is_main_query() || ! sharepulse_post_is_shareable( $post ) ) {
		return false;
	}
	if ( ! in_array( $post->post_type, $settings['post_types'], true ) || sharepulse_post_opted_out( $post ) ) {
		return false;
	}
	if ( is_singular() ) {
		$wanted = 'content' === $where;
	} elseif ( is_home() ) {
		$wanted = $settings['home'] && ( 'content' === $where || $settings['excerpts'] );
	} elseif ( is_archive() || is_search() ) {
		$wanted = $settings['archives'] && ( 'content' === $where || $settings['excerpts'] );
	} else {
		$wanted = false;
	}
	/**
	 * Filters whether a post gets automatic bars here (shortcodes and blocks are not affected).
	 *
	 * @param bool    $wanted What the settings say.
	 * @param WP_Post $post   The post.
	 * @param string  $where  'content' or 'excerpt'.
	 */
	return (bool) apply_filters( 'sharepulse_show_automatic_bar', $wanted, $post, $where );
}

/**
 * Puts the bars around one post's content or excerpt, once per post and page: a theme or plugin that runs the
 * filter twice for the same post gets the bars the first time only.
 *
 * @param string  $html  Content or excerpt.
 * @param WP_Post $post  The post.
 * @param string  $where 'content' or 'excerpt'.
 * @return string
 */
function sharepulse_surround( $html, $post, $where ) {
	static $done = array();
	$key         = $where . ':' . $post->ID;
	if ( isset( $done[ $key ] ) ) {
		return $html;
	}
	$done[ $key ] = true;

	$position = sharepulse_settings()['position'];
	$page     = sharepulse_post_page( $post );
	$before   = '';
	$after    = '';
	if ( 'before' === $position || 'both' === $position ) {
		$before = sharepulse_wrap( sharepulse_bar( $page['url'], $page['title'], array(), 'excerpt' === $where ? 'excerpt' : 'before' ), 'before' );
	}
	if ( 'after' === $position || 'both' === $position ) {
		$after = sharepulse_wrap( sharepulse_bar( $page['url'], $page['title'], array(), 'excerpt' === $where ? 'excerpt' : 'after' ), 'after' );
	}
	return $before . $html . $after;
}

/**
 * One bar in the plugin's wrapper, with a class per place for themes to style.
 *
 * @param string $bar   The bar ('' stays '').
 * @param string $place 'before', 'after', 'shortcode' or 'block'.
 * @return string
 */
function sharepulse_wrap( $bar, $place ) {
	return '' === $bar ? '' : '<div class="sharepulse sharepulse-' . esc_attr( $place ) . '">' . $bar . '</div>';
}

/**
 * The the_content filter. Only the main query's loop: not widgets, related-post lists, page builders' secondary
 * queries, nor the_content applied while an excerpt is being made. A post that places its own bar with the
 * shortcode or the block gets no automatic one.
 *
 * @param string $content The content.
 * @return string
 */
function sharepulse_filter_content( $content ) {
	if ( ! in_the_loop() || doing_filter( 'get_the_excerpt' ) ) {
		return $content;
	}
	$post = get_post();
	if ( ! sharepulse_wants_automatic_bar( $post, 'content' ) ) {
		return $content;
	}
	if ( has_shortcode( $post->post_content, 'sharepulse' ) || has_block( 'sharepulse/share-bar', $post ) ) {
		return $content;
	}
	return sharepulse_surround( $content, $post, 'content' );
}

/**
 * The the_excerpt filter (classic themes' lists).
 *
 * @param string $excerpt The excerpt.
 * @return string
 */
function sharepulse_filter_excerpt( $excerpt ) {
	if ( ! in_the_loop() ) {
		return $excerpt;
	}
	$post = get_post();
	return sharepulse_wants_automatic_bar( $post, 'excerpt' ) ? sharepulse_surround( $excerpt, $post, 'excerpt' ) : $excerpt;
}

/**
 * The core/post-excerpt block (block themes' lists). The block carries its post in its context; it counts as the
 * main query's when that post is one of the main query's posts (a Query Loop that inherits the query).
 *
 * @param string   $html   The block's markup.
 * @param array    $parsed The parsed block.
 * @param WP_Block $block  The block instance.
 * @return string
 */
function sharepulse_filter_excerpt_block( $html, $parsed, $block ) {
	global $wp_query;
	if ( ! $block instanceof WP_Block || empty( $block->context['postId'] ) || ! $wp_query instanceof WP_Query ) {
		return $html;
	}
	$post_id = (int) $block->context['postId'];
	if ( ! in_array( $post_id, array_map( 'intval', wp_list_pluck( (array) $wp_query->posts, 'ID' ) ), true ) ) {
		return $html;
	}
	$post = get_post( $post_id );
	return sharepulse_wants_automatic_bar( $post, 'excerpt' ) ? sharepulse_surround( $html, $post, 'excerpt' ) : $html;
}
