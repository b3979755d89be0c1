// Citizen proposals in an open participation process: submission, the public page (with the project it became),
// supports (apoyos) one per device, the ranking per zone, and the planner's "make it a project".
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './schema.ts';
import { CitizenContact, MODERATION_STATES, SUBMISSION_LIMITS } from './participation-reports.ts';
import { PROPOSAL_STATUSES } from './participation.ts';

/** Limits of a proposal and of supports, shared by the server and the web form. */
export const PROPOSAL_LIMITS = {
  tituloMin: 5,
  tituloMax: 150,
  descripcionMin: 10,
  descripcionMax: 4000,
  /** Defaults when a process's `reglas` do not say otherwise. */
  propuestasPorDispositivo: 5,
  apoyosPorIpPorHora: 60,
} as const;

/** Categories the proposal form offers (a process may narrow them in its `reglas`; the server takes any short text). */
export const PROPOSAL_CATEGORIES = ['Infraestructura urbana', 'Alumbrado', 'Áreas verdes', 'Seguridad', 'Deporte', 'Cultura', 'Movilidad'] as const;

export const ProposalSubmission = Type.Object({
  titulo: Type.String({ minLength: PROPOSAL_LIMITS.tituloMin, maxLength: PROPOSAL_LIMITS.tituloMax }),
  descripcion: Type.String({ minLength: PROPOSAL_LIMITS.descripcionMin, maxLength: PROPOSAL_LIMITS.descripcionMax }),
  categoria: Type.String({ minLength: 2, maxLength: 60 }),
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -85, maximum: 85 }),
  foto: Type.Optional(Type.String({ maxLength: SUBMISSION_LIMITS.fotoBase64Max })),
  ...CitizenContact,
}, { additionalProperties: false });
export type ProposalSubmission = Static<typeof ProposalSubmission>;

export const LinkedProject = Type.Object({
  id: Type.Integer(),
  clave: Type.String(),
  nombre: Type.String(),
  estatus: Type.String(),
  avance: Type.Number(),
  fecha_fin: Nullable(Type.String()),
});
export type LinkedProject = Static<typeof LinkedProject>;

/** A proposal as the public sees it (once approved; its author sees it pending by folio). No personal data. */
export const PublicProposal = Type.Object({
  id: Type.Integer(),
  folio: Type.String(),
  titulo: Type.String(),
  descripcion: Nullable(Type.String()),
  categoria: Type.String(),
  estatus: StringEnum(PROPOSAL_STATUSES),
  moderacion: StringEnum(MODERATION_STATES),
  motivo_rechazo: Nullable(Type.String()),
  proceso: Type.Object({ clave: Type.String(), nombre: Type.String() }),
  zona: Nullable(Type.Object({ clave: Type.String(), nombre: Type.String() })),
  apoyos: Type.Integer(),
  votos: Type.Integer(),
  lon: Type.Number(),
  lat: Type.Number(),
  foto: Nullable(Type.String()),
  proyecto: Nullable(LinkedProject),
});
export type PublicProposal = Static<typeof PublicProposal>;

export const ProposalRef = Type.Object({ folio: Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }) });

export const SupportResult = Type.Object({ folio: Type.String(), apoyos: Type.Integer(), nuevo: Type.Boolean() });
export type SupportResult = Static<typeof SupportResult>;

export const RankedProposal = Type.Object({
  id: Type.Integer(),
  folio: Type.String(),
  titulo: Type.String(),
  estatus: Type.String(),
  apoyos: Type.Integer(),
  votos: Type.Integer(),
  /** The zone's winner in the official results, or the most supported when there are none yet. */
  ganadora: Type.Boolean(),
  proyecto: Nullable(LinkedProject),
});
export const ZoneRanking = Type.Object({
  zone_id: Type.Integer(),
  clave: Type.String(),
  nombre: Type.String(),
  propuestas: Type.Array(RankedProposal),
});
export const ProcessRanking = Type.Object({
  proceso: Type.Object({ clave: Type.String(), nombre: Type.String(), recibe_propuestas: Type.Boolean(), recibe_apoyos: Type.Boolean() }),
  zonas: Type.Array(ZoneRanking),
});
export type ProcessRanking = Static<typeof ProcessRanking>;

/** Body of POST /api/participation/proposals/{id}/proyecto (planeacion): what the proposal does not say. */
export const ProposalToProject = Type.Object({
  programa_id: Type.Integer({ minimum: 1 }),
  dependencia: Type.String({ minLength: 2, maxLength: 120 }),
  nombre: Type.Optional(Type.String({ minLength: 5, maxLength: 200 })),
  presupuesto_aprobado: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  anio: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
}, { additionalProperties: false });
export type ProposalToProject = Static<typeof ProposalToProject>;

export const ProposalProjectResult = Type.Object({ proposal_id: Type.Integer(), project: LinkedProject });
