package com.example.profiles.api.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Over profiles.max-in-flight, /v1 requests are refused at once with a 503 problem; probes are not. */
@QuarkusTest
@TestProfile(AdmissionControlTest.OneInFlight.class)
@ExtendWith(AllRolesToken.class)
class AdmissionControlTest {

    public static class OneInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("profiles.max-in-flight", "1");
        }
    }

    @Test
    void aRequestOverTheLimitIsRefusedAndTheSlotIsFreedWhenTheHolderLeaves() throws Exception {
        given().get("/v1/users/nobody").then().statusCode(404);
        try (Socket holder = new Socket("127.0.0.1", RestAssured.port)) {
            // A PUT whose body never arrives stays in flight and holds the only slot.
            OutputStream out = holder.getOutputStream();
            out.write(("PUT /v1/users/holder HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + TestTokens.bearer(TestTokens.allRoles()) + "\r\n"
                    + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            Response refused = awaitStatus(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.jsonPath().getInt("status")).isEqualTo(503);
            given().get("/q/health/live").then().statusCode(200);
        }
        // The holder's connection closed: its slot is released.
        assertThat(awaitStatus(404).statusCode()).isEqualTo(404);
    }

    private static Response awaitStatus(int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response response = given().get("/v1/users/nobody");
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = given().get("/v1/users/nobody");
        }
        assertThat(response.statusCode()).isEqualTo(status);
        return response;
    }
}
