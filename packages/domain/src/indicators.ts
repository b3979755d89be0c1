// The statistics bank: indicator catalog, values per unit, class breaks, change and area summaries.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './schema.ts';
import { CLASS_METHODS } from './classify.ts';

export const INDICATOR_LEVELS = ['manzana', 'ageb', 'colonia', 'localidad', 'municipio'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];
/** Levels a map can colour (the municipio is one polygon). */
export const MAP_LEVELS = ['manzana', 'ageb', 'colonia', 'localidad'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];


export const Indicator = Type.Object({
  code: Type.String(),
  nombre: Type.String(),
  nombre_en: Nullable(Type.String()),
  descripcion: Nullable(Type.String()),
  tema: Type.String(),
  unidad: Type.String(),
  fuente: Type.String(),
  niveles: Type.Array(Type.String()),
  anios: Type.Array(Type.Integer()),
  agregacion: Type.Union([Type.Literal('sum'), Type.Literal('mean'), Type.Literal('ratio')]),
  numerador: Nullable(Type.String()),
  denominador: Nullable(Type.String()),
  decimales: Type.Integer(),
  mayor_es_mejor: Nullable(Type.Boolean()),
});
export type Indicator = Static<typeof Indicator>;

export const IndicatorList = Type.Object({ indicators: Type.Array(Indicator) });
export type IndicatorList = Static<typeof IndicatorList>;

export const IndicatorValue = Type.Object({
  clave: Type.String(),
  nombre: Nullable(Type.String()),
  valor: Nullable(Type.Number()),
  /** Why valor is null: 'confidencial' (INEGI '*'), 'no_disponible' (N/D), 'no_aplica'. */
  flag: Nullable(Type.String()),
  /** 1 = highest value (or lowest when sort=asc); null for null values. */
  rank: Nullable(Type.Integer()),
});
export type IndicatorValue = Static<typeof IndicatorValue>;

export const IndicatorValues = Type.Object({
  indicator: Indicator,
  level: Type.String(),
  year: Type.Integer(),
  /** Units with a value row at this level and year (including the flagged ones). */
  total: Type.Integer(),
  nulls: Type.Integer(),
  values: Type.Array(IndicatorValue),
});
export type IndicatorValues = Static<typeof IndicatorValues>;

export const IndicatorBreaks = Type.Object({
  indicator: Type.String(),
  level: Type.String(),
  year: Type.Integer(),
  method: StringEnum(CLASS_METHODS),
  classes: Type.Integer(),
  breaks: Type.Array(Type.Number()),
  counts: Type.Array(Type.Integer()),
  nulls: Type.Integer(),
  total: Type.Integer(),
});
export type IndicatorBreaks = Static<typeof IndicatorBreaks>;

export const IndicatorChangeValue = Type.Object({
  clave: Type.String(),
  nombre: Nullable(Type.String()),
  desde: Nullable(Type.Number()),
  hasta: Nullable(Type.Number()),
  absoluta: Nullable(Type.Number()),
  /** Percentage change; null when the base is 0 or missing. */
  relativa: Nullable(Type.Number()),
});
export type IndicatorChangeValue = Static<typeof IndicatorChangeValue>;

export const IndicatorChange = Type.Object({
  indicator: Type.String(),
  level: Type.String(),
  from: Type.Integer(),
  to: Type.Integer(),
  values: Type.Array(IndicatorChangeValue),
});
export type IndicatorChange = Static<typeof IndicatorChange>;

export const AreaIndicator = Type.Object({
  code: Type.String(),
  nombre: Type.String(),
  unidad: Type.String(),
  agregacion: Type.String(),
  anio: Type.Integer(),
  /** A sum (people, dwellings) is a whole number; means and ratios keep the indicator's decimals. */
  valor: Nullable(Type.Number()),
  /** Decimals to show the value with (0 for counts). */
  decimales: Type.Integer({ minimum: 0 }),
  /** True when part of a unit was apportioned by area: the figure is an estimate, not a census count. */
  estimado: Type.Boolean(),
  /** Share (0–1) of the polygon's area covered by units with a value. */
  cobertura: Type.Number(),
});
export type AreaIndicator = Static<typeof AreaIndicator>;

export const AreaStats = Type.Object({
  area_m2: Type.Number(),
  /** Share (0–1) of the polygon inside the municipality's statistical units. */
  cobertura: Type.Number(),
  indicators: Type.Array(AreaIndicator),
});
export type AreaStats = Static<typeof AreaStats>;
