package com.example.profiles.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.oneOf;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Profile content must never reach the logs, on success or failure. Every log record of the
 * process is captured while profiles with distinctive values are written, read, patched badly,
 * missed and raced, and the captured text is searched for those values.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class PiiLogTest {

    /** Holds every record published through the root logger, whatever its level. */
    static final class Capture extends Handler {
        final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        String text() {
            StringBuilder all = new StringBuilder();
            synchronized (records) {
                for (LogRecord record : records) {
                    all.append(record.getLoggerName()).append(' ');
                    all.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                    if (record.getParameters() != null) {
                        for (Object parameter : record.getParameters()) {
                            all.append(' ').append(parameter);
                        }
                    }
                    if (record.getThrown() != null) {
                        StringWriter trace = new StringWriter();
                        record.getThrown().printStackTrace(new PrintWriter(trace));
                        all.append(' ').append(trace);
                    }
                    if (record instanceof ExtLogRecord ext) {
                        all.append(' ').append(ext.getMdc(RequestIds.MDC_KEY));
                    }
                    all.append('\n');
                }
            }
            return all.toString();
        }
    }

    @Test
    void profileContentNeverReachesTheLog() {
        long n = System.nanoTime();
        String id = "pii-" + n;
        String name = "Zebulon Quixote" + n;
        String email = "zq" + n + "@pii.example";
        String street = "Ninetynine Sesame Lane " + n;
        String feature = "7.654321";
        String profile = "{\"user_name\": \"" + name + "\", \"attributes\": {\"email\": \"" + email
                + "\", \"address\": {\"street\": \"" + street + "\"}}, \"user_features\": [" + feature + ", 0.5]}";

        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Logger ours = Logger.getLogger("com.example.profiles");
        Level previous = ours.getLevel();
        root.addHandler(capture);
        // Our own code logs at every level it has while the test runs.
        ours.setLevel(Level.FINEST);
        try {
            org.jboss.logging.Logger.getLogger(PiiLogTest.class).info("pii-log-test canary " + n);

            given().contentType(ContentType.JSON).body(profile).put("/v1/users/" + id)
                    .then().statusCode(oneOf(200, 201));
            given().get("/v1/users/" + id).then().statusCode(200).body("user_name", equalTo(name));
            given().contentType(ContentType.JSON).body("{\"user_ids\": [\"" + id + "\"]}")
                    .post("/v1/users/batch-get").then().statusCode(200);
            given().get("/v1/users/" + id + "/recommendations").then().statusCode(oneOf(200, 422, 503));
            given().get("/v1/users/export").then().statusCode(200);

            // Bad input: malformed JSON, unknown fields, wrong types, all carrying the values.
            given().contentType(ContentType.JSON).body("{\"user_name\": \"" + name + "\", \"attributes\": {\"email\": \""
                    + email).put("/v1/users/" + id).then().statusCode(400);
            given().contentType(ContentType.JSON).body("{\"user_name\": \"" + name + "\", \"" + email + "\": 1}")
                    .put("/v1/users/" + id).then().statusCode(400);
            given().contentType("application/merge-patch+json").body("{\"attributes\": \"" + street + "\"}")
                    .patch("/v1/users/" + id).then().statusCode(400);
            given().contentType("application/merge-patch+json")
                    .body("{\"user_features\": [" + feature + ", \"" + email + "\"]}")
                    .patch("/v1/users/" + id).then().statusCode(400);
            // Missing profile, failed precondition, unauthenticated write.
            given().get("/v1/users/" + id + "-absent").then().statusCode(404);
            given().contentType("application/merge-patch+json").body("{\"user_name\": \"" + name + "\"}")
                    .patch("/v1/users/" + id + "-absent").then().statusCode(404);
            given().contentType(ContentType.JSON).header("If-Match", "\"999999\"").body(profile)
                    .put("/v1/users/" + id).then().statusCode(412);
            given().contentType(ContentType.JSON).header("If-None-Match", "*").body(profile)
                    .put("/v1/users/" + id).then().statusCode(412);
            var withToken = RestAssured.requestSpecification;
            RestAssured.requestSpecification = null;
            given().header("Authorization", "Bearer forged").contentType(ContentType.JSON).body(profile)
                    .put("/v1/users/" + id).then().statusCode(401);
            RestAssured.requestSpecification = withToken;
            given().contentType(ContentType.JSON).body(profile).put("/v1/users/" + id)
                    .then().statusCode(200).header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
        } finally {
            root.removeHandler(capture);
            ours.setLevel(previous);
        }

        String logged = capture.text();
        assertThat(logged).as("the capture works").contains("pii-log-test canary " + n);
        assertThat(logged).doesNotContain(name).doesNotContain("Zebulon").doesNotContain(email)
                .doesNotContain("pii.example").doesNotContain(street).doesNotContain("Sesame")
                .doesNotContain(feature).doesNotContain("7.65432");
    }

    @Test
    void aWellFormedRequestIdIsKeptAndAnyOtherReplaced() {
        given().header(RequestIds.HEADER, "abc-123.x").get("/v1/users/nobody-" + System.nanoTime())
                .then().statusCode(404).header(RequestIds.HEADER, "abc-123.x");
        given().header(RequestIds.HEADER, "bad id\" injected").get("/q/health/live")
                .then().statusCode(200).header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
    }
}
