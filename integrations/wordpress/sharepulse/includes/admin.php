<?php
/**
 * Settings → Sharepulse, through the Settings API (options.php checks the nonce and the manage_options
 * capability before sharepulse_sanitize_settings() sees a value).
 *
 * @package Sharepulse
 */

defined( 'ABSPATH' ) || exit;

add_action( 'admin_init', 'sharepulse_register_settings' );
add_action( 'admin_menu', 'sharepulse_add_settings_page' );
add_action( 'admin_notices', 'sharepulse_unconfigured_notice' );
add_filter( 'plugin_action_links_' . plugin_basename( SHAREPULSE_FILE ), 'sharepulse_action_links' );

/** The settings page's slug (options-general.php?page=sharepulse) and its Settings API group. */
const SHAREPULSE_PAGE = 'sharepulse';

/**
 * Registers the option, its sections and its fields.
 */
function sharepulse_register_settings() {
	register_setting(
		SHAREPULSE_PAGE,
		SHAREPULSE_OPTION,
		array(
			'type'              => 'array',
			'sanitize_callback' => 'sharepulse_sanitize_settings',
			'default'           => sharepulse_default_settings(),
			'show_in_rest'      => false,
		)
	);

	add_settings_section( 'sharepulse_service', __( 'Your Sharepulse', 'sharepulse' ), 'sharepulse_section_service', SHAREPULSE_PAGE );
	add_settings_field( 'sharepulse_service_url', __( 'Service address', 'sharepulse' ), 'sharepulse_field_service_url', SHAREPULSE_PAGE, 'sharepulse_service', array( 'label_for' => 'sharepulse_service_url' ) );
	add_settings_field( 'sharepulse_site_id', __( 'Site id', 'sharepulse' ), 'sharepulse_field_site_id', SHAREPULSE_PAGE, 'sharepulse_service', array( 'label_for' => 'sharepulse_site_id' ) );
	add_settings_field( 'sharepulse_mode', __( 'How bars are drawn', 'sharepulse' ), 'sharepulse_field_mode', SHAREPULSE_PAGE, 'sharepulse_service' );

	add_settings_section( 'sharepulse_placement', __( 'Where bars appear', 'sharepulse' ), 'sharepulse_section_placement', SHAREPULSE_PAGE );
	add_settings_field( 'sharepulse_position', __( 'Position', 'sharepulse' ), 'sharepulse_field_position', SHAREPULSE_PAGE, 'sharepulse_placement', array( 'label_for' => 'sharepulse_position' ) );
	add_settings_field( 'sharepulse_post_types', __( 'On', 'sharepulse' ), 'sharepulse_field_post_types', SHAREPULSE_PAGE, 'sharepulse_placement' );
	add_settings_field( 'sharepulse_lists', __( 'Lists of posts', 'sharepulse' ), 'sharepulse_field_lists', SHAREPULSE_PAGE, 'sharepulse_placement' );
}

/**
 * Adds Settings → Sharepulse.
 */
function sharepulse_add_settings_page() {
	add_options_page( __( 'Sharepulse', 'sharepulse' ), __( 'Sharepulse', 'sharepulse' ), 'manage_options', SHAREPULSE_PAGE, 'sharepulse_render_settings_page' );
}

/**
 * A "Settings" link under the plugin's name on the Plugins screen.
 *
 * @param array $links The plugin's action links.
 * @return array
 */
function sharepulse_action_links( $links ) {
	$url = admin_url( 'options-general.php?page=' . SHAREPULSE_PAGE );
	array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'sharepulse' ) . '</a>' );
	return $links;
}

/**
 * Until the plugin knows its service and site it shows nothing; say so on the Plugins screen and the Dashboard.
 */
function sharepulse_unconfigured_notice() {
	$screen = get_current_screen();
	if ( ! $screen || ! in_array( $screen->id, array( 'plugins', 'dashboard' ), true ) || ! current_user_can( 'manage_options' ) ) {
		return;
	}
	if ( sharepulse_is_configured( sharepulse_settings() ) ) {
		return;
	}
	printf(
		'<div class="notice notice-info"><p>%1$s <a href="%2$s">%3$s</a></p></div>',
		esc_html__( 'Sharepulse shows no share buttons until it knows your service address and site id.', 'sharepulse' ),
		esc_url( admin_url( 'options-general.php?page=' . SHAREPULSE_PAGE ) ),
		esc_html__( 'Set them up', 'sharepulse' )
	);
}

/**
 * The settings page.
 */
function sharepulse_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to manage these settings.', 'sharepulse' ), 403 );
	}
	?>
	<div class="wrap">
		<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
		<?php sharepulse_render_status(); ?>
		<form action="options.php" method="post">
			<?php
			settings_fields( SHAREPULSE_PAGE );
			do_settings_sections( SHAREPULSE_PAGE );
			submit_button();
			?>
		</form>
	</div>
	<?php
}

/**
 * What the service says about this blog right now, so a wrong address, site id or domain shows at once: the share
 * API answers 200 for a page of a site that lists this blog's domain, 404 for an unknown site, 422 for a domain
 * the site does not list.
 */
function sharepulse_render_status() {
	$settings = sharepulse_settings();
	if ( ! sharepulse_is_configured( $settings ) ) {
		return;
	}
	$home     = home_url( '/' );
	$host     = (string) wp_parse_url( $home, PHP_URL_HOST );
	$response = wp_remote_get(
		$settings['service_url'] . '/api/v1/sites/' . rawurlencode( $settings['site_id'] ) . '/share?url=' . rawurlencode( $home ),
		array(
			'timeout'     => 5,
			'redirection' => 1,
		)
	);
	$code     = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
	if ( 200 === $code ) {
		$class = 'notice-success';
		/* translators: 1: site id, 2: service address. */
		$text = sprintf( __( 'Connected: site “%1$s” at %2$s answers for this blog.', 'sharepulse' ), $settings['site_id'], $settings['service_url'] );
	} elseif ( 404 === $code ) {
		$class = 'notice-error';
		/* translators: 1: service address, 2: site id. */
		$text = sprintf( __( 'The Sharepulse at %1$s has no site “%2$s”. Check the site id, or ask its operator to create the site.', 'sharepulse' ), $settings['service_url'], $settings['site_id'] );
	} elseif ( 422 === $code ) {
		$class = 'notice-error';
		/* translators: 1: site id, 2: this blog's host name. */
		$text = sprintf( __( 'Site “%1$s” does not list this blog’s domain, %2$s: add it to the site’s domains in Sharepulse.', 'sharepulse' ), $settings['site_id'], $host );
	} else {
		$class = 'notice-warning';
		/* translators: 1: service address, 2: what went wrong. */
		$text = sprintf( __( 'Could not ask the Sharepulse at %1$s (%2$s). Pages still work: they show the script tag, which draws the bars once the service answers.', 'sharepulse' ), $settings['service_url'], is_wp_error( $response ) ? $response->get_error_message() : 'HTTP ' . $code );
	}
	printf( '<div class="notice %1$s inline sharepulse-status"><p>%2$s</p></div>', esc_attr( $class ), esc_html( $text ) );
}

/**
 * Intro of the service section.
 */
function sharepulse_section_service() {
	$host = (string) wp_parse_url( home_url( '/' ), PHP_URL_HOST );
	echo '<p>' . esc_html(
		sprintf(
			/* translators: %s: this blog's host name. */
			__( 'Sharepulse counts the clicks on your share buttons on a server of your own. Its operator creates a site for this blog with the domain %s; the networks, their order and the colours are that site’s settings.', 'sharepulse' ),
			$host
		)
	) . '</p>';
}

/**
 * Intro of the placement section.
 */
function sharepulse_section_placement() {
	echo '<p>' . esc_html__( 'Automatic bars never appear in feeds, the REST API, previews, embeds, private posts, or posts behind a password the reader has not entered. To place a bar by hand, use the Share bar block or the [sharepulse] shortcode.', 'sharepulse' ) . '</p>';
}

/**
 * Service address field.
 */
function sharepulse_field_service_url() {
	$settings = sharepulse_settings();
	printf(
		'<input type="url" class="regular-text code" id="sharepulse_service_url" name="%1$s[service_url]" value="%2$s" placeholder="https://share.example.org" /><p class="description">%3$s</p>',
		esc_attr( SHAREPULSE_OPTION ),
		esc_attr( $settings['service_url'] ),
		esc_html__( 'Where your Sharepulse answers.', 'sharepulse' )
	);
}

/**
 * Site id field.
 */
function sharepulse_field_site_id() {
	$settings = sharepulse_settings();
	printf(
		'<input type="text" class="regular-text code" id="sharepulse_site_id" name="%1$s[site_id]" value="%2$s" pattern="[a-z0-9-]{1,40}" placeholder="my-blog" />',
		esc_attr( SHAREPULSE_OPTION ),
		esc_attr( $settings['site_id'] )
	);
}

/**
 * Mode field.
 */
function sharepulse_field_mode() {
	$settings = sharepulse_settings();
	echo '<fieldset>';
	foreach ( sharepulse_modes() as $value => $label ) {
		printf(
			'<label><input type="radio" name="%1$s[mode]" value="%2$s"%3$s /> %4$s</label><br />',
			esc_attr( SHAREPULSE_OPTION ),
			esc_attr( $value ),
			checked( $settings['mode'], $value, false ),
			esc_html( $label )
		);
	}
	echo '<p class="description">' . esc_html__( 'Server-rendered bars are fetched with a 2-second limit and kept for five minutes; when the service does not answer, the page gets the script instead and never waits longer.', 'sharepulse' ) . '</p></fieldset>';
}

/**
 * Position field.
 */
function sharepulse_field_position() {
	$settings = sharepulse_settings();
	printf( '<select id="sharepulse_position" name="%s[position]">', esc_attr( SHAREPULSE_OPTION ) );
	foreach ( sharepulse_positions() as $value => $label ) {
		printf( '<option value="%1$s"%2$s>%3$s</option>', esc_attr( $value ), selected( $settings['position'], $value, false ), esc_html( $label ) );
	}
	echo '</select>';
}

/**
 * Post types field.
 */
function sharepulse_field_post_types() {
	$settings = sharepulse_settings();
	echo '<fieldset>';
	foreach ( sharepulse_public_post_types() as $type ) {
		printf(
			'<label><input type="checkbox" name="%1$s[post_types][]" value="%2$s"%3$s /> %4$s</label><br />',
			esc_attr( SHAREPULSE_OPTION ),
			esc_attr( $type->name ),
			checked( in_array( $type->name, $settings['post_types'], true ), true, false ),
			esc_html( $type->labels->name )
		);
	}
	echo '</fieldset>';
}

/**
 * Home, archive and excerpt checkboxes.
 */
function sharepulse_field_lists() {
	$settings = sharepulse_settings();
	$flags    = array(
		'home'     => __( 'On the blog’s home page, one bar per post', 'sharepulse' ),
		'archives' => __( 'On archive and search pages (categories, tags, dates, authors)', 'sharepulse' ),
		'excerpts' => __( 'Where those lists show excerpts instead of whole posts, on the excerpts too', 'sharepulse' ),
	);
	echo '<fieldset>';
	foreach ( $flags as $name => $label ) {
		printf(
			'<label><input type="checkbox" name="%1$s[%2$s]" value="1"%3$s /> %4$s</label><br />',
			esc_attr( SHAREPULSE_OPTION ),
			esc_attr( $name ),
			checked( $settings[ $name ], true, false ),
			esc_html( $label )
		);
	}
	echo '</fieldset>';
}
