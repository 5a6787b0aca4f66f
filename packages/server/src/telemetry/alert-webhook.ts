import type { Logger } from '../logger.js';
import type { TelemetryAlert } from '@oncue/protocol';

/** The JSON body POSTed to the alert webhook. */
export interface AlertWebhookPayload {
  type: 'oncue.telemetry.alert';
  alert: TelemetryAlert;
}

/** How long the webhook may take to answer. */
const WEBHOOK_TIMEOUT_MS = 5000;

/**
 * POSTs an alert as JSON to `url`. A failure (network error, timeout, non-2xx)
 * is logged, not retried: the alert is on the dashboard either way.
 */
export async function postAlert(url: string, alert: TelemetryAlert, logger: Logger): Promise<boolean> {
  const payload: AlertWebhookPayload = { type: 'oncue.telemetry.alert', alert };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.ok) return true;
    logger.warn(`alert webhook answered ${response.status}`);
  } catch (err) {
    logger.warn(`alert webhook failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return false;
}
