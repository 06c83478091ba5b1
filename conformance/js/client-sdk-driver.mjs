// Drives @azure/web-pubsub-client (the client SDK) for the conformance ITs; line protocol in driver-core.mjs.
//   {"op":"create","client":"a","url":"ws://...","options":{...}}   a WebPubSubClient on WebPubSubJsonProtocol()
//   {"op":"invoke","client":"a","method":"joinGroup","args":[...]}   calls client[method](...args)
//   {"op":"disposeAll"}                                             stops every client and forgets them
// Every SDK event becomes a line {"event":<name>,"client":<name>,...}; data messages carry the payload as the SDK
// handed it over ("data", binary as {"$binary"}) and "jsType", what typeof tells a JS user about it.
import { WebPubSubClient, WebPubSubJsonProtocol } from "@azure/web-pubsub-client";
import { decode, encode, jsType, log, serve, write } from "./driver-core.mjs";

const clients = new Map();

function client(name) {
  const found = clients.get(name);
  if (!found) {
    throw new Error(`no client named '${name}'`);
  }
  return found;
}

function dataMessage(message) {
  const { kind, data, ...rest } = message;
  return { ...rest, kind, jsType: jsType(data), data: encode(data) };
}

function listen(name, wpsClient) {
  const emit = (event, fields) => write({ event, client: name, ...fields });
  wpsClient.on("connected", (e) => emit("connected", { connectionId: e.connectionId, userId: e.userId ?? null }));
  wpsClient.on("disconnected", (e) =>
    emit("disconnected", { connectionId: e.connectionId ?? null, message: e.message?.message ?? null }));
  wpsClient.on("stopped", () => emit("stopped", {}));
  wpsClient.on("server-message", (e) => emit("server-message", { message: dataMessage(e.message) }));
  wpsClient.on("group-message", (e) => emit("group-message", { message: dataMessage(e.message) }));
  wpsClient.on("rejoin-group-failed", (e) =>
    emit("rejoin-group-failed", { group: e.group, error: e.error?.message ?? String(e.error) }));
}

serve({
  async create({ client: name, url, options = {}, viaCredential = false }) {
    if (clients.has(name)) {
      throw new Error(`client '${name}' exists`);
    }
    const credential = viaCredential ? { getClientAccessUrl: async () => url } : url;
    const wpsClient = new WebPubSubClient(credential, { ...options, protocol: WebPubSubJsonProtocol() });
    listen(name, wpsClient);
    clients.set(name, wpsClient);
    return null;
  },
  async invoke({ client: name, method, args = [] }) {
    const target = client(name);
    if (typeof target[method] !== "function") {
      throw new TypeError(`WebPubSubClient has no method ${method}`);
    }
    return target[method](...decode(args, "ArrayBuffer"));
  },
  async disposeAll() {
    for (const [name, wpsClient] of clients) {
      try {
        wpsClient.stop();
      } catch (err) {
        log(`stopping ${name}:`, String(err));
      }
    }
    clients.clear();
    return null;
  },
});
