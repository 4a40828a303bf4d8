<?php
/**
 * The WordPress integration test's command line into its own WordPress (no wp-cli is packaged): each command
 * calls WordPress's own functions and prints one JSON document.
 *
 * php tool.php db-create|db-drop NAME           a MariaDB database on 127.0.0.1:3306 (root, no password)
 * php tool.php syntax DIR                       PHP 8-only syntax and functions in DIR's PHP files (7.4 must run them)
 * php tool.php install WORDPRESS_DIR JSON       wp_install(), pretty permalinks, a subscriber, the test's posts
 * php tool.php theme WORDPRESS_DIR JSON         switch_theme() and theme mods
 * php tool.php state WORDPRESS_DIR              what the plugin stored (option, transients, post meta)
 * php tool.php uninstall WORDPRESS_DIR          deactivates and uninstalls the plugin as the Plugins screen would
 */

$command = isset( $argv[1] ) ? $argv[1] : '';
$target  = isset( $argv[2] ) ? $argv[2] : '';
$input   = isset( $argv[3] ) ? json_decode( $argv[3], true ) : array();

/**
 * Prints the answer and ends.
 *
 * @param mixed $value What to print.
 */
function tool_out( $value ) {
	echo json_encode( $value, JSON_UNESCAPED_SLASHES ), "\n";
	exit( 0 );
}

if ( 'db-create' === $command || 'db-drop' === $command ) {
	if ( ! preg_match( '/^[a-z0-9_]+$/', $target ) ) {
		fwrite( STDERR, "bad database name\n" );
		exit( 2 );
	}
	mysqli_report( MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT );
	$db = new mysqli( '127.0.0.1', 'root', '', '', 3306 );
	$db->query( 'db-create' === $command ? "CREATE DATABASE `$target` CHARACTER SET utf8mb4" : "DROP DATABASE IF EXISTS `$target`" );
	tool_out( array( 'ok' => true ) );
}

if ( 'syntax' === $command ) {
	$newer_tokens    = array( 'T_MATCH', 'T_NULLSAFE_OBJECT_OPERATOR', 'T_ATTRIBUTE', 'T_ENUM', 'T_READONLY' );
	$newer_functions = array( 'str_contains', 'str_starts_with', 'str_ends_with', 'array_is_list', 'get_debug_type', 'fdiv', 'get_resource_id', 'preg_last_error_msg' );
	$found           = array();
	$files           = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( $target, FilesystemIterator::SKIP_DOTS ) );
	foreach ( $files as $file ) {
		if ( 'php' !== $file->getExtension() ) {
			continue;
		}
		$tokens = token_get_all( file_get_contents( $file->getPathname() ) );
		foreach ( $tokens as $i => $token ) {
			if ( ! is_array( $token ) ) {
				continue;
			}
			$name = token_name( $token[0] );
			if ( in_array( $name, $newer_tokens, true )
				|| ( 'T_STRING' === $name && in_array( strtolower( $token[1] ), $newer_functions, true ) ) ) {
				$found[] = $file->getPathname() . ':' . $token[2] . ' ' . $token[1];
			}
			// Named arguments: "name:" right after "(" or ",".
			if ( 'T_STRING' === $name && isset( $tokens[ $i + 1 ] ) && ':' === $tokens[ $i + 1 ] ) {
				for ( $j = $i - 1; $j >= 0 && is_array( $tokens[ $j ] ) && T_WHITESPACE === $tokens[ $j ][0]; $j-- ) {
					continue;
				}
				if ( $j >= 0 && ( '(' === $tokens[ $j ] || ',' === $tokens[ $j ] ) ) {
					$found[] = $file->getPathname() . ':' . $token[2] . ' named argument ' . $token[1];
				}
			}
		}
	}
	tool_out( array( 'php8_only' => $found ) );
}

if ( 'install' === $command ) {
	define( 'WP_INSTALLING', true );
}
$_SERVER['HTTP_HOST']   = 'localhost';
$_SERVER['REQUEST_URI'] = '/';
require $target . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

switch ( $command ) {
	case 'install':
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		wp_install( 'A test blog', 'admin', 'admin@blog.example', true, '', $input['password'] );
		global $wp_rewrite;
		$wp_rewrite->set_permalink_structure( '/%postname%/' );
		create_initial_taxonomies(); // Their links follow the new structure from now on.
		flush_rewrite_rules( false );
		wp_create_user( 'reader', $input['password'], 'reader@blog.example' ); // A subscriber.
		wp_set_current_user( 1 );
		$posts = array();
		foreach ( $input['posts'] as $name => $post ) {
			$meta = isset( $post['meta'] ) ? $post['meta'] : array();
			unset( $post['meta'] );
			$id = wp_insert_post( wp_slash( $post + array( 'post_author' => 1 ) ), true );
			if ( is_wp_error( $id ) ) {
				fwrite( STDERR, $id->get_error_message() . "\n" );
				exit( 1 );
			}
			foreach ( $meta as $key => $value ) {
				update_post_meta( $id, $key, $value );
			}
			$posts[ $name ] = array(
				'id'  => $id,
				'url' => get_permalink( $id ),
			);
		}
		tool_out(
			array(
				'posts'    => $posts,
				'category' => get_category_link( get_option( 'default_category' ) ),
			)
		);
		break;
	case 'theme':
		switch_theme( $input['stylesheet'] );
		foreach ( isset( $input['mods'] ) ? $input['mods'] : array() as $name => $value ) {
			set_theme_mod( $name, $value );
		}
		tool_out( array( 'theme' => get_stylesheet() ) );
		break;
	case 'state':
	case 'uninstall':
		if ( 'uninstall' === $command ) {
			deactivate_plugins( 'sharepulse/sharepulse.php' );
			uninstall_plugin( 'sharepulse/sharepulse.php' );
		}
		global $wpdb;
		$meta = array();
		foreach ( array( '_sharepulse_disabled', 'sharing_disabled' ) as $key ) {
			$meta[ $key ] = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key = %s", $key ) );
		}
		tool_out(
			array(
				'option'     => $wpdb->get_var( "SELECT option_value FROM {$wpdb->options} WHERE option_name = 'sharepulse_settings'" ),
				'transients' => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE '%transient%sharepulse%'" ),
				'meta'       => $meta,
				'active'     => is_plugin_active( 'sharepulse/sharepulse.php' ),
			)
		);
		break;
	default:
		fwrite( STDERR, "unknown command $command\n" );
		exit( 2 );
}
