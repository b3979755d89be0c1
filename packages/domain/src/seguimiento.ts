// Seguimiento (follow-up) of the plan's projects: the edit form, progress reports with photos, uploaded documents,
// and the consistency rules the server enforces and the web form shows next to its fields (one set of rules).
import { Type, type Static } from '@sinclair/typebox';
import { INDICATOR_LEVELS } from './indicators.ts';
import { Problem } from './problem.ts';
import { PROJECT_STATUSES, ProjectCard, type ProjectStatus } from './projects.ts';
import { Nullable, StringEnum } from './schema.ts';

/** Photos one progress report may carry. */
export const AVANCE_MAX_FOTOS = 6;
/** Largest accepted photo upload, in bytes (10 MiB); larger → 413. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Largest accepted PDF upload, in bytes (25 MiB). */
export const DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;
/** Kinds of uploaded documents. */
export const DOCUMENT_TYPES = ['ficha', 'contrato', 'acta', 'expediente', 'plan', 'otro'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** Geometry types a project may have (drawn as point, line or polygon). */
export const PROJECT_GEOMETRY_TYPES = ['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON'] as const;

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Fecha AAAA-MM-DD' });
const Money = Type.Number({ minimum: 0, maximum: 1e12 });

/** A GeoJSON geometry in WGS84 (checked by PostGIS: type, validity, inside the municipality). */
export const GeometryInput = Type.Object({
  type: StringEnum(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon']),
  coordinates: Type.Array(Type.Unknown(), { minItems: 1 }),
}, { additionalProperties: false });

/** The project form: create (POST) and edit (PUT, with If-Match or `version`) send the whole project. */
export const ProjectInput = Type.Object({
  clave: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$' }),
  nombre: Type.String({ minLength: 3, maxLength: 300 }),
  descripcion: Nullable(Type.String({ maxLength: 4000 })),
  programa_id: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Programa del PMD (fija el eje)' }),
  dependencia: Type.String({ minLength: 2, maxLength: 200 }),
  estatus: StringEnum(PROJECT_STATUSES),
  avance: Type.Number({ minimum: 0, maximum: 100 }),
  presupuesto_aprobado: Money,
  presupuesto_ejercido: Money,
  justificacion_sobreejercicio: Nullable(Type.String({ maxLength: 2000 })),
  fecha_inicio: Nullable(IsoDate),
  fecha_fin: Nullable(IsoDate),
  anio: Type.Integer({ minimum: 1990, maximum: 2100 }),
  cve_col: Nullable(Type.String({ maxLength: 32, description: 'Colonia o zona' })),
  geometry: GeometryInput,
  /** The version the form was loaded at (instead of If-Match). */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });
export type ProjectInput = Static<typeof ProjectInput>;

/** The multipart text fields of a progress report (the photos travel as files named `foto`). */
export const AvanceFields = Type.Object({
  fecha: IsoDate,
  avance: Type.Number({ minimum: 0, maximum: 100 }),
  presupuesto_ejercido: Money,
  estatus: StringEnum(PROJECT_STATUSES),
  nota: Type.Optional(Type.String({ maxLength: 4000 })),
  justificacion: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
export type AvanceFields = Static<typeof AvanceFields>;

export const AvanceFoto = Type.Object({ url: Type.String(), thumb_url: Type.String(), ancho: Type.Integer(), alto: Type.Integer() });
export type AvanceFoto = Static<typeof AvanceFoto>;

/** One report in a project's history: who reported it (null for loaded history) and its photos. */
export const Avance = Type.Object({
  id: Type.Integer(),
  fecha: Type.String(),
  avance: Type.Number(),
  presupuesto_ejercido: Type.Number(),
  estatus: Nullable(StringEnum(PROJECT_STATUSES)),
  nota: Nullable(Type.String()),
  justificacion: Nullable(Type.String()),
  autor: Nullable(Type.String()),
  creado: Type.String(),
  fotos: Type.Array(AvanceFoto),
});
export type Avance = Static<typeof Avance>;

export const AvanceList = Type.Object({ project_id: Type.Integer(), items: Type.Array(Avance) });
export type AvanceList = Static<typeof AvanceList>;

/** One broken rule, for the field it belongs to; `code` + `params` let each client word it in its language. */
export const FieldProblem = Type.Object({
  field: Type.String(),
  code: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  message: Type.String(),
});
export type FieldProblem = Static<typeof FieldProblem>;

/** 400 of a form: the problem names the first field; `errores` lists every broken rule. */
export const FormProblem = Type.Intersect([Problem, Type.Object({ errores: Type.Optional(Type.Array(FieldProblem)) })]);
/** 409 of a stale save: the project as it is now, to show in the form. */
export const ConflictProblem = Type.Intersect([Problem, Type.Object({ actual: ProjectCard })]);

/** What the caller may do with one project (public route: anonymous callers get editar=false). */
export const ProjectPermissions = Type.Object({
  editar: Type.Boolean(),
  usuario: Nullable(Type.Object({ nombre: Type.String(), roles: Type.Array(Type.String()), dependencias: Type.Array(Type.String()) })),
  /** The session's anti-CSRF token (header x-csrf-token on writes), when signed in by cookie. */
  csrf: Nullable(Type.String()),
});
export type ProjectPermissions = Static<typeof ProjectPermissions>;

/** One document of the plan's library as every listing shows it (plan.documents: a project's or an area's). */
export const PlanDocument = Type.Object({
  id: Type.Integer(),
  titulo: Type.String(),
  tipo: Type.String(),
  url: Type.String(),
  fecha: Nullable(Type.String()),
  project_id: Nullable(Type.Integer()),
  area_nivel: Nullable(Type.String()),
  area_clave: Nullable(Type.String()),
});
export type PlanDocument = Static<typeof PlanDocument>;

/** The territorial levels a document can be filed under (plan.documents.area_nivel's CHECK). */
export const DocumentAreaLevel = StringEnum(INDICATOR_LEVELS);

export const UploadedDocument = Type.Object({
  ...PlanDocument.properties,
  bytes: Nullable(Type.Integer()),
  paginas_texto: Type.Boolean({ description: 'Si se extrajo texto del PDF para la búsqueda' }),
});
export type UploadedDocument = Static<typeof UploadedDocument>;

// ——— Consistency rules ———

type Params = Record<string, string | number>;
const MESSAGES_ES: Record<string, (p: Params) => string> = {
  concluido_100: (p) => `Un proyecto concluido tiene 100 % de avance (tiene ${p.avance} %).`,
  sobreejercicio: (p) => `El ejercido (${p.ejercido}) supera el aprobado (${p.aprobado}): escriba la justificación.`,
  fechas_orden: (p) => `La fecha de término (${p.fin}) es anterior a la de inicio (${p.inicio}).`,
  avance_baja: (p) => `El avance baja de ${p.de} % a ${p.a} %: explique el motivo en la nota.`,
  fecha_futura: (p) => `La fecha del reporte (${p.fecha}) es posterior a hoy (${p.hoy}).`,
  fecha_antes_inicio: (p) => `La fecha del reporte (${p.fecha}) es anterior al inicio del proyecto (${p.inicio}).`,
  fecha_antes_ultimo: (p) => `Ya hay un reporte más reciente (${p.ultimo}); los reportes van en orden de fecha.`,
};

/** The Spanish sentence for a rule code (the server's messages; the web client has its catalog keys). */
export function ruleMessageEs(code: string, params: Params): string {
  return MESSAGES_ES[code]?.(params) ?? code;
}

const problem = (field: string, code: string, params: Params): FieldProblem => ({ field, code, params, message: ruleMessageEs(code, params) });
const money = (n: number) => `$${n.toLocaleString('es-MX', { maximumFractionDigits: 2 })}`;
const blank = (s: string | null | undefined) => !s || !s.trim();

/** Rules of the project form: concluido ⇒ 100 %, ejercido > aprobado ⇒ justification, fin ≥ inicio. */
export function projectProblems(p: {
  estatus: ProjectStatus; avance: number; presupuesto_aprobado: number; presupuesto_ejercido: number;
  justificacion_sobreejercicio: string | null; fecha_inicio: string | null; fecha_fin: string | null;
}): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (p.estatus === 'concluido' && p.avance !== 100) out.push(problem('avance', 'concluido_100', { avance: p.avance }));
  if (p.presupuesto_ejercido > p.presupuesto_aprobado && blank(p.justificacion_sobreejercicio)) {
    out.push(problem('justificacion_sobreejercicio', 'sobreejercicio', { ejercido: money(p.presupuesto_ejercido), aprobado: money(p.presupuesto_aprobado) }));
  }
  if (p.fecha_inicio && p.fecha_fin && p.fecha_fin < p.fecha_inicio) out.push(problem('fecha_fin', 'fechas_orden', { inicio: p.fecha_inicio, fin: p.fecha_fin }));
  return out;
}

/**
 * Rules of a progress report against the project and its latest report: not in the future, not before the start
 * nor before the latest report, progress not decreasing without a note, concluido ⇒ 100 %, over-spending justified.
 */
export function avanceProblems(
  a: { fecha: string; avance: number; presupuesto_ejercido: number; estatus: ProjectStatus; nota?: string | null; justificacion?: string | null },
  project: { presupuesto_aprobado: number; fecha_inicio: string | null; justificacion_sobreejercicio?: string | null },
  latest: { fecha: string; avance: number } | null,
  today: string,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (a.fecha > today) out.push(problem('fecha', 'fecha_futura', { fecha: a.fecha, hoy: today }));
  else if (project.fecha_inicio && a.fecha < project.fecha_inicio) out.push(problem('fecha', 'fecha_antes_inicio', { fecha: a.fecha, inicio: project.fecha_inicio }));
  else if (latest && a.fecha < latest.fecha) out.push(problem('fecha', 'fecha_antes_ultimo', { ultimo: latest.fecha }));
  if (latest && a.avance < latest.avance && blank(a.nota)) out.push(problem('nota', 'avance_baja', { de: latest.avance, a: a.avance }));
  if (a.estatus === 'concluido' && a.avance !== 100) out.push(problem('avance', 'concluido_100', { avance: a.avance }));
  if (a.presupuesto_ejercido > project.presupuesto_aprobado && blank(a.justificacion) && blank(project.justificacion_sobreejercicio)) {
    out.push(problem('justificacion', 'sobreejercicio', { ejercido: money(a.presupuesto_ejercido), aprobado: money(project.presupuesto_aprobado) }));
  }
  return out;
}

/** The ETag of a project version, and the version an If-Match names (null when it names none). */
export const projectEtag = (version: number) => `"v${version}"`;
export function versionFromIfMatch(h: string | undefined): number | null {
  const m = /^\s*(?:W\/)?"v(\d{1,9})"\s*$/.exec(h ?? '');
  return m ? Number(m[1]) : null;
}
