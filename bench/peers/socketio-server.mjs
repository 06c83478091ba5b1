// Benchmark peer: a plain socket.io server exposing the same REST contract the Hubbub
// load generator drives; clients speak Engine.IO v4 over WebSocket. See README.md.
import { Server } from 'socket.io';
import { MAX_BODY, cliArgs, restServer, sendRoute } from './rest.mjs';

const args = cliArgs();

// The REST handler must be registered BEFORE socket.io attaches: engine.io takes over the
// server's existing 'request' listeners and only forwards requests outside /socket.io/ to them.
const httpServer = restServer((pathname) => sendRoute(pathname, {
  toAll: () => (data) => io.emit('message', { from: 'server', data }),
  toGroup: (group) => (data) => io.to(group).emit('message', { from: 'server', data }),
  toUser: (user) => (data) => io.to('user:' + user).emit('message', { from: 'server', data }),
}));

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
