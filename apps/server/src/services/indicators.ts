// What the indicator routes answer, as functions: the legend endpoint and the published choropleth style call the
// same code, so the style's classes are exactly the breaks /api/indicators/{code}/breaks returns.
import { classify, type ClassMethod } from '@sigmun/domain/classify';
import { MAP_LEVELS, type IndicatorBreaks, type IndicatorValues, type MapLevel } from '@sigmun/domain/indicators';
import type { FastifyInstance } from 'fastify';
import { badRequest, notFound } from '../errors.ts';

type Repo = FastifyInstance['indicatorsRepository'];

/** Resolves the indicator, the level (default: AGEB when published, else the finest map level) and the year; 404/400 otherwise. */
export async function resolveIndicator(repo: Repo, code: string, level: MapLevel | undefined, year: number | undefined) {
  const ind = await repo.get(code);
  if (!ind) throw notFound(`No existe el indicador "${code}"`);
  const published = MAP_LEVELS.filter((l) => ind.niveles.includes(l));
  const lvl = level ?? (published.includes('ageb') ? 'ageb' : published[0]);
  if (!lvl || !ind.niveles.includes(lvl)) {
    throw badRequest('level', `El indicador "${code}" no se publica a nivel ${level ?? 'de mapa'}; niveles: ${ind.niveles.join(', ')}`);
  }
  const years = await repo.years(code, lvl);
  const yr = year ?? years[0];
  if (yr === undefined || !years.includes(yr)) {
    throw badRequest('year', `No hay valores de "${code}" a nivel ${lvl} para ${year ?? 'ningún año'}; años: ${years.join(', ') || 'ninguno'}`);
  }
  return { ind, level: lvl, year: yr, years };
}

/** Values of an indicator by unit with ranks, and how many units there are and how many are null. */
export async function indicatorValues(
  repo: Repo, code: string, q: { level?: MapLevel; year?: number; sort?: 'asc' | 'desc'; limit?: number },
): Promise<IndicatorValues> {
  const { ind, level, year } = await resolveIndicator(repo, code, q.level, q.year);
  const values = await repo.values(ind.code, level, year, q.sort ?? null, q.limit ?? null);
  const counts = await repo.raw(ind.code, level, year);
  return { indicator: ind, level, year, total: counts.length, nulls: counts.filter((v) => v === null).length, values };
}

/** Class breaks of an indicator (quantile and 5 classes unless asked otherwise) with the units per class. */
export async function indicatorBreaks(
  repo: Repo, code: string, q: { level?: MapLevel; year?: number; method?: ClassMethod; classes?: number },
): Promise<IndicatorBreaks> {
  const { ind, level, year } = await resolveIndicator(repo, code, q.level, q.year);
  const c = classify(await repo.raw(ind.code, level, year), q.method ?? 'quantile', q.classes ?? 5);
  return { indicator: ind.code, level, year, ...c };
}
