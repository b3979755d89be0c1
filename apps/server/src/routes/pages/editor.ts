import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem } from '@sigmun/domain/problem';
import {
  DATA_KINDS, DATA_SCHEMAS, EDITOR_ROLES, DataHistory, DataLangQuery, DataParams, DataVersion, DataVersionParams, PageHistory, PageParams, PageSaveBody,
  PageVersion, PreviewAnswer, PreviewBody, VersionParams,
} from '@sigmun/domain/portal';
import { actorOf } from '../../plugins/write-tx.ts';
import { HttpError } from '../../errors.ts';
import { renderMarkdown } from '../../pages/markdown.ts';

const EDITORS = { roles: EDITOR_ROLES };
const TAGS = ['sitio'];

/**
 * Editing the site: pages' Markdown per language and the council, org chart and legal-framework lists. Every save
 * and restore is a new version written in app.writeTx (audited by the tables' triggers); planeacion and admin only.
 */
const editor: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/portal/paginas/:slug/:lang', {
    schema: { tags: TAGS, summary: 'Texto actual de una página del sitio', params: PageParams, response: { 200: PageVersion, 404: Problem } },
  }, async (req) => {
    const v = await app.portalRepository.pageVersion(req.params.slug, req.params.lang);
    if (!v) throw new HttpError(404, `La página «${req.params.slug}» no tiene texto en ${req.params.lang}.`, 'slug');
    return v;
  });

  app.get('/api/portal/paginas/:slug/:lang/versiones', {
    config: EDITORS,
    schema: { tags: TAGS, summary: 'Versiones de una página (la más reciente primero)', params: PageParams, response: { 200: PageHistory } },
  }, async (req) => ({ slug: req.params.slug, lang: req.params.lang, versions: await app.portalRepository.pageHistory(req.params.slug, req.params.lang) }));

  app.get('/api/portal/paginas/:slug/:lang/versiones/:version', {
    config: EDITORS,
    schema: { tags: TAGS, summary: 'Una versión de una página', params: VersionParams, response: { 200: PageVersion, 404: Problem } },
  }, async (req) => {
    const v = await app.portalRepository.pageVersion(req.params.slug, req.params.lang, req.params.version);
    if (!v) throw new HttpError(404, `La página «${req.params.slug}» no tiene la versión ${req.params.version}.`, 'version');
    return v;
  });

  app.put('/api/portal/paginas/:slug/:lang', {
    config: EDITORS,
    schema: { tags: TAGS, summary: 'Guarda el texto de una página como una versión nueva', params: PageParams, body: PageSaveBody, response: { 200: PageVersion } },
  }, async (req) => app.writeTx(req, (client) =>
    app.portalRepository.on(client).savePage(req.params.slug, req.params.lang, req.body.titulo, req.body.markdown, null, actorOf(req.user))));

  app.post('/api/portal/paginas/:slug/:lang/versiones/:version/restaurar', {
    config: EDITORS,
    schema: { tags: TAGS, summary: 'Restaura una versión anterior (crea una versión nueva igual a ella)', params: VersionParams, response: { 200: PageVersion, 404: Problem } },
  }, async (req) => app.writeTx(req, async (client) => {
    const repo = app.portalRepository.on(client);
    const old = await repo.pageVersion(req.params.slug, req.params.lang, req.params.version);
    if (!old) throw new HttpError(404, `La página «${req.params.slug}» no tiene la versión ${req.params.version}.`, 'version');
    return repo.savePage(old.slug, old.lang, old.titulo, old.markdown, old.version, actorOf(req.user));
  }));

  app.post('/api/portal/vista-previa', {
    config: EDITORS,
    schema: { tags: TAGS, summary: 'Vista previa: el HTML saneado que verán los visitantes', body: PreviewBody, response: { 200: PreviewAnswer } },
  }, async (req) => ({ html: renderMarkdown(req.body.markdown) }));

  app.get('/api/portal/datos/:kind', {
    schema: { tags: TAGS, summary: 'Lista actual (consejo, organigrama o normativa)', params: DataParams, querystring: DataLangQuery, response: { 200: DataVersion, 404: Problem } },
  }, async (req) => {
    const v = await app.portalRepository.dataVersion(req.params.kind, req.query.lang ?? 'es');
    if (!v) throw new HttpError(404, `No hay datos de «${req.params.kind}» en ${req.query.lang ?? 'es'}.`, 'kind');
    return v;
  });

  app.get('/api/portal/datos/:kind/versiones', {
    config: EDITORS,
    schema: { tags: TAGS, summary: 'Versiones de una lista (la más reciente primero)', params: DataParams, querystring: DataLangQuery, response: { 200: DataHistory } },
  }, async (req) => {
    const lang = req.query.lang ?? 'es';
    return { kind: req.params.kind, lang, versions: await app.portalRepository.dataHistory(req.params.kind, lang) };
  });

  for (const kind of DATA_KINDS) {
    app.put(`/api/portal/datos/${kind}`, {
      config: EDITORS,
      schema: { tags: TAGS, summary: `Guarda la lista «${kind}» como una versión nueva`, querystring: DataLangQuery, body: DATA_SCHEMAS[kind], response: { 200: DataVersion } },
    }, async (req) => app.writeTx(req, (client) => app.portalRepository.on(client).saveData(kind, req.query.lang ?? 'es', req.body, null, actorOf(req.user))));
  }

  app.post('/api/portal/datos/:kind/versiones/:version/restaurar', {
    config: EDITORS,
    schema: { tags: TAGS, summary: 'Restaura una versión anterior de una lista (crea una versión nueva igual a ella)', params: DataVersionParams, querystring: DataLangQuery, response: { 200: DataVersion, 404: Problem } },
  }, async (req) => app.writeTx(req, async (client) => {
    const repo = app.portalRepository.on(client);
    const old = await repo.dataVersion(req.params.kind, req.query.lang ?? 'es', req.params.version);
    if (!old) throw new HttpError(404, `La lista «${req.params.kind}» no tiene la versión ${req.params.version}.`, 'version');
    return repo.saveData(old.kind, old.lang, old.data, old.version, actorOf(req.user));
  }));
};
export default editor;
