// The sprite's name and ratios, apart from its renderer (which reads font files), so that style documents and the
// browser can name the sprite without bundling the rasteriser.

/** Pixel ratios we publish: `name.json/.png` and `name@2x.json/.png`. */
export const SPRITE_RATIOS = [1, 2] as const;

/** The only sprite the styles use. */
export const SPRITE_NAME = 'sigmun';
