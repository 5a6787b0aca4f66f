import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { counterId, lengthCounter, showsCounter } from './field-error.js';

/** Limits of the protocol, repeated as numbers so the host forms do not load the validation library. */
export const MAX_OPTION_LABEL = 120;

/** One option of a host form: its label and image URL and the button that removes it, with their accessible names. */
export interface OptionFieldsProps {
  /** Id of the label field (focus moves there when options are added or removed); the image field is `image-<id>`. */
  id: string;
  label: string;
  image: string;
  labelName: string;
  imageName: string;
  removeName: string;
  placeholder: string;
  imagePlaceholder: string;
  canRemove: boolean;
  /** Which of the two fields a validation message concerns (`aria-invalid`, described by `errorId`). */
  invalid?: 'label' | 'image';
  /** Id of the validation message shown for this option. */
  errorId?: string;
  onInput: (change: { label?: string; image?: string }) => void;
  onRemove: () => void;
}

/**
 * The label field, the image URL field and the remove button of one option (poll form, quiz form), and the label's
 * length counter once it nears its limit. A label over the limit is kept as typed (the form refuses it with a message).
 */
export function optionFields(p: OptionFieldsProps): TemplateResult {
  const counted = showsCounter(p.label.length, MAX_OPTION_LABEL);
  const labelDescribedBy = [p.invalid === 'label' ? p.errorId : undefined, counted ? counterId(p.id) : undefined].filter(Boolean).join(' ');
  return html`<input
      part="field"
      class="field"
      id=${p.id}
      aria-label=${p.labelName}
      aria-invalid=${p.invalid === 'label' ? 'true' : 'false'}
      aria-describedby=${ifDefined(labelDescribedBy || undefined)}
      placeholder=${p.placeholder}
      .value=${p.label}
      @input=${(e: Event) => p.onInput({ label: (e.target as HTMLInputElement).value })}
    />
    <input
      part="field"
      class="field image"
      id="image-${p.id}"
      type="url"
      inputmode="url"
      aria-label=${p.imageName}
      aria-invalid=${p.invalid === 'image' ? 'true' : 'false'}
      aria-describedby=${ifDefined(p.invalid === 'image' ? p.errorId : undefined)}
      placeholder=${p.imagePlaceholder}
      .value=${p.image}
      @input=${(e: Event) => p.onInput({ image: (e.target as HTMLInputElement).value })}
    />
    <button part="button" class="button remove" type="button" aria-label=${p.removeName} ?disabled=${!p.canRemove} @click=${p.onRemove}>×</button>
    ${counted ? lengthCounter(p.id, p.label.length, MAX_OPTION_LABEL) : nothing}`;
}
