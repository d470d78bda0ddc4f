// Preloaded (`node -r`) into each process a benchmark times: on exit, writes the CPU time the
// process used (user and system, every thread) to stderr as `cpu-ms <n>`, for the benchmark to
// set beside the wall time. Written with fs.writeSync: an exit handler cannot wait for a stream.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeSync(2, `\ncpu-ms ${((user + system) / 1000).toFixed(0)}\n`);
});
