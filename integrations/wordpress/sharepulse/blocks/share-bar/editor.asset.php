<?php
/**
 * The editor script's dependencies (written by hand: the script needs no build step).
 *
 * @package Sharepulse
 */

return array(
	'dependencies' => array( 'wp-block-editor', 'wp-blocks', 'wp-components', 'wp-element', 'wp-i18n', 'wp-server-side-render' ),
	'version'      => '1.0.0',
);
