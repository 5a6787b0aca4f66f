import type { HostStepRequestInput } from '@oncue/protocol';

/** How `nextStep()` moves an interaction on: `from` the step the host sees, `reveal` to only end it. */
export type StepOptions = Pick<HostStepRequestInput, 'from' | 'reveal'>;
