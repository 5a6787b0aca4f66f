import { MAX_URL_LENGTH } from './limits.js';

/**
 * Whether `url` may be shown as an image to viewers: an `https://` URL with a
 * host (`https://cdn.example/a.png`), or a path on the embedding page's own
 * site (`/img/a.png`). Refused: `http://` (mixed content, readable and
 * changeable on the way), protocol-relative `//other.host/x.png`,
 * `/\other.host/x.png` (browsers read the backslash as a slash and fetch from
 * that host), a bare `https://`, credentials in the URL, whitespace, control
 * characters and backslashes anywhere. Shared by the server's schemas and the
 * host forms.
 */
export function isImageUrl(url: string): boolean {
  if (url.length === 0 || url.length > MAX_URL_LENGTH) return false;
  if (/[\s\\\p{Cc}]/u.test(url)) return false;
  if (url.startsWith('/')) return url.length > 1 && url[1] !== '/';
  const authority = /^https:\/\/([^/?#]+)(?:[/?#]|$)/i.exec(url)?.[1];
  if (authority === undefined || authority.includes('@')) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '';
  } catch {
    return false;
  }
}
