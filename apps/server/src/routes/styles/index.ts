import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { CLASS_METHODS, MAX_CLASSES, MIN_CLASSES } from '@sigmun/domain/classify';
import { MAP_LEVELS, type MapLevel } from '@sigmun/domain/indicators';
import { StringEnum } from '@sigmun/domain/schema';
import { basemapStyle, cartographyStyle, indicatorStyle, STYLE_NAMES, type View } from '@sigmun/styles/documents';
import { RAMP_NAMES, THEMES, type RampName, type ThemeName } from '@sigmun/styles/palette';
import { badRequest, notFound } from '../../errors.ts';
import { notModified } from '../../lib/conditional.ts';
import { indicatorBreaks, indicatorValues } from '../../services/indicators.ts';

const Query = Type.Object(
  {
    theme: Type.Optional(StringEnum(Object.keys(THEMES) as ThemeName[], { description: 'Tema del mapa base (basemap)' })),
    code: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64, description: 'Clave del indicador (indicador)' })),
    year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
    level: Type.Optional(StringEnum(MAP_LEVELS)),
    method: Type.Optional(StringEnum(CLASS_METHODS)),
    classes: Type.Optional(Type.Integer({ minimum: MIN_CLASSES, maximum: MAX_CLASSES })),
    ramp: Type.Optional(StringEnum(RAMP_NAMES, { description: 'Rampa de color (viridis, cividis, ylgnbu, rdbu)' })),
  },
  { additionalProperties: false },
);
type Query = {
  theme?: ThemeName;
  code?: string;
  year?: number;
  level?: MapLevel;
  method?: (typeof CLASS_METHODS)[number];
  classes?: number;
  ramp?: RampName;
};

/** GET /styles — the style names; GET /styles/{name}.json — basemap, cartografia, indicador (MapLibre v8). */
const styles: FastifyPluginAsync = async (app) => {
  /** The municipality's centre and a zoom that shows it whole; null when there is no municipality loaded. */
  async function municipalView(): Promise<View | null> {
    try {
      const r = await app.territoryRepository.municipalExtent();
      if (!r) return null;
      // Metres per 256-px tile at z0 is the whole world (2·π·6378137); fit the extent in about 800 px.
      const span = Math.max(r.w, r.h, 1);
      const zoom = Math.min(15, Math.max(5, Math.log2((2 * Math.PI * 6378137 * 800) / (256 * span))));
      return { center: [Number(r.x.toFixed(6)), Number(r.y.toFixed(6))], zoom: Number(zoom.toFixed(2)) };
    } catch (err) {
      // The style is still usable without an initial view; the client then picks one.
      app.log.warn({ err }, 'sin vista inicial para el estilo');
      return null;
    }
  }

  app.get(
    '/styles',
    { schema: { tags: ['estilos'], summary: 'Estilos de mapa disponibles', response: { 200: Type.Array(Type.String()) } } },
    async () => [...STYLE_NAMES],
  );

  app.get(
    '/styles/:name.json',
    {
      schema: {
        tags: ['estilos'],
        summary: 'Documento de estilo MapLibre: basemap, cartografia o indicador (?code=&year=&level=&method=&classes=&ramp=)',
        params: Type.Object({ name: Type.String({ maxLength: 64 }) }),
        querystring: Query,
      },
    },
    async (req, reply) => {
      const { name } = req.params as { name: string };
      const q = req.query as Query;
      if (!(STYLE_NAMES as readonly string[]).includes(name)) throw notFound(`No existe el estilo "${name}"; disponibles: ${STYLE_NAMES.join(', ')}`);
      const origin = app.publicBase(req);
      if (name !== 'indicador') {
        for (const p of ['code', 'year', 'level', 'method', 'classes', 'ramp'] as const) {
          if (q[p] !== undefined) throw badRequest(p, `El parámetro "${p}" sólo aplica al estilo indicador`);
        }
      }
      if (name === 'cartografia' && q.theme !== undefined) throw badRequest('theme', 'El parámetro "theme" sólo aplica al estilo basemap');
      const view = (await municipalView()) ?? undefined;
      let style;
      if (name === 'basemap') style = basemapStyle(origin, { theme: q.theme, view });
      else if (name === 'cartografia') style = cartographyStyle(origin, { view });
      else {
        if (q.theme !== undefined) throw badRequest('theme', 'El estilo indicador usa siempre el mapa base gris');
        if (!q.code) throw badRequest('code', 'Falta la clave del indicador (?code=)');
        // The same functions as /api/indicators/{code}/breaks and /api/indicators/{code}: legend and map agree.
        const repo = app.indicatorsRepository;
        const breaks = await indicatorBreaks(repo, q.code, { level: q.level, year: q.year, method: q.method ?? 'quantile', classes: q.classes ?? 5 });
        const values = await indicatorValues(repo, q.code, { level: breaks.level as MapLevel, year: breaks.year });
        style = indicatorStyle(origin, {
          code: breaks.indicator,
          title: values.indicator.nombre,
          level: breaks.level as MapLevel,
          year: breaks.year,
          method: breaks.method,
          breaks: breaks.breaks,
          counts: breaks.counts,
          values: values.values,
          ramp: q.ramp ?? 'viridis',
          view,
        });
      }
      const body = JSON.stringify(style);
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      // Styles follow the data (initial view, indicator values): revalidate each time, cheaply, by ETag.
      reply.header('cache-control', 'no-cache').header('vary', 'host');
      if (notModified(req, reply, { etag })) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
};
export default styles;
