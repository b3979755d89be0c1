// Editors' Markdown to the HTML visitors get: marked renders, sanitize-html keeps a fixed set of tags and attributes,
// so raw HTML an editor types (a <script>, an onclick, a javascript: link) never reaches a page.
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'a', 'blockquote', 'code', 'pre',
    'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // The page has one <h1> (its title): an editor's top heading becomes a section heading.
  transformTags: { h1: 'h2', h5: 'h4', h6: 'h4' },
};

/** Sanitised HTML of an editor's Markdown. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false, gfm: true }), OPTIONS);
}
