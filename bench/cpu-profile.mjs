// Preload for profiling the portal on Node 20, where NODE_OPTIONS may not carry --cpu-prof:
// NODE_OPTIONS="--import ./bench/cpu-profile.mjs" CPU_PROFILE_DIR=DIR writes DIR/PID.cpuprofile
// (open it in Chrome DevTools) when the process exits. bench/oidc.ts sets this up for BENCH_CPU_PROF.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // An in-process session answers synchronously, so this works inside 'exit'.
  process.on('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
