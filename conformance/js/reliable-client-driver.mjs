// Drives @azure/web-pubsub-client on its DEFAULT protocol (json.reliable.webpubsub.azure.v1) for the reliable ITs;
// line protocol in driver-core.mjs. Unlike client-sdk-driver.mjs it keeps data messages in memory (a chaos run
// receives thousands) and reports them on request, and it can send long paced series of group messages.
//   {"op":"create","client":"a","url":"ws://...","options":{...}}   new WebPubSubClient(url, options), no protocol set
//   {"op":"invoke","client":"a","method":"joinGroup","args":[...]}   calls client[method](...args)
//   {"op":"sendSeries","client":"a","group":"g","count":500,"firstAckId":1000,"gapMs":20,"noEcho":false}
//        awaits sendToGroup(g, {sender:a, n}, "json", {ackId: firstAckId + n, noEcho}) for n = 0..count-1, one at a
//        time, so a sender's messages reach the service in order; answers {acked, duplicated, failures, ms}
//   {"op":"received","client":"a"}     the series messages kept so far, [[sender, n, sequenceId, group], ...], other
//                                      messages, and how many redelivered messages the SDK dropped as already seen
//   {"op":"internals","client":"a"}    the SDK's private connection state (connectionId, state, ...)
//   {"op":"tamper","client":"a","connectionId":..,"reconnectionToken":..}   overwrites what the next recovery sends
//   {"op":"disposeAll"}                stops every client and forgets them
// Lifecycle events become lines {"event":"connected"|"disconnected"|"stopped"|"rejoin-group-failed","client":..}.
// A disconnected line carries closeCode, the WebSocket close code that ended the connection.
import { WebPubSubClient } from "@azure/web-pubsub-client";
import { decode, describeError, log, serve, write } from "./driver-core.mjs";

/** name -> { sdk, received: [[sender, n, sequenceId, group]], other: [messages that were not series messages] } */
const clients = new Map();

function entry(name) {
  const found = clients.get(name);
  if (!found) {
    throw new Error(`no client named '${name}'`);
  }
  return found;
}

function listen(name, state) {
  const sdk = state.sdk;
  const emit = (event, fields) => write({ event, client: name, ...fields });
  sdk.on("connected", (e) => emit("connected", { connectionId: e.connectionId, userId: e.userId ?? null }));
  sdk.on("disconnected", (e) =>
    emit("disconnected", {
      connectionId: e.connectionId ?? null,
      message: e.message?.message ?? null,
      // still set while the event is emitted; reset when the SDK starts its next connection
      closeCode: sdk._lastCloseEvent?.code ?? null,
    }));
  sdk.on("stopped", () => emit("stopped", {}));
  sdk.on("rejoin-group-failed", (e) =>
    emit("rejoin-group-failed", { group: e.group, error: e.error?.message ?? String(e.error) }));
  const keep = (e) => {
    const m = e.message;
    const d = m.data;
    if (d !== null && typeof d === "object" && typeof d.sender === "string" && Number.isInteger(d.n)) {
      state.received.push([d.sender, d.n, m.sequenceId ?? null, m.group ?? null]);
    } else {
      state.other.push({ group: m.group ?? null, sequenceId: m.sequenceId ?? null, data: d ?? null });
    }
  };
  sdk.on("group-message", keep);
  sdk.on("server-message", keep);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

serve({
  async create({ client: name, url, options = {} }) {
    if (clients.has(name)) {
      throw new Error(`client '${name}' exists`);
    }
    const state = { sdk: new WebPubSubClient(url, { ...options }), received: [], other: [], stale: 0 };
    // Counts data messages the SDK drops because their sequenceId is not above the highest seen: redeliveries
    // after a recovery of messages it already had (diagnostics; the SDK's private SequenceId class).
    const sequence = state.sdk._sequenceId;
    const tryUpdate = sequence.tryUpdate.bind(sequence);
    sequence.tryUpdate = (id) => {
      const diff = tryUpdate(id);
      if (diff === 0) {
        state.stale++;
      }
      return diff;
    };
    listen(name, state);
    clients.set(name, state);
    return { protocol: state.sdk._protocol.name };
  },

  async invoke({ client: name, method, args = [] }) {
    const sdk = entry(name).sdk;
    if (typeof sdk[method] !== "function") {
      throw new TypeError(`WebPubSubClient has no method ${method}`);
    }
    return sdk[method](...decode(args, "ArrayBuffer"));
  },

  async sendSeries({ client: name, group, count, firstAckId, gapMs = 0, noEcho = false }) {
    const sdk = entry(name).sdk;
    const started = Date.now();
    let acked = 0;
    let duplicated = 0;
    const failures = [];
    for (let n = 0; n < count; n++) {
      const sentAt = Date.now();
      try {
        const result = await sdk.sendToGroup(group, { sender: name, n }, "json", { ackId: firstAckId + n, noEcho });
        if (result.isDuplicated) {
          duplicated++;
        } else {
          acked++;
        }
      } catch (err) {
        failures.push({ n, ...describeError(err) });
      }
      const wait = gapMs - (Date.now() - sentAt);
      if (wait > 0) {
        await sleep(wait);
      }
    }
    return { acked, duplicated, failures, ms: Date.now() - started };
  },

  async received({ client: name }) {
    const state = entry(name);
    return { series: state.received, other: state.other, staleRedeliveries: state.stale };
  },

  async internals({ client: name }) {
    const sdk = entry(name).sdk;
    return {
      state: sdk._state,
      connectionId: sdk._connectionId ?? null,
      hasReconnectionToken: typeof sdk._reconnectionToken === "string" && sdk._reconnectionToken.length > 0,
      protocol: sdk._protocol.name,
    };
  },

  async tamper({ client: name, connectionId, reconnectionToken }) {
    const sdk = entry(name).sdk;
    if (connectionId !== undefined) {
      sdk._connectionId = connectionId;
    }
    if (reconnectionToken !== undefined) {
      sdk._reconnectionToken = reconnectionToken;
    }
    return null;
  },

  async disposeAll() {
    for (const [name, state] of clients) {
      try {
        state.sdk.stop();
      } catch (err) {
        log(`stopping ${name}:`, String(err));
      }
    }
    clients.clear();
    return null;
  },
});
