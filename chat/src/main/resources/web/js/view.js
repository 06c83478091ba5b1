// Everything that touches the DOM. User-supplied strings (names, room names, message texts, error details) are
// only ever set with textContent or as attribute values: never parsed as HTML.

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function when(ts) {
  const d = new Date(ts);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return sameDay ? timeFormat.format(d) : dayFormat.format(d) + ' ' + timeFormat.format(d);
}

export function show(screen) {
  $('signin').hidden = screen !== 'signin';
  $('app').hidden = screen !== 'app';
}

export function setStatus(text, kind) {
  const status = $('status');
  status.textContent = text;
  status.dataset.kind = kind;
}

/** The service's connection id and how often it was recovered, for diagnostics and the browser tests. */
export function setConnection(connectionId, recoveries) {
  document.body.dataset.connectionId = connectionId || '';
  document.body.dataset.recoveries = String(recoveries);
}

export function setMe(me) {
  $('me').textContent = me;
}

function badge(marker) {
  if (marker === 0) {
    return null;
  }
  const b = el('span', 'badge', marker < 0 ? '•' : String(marker));
  b.setAttribute('aria-label', marker < 0 ? 'new messages' : marker + ' unread');
  return b;
}

/** entries: [{label, href, active, marker, muted}] */
function renderNav(list, entries) {
  list.replaceChildren(...entries.map((e) => {
    const li = el('li');
    const a = el('a', (e.active ? 'active' : '') + (e.muted ? ' muted' : ''), e.label);
    a.href = e.href;
    a.dataset.key = e.key;
    const b = badge(e.marker);
    if (b) {
      a.append(b);
    }
    li.append(a);
    return li;
  }));
}

export function renderRooms(entries) {
  renderNav($('rooms'), entries);
}

export function renderDms(entries) {
  renderNav($('dms'), entries);
}

export function renderHeader(title, subtitle) {
  $('title').textContent = title;
  $('subtitle').textContent = subtitle || '';
}

/** messages: stored ones in id order; pending: [{nonce, text, error}] shown after them. */
export function renderMessages(messages, pending, me, onRetry) {
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const items = messages.map((m) => messageItem(m.sender || m.from, m.ts, m.text, me, 'msg'));
  messages.forEach((m, i) => {
    items[i].dataset.id = String(m.id);
  });
  for (const p of pending) {
    const li = messageItem(me, Date.now(), p.text, me, p.error ? 'msg failed' : 'msg pending');
    li.dataset.nonce = p.nonce;
    const note = el('div', 'note', p.error ? 'Not sent: ' + p.error + ' ' : 'sending…');
    if (p.error) {
      const retry = el('button', 'link', 'Retry');
      retry.type = 'button';
      retry.addEventListener('click', () => onRetry(p.nonce));
      note.append(retry);
    }
    li.append(note);
    items.push(li);
  }
  list.replaceChildren(...items);
  if (atBottom || pending.length > 0) {
    list.scrollTop = list.scrollHeight;
  }
  $('empty').hidden = items.length > 0;
}

function messageItem(sender, ts, text, me, className) {
  const li = el('li', className + (sender === me ? ' mine' : '') + (sender === 'system' ? ' system' : ''));
  const meta = el('div', 'meta');
  meta.append(el('span', 'sender', sender));
  const time = el('time', 'time', when(ts));
  time.dateTime = new Date(ts).toISOString();
  meta.append(time);
  li.append(meta, el('div', 'text', text));
  return li;
}

export function showOlderButton(visible) {
  $('older').hidden = !visible;
}

export function showJoinBanner(room) {
  $('join-banner').hidden = room === null;
  $('composer').hidden = room !== null;
  if (room !== null) {
    $('join-room-name').textContent = room;
  }
}

/** people: [{user, online}] */
export function renderPeople(people, visible) {
  $('people').hidden = !visible;
  const online = people.filter((p) => p.online).length;
  $('people-count').textContent = online + ' online of ' + people.length;
  $('presence').replaceChildren(...people.map((p) => {
    const li = el('li', p.online ? 'online' : 'offline');
    const a = el('a', null, p.user);
    a.href = '#dm/' + encodeURIComponent(p.user);
    li.append(el('span', 'dot'), a);
    li.title = p.online ? 'online' : 'offline';
    return li;
  }));
}

export function renderTyping(users) {
  const line = $('typing');
  if (users.length === 0) {
    line.textContent = '';
  } else if (users.length === 1) {
    line.textContent = users[0] + ' is typing…';
  } else {
    line.textContent = users.slice(0, 3).join(', ') + ' are typing…';
  }
}

export function showError(id, message) {
  $(id).textContent = message || '';
}

export function toggleSidebar(open) {
  document.body.classList.toggle('nav-open', open);
}
