<?php
/**
 * Router for PHP's built-in server, standing in for a web server's rewrite rules: files and directories are
 * served by the built-in server as they are (PHP files run), every other path goes to WordPress's index.php.
 *
 * Run as: php -S 127.0.0.1:PORT -t WORDPRESS_DIR router.php
 */

$root = rtrim( $_SERVER['DOCUMENT_ROOT'], '/' );
$path = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );

if ( '/' !== $path && false === strpos( $path, '..' ) && file_exists( $root . $path ) ) {
	return false;
}

$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir( $root );
require $root . '/index.php';
