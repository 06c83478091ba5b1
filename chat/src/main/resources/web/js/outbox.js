// Messages on their way: shown at once as "sending…", sent as user events with a nonce, and settled when the
// stored message (same nonce) comes back by the webhook's reply, the room broadcast or a catch-up fetch. A drop or
// timeout leaves them pending to be resent after the reconnect: the server stores a nonce only once, so nothing is
// lost or doubled. A refusal shows its reason with a Retry button.

import { newNonce } from './conversations.js';

const MAX_TEXT_BYTES = 64 * 1024;
const TRANSIENT = new Set(['Disconnected', 'Timeout']);

// Hubbub (like Azure) reports a refused event as "InternalServerError" with the webhook's status in the text
const REFUSALS = [
  [/\b403\b/, 'you are not a member of this room'],
  [/\b404\b/, 'no such room or user'],
  [/\b413\b/, 'the message is larger than 64 KB'],
  [/\b429\b/, 'you are sending too fast; wait a moment'],
  [/\b400\b/, 'the message was refused'],
];

function explain(error) {
  for (const [pattern, text] of REFUSALS) {
    if (pattern.test(error.message || '')) {
      return text;
    }
  }
  return error.message || error.name;
}

export class Outbox {
  constructor(chat) {
    this.chat = chat;
  }

  send(target, text) {
    if (!target || !text.trim()) {
      return;
    }
    const conv = this.chat.convs.get(this.chat.keyOf(target));
    const nonce = newNonce();
    const pending = { nonce, text, error: null, kind: target.kind, target: target.id };
    conv.pending.set(nonce, pending);
    if (new TextEncoder().encode(text).length > MAX_TEXT_BYTES) {
      pending.error = 'the message is larger than 64 KB';
    } else {
      this.deliver(pending);
    }
    this.chat.render();
  }

  retry(target, nonce) {
    const pending = this.chat.convs.get(this.chat.keyOf(target)).pending.get(nonce);
    if (pending) {
      pending.error = null;
      this.deliver(pending);
      this.chat.render();
    }
  }

  resendAll() {
    for (const conv of this.chat.convs.byKey.values()) {
      for (const pending of conv.pending.values()) {
        if (!pending.error) {
          this.deliver(pending);
        }
      }
    }
  }

  deliver(pending) {
    const event = pending.kind === 'room'
      ? ['message', { room: pending.target, text: pending.text, nonce: pending.nonce }]
      : ['dm', { to: pending.target, text: pending.text, nonce: pending.nonce }];
    this.chat.client.sendEvent(...event).catch((error) => {
      if (!TRANSIENT.has(error.name)) {
        pending.error = explain(error);
        this.chat.render();
      }
    });
  }
}
