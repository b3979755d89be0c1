// Participación ciudadana: processes, per-zone results and proposals.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './schema.ts';


export const PROPOSAL_STATUSES = ['registrada', 'viable', 'no_viable', 'ganadora', 'en_ejecucion', 'concluida'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const Process = Type.Object({
  id: Type.Integer(),
  clave: Type.String(),
  nombre: Type.String(),
  tipo: Type.String(),
  anio: Type.Integer(),
  fecha_inicio: Nullable(Type.String()),
  fecha_fin: Nullable(Type.String()),
  presupuesto: Nullable(Type.Number()),
  descripcion: Nullable(Type.String()),
  zonas: Type.Integer(),
  propuestas: Type.Integer(),
});
export type Process = Static<typeof Process>;
export const ProcessList = Type.Object({ processes: Type.Array(Process) });
export type ProcessList = Static<typeof ProcessList>;

export const WinningProposal = Type.Object({
  id: Type.Integer(),
  folio: Type.String(),
  titulo: Type.String(),
  votos: Type.Integer(),
  project_id: Nullable(Type.Integer()),
});

export const ZoneResult = Type.Object({
  zone_id: Type.Integer(),
  clave: Type.String(),
  nombre: Type.String(),
  lista_nominal: Nullable(Type.Integer()),
  participantes: Nullable(Type.Integer()),
  /** participantes / lista_nominal × 100; null without results or with an empty roll. */
  participacion: Nullable(Type.Number()),
  votos_validos: Nullable(Type.Integer()),
  votos_nulos: Nullable(Type.Integer()),
  ganadora: Type.Union([WinningProposal, Type.Null()]),
});
export type ZoneResult = Static<typeof ZoneResult>;

export const ProcessResults = Type.Object({
  process: Process,
  totales: Type.Object({
    lista_nominal: Type.Integer(),
    participantes: Type.Integer(),
    participacion: Nullable(Type.Number()),
    votos_validos: Type.Integer(),
    votos_nulos: Type.Integer(),
  }),
  zones: Type.Array(ZoneResult),
});
export type ProcessResults = Static<typeof ProcessResults>;

export const ZoneAtPoint = Type.Object({
  process: Type.Object({ id: Type.Integer(), clave: Type.String(), nombre: Type.String(), anio: Type.Integer() }),
  zone: ZoneResult,
  /** Zone outline, GeoJSON geometry in WGS84. */
  geometry: Type.Unknown(),
});
export type ZoneAtPoint = Static<typeof ZoneAtPoint>;
