package io.hubbub.conformance.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HTTP/1.1 over a bare socket, for what the JDK client hides: bytes a server writes after the head of a HEAD
 * response. The request under test is pipelined with a {@code GET /api/health} marker that asks to close; the
 * bytes between the first head and the marker's status line are exactly the first response's body.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 5000;
    private static final String MARKER_STATUS = "HTTP/1.1 200";

    private RawHttp() {
    }

    static Response exchange(int port, String method, String target, String... headerLines) {
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("\r\n")
                .append("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:").append(port)
                .append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return Response.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    /**
     * Sends only the head of a request, {@code Connection: close}, and reads the answer to the end of the stream:
     * for answers the node must give from the head alone, such as a 413 for a declared Content-Length. No body byte
     * is ever left unread, so the node's close cannot turn into a reset that loses the answer.
     */
    static Response headOnly(int port, String method, String target, String... headerLines) {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return Response.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    /**
     * The status of a WebSocket opening handshake sent with this {@code Host} header, which the JDK client does not
     * let a caller choose. The connection is dropped right after the status line.
     */
    static int upgradeStatus(int port, String host, String target, String subprotocol) {
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b; (b = in.read()) != -1 && b != '\n'; ) {
                line.append((char) b);
            }
            if (line.length() < 12) {
                throw new AssertionError("no status line for " + target + ": " + line);
            }
            return Integer.parseInt(line.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException("upgrade " + target + " failed", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) != -1; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * @param body the bytes between this response's head and the marker response (or the end of the stream)
     * @param markerAnswered whether the pipelined marker request was answered on the same connection
     */
    record Response(int status, String head, byte[] body, boolean markerAnswered) {

        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("incomplete HTTP response: " + text);
            }
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            int marker = text.indexOf(MARKER_STATUS, end + 4);
            int bodyEnd = marker < 0 ? raw.length : marker;
            return new Response(status, head, Arrays.copyOfRange(raw, end + 4, bodyEnd), marker >= 0);
        }

        /** The value of the first header with this name (case-insensitive), or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
