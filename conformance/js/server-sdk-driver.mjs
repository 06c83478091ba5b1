// Drives @azure/web-pubsub (the server SDK) for the conformance ITs; line protocol in driver-core.mjs.
//   {"op":"invoke","connectionString":..,"hub":..,"clientOptions":{..},"group":<optional>,"method":"sendToAll",
//    "args":[...],"byPage":false}
// calls service[method](...args), or service.group(group)[method](...args), and answers with its result. Paged
// results are collected: items, or with "byPage":true the pages as arrays. An argument {"$odata":[strings],
// "values":[...]} becomes the SDK's odata`...` template result.
import { AzureKeyCredential, WebPubSubServiceClient, odata } from "@azure/web-pubsub";
import { decode, serve } from "./driver-core.mjs";

const clients = new Map();

function serviceClient({ connectionString, endpoint, key, hub, clientOptions = {} }) {
  const cacheKey = JSON.stringify([connectionString, endpoint, key, hub, clientOptions]);
  let client = clients.get(cacheKey);
  if (!client) {
    // The SDK refuses http:// endpoints without this option; Hubbub's test node is plain HTTP.
    const options = { allowInsecureConnection: true, ...clientOptions };
    client = connectionString
      ? new WebPubSubServiceClient(connectionString, hub, options)
      : new WebPubSubServiceClient(endpoint, new AzureKeyCredential(key), hub, options);
    clients.set(cacheKey, client);
  }
  return client;
}

function decodeArg(arg) {
  if (arg !== null && typeof arg === "object" && Array.isArray(arg.$odata)) {
    return odata(arg.$odata, ...arg.values);
  }
  if (arg !== null && typeof arg === "object" && !Array.isArray(arg) && arg.$binary === undefined) {
    return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, decodeArg(v)]));
  }
  return decode(arg, "Buffer");
}

async function collect(paged, byPage) {
  const collected = [];
  for await (const entry of byPage ? paged.byPage() : paged) {
    collected.push(entry);
  }
  return collected;
}

serve({
  async invoke(command) {
    const service = serviceClient(command);
    const target = command.group === undefined ? service : service.group(command.group);
    if (typeof target[command.method] !== "function") {
      throw new TypeError(`${command.group === undefined ? "WebPubSubServiceClient" : "WebPubSubGroup"} has no method ${command.method}`);
    }
    const result = await target[command.method](...(command.args ?? []).map(decodeArg));
    if (result !== null && typeof result === "object" && typeof result[Symbol.asyncIterator] === "function") {
      return collect(result, command.byPage === true);
    }
    return result;
  },
});
