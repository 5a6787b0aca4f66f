import type { HostStepRequestInput } from '@oncue/protocol';

/** How `nextStep()` moves an interaction on: `from` the step the host sees, `reveal` to only end it, `cancel` to call it off (a blind box). */
export type StepOptions = Pick<HostStepRequestInput, 'from' | 'reveal' | 'cancel'>;
