// Draws the whole chat from the controller's state: room and DM lists with unread markers, the open conversation,
// its people and typing line. Drawing everything on each change keeps the screen a plain function of the state.

import { roomKey, dmKey } from './conversations.js';
import * as view from './view.js';

export function renderChat(chat) {
  const current = chat.current;
  const currentKey = current ? chat.keyOf(current) : null;
  view.renderRooms([...chat.rooms.values()].sort((a, b) => a.name.localeCompare(b.name)).map((r) => ({
    key: roomKey(r.name), label: '# ' + r.name, href: '#room/' + encodeURIComponent(r.name),
    active: currentKey === roomKey(r.name), muted: !r.member,
    marker: r.member && currentKey !== roomKey(r.name) ? chat.convs.unreadMarker(roomKey(r.name), r.lastId) : 0,
  })));
  view.renderDms([...chat.dms.entries()].sort((a, b) => b[1] - a[1]).map(([peer, lastId]) => ({
    key: dmKey(peer), label: '@ ' + peer, href: '#dm/' + encodeURIComponent(peer), active: currentKey === dmKey(peer),
    marker: currentKey !== dmKey(peer) ? chat.convs.unreadMarker(dmKey(peer), lastId) : 0,
  })));
  if (!current) {
    return;
  }
  const conv = chat.convs.get(currentKey);
  const isRoom = current.kind === 'room';
  const member = isRoom && chat.room(current.id).member;
  view.renderHeader(isRoom ? '# ' + current.id : '@ ' + current.id,
    isRoom ? chat.people.size + ' members' : 'direct messages');
  view.showJoinBanner(isRoom && !member ? current.id : null);
  view.renderMessages(conv.sorted(), [...conv.pending.values()], chat.me, (nonce) => chat.retry(nonce));
  view.showOlderButton(conv.hasOlder);
  const people = [...chat.people.entries()].map(([user, online]) => ({ user, online }))
    .sort((a, b) => (b.online - a.online) || a.user.localeCompare(b.user));
  view.renderPeople(people, isRoom);
  view.renderTyping(isRoom ? [...chat.typing.keys()] : []);
  if (!document.hidden) {
    chat.convs.markRead(currentKey);
  }
}
