// The forms the panels and stores read. The server's answers are typed by @sigmun/domain (see client.ts, which maps
// them here in one place); enumerations are the domain's own, never copies.

import type { LayerCatalogEntry } from '@sigmun/domain/layers';
import type { MapLevel } from '@sigmun/domain/indicators';

export type { LayerGroup, LayerProperty } from '@sigmun/domain/layers';
export { PROJECT_STATUSES, type ProjectStatus } from '@sigmun/domain/projects';
/** A catalog entry as GET /api/layers returns it (with its data version and data set). */
export type LayerInfo = LayerCatalogEntry;

export interface DatasetInfo {
  kind: 'demo' | 'real';
  name: string | null;
  /** Who produced the data set (for demo data: SIG Municipal's generator). */
  source: string | null;
  /** Date of the data set (ISO yyyy-mm-dd). */
  date: string | null;
}

/** The map levels the indicator panel offers (manzanas are too fine for a city-wide choropleth). */
export type Level = Extract<MapLevel, 'ageb' | 'colonia' | 'localidad'>;
export const LEVELS: readonly Level[] = ['ageb', 'colonia', 'localidad'];

export interface IndicatorInfo {
  code: string;
  name: string;
  nameEn: string | null;
  unit: string;
  source: string;
  levels: string[];
  years: number[];
  decimals: number;
  higherIsBetter: boolean | null;
}

export interface IndicatorValue {
  key: string;
  name: string | null;
  value: number | null;
  flag: string | null;
}

export interface ChangeValue {
  key: string;
  name: string | null;
  from: number | null;
  to: number | null;
  absolute: number | null;
  relative: number | null;
}

export interface SearchHit {
  type: string;
  id: string;
  label: string;
  detail: string | null;
  center: [number, number];
  bbox: [number, number, number, number] | null;
}


export interface NearProject {
  id: number;
  name: string;
  status: string;
  distanceM: number;
  /** Minutes on foot along the streets (walking searches only). */
  walkMin: number | null;
  lon: number;
  lat: number;
  eje: string | null;
  ejeColor: string | null;
  programa: string | null;
  dependency: string | null;
}

export interface ProjectCard {
  id: number;
  clave: string;
  name: string;
  description: string | null;
  status: string;
  progress: number;
  budgetApproved: number;
  budgetSpent: number;
  start: string | null;
  end: string | null;
  year: number | null;
  eje: string | null;
  programa: string | null;
  dependency: string | null;
  history: Array<{ date: string; progress: number; spent: number; note: string | null }>;
  documents: Array<{ title: string; url: string; date: string | null }>;
  proposal: { id: number; folio: string; title: string; process: string | null; status: string | null; votes: number | null } | null;
  center: [number, number] | null;
  /** The colonia the project lies in (its territory in the tablero), when it has one. */
  colonia: { clave: string; nombre: string | null } | null;
}

export interface ProjectFilters {
  status: string[];
  eje: number | null;
  programa: number | null;
  dependency: string | null;
  year: number | null;
}

export interface FilterOptions {
  ejes: Array<{ id: number; name: string }>;
  programas: Array<{ id: number; name: string; eje: number | null }>;
  dependencies: string[];
  years: number[];
}

export interface ParticipationProcess {
  id: number;
  clave: string;
  name: string;
  year: number;
  type: string;
}

export interface ZoneResult {
  zoneId: number;
  name: string;
  participation: number | null;
  votes: number | null;
}

/** Totals of a participation process over all its zones. */
export interface ProcessTotals {
  roll: number | null;
  participants: number | null;
  participation: number | null;
  validVotes: number | null;
}
