// `npm run bench:redis`: the ingest benchmark of `npm run bench` (same load: BENCH_SOCKETS sockets, BENCH_INFLIGHT
// votes in flight, closed loop, the SDK's batched `act` form) against OnCue in Redis mode (issue 14, 5a/5b), in one run:
//   1. raw ws (the ceiling, for the ratios);
//   2. OnCue, one process, SQLite (as `npm run bench`);
//   3. OnCue, one process, Redis;
//   4. OnCue, two processes on Redis, one room: the load's sockets alternate between the two ports, so the votes of
//      the sockets on the second process are forwarded to the first (the owner of the room's channel);
//   5. OnCue, two processes on Redis, two rooms in two channels, each process owning one (its poll created through
//      it), each socket connected to the owner of its room: many rooms spread over processes.
// Each Redis case starts a fresh `redis-server` on a free port in a temporary directory (AOF on, `appendfsync
// always` unless BENCH_APPENDFSYNC says otherwise, no RDB snapshots) and kills it after the case.
// Prints votes/s acknowledged, p50/p99 ack latency, tally updates per viewer/s, CPU per vote of the server processes
// (summed), of Redis and of the load driver, the ratio to raw ws, the load average, and checks every final tally
// against the viewers' last accepted votes.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from './child-message.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 200);
const INFLIGHT = Number(process.env.BENCH_INFLIGHT ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const APPENDFSYNC = process.env.BENCH_APPENDFSYNC ?? 'always';
const REDIS_SERVER = process.env.BENCH_REDIS_SERVER ?? 'redis-server';
// BENCH_SERVER_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) is passed to every OnCue and raw ws process.
const serverArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
/** /proc CPU times are in clock ticks (USER_HZ, 100 on Linux). */
const TICK_MICROS = 1e6 / 100;

const allCases = [
  { name: 'raw-ws', label: 'raw ws (ceiling)', servers: [{ file: 'servers/raw-ws.js' }] },
  { name: 'sqlite', label: 'OnCue, 1 process, SQLite', servers: [{ file: 'servers/oncue.js' }] },
  { name: 'redis-1', label: 'OnCue, 1 process, Redis', redis: true, servers: [{ file: 'servers/oncue.js' }] },
  {
    name: 'redis-2-one-room',
    label: 'OnCue, 2 processes, Redis, 1 room',
    redis: true,
    servers: [{ file: 'servers/oncue.js' }, { file: 'servers/oncue.js', env: { BENCH_POLL: '0' } }],
  },
  {
    name: 'redis-2-two-rooms',
    label: 'OnCue, 2 processes, Redis, 2 rooms',
    redis: true,
    servers: [
      { file: 'servers/oncue.js', env: { BENCH_ROOM: 'benchA--x' } },
      { file: 'servers/oncue.js', env: { BENCH_ROOM: 'benchB--x' } },
    ],
  },
];
// BENCH_CASES=redis-1,raw-ws: only these cases (in the order above).
const only = (process.env.BENCH_CASES ?? '').split(',').filter(Boolean);
const cases = only.length ? allCases.filter((c) => only.includes(c.name)) : allCases;

/** Children to kill if the script fails half-way. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** User + system CPU time of a process so far, in µs, from /proc/<pid>/stat (all its threads). */
function procCpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state is field 3, utime field 14, stime field 15 (1-based over the whole line).
  return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
}

/** A real redis-server on a free port in a temporary directory: AOF on, `appendfsync` as asked, no RDB snapshots. */
async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'oncue-bench-redis-'));
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', APPENDFSYNC, '--save', '', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.add(child);
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${log}`)), 10_000);
    child.stdout.on('data', (chunk) => {
      log += chunk;
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${log}`));
    });
  });
  child.stdout.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
      children.delete(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startTarget(spec, redis) {
  const env = { ...process.env, ...(redis ? { BENCH_REDIS_URL: redis.url } : {}), ...spec.env };
  const child = fork(here(spec.file), [], { env, execArgv: ['--expose-gc', ...serverArgs], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  const { port, interaction } = await once(child, 'ready');
  return { child, port, interaction, room: spec.env?.BENCH_ROOM ?? 'bench' };
}

async function cpuOf(server) {
  server.child.send({ type: 'cpu' });
  return (await once(server.child, 'cpu')).micros;
}

async function measure(c) {
  const load1 = loadavg()[0];
  const redis = c.redis ? await startRedis() : undefined;
  // One after the other: the first process claims the deployment's secrets in Redis, and each poll's creation
  // makes the process it is created through the owner of its channel.
  const servers = [];
  for (const spec of c.servers) servers.push(await startTarget(spec, redis));
  const withPoll = servers.filter((s) => s.interaction);
  const rooms = withPoll.map((s) => s.room);
  const ports = servers.map((s) => s.port).join(',');
  const driver = fork(
    here('load.js'),
    [c.name === 'raw-ws' ? 'raw-ws' : 'oncue', ports, withPoll.map((s) => s.interaction).join(','), SOCKETS, INFLIGHT, SECONDS, rooms.join(',')],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  children.add(driver);
  await once(driver, 'connected');
  const serverCpu0 = await Promise.all(servers.map(cpuOf));
  const redisCpu0 = redis ? procCpuMicros(redis.pid) : 0;
  const driverCpu0 = procCpuMicros(driver.pid);
  driver.send({ type: 'go' });
  const result = await once(driver, 'result');
  const driverCpu = procCpuMicros(driver.pid) - driverCpu0;
  const perServerCpu = (await Promise.all(servers.map(cpuOf))).map((m, i) => m - serverCpu0[i]);
  const serverCpu = perServerCpu.reduce((sum, m) => sum + m, 0);
  const redisCpu = redis ? procCpuMicros(redis.pid) - redisCpu0 : NaN;
  const finals = [];
  for (const s of withPoll) {
    s.child.send({ type: 'final' });
    finals.push(await once(s.child, 'final'));
  }
  await new Promise((r) => (driver.exitCode === null ? driver.once('exit', r) : r()));
  children.delete(driver);
  for (const s of servers.slice().reverse()) {
    s.child.send({ type: 'close' });
    await new Promise((r) => s.child.once('exit', r));
    children.delete(s.child);
  }
  await redis?.stop();
  // The count check: each room's final tally against its viewers' last accepted votes (raw ws counts every vote).
  const checks = finals.map((f, r) => {
    if (c.name === 'raw-ws') return { room: 'raw', ok: true, text: `counted ${f.counted} votes (raw ws counts every vote, no tally check)` };
    const expected = result.expected[r];
    const ok = f.tally && expected.every((n, i) => n === f.tally[i]);
    return {
      room: rooms[r],
      ok,
      text: `${rooms[r]}: tally [${f.tally}] ${ok ? '=' : '≠'} last accepted votes of its viewers [${expected}] (${f.counted} votes, one per viewer)`,
    };
  });
  return {
    ...result,
    load1,
    loadAfter: loadavg()[0],
    processes: servers.length,
    checks,
    serverMicrosPerVote: serverCpu / result.answered,
    perServerMicrosPerVote: perServerCpu.map((m) => m / result.answered),
    redisMicrosPerVote: redisCpu / result.answered,
    driverMicrosPerVote: driverCpu / result.answered,
  };
}

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–');
const loadBefore = loadavg();
console.log(
  `Redis-mode ingest benchmark: ${SOCKETS} viewer sockets, ${INFLIGHT} votes in flight (closed loop, the SDK's batched act form), ` +
    `${SECONDS} s measured (+1 s warm-up) per case; Redis AOF appendfsync ${APPENDFSYNC}, no RDB`,
);
console.log(`load average before: ${loadBefore.map((n) => n.toFixed(2)).join(' ')}\n`);
const results = {};
for (const c of cases) {
  process.stdout.write(`  running ${c.label} …\n`);
  results[c.name] = await measure(c);
}
const loadAfter = loadavg();

const raw = results['raw-ws'];
const head = [
  'case',
  'votes/s',
  'p50 ms',
  'p99 ms',
  'updates/viewer/s',
  'server CPU µs/vote',
  'Redis CPU µs/vote',
  'load CPU µs/vote',
  '× raw ws',
  'refused',
  'load avg',
];
const rows = cases.map((c) => {
  const r = results[c.name];
  return [
    c.label,
    fmt(r.votesPerSecond),
    fmt(r.p50, 1),
    fmt(r.p99, 1),
    fmt(r.updatesPerViewerPerSecond, 1),
    `${fmt(r.serverMicrosPerVote, 1)}${r.processes > 1 ? ` (${r.processes} proc.)` : ''}`,
    fmt(r.redisMicrosPerVote, 1),
    fmt(r.driverMicrosPerVote, 1),
    raw ? `${fmt(r.votesPerSecond / raw.votesPerSecond, 2)}×` : '–',
    `${r.rejected}`,
    fmt(r.load1, 2),
  ];
});
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log('\n' + line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
rows.forEach((r) => console.log(line(r)));
console.log(
  `\nCPU per vote is over the whole load (warm-up and drain included), per acknowledged vote; "server" sums the server processes. ` +
    `The machine's cores are shared by the server processes, the load driver and Redis (and other work): see the load average.`,
);
for (const c of cases) {
  const r = results[c.name];
  if (r.processes < 2) continue;
  const parts = r.perServerMicrosPerVote.map((m, i) => `process ${i + 1}${c.servers[i].env?.BENCH_POLL === '0' ? ' (forwards)' : ' (owner)'} ${fmt(m, 1)}`);
  console.log(`${c.label}: server CPU per vote (of all votes): ${parts.join(', ')}`);
}
const per = (name) => results[name] && results[name].votesPerSecond;
if (per('redis-1') && per('sqlite')) console.log(`Redis / SQLite, one process:            ${fmt(per('redis-1') / per('sqlite'), 2)}× votes/s`);
if (per('redis-2-one-room') && per('redis-1'))
  console.log(`2 processes, 1 room / 1 process (Redis): ${fmt(per('redis-2-one-room') / per('redis-1'), 2)}× votes/s`);
if (per('redis-2-two-rooms') && per('redis-1'))
  console.log(`2 processes, 2 rooms / 1 process (Redis): ${fmt(per('redis-2-two-rooms') / per('redis-1'), 2)}× votes/s`);

console.log('\ncount check (each final tally = the last accepted vote of each of its viewers; nothing lost or counted twice):');
let allOk = true;
for (const c of cases) {
  for (const check of results[c.name].checks) {
    allOk &&= check.ok;
    console.log(`  ${check.ok ? 'ok  ' : 'FAIL'} ${c.label}: ${check.text}${results[c.name].undrained ? ` (undrained: ${results[c.name].undrained})` : ''}`);
  }
}
console.log(allOk ? '  all tallies match' : '  SOME TALLIES DO NOT MATCH');
console.log(`\nload average before: ${loadBefore.map((n) => n.toFixed(2)).join(' ')}; after: ${loadAfter.map((n) => n.toFixed(2)).join(' ')}`);
process.exitCode = allOk ? 0 : 1;
