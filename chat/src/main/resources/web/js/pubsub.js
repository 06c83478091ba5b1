// A small client of the reliable Web PubSub JSON subprotocol (json.reliable.webpubsub.azure.v1) on the browser's
// own WebSocket: joinGroup and event requests with ack ids, acks as promises, and group/server messages as
// callbacks. Data messages carry sequence ids: the highest one seen is acknowledged about once a second (at once
// after a jump of more than 300), and anything at or below it is a redelivery and dropped.
//
// A short drop is recovered here: on an abnormal close (not 1008, not closed by us) it reconnects to the original
// URL plus awps_connection_id/awps_reconnection_token, at once and then every second for up to 30 s. A recovered
// connection keeps its id, groups and sequence, and the service redelivers what was not acknowledged, so the app
// only hears onRecovered. When recovery is impossible (1008, or 30 s without success) the app hears onClose and
// must start a new connection with a fresh URL and catch up from its store.

const PROTOCOL = 'json.reliable.webpubsub.azure.v1';
const ACK_TIMEOUT_MS = 25000; // the service waits up to 20 s for the app's webhook before it acks an event
const SEQUENCE_ACK_EVERY_MS = 1000;
const SEQUENCE_ACK_JUMP = 300;
const RECOVERY_RETRY_MS = 1000;
const RECOVERY_WINDOW_MS = 30000;
const UNRECOVERABLE = 1008;

export class AckError extends Error {
  constructor(name, message) {
    super(message || name);
    this.name = name;
  }
}

export class PubSubClient {
  constructor({ onMessage, onClose, onRecovering = () => {}, onRecovered = () => {} }) {
    this.onMessage = onMessage;
    this.onClose = onClose;
    this.onRecovering = onRecovering;
    this.onRecovered = onRecovered;
    this.nextAckId = 1;
    this.pending = new Map(); // ackId -> {resolve, reject, timer}
    this.ws = null;
    this.closedByUs = false;
    this.resetConnection(null);
    this.ackTimer = null;
    this.recovery = null; // {deadline, timer, guard} while recovering
  }

  /** Forgets the logical connection: a new one starts its sequence ids at 1. */
  resetConnection(url) {
    this.url = url;
    this.connectionId = null;
    this.reconnectionToken = null;
    this.lastSequenceId = 0;
    this.ackedSequenceId = 0;
    this.lastDisconnectReason = null;
  }

  /** Opens a new connection; resolves with {connectionId, userId} once the service says "connected". */
  connect(url) {
    this.stopRecovery();
    this.closedByUs = false;
    this.resetConnection(url);
    return new Promise((resolve, reject) => {
      this.open(url, {
        connected: (frame) => resolve({ connectionId: frame.connectionId, userId: frame.userId }),
        failed: (event) => reject(new Error('could not connect (' + (event.reason || event.code) + ')')),
      });
    });
  }

  /** Opens one socket; `connected` runs on its first "connected" message, `failed` if it closes before that. */
  open(url, { connected, failed }) {
    let isConnected = false;
    const ws = new WebSocket(url, PROTOCOL);
    this.ws = ws;
    ws.onmessage = (event) => {
      if (this.ws !== ws) {
        return; // a socket we gave up on
      }
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return; // the JSON subprotocol only sends JSON; anything else is not for us
      }
      if (frame.type === 'system' && frame.event === 'connected') {
        // every "connected" (recoveries included) brings a token; the JS SDK keeps whatever arrives last
        this.reconnectionToken = frame.reconnectionToken || frame.reconnection_token || null;
        if (!isConnected) {
          isConnected = true;
          this.connectionId = frame.connectionId;
          this.startAcks();
          connected(frame);
        }
      } else if (frame.type === 'system' && frame.event === 'disconnected') {
        this.lastDisconnectReason = frame.message;
      } else if (frame.type === 'ack') {
        this.settle(frame);
      } else if (frame.type === 'message') {
        if (!this.accept(frame.sequenceId)) {
          return;
        }
        this.onMessage(frame.data, frame);
      }
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) {
        return;
      }
      this.ws = null;
      this.failAll(new AckError('Disconnected', 'the connection closed before the answer came'));
      if (!isConnected) {
        failed(event);
        return;
      }
      if (this.closedByUs) {
        return;
      }
      if (event.code !== UNRECOVERABLE && this.connectionId && this.reconnectionToken) {
        this.startRecovery();
      } else {
        this.lost(event);
      }
    };
  }

  /** Whether a data message is new: ids at or below the highest seen are redeliveries. */
  accept(sequenceId) {
    if (sequenceId === undefined || sequenceId === null) {
      return true;
    }
    const id = Number(sequenceId);
    if (id <= this.lastSequenceId) {
      return false;
    }
    this.lastSequenceId = id;
    if (id - this.ackedSequenceId > SEQUENCE_ACK_JUMP) {
      this.sendSequenceAck();
    }
    return true;
  }

  startAcks() {
    if (this.ackTimer === null) {
      this.ackTimer = setInterval(() => this.sendSequenceAck(), SEQUENCE_ACK_EVERY_MS);
    }
  }

  stopAcks() {
    clearInterval(this.ackTimer);
    this.ackTimer = null;
  }

  sendSequenceAck() {
    if (this.lastSequenceId > this.ackedSequenceId && this.isOpen()) {
      this.ws.send(JSON.stringify({ type: 'sequenceAck', sequenceId: this.lastSequenceId }));
      this.ackedSequenceId = this.lastSequenceId;
    }
  }

  recoveryUrl() {
    return this.url + (this.url.includes('?') ? '&' : '?')
      + 'awps_connection_id=' + encodeURIComponent(this.connectionId)
      + '&awps_reconnection_token=' + encodeURIComponent(this.reconnectionToken);
  }

  startRecovery() {
    const recovery = { deadline: Date.now() + RECOVERY_WINDOW_MS, timer: null };
    this.recovery = recovery;
    // an attempt still hanging in its handshake when the window ends is given up
    recovery.guard = setTimeout(() => {
      if (this.recovery === recovery && this.ws && this.ws.readyState === WebSocket.CONNECTING) {
        this.ws.close();
      }
    }, RECOVERY_WINDOW_MS);
    this.onRecovering();
    this.tryRecovery();
  }

  tryRecovery() {
    const recovery = this.recovery;
    if (!recovery || this.closedByUs) {
      return;
    }
    recovery.timer = null;
    this.open(this.recoveryUrl(), {
      connected: () => {
        if (this.recovery === recovery) {
          this.stopRecovery();
          this.ackedSequenceId = 0; // the last ack may have been lost with the socket: send it again
          this.onRecovered();
        }
      },
      failed: (event) => {
        if (this.recovery !== recovery) {
          return;
        }
        if (event.code === UNRECOVERABLE || Date.now() + RECOVERY_RETRY_MS > recovery.deadline) {
          this.stopRecovery();
          this.lost(event);
        } else {
          recovery.timer = setTimeout(() => this.tryRecovery(), RECOVERY_RETRY_MS);
        }
      },
    });
  }

  stopRecovery() {
    if (this.recovery) {
      clearTimeout(this.recovery.timer);
      clearTimeout(this.recovery.guard);
      this.recovery = null;
    }
  }

  /** The logical connection is over: the app has to start a new one. */
  lost(event) {
    this.stopAcks();
    const reason = this.lastDisconnectReason || event.reason || 'connection lost';
    this.resetConnection(this.url);
    this.onClose(reason);
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

  /** Ends the connection for good (a close frame ends the logical connection at the service too). */
  close() {
    this.closedByUs = true;
    this.stopRecovery();
    this.stopAcks();
    const ws = this.ws;
    this.ws = null;
    this.failAll(new AckError('Disconnected', 'the connection was closed'));
    if (ws) {
      ws.close(1000);
    }
  }
}
