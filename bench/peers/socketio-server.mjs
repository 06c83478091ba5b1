// Benchmark peer: a plain socket.io server exposing the same REST contract the Hubbub
// load generator drives; clients speak Engine.IO v4 over WebSocket. See README.md.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';

const MAX_BODY = 1 << 20;

const { values: args } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
  },
});

// The REST handler must be registered BEFORE socket.io attaches: engine.io takes over the
// server's existing 'request' listeners and only forwards requests outside /socket.io/ to them.
const httpServer = http.createServer(handleRequest);
httpServer.keepAliveTimeout = 0;
httpServer.headersTimeout = 0;
httpServer.requestTimeout = 0;

const io = new Server(httpServer, {
  transports: ['websocket'],
  perMessageDeflate: false,
  httpCompression: false,
  maxHttpBufferSize: MAX_BODY,
  serveClient: false,
  cors: undefined,
});

io.on('connection', (socket) => {
  const { user, group } = socket.handshake.query;
  if (typeof group === 'string' && group) socket.join(group);
  if (typeof user === 'string' && user) socket.join('user:' + user);

  socket.on('sendToGroup', (payload) => {
    if (payload && typeof payload.group === 'string') {
      io.to(payload.group).emit('message', { from: 'group', group: payload.group, data: payload.data });
    }
  });
});

function route(pathname) {
  if (pathname === '/send') return (data) => io.emit('message', { from: 'server', data });
  let m = /^\/groups\/([^/]+)\/send$/.exec(pathname);
  if (m) {
    const group = decodeURIComponent(m[1]);
    return (data) => io.to(group).emit('message', { from: 'server', data });
  }
  m = /^\/users\/([^/]+)\/send$/.exec(pathname);
  if (m) {
    const user = decodeURIComponent(m[1]);
    return (data) => io.to('user:' + user).emit('message', { from: 'server', data });
  }
  return null;
}

async function handleRequest(req, res) {
  let send;
  try {
    send = route(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return reply(res, 400);
  }
  if (!send) return reply(res, 404);
  if (req.method !== 'POST') return reply(res, 405, { Allow: 'POST' });

  let data;
  try {
    data = await readText(req);
  } catch {
    return reply(res, 413, { Connection: 'close' });
  }
  send(data);
  reply(res, 202);
}

function reply(res, status, headers = {}) {
  res.writeHead(status, { 'Content-Length': 0, ...headers }).end();
}

async function readText(req) {
  if (Number(req.headers['content-length']) > MAX_BODY) throw new Error('body too large');
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

httpServer.listen(Number(args.port), args.host, () => {
  console.log(`socket.io ready on port ${httpServer.address().port}`);
});

function shutdown() {
  io.close(() => process.exit(0)); // disconnects all sockets and closes httpServer
  httpServer.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
