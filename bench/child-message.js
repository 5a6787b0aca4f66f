// The benchmarks drive their server and load processes over IPC: `{ type, … }` messages.

/**
 * Resolves with the next message of `type` from a child process, or rejects if it exits first.
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} type
 */
export function once(child, type) {
  return new Promise((resolve, reject) => {
    const onMessage = (msg) => {
      if (msg.type === type) {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(msg);
      }
    };
    const onExit = (code) => reject(new Error(`${type}: process ${child.pid} exited with ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
