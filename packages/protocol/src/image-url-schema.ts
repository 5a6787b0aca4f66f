import * as v from 'valibot';
import { isImageUrl } from './image-url.js';
import { MAX_URL_LENGTH } from './limits.js';

/** An image URL in a spec ({@link isImageUrl}). */
export const ImageUrlSchema = v.pipe(
  v.string(),
  v.maxLength(MAX_URL_LENGTH),
  v.check(isImageUrl, 'image must be an https:// URL with a host, or a path on the page’s own site (/img/a.png)'),
);
