<?php
/**
 * Drawing one share bar: a <share-bar> element for the share bar script, the server-rendered HTML fragment from
 * GET {service}/embed/{site}, or both; and the checks every bar passes first.
 *
 * @package Sharepulse
 */

defined( 'ABSPATH' ) || exit;

/** The script handle of the share bar script (enqueued once per page, only on pages that show a bar). */
const SHAREPULSE_SCRIPT = 'sharepulse-widget';

add_filter( 'script_loader_tag', 'sharepulse_script_tag', 10, 3 );

/**
 * Whether this request may show bars at all: never in feeds, embeds, previews, REST or XML-RPC answers, admin
 * screens, Ajax or cron (which build e-mails and feeds from post content).
 *
 * @return bool
 */
function sharepulse_request_allows_bars() {
	if ( is_admin() || wp_doing_ajax() || wp_doing_cron() || wp_is_json_request() ) {
		return false;
	}
	if ( ( defined( 'REST_REQUEST' ) && REST_REQUEST ) || ( defined( 'XMLRPC_REQUEST' ) && XMLRPC_REQUEST ) ) {
		return false;
	}
	return ! ( is_feed() || is_embed() || is_preview() || is_robots() || is_trackback() );
}

/**
 * Whether a post may be shared: published, on a public post type, and not behind a password the reader has not
 * entered. Private posts and drafts never get a bar, so their addresses never reach the service.
 *
 * @param WP_Post|null $post The post.
 * @return bool
 */
function sharepulse_post_is_shareable( $post ) {
	return $post instanceof WP_Post
		&& 'publish' === get_post_status( $post )
		&& is_post_publicly_viewable( $post )
		&& ! post_password_required( $post );
}

/**
 * The address and plain-text title a post is shared with.
 *
 * @param WP_Post $post The post.
 * @return array { url, title }
 */
function sharepulse_post_page( $post ) {
	/** This filter is documented in wp-includes/post-template.php */
	$title = apply_filters( 'the_title', $post->post_title, $post->ID );
	return array(
		'url'   => (string) get_permalink( $post ),
		'title' => trim( wp_strip_all_tags( html_entity_decode( $title, ENT_QUOTES, get_bloginfo( 'charset' ) ) ) ),
	);
}

/**
 * Bar options a shortcode or block may set, reduced to the values the service understands (anything else is
 * dropped, so the site's own choice applies).
 *
 * @param array $raw Attributes as given.
 * @return array Option name => value, only those set.
 */
function sharepulse_bar_options( $raw ) {
	$choices = array(
		'theme'  => array( 'light', 'dark', 'auto' ),
		'layout' => array( 'horizontal', 'vertical' ),
		'size'   => array( 's', 'm', 'l' ),
	);
	$options = array();
	if ( ! empty( $raw['networks'] ) && is_string( $raw['networks'] ) ) {
		$ids = array_filter(
			preg_split( '/[\s,]+/', strtolower( $raw['networks'] ) ),
			function ( $id ) {
				return (bool) preg_match( '/^[a-z0-9]{1,40}$/', $id );
			}
		);
		if ( $ids ) {
			$options['networks'] = implode( ',', array_slice( array_values( array_unique( $ids ) ), 0, 40 ) );
		}
	}
	foreach ( $choices as $name => $allowed ) {
		if ( isset( $raw[ $name ] ) && in_array( strtolower( (string) $raw[ $name ] ), $allowed, true ) ) {
			$options[ $name ] = strtolower( (string) $raw[ $name ] );
		}
	}
	foreach ( array( 'counts', 'labels' ) as $name ) {
		if ( isset( $raw[ $name ] ) && '' !== $raw[ $name ] ) {
			$value = strtolower( (string) $raw[ $name ] );
			if ( in_array( $value, array( 'on', 'off' ), true ) ) {
				$options[ $name ] = $value;
			} elseif ( in_array( $value, array( '1', 'true', 'yes', '0', 'false', 'no' ), true ) ) {
				$options[ $name ] = rest_sanitize_boolean( $value ) ? 'on' : 'off';
			}
		}
	}
	return $options;
}

/**
 * One bar for a page, in the configured mode. In fragment mode, when the service cannot be asked (down, slow,
 * or answering anything but 200), the bar falls back to the script's element: the page never waits longer than
 * the request timeout and never shows an error.
 *
 * @param string $url     Address to share.
 * @param string $title   Plain-text title.
 * @param array  $options From sharepulse_bar_options().
 * @param string $context What asks: 'before', 'after', 'excerpt', 'shortcode' or 'block' (for the filter).
 * @return string HTML, or '' when the plugin is not configured.
 */
function sharepulse_bar( $url, $title, $options = array(), $context = 'after' ) {
	$settings = sharepulse_settings();
	if ( ! sharepulse_is_configured( $settings ) || '' === $url ) {
		return '';
	}
	$html = '';
	if ( 'script' !== $settings['mode'] ) {
		$fragment = sharepulse_fragment( $settings, $url, $title, $options );
		if ( '' !== $fragment ) {
			$html = 'fragment' === $settings['mode']
				? $fragment
				: sharepulse_element( $settings, $url, $title, $options ) . '<noscript>' . $fragment . '</noscript>';
		}
	}
	if ( '' === $html ) {
		$html = sharepulse_element( $settings, $url, $title, $options );
	}
	/**
	 * Filters the markup of one share bar.
	 *
	 * @param string $html    The bar.
	 * @param string $url     Address shared.
	 * @param string $title   Title shared.
	 * @param string $context 'before', 'after', 'excerpt', 'shortcode' or 'block'.
	 */
	return (string) apply_filters( 'sharepulse_bar_html', $html, $url, $title, $context );
}

/**
 * A <share-bar> element, and the share bar script enqueued (WordPress prints it once per page, in the footer).
 *
 * @param array  $settings From sharepulse_settings().
 * @param string $url      Address to share.
 * @param string $title    Plain-text title.
 * @param array  $options  From sharepulse_bar_options().
 * @return string
 */
function sharepulse_element( $settings, $url, $title, $options ) {
	if ( ! wp_script_is( SHAREPULSE_SCRIPT, 'registered' ) ) {
		// No version argument: ?ver= would defeat the service's own caching of widget.js.
		wp_register_script( SHAREPULSE_SCRIPT, $settings['service_url'] . '/widget.js', array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion
	}
	wp_enqueue_script( SHAREPULSE_SCRIPT );

	$html = '<share-bar data-url="' . esc_url( $url ) . '"';
	if ( '' !== $title ) {
		$html .= ' data-title="' . esc_attr( $title ) . '"';
	}
	foreach ( $options as $name => $value ) {
		$html .= ' data-' . esc_attr( $name ) . '="' . esc_attr( $value ) . '"';
	}
	return $html . '></share-bar>';
}

/**
 * The share bar script's tag as the service documents it: async, with the site id as data-site.
 *
 * @param string $tag    The tag WordPress built.
 * @param string $handle Its handle.
 * @param string $src    Its address.
 * @return string
 */
function sharepulse_script_tag( $tag, $handle, $src ) {
	if ( SHAREPULSE_SCRIPT !== $handle ) {
		return $tag;
	}
	$settings = sharepulse_settings();
	return sprintf(
		'<script src="%1$s" data-site="%2$s" async id="%3$s-js"></script>' . "\n", // phpcs:ignore WordPress.WP.EnqueuedResources.NonEnqueuedScript
		esc_url( $src ),
		esc_attr( $settings['site_id'] ),
		esc_attr( $handle )
	);
}

/**
 * The server-rendered bar from GET {service}/embed/{site}?url=&title=, kept in a transient per page. A failed
 * request is remembered too (briefly), so a service that is down is not asked again on every view.
 *
 * @param array  $settings From sharepulse_settings().
 * @param string $url      Address to share.
 * @param string $title    Plain-text title.
 * @param array  $options  From sharepulse_bar_options().
 * @return string The filtered fragment, or '' when there is none to show.
 */
function sharepulse_fragment( $settings, $url, $title, $options ) {
	static $seen = array();

	$query    = array_merge( array( 'url' => $url ), '' !== $title ? array( 'title' => $title ) : array(), $options );
	$endpoint = $settings['service_url'] . '/embed/' . rawurlencode( $settings['site_id'] )
		. '?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 );
	$key      = 'sharepulse_f_' . md5( $endpoint );
	if ( isset( $seen[ $key ] ) ) {
		return $seen[ $key ];
	}

	$cached = get_transient( $key );
	if ( is_string( $cached ) ) {
		$seen[ $key ] = $cached;
		return $cached;
	}

	$response = wp_remote_get(
		$endpoint,
		array(
			/**
			 * Filters how long a page waits for the service, in seconds.
			 *
			 * @param float $seconds Default 2.
			 */
			'timeout'             => (float) apply_filters( 'sharepulse_request_timeout', 2 ),
			'redirection'         => 1,
			'limit_response_size' => 262144,
			'headers'             => array( 'Accept' => 'text/html' ),
		)
	);
	$fragment = '';
	if ( ! is_wp_error( $response ) && 200 === (int) wp_remote_retrieve_response_code( $response ) ) {
		$fragment = trim( wp_kses( wp_remote_retrieve_body( $response ), sharepulse_fragment_allowed_html() ) );
		if ( false === strpos( $fragment, '<nav' ) ) {
			$fragment = ''; // Not our fragment (a proxy's page, say): better the script than a stray page.
		}
	}
	if ( '' === $fragment ) {
		/**
		 * Filters how long a failed request is remembered before the service is asked again, in seconds.
		 *
		 * @param int $seconds Default one minute.
		 */
		$ttl = (int) apply_filters( 'sharepulse_fragment_retry', MINUTE_IN_SECONDS );
	} else {
		/**
		 * Filters how long a fragment (and the counts in it) is kept, in seconds.
		 *
		 * @param int $seconds Default five minutes.
		 */
		$ttl = (int) apply_filters( 'sharepulse_fragment_ttl', 5 * MINUTE_IN_SECONDS );
	}
	set_transient( $key, $fragment, max( 1, $ttl ) );
	$seen[ $key ] = $fragment;
	return $fragment;
}

/**
 * Exactly the markup the service's fragment uses; anything else it might ever send is dropped.
 *
 * @return array For wp_kses().
 */
function sharepulse_fragment_allowed_html() {
	return array(
		'link'  => array(
			'rel'  => true,
			'href' => true,
		),
		'nav'   => array(
			'class'      => true,
			'aria-label' => true,
		),
		'ul'    => array(),
		'li'    => array(),
		'a'     => array(
			'class'      => true,
			'href'       => true,
			'target'     => true,
			'rel'        => true,
			'aria-label' => true,
			'title'      => true,
		),
		'svg'   => array(
			'viewbox'     => true,
			'aria-hidden' => true,
			'focusable'   => true,
		),
		'path'  => array(
			'd' => true,
		),
		'span'  => array(),
		'small' => array(),
	);
}
