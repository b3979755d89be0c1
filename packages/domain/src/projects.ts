// Plan Municipal de Desarrollo: projects, their card, the ejes tree and proximity results.
import { Type, type Static } from '@sinclair/typebox';
import { numericLimit } from './pg-values.ts';
import { Nullable, StringEnum } from './schema.ts';

export const PROJECT_STATUSES = ['planeado', 'en_proceso', 'concluido', 'suspendido', 'cancelado'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planeado: 'Planeado',
  en_proceso: 'En proceso',
  concluido: 'Concluido',
  suspendido: 'Suspendido',
  cancelado: 'Cancelado',
};

const LonLat = Type.Tuple([Type.Number(), Type.Number()]);

export const ProjectSummary = Type.Object({
  id: Type.Integer(),
  clave: Type.String(),
  nombre: Type.String(),
  programa: Type.Object({ id: Type.Integer(), clave: Type.String(), nombre: Type.String() }),
  eje: Type.Object({ id: Type.Integer(), nombre: Type.String(), color: Type.String() }),
  dependencia: Type.String(),
  estatus: StringEnum(PROJECT_STATUSES),
  avance: Type.Number(),
  presupuesto_aprobado: Type.Number(),
  presupuesto_ejercido: Type.Number(),
  fecha_inicio: Nullable(Type.String()),
  fecha_fin: Nullable(Type.String()),
  anio: Type.Integer(),
  cve_col: Nullable(Type.String()),
  /** A point on the project's geometry, [lon, lat] WGS84. */
  centroid: LonLat,
});
export type ProjectSummary = Static<typeof ProjectSummary>;

export const ProjectList = Type.Object({
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(ProjectSummary),
});
export type ProjectList = Static<typeof ProjectList>;

export const ProjectProgress = Type.Object({
  id: Type.Integer(),
  fecha: Type.String(),
  avance: Type.Number(),
  presupuesto_ejercido: Type.Number(),
  nota: Nullable(Type.String()),
  estatus: Nullable(StringEnum(PROJECT_STATUSES)),
  justificacion: Nullable(Type.String()),
  /** Who reported it (display name); null for history loaded with the data. */
  autor: Nullable(Type.String()),
  /** Photo evidence: published image and thumbnail URLs. */
  fotos: Type.Array(Type.Object({ url: Type.String(), thumb_url: Type.String(), ancho: Type.Integer(), alto: Type.Integer() })),
});
export const ProjectDocument = Type.Object({
  id: Type.Integer(),
  titulo: Type.String(),
  tipo: Type.String(),
  url: Type.String(),
  fecha: Nullable(Type.String()),
});
export type ProjectDocument = Static<typeof ProjectDocument>;
export const ProjectProposalLink = Type.Object({
  id: Type.Integer(),
  folio: Type.String(),
  titulo: Type.String(),
  estatus: Type.String(),
  votos: Type.Integer(),
  proceso: Type.Object({ clave: Type.String(), nombre: Type.String(), anio: Type.Integer() }),
});

export const ProjectCard = Type.Intersect([
  ProjectSummary,
  Type.Object({
    descripcion: Nullable(Type.String()),
    colonia: Nullable(Type.String()),
    updated_at: Type.String(),
    /** Optimistic-concurrency version (ETag "v<version>"); bumped by every change. */
    version: Type.Integer(),
    /** Why ejercido exceeds aprobado, when it does (the card flags it). */
    justificacion_sobreejercicio: Nullable(Type.String()),
    /** GeoJSON geometry in WGS84. */
    geometry: Type.Unknown(),
    progreso: Type.Array(ProjectProgress),
    documentos: Type.Array(ProjectDocument),
    propuestas: Type.Array(ProjectProposalLink),
  }),
]);
export type ProjectCard = Static<typeof ProjectCard>;

export const ProjectPatch = Type.Object(
  {
    estatus: Type.Optional(StringEnum(PROJECT_STATUSES)),
    avance: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    // numeric(14, 2) in plan.projects: a larger figure would overflow the column.
    presupuesto_ejercido: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: numericLimit(14, 2) })),
    /** A progress note: recorded in the project's progress for today, with the avance and budget after the edit. */
    nota: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    /** Required when ejercido ends above aprobado (the seguimiento rules apply to this edit too). */
    justificacion_sobreejercicio: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    /** GeoJSON geometry in WGS84. */
    geometry: Type.Optional(Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ProjectPatch = Static<typeof ProjectPatch>;

export const EjeTree = Type.Object({
  ejes: Type.Array(
    Type.Object({
      id: Type.Integer(),
      nombre: Type.String(),
      descripcion: Nullable(Type.String()),
      color: Type.String(),
      proyectos: Type.Integer(),
      programas: Type.Array(Type.Object({ id: Type.Integer(), clave: Type.String(), nombre: Type.String(), proyectos: Type.Integer() })),
    }),
  ),
});
export type EjeTree = Static<typeof EjeTree>;

export const NearProject = Type.Intersect([ProjectSummary, Type.Object({
  distance_m: Type.Number(),
  walk_min: Type.Optional(Nullable(Type.Number({ description: 'Minutos a pie por las calles (solo con walk_minutes)' }))),
})]);
export type NearProject = Static<typeof NearProject>;

export const NearProjects = Type.Object({
  origin: LonLat,
  radius_m: Nullable(Type.Number()),
  walk_minutes: Nullable(Type.Number()),
  items: Type.Array(NearProject),
});
export type NearProjects = Static<typeof NearProjects>;

/** A walking isochrone: GeoJSON Feature (Polygon/MultiPolygon, WGS84). */
export const Isochrone = Type.Object({
  type: Type.Literal('Feature'),
  geometry: Type.Unknown(),
  properties: Type.Object({
    minutes: Type.Number(),
    nodes: Type.Integer(),
    origin: LonLat,
    velocidad_m_min: Type.Number(),
  }),
});
export type Isochrone = Static<typeof Isochrone>;

/** Walking speed: 4.5 km/h. */
export const WALK_M_PER_MIN = 75;
