/**
 * Block editor side of kipp/nominees and kipp/ranking: settings in the
 * sidebar (data file from the Media Library or a URL, layout, limit,
 * region, year, language) and the real widget as preview (the server's
 * rendering, with the widget bundle loaded in the editor).
 * Plain ES2015 on the editor's globals: no build step.
 */
( function ( wp ) {
	const el = wp.element.createElement;
	const { __ } = wp.i18n;
	const { InspectorControls, MediaUpload, MediaUploadCheck, useBlockProps } = wp.blockEditor;
	const { PanelBody, TextControl, SelectControl, RangeControl, ToggleControl, Button, Placeholder } = wp.components;
	const ServerSideRender = wp.serverSideRender;
	const MIME = ( window.kippWidgetsEditor && window.kippWidgetsEditor.mime ) || 'application/json';

	function fileControls( props, label ) {
		const a = props.attributes;
		const set = props.setAttributes;
		return [
			el( MediaUploadCheck, { key: 'media' },
				el( MediaUpload, {
					allowedTypes: [ MIME ],
					value: a.mediaId || undefined,
					onSelect: ( m ) => set( { mediaId: m.id, src: m.url } ),
					render: ( o ) => el( Button, { variant: 'secondary', onClick: o.open },
						a.mediaId ? __( 'Ganti berkas data', 'kipp-widgets' ) : label ),
				} )
			),
			el( TextControl, {
				key: 'src',
				label: __( 'atau alamat (URL) berkas data', 'kipp-widgets' ),
				value: a.src,
				onChange: ( v ) => set( { src: v, mediaId: 0 } ),
			} ),
			el( SelectControl, {
				key: 'lang',
				label: __( 'Bahasa', 'kipp-widgets' ),
				value: a.lang,
				options: [
					{ label: __( 'Bahasa halaman', 'kipp-widgets' ), value: '' },
					{ label: 'Bahasa Indonesia', value: 'id' },
					{ label: 'English', value: 'en' },
				],
				onChange: ( v ) => set( { lang: v } ),
			} ),
		];
	}

	function preview( name, props, label ) {
		const a = props.attributes;
		if ( ! a.src && ! a.mediaId ) {
			return el( Placeholder, { icon: 'awards', label: label,
				instructions: __( 'Pilih atau unggah berkas data kipp (JSON) di pengaturan blok.', 'kipp-widgets' ) } );
		}
		return el( ServerSideRender, { block: name, attributes: a } );
	}

	wp.blocks.registerBlockType( 'kipp/nominees', {
		edit: function ( props ) {
			const a = props.attributes;
			const set = props.setAttributes;
			return el( 'div', useBlockProps(),
				el( InspectorControls, null,
					el( PanelBody, { title: __( 'Data dan tampilan', 'kipp-widgets' ) },
						fileControls( props, __( 'Pilih atau unggah nominees.json', 'kipp-widgets' ) ),
						el( SelectControl, {
							label: __( 'Tata letak', 'kipp-widgets' ),
							value: a.layout,
							options: [
								{ label: __( 'Kartu', 'kipp-widgets' ), value: 'cards' },
								{ label: __( 'Daftar', 'kipp-widgets' ), value: 'list' },
								{ label: __( 'Tabel', 'kipp-widgets' ), value: 'table' },
							],
							onChange: ( v ) => set( { layout: v } ),
						} ),
						el( RangeControl, {
							label: __( 'Batas jumlah (0 = semua)', 'kipp-widgets' ),
							value: a.limit, min: 0, max: 100,
							onChange: ( v ) => set( { limit: v || 0 } ),
						} ),
						el( TextControl, {
							label: __( 'Daerah (mis. Kabupaten Banyumas)', 'kipp-widgets' ),
							value: a.region, onChange: ( v ) => set( { region: v } ),
						} ),
						el( TextControl, {
							label: __( 'Tahun', 'kipp-widgets' ), type: 'number',
							value: a.year, onChange: ( v ) => set( { year: v } ),
						} ),
						el( SelectControl, {
							label: __( 'Tingkat judul nominasi', 'kipp-widgets' ),
							value: String( a.headingLevel || 2 ),
							options: [ 2, 3, 4, 5, 6 ].map( ( n ) => ( { label: 'H' + n, value: String( n ) } ) ),
							onChange: ( v ) => set( { headingLevel: parseInt( v, 10 ) } ),
						} )
					)
				),
				preview( 'kipp/nominees', props, __( 'Nominasi KIPP', 'kipp-widgets' ) )
			);
		},
		save: () => null,
	} );

	wp.blocks.registerBlockType( 'kipp/ranking', {
		edit: function ( props ) {
			const a = props.attributes;
			return el( 'div', useBlockProps(),
				el( InspectorControls, null,
					el( PanelBody, { title: __( 'Data dan tampilan', 'kipp-widgets' ) },
						fileControls( props, __( 'Pilih atau unggah ranking.json', 'kipp-widgets' ) ),
						el( ToggleControl, {
							label: __( 'Pengunjung boleh mencoba bobot lain (simulasi)', 'kipp-widgets' ),
							checked: !! a.simulate,
							onChange: ( v ) => props.setAttributes( { simulate: v } ),
						} )
					)
				),
				preview( 'kipp/ranking', props, __( 'Peringkat KIPP', 'kipp-widgets' ) )
			);
		},
		save: () => null,
	} );
} )( window.wp );
