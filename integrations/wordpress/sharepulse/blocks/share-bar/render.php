<?php
/**
 * Server rendering of the sharepulse/share-bar block. WordPress provides $attributes, $content and $block.
 *
 * @package Sharepulse
 */

defined( 'ABSPATH' ) || exit;

echo sharepulse_render_block( $attributes, $block ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped where it is built.
