package dev.tailboard.answers;

import dev.tailboard.testing.Await;
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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /ask page in headless Chromium: the answer grows as it streams, stop stops it, a reload resumes it. */
@EnabledIf("browserInstalled")
class AskPageTest extends ServerTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private ChromeDriver browser;

    static boolean browserInstalled() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    @Override
    protected Map<String, Object> settings() {
        // an answer of a hundred-odd words takes seconds: the page is seen while it grows
        logs.append("evil/markup", "[ERROR] <img src=x onerror=\"document.title='owned'\"> **not bold** [x](javascript:alert(1))\n")
                .finish("evil/markup", "failed", 1);
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

    /** The answer being shown; empty before the page has one (it makes it once the question is accepted). */
    private String answerText() {
        List<WebElement> answer = browser.findElements(By.id("answer"));
        return answer.isEmpty() ? "" : answer.get(0).getText();
    }

    private String finish() {
        String finish = browser.findElement(By.tagName("main")).getAttribute("data-finish");
        return finish == null ? "" : finish;
    }

    private String ask(String path, String prompt) {
        browser.get(server.uri(path).toString());
        browser.findElement(By.id("prompt")).sendKeys(prompt, Keys.ENTER);
        Await.until("the answer to start", () -> browser.getCurrentUrl().contains("/ask?answer=") && !answerText().isEmpty());
        return URI.create(browser.getCurrentUrl()).getQuery().substring("answer=".length());
    }

    @Test
    void theAnswerGrowsAsItStreamsAndRendersAsMarkdown() {
        browser.get(server.uri("/ask?job=maven/test-failure").toString());
        assertEquals("maven/test-failure", browser.findElement(By.id("job")).getAttribute("value"));
        browser.findElement(By.id("prompt")).sendKeys("Why did it fail?", Keys.ENTER);
        Await.until("the first words", () -> !answerText().isEmpty());
        int seen = answerText().length();
        assertEquals("", finish(), "still streaming");
        Await.until("the answer to grow", () -> answerText().length() > seen);
        Await.until("the answer to end", () -> finish().equals("stop"));

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
        browser.get(server.uri("/ask").toString());
        WebElement prompt = browser.findElement(By.id("prompt"));
        prompt.sendKeys("first line", Keys.chord(Keys.SHIFT, Keys.ENTER), "second line");
        assertEquals("first line\nsecond line", prompt.getAttribute("value"));
        assertTrue(browser.getCurrentUrl().endsWith("/ask"), "nothing was sent");
    }

    @Test
    void stopEndsTheAnswer() {
        String id = ask("/ask", "Why did python/unittest fail?");
        browser.findElement(By.id("stop")).click();
        Await.until("the answer to stop", () -> finish().equals("cancelled"));
        assertEquals("Stopped.", browser.findElement(By.id("state")).getText());
        assertEquals(FinishReason.CANCELLED, answers().find(id).flatMap(Answer::finish).orElseThrow());
        assertTrue(browser.findElement(By.id("send")).isEnabled());
    }

    @Test
    void aReloadResumesTheSameAnswer() {
        String id = ask("/ask", "Which jobs are failing?");
        browser.navigate().refresh();
        assertEquals("Which jobs are failing?", browser.findElement(By.cssSelector("#conversation .question-text")).getText());
        Await.until("the resumed answer to end", () -> finish().equals("stop"));
        Answer answer = answers().find(id).orElseThrow();
        String text = answerText();
        assertTrue(text.contains("What to look at next"), text);
        assertEquals(text.indexOf("Tailboard has"), text.lastIndexOf("Tailboard has"), "nothing twice: " + text);
        assertTrue(text.startsWith("Tailboard has 9 jobs"), text);
        assertEquals(FinishReason.STOP, answer.finish().orElseThrow());
    }

    @Test
    void aFollowUpIsAskedWithTheConversationAndAReloadShowsItAll() {
        String first = ask("/ask?job=maven/test-failure", "Why did it fail?");
        Await.until("the first answer to end", () -> finish().equals("stop"));
        String firstAnswer = answerText();
        browser.findElement(By.id("prompt")).sendKeys("And which tests?", Keys.ENTER);
        Await.until("the follow-up to be asked", () -> !browser.getCurrentUrl().endsWith(first));
        String second = URI.create(browser.getCurrentUrl()).getQuery().substring("answer=".length());
        Await.until("the follow-up to end", () -> finish().equals("stop"));

        Question asked = answers().find(second).orElseThrow().question();
        assertEquals(List.of(ChatMessage.user("Why did it fail?"), new ChatMessage("assistant", asked.messages().get(1).content()),
                ChatMessage.user("And which tests?")), asked.messages());
        assertTrue(asked.messages().get(1).content().contains("demo.PriceCalculatorTest.tenPercent"));
        assertEquals("maven/test-failure", asked.job().value(), "about the same job");
        List<String> shown = List.of("Why did it fail?", "And which tests?");
        assertEquals(shown, questions());
        assertEquals(2, browser.findElements(By.cssSelector("#conversation .turn.answer .answer-text")).size());
        assertEquals(firstAnswer, browser.findElement(By.cssSelector("#conversation .turn.answer .answer-text")).getText(),
                "each question above its answer, earlier turns above");

        browser.navigate().refresh();
        Await.until("the conversation to show again", () -> questions().equals(shown) && finish().equals("stop"));
        assertEquals(firstAnswer, browser.findElement(By.cssSelector("#conversation .turn.answer .answer-text")).getText());
        assertTrue(answerText().contains("PriceCalculatorTest"), answerText());
        assertEquals("maven/test-failure", browser.findElement(By.id("job")).getAttribute("value"));
    }

    private List<String> questions() {
        return browser.findElements(By.cssSelector("#conversation .question-text")).stream().map(WebElement::getText).toList();
    }

    @Test
    void anExpiredAnswerSaysSo() {
        browser.get(server.uri("/ask?answer=long-gone").toString());
        assertTrue(browser.findElement(By.className("notice")).getText().contains("no longer kept"));
    }

    @Test
    void textFromALogIsShownAsTextNeverAsMarkup() {
        ask("/ask?job=evil/markup", "What went wrong?");
        Await.until("the answer to end", () -> finish().equals("stop"));
        assertTrue(answerText().contains("[ERROR] <img src=x onerror=\"document.title='owned'\"> **not bold** [x](javascript:alert(1))"),
                answerText());
        assertTrue(browser.findElements(By.cssSelector("#answer img")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector("#answer a[href^='javascript']")).isEmpty());
        assertFalse(browser.getTitle().contains("owned"));
    }
}
