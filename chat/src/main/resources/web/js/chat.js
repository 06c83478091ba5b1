// The chat controller: one signed-in user's rooms, conversations, presence and typing, kept in sync with the
// server. Nothing is lost across a dropped connection. A short drop is recovered by the reliable subprotocol: the
// same connection comes back with its groups, and the service redelivers what the page had not acknowledged, so
// only the unacknowledged sends go out again. When the connection cannot be recovered, a new one rejoins its rooms'
// groups first, then fetches everything after the last id it saw, then resends what it had not seen acknowledged
// (same nonce, so the server stores it once). Messages are keyed by id, so overlaps show once.

import { api } from './api.js';
import { PubSubClient } from './pubsub.js';
import { Conversations, roomKey, dmKey } from './conversations.js';
import { Outbox } from './outbox.js';
import { renderChat } from './screen.js';
import * as view from './view.js';

const TYPING_SEND_EVERY_MS = 2000;
const TYPING_SHOWN_MS = 4000;
const MAX_RECONNECT_DELAY_MS = 15000;

export class Chat {
  constructor(me, onSignedOut) {
    this.me = me;
    this.onSignedOut = onSignedOut;
    this.convs = new Conversations(me);
    this.rooms = new Map(); // name -> {name, member, lastId}
    this.dms = new Map(); // peer -> last message id known from the server
    this.current = null; // {kind: 'room' | 'dm', id}
    this.people = new Map(); // user -> online, for the open room
    this.typing = new Map(); // user -> timer, for the open room
    this.lastTypingSent = 0;
    this.reconnectDelay = 1000;
    this.stopped = false;
    this.outbox = new Outbox(this);
    this.client = new PubSubClient({
      onMessage: (data) => this.onEvent(data),
      onClose: () => this.reconnectLater(),
      onRecovering: () => view.setStatus('reconnecting…', 'warn'),
      onRecovered: () => this.recovered(),
    });
    this.recoveries = 0;
  }

  async start() {
    await this.refreshLists();
    await this.connect();
  }

  stop() {
    this.stopped = true;
    this.client.close();
  }

  async connect() {
    view.setStatus('connecting…', 'busy');
    const negotiated = await api.negotiate();
    const { connectionId } = await this.client.connect(negotiated.url);
    this.recoveries = 0;
    view.setConnection(connectionId, this.recoveries);
    // groups first, then the catch-up: whatever is published in between arrives live or in the fetch
    await Promise.all(negotiated.rooms.map((room) => this.client.joinGroup('room.' + room)));
    for (const room of negotiated.rooms) {
      this.room(room).member = true;
    }
    await this.catchUp();
    view.setStatus('connected', 'ok');
    this.reconnectDelay = 1000;
    this.outbox.resendAll();
    this.render();
  }

  /** The same connection is back: its groups are kept and missed messages are redelivered, nothing to rejoin. */
  recovered() {
    this.recoveries++;
    view.setConnection(this.client.connectionId, this.recoveries);
    view.setStatus('connected', 'ok');
    this.outbox.resendAll(); // what was in flight may not have reached the service; the nonce keeps it single
    this.render();
  }

  reconnectLater() {
    if (this.stopped) {
      return;
    }
    view.setStatus('reconnecting…', 'warn');
    setTimeout(() => this.connect().catch((e) => {
      this.client.close(); // a half-done attempt must not leave a socket behind
      if (e.status === 401) {
        this.stopped = true;
        this.onSignedOut();
        return;
      }
      this.reconnectDelay = Math.min(this.reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
      this.reconnectLater();
    }), this.reconnectDelay);
  }

  room(name) {
    let room = this.rooms.get(name);
    if (!room) {
      room = { name, member: false, lastId: 0 };
      this.rooms.set(name, room);
    }
    return room;
  }

  async refreshLists() {
    const [rooms, dms] = await Promise.all([api.rooms(), api.conversations()]);
    for (const r of rooms.rooms) {
      Object.assign(this.room(r.name), { member: r.member, lastId: r.last_message_id });
    }
    for (const c of dms.conversations) {
      this.dms.set(c.peer, c.last_message_id);
    }
  }

  /** Fetches everything after the last seen id of every conversation that has seen something. */
  async catchUp() {
    await this.refreshLists();
    const jobs = [];
    for (const [key, conv] of this.convs.byKey) {
      if (conv.lastSeen > 0) {
        jobs.push(this.fetchAfter(key, conv.lastSeen));
      }
    }
    await Promise.all(jobs);
    if (this.current) {
      await this.open(this.current.kind, this.current.id);
    }
  }

  async fetchAfter(key, after) {
    let cursor = after;
    for (;;) {
      const page = await this.history(key, '?limit=200&after=' + cursor);
      page.messages.forEach((m) => this.convs.add(key, m, this.isViewing(key)));
      if (!page.has_more || page.messages.length === 0) {
        return;
      }
      cursor = page.messages[page.messages.length - 1].id;
    }
  }

  history(key, query) {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    return kind === 'room' ? api.roomHistory(id, query) : api.dmHistory(id, query);
  }

  isViewing(key) {
    return this.current !== null && this.keyOf(this.current) === key && !document.hidden;
  }

  keyOf(target) {
    return target.kind === 'room' ? roomKey(target.id) : dmKey(target.id);
  }

  /** Shows a room or a conversation, fetching its latest page the first time. */
  async open(kind, id) {
    this.current = { kind, id };
    this.typing.forEach((timer) => clearTimeout(timer));
    this.typing.clear();
    const key = this.keyOf(this.current);
    const conv = this.convs.get(key);
    if (kind === 'dm' && !this.dms.has(id)) {
      this.dms.set(id, 0);
    }
    this.render();
    if (!conv.loaded) {
      let page;
      try {
        page = await this.history(key, '');
      } catch (e) {
        if (kind === 'dm' && e.status === 404) {
          this.dms.delete(id); // nobody of that name: no conversation to keep in the list
          this.render();
        }
        throw e;
      }
      page.messages.forEach((m) => this.convs.add(key, m, true));
      conv.hasOlder = page.has_more;
      conv.loaded = true;
    }
    if (kind === 'room') {
      const members = await api.members(id);
      this.people = new Map(members.users.map((u) => [u.user_id, u.online]));
    }
    this.convs.markRead(key);
    this.render();
  }

  async loadOlder() {
    const key = this.keyOf(this.current);
    const conv = this.convs.get(key);
    const page = await this.history(key, '?before=' + conv.oldestId());
    page.messages.forEach((m) => this.convs.add(key, m, true));
    conv.hasOlder = page.has_more;
    this.render();
  }

  send(text) {
    this.outbox.send(this.current, text);
  }

  retry(nonce) {
    this.outbox.retry(this.current, nonce);
  }

  typed() {
    const target = this.current;
    const now = Date.now();
    if (target && target.kind === 'room' && this.room(target.id).member && this.client.isOpen()
        && now - this.lastTypingSent > TYPING_SEND_EVERY_MS) {
      this.lastTypingSent = now;
      this.client.sendEvent('typing', { room: target.id }).catch(() => {});
    }
  }

  onEvent(data) {
    if (!data || typeof data !== 'object') {
      return;
    }
    const inRoom = (room) => this.current && this.current.kind === 'room' && this.current.id === room;
    switch (data.type) {
      case 'message':
        this.room(data.room).lastId = Math.max(this.room(data.room).lastId, data.id);
        this.convs.add(roomKey(data.room), data, this.isViewing(roomKey(data.room)));
        this.stopTyping(data.sender);
        break;
      case 'dm': {
        const peer = data.from === this.me ? data.to : data.from;
        this.dms.set(peer, Math.max(this.dms.get(peer) || 0, data.id));
        this.convs.add(dmKey(peer), data, this.isViewing(dmKey(peer)));
        break;
      }
      case 'presence':
        if (inRoom(data.room)) {
          this.people.set(data.user, data.online);
        }
        break;
      case 'typing':
        if (inRoom(data.room) && data.user !== this.me) {
          clearTimeout(this.typing.get(data.user));
          this.typing.set(data.user, setTimeout(() => this.stopTyping(data.user), TYPING_SHOWN_MS));
        }
        break;
      case 'membership':
        if (data.user === this.me) {
          this.room(data.room).member = data.joined;
        }
        if (inRoom(data.room)) {
          if (data.joined) {
            this.people.set(data.user, this.people.get(data.user) || false);
          } else {
            this.people.delete(data.user);
          }
        }
        break;
      case 'room':
        this.room(data.room);
        break;
      default:
        return;
    }
    this.render();
  }

  stopTyping(user) {
    if (this.typing.has(user)) {
      clearTimeout(this.typing.get(user));
      this.typing.delete(user);
      this.render();
    }
  }

  async join(room) {
    await api.join(room);
    this.room(room).member = true;
    await this.open('room', room);
  }

  async leave(room) {
    await api.leave(room);
    this.room(room).member = false;
    this.render();
  }

  async createRoom(name) {
    await api.createRoom(name);
    this.room(name).member = true;
    location.hash = '#room/' + encodeURIComponent(name);
  }

  render() {
    renderChat(this);
  }
}
