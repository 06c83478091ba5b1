package io.hubbub.chat.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A short network drop as the reliable subprotocol sees it: the page loses its socket but the service never gets a
 * close frame (the service side of the route just goes silent), so the logical connection stays. The page recovers
 * the SAME connection with its reconnection token, without negotiating again or re-joining groups, and the messages
 * the other user sent meanwhile are redelivered and shown exactly once.
 */
class RecoveryBrowserIT extends BrowserFixture {

    /** One socket of the page, relayed to the service while {@code alive}. */
    private record Link(WebSocketRoute page, WebSocketRoute service, AtomicBoolean alive) { }

    private final AtomicBoolean networkUp = new AtomicBoolean(true);
    private final AtomicReference<Link> current = new AtomicReference<>();
    private final List<String> socketUrls = new CopyOnWriteArrayList<>();
    private final List<String> sentByPage = new CopyOnWriteArrayList<>();
    private final AtomicInteger negotiations = new AtomicInteger();

    @Test
    void aShortDropRecoversTheSameConnection() {
        ChatUser alice = user("alice");
        alice.connect();
        String bob = "bob-" + alice.name.substring(alice.name.length() - 8);

        Page page = person(1280, 800, p -> {
            p.onRequest(request -> {
                if (request.url().contains("/negotiate")) {
                    negotiations.incrementAndGet();
                }
            });
            p.routeWebSocket(Pattern.compile(".*/client/hubs/.*"), ws -> {
                socketUrls.add(ws.url());
                if (!networkUp.get()) {
                    ws.close(); // the handshake "fails": the page never hears "connected"
                    return;
                }
                WebSocketRoute service = ws.connectToServer();
                AtomicBoolean alive = new AtomicBoolean(true);
                // relay by hand, so a dead link neither forwards frames nor closes the other side
                ws.onMessage(frame -> {
                    if (alive.get()) {
                        sentByPage.add(frame.text());
                        service.send(frame.text());
                    }
                });
                service.onMessage(frame -> {
                    if (alive.get()) {
                        ws.send(frame.text());
                    }
                });
                ws.onClose((code, reason) -> {
                    if (alive.getAndSet(false)) {
                        service.close(new WebSocketRoute.CloseOptions().setCode(code == null ? 1000 : code)
                                .setReason(reason == null ? "" : reason));
                    }
                });
                service.onClose((code, reason) -> {
                    if (alive.getAndSet(false)) {
                        ws.close(new WebSocketRoute.CloseOptions().setCode(code == null ? 1000 : code)
                                .setReason(reason == null ? "" : reason));
                    }
                });
                current.set(new Link(ws, service, alive));
            });
        });
        signIn(page, bob);

        alice.say("general", "before the drop");
        assertThat(ChatBrowserIT.message(page, "before the drop")).isVisible();
        String connectionId = connectionId(page);
        assertThat(connectionId).isNotEmpty();
        assertThat(socketUrls).hasSize(1);
        assertThat(negotiations.get()).isEqualTo(1);
        int sentBeforeDrop = sentByPage.size();

        // the drop: the page's socket dies abnormally, the service hears nothing (no close frame)
        networkUp.set(false);
        Link link = current.getAndSet(null);
        link.alive().set(false);
        link.page().close(new WebSocketRoute.CloseOptions().setCode(4000).setReason("network lost"));
        assertThat(page.locator("#status")).hasText("reconnecting…");

        for (int i = 1; i <= 3; i++) {
            assertThat(alice.say("general", "during the drop " + i).path("success").asBoolean()).isTrue();
        }
        page.fill("#text", "written offline");
        page.click("#composer button[type=submit]");
        assertThat(page.locator("#messages li.pending")).hasCount(1);
        // let a recovery attempt fail before the network comes back (waiting through Playwright runs the routes)
        page.waitForCondition(() -> socketUrls.size() >= 3);
        networkUp.set(true);
        assertThat(page.locator("#status")).hasText("connected", new LocatorAssertions.HasTextOptions()
                .setTimeout(15_000));

        // the same connection, recovered with its token, not a new one
        assertThat(connectionId(page)).isEqualTo(connectionId);
        assertThat(page.locator("body")).hasAttribute("data-recoveries", "1");
        assertThat(negotiations.get()).as("negotiations").isEqualTo(1);
        for (String url : socketUrls.subList(1, socketUrls.size())) {
            assertThat(url).contains("awps_connection_id=" + connectionId).contains("awps_reconnection_token=");
        }
        // groups stay with a recovered connection: nothing to re-join; and the page acknowledges what it got
        List<String> afterDrop = sentByPage.subList(sentBeforeDrop, sentByPage.size());
        assertThat(afterDrop).noneMatch(frame -> frame.contains("joinGroup"));
        page.waitForCondition(() -> sentByPage.stream().anyMatch(f -> f.contains("\"sequenceAck\"")));

        for (String text : new String[] {"before the drop", "during the drop 1", "during the drop 2",
                "during the drop 3", "written offline"}) {
            assertThat(ChatBrowserIT.message(page, text)).hasCount(1);
        }
        assertThat(page.locator("#messages li.pending, #messages li.failed")).hasCount(0);

        // the connection still works both ways
        alice.say("general", "after the recovery");
        assertThat(ChatBrowserIT.message(page, "after the recovery")).hasCount(1);
        JsonNode history = alice.http.get("/api/rooms/general/history?limit=200").json().path("messages");
        assertThat(page.locator("#messages li[data-id]").count()).isEqualTo(history.size());
        long stored = 0;
        for (JsonNode m : history) {
            if (m.path("text").asText().equals("written offline")) {
                stored++;
            }
        }
        assertThat(stored).isEqualTo(1);
        screenshot(page, "12-after-recovery");
    }

    private static String connectionId(Page page) {
        return (String) page.evaluate("() => document.body.dataset.connectionId || ''");
    }
}
