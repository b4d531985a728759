package dev.tailboard.answers;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /ask page in headless Chromium: the answer grows as it streams, stop stops it, a reload resumes it. */
@MicronautTest
@EnabledIf("browserInstalled")
class AskPageTest extends ServerTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private ChromeDriver browser;

    @Inject
    Answers answers;

    static boolean browserInstalled() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    @Override
    protected Map<String, String> settings() {
        // an answer of a hundred-odd words takes seconds: the page is seen while it grows
        return Map.of("tailboard.answers.chunk-delay", "30ms");
    }

    @BeforeAll
    void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stopBrowser() {
        browser.quit();
    }

    private String answerText() {
        return browser.findElement(By.id("answer")).getText();
    }

    private String finish() {
        String finish = browser.findElement(By.tagName("main")).getAttribute("data-finish");
        return finish == null ? "" : finish;
    }

    private String ask(String path, String prompt) {
        browser.get(server.getURL() + path);
        browser.findElement(By.id("prompt")).sendKeys(prompt, Keys.ENTER);
        Wait.until("the answer to start", () -> browser.getCurrentUrl().contains("/ask?answer=") && !answerText().isEmpty());
        return URI.create(browser.getCurrentUrl()).getQuery().substring("answer=".length());
    }

    @Test
    void theAnswerGrowsAsItStreamsAndRendersAsMarkdown() {
        browser.get(server.getURL() + "/ask?job=maven/test-failure");
        assertEquals("maven/test-failure", browser.findElement(By.id("job")).getAttribute("value"));
        browser.findElement(By.id("prompt")).sendKeys("Why did it fail?", Keys.ENTER);
        Wait.until("the first words", () -> !answerText().isEmpty());
        int seen = answerText().length();
        assertEquals("", finish(), "still streaming");
        Wait.until("the answer to grow", () -> answerText().length() > seen);
        Wait.until("the answer to end", () -> finish().equals("stop"));

        String text = answerText();
        assertTrue(text.contains("demo.PriceCalculatorTest.tenPercent"), text);
        assertFalse(text.contains("**") || text.contains("](/jobs"), "Markdown is rendered, not shown: " + text);
        WebElement line = browser.findElement(By.cssSelector("#answer a[href='/jobs/maven/test-failure#L47']"));
        assertEquals("line 47", line.getText());
        assertEquals("demo.PriceCalculatorTest.tenPercent",
                browser.findElement(By.cssSelector("#answer li code")).getText());
        assertEquals("Done.", browser.findElement(By.id("state")).getText());
        assertFalse(browser.findElement(By.id("stop")).isDisplayed());
    }

    @Test
    void shiftEnterStartsANewLineInsteadOfSending() {
        browser.get(server.getURL() + "/ask");
        WebElement prompt = browser.findElement(By.id("prompt"));
        prompt.sendKeys("first line", Keys.chord(Keys.SHIFT, Keys.ENTER), "second line");
        assertEquals("first line\nsecond line", prompt.getAttribute("value"));
        assertTrue(browser.getCurrentUrl().endsWith("/ask"), "nothing was sent");
    }

    @Test
    void stopEndsTheAnswer() {
        String id = ask("/ask", "Why did python/unittest fail?");
        browser.findElement(By.id("stop")).click();
        Wait.until("the answer to stop", () -> finish().equals("cancelled"));
        assertEquals("Stopped.", browser.findElement(By.id("state")).getText());
        assertEquals(FinishReason.CANCELLED, answers.find(id).flatMap(Answer::finish).orElseThrow());
        assertTrue(browser.findElement(By.id("send")).isEnabled());
    }

    @Test
    void aReloadResumesTheSameAnswer() {
        String id = ask("/ask", "Which jobs are failing?");
        browser.navigate().refresh();
        assertEquals("Which jobs are failing?", browser.findElement(By.id("prompt")).getAttribute("value"));
        Wait.until("the resumed answer to end", () -> finish().equals("stop"));
        Answer answer = answers.find(id).orElseThrow();
        String text = answerText();
        assertTrue(text.contains("What to look at next"), text);
        assertEquals(text.indexOf("Tailboard has"), text.lastIndexOf("Tailboard has"), "nothing twice: " + text);
        assertTrue(text.startsWith("Tailboard has 8 jobs"), text);
        assertEquals(FinishReason.STOP, answer.finish().orElseThrow());
    }

    @Test
    void anExpiredAnswerSaysSo() {
        browser.get(server.getURL() + "/ask?answer=long-gone");
        assertTrue(browser.findElement(By.className("notice")).getText().contains("no longer kept"));
    }
}
