<?php
/**
 * The plugin's one option, `sharepulse_settings`: what it holds, its defaults and how a saved value is cleaned.
 *
 * @package Sharepulse
 */

defined( 'ABSPATH' ) || exit;

/** The option every setting lives in (one row, autoloaded: it is read on every page that may show a bar). */
const SHAREPULSE_OPTION = 'sharepulse_settings';

/**
 * What a fresh install does once it knows its service and site: the script tag, one bar after each post.
 *
 * @return array
 */
function sharepulse_default_settings() {
	return array(
		'service_url' => '',
		'site_id'     => '',
		'mode'        => 'script',
		'position'    => 'after',
		'post_types'  => array( 'post' ),
		'home'        => false,
		'archives'    => false,
		'excerpts'    => false,
	);
}

/**
 * The modes a bar can be drawn in, with their labels.
 *
 * @return array
 */
function sharepulse_modes() {
	return array(
		'script'   => __( 'Script: the share bar script draws the bars, with live counts (one script tag per page)', 'sharepulse' ),
		'fragment' => __( 'Server-rendered: plain HTML links fetched by WordPress, no JavaScript on the page', 'sharepulse' ),
		'both'     => __( 'Both: the script, and the HTML links for readers without JavaScript', 'sharepulse' ),
	);
}

/**
 * Where automatic bars go, with their labels.
 *
 * @return array
 */
function sharepulse_positions() {
	return array(
		'after'  => __( 'After the content', 'sharepulse' ),
		'before' => __( 'Before the content', 'sharepulse' ),
		'both'   => __( 'Before and after the content', 'sharepulse' ),
		'none'   => __( 'Nowhere (only where a shortcode or block places one)', 'sharepulse' ),
	);
}

/**
 * The saved settings over the defaults.
 *
 * @return array
 */
function sharepulse_settings() {
	$saved = get_option( SHAREPULSE_OPTION, array() );
	return wp_parse_args( is_array( $saved ) ? $saved : array(), sharepulse_default_settings() );
}

/**
 * Whether the plugin knows where its service is and which site it is; without both it shows nothing.
 *
 * @param array $settings From sharepulse_settings().
 * @return bool
 */
function sharepulse_is_configured( $settings ) {
	return '' !== $settings['service_url'] && '' !== $settings['site_id'];
}

/**
 * Post types a reader can see on their own pages (what the settings page offers).
 *
 * @return WP_Post_Type[]
 */
function sharepulse_public_post_types() {
	$types = get_post_types( array( 'public' => true ), 'objects' );
	unset( $types['attachment'] );
	return $types;
}

/**
 * The Settings API's sanitize callback: keeps only values the plugin understands. A malformed service address or
 * site id is refused with a message and the previous value is kept, so a typo never switches the bars off.
 *
 * @param mixed $input What the form posted.
 * @return array
 */
function sharepulse_sanitize_settings( $input ) {
	$old   = sharepulse_settings();
	$input = is_array( $input ) ? $input : array();
	$clean = sharepulse_default_settings();

	$url = isset( $input['service_url'] ) ? trim( (string) $input['service_url'] ) : '';
	if ( '' === $url ) {
		$clean['service_url'] = '';
	} else {
		$valid = esc_url_raw( $url, array( 'http', 'https' ) );
		$parts = wp_parse_url( $valid );
		if ( '' === $valid || empty( $parts['host'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
			add_settings_error(
				SHAREPULSE_OPTION,
				'sharepulse_service_url',
				__( 'The service address must be an http or https address such as https://share.example.org (without a query).', 'sharepulse' )
			);
			$clean['service_url'] = $old['service_url'];
		} else {
			$clean['service_url'] = untrailingslashit( $valid );
		}
	}

	$site = isset( $input['site_id'] ) ? strtolower( trim( (string) $input['site_id'] ) ) : '';
	if ( '' === $site || preg_match( '/^[a-z0-9-]{1,40}$/', $site ) ) {
		$clean['site_id'] = $site;
	} else {
		add_settings_error(
			SHAREPULSE_OPTION,
			'sharepulse_site_id',
			__( 'The site id is the one your Sharepulse knows the blog by: lower-case letters, digits and dashes, at most 40.', 'sharepulse' )
		);
		$clean['site_id'] = $old['site_id'];
	}

	if ( isset( $input['mode'] ) && array_key_exists( $input['mode'], sharepulse_modes() ) ) {
		$clean['mode'] = $input['mode'];
	}
	if ( isset( $input['position'] ) && array_key_exists( $input['position'], sharepulse_positions() ) ) {
		$clean['position'] = $input['position'];
	}

	$types               = isset( $input['post_types'] ) && is_array( $input['post_types'] ) ? $input['post_types'] : array();
	$clean['post_types'] = array_values( array_intersect( array_keys( sharepulse_public_post_types() ), array_map( 'strval', $types ) ) );

	foreach ( array( 'home', 'archives', 'excerpts' ) as $flag ) {
		$clean[ $flag ] = ! empty( $input[ $flag ] );
	}
	return $clean;
}
