package dev.tailboard.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Screenshots for the documentation, taken by the browser tests at the moment they show something worth seeing,
 * only when {@code -Dscreenshots.dir} names a folder ({@code docs/screenshots/take.sh} does): a test run
 * never writes into the project.
 */
final class Screenshots {

    private Screenshots() {
    }

    static void save(Browser browser, String name) {
        String folder = System.getProperty("screenshots.dir");
        if (folder == null || folder.isBlank()) {
            return;
        }
        try {
            Files.createDirectories(Path.of(folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // let the last change be painted
        browser.asyncJs("const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(done))");
        browser.screenshot(Path.of(folder, name));
    }
}
