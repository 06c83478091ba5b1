"""Drives the official Python server SDK (azure-messaging-webpubsubservice) for Hubbub's conformance tests.

Usage: python3 driver.py

Reads one JSON command per line on stdin, calls the SDK, writes one JSON result per line on stdout:

    {"connection_string": "Endpoint=...", "options": {...}, "hub": "h", "op": "send_to_all", "args": {...}}
        -> {"ok": true, "value": <return value>, "attempts": 1, "response": {...}}
        -> {"ok": false, "type": "<exception class>", "status": 401, "message": "...", "attempts": 1,
            "response": {...}}

The first line out is {"ok": true, "value": {"ready": "<SDK version>"}}. The SDK client for a command is
WebPubSubServiceClient.from_connection_string(<connection_string>, hub=<hub>, **<options>), made on first use and
kept for later commands with the same three. "op" names an SDK method and "args" are its keyword arguments (Python
accepts positional parameters by name too). "attempts" counts the HTTP requests the SDK made for the command,
retries included (it re-sends 5xx answers up to ten times); "response" describes the last HTTP answer: its status
and the x-ms-client-request-id sent and echoed.

A "message" argument is tagged with the content type to pass: {"text": s}, {"json": <any value>},
{"binary": "<base64>"}, or {"default": <value>} to leave content_type unset. {"text": s, "utf8": true} passes s as
UTF-8 bytes: given a str, the SDK's HTTP stack encodes the body as Latin-1 and refuses anything beyond it. A
"content_type" key in the tag replaces the content type passed (the SDK accepts parameters such as "; charset=utf-8").

The option "clock_offset_seconds" is the driver's own: it shifts the clock the SDK's token code reads (REST and
client tokens) during that command, as on an application host whose clock drifts.

Diagnostics, including every request line and status, go to stderr, which the Java side logs. Besides the options a
command names, the only client option is the per-retry policy that counts and logs requests; it leaves the wire
untouched.
"""

import base64
import json
import sys
import traceback
from datetime import timedelta

import azure.messaging.webpubsubservice._operations._patch as client_token_module
import azure.messaging.webpubsubservice._patch as rest_token_module
from azure.core.exceptions import AzureError
from azure.core.pipeline.policies import SansIOHTTPPolicy
from azure.messaging.webpubsubservice import VERSION, WebPubSubServiceClient
from azure.messaging.webpubsubservice._operations._operations import (
    WebPubSubServiceClientOperationsMixin as GeneratedOperations,
)

# Every operation WebPubSubServiceClient 1.1.0b1 exposes.
OPERATIONS = frozenset([
    "send_to_all", "send_to_group", "send_to_user", "send_to_connection",
    "add_connection_to_group", "remove_connection_from_group", "remove_connection_from_all_groups",
    "add_user_to_group", "remove_user_from_group", "remove_user_from_all_groups",
    "close_connection", "close_all_connections", "close_group_connections", "close_user_connections",
    "connection_exists", "group_exists", "user_exists",
    "grant_permission", "revoke_permission", "has_permission",
    "get_client_access_token",
])


def log(text):
    print("[driver] " + text, file=sys.stderr, flush=True)


class CountingPolicy(SansIOHTTPPolicy):
    """Runs once per HTTP attempt, retries included."""

    def __init__(self):
        self.attempts = 0
        self.response = None

    def reset(self):
        self.attempts = 0
        self.response = None

    def on_request(self, request):
        self.attempts += 1
        http = request.http_request
        log("%s %s" % (http.method, http.url))

    def on_response(self, request, response):
        status = response.http_response.status_code
        log("  -> %d" % status)
        self.response = {
            "status": status,
            "requestId": request.http_request.headers.get("x-ms-client-request-id"),
            "echoedRequestId": response.http_response.headers.get("x-ms-client-request-id"),
        }


class Clock:
    """The SDK signs tokens with datetime.now(); while an offset is set, the SDK's modules see a shifted one."""

    def __init__(self):
        self.offset = timedelta(0)
        self._installed = False

    def shift(self, seconds):
        if seconds and not self._installed:
            self._install()
        self.offset = timedelta(seconds=seconds)

    def _install(self):
        real = rest_token_module.datetime
        clock = self

        class ShiftedDatetime(real):
            @classmethod
            def now(cls, tz=None):
                return real.now(tz) + clock.offset

        rest_token_module.datetime = ShiftedDatetime
        client_token_module.datetime = ShiftedDatetime
        self._installed = True


def message_of(spec):
    """(message, content_type keyword args) for a tagged message."""
    if "text" in spec:
        text = spec["text"].encode("utf-8") if spec.get("utf8") else spec["text"]
        message, content_type = text, {"content_type": "text/plain"}
    elif "json" in spec:
        message, content_type = spec["json"], {"content_type": "application/json"}
    elif "binary" in spec:
        message, content_type = base64.b64decode(spec["binary"]), {"content_type": "application/octet-stream"}
    elif "default" in spec:
        message, content_type = spec["default"], {}
    else:
        raise ValueError("unknown message spec %r" % (spec,))
    if "content_type" in spec:
        content_type = {"content_type": spec["content_type"]}
    return message, content_type


def run(client, op, args):
    kwargs = dict(args)
    if "message" in kwargs:
        kwargs["message"], content_type = message_of(kwargs["message"])
        kwargs.update(content_type)
    if op == "generate_token":
        # POST :generateToken, the generated operation the SDK calls instead of signing locally when it holds an
        # Entra ID credential (which needs HTTPS); it takes group=, where local signing takes groups=.
        return GeneratedOperations.get_client_access_token(client, **kwargs)
    if op not in OPERATIONS:
        raise ValueError("unknown op %r" % (op,))
    return getattr(client, op)(**kwargs)


def failure(error):
    response = getattr(error, "response", None)
    status = getattr(error, "status_code", None)
    if status is None and response is not None:
        status = response.status_code
    return {"ok": False, "type": type(error).__name__, "status": status, "message": str(error)}


def main():
    sys.stdin.reconfigure(encoding="utf-8")
    counter = CountingPolicy()
    clock = Clock()
    clients = {}
    print(json.dumps({"ok": True, "value": {"ready": VERSION}}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        counter.reset()
        try:
            command = json.loads(line)
            options = dict(command.get("options", {}))
            clock.shift(options.pop("clock_offset_seconds", 0))
            key = (command["connection_string"], json.dumps(options, sort_keys=True), command["hub"])
            if key not in clients:
                clients[key] = WebPubSubServiceClient.from_connection_string(
                    command["connection_string"], hub=command["hub"], per_retry_policies=[counter], **options)
            result = {"ok": True, "value": run(clients[key], command["op"], command.get("args", {}))}
        except AzureError as e:
            result = failure(e)
        except Exception as e:  # a usage error of the driver or the SDK: report it and keep serving
            log(traceback.format_exc())
            result = failure(e)
        result["attempts"] = counter.attempts
        result["response"] = counter.response
        print(json.dumps(result), flush=True)
    for client in clients.values():
        client.close()


if __name__ == "__main__":
    main()
