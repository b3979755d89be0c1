// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON only, for citizen reports: the shapes of
// services, service requests and errors as the specification names them, so existing Open311 apps connect.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema.ts';
import type { ReportStatus } from './participation-reports.ts';

/** Open311 has two statuses; ours map onto them (status_notes carry the detail). */
export const OPEN311_STATUS: Record<ReportStatus, 'open' | 'closed'> = {
  recibido: 'open', en_revision: 'open', en_atencion: 'open', atendido: 'closed', rechazado: 'closed',
};

export const Open311Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  /** Whether the service has attributes (GET service definition); ours have none. */
  metadata: Type.Boolean(),
  type: Type.Union([Type.Literal('realtime'), Type.Literal('batch'), Type.Literal('blackbox')]),
  /** Comma-separated. */
  keywords: Type.String(),
  group: Type.String(),
});
export type Open311Service = Static<typeof Open311Service>;
export const Open311ServiceList = Type.Array(Open311Service);

export const Open311Request = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Nullable(Type.String()),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Nullable(Type.String()),
  agency_responsible: Nullable(Type.String()),
  service_notice: Nullable(Type.String()),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Nullable(Type.String()),
  address: Nullable(Type.String()),
  address_id: Nullable(Type.String()),
  zipcode: Nullable(Type.String()),
  lat: Type.Number(),
  long: Type.Number(),
  media_url: Nullable(Type.String()),
});
export type Open311Request = Static<typeof Open311Request>;
export const Open311RequestList = Type.Array(Open311Request);

export const Open311RequestsQuery = Type.Object({
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
  service_request_id: Type.Optional(Type.String({ maxLength: 2000, description: 'Folios separados por comas' })),
  service_code: Type.Optional(Type.String({ maxLength: 400, description: 'Claves separadas por comas' })),
  status: Type.Optional(Type.String({ maxLength: 20, description: 'open, closed o ambos separados por comas' })),
  start_date: Type.Optional(Type.String({ maxLength: 40, description: 'Fecha y hora ISO 8601 (w3c)' })),
  end_date: Type.Optional(Type.String({ maxLength: 40, description: 'Fecha y hora ISO 8601 (w3c)' })),
}, { additionalProperties: true });
export type Open311RequestsQuery = Static<typeof Open311RequestsQuery>;

/**
 * POST body (form-encoded or JSON). Validated by the route so that each error answers in the Open311 form;
 * optional personal fields are stored privately and never returned.
 */
export const Open311Post = Type.Object({
  jurisdiction_id: Type.Optional(Type.String()),
  api_key: Type.Optional(Type.String()),
  service_code: Type.Optional(Type.String()),
  lat: Type.Optional(Type.Union([Type.Number(), Type.String()])),
  long: Type.Optional(Type.Union([Type.Number(), Type.String()])),
  address_string: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  first_name: Type.Optional(Type.String()),
  last_name: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  device_id: Type.Optional(Type.String()),
  media_url: Type.Optional(Type.String()),
}, { additionalProperties: true });
export type Open311Post = Static<typeof Open311Post>;

export const Open311PostResult = Type.Array(Type.Object({
  service_request_id: Type.String(),
  service_notice: Nullable(Type.String()),
  account_id: Nullable(Type.String()),
}));

/** The specification's error form: a list of `{ code, description }`. */
export const Open311Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }));
export type Open311Errors = Static<typeof Open311Errors>;
