package io.hubbub.chat.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The browser's WebSocket is cut mid-conversation (through Playwright's WebSocket routing, which sits between the
 * page and Hubbub): once right after a send left the page but before its ack came back, and once for several
 * seconds during which the other side keeps talking and the page tries to send. After it reconnects, every message
 * shows exactly once and the server stored each exactly once.
 *
 * <p>Each cut also closes the service's side with a close frame, which ends the logical connection at once
 * (PROTOCOL.md §5.8): the page's recovery attempt is refused ({@code disconnected}, close 1008) and it falls back to
 * a new connection with a fresh URL, its groups re-joined and the missed messages fetched by last seen id. A drop the
 * service does not hear about is recovered instead: see {@link RecoveryBrowserIT}.
 */
class ReconnectBrowserIT extends BrowserFixture {

    private final AtomicBoolean networkUp = new AtomicBoolean(true);
    private final AtomicBoolean cutAfterNextSend = new AtomicBoolean(false);
    private final AtomicReference<WebSocketRoute> pageSide = new AtomicReference<>();
    private final AtomicReference<WebSocketRoute> serviceSide = new AtomicReference<>();
    /** URLs of the page's connection attempts: prove the cuts happened and how the page came back by itself. */
    private final List<String> attempts = new CopyOnWriteArrayList<>();

    @Test
    void nothingIsLostOrDoubledAcrossDrops() {
        ChatUser alice = user("alice");
        alice.connect();
        String bob = "bob-" + alice.name.substring(alice.name.length() - 8);

        Page page = person(1280, 800, p -> p.routeWebSocket(Pattern.compile(".*/client/hubs/.*"), ws -> {
            attempts.add(ws.url());
            if (!networkUp.get()) {
                ws.close(); // the handshake "fails": the page never hears "connected"
                return;
            }
            WebSocketRoute service = ws.connectToServer();
            pageSide.set(ws);
            serviceSide.set(service);
            ws.onMessage(frame -> {
                service.send(frame.text());
                if (frame.text().contains("\"event\":\"message\"") && cutAfterNextSend.compareAndSet(true, false)) {
                    cut(); // the event reached the service; its ack will never reach the page
                }
            });
        }));
        signIn(page, bob);

        alice.say("general", "before the drop");
        assertThat(ChatBrowserIT.message(page, "before the drop")).isVisible();

        // 1. the connection dies right after a send
        cutAfterNextSend.set(true);
        page.fill("#text", "in flight");
        page.click("#composer button[type=submit]");
        // a recovery of the ended connection, refused, then one new connection (the stored message may have come
        // back before the cut reached the page, so wait for the attempts rather than for the message)
        page.waitForCondition(() -> attempts.size() >= 3);
        assertThat(page.locator("#status")).hasText("connected");
        assertThat(ChatBrowserIT.message(page, "in flight")).hasCount(1);
        assertThat(page.locator("#messages li.pending, #messages li.failed")).hasCount(0);
        assertThat(page.locator("body")).hasAttribute("data-recoveries", "0");
        assertThat(attempts).as("connection attempts").hasSize(3);
        assertThat(isRecovery(attempts.get(1))).as("second attempt recovers").isTrue();
        assertThat(isRecovery(attempts.get(2))).as("third attempt is a new connection").isFalse();

        // 2. a longer outage: others talk, the page queues a message
        networkUp.set(false);
        cut();
        assertThat(page.locator("#status")).hasText("reconnecting…");
        for (int i = 1; i <= 3; i++) {
            assertThat(alice.say("general", "during the drop " + i).path("success").asBoolean()).isTrue();
        }
        page.fill("#text", "written offline");
        page.click("#composer button[type=submit]");
        assertThat(page.locator("#messages li.pending")).hasCount(1);
        screenshot(page, "10-offline-pending");
        // let at least one reconnection attempt fail before the network comes back; waiting through Playwright
        // lets it run the route handler meanwhile (it dispatches events only inside its own calls)
        page.waitForCondition(() -> attempts.size() >= 5);
        networkUp.set(true);
        assertThat(page.locator("#status")).hasText("connected", new LocatorAssertions.HasTextOptions()
                .setTimeout(30_000));
        assertThat(attempts.size()).as("connection attempts").isGreaterThan(5);
        // recovery attempts while the network was down, the last one refused, then a new connection
        List<String> second = attempts.subList(3, attempts.size());
        assertThat(second.subList(0, second.size() - 1)).allMatch(ReconnectBrowserIT::isRecovery);
        assertThat(isRecovery(second.get(second.size() - 1))).as("last attempt is a new connection").isFalse();

        for (String text : new String[] {"before the drop", "in flight", "during the drop 1", "during the drop 2",
                "during the drop 3", "written offline"}) {
            assertThat(ChatBrowserIT.message(page, text)).hasCount(1);
        }
        assertThat(page.locator("#messages li.pending, #messages li.failed")).hasCount(0);
        screenshot(page, "11-after-reconnect");

        // what the server stored: each of bob's messages once
        JsonNode history = alice.http.get("/api/rooms/general/history?limit=200").json().path("messages");
        assertThat(count(history, "in flight")).isEqualTo(1);
        assertThat(count(history, "written offline")).isEqualTo(1);
        // and the page shows every stored message of this conversation once, in order
        Locator shown = page.locator("#messages li[data-id]");
        assertThat(shown.count()).isEqualTo(history.size());
    }

    private void cut() {
        WebSocketRoute service = serviceSide.getAndSet(null);
        WebSocketRoute client = pageSide.getAndSet(null);
        if (service != null) {
            service.close();
        }
        if (client != null) {
            client.close(new WebSocketRoute.CloseOptions().setCode(4000).setReason("cut by the test"));
        }
    }

    private static boolean isRecovery(String url) {
        return url.contains("awps_connection_id=") && url.contains("awps_reconnection_token=");
    }

    private static long count(JsonNode messages, String text) {
        long n = 0;
        for (JsonNode m : messages) {
            if (m.path("text").asText().equals(text)) {
                n++;
            }
        }
        return n;
    }
}
