// Types and pure functions shared by the server and the web client.
export * from './audit.ts';
export * from './auth.ts';
export * from './classify.ts';
export * from './indicators.ts';
export * from './layers.ts';
export * from './ogc.ts';
export * from './participation.ts';
export * from './projects.ts';
export * from './roles.ts';
export * from './search.ts';
export * from './health.ts';
export * from './seguimiento.ts';
