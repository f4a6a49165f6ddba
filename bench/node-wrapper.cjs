// The least a Node.js program can do in front of `docker run`: start, spawn
// it with the terminal handed over, exit with its code. bench/sandbox.mjs times
// it to show how much of govm's overhead is Node.js's own start and exit.
const { spawn } = require('node:child_process');
const [cmd, ...args] = process.argv.slice(2);
spawn(cmd, args, { stdio: 'inherit' }).on('close', (code) => {
  process.exitCode = code ?? 1;
});
