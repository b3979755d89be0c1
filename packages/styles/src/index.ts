// MapLibre styles as typed functions, the palette and ramps the client's legends share, fonts and sprites.
export * from './palette.ts';
export * from './fonts.ts';
export * from './expressions.ts';
export * from './basemap.ts';
export * from './cartography.ts';
export * from './classes.ts';
export * from './choropleth.ts';
export * from './legend.ts';
export * from './documents.ts';
export { ICON_PREFIX, ICON_SIZE, iconDefinitions } from './sprites/icons.ts';
export { SPRITE_NAME, SPRITE_RATIOS } from './sprites/sprite.ts';
export * from './rules.ts';
export * from './site.ts';
