// A small client of the Web PubSub JSON subprotocol (json.webpubsub.azure.v1) on the browser's own WebSocket:
// joinGroup and event requests with ack ids, acks as promises, and group/server messages as callbacks.
// Reconnection is the app's job (it must fetch a fresh URL and catch up from its store), so this class
// only reports that the socket closed.

const PROTOCOL = 'json.webpubsub.azure.v1';
const ACK_TIMEOUT_MS = 25000; // the service waits up to 20 s for the app's webhook before it acks an event

export class AckError extends Error {
  constructor(name, message) {
    super(message || name);
    this.name = name;
  }
}

export class PubSubClient {
  constructor({ onMessage, onClose }) {
    this.onMessage = onMessage;
    this.onClose = onClose;
    this.nextAckId = 1;
    this.pending = new Map(); // ackId -> {resolve, reject, timer}
    this.ws = null;
    this.closedByUs = false;
  }

  /** Opens the socket; resolves with {connectionId, userId} once the service says "connected". */
  connect(url) {
    this.closedByUs = false;
    return new Promise((resolve, reject) => {
      let connected = false;
      const ws = new WebSocket(url, PROTOCOL);
      this.ws = ws;
      ws.onmessage = (event) => {
        let frame;
        try {
          frame = JSON.parse(event.data);
        } catch (e) {
          return; // the JSON subprotocol only sends JSON; anything else is not for us
        }
        if (frame.type === 'system' && frame.event === 'connected') {
          connected = true;
          resolve({ connectionId: frame.connectionId, userId: frame.userId });
        } else if (frame.type === 'system' && frame.event === 'disconnected') {
          this.lastDisconnectReason = frame.message;
        } else if (frame.type === 'ack') {
          this.settle(frame);
        } else if (frame.type === 'message') {
          this.onMessage(frame.data, frame);
        }
      };
      ws.onclose = (event) => {
        if (this.ws === ws) {
          this.ws = null;
        }
        this.failAll(new AckError('Disconnected', 'the connection closed before the answer came'));
        if (!connected) {
          reject(new Error('could not connect (' + (event.reason || event.code) + ')'));
          return;
        }
        if (!this.closedByUs) {
          this.onClose(this.lastDisconnectReason || event.reason || 'connection lost');
        }
      };
    });
  }

  isOpen() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  joinGroup(group) {
    return this.request({ type: 'joinGroup', group });
  }

  /** A user event with JSON data; resolves when the app has handled it (stored, for chat messages). */
  sendEvent(event, data) {
    return this.request({ type: 'event', event, dataType: 'json', data });
  }

  request(message) {
    if (!this.isOpen()) {
      return Promise.reject(new AckError('Disconnected', 'not connected'));
    }
    const ackId = this.nextAckId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(ackId);
        reject(new AckError('Timeout', 'no answer within ' + ACK_TIMEOUT_MS / 1000 + ' s'));
      }, ACK_TIMEOUT_MS);
      this.pending.set(ackId, { resolve, reject, timer });
      this.ws.send(JSON.stringify({ ...message, ackId }));
    });
  }

  settle(ack) {
    const waiter = this.pending.get(ack.ackId);
    if (!waiter) {
      return;
    }
    this.pending.delete(ack.ackId);
    clearTimeout(waiter.timer);
    // "Duplicate" means an earlier copy of this request went through: that is success
    if (ack.success || (ack.error && ack.error.name === 'Duplicate')) {
      waiter.resolve();
    } else {
      const error = ack.error || {};
      waiter.reject(new AckError(error.name || 'Error', error.message));
    }
  }

  failAll(error) {
    for (const waiter of this.pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.pending.clear();
  }

  close() {
    this.closedByUs = true;
    if (this.ws) {
      this.ws.close(1000);
    }
  }
}
