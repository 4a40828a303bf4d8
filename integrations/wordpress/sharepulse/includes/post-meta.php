<?php
/**
 * The per-post opt-out: our own `_sharepulse_disabled` meta (registered, so the block editor and the REST API
 * can read and write it), and the `sharing_disabled` meta Jetpack Sharing and AddToAny leave on posts, honoured
 * as it is and never written or removed by this plugin.
 *
 * @package Sharepulse
 */

defined( 'ABSPATH' ) || exit;

/** Our opt-out meta key (protected: the underscore keeps it out of the Custom Fields box). */
const SHAREPULSE_DISABLED_META = '_sharepulse_disabled';

/** The opt-out Jetpack Sharing and AddToAny store; read only. */
const SHAREPULSE_FOREIGN_DISABLED_META = 'sharing_disabled';

// Late on init, so post types other plugins register on init are there.
add_action( 'init', 'sharepulse_register_post_meta', 20 );
add_action( 'add_meta_boxes', 'sharepulse_add_meta_box' );
add_action( 'save_post', 'sharepulse_save_meta_box', 10, 2 );

/**
 * Registers the opt-out for every public post type.
 */
function sharepulse_register_post_meta() {
	foreach ( array_keys( sharepulse_public_post_types() ) as $type ) {
		register_post_meta(
			$type,
			SHAREPULSE_DISABLED_META,
			array(
				'type'              => 'boolean',
				'description'       => __( 'Hide the share buttons on this post.', 'sharepulse' ),
				'single'            => true,
				'default'           => false,
				'show_in_rest'      => true,
				'sanitize_callback' => 'rest_sanitize_boolean',
				'auth_callback'     => 'sharepulse_can_edit_meta',
			)
		);
	}
}

/**
 * Who may change a post's opt-out: whoever may edit the post.
 *
 * @param bool   $allowed  Whether the user can add the meta (ignored).
 * @param string $meta_key The key.
 * @param int    $post_id  The post.
 * @return bool
 */
function sharepulse_can_edit_meta( $allowed, $meta_key, $post_id ) {
	return current_user_can( 'edit_post', $post_id );
}

/**
 * Whether the post's author or editor turned its automatic bars off, here or in Jetpack / AddToAny.
 *
 * @param WP_Post $post The post.
 * @return bool
 */
function sharepulse_post_opted_out( $post ) {
	return (bool) get_post_meta( $post->ID, SHAREPULSE_DISABLED_META, true )
		|| (bool) get_post_meta( $post->ID, SHAREPULSE_FOREIGN_DISABLED_META, true );
}

/**
 * The "Share buttons" box in the post editor's sidebar (the block editor shows it too, under the settings).
 */
function sharepulse_add_meta_box() {
	$types = array_keys( sharepulse_public_post_types() );
	add_meta_box( 'sharepulse', __( 'Share buttons', 'sharepulse' ), 'sharepulse_render_meta_box', $types, 'side', 'default' );
}

/**
 * The box: one checkbox, and a note when Jetpack or AddToAny already turned sharing off for the post.
 *
 * @param WP_Post $post The post being edited.
 */
function sharepulse_render_meta_box( $post ) {
	wp_nonce_field( 'sharepulse_meta_box', 'sharepulse_meta_box_nonce' );
	$disabled = (bool) get_post_meta( $post->ID, SHAREPULSE_DISABLED_META, true );
	?>
	<p>
		<label>
			<input type="checkbox" name="sharepulse_disabled" value="1"<?php checked( $disabled ); ?> />
			<?php esc_html_e( 'Hide the share buttons on this post', 'sharepulse' ); ?>
		</label>
	</p>
	<?php if ( get_post_meta( $post->ID, SHAREPULSE_FOREIGN_DISABLED_META, true ) ) : ?>
		<p class="description">
			<?php
			echo wp_kses(
				__( 'Sharing was turned off for this post in Jetpack or AddToAny (the <code>sharing_disabled</code> custom field), and Sharepulse honours that. Remove that custom field to show the buttons again.', 'sharepulse' ),
				array( 'code' => array() )
			);
			?>
		</p>
	<?php endif; ?>
	<p class="description"><?php esc_html_e( 'Only the automatic buttons: a share bar block or shortcode in the post stays.', 'sharepulse' ); ?></p>
	<?php
}

/**
 * Saves the box, from the classic editor's form or the block editor's meta box request alike: only with our
 * nonce, only for users who may edit the post, never for autosaves or revisions.
 *
 * @param int     $post_id The post.
 * @param WP_Post $post    The post.
 */
function sharepulse_save_meta_box( $post_id, $post ) {
	if ( ! isset( $_POST['sharepulse_meta_box_nonce'] ) ) {
		return;
	}
	$nonce = sanitize_text_field( wp_unslash( $_POST['sharepulse_meta_box_nonce'] ) );
	if ( ! wp_verify_nonce( $nonce, 'sharepulse_meta_box' ) ) {
		return;
	}
	if ( ( defined( 'DOING_AUTOSAVE' ) && DOING_AUTOSAVE ) || wp_is_post_revision( $post_id ) || wp_is_post_autosave( $post_id ) ) {
		return;
	}
	if ( ! $post instanceof WP_Post || ! current_user_can( 'edit_post', $post_id ) ) {
		return;
	}
	if ( ! empty( $_POST['sharepulse_disabled'] ) ) {
		update_post_meta( $post_id, SHAREPULSE_DISABLED_META, true );
	} else {
		delete_post_meta( $post_id, SHAREPULSE_DISABLED_META );
	}
}
