import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CLAVE_MAX, FICHA_KINDS, FICHA_LANGS, FichaData, FichaParams, FichaQuery, PAPER_FORMAT, PAPERS,
  type FichaKind, type FichaLang, type Paper,
} from '@sigmun/domain/dashboard';
import { Problem } from '@sigmun/domain/problem';
import { rejectNulCharacters } from '../ogcapi/nul-guard.ts';
import { badRequest, HttpError } from '../../errors.ts';
import { fichaData } from '../../fichas/ficha-data.ts';
import { RenderFailed, RenderTimeout } from '../../fichas/renderer.ts';
import type { FastifyInstance } from 'fastify';

const CLAVE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Checks tipo, clave, papel and lang, naming the parameter at fault. */
export function fichaArgs(tipo: string, clave: string, q: { papel?: string; lang?: string }): { tipo: FichaKind; clave: string; papel: Paper; lang: FichaLang } {
  if (!(FICHA_KINDS as readonly string[]).includes(tipo)) throw badRequest('tipo', `Tipo de ficha desconocido "${tipo}"; posibles: ${FICHA_KINDS.join(', ')}.`);
  if (!clave || clave.length > CLAVE_MAX || !CLAVE.test(clave)) throw badRequest('clave', `Clave inválida "${clave.slice(0, 80)}": letras, dígitos, punto, guion o guion bajo (máximo ${CLAVE_MAX}).`);
  const papel = (q.papel ?? 'a4').toLowerCase();
  if (!(PAPERS as readonly string[]).includes(papel)) throw badRequest('papel', `Papel desconocido "${q.papel}"; posibles: ${PAPERS.join(', ')}.`);
  const lang = (q.lang ?? 'es').toLowerCase();
  if (!(FICHA_LANGS as readonly string[]).includes(lang)) throw badRequest('lang', `Idioma desconocido "${q.lang}"; posibles: ${FICHA_LANGS.join(', ')}.`);
  return { tipo: tipo as FichaKind, clave, papel: papel as Paper, lang: lang as FichaLang };
}

/** 404 naming the clave when the unit or project does not exist. */
export async function assertFichaExists(app: FastifyInstance, tipo: FichaKind, clave: string): Promise<void> {
  const dash = app.dashboardRepository;
  const found = tipo === 'proyecto' ? (await dash.projectIdByClave(clave)) !== null : (await dash.findTerritory(tipo, clave)) !== null;
  if (!found) throw new HttpError(404, `No existe ${tipo === 'proyecto' ? 'el proyecto' : `la unidad ${tipo}`} "${clave}".`, 'clave');
}


/** Fichas: the data of one ficha (JSON, what the print page draws) and the ficha itself as PDF. */
const fichas: FastifyPluginAsyncTypebox = async (app) => {
  rejectNulCharacters(app);

  app.get('/api/fichas/:tipo/:clave/datos', {
    schema: {
      tags: ['fichas'],
      summary: 'Datos de una ficha (lo que la página de impresión dibuja)',
      params: FichaParams,
      querystring: FichaQuery,
      response: { 200: FichaData, 400: Problem, 404: Problem },
    },
  }, async (req) => {
    const a = fichaArgs(req.params.tipo, req.params.clave, req.query);
    const data = await fichaData(app, a.tipo, a.clave, { base: app.publicBase(req), papel: a.papel, lang: a.lang });
    if (!data) throw new HttpError(404, `No existe ${a.tipo === 'proyecto' ? 'el proyecto' : `la unidad ${a.tipo}`} "${a.clave}".`, 'clave');
    return data;
  });

  app.get('/api/fichas/:tipo/:archivo', {
    schema: {
      tags: ['fichas'],
      summary: 'Ficha en PDF de una colonia, AGEB, localidad, zona o proyecto: {clave}.pdf (?papel=a4|carta, ?lang=es|en)',
      params: Type.Object({ tipo: FichaParams.properties.tipo, archivo: Type.String({ maxLength: CLAVE_MAX + 8, description: '{clave}.pdf' }) }),
      querystring: FichaQuery,
      response: {
        200: Type.Unknown({ description: 'application/pdf' }),
        400: Problem, 404: Problem, 503: Problem,
      },
    },
  }, async (req, reply) => {
    const m = /^(.*)\.pdf$/i.exec(req.params.archivo);
    if (!m) throw badRequest('clave', `La ficha se pide como {clave}.pdf (se recibió "${req.params.archivo.slice(0, 80)}").`);
    const a = fichaArgs(req.params.tipo, m[1], req.query);
    // The Host is checked (PUBLIC_URL, ALLOWED_HOSTS) before Chromium is woken.
    app.publicBase(req);
    await assertFichaExists(app, a.tipo, a.clave);
    let pdf: Buffer;
    try {
      pdf = await app.pdf.render({ ficha: { tipo: a.tipo, clave: a.clave, papel: a.papel, lang: a.lang }, format: PAPER_FORMAT[a.papel], headers: { host: req.host } });
    } catch (e) {
      if (e instanceof RenderTimeout || e instanceof RenderFailed) {
        req.log.warn({ err: e }, 'ficha no generada');
        throw new HttpError(503, `No se pudo generar la ficha: ${e.message}`);
      }
      throw e;
    }
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="ficha-${a.tipo}-${a.clave}-${a.papel}-${a.lang}.pdf"`)
      .header('cache-control', 'no-cache')
      .send(pdf);
  });
};
export default fichas;
