import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { DataEditParams, HtmlPage, LangQuery, PageParams } from '@sigmun/domain/portal';
import { pageContext, renderPage, sendPage, type PageContext } from '../../pages/layout.tsx';
import { DataEditor, EditorIndex, NotAllowed, PageEditor, SignIn } from '../../pages/editor.tsx';

// The editor's script, content-addressed like the stylesheet (the CSP allows scripts from 'self' only).
const EDITOR_JS = readFileSync(new URL('../../pages/editor-client.js', import.meta.url), 'utf8');
export const EDITOR_JS_PATH = `/portal/editor.${createHash('sha256').update(EDITOR_JS).digest('hex').slice(0, 10)}.js`;

// Public routes that resolve the caller: anonymous visitors get the sign-in form, other roles a refusal, and the
// editing API (routes/pages/editor.ts) checks the role again on every write.
const IDENTIFY = { identify: true } as const;

/** The editor pages: `/editar` (index), `/editar/{slug}/{lang}` (a page's text), `/editar/datos/{kind}/{lang}` (a list). */
const editorPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(EDITOR_JS_PATH, { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(EDITOR_JS));

  /** Sends an editor page, or the sign-in / not-allowed page when the caller may not edit. */
  const send = async (req: FastifyRequest, reply: Parameters<typeof sendPage>[0], title: string, body: (ctx: PageContext, nombre: string) => Promise<ReactNode>) => {
    const ctx = await pageContext(app, req);
    const user = req.user;
    const content = !user ? <SignIn ctx={ctx} /> : !ctx.editor ? <NotAllowed ctx={ctx} email={user.email} /> : await body(ctx, user.nombre ?? user.email);
    return sendPage(reply, renderPage(ctx, { title: ctx.t(title), description: ctx.t('edit.desc'), noindex: true, headScripts: [EDITOR_JS_PATH] }, content), 200, true);
  };

  app.get('/editar', { config: IDENTIFY, schema: { hide: true, querystring: LangQuery, response: { 200: HtmlPage } } }, async (req, reply) =>
    send(req, reply, 'edit.title', async (ctx, nombre) => <EditorIndex ctx={ctx} nombre={nombre} index={await app.portalRepository.contentIndex()} />));

  app.get('/editar/:slug/:lang', { config: IDENTIFY, schema: { hide: true, params: PageParams, querystring: LangQuery, response: { 200: HtmlPage } } }, async (req, reply) => {
    const { slug, lang } = req.params;
    return send(req, reply, 'edit.title', async (ctx, nombre) => {
      const [page, history] = await Promise.all([app.portalRepository.pageVersion(slug, lang), app.portalRepository.pageHistory(slug, lang)]);
      return <PageEditor ctx={ctx} nombre={nombre} slug={slug} lang={lang} page={page} history={history} />;
    });
  });

  app.get('/editar/datos/:kind/:lang', { config: IDENTIFY, schema: { hide: true, params: DataEditParams, querystring: LangQuery, response: { 200: HtmlPage } } }, async (req, reply) => {
    const { kind, lang } = req.params;
    return send(req, reply, 'edit.title', async (ctx, nombre) => {
      const [current, history] = await Promise.all([app.portalRepository.dataVersion(kind, lang), app.portalRepository.dataHistory(kind, lang)]);
      return <DataEditor ctx={ctx} nombre={nombre} kind={kind} lang={lang} current={current} history={history} />;
    });
  });
};
export default editorPages;
