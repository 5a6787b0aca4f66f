// IPC side of a benchmark target process: reports its port, measures its own
// memory on request (after a forced GC) and its CPU time so far, and shuts down on request.
export function serveBenchTarget({ port, interaction, final, close }) {
  process.on('message', async (msg) => {
    if (msg.type === 'memory') {
      globalThis.gc?.();
      globalThis.gc?.();
      process.send({ type: 'memory', heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss, id: msg.id });
    } else if (msg.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ type: 'cpu', micros: user + system, id: msg.id });
    } else if (msg.type === 'final') {
      // `final` answers the votes in the tally, or `{ counted, tally }` (the votes per option too).
      const out = await final();
      process.send({ type: 'final', ...(typeof out === 'number' ? { counted: out } : out), id: msg.id });
    } else if (msg.type === 'close') {
      await close();
      process.exit(0);
    }
  });
  process.send({ type: 'ready', port, interaction });
}
