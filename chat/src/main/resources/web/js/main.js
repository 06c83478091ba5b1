// Start-up and the wiring of the page's controls: sign-in (by name, no passwords), then the chat. The address bar
// holds the open room or conversation (#room/<name>, #dm/<user>), so a reload comes back to it.

import { api } from './api.js';
import { Chat } from './chat.js';
import * as view from './view.js';

const $ = (id) => document.getElementById(id);
let chat = null;

function route() {
  const match = /^#(room|dm)\/(.+)$/.exec(location.hash);
  if (!match) {
    location.replace('#room/general');
    return;
  }
  view.toggleSidebar(false);
  chat.open(match[1], decodeURIComponent(match[2])).catch((e) => view.showError('send-error', e.message));
}

async function enter(me) {
  view.setMe(me);
  view.show('app');
  chat = new Chat(me, signedOut);
  try {
    await chat.start();
  } catch (e) {
    if (e.status === 401) {
      signedOut();
      return;
    }
    view.setStatus('offline: ' + e.message, 'warn');
    chat.reconnectLater();
  }
  route();
}

function signedOut() {
  if (chat) {
    chat.stop();
    chat = null;
  }
  view.show('signin');
  $('name').focus();
}

function wireSignIn() {
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    view.showError('signin-error', '');
    try {
      const { user_id: me } = await api.signIn($('name').value);
      await enter(me);
    } catch (e) {
      view.showError('signin-error', e.message);
    }
  });
  $('signout').addEventListener('click', async () => {
    await api.signOut().catch(() => {});
    signedOut();
  });
}

function wireChat() {
  window.addEventListener('hashchange', () => chat && route());
  document.addEventListener('visibilitychange', () => chat && chat.render());
  const text = $('text');
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    view.showError('send-error', '');
    chat.send(text.value);
    text.value = '';
    text.focus();
  });
  text.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter makes a new line, as in most chat apps
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
  text.addEventListener('input', () => chat.typed());
  $('older').addEventListener('click', () => chat.loadOlder().catch((e) => view.showError('send-error', e.message)));
  $('join').addEventListener('click', () => chat.join(chat.current.id)
    .catch((e) => view.showError('send-error', e.message)));
  $('leave').addEventListener('click', () => chat.leave(chat.current.id)
    .catch((e) => view.showError('send-error', e.message)));
  $('new-room').addEventListener('submit', (event) => {
    event.preventDefault();
    view.showError('nav-error', '');
    chat.createRoom($('new-room-name').value.trim()).then(() => {
      $('new-room-name').value = '';
    }).catch((e) => view.showError('nav-error', e.message));
  });
  $('new-dm').addEventListener('submit', (event) => {
    event.preventDefault();
    const peer = $('new-dm-name').value.trim();
    if (peer) {
      $('new-dm-name').value = '';
      location.hash = '#dm/' + encodeURIComponent(peer);
    }
  });
  $('menu').addEventListener('click', () => view.toggleSidebar(!document.body.classList.contains('nav-open')));
  // on phones the room list covers part of the screen: a tap beside it closes it
  $('conversation').addEventListener('click', () => view.toggleSidebar(false));
}

async function boot() {
  wireSignIn();
  wireChat();
  try {
    const { user_id: me } = await api.me();
    await enter(me);
  } catch (e) {
    signedOut();
  }
}

boot();
