// What one printed ficha shows, composed from the same repository calls as the tablero (no SQL of its own).
import QRCode from 'qrcode';
import { mapUrl } from '@sigmun/domain/portal';
import type { FastifyInstance } from 'fastify';
import {
  FICHA_PROJECT_ROWS, territoryPermalinkHash,
  type FichaData, type FichaKind, type FichaLang, type Paper, type TerritoryKind,
} from '@sigmun/domain/dashboard';

/** Attribution printed on every ficha: our basemap and the sources of what is drawn on it. */
const ATTRIBUTION = 'Mapa base y datos: SIG Municipal (IMPLAN) · Marco Geoestadístico INEGI · Plan Municipal de Desarrollo';

/**
 * The ficha of a unit or project, or null when it does not exist. `base` is the public origin the permalink and
 * its QR code point to; `papel` and `lang` travel with the data so the print page lays itself out from it alone.
 */
export async function fichaData(app: FastifyInstance, tipo: FichaKind, clave: string, opts: { base: string; papel: Paper; lang: FichaLang; now?: Date }): Promise<FichaData | null> {
  let kind: TerritoryKind;
  let key: string;
  let proyecto: FichaData['proyecto'] = null;
  let geometria: unknown;
  let titulo: string;
  let projectId: number | undefined;
  if (tipo === 'proyecto') {
    const dash = app.dashboardRepository;
    const id = await dash.projectIdByClave(clave);
    const card = id === null ? null : await app.projectsRepository.card(id);
    if (!card) return null;
    projectId = card.id;
    // A project is shown in the context of its colonia (the municipio when it has none).
    kind = card.cve_col ? 'colonia' : 'municipio';
    key = card.cve_col ?? '';
    geometria = card.geometry;
    titulo = `${card.clave} · ${card.nombre}`;
    proyecto = {
      estatus: card.estatus,
      avance: card.avance,
      presupuesto_aprobado: card.presupuesto_aprobado,
      presupuesto_ejercido: card.presupuesto_ejercido,
      programa: `${card.programa.clave} · ${card.programa.nombre}`,
      eje: card.eje.nombre,
      eje_color: card.eje.color,
      dependencia: card.dependencia,
      descripcion: card.descripcion,
      colonia: card.colonia,
      fecha_inicio: card.fecha_inicio,
      fecha_fin: card.fecha_fin,
      progreso: card.progreso,
      fotos: await lastPhotos(app, card.id),
    };
  } else {
    kind = tipo;
    key = clave;
  }
  const dash = app.dashboardRepository;
  const resumen = await dash.territorySummary(kind, key || null, { desde: null, hasta: null });
  if (!resumen) return null;
  const t = resumen.territorio;
  if (tipo !== 'proyecto') {
    geometria = await dash.territoryGeometry(kind, t.clave);
    titulo = t.nombre;
  }
  const proyectos = tipo === 'proyecto' ? [] : await dash.territoryProjects(kind, t.clave, { desde: null, hasta: null }, FICHA_PROJECT_ROWS);
  const bbox = tipo === 'proyecto' ? bboxOf(geometria) ?? t.bbox : t.bbox;
  const permalink = mapUrl(opts.base, territoryPermalinkHash({ tipo: kind, clave: t.clave, bbox }, { lang: opts.lang, project: projectId }));
  const qr_svg = await QRCode.toString(permalink, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return {
    tipo,
    clave: tipo === 'proyecto' ? clave : t.clave,
    titulo: titulo!,
    lang: opts.lang,
    papel: opts.papel,
    permalink,
    qr_svg,
    generado: (opts.now ?? new Date()).toISOString(),
    resumen,
    geometria,
    proyectos,
    proyecto,
    atribucion: ATTRIBUTION,
  };
}

/** The newest photos of a project's progress reports (seguimiento), at most three, as their thumbnails. */
async function lastPhotos(app: FastifyInstance, projectId: number): Promise<NonNullable<FichaData['proyecto']>['fotos']> {
  const avances = await app.seguimientoRepository.listAvances(projectId);
  const out: NonNullable<FichaData['proyecto']>['fotos'] = [];
  for (const a of avances) {
    for (const f of a.fotos as Array<{ url: string; thumb_url?: string }>) {
      if (out.length < 3) out.push({ url: f.thumb_url ?? f.url, fecha: a.fecha, descripcion: a.nota ?? null });
    }
  }
  return out;
}

/** [minLon, minLat, maxLon, maxLat] of a GeoJSON geometry, padded around a point; null when it has no coordinates. */
function bboxOf(g: unknown): [number, number, number, number] | null {
  const xs: number[] = [];
  const ys: number[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      xs.push(c[0] as number);
      ys.push(c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk((g as { coordinates?: unknown })?.coordinates);
  if (!xs.length) return null;
  const pad = 0.004;
  return [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad];
}
