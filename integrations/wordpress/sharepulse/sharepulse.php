<?php
/**
 * Plugin Name:       Sharepulse
 * Description:       Share buttons from your own Sharepulse service: counted clicks, no cookie, and nothing sent to a social network before a reader clicks.
 * Version:           1.0.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            The Sharepulse authors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       sharepulse
 * Domain Path:       /languages
 *
 * @package Sharepulse
 */

defined( 'ABSPATH' ) || exit;

define( 'SHAREPULSE_VERSION', '1.0.0' );
define( 'SHAREPULSE_FILE', __FILE__ );
define( 'SHAREPULSE_DIR', plugin_dir_path( __FILE__ ) );

require_once SHAREPULSE_DIR . 'includes/settings.php';
require_once SHAREPULSE_DIR . 'includes/bar.php';
require_once SHAREPULSE_DIR . 'includes/content.php';
require_once SHAREPULSE_DIR . 'includes/post-meta.php';
require_once SHAREPULSE_DIR . 'includes/shortcode-block.php';

if ( is_admin() ) {
	require_once SHAREPULSE_DIR . 'includes/admin.php';
}

add_action( 'init', 'sharepulse_load_textdomain' );

/**
 * Loads the translations shipped in languages/ (WordPress.org language packs take precedence).
 */
function sharepulse_load_textdomain() {
	load_plugin_textdomain( 'sharepulse', false, dirname( plugin_basename( SHAREPULSE_FILE ) ) . '/languages' );
}
