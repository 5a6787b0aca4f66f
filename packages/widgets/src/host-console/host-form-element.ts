import type { RoomConnection } from '@oncue/core';
import type { InteractionSpecInput } from '@oncue/protocol';
import { property, state } from 'lit/decorators.js';
import type { Localize } from '../shared/localize.js';
import { OnCueElement } from '../shared/oncue-element.js';
import type { FieldProblem } from './field-error.js';
import type { HostMessages } from './host-messages.js';
import { refused, type Problem } from './problem.js';

/**
 * Base of a kind's host elements (its form, its panel): the host `connection` the console lends, a `focus()` that
 * moves to the element's first field, so the console can hand the keyboard over after sign-in, and the submit of a
 * form that creates an interaction ({@link submitSpec}) with its states.
 */
export class HostFormElement<M extends HostMessages = HostMessages> extends OnCueElement {
  /** A host connection (from `connect({ server, room, hostToken })`); not released by the element. */
  @property({ attribute: false }) connection?: RoomConnection;

  /** The server is creating what the form describes: its buttons are disabled. */
  @state() protected creating = false;
  /** A form mistake, shown at its field. */
  @state() protected invalid: FieldProblem<M> | null = null;
  /** A server refusal, shown above the buttons. */
  @state() protected refusal: Problem<M> | null = null;

  /** Focuses the first field of the element (the host element itself is not focusable). */
  override focus(options?: FocusOptions): void {
    this.renderRoot?.querySelector<HTMLElement>('textarea, input, select')?.focus(options);
  }

  /**
   * The submit of a form that creates an interaction. "Save as draft" is the form's first submit button, so Enter
   * in a field never launches anything by accident; `spec(launch)` gives the spec, or the mistake, which is shown
   * at its field and focuses it; the server creates it (`oncue-create`, then `created()` empties the form) or
   * refuses (shown above the buttons, and an `oncue-error`).
   */
  protected async submitSpec(
    event: SubmitEvent,
    t: Localize<M>['t'],
    spec: (launch: boolean) => InteractionSpecInput | FieldProblem<M>,
    created: () => void,
  ): Promise<void> {
    event.preventDefault();
    const conn = this.connection;
    if (!conn || this.creating) return;
    const launch = (event.submitter as HTMLButtonElement | null)?.value === 'launch';
    const made = spec(launch);
    this.refusal = null;
    if (!('kind' in made)) {
      this.invalid = made;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${made.field}`)?.focus();
      return;
    }
    this.invalid = null;
    this.creating = true;
    const result = await conn.createInteraction(made).catch(() => null);
    this.creating = false;
    if (result?.ok) {
      created();
      this.emit('oncue-create', { interaction: result.value });
      return;
    }
    this.refusal = refused(this, t, result);
  }
}
