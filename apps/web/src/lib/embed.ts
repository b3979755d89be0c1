// The <iframe> code that puts the current map view on another site.
import { embedUrl } from '@sigmun/domain/portal';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The permalink hash without the open panel (the embedded map shows none). */
export function embedHash(hash: string): string {
  return hash.replace(/^#/, '').split('&').filter((p) => p && !p.startsWith('panel=')).join('&');
}

/** An `<iframe>` snippet of the embeddable map at `origin` with the permalink state of `hash`. */
export function embedSnippet(origin: string, hash: string, title: string): string {
  const src = embedUrl(origin, embedHash(hash));
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="800" height="600" style="border:0" loading="lazy" allowfullscreen></iframe>`;
}
