// Messages per conversation ("room:<name>" or "dm:<peer>"), kept by id so that a message seen twice (the webhook's
// reply and the group broadcast, or a live message and a catch-up fetch) shows once. Also tracks what was read
// (in localStorage, per user) for the unread markers, and messages still being sent (by nonce).

export function roomKey(room) {
  return 'room:' + room;
}

export function dmKey(peer) {
  return 'dm:' + peer;
}

class Conversation {
  constructor() {
    this.messages = new Map(); // id -> message
    this.pending = new Map(); // nonce -> {text, error}
    this.lastSeen = 0; // highest id received: where a catch-up starts
    this.hasOlder = false;
    this.loaded = false; // the latest page was fetched once
    this.unread = 0;
  }

  sorted() {
    return [...this.messages.values()].sort((a, b) => a.id - b.id);
  }

  oldestId() {
    let oldest = 0;
    for (const id of this.messages.keys()) {
      if (oldest === 0 || id < oldest) {
        oldest = id;
      }
    }
    return oldest;
  }
}

export class Conversations {
  constructor(me) {
    this.me = me;
    this.byKey = new Map();
  }

  get(key) {
    let c = this.byKey.get(key);
    if (!c) {
      c = new Conversation();
      this.byKey.set(key, c);
    }
    return c;
  }

  /** Adds a stored message; true if it was new. A message of ours settles its pending copy (same nonce). */
  add(key, message, viewing) {
    const c = this.get(key);
    if (message.nonce) {
      c.pending.delete(message.nonce);
    }
    if (c.messages.has(message.id)) {
      return false;
    }
    c.messages.set(message.id, message);
    c.lastSeen = Math.max(c.lastSeen, message.id);
    const mine = (message.sender || message.from) === this.me;
    if (viewing || mine) {
      this.markRead(key);
    } else if (message.id > this.lastRead(key)) {
      c.unread += 1;
    }
    return true;
  }

  lastRead(key) {
    return Number(localStorage.getItem(this.storageKey(key)) || 0);
  }

  markRead(key) {
    const c = this.get(key);
    c.unread = 0;
    if (c.lastSeen > this.lastRead(key)) {
      localStorage.setItem(this.storageKey(key), String(c.lastSeen));
    }
  }

  /**
   * Unread state before any message was fetched, from the server's last id: -1 means "something new, count
   * unknown" (shown as a dot), 0 nothing, n a count.
   */
  unreadMarker(key, serverLastId) {
    const c = this.get(key);
    if (c.unread > 0) {
      return c.unread;
    }
    if (serverLastId > Math.max(this.lastRead(key), c.lastSeen)) {
      return -1;
    }
    return 0;
  }

  storageKey(key) {
    return 'hubbub.read.' + this.me + '.' + key;
  }
}

/** A nonce for a message being sent: lets a resend after a drop be recognised and stored once. */
export function newNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes); // unlike randomUUID, available on plain-http origins too
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
