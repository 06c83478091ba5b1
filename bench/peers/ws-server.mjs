// Benchmark peer: a plain `ws` server exposing the same REST + WebSocket contract
// the Hubbub load generator drives. See README.md for the wire contract.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { WebSocketServer, WebSocket } from 'ws';

const MAX_BODY = 1 << 20;

const { values: args } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
  },
});

/** @type {Map<string, Set<WebSocket>>} */
const groups = new Map();
/** @type {Map<string, Set<WebSocket>>} */
const users = new Map();

function addTo(index, key, ws) {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(ws);
}

function removeFrom(index, key, ws) {
  const set = index.get(key);
  if (!set) return;
  set.delete(ws);
  if (set.size === 0) index.delete(key);
}

function broadcast(targets, message) {
  if (!targets) return;
  const str = JSON.stringify(message);
  for (const client of targets) {
    if (client.readyState === WebSocket.OPEN) client.send(str);
  }
}

const server = http.createServer(handleRequest);
server.keepAliveTimeout = 0;
server.headersTimeout = 0;
server.requestTimeout = 0;

const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false, maxPayload: MAX_BODY });

wss.on('connection', (ws, req) => {
  const query = new URL(req.url, 'http://localhost').searchParams;
  const user = query.get('user');
  const group = query.get('group');
  if (user) addTo(users, user, ws);
  if (group) addTo(groups, group, ws);

  ws.on('message', (raw, isBinary) => {
    if (isBinary) return;
    let msg;
    try {
      msg = JSON.parse(raw.toString());
    } catch {
      return;
    }
    if (msg && msg.type === 'sendToGroup' && typeof msg.group === 'string') {
      broadcast(groups.get(msg.group), {
        type: 'message', from: 'group', group: msg.group, dataType: 'text', data: msg.data,
      });
    }
  });

  ws.on('close', () => {
    if (user) removeFrom(users, user, ws);
    if (group) removeFrom(groups, group, ws);
  });

  // Without a listener an 'error' (e.g. a frame over maxPayload) would crash the process; 'close' follows.
  ws.on('error', () => {});

  ws.send(JSON.stringify({ type: 'system', event: 'connected', userId: user }));
});

function route(pathname) {
  if (pathname === '/send') return { targets: () => wss.clients };
  let m = /^\/groups\/([^/]+)\/send$/.exec(pathname);
  if (m) {
    const group = decodeURIComponent(m[1]);
    return { targets: () => groups.get(group) };
  }
  m = /^\/users\/([^/]+)\/send$/.exec(pathname);
  if (m) {
    const user = decodeURIComponent(m[1]);
    return { targets: () => users.get(user) };
  }
  return null;
}

async function handleRequest(req, res) {
  let target;
  try {
    target = route(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return reply(res, 400);
  }
  if (!target) return reply(res, 404);
  if (req.method !== 'POST') return reply(res, 405, { Allow: 'POST' });

  let data;
  try {
    data = await readText(req);
  } catch {
    return reply(res, 413, { Connection: 'close' });
  }
  broadcast(target.targets(), { type: 'message', from: 'server', dataType: 'text', data });
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

server.listen(Number(args.port), args.host, () => {
  console.log(`ws ready on port ${server.address().port}`);
});

function shutdown() {
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
