<?php
/**
 * Plugin Name: Test site
 * Description: What the integration test's throw-away WordPress needs of its machine: no mail is sent.
 */

add_filter( 'pre_wp_mail', '__return_false' );
