// The chat app's HTTP API. Errors come back as {"error":{"code","message"}}; they are thrown as ApiError.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(method, path, body) {
  const options = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
  }
  if (!response.ok) {
    const error = (json && json.error) || {};
    throw new ApiError(response.status, error.code || 'HttpError', error.message || 'HTTP ' + response.status);
  }
  return json;
}

const enc = encodeURIComponent;

export const api = {
  me: () => call('GET', '/api/me'),
  signIn: (name) => call('POST', '/api/signin', { name }),
  signOut: () => call('POST', '/api/signout'),
  negotiate: () => call('POST', '/negotiate', {}),
  rooms: () => call('GET', '/api/rooms'),
  createRoom: (name) => call('POST', '/api/rooms', { name }),
  join: (room) => call('POST', '/api/rooms/' + enc(room) + '/join'),
  leave: (room) => call('POST', '/api/rooms/' + enc(room) + '/leave'),
  members: (room) => call('GET', '/api/rooms/' + enc(room) + '/users'),
  roomHistory: (room, query) => call('GET', '/api/rooms/' + enc(room) + '/history' + query),
  conversations: () => call('GET', '/api/dms'),
  dmHistory: (peer, query) => call('GET', '/api/dms/' + enc(peer) + '/history' + query),
};
