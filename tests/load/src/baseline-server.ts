// Child process of the harness: a bare node:http server answering every request with the bytes
// it is sent over IPC. It runs apart from the load generator so the two do not share an event loop.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Reply {
  body: string;
  contentType: string;
}

process.once('message', (message: Reply) => {
  const bytes = Buffer.from(message.body, 'base64');
  const headers = { 'content-type': message.contentType, 'content-length': String(bytes.length) };
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, headers);
    res.end(bytes);
  });
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
});
// The harness gone (even killed) means the IPC channel closes: nothing is left listening.
process.on('disconnect', () => process.exit(0));
