// Renders an article's body blocks as the HTML that feeds carry as full text. Every piece of
// text and every attribute is escaped here, so no headline or paragraph can become markup.
import type { Article, Block } from '../articles/schemas.js';
import { urlControlCharacters } from '../http/primitives.js';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/**
 * A URL as an attribute: escaped, and its control characters percent-encoded, as a URL parser
 * would, since XML (the feeds) cannot carry them. URLs with them are refused since 2026-12-08;
 * one stored before is still in the archive.
 */
const urlControl = new RegExp(`[${urlControlCharacters}]`, 'g');

function urlAttribute(url: string): string {
  return escapeHtml(url.replace(urlControl, (character) => encodeURIComponent(character)));
}

function figure(image: { url: string; caption?: string; credit?: string }): string {
  const caption = [image.caption, image.credit].filter((part) => part !== undefined).map(escapeHtml);
  const figcaption = caption.length > 0 ? `<figcaption>${caption.join(' · ')}</figcaption>` : '';
  return `<figure><img src="${urlAttribute(image.url)}" alt="${escapeHtml(image.caption ?? '')}">${figcaption}</figure>`;
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'quote': {
      const attribution = block.attribution === undefined ? '' : `<footer>${escapeHtml(block.attribution)}</footer>`;
      return `<blockquote><p>${escapeHtml(block.text)}</p>${attribution}</blockquote>`;
    }
    case 'image':
      return figure(block);
    case 'related':
      // Public articles only carry "Read more" boxes whose target the public can read.
      return `<aside><p>Read more: <a href="${urlAttribute(block.article.url)}">${escapeHtml(block.article.headline)}</a></p></aside>`;
  }
}

/** The article's lead image and body as HTML. */
export function articleHtml(article: Article): string {
  const lead = article.leadImage ? figure(article.leadImage) : '';
  return lead + article.body.map(blockHtml).join('');
}
