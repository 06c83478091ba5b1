// A third-party event handler for Hubbub's webhook ITs: an express app with @azure/web-pubsub-express.
// Environment: HUB (the handler's hub name, default "Chat"), ALLOWED_ENDPOINT (optional: the app then allows only
// that endpoint's host in abuse protection), PORT (default 0: any free port).
// stdout: one JSON object per line: {"listening":<port>} first, then one line per event the handler parsed.
"use strict";

const express = require("express");
const { WebPubSubEventHandler } = require("@azure/web-pubsub-express");

const hub = process.env.HUB || "Chat";
const emit = (line) => process.stdout.write(JSON.stringify(line) + "\n");

const options = {
  path: `/api/webpubsub/hubs/${hub}/`,
  handleConnect(req, res) {
    emit({
      event: "connect",
      hub: req.context.hub,
      connectionId: req.context.connectionId,
      userId: req.context.userId,
      origin: req.context.origin,
      signature: req.context.signature,
      claims: req.claims,
      queries: req.queries,
      headers: req.headers,
      subprotocols: req.subprotocols,
    });
    const name = req.queries && req.queries.name ? req.queries.name[0] : "anonymous";
    res.setState("greeted", name);
    res.success({ userId: `express-${name}`, groups: [`express-${name}-room`] });
  },
  handleUserEvent(req, res) {
    const data = req.dataType === "binary" ? Buffer.from(req.data).toString("base64") : req.data;
    emit({
      event: "user",
      eventName: req.context.eventName,
      connectionId: req.context.connectionId,
      userId: req.context.userId,
      states: req.context.states,
      dataType: req.dataType,
      data,
    });
    switch (req.dataType) {
      case "json":
        res.success(JSON.stringify({ echo: req.data }), "json");
        break;
      case "binary":
        res.success(Buffer.concat([Buffer.from([0xff]), Buffer.from(req.data)]), "binary");
        break;
      default:
        res.success(`echo: ${req.data}`, "text");
    }
  },
  onConnected(req) {
    emit({
      event: "connected",
      connectionId: req.context.connectionId,
      userId: req.context.userId,
      states: req.context.states,
    });
  },
  onDisconnected(req) {
    emit({
      event: "disconnected",
      connectionId: req.context.connectionId,
      userId: req.context.userId,
      states: req.context.states,
      reason: req.reason,
    });
  },
};
if (process.env.ALLOWED_ENDPOINT) {
  options.allowedEndpoints = [process.env.ALLOWED_ENDPOINT];
}
const handler = new WebPubSubEventHandler(hub, options);

const app = express();
app.use(handler.getMiddleware());
// Requests the handler did not take (wrong hub, headers or content type) end up here: report them.
app.use((req, res) => {
  emit({ event: "unhandled", method: req.method, url: req.originalUrl, headers: req.headers });
  res.status(404).end();
});

const server = app.listen(Number(process.env.PORT || 0), "127.0.0.1", () => {
  emit({ listening: server.address().port });
});

// The Java test ends us by closing our stdin (and kills us if that is not enough).
process.stdin.resume();
process.stdin.on("end", () => server.close(() => process.exit(0)));
