package dev.tailboard.web;

import dev.tailboard.testing.Await;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A headless Chromium for browser tests, driven with the system's chromedriver (nothing is downloaded). */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;

    Browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,860", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        driver = new ChromeDriver(service, options);
    }

    /** For {@code @EnabledIf}: browser tests run where Chromium and its driver are installed. */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits until {@code condition} gives a value other than null or false (an element not there yet counts as not yet). */
    <T> T until(Function<WebDriver, T> condition) {
        return Await.value("a condition on " + driver.getCurrentUrl(), () -> {
            T value = condition.apply(driver);
            return Boolean.FALSE.equals(value) ? null : value;
        });
    }

    Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    Object asyncJs(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** The text of a rendered log row, or null when line n has no row in the DOM (read at once: rows are rebuilt). */
    String lineText(long n) {
        return (String) js("const row = document.querySelector(`.log-rows .line[data-line='${arguments[0]}'] .lt`);"
                + "return row && !row.parentNode.classList.contains('pending') ? row.textContent : null;", n);
    }

    /** The number of the highlighted row, or null. */
    Long highlightedLine() {
        String line = (String) js("const row = document.querySelector('.log-rows .line.highlight');"
                + "return row ? row.dataset.line : null;");
        return line == null ? null : Long.valueOf(line);
    }

    /** True when line n's row is entirely inside the log's visible area (not under a scroll bar). */
    boolean inView(long n) {
        return Boolean.TRUE.equals(js("const row = document.querySelector(`.log-rows .line[data-line='${arguments[0]}']`);"
                + "if (!row) return false; const r = row.getBoundingClientRect();"
                + "const log = document.getElementById('log'); const top = log.getBoundingClientRect().top + log.clientTop;"
                + "return r.top >= top - 0.5 && r.bottom <= top + log.clientHeight + 0.5;", n));
    }

    /**
     * Scrolls the log from line {@code from} to its end and returns every loaded row seen, line number to
     * text, in order.
     */
    @SuppressWarnings("unchecked")
    java.util.SortedMap<Long, String> collectLines(long from) {
        Map<String, String> seen = (Map<String, String>) asyncJs("""
                const done = arguments[arguments.length - 1];
                const log = document.getElementById('log');
                const height = log.querySelector('.log-rows .line').getBoundingClientRect().height;
                const seen = {};
                const frames = then => requestAnimationFrame(() => requestAnimationFrame(then));
                const step = () => {
                  for (const row of log.querySelectorAll('.log-rows .line:not(.pending)')) {
                    seen[row.dataset.line] = row.querySelector('.lt').textContent;
                  }
                  if (log.scrollTop + log.clientHeight >= log.scrollHeight - 1) {
                    done(seen);
                  } else {
                    log.scrollTop += log.clientHeight - height;
                    frames(step);
                  }
                };
                log.scrollTop = (arguments[0] - 1) * height;
                frames(step);
                """, from);
        java.util.SortedMap<Long, String> lines = new java.util.TreeMap<>();
        seen.forEach((line, text) -> lines.put(Long.valueOf(line), text));
        return lines;
    }

    /**
     * From the next page on, records the number of every line that arrives in a {@code log} event of an
     * EventSource, in {@code window.liveLines}.
     */
    void recordLiveLines() {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.liveLines = [];
                const listen = EventSource.prototype.addEventListener;
                EventSource.prototype.addEventListener = function (type, listener, options) {
                  const recording = type !== 'log' ? listener : event => {
                    const data = JSON.parse(event.data);
                    data.lines.forEach((text, i) => window.liveLines.push(data.line + i));
                    listener(event);
                  };
                  return listen.call(this, type, recording, options);
                };
                """));
    }

    @SuppressWarnings("unchecked")
    List<Long> liveLines() {
        return (List<Long>) js("return window.liveLines");
    }

    /** How many requests the page made to the polling endpoint (to load lines it was not sent). */
    long pollingRequests() {
        return (Long) js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/log?')).length");
    }

    void screenshot(Path target) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
