import { DEFAULT_ANONYMOUS_VIEWER_LIMIT } from './transport/event-budgets.js';
import type { OnCueServerOptions } from './start-server.js';

/**
 * The server's limits from the environment (see docs/server.md, "Limits"):
 * `ONCUE_TRUST_PROXY` (`true`, `false` or a number of proxy hops),
 * `ONCUE_MAX_SOCKETS_PER_ADDRESS` (0: no cap), `ONCUE_MAX_UNREAD_BYTES`,
 * `ONCUE_ANONYMOUS_VIEWERS` (new anonymous viewers per address per 10 minutes;
 * 0: no cap) and `ONCUE_SIGNED_ONLY_ROOMS` (comma-separated). Unset variables
 * leave the defaults; a malformed one throws, naming it.
 */
export function budgetOptionsFromEnv(env: Record<string, string | undefined>): Partial<OnCueServerOptions> {
  const options: Partial<OnCueServerOptions> = {};
  const whole = (name: string, min: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number, at least ${min}, not ${raw}`);
    return n;
  };
  const trust = env.ONCUE_TRUST_PROXY;
  if (trust !== undefined && trust !== '') {
    if (trust === 'true') options.trustProxy = true;
    else if (trust === 'false') options.trustProxy = false;
    else options.trustProxy = whole('ONCUE_TRUST_PROXY', 0);
  }
  const sockets = whole('ONCUE_MAX_SOCKETS_PER_ADDRESS', 0);
  if (sockets !== undefined) options.maxSocketsPerAddress = sockets === 0 ? false : sockets;
  const unread = whole('ONCUE_MAX_UNREAD_BYTES', 1024);
  if (unread !== undefined) options.maxUnreadBytes = unread;
  const anonymous = whole('ONCUE_ANONYMOUS_VIEWERS', 0);
  if (anonymous !== undefined) options.anonymousViewers = anonymous === 0 ? false : { max: anonymous, windowMs: DEFAULT_ANONYMOUS_VIEWER_LIMIT.windowMs };
  const rooms = env.ONCUE_SIGNED_ONLY_ROOMS?.split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (rooms?.length) options.signedOnlyRooms = rooms;
  return options;
}
