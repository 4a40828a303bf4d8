<?php
/**
 * Deleting the plugin removes what it stored: its option, its cached fragments and its per-post opt-out. The
 * `sharing_disabled` meta of Jetpack and AddToAny stays: it was never ours, and those plugins still read it.
 *
 * @package Sharepulse
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/**
 * Removes the plugin's data from the current site.
 */
function sharepulse_uninstall_site() {
	global $wpdb;
	delete_option( 'sharepulse_settings' );
	delete_post_meta_by_key( '_sharepulse_disabled' );
	// Fragments are transients named sharepulse_f_<md5>; with a persistent object cache they live there instead
	// and expire on their own within minutes.
	$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$wpdb->prepare(
			"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s",
			$wpdb->esc_like( '_transient_sharepulse_' ) . '%',
			$wpdb->esc_like( '_transient_timeout_sharepulse_' ) . '%'
		)
	);
	wp_cache_delete( 'alloptions', 'options' );
}

if ( is_multisite() ) {
	$sharepulse_sites = get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	);
	foreach ( $sharepulse_sites as $sharepulse_site_id ) {
		switch_to_blog( $sharepulse_site_id );
		sharepulse_uninstall_site();
		restore_current_blog();
	}
} else {
	sharepulse_uninstall_site();
}
