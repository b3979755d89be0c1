// Citizen reports (baches, alumbrado, basura…): submission, public follow-up by folio, removal of personal data,
// and the moderation queue and actions. Public shapes never carry a name, email, phone or IP: those fields exist
// only in the submission body and in the moderators' queue.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './schema.ts';

/** A report's status, in the order it moves through them. */
export const REPORT_STATUSES = ['recibido', 'en_revision', 'en_atencion', 'atendido', 'rechazado'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Spanish label of each report status (the layer catalog's legend uses the same words). */
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  recibido: 'Recibido', en_revision: 'En revisión', en_atencion: 'En atención', atendido: 'Atendido', rechazado: 'Rechazado',
};

/** Moderation state of a citizen submission (report or proposal): only `aprobado` is public. */
export const MODERATION_STATES = ['pendiente', 'aprobado', 'rechazado', 'duplicado'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

/** Version of the aviso de privacidad a submission accepts (stored with the personal data). */
export const AVISO_PRIVACIDAD_VERSION = '2026-01';

/** Limits of a submission, shared by the server's schemas and the web form. */
export const SUBMISSION_LIMITS = {
  descripcionMin: 5,
  descripcionMax: 2000,
  /** Base64 of a 10 MiB photo (photos.ts PHOTO_MAX_BYTES) plus a data: URL prefix. */
  fotoBase64Max: Math.ceil((10 * 1024 * 1024 * 4) / 3) + 100,
  /** Submissions per IP per minute, and per device per hour. */
  porIpPorMinuto: 30,
  porDispositivoPorHora: 20,
} as const;

export const ReportCategory = Type.Object({
  clave: Type.String(),
  nombre: Type.String(),
  descripcion: Type.String(),
  grupo: Type.String(),
  palabras_clave: Type.Array(Type.String()),
  dependencia: Nullable(Type.String()),
  activa: Type.Boolean(),
  orden: Type.Integer(),
});
export type ReportCategory = Static<typeof ReportCategory>;
export const ReportCategoryList = Type.Object({ categorias: Type.Array(ReportCategory) });

/** Body of PUT /api/participation/categories/{clave} (planeacion). */
export const ReportCategoryInput = Type.Object({
  nombre: Type.String({ minLength: 2, maxLength: 80 }),
  descripcion: Type.Optional(Type.String({ maxLength: 300 })),
  grupo: Type.Optional(Type.String({ maxLength: 80 })),
  palabras_clave: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  dependencia: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
  activa: Type.Optional(Type.Boolean()),
  orden: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
}, { additionalProperties: false });
export type ReportCategoryInput = Static<typeof ReportCategoryInput>;

/** Contact and consent fields shared by report and proposal submissions. */
export const CitizenContact = {
  nombre: Type.Optional(Type.String({ maxLength: 200, description: 'Opcional; nunca se publica' })),
  email: Type.Optional(Type.String({ maxLength: 254, format: 'email', description: 'Opcional, para avisarle de cambios; nunca se publica' })),
  telefono: Type.Optional(Type.String({ maxLength: 40, pattern: '^[0-9+() .-]{7,40}$', description: 'Opcional; nunca se publica' })),
  acepta_aviso: Type.Literal(true, { description: 'Debe ser true: la persona leyó y acepta el aviso de privacidad' }),
  /** Honeypot: hidden in the form, so a person leaves it empty and a bot fills it. */
  sitio_web: Type.Optional(Type.String({ maxLength: 200, description: 'Déjelo vacío' })),
};

export const ReportSubmission = Type.Object({
  categoria: Type.String({ minLength: 1, maxLength: 40 }),
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -85, maximum: 85 }),
  descripcion: Type.String({ minLength: SUBMISSION_LIMITS.descripcionMin, maxLength: SUBMISSION_LIMITS.descripcionMax }),
  /** JPEG/PNG/WebP/HEIF as base64 (or a data: URL); re-encoded without metadata by the server. */
  foto: Type.Optional(Type.String({ maxLength: SUBMISSION_LIMITS.fotoBase64Max })),
  ...CitizenContact,
}, { additionalProperties: false });
export type ReportSubmission = Static<typeof ReportSubmission>;

/** What the citizen gets back: the public folio and, once, the private code that proves authorship. */
export const SubmissionReceipt = Type.Object({
  folio: Type.String(),
  /** Shown once; needed to ask for removal of personal data. Stored only as a hash. */
  clave: Type.String(),
  moderacion: StringEnum(MODERATION_STATES),
  /** Path of the public follow-up page. */
  seguimiento: Type.String(),
});
export type SubmissionReceipt = Static<typeof SubmissionReceipt>;

export const ReportHistoryEntry = Type.Object({
  fecha: Type.String(),
  accion: Type.String(),
  estatus: Nullable(Type.String()),
  nota: Nullable(Type.String()),
});

/** A report as anyone holding its folio sees it: status and public notes, never personal data. */
export const PublicReport = Type.Object({
  folio: Type.String(),
  categoria: Type.String(),
  categoria_nombre: Type.String(),
  descripcion: Nullable(Type.String()),
  estatus: StringEnum(REPORT_STATUSES),
  nota_publica: Nullable(Type.String()),
  moderacion: StringEnum(MODERATION_STATES),
  /** Reason given to the citizen when the report was rejected. */
  motivo_rechazo: Nullable(Type.String()),
  duplicado_de: Nullable(Type.String()),
  dependencia: Nullable(Type.String()),
  fecha: Nullable(Type.String()),
  creado: Type.String(),
  actualizado: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  /** Photo URL, only once the report is public. */
  foto: Nullable(Type.String()),
  historial: Type.Array(ReportHistoryEntry),
});
export type PublicReport = Static<typeof PublicReport>;

export const Folio = Type.Object({ folio: Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }) });

export const DataRemovalRequest = Type.Object({
  clave: Type.String({ minLength: 8, maxLength: 64 }),
}, { additionalProperties: false });
export const DataRemovalResult = Type.Object({ folio: Type.String(), datos_borrados: Type.String() });
export type DataRemovalResult = Static<typeof DataRemovalResult>;

/** One item of the moderation queue: the only place a name, email or phone is shown (to `moderacion`). */
export const QueueItem = Type.Object({
  objeto: StringEnum(['reporte', 'propuesta'] as const),
  id: Type.Integer(),
  folio: Type.String(),
  titulo: Type.String(),
  descripcion: Nullable(Type.String()),
  categoria: Nullable(Type.String()),
  estatus: Type.String(),
  moderacion: StringEnum(MODERATION_STATES),
  dependencia: Nullable(Type.String()),
  creado: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  foto: Nullable(Type.String()),
  contacto: Type.Object({ nombre: Nullable(Type.String()), email: Nullable(Type.String()), telefono: Nullable(Type.String()) }),
});
export type QueueItem = Static<typeof QueueItem>;
export const ModerationQueue = Type.Object({ items: Type.Array(QueueItem), total: Type.Integer() });
export type ModerationQueue = Static<typeof ModerationQueue>;

export const MODERATION_ACTIONS = ['aprobar', 'rechazar', 'duplicado', 'asignar', 'estatus'] as const;
export type ModerationActionName = (typeof MODERATION_ACTIONS)[number];

/** Body of POST /api/moderation/{reportes|propuestas}/{id}/acciones. */
export const ModerationAction = Type.Object({
  accion: StringEnum(MODERATION_ACTIONS),
  /** Reason the citizen sees (required to reject). */
  motivo: Type.Optional(Type.String({ minLength: 3, maxLength: 1000 })),
  /** Folio of the original (duplicado). */
  duplicado_de: Type.Optional(Type.String({ maxLength: 40 })),
  dependencia: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
  estatus: Type.Optional(Type.String({ maxLength: 40 })),
  /** Public note shown with the status. */
  nota: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false });
export type ModerationAction = Static<typeof ModerationAction>;

export const ModerationResult = Type.Object({
  objeto: StringEnum(['reporte', 'propuesta'] as const),
  id: Type.Integer(),
  folio: Type.String(),
  moderacion: StringEnum(MODERATION_STATES),
  estatus: Type.String(),
  dependencia: Nullable(Type.String()),
});
export type ModerationResult = Static<typeof ModerationResult>;
