package io.hubbub.chat.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two people in Chromium: sign in, meet in a room, see each other's presence and typing, talk, reload and find the
 * history, send a direct message, and find a script-bearing message shown as plain text.
 */
class ChatBrowserIT extends BrowserFixture {

    static final String XSS_IMG = "<img src=x onerror=\"window.__xss = 'img'\">";
    static final String XSS_SCRIPT = "<script>window.__xss = 'script'</script>";

    @Test
    void twoPeopleChatInTheBrowser() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alice = "alice-" + suffix;
        String bob = "bob-" + suffix;
        String room = "lab-" + suffix;

        Page a = person();
        assertThat(a.locator(".warning")).containsText("no passwords");
        a.fill("#name", alice);
        screenshot(a, "01-sign-in");
        signIn(a, alice);
        assertThat(a.locator("#title")).hasText("# general");

        Page b = person();
        signIn(b, bob);

        // presence: each sees the other online in general
        assertThat(online(a, bob)).isVisible();
        assertThat(online(b, alice)).isVisible();

        // alice creates a room; bob finds it in his list, joins it, and alice sees him arrive
        a.fill("#new-room-name", room);
        a.click("#new-room button");
        assertThat(a.locator("#title")).hasText("# " + room);
        b.click("#rooms a[data-key='room:" + room + "']");
        assertThat(b.locator("#join-banner")).isVisible();
        b.click("#join");
        assertThat(b.locator("#composer")).isVisible();
        assertThat(online(a, bob)).isVisible();

        // typing, then a message each way
        b.locator("#text").pressSequentially("hello al", new Locator.PressSequentiallyOptions().setDelay(30));
        assertThat(a.locator("#typing")).hasText(bob + " is typing…");
        screenshot(a, "02-typing");
        b.locator("#text").pressSequentially("ice");
        b.locator("#text").press("Enter");
        Locator fromBob = message(a, "hello alice");
        assertThat(fromBob.locator(".sender")).hasText(bob);
        assertThat(fromBob.locator("time")).not().isEmpty();
        assertThat(a.locator("#typing")).isEmpty();
        send(a, "hi bob, welcome to " + room);
        assertThat(message(b, "hi bob, welcome to " + room)).isVisible();

        // markup in a message is text, and no script runs
        send(a, XSS_IMG);
        send(a, XSS_SCRIPT);
        assertThat(message(b, XSS_IMG).locator(".text")).hasText(XSS_IMG);
        assertThat(message(b, XSS_SCRIPT).locator(".text")).hasText(XSS_SCRIPT);
        assertThat(b.locator("#messages img")).hasCount(0);
        assertThat(b.locator("#messages script")).hasCount(0);
        assertThat(b.evaluate("() => window.__xss === undefined")).isEqualTo(true);
        screenshot(b, "03-room-with-markup-as-text");

        // a reload comes back to the room with its history, nothing doubled
        b.reload();
        assertThat(b.locator("#status")).hasText("connected");
        assertThat(b.locator("#title")).hasText("# " + room);
        assertThat(b.locator("#messages li .text")).hasText(new String[] {"hello alice",
                "hi bob, welcome to " + room, XSS_IMG, XSS_SCRIPT});
        assertThat(b.evaluate("() => window.__xss === undefined")).isEqualTo(true);

        // a direct message from the people list; bob sees an unread marker, then the message
        a.click("#presence a:text-is('" + bob + "')");
        assertThat(a.locator("#title")).hasText("@ " + bob);
        send(a, "just between us");
        Locator dmEntry = b.locator("#dms a[data-key='dm:" + alice + "']");
        assertThat(dmEntry.locator(".badge")).hasText("1");
        screenshot(b, "04-unread-direct-message");
        dmEntry.click();
        assertThat(message(b, "just between us").locator(".sender")).hasText(alice);
        assertThat(dmEntry.locator(".badge")).hasCount(0);
        screenshot(b, "05-direct-message");

        // while bob reads the DM, a room message marks the room unread
        a.click("#rooms a[data-key='room:" + room + "']");
        send(a, "back in the room");
        assertThat(b.locator("#rooms a[data-key='room:" + room + "'] .badge")).hasText("1");
        b.click("#rooms a[data-key='room:" + room + "']");
        assertThat(message(b, "back in the room")).isVisible();

        // presence goes when alice leaves
        a.context().close();
        assertThat(b.locator("#presence li.offline a:text-is('" + alice + "')")).isVisible();
        screenshot(b, "06-presence-offline");
    }

    @Test
    void thePageWorksAtPhoneWidth() {
        String name = "phone-" + UUID.randomUUID().toString().substring(0, 6);
        Page phone = person(390, 844);
        screenshot(phone, "07-phone-sign-in");
        signIn(phone, name);
        send(phone, "typed on a phone");
        assertThat(message(phone, "typed on a phone")).isVisible();
        assertThat(phone.locator("#sidebar")).not().isInViewport();
        Object overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        screenshot(phone, "08-phone-room");
        phone.click("#menu");
        assertThat(phone.locator("#sidebar")).isInViewport();
        // wait for the slide-in to finish before the picture
        phone.waitForFunction("() => document.getElementById('sidebar').getBoundingClientRect().left >= 0");
        screenshot(phone, "09-phone-room-list");
    }

    static void send(Page page, String text) {
        page.fill("#text", text);
        page.click("#composer button[type=submit]");
        assertThat(message(page, text)).not().hasClass("msg pending mine");
    }

    /** The stored message (it has an id) whose text is exactly {@code text}. */
    static Locator message(Page page, String text) {
        return page.locator("#messages li[data-id]").filter(new Locator.FilterOptions()
                .setHas(page.locator(".text").getByText(text, new Locator.GetByTextOptions().setExact(true))));
    }

    static Locator online(Page page, String user) {
        return page.locator("#presence li.online a").getByText(user, new Locator.GetByTextOptions().setExact(true));
    }
}
