/** Where the server reports what it does. The default writes to the console; tests pass {@link silentLogger}. */
export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (msg) => console.log(`[oncue] ${msg}`),
  warn: (msg) => console.warn(`[oncue] ${msg}`),
  error: (msg, err) => (err === undefined ? console.error(`[oncue] ${msg}`) : console.error(`[oncue] ${msg}`, err)),
};

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};
