package io.hubbub.chat.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The chat pair of {@link ChatFixture} plus the system's Chromium driven by Playwright, each user in a browser context
 * of their own (separate cookies and storage, like two people). Skipped, saying what to install, when Chromium or
 * node is missing; nothing is ever downloaded (see the failsafe settings in the pom).
 */
abstract class BrowserFixture extends ChatFixture {

    static final Path CHROMIUM = Path.of(System.getProperty("chat.chromium", "/usr/bin/chromium"));
    static final Path NODE = Path.of(System.getProperty("playwright.nodejs.path", "/usr/bin/node"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("chat.screenshots", "target/screenshots"));
    // this machine's network is closed: without these Chromium keeps trying to reach Google's services
    static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run");

    Playwright playwright;
    Browser browser;
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not found at " + CHROMIUM
                + ": install it (apt-get install -y chromium) or pass -Dchat.chromium=<path>; skipping browser tests");
        assumeTrue(Files.isExecutable(NODE), "node not found at " + NODE
                + ": install Node.js or pass -Dchat.nodejs=<path>; skipping browser tests");
        System.setProperty("playwright.nodejs.path", NODE.toString());
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(CHROMIUM_ARGS));
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /**
     * A new person (own context) at the sign-in page, with a window of the given size. {@code beforeLoad} runs
     * before the page loads: routes must be in place by then to apply to it.
     */
    Page person(int width, int height, Consumer<Page> beforeLoad) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        Page page = context.newPage();
        List<String> errors = pageErrors;
        page.onPageError(errors::add);
        beforeLoad.accept(page);
        page.navigate(chatBase + "/");
        return page;
    }

    Page person(int width, int height) {
        return person(width, height, p -> { });
    }

    Page person() {
        return person(1280, 800);
    }

    /** Uncaught script errors of any page fail the test that caused them. */
    @AfterEach
    void noScriptErrors() {
        List<String> errors = List.copyOf(pageErrors);
        pageErrors.clear();
        org.assertj.core.api.Assertions.assertThat(errors).as("uncaught script errors in the page").isEmpty();
    }

    /** Signs in on the sign-in page and waits until the chat is connected. */
    void signIn(Page page, String name) {
        assertThat(page.locator("#signin")).isVisible();
        page.fill("#name", name);
        page.click("#signin button[type=submit]");
        assertThat(page.locator("#status")).hasText("connected");
        assertThat(page.locator("#me")).hasText(name);
    }

    void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }
}
