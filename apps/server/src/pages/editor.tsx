// The site editor's pages (/editar…, planeacion and admin): a page's Markdown with its live preview, a data list as
// a table of inputs, and each one's versions with a restore button. The pages are drawn here with the current text
// and history; /portal/editor.js (pages/editor-client.js) only sends what is typed to the existing /api/portal
// routes (preview, save, restore) and reloads. Visitors never run this: it loads on /editar pages only.
import {
  DATA_SCHEMAS, type DataKind, type DataVersionT, type PageLang, type PageSlug, type PageVersionT,
} from '@sigmun/domain/portal';
import type { PageContext } from './layout.tsx';
import { renderMarkdown } from './markdown.ts';

/** Where each page is seen by visitors (the home is `/`). */
export const publicPath = (slug: PageSlug) => (slug === 'inicio' ? '/' : `/${slug}`);
/** Which section page shows each data list. */
export const DATA_PAGE: Record<DataKind, PageSlug> = { consejo: 'consejo', organigrama: 'estructura', normativa: 'marco-normativo' };

/** Address of a page's editor (`lang` = the language of the text edited; the editor's own language is ctx's). */
export const pageEditorPath = (slug: PageSlug, lang: PageLang) => `/editar/${slug}/${lang}`;
/** Address of a data list's editor. */
export const dataEditorPath = (kind: DataKind, lang: PageLang) => `/editar/datos/${kind}/${lang}`;

/** The editor link a section page shows editors: its text, and its data list if it has one. */
export function EditLinks({ ctx, slug }: { ctx: PageContext; slug: PageSlug }) {
  if (!ctx.editor) return null;
  const kind = (Object.keys(DATA_PAGE) as DataKind[]).find((k) => DATA_PAGE[k] === slug);
  return (
    <p className="edit-links">
      <a href={ctx.href(pageEditorPath(slug, ctx.lang))}>{ctx.t('edit.link')}</a>
      {kind && <> · <a href={ctx.href(dataEditorPath(kind, ctx.lang))}>{ctx.t('edit.linkData', { lista: ctx.t(`edit.list.${kind}`) })}</a></>}
    </p>
  );
}

/** The editor's messages the script shows, handed over as data attributes (the page's language). */
function messages(ctx: PageContext): Record<string, string> {
  return { 'data-msg-saving': ctx.t('edit.saving'), 'data-msg-saved': ctx.t('edit.saved'), 'data-msg-failed': ctx.t('edit.failed', { error: '{error}' }) };
}

/** Sign-in form of the editor (the same /api/auth/login and session cookie as the map's dialog). */
export function SignIn({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('edit.signinTitle')}</h1>
      <p>{t('edit.signinLead')}</p>
      <form id="editor-signin" className="card editor-form" data-editor="signin" {...messages(ctx)}>
        <label htmlFor="si-email">{t('edit.email')}</label>
        <input id="si-email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="si-password">{t('edit.password')}</label>
        <input id="si-password" name="password" type="password" autoComplete="current-password" required />
        <p><button type="submit">{t('edit.signin')}</button></p>
        <p id="editor-status" role="status" aria-live="polite" />
      </form>
    </>
  );
}

/** What a signed-in user without an editing role sees instead of the editor. */
export function NotAllowed({ ctx, email }: { ctx: PageContext; email: string }) {
  return (
    <>
      <h1>{ctx.t('edit.title')}</h1>
      <p className="notice" role="alert">{ctx.t('edit.notAllowed', { email })}</p>
    </>
  );
}

/** The editor's header line: who is signed in, a way out, the index. */
function EditorBar({ ctx, nombre }: { ctx: PageContext; nombre: string }) {
  return (
    <p className="small editor-bar">
      {ctx.t('edit.signedAs', { nombre })} · <a href={ctx.href('/editar')}>{ctx.t('edit.index')}</a> ·{' '}
      <button type="button" className="secondary" data-action="signout">{ctx.t('edit.signout')}</button>
    </p>
  );
}

const langName = (ctx: PageContext, l: PageLang) => ctx.t(`edit.lang.${l}`);
const when = (ctx: PageContext, iso: string) => new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));

/** `/editar`: every page text and data list with its current version, in both languages. */
export function EditorIndex({ ctx, nombre, index }: {
  ctx: PageContext; nombre: string;
  index: { pages: Array<{ slug: PageSlug; lang: PageLang; version: number; titulo: string; created_at: string }>; data: Array<{ kind: DataKind; lang: PageLang; version: number; created_at: string }> };
}) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('edit.title')}</h1>
      <EditorBar ctx={ctx} nombre={nombre} />
      <h2>{t('edit.pages')}</h2>
      <div className="table-wrap"><table>
        <thead><tr><th scope="col">{t('edit.colPage')}</th><th scope="col">{t('edit.colLang')}</th><th scope="col">{t('edit.colVersion')}</th><th scope="col">{t('edit.colDate')}</th></tr></thead>
        <tbody>{index.pages.map((p) => (
          <tr key={`${p.slug}-${p.lang}`}>
            <td><a href={ctx.href(pageEditorPath(p.slug, p.lang))}>{p.titulo}</a></td><td>{langName(ctx, p.lang)}</td><td>{p.version}</td><td>{when(ctx, p.created_at)}</td>
          </tr>
        ))}</tbody>
      </table></div>
      <h2>{t('edit.lists')}</h2>
      <div className="table-wrap"><table>
        <thead><tr><th scope="col">{t('edit.colList')}</th><th scope="col">{t('edit.colLang')}</th><th scope="col">{t('edit.colVersion')}</th><th scope="col">{t('edit.colDate')}</th></tr></thead>
        <tbody>{index.data.map((d) => (
          <tr key={`${d.kind}-${d.lang}`}>
            <td><a href={ctx.href(dataEditorPath(d.kind, d.lang))}>{t(`edit.list.${d.kind}`)}</a></td><td>{langName(ctx, d.lang)}</td><td>{d.version}</td><td>{when(ctx, d.created_at)}</td>
          </tr>
        ))}</tbody>
      </table></div>
    </>
  );
}

type Meta = { version: number; restored_from: number | null; created_at: string; titulo?: string };

/** The versions table with a restore button on every version but the current one. */
function Versions({ ctx, history, withTitle }: { ctx: PageContext; history: Meta[]; withTitle: boolean }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="versions-h">
      <h2 id="versions-h">{t('edit.versions')}</h2>
      <div className="table-wrap"><table id="versions">
        <thead><tr><th scope="col">{t('edit.colVersion')}</th><th scope="col">{t('edit.colDate')}</th>{withTitle && <th scope="col">{t('edit.colTitle')}</th>}<th scope="col">{t('edit.colFrom')}</th><th scope="col">{t('edit.colAction')}</th></tr></thead>
        <tbody>{history.map((v, i) => (
          <tr key={v.version} data-version={v.version}>
            <td>{v.version}</td><td>{when(ctx, v.created_at)}</td>{withTitle && <td>{v.titulo}</td>}<td>{v.restored_from ?? '—'}</td>
            <td>{i === 0 ? <span className="chip">{t('edit.isCurrent')}</span>
              : <button type="button" className="secondary" data-action="restore" data-version={v.version} aria-label={t('edit.restoreLabel', { version: v.version })}>{t('edit.restore')}</button>}</td>
          </tr>
        ))}</tbody>
      </table></div>
    </section>
  );
}

/** Links under an editor's heading: the public page and the same content in the other language. */
function Around({ ctx, publicHref, otherHref, other }: { ctx: PageContext; publicHref: string; otherHref: string; other: PageLang }) {
  return <p><a href={publicHref}>{ctx.t('edit.viewPublic')}</a> · <a href={otherHref}>{ctx.t('edit.otherLang', { idioma: langName(ctx, other) })}</a></p>;
}

/** `/editar/{slug}/{lang}`: title and Markdown of a page with the sanitised preview, save, versions and restore. */
export function PageEditor({ ctx, nombre, slug, lang, page, history }: {
  ctx: PageContext; nombre: string; slug: PageSlug; lang: PageLang; page: PageVersionT | null; history: Meta[];
}) {
  const { t } = ctx;
  const other: PageLang = lang === 'es' ? 'en' : 'es';
  const name = page?.titulo ?? t(`nav.${slug}`);
  const publicHref = lang === 'en' ? `${publicPath(slug)}?lang=en` : publicPath(slug);
  return (
    <>
      <h1>{t('edit.pageTitle', { pagina: name, idioma: langName(ctx, lang) })}</h1>
      <EditorBar ctx={ctx} nombre={nombre} />
      <Around ctx={ctx} publicHref={publicHref} otherHref={ctx.href(pageEditorPath(slug, other))} other={other} />
      <p id="current-version">{page ? t('edit.current', { version: page.version, fecha: when(ctx, page.created_at) }) : t('edit.none')}</p>
      <form id="page-editor" className="editor-form" data-editor="page" data-url={`/api/portal/paginas/${slug}/${lang}`} {...messages(ctx)}>
        <label htmlFor="ed-titulo">{t('edit.fTitle')}</label>
        <input id="ed-titulo" name="titulo" required maxLength={200} defaultValue={page?.titulo ?? t(`nav.${slug}`)} />
        <div className="editor-split">
          <div>
            <label htmlFor="ed-markdown">{t('edit.fMarkdown')}</label>
            <textarea id="ed-markdown" name="markdown" maxLength={100000} aria-describedby="ed-help" defaultValue={page?.markdown ?? ''} />
            <p id="ed-help" className="small muted">{t('edit.markdownHelp')}</p>
          </div>
          <section aria-labelledby="preview-h">
            <h2 id="preview-h" className="small">{t('edit.preview')}</h2>
            <div id="preview" className="prose card" aria-live="polite" dangerouslySetInnerHTML={{ __html: renderMarkdown(page?.markdown ?? '') }} />
          </section>
        </div>
        <p><button type="submit">{t('edit.save')}</button></p>
        <p id="editor-status" role="status" aria-live="polite" />
      </form>
      <Versions ctx={ctx} history={history} withTitle />
    </>
  );
}

// The data lists' editing tables are drawn from their TypeBox schemas (packages/domain/src/portal.ts), so a field
// added there shows up here with no second list of columns.
interface Json { type?: string; format?: string; anyOf?: Json[]; const?: string; properties?: Record<string, Json>; items?: Json; maxLength?: number }

/** One column of a list's table. */
interface Field { name: string; input: 'text' | 'date' | 'select'; options: string[]; nullable: boolean; maxLength?: number }
/** One array of a data list (`miembros`, `atribuciones`…): a list of plain strings (`scalar`) or of objects. */
interface ListSpec { name: string; scalar: boolean; fields: Field[] }

function fieldOf(name: string, s: Json): Field {
  const alts = s.anyOf ?? [s];
  const nullable = alts.some((a) => a.type === 'null');
  const real = alts.filter((a) => a.type !== 'null');
  if (real.length > 1 || real[0]?.const !== undefined) return { name, input: 'select', options: real.map((a) => String(a.const)), nullable };
  const one: Json = real[0] ?? {};
  return { name, input: one.format === 'date' ? 'date' : 'text', options: [], nullable, maxLength: one.maxLength };
}

/** The arrays of a data list and their columns, from its schema. */
export function listSpecs(kind: DataKind): ListSpec[] {
  const schema = DATA_SCHEMAS[kind] as unknown as Json;
  return Object.entries(schema.properties ?? {}).map(([name, arr]) => {
    const item: Json = arr.items ?? {};
    if (item.type === 'object') return { name, scalar: false, fields: Object.entries(item.properties ?? {}).map(([f, fs]) => fieldOf(f, fs)) };
    return { name, scalar: true, fields: [{ ...fieldOf('texto', item), name: 'texto' }] };
  });
}

function Cell({ ctx, f, value, row }: { ctx: PageContext; f: Field; value: unknown; row: number | null }) {
  const label = `${ctx.t(`edit.f.${f.name}`)}${row === null ? '' : ` ${row}`}`;
  const v = value === null || value === undefined ? '' : String(value);
  const common = { 'data-field': f.name, 'data-nullable': f.nullable ? 'true' : undefined, 'aria-label': label };
  if (f.input === 'select') {
    return <select {...common} defaultValue={v || f.options[0]}>{f.options.map((o) => <option key={o} value={o}>{o}</option>)}</select>;
  }
  return <input {...common} type={f.input} defaultValue={v} required={!f.nullable} maxLength={f.maxLength} />;
}

function Row({ ctx, spec, item, n }: { ctx: PageContext; spec: ListSpec; item: unknown; n: number | null }) {
  const obj = spec.scalar ? { texto: item } : (item as Record<string, unknown> | null) ?? {};
  return (
    <tr>
      {spec.fields.map((f) => <td key={f.name}><Cell ctx={ctx} f={f} value={obj[f.name]} row={n} /></td>)}
      <td><button type="button" className="secondary" data-action="remove-row" aria-label={n === null ? ctx.t('edit.removeRow') : ctx.t('edit.removeRowLabel', { n })}>{ctx.t('edit.removeRow')}</button></td>
    </tr>
  );
}

/** `/editar/datos/{kind}/{lang}`: the list as editable tables (add and remove rows), save, versions and restore. */
export function DataEditor({ ctx, nombre, kind, lang, current, history }: {
  ctx: PageContext; nombre: string; kind: DataKind; lang: PageLang; current: DataVersionT | null; history: Meta[];
}) {
  const { t } = ctx;
  const other: PageLang = lang === 'es' ? 'en' : 'es';
  const data = (current?.data ?? {}) as Record<string, unknown[]>;
  const slug = DATA_PAGE[kind];
  return (
    <>
      <h1>{t('edit.dataTitle', { lista: t(`edit.list.${kind}`), idioma: langName(ctx, lang) })}</h1>
      <EditorBar ctx={ctx} nombre={nombre} />
      <Around ctx={ctx} publicHref={lang === 'en' ? `/${slug}?lang=en` : `/${slug}`} otherHref={ctx.href(dataEditorPath(kind, other))} other={other} />
      <p id="current-version">{current ? t('edit.current', { version: current.version, fecha: when(ctx, current.created_at) }) : t('edit.none')}</p>
      <form id="data-editor" className="editor-form" data-editor="data" data-url={`/api/portal/datos/${kind}?lang=${lang}`} {...messages(ctx)}>
        {listSpecs(kind).map((spec) => (
          <section key={spec.name} aria-labelledby={`list-${spec.name}`}>
            <h2 id={`list-${spec.name}`}>{t(`edit.f.${spec.name}`)}</h2>
            {spec.fields.some((f) => f.nullable) && <p className="small muted">{t('edit.emptyNull')}</p>}
            <div className="table-wrap"><table data-list={spec.name} data-scalar={spec.scalar ? 'true' : undefined}>
              <thead><tr>{spec.fields.map((f) => <th scope="col" key={f.name}>{t(`edit.f.${f.name}`)}</th>)}<th scope="col">{t('edit.colAction')}</th></tr></thead>
              <tbody>{(data[spec.name] ?? []).map((item, i) => <Row key={i} ctx={ctx} spec={spec} item={item} n={i + 1} />)}</tbody>
            </table></div>
            <template data-row-of={spec.name}>
              <table><tbody><Row ctx={ctx} spec={spec} item={null} n={null} /></tbody></table>
            </template>
            <p><button type="button" className="secondary" data-action="add-row" data-list={spec.name}>{t('edit.addRow')} · {t(`edit.f.${spec.name}`)}</button></p>
          </section>
        ))}
        <p><button type="submit">{t('edit.save')}</button></p>
        <p id="editor-status" role="status" aria-live="polite" />
      </form>
      <Versions ctx={ctx} history={history} withTitle={false} />
    </>
  );
}
