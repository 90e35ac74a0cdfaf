package com.example.profiles.explorer;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the tests do on the explorer page and read from it, in the page's own terms. The DOM it relies on is the
 * page's documented seam (models.js): {@code #columns > section.column[data-model]} per column, with
 * {@code li.book[data-item-id]} cards, {@code data-overlap="true"} on a card whose book is in both columns, and
 * {@code body[data-loaded]} changing when a load has settled.
 */
final class ExplorerPage {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final URL page;

    ExplorerPage(ChromeDriver driver, URL page) {
        this.driver = driver;
        this.page = page;
    }

    /** Opens the page with the given query (no user: no call needs a token yet) and forgets any earlier token. */
    ExplorerPage open(String query) {
        driver.get(page + query);
        waitFor(() -> "complete".equals(script("return document.readyState")) && loads() > 0);
        script("sessionStorage.clear()");
        return this;
    }

    /** Pastes a token into the token box and uses it, as a person would. */
    ExplorerPage pasteToken(String token) {
        WebElement input = driver.findElement(By.id("token-input"));
        if (!input.isDisplayed()) {
            driver.findElement(By.id("token-change")).click();
        }
        input.clear();
        input.sendKeys(token);
        driver.findElement(By.id("token-use")).click();
        waitFor(() -> !driver.findElement(By.id("token-input")).isDisplayed());
        return this;
    }

    /** Runs an action that loads, and returns once the page has settled after it. */
    ExplorerPage afterLoad(Runnable action) {
        long before = loads();
        action.run();
        waitFor(() -> loads() > before);
        return this;
    }

    ExplorerPage showDemoUser(String userId) {
        return afterLoad(() -> driver.findElement(By.cssSelector("[data-user='" + userId + "']")).click());
    }

    ExplorerPage showUser(String userId) {
        WebElement input = driver.findElement(By.id("user-input"));
        input.clear();
        input.sendKeys(userId);
        return afterLoad(() -> driver.findElement(By.cssSelector("#user-form button[type=submit]")).click());
    }

    /** Sets the controls (null leaves one as it is) and applies them. */
    ExplorerPage apply(Integer k, Boolean excludeSeen, String maxPer, String filter) {
        if (k != null) {
            type("k-input", k.toString());
        }
        if (excludeSeen != null && driver.findElement(By.id("exclude-input")).isSelected() != excludeSeen) {
            // the checkbox applies at once
            afterLoad(() -> driver.findElement(By.id("exclude-input")).click());
        }
        if (maxPer != null) {
            type("maxper-input", maxPer);
        }
        if (filter != null) {
            type("filter-input", filter);
        }
        return afterLoad(() -> driver.findElement(By.id("apply")).click());
    }

    ExplorerPage next() {
        return afterLoad(() -> driver.findElement(By.id("next")).click());
    }

    List<WebElement> columns() {
        return driver.findElements(By.cssSelector("#columns > section.column"));
    }

    /** The model a column asked for, or null when it asked for none. */
    String columnModel(int column) {
        return columns().get(column).getDomAttribute("data-model");
    }

    List<WebElement> cards(int column) {
        return columns().get(column).findElements(By.cssSelector("li.book[data-item-id]"));
    }

    List<String> titles(int column) {
        return cards(column).stream().map(card -> text(card.findElement(By.cssSelector(".book-title")))).toList();
    }

    List<String> itemIds(int column) {
        return cards(column).stream().map(card -> card.getDomAttribute("data-item-id")).toList();
    }

    /** The "because" titles of a column's cards (empty where a card has none). */
    List<String> becauseTitles(int column) {
        return cards(column).stream().map(card -> card.findElements(By.cssSelector(".because cite")))
                .map(cites -> cites.isEmpty() ? "" : text(cites.get(0))).toList();
    }

    /** Item ids marked as being in both columns. */
    List<String> overlapIds() {
        return driver.findElements(By.cssSelector("#columns li.book[data-overlap='true']")).stream()
                .map(card -> card.getDomAttribute("data-item-id")).distinct().toList();
    }

    /** The call a column shows it made. */
    String request(int column) {
        return text(columns().get(column).findElement(By.cssSelector(".request code")));
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    String text(WebElement element) {
        return (String) script("return arguments[0].textContent", element);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    long loads() {
        Object loaded = script("return Number(document.body.dataset.loaded || 0)");
        return ((Number) loaded).longValue();
    }

    /** Waits until {@code condition} holds; an element re-rendered while the condition reads it is read again. */
    void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private void type(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }
}
