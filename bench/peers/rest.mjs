// What both peers share: their command line, and the REST side of the contract (README.md). `route(pathname)`
// returns the function that sends a body's text to the path's receivers, or null for an unknown path.
import http from 'node:http';
import { parseArgs } from 'node:util';

export const MAX_BODY = 1 << 20;

export function cliArgs() {
  return parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
    },
  }).values;
}

// An HTTP server for the REST routes whose keep-alive connections may idle for as long as the load generator likes.
export function restServer(route) {
  const server = http.createServer(async (req, res) => {
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
  });
  server.keepAliveTimeout = 0;
  server.headersTimeout = 0;
  server.requestTimeout = 0;
  return server;
}

// `/send`, `/groups/{group}/send`, `/users/{user}/send` → toAll(), toGroup(group), toUser(user).
export function sendRoute(pathname, { toAll, toGroup, toUser }) {
  if (pathname === '/send') return toAll();
  let m = /^\/groups\/([^/]+)\/send$/.exec(pathname);
  if (m) return toGroup(decodeURIComponent(m[1]));
  m = /^\/users\/([^/]+)\/send$/.exec(pathname);
  if (m) return toUser(decodeURIComponent(m[1]));
  return null;
}

function reply(res, status, headers = {}) {
  // An explicit length: without it Node answers with an empty chunked body.
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
