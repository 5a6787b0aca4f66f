import type { FastifyInstance } from 'fastify';
import type { MilestoneRoutesContext, MilestonesOptions } from '../milestones.js';
import { BadgeSigner } from '../credential/badge-signer.js';
import { CreditSignal } from '../credit/credit-signal.js';
import { ChannelProgress } from './channel-progress.js';
import { registerProgressRoutes } from './progress-routes.js';

/** The issuer (`iss`) of badge credentials unless the server is told another. */
export const DEFAULT_CREDENTIAL_ISSUER = 'oncue';

/** Progress, badges, reward rules, the badge credential and the credit signal, as one milestone part. */
export interface ProgressPart {
  extension: ChannelProgress;
  /** The fake-volume signal: hand it to the cheer part as its `CheerObserver`. */
  credit: CreditSignal;
  routes(app: FastifyInstance, context: MilestoneRoutesContext): void;
}

export function createProgressPart(options: MilestonesOptions): ProgressPart {
  const { store, logger } = options;
  const signer = new BadgeSigner({ store, issuer: options.credentialIssuer ?? DEFAULT_CREDENTIAL_ISSUER, meta: options.meta ?? {} });
  let progress: ChannelProgress | undefined;
  const credit = new CreditSignal({
    now: options.now,
    sharedAddressViewers: options.sharedAddressViewers,
    persist: (write) => {
      store.apply([write]).catch((err: unknown) => logger.error('could not store a credit flag', err));
    },
    onFlag: (viewer, room) => progress?.flagged(viewer, room),
  });
  progress = new ChannelProgress({ store, now: options.now, logger, service: options.service, publishProgress: options.publishProgress, signer, credit });
  return { extension: progress, credit, routes: (app, context) => registerProgressRoutes(app, context, progress, signer) };
}
