/* The share bar block in the editor: the server's rendering as preview, options in the sidebar. Plain script on
   the editor's globals (wp.blocks, wp.element, ...): no build step. */
( function ( wp ) {
	var el = wp.element.createElement;
	var __ = wp.i18n.__;
	var InspectorControls = wp.blockEditor.InspectorControls;
	var useBlockProps = wp.blockEditor.useBlockProps;
	var PanelBody = wp.components.PanelBody;
	var TextControl = wp.components.TextControl;
	var SelectControl = wp.components.SelectControl;
	var ServerSideRender = wp.serverSideRender;

	function choice( label, value, options, onChange ) {
		return el( SelectControl, {
			label: label,
			value: value,
			options: [ { label: __( 'The site’s choice', 'sharepulse' ), value: '' } ].concat( options ),
			onChange: onChange,
		} );
	}

	wp.blocks.registerBlockType( 'sharepulse/share-bar', {
		edit: function ( props ) {
			var a = props.attributes;
			var set = function ( name ) {
				return function ( value ) {
					var change = {};
					change[ name ] = value;
					props.setAttributes( change );
				};
			};
			var onOff = [ { label: __( 'On', 'sharepulse' ), value: 'on' }, { label: __( 'Off', 'sharepulse' ), value: 'off' } ];
			return el(
				'div',
				useBlockProps(),
				el(
					InspectorControls,
					null,
					el(
						PanelBody,
						{ title: __( 'Share bar', 'sharepulse' ) },
						el( TextControl, { label: __( 'Address to share', 'sharepulse' ), help: __( 'Empty: this post.', 'sharepulse' ), type: 'url', value: a.url, onChange: set( 'url' ) } ),
						el( TextControl, { label: __( 'Title', 'sharepulse' ), help: __( 'Empty: the post’s title.', 'sharepulse' ), value: a.title, onChange: set( 'title' ) } ),
						el( TextControl, { label: __( 'Networks, in order', 'sharepulse' ), help: __( 'e.g. bluesky,mastodon,reddit,email. Empty: the site’s list.', 'sharepulse' ), value: a.networks, onChange: set( 'networks' ) } ),
						choice( __( 'Theme', 'sharepulse' ), a.theme, [ { label: __( 'Light', 'sharepulse' ), value: 'light' }, { label: __( 'Dark', 'sharepulse' ), value: 'dark' }, { label: __( 'Follow the reader', 'sharepulse' ), value: 'auto' } ], set( 'theme' ) ),
						choice( __( 'Layout', 'sharepulse' ), a.layout, [ { label: __( 'Horizontal', 'sharepulse' ), value: 'horizontal' }, { label: __( 'Vertical', 'sharepulse' ), value: 'vertical' } ], set( 'layout' ) ),
						choice( __( 'Size', 'sharepulse' ), a.size, [ { label: 'S', value: 's' }, { label: 'M', value: 'm' }, { label: 'L', value: 'l' } ], set( 'size' ) ),
						choice( __( 'Counts', 'sharepulse' ), a.counts, onOff, set( 'counts' ) ),
						choice( __( 'Labels', 'sharepulse' ), a.labels, onOff, set( 'labels' ) )
					)
				),
				el( ServerSideRender, { block: 'sharepulse/share-bar', attributes: a } )
			);
		},
		save: function () {
			return null;
		},
	} );
} )( window.wp );
