import * as v from 'valibot';
import { ImageUrlSchema } from './image-url-schema.js';
import { labelTextSchema } from './label-text.js';
import { MAX_LABEL_LENGTH } from './limits.js';

/** One option a viewer can pick (a poll's option, a quiz question's option): a label and an optional image. */
export const ChoiceOptionSchema = v.object({
  label: labelTextSchema('option label', MAX_LABEL_LENGTH),
  image: v.optional(ImageUrlSchema),
});
export type ChoiceOption = v.InferOutput<typeof ChoiceOptionSchema>;
