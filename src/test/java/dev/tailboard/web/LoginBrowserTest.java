package dev.tailboard.web;

import dev.tailboard.testing.LogFolder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The login page in a real browser: on the layout, a refusal in red, a deep link kept across it, a logout. */
class LoginBrowserTest extends BrowserTest {

    static final String TOKEN = "correct horse battery staple";

    @Override
    protected Map<String, Object> settings() {
        logs.append("backend/42", LogFolder.lines("line ", 1, 5)).finish("backend/42", "success", 0);
        return Map.of("tailboard.auth.token", TOKEN);
    }

    @Test
    void aDeepLinkSurvivesTheLoginAndTheRefusalIsRed() {
        browser.open(server.uri("/jobs/backend/42#L2").toString());
        browser.until(d -> d.getCurrentUrl().contains("/login?next="));
        assertTrue(browser.driver.getCurrentUrl().endsWith("#L2"), browser.driver.getCurrentUrl());
        assertEquals(1, browser.all("header.topbar").size(), "the login page is on the layout");

        logIn("not the token");
        browser.until(d -> !browser.all("#login-error").isEmpty());
        assertEquals("That is not the access token.", browser.one("#login-error").getText());
        assertEquals(color("--failed"), browser.js("return getComputedStyle(document.getElementById('login-error')).color"),
                "the refusal is red");
        Screenshots.save(browser, "login.png");

        logIn(TOKEN);
        browser.until(d -> d.getCurrentUrl().endsWith("/jobs/backend/42#L2"));
        browser.until(d -> Long.valueOf(2).equals(browser.highlightedLine()));

        browser.one("form.logout button").click();
        browser.until(d -> d.getCurrentUrl().endsWith("/login"));
        browser.open(server.uri("/jobs/backend/42").toString());
        browser.until(d -> d.getCurrentUrl().contains("/login?next="));
    }

    private void logIn(String token) {
        browser.until(d -> !browser.all("#token").isEmpty());
        browser.one("#token").sendKeys(token);
        browser.one("#login-form button[type=submit]").click();
    }

    /** A colour of the stylesheet, as the browser computes colours (rgb(…)). */
    private String color(String variable) {
        return (String) browser.js("const probe = document.createElement('span');"
                + "probe.style.color = `var(${arguments[0]})`; document.body.appendChild(probe);"
                + "const color = getComputedStyle(probe).color; probe.remove(); return color;", variable);
    }
}
