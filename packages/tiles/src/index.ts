// Public surface of @sigmun/tiles.
export * from './source.ts';
export * from './tile-coords.ts';
export * from './mvt-sql.ts';
export * from './postgis-source.ts';
export * from './tile-cache.ts';
export * from './layer-versions.ts';
export * from './tile-service.ts';
