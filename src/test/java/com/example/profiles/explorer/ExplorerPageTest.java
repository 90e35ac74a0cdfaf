package com.example.profiles.explorer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.Browser;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestTokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The explorer page in a real browser (headless Chromium) against the service with the demo catalog: what the
 * page shows is what the API answers for the same controls, its problems appear where they belong, its buttons
 * post events, and text from the API stays text. Each test pastes a token, as a person would.
 * <p>
 * Two models side by side need the model API; that test joins here later, through {@link ExplorerPage#columns()},
 * {@link ExplorerPage#columnModel(int)} and {@link ExplorerPage#overlapIds()}.
 */
@QuarkusTest
@TestProfile(ExplorerPageTest.DemoCatalog.class)
@ExtendWith(AllRolesToken.class)
class ExplorerPageTest {

    /** Tables of its own, filled with the demo catalog and users as dev mode fills them. */
    public static class DemoCatalog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            long run = System.nanoTime();
            return Map.of("recommend.items-table", "ExplorerItems" + run,
                    "profiles.table", "ExplorerProfiles" + run,
                    "events.table", "ExplorerEvents" + run,
                    "feature-history.table", "ExplorerHistory" + run,
                    "recommend.demo.seed", "true", "recommend.demo.shoppers", "false");
        }
    }

    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static Browser browser;

    @TestHTTPResource("/explorer/")
    URL pageUrl;

    ExplorerPage page;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void openPage() {
        awaitDemoCatalog();
        browser.viewport(1440, 1000);
        page = new ExplorerPage(browser.driver(), pageUrl);
        page.open("").pasteToken(TestTokens.allRoles());
    }

    @Test
    void theTitlesShownAreTheApisAnswerForTheSameControls() {
        page.showDemoUser("demo-tolkien");
        // no controls touched: exactly the default call
        assertThat(page.request(0)).isEqualTo("GET /v1/users/demo-tolkien/recommendations?k=10&exclude=seen&explain=true");
        JsonPath expected = recommendations("demo-tolkien", Map.of("k", "10", "exclude", "seen", "explain", "true"));
        assertThat(page.titles(0)).hasSize(10).isEqualTo(expected.getList("items.title"));
        assertThat(page.becauseTitles(0)).isEqualTo(expected.getList("items.because.title"));
        assertThat(page.columns()).hasSize(1);
        assertThat(page.columnModel(0)).isNull();

        page.apply(4, false, "series:1", "in_stock and language = \"eng\"");
        Map<String, String> controls = Map.of("k", "4", "explain", "true", "max_per", "series:1",
                "filter", "in_stock and language = \"eng\"");
        assertThat(page.titles(0)).hasSize(4).isEqualTo(recommendations("demo-tolkien", controls).getList("items.title"));

        page.next();
        Map<String, String> secondPage = new java.util.HashMap<>(controls);
        secondPage.put("offset", "4");
        assertThat(page.titles(0)).isEqualTo(recommendations("demo-tolkien", secondPage).getList("items.title"));
        assertThat(page.text(page.byId("positions"))).isEqualTo("Positions 5–8");
    }

    @Test
    void twoServingModelsMakeTwoColumnsOneMakesOne() {
        // The page's choice of columns from GET /v1/models, run in the page itself (models.js): the largest
        // shares side by side, or ?model= beside the largest other; one serving model or none, one column.
        Object chosen = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " import('./models.js').then(m => {"
                + "  const catalog = (models, split) => ({ models: models.map(([model, state]) => ({ model, state })), split });"
                + "  const names = (columns) => columns.map(c => c.model === null ? '-' : c.model + ':' + c.share).join(' ');"
                + "  const three = catalog([['default', 'serving'], ['books-v2', 'serving'], ['books-v3', 'staged'],"
                + "    ['old', 'retired']], { default: 90, 'books-v2': 10 });"
                + "  done([names(m.chooseColumns(null, null)),"
                + "    names(m.chooseColumns(null, 'books-v2')),"
                + "    names(m.chooseColumns(three, null)),"
                + "    names(m.chooseColumns(three, 'books-v2')),"
                + "    names(m.chooseColumns(three, 'books-v3')),"
                + "    names(m.chooseColumns(three, 'nonesuch')),"
                + "    names(m.chooseColumns(catalog([['default', 'serving'], ['books-v3', 'staged']], { default: 100 }), null)),"
                + "    names(m.chooseColumns(catalog([['default', 'serving'], ['books-v3', 'staged']], { default: 100 }), 'books-v3')),"
                + "    [...m.overlap([[{ item_id: 'a' }, { item_id: 'b' }], [{ item_id: 'b' }, { item_id: 'c' }]])].join(' '),"
                + "    [...m.overlap([[{ item_id: 'a' }]])].join(' ')]); });");
        assertThat(chosen).isEqualTo(List.of("-", "-", "default:90 books-v2:10", "books-v2:10 default:90",
                "books-v3:0 default:90", "default:90 books-v2:10", "-", "books-v3:0", "b", ""));
    }

    @Test
    void aBadFilterShowsTheApisProblemAtThePositionItNames() {
        page.showDemoUser("demo-rowling");
        String filter = "in_stock and colour = \"red\"";
        page.apply(null, null, null, filter);

        String detail = given().queryParam("filter", filter).get("/v1/users/demo-rowling/recommendations")
                .then().statusCode(400).extract().jsonPath().getString("detail");
        assertThat(detail).startsWith("filter: unknown facet 'colour' at position 14; known facets: ");
        WebElement error = page.byId("filter-error");
        assertThat(error.isDisplayed()).isTrue();
        assertThat(page.text(error.findElement(By.cssSelector(".detail")))).isEqualTo(detail);
        assertThat(error.getDomAttribute("data-position")).isEqualTo("14");
        assertThat(page.text(error.findElement(By.cssSelector("mark")))).isEqualTo("c");
        assertThat(page.text(error.findElement(By.cssSelector(".where")))).isEqualTo(filter);
        assertThat(page.byId("filter-input").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.columns()).isEmpty();
        assertThat(page.text(page.byId("columns"))).isEqualTo("No answer: fix the controls above.");
    }

    @Test
    void aPurchasedBookLeavesTheRecommendations() {
        page.showDemoUser("demo-king");
        WebElement first = page.cards(0).get(0);
        String itemId = first.getDomAttribute("data-item-id");
        String title = page.titles(0).get(0);
        page.afterLoad(() -> first.findElement(By.cssSelector("button[data-event='purchase']")).click());

        assertThat(page.itemIds(0)).hasSize(10).doesNotContain(itemId);
        JsonPath expected = recommendations("demo-king", Map.of("k", "10", "exclude", "seen", "explain", "true"));
        assertThat(page.titles(0)).isEqualTo(expected.getList("items.title"));
        page.waitFor(() -> page.text(page.byId("status")).equals("Recorded a purchase of “" + title + "”."));
        page.waitFor(() -> page.text(page.byId("profile-purchased")).contains(title));
        List<String> purchases = given().queryParam("type", "purchase").get("/v1/users/demo-king/events")
                .then().statusCode(200).extract().jsonPath().getList("events.item_id");
        assertThat(purchases).contains(itemId);
    }

    @Test
    void clickingABookShowsItsSimilarItems() {
        page.showDemoUser("demo-christie");
        WebElement title = page.cards(0).get(1).findElement(By.cssSelector(".book-title"));
        String itemId = page.itemIds(0).get(1);
        title.click();

        WebElement dialog = page.byId("similar");
        page.waitFor(() -> page.text(page.byId("similar-state")).startsWith("The 10 books"));
        List<String> shown = page.byId("similar-list").findElements(By.cssSelector("li.book .book-title")).stream()
                .map(page::text).toList();
        List<String> expected = given().queryParam("k", 10).get("/v1/items/" + itemId + "/similar")
                .then().statusCode(200).extract().jsonPath().getList("items.title");
        assertThat(shown).hasSize(10).isEqualTo(expected);
        assertThat(dialog.getDomAttribute("data-item-id")).isEqualTo(itemId);

        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        page.waitFor(() -> !dialog.isDisplayed());
        assertThat(page.script("return document.activeElement === arguments[0]", title)).isEqualTo(true);
    }

    @Test
    void aHostileTitleIsShownAsText() {
        float[] vector = new float[64];
        vector[0] = 1;
        given().contentType("application/json")
                .body(Json.object().put("title", HOSTILE).put("authors", Json.array("<script>alert(2)</script>"))
                        .put("attributes", Json.object().put("cover_url", "javascript:alert(3)"))
                        .put("embedding", Json.numbers(vector)).toString())
                .put("/v1/items/hostile-book").then().statusCode(oneOf(200, 201));
        given().post("/v1/catalog/reload").then().statusCode(200);
        String user = "hostile-" + System.nanoTime();
        given().contentType("application/json")
                .body(Json.object().put("user_name", "<b onmouseover=alert(4)>Mallory</b>")
                        .put("attributes", Json.object().put("interests", Json.array(HOSTILE)).put("purchased",
                                Json.array("hostile-book")))
                        .put("user_features", Json.numbers(vector)).toString())
                .put("/v1/users/" + user).then().statusCode(201);

        page.showUser(user);
        assertThat(page.text(page.byId("profile-facts"))).contains("<b onmouseover=alert(4)>Mallory</b>", HOSTILE);
        page.waitFor(() -> page.text(page.byId("profile-purchased")).equals(HOSTILE));
        // bought, so only shown once exclude=seen is off: first, because of itself
        page.apply(null, false, null, null);
        assertThat(page.titles(0).get(0)).isEqualTo(HOSTILE);
        assertThat(page.becauseTitles(0).get(0)).isEqualTo(HOSTILE);
        page.waitFor(() -> page.text(page.cards(0).get(0).findElement(By.cssSelector(".authors")))
                .equals("<script>alert(2)</script>"));
        // nothing of it became markup: no picture with src=x, no script or bold element from the data
        assertThat(page.script("return document.querySelectorAll('img[src=\"x\"], #columns script, #profile b').length"))
                .isEqualTo(0L);
        assertThat(page.script("return document.querySelectorAll('#columns li.book img').length")).isEqualTo(0L);
        assertNoAlert();
    }

    @Test
    void thePagesPolicyForbidsInlineScript() {
        String policy = given().get("/explorer/").then().statusCode(200).extract().header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        // a script the page did not ship does not run, even when something manages to insert it
        page.script("const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                + " document.body.append(s);");
        assertThat(page.script("return window.injected === undefined")).isEqualTo(true);
        // and no token ever reaches the address bar
        page.showDemoUser("demo-austen");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/explorer/?user=demo-austen").doesNotContain("eyJ");
    }

    @Test
    void aUserWithoutFeaturesGetsTheColdStartAnswerAndIsToldSo() {
        String user = "cold-" + System.nanoTime();
        given().contentType("application/json").body(Json.object().put("user_name", "Cold Start").toString())
                .put("/v1/users/" + user).then().statusCode(201);
        page.showUser(user);
        assertThat(page.text(page.byId("notice"))).contains("has no feature vector yet", "fallback=popular");
        assertThat(page.titles(0)).isEqualTo(recommendations(user,
                Map.of("k", "10", "exclude", "seen", "explain", "true", "fallback", "popular")).getList("items.title"));
    }

    @Test
    void anExpiredTokenIsRefusedAndForgotten() {
        page.pasteToken(TestTokens.expired());
        page.showDemoUser("demo-tolkien");
        WebElement banner = page.byId("banner");
        assertThat(banner.isDisplayed()).isTrue();
        assertThat(page.text(banner)).contains("refused the token", "expired", "paste a new one");
        assertThat(page.columns()).isEmpty();
        assertThat(page.text(page.byId("columns"))).isEqualTo("No answer: the service wants a valid token.");
        assertThat(page.script("return sessionStorage.getItem('explorer.token')")).isNull();
        assertThat(page.byId("token-input").isDisplayed()).isTrue();
    }

    @Test
    void thePageWorksAt375And1440PixelsWideWithoutMovingWhenResultsArrive() {
        for (int width : new int[] { 375, 1440 }) {
            browser.viewport(width, width < 500 ? 812 : 1000);
            page.open("?user=demo-tolkien").pasteToken(TestTokens.allRoles());
            page.waitFor(() -> page.cards(0).size() == 10
                    && page.text(page.cards(0).get(0).findElement(By.cssSelector(".authors"))).contains("Tolkien"));
            // the demo's covers cannot load here: a neutral placeholder stands in
            page.waitFor(() -> Boolean.TRUE.equals(page.script(
                    "return document.querySelector('#columns li.book .cover').classList.contains('missing')")));
            assertThat(page.text(page.cards(0).get(0).findElement(By.cssSelector(".no-cover")))).isEqualTo("No cover");
            assertThat(page.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling at %d px", width).isEqualTo(true);
            // Every card, a skeleton included, has one height: an answer replacing the skeletons moves nothing.
            List<Object> heights = new ArrayList<>((List<?>) page.script("return [...document.querySelectorAll("
                    + "'#columns li.book')].map(c => c.getBoundingClientRect().height)"));
            heights.add(browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + " import('./books.js').then(m => { const s = m.skeletonCard();"
                    + " document.querySelector('#columns ol.books').append(s);"
                    + " const h = s.getBoundingClientRect().height; s.remove(); done(h); });"));
            assertThat(heights).as("card heights at %d px", width).hasSize(11).containsOnly(heights.get(0));
            // the README's picture is target/explorer-1440.png
            Path shot = width < 500 ? browser.fullPageScreenshot(Path.of("target", "explorer-" + width + ".png"))
                    : browser.screenshot(Path.of("target", "explorer-" + width + ".png"));
            assertThat(shot).isRegularFile();
            // every control has a label, and keyboard focus is visible
            assertThat(page.script("return [...document.querySelectorAll('input, select')]"
                    + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id)"))
                    .isEqualTo(List.of());
            page.byId("user-input").sendKeys(Keys.TAB);
            assertThat(page.script("const s = getComputedStyle(document.activeElement);"
                    + " return document.activeElement.matches(':focus-visible') && s.outlineStyle !== 'none'"))
                    .isEqualTo(true);
        }
    }

    private void assertNoAlert() {
        try {
            String text = browser.driver().switchTo().alert().getText();
            throw new AssertionError("an alert opened: " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private static JsonPath recommendations(String user, Map<String, String> controls) {
        RequestSpecification request = given();
        controls.forEach(request::queryParam);
        return request.get("/v1/users/" + user + "/recommendations").then().statusCode(200).extract().jsonPath();
    }

    private static boolean demoReady;

    /** The demo catalog is seeded at start; its first load may still be under way. */
    private static synchronized void awaitDemoCatalog() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!demoReady) {
            demoReady = given().get("/v1/catalog").then().extract().path("items") instanceof Integer items && items >= 10_000;
            if (!demoReady) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the demo catalog did not load within 2 minutes");
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
        given().get("/v1/catalog").then().statusCode(200).body("dimension", equalTo(64));
    }
}
