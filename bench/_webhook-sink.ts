/**
 * The webhook sink of bench/journeys.ts throughput, run in its own process so that receiving does not take
 * the sender's event loop (a store's real webhook receiver is another machine). Counts deliveries; answers
 * the parent's `count` messages with the count and the CPU seconds it used.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

let n = 0;
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    n += 1;
    res.writeHead(200).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send!({ url: `http://127.0.0.1:${port}/hook` });
});
process.on('message', (m) => {
  if (m === 'count') {
    const cpu = process.cpuUsage();
    process.send!({ count: n, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
  } else if (m === 'close') server.close(() => process.exit(0));
});
