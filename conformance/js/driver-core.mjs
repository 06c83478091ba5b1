// Line protocol shared by the SDK drivers. The JUnit side (NodeDriver.java) writes one JSON command per line on stdin:
//   {"id":7,"op":"...", ...}
// and reads one JSON line per answer on stdout:
//   {"id":7,"ok":true,"value":...}   or   {"id":7,"ok":false,"name":..,"status":..,"code":..,"message":..,...}
// plus unsolicited event lines {"event":"...", ...}. Commands run concurrently, so answers may come out of order.
// Binary values travel as {"$binary":"<base64>","$type":"ArrayBuffer|Uint8Array|Buffer"} in both directions.
// Diagnostics go to stderr, which the JUnit side forwards to its log; stdout carries protocol lines only.
import { createInterface } from "node:readline";

export function write(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

export function log(...parts) {
  process.stderr.write(parts.join(" ") + "\n");
}

/** Runs `handlers[op](command)` for every command line; stdin closing ends the process. */
export function serve(handlers) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) {
      return;
    }
    let command;
    try {
      command = JSON.parse(line);
    } catch (err) {
      log("unparsable command:", line, String(err));
      return;
    }
    handle(handlers, command);
  });
  lines.on("close", () => process.exit(0));
  write({ event: "ready", pid: process.pid, node: process.version });
}

async function handle(handlers, command) {
  const handler = handlers[command.op];
  if (!handler) {
    write({ id: command.id, ok: false, name: "UnknownOp", message: `unknown op '${command.op}'` });
    return;
  }
  try {
    const value = await handler(command);
    write({ id: command.id, ok: true, value: encode(value === undefined ? null : value) });
  } catch (err) {
    write({ id: command.id, ok: false, ...describeError(err) });
  }
}

/** The fields a caller of an Azure SDK would look at on a RestError, SendMessageError or InvocationError. */
export function describeError(err) {
  if (!(err instanceof Error)) {
    return { name: typeof err, message: String(err) };
  }
  const described = { name: err.name, message: err.message };
  for (const field of ["statusCode", "code", "ackId", "invocationId", "errorDetail"]) {
    if (err[field] !== undefined && err[field] !== null) {
      described[field === "statusCode" ? "status" : field] = err[field];
    }
  }
  // RestError.code comes from the error body only; a HEAD answer has none, its code is left in this header
  const errorCodeHeader = err.response?.headers?.get?.("x-ms-error-code");
  if (errorCodeHeader) {
    described.errorCodeHeader = errorCodeHeader;
  }
  return described;
}

/** Turns {"$binary":...} markers into the binary type they name (default: `fallback`). */
export function decode(value, fallback = "ArrayBuffer") {
  if (Array.isArray(value)) {
    return value.map((v) => decode(v, fallback));
  }
  if (value !== null && typeof value === "object") {
    if (typeof value.$binary === "string") {
      const buffer = Buffer.from(value.$binary, "base64");
      switch (value.$type ?? fallback) {
        case "Buffer":
          return buffer;
        case "Uint8Array":
          return new Uint8Array(buffer);
        case "ArrayBuffer":
          return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
        default:
          throw new TypeError(`unknown binary type ${value.$type}`);
      }
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v, fallback)]));
  }
  return value;
}

/** The inverse of decode, for answers and events; keeps which binary type the SDK produced. */
export function encode(value) {
  if (value instanceof ArrayBuffer) {
    return { $binary: Buffer.from(value).toString("base64"), $type: "ArrayBuffer" };
  }
  if (ArrayBuffer.isView(value)) {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return { $binary: bytes.toString("base64"), $type: value.constructor.name };
  }
  if (Array.isArray(value)) {
    return value.map(encode);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  }
  return value;
}

/** What `typeof` a JS user would see for a payload, with ArrayBuffer and arrays told apart. */
export function jsType(value) {
  if (value === null) {
    return "null";
  }
  if (value instanceof ArrayBuffer) {
    return "ArrayBuffer";
  }
  if (Array.isArray(value)) {
    return "array";
  }
  return typeof value;
}
