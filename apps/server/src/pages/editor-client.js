// The site editor's behaviour, loaded only by the /editar pages (pages/editor.tsx draws them): sign-in through
// /api/auth/login, the live preview through /api/portal/vista-previa (the server's own marked + sanitize-html, so the
// preview is exactly what visitors will get), save and restore through /api/portal, then a reload so the page shows
// the new current version and history. Writes are same-origin fetches (Origin) that also carry the session's CSRF
// token from GET /api/auth/me. Plain browser JavaScript: the server serves this file as it is.
(() => {
  'use strict';

  /** @param {string} method @param {string} url @param {unknown} [body] @param {string} [csrf] */
  async function send(method, url, body, csrf) {
    /** @type {Record<string, string>} */
    const headers = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrf) headers['x-csrf-token'] = csrf;
    const r = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const j = await r.json().catch(() => null);
    if (!r.ok) throw new Error((j && (j.detail || j.title)) || `HTTP ${r.status}`);
    return j;
  }

  /** The session's CSRF token (null when there is no session). */
  async function csrfToken() {
    const s = await send('GET', '/api/auth/session');
    return (s && s.user && s.user.csrf) || null;
  }

  /** @param {HTMLElement} form @param {string} text @param {boolean} [error] */
  function say(form, text, error = false) {
    const out = form.querySelector('#editor-status');
    if (!out) return;
    out.textContent = text;
    out.setAttribute('role', error ? 'alert' : 'status');
    out.classList.toggle('error', error);
  }

  /** Runs a write with the form's messages around it, then reloads the page. @param {HTMLElement} form @param {(csrf: string | null) => Promise<unknown>} write */
  async function writeAndReload(form, write) {
    say(form, form.dataset.msgSaving || '…');
    try {
      await write(await csrfToken());
      say(form, form.dataset.msgSaved || 'OK');
      location.reload();
    } catch (e) {
      say(form, (form.dataset.msgFailed || '{error}').replace('{error}', e instanceof Error ? e.message : String(e)), true);
    }
  }

  /** @param {HTMLFormElement} form */
  function signIn(form) {
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      writeAndReload(form, () => send('POST', '/api/auth/login', { email: String(fd.get('email') || ''), password: String(fd.get('password') || '') }));
    });
  }

  /** @param {HTMLFormElement} form */
  function pageEditor(form) {
    const url = form.dataset.url || '';
    const md = /** @type {HTMLTextAreaElement} */ (form.querySelector('textarea[name=markdown]'));
    const title = /** @type {HTMLInputElement} */ (form.querySelector('input[name=titulo]'));
    const preview = /** @type {HTMLElement} */ (document.getElementById('preview'));
    let timer = 0;
    let asked = 0;
    md.addEventListener('input', () => {
      clearTimeout(timer);
      timer = window.setTimeout(async () => {
        const n = ++asked;
        try {
          const { html } = await send('POST', '/api/portal/vista-previa', { markdown: md.value }, (await csrfToken()) || undefined);
          // An older answer arriving after a newer one must not overwrite it.
          if (n === asked) preview.innerHTML = html;
        } catch (e) {
          say(form, (form.dataset.msgFailed || '{error}').replace('{error}', e instanceof Error ? e.message : String(e)), true);
        }
      }, 250);
    });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      writeAndReload(form, (csrf) => send('PUT', url, { titulo: title.value, markdown: md.value }, csrf || undefined));
    });
    restoreButtons(form, url.split('?')[0]);
  }

  /** The list of one editing table's rows as data. @param {HTMLTableElement} table */
  function tableValue(table) {
    const scalar = table.dataset.scalar === 'true';
    return Array.from(table.tBodies[0].rows).map((tr) => {
      /** @type {Record<string, string | null>} */
      const o = {};
      for (const el of /** @type {NodeListOf<HTMLInputElement | HTMLSelectElement>} */ (tr.querySelectorAll('[data-field]'))) {
        const v = el.value.trim();
        o[el.dataset.field || ''] = v === '' && el.dataset.nullable === 'true' ? null : v;
      }
      return scalar ? o.texto : o;
    });
  }

  /** @param {HTMLFormElement} form */
  function dataEditor(form) {
    const url = form.dataset.url || '';
    form.addEventListener('click', (ev) => {
      const btn = /** @type {HTMLElement} */ (ev.target).closest('button[data-action]');
      if (!(btn instanceof HTMLButtonElement)) return;
      if (btn.dataset.action === 'remove-row') btn.closest('tr')?.remove();
      if (btn.dataset.action === 'add-row') {
        const tpl = /** @type {HTMLTemplateElement | null} */ (form.querySelector(`template[data-row-of="${btn.dataset.list}"]`));
        const body = form.querySelector(`table[data-list="${btn.dataset.list}"] tbody`);
        const row = tpl?.content.querySelector('tr')?.cloneNode(true);
        if (body && row instanceof HTMLTableRowElement) {
          body.append(row);
          row.querySelector('input, select')?.focus();
        }
      }
    });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      /** @type {Record<string, unknown>} */
      const data = {};
      for (const table of /** @type {NodeListOf<HTMLTableElement>} */ (form.querySelectorAll('table[data-list]'))) data[table.dataset.list || ''] = tableValue(table);
      writeAndReload(form, (csrf) => send('PUT', url, data, csrf || undefined));
    });
    const [path, query] = url.split('?');
    restoreButtons(form, path, query ? `?${query}` : '');
  }

  /** The versions table's restore buttons. @param {HTMLElement} form @param {string} base @param {string} [query] */
  function restoreButtons(form, base, query = '') {
    for (const btn of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('#versions button[data-action=restore]'))) {
      btn.addEventListener('click', () => writeAndReload(form, (csrf) => send('POST', `${base}/versiones/${btn.dataset.version}/restaurar${query}`, undefined, csrf || undefined)));
    }
  }

  function start() {
    const form = /** @type {HTMLFormElement | null} */ (document.querySelector('form[data-editor]'));
    if (form?.dataset.editor === 'signin') signIn(form);
    if (form?.dataset.editor === 'page') pageEditor(form);
    if (form?.dataset.editor === 'data') dataEditor(form);
    const out = document.querySelector('button[data-action=signout]');
    out?.addEventListener('click', async () => {
      await send('POST', '/api/auth/logout', undefined, (await csrfToken()) || undefined);
      location.reload();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
