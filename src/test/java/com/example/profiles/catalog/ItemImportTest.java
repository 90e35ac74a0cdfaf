package com.example.profiles.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestCatalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@ExtendWith(AllRolesToken.class)
class ItemImportTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void catalogKnowsItsDimension() {
        TestCatalog.ensureDimension();
    }

    private static String line(String id, String title) {
        return Json.object().put("item_id", id).put("title", title)
                .put("embedding", Json.numbers(0.5f, 0.25f, 0, 0, 0, 0, 0, 0)).toString();
    }

    @Test
    void validLinesAreWrittenAndBadOnesReportedByLineNumber() {
        String prefix = "imp-" + System.nanoTime() + "-";
        StringBuilder body = new StringBuilder();
        int valid = 0;
        for (int i = 1; i <= 70; i++) {
            String text = switch (i) {
                case 3 -> "{\"item_id\": \"" + prefix + i + "\", \"title\": \"x\"";
                case 10 -> "{\"item_id\": \"" + prefix + i + "\", \"title\": \"x\", \"embedding\": [1, 2]}";
                case 11 -> "{\"item_id\": \"bad id\", \"title\": \"x\", \"embedding\": [0,0,0,0,0,0,0,0]}";
                case 40 -> "{\"item_id\": \"" + prefix + i + "\", \"embedding\": [0,0,0,0,0,0,0,0]}";
                case 41 -> "";
                case 60 -> "[1, 2, 3]";
                default -> line(prefix + i, "Book " + i);
            };
            if (text.equals(line(prefix + i, "Book " + i))) {
                valid++;
            }
            body.append(text).append(i % 7 == 0 ? "\r\n" : "\n");
        }
        // The same id twice: the later line wins, both count as imported.
        body.append(line(prefix + "1", "Book 1 revised"));
        valid++;

        JsonPath answer = given().contentType("application/x-ndjson").body(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/items/import")
                .then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
        assertThat(answer.getLong("imported")).isEqualTo(valid);
        List<Map<String, Object>> rejected = answer.getList("rejected");
        assertThat(rejected).extracting(r -> r.get("line")).containsExactly(3, 10, 11, 40, 60);
        assertThat(rejected).allSatisfy(r -> assertThat((String) r.get("detail")).isNotBlank());
        assertThat((String) rejected.get(1).get("detail")).contains("dimensions");

        given().get("/v1/items/" + prefix + 2).then().statusCode(200).body("title", equalTo("Book 2"));
        given().get("/v1/items/" + prefix + 1).then().statusCode(200).body("title", equalTo("Book 1 revised"));
        given().get("/v1/items/" + prefix + 3).then().statusCode(404);
        given().get("/v1/items/" + prefix + 10).then().statusCode(404);
    }

    @Test
    void aLargeImportStreamsPastTheBufferedBodyLimit() {
        String prefix = "big-" + System.nanoTime() + "-";
        StringBuilder body = new StringBuilder();
        int lines = 2_500;
        String padding = "a title long enough to make the body larger than the buffered limit ".repeat(8);
        for (int i = 0; i < lines; i++) {
            body.append(line(prefix + i, padding + i)).append('\n');
        }
        assertThat(body.length()).isGreaterThan(1024 * 1024 + 256 * 1024);
        // dynoxide's writes get slower as its tables grow, and CI machines are busy: allow time.
        RestAssuredConfig patient = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 180_000));
        given().config(patient).contentType("application/x-ndjson")
                .body(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/items/import")
                .then().statusCode(200)
                .body("imported", equalTo(lines))
                .body("rejected.size()", equalTo(0));
        given().get("/v1/items/" + prefix + (lines - 1)).then().statusCode(200);
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType("application/json").body(line("imp-x", "x").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/items/import")
                .then().statusCode(415).contentType("application/problem+json");
        given().get("/v1/items/imp-x").then().statusCode(404);
    }
}
