// Benchmark peer: a plain `ws` server exposing the same REST + WebSocket contract
// the Hubbub load generator drives. See README.md for the wire contract.
import { WebSocketServer, WebSocket } from 'ws';
import { MAX_BODY, cliArgs, restServer, sendRoute } from './rest.mjs';

const args = cliArgs();

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

const serverMessage = (targets) => (data) =>
  broadcast(targets(), { type: 'message', from: 'server', dataType: 'text', data });
const server = restServer((pathname) => sendRoute(pathname, {
  toAll: () => serverMessage(() => wss.clients),
  toGroup: (group) => serverMessage(() => groups.get(group)),
  toUser: (user) => serverMessage(() => users.get(user)),
}));

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
