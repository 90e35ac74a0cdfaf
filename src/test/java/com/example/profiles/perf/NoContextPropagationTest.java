package com.example.profiles.perf;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Mutiny callbacks are not wrapped for context propagation (each wrap captured and restored the request
 * context, a fifth of a profile read's CPU), and what used the request context inside a callback still works.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class NoContextPropagationTest {

    @Test
    void callbacksAreNotDecorated() {
        Runnable runnable = () -> { };
        Function<String, String> function = String::trim;
        assertThat(Infrastructure.decorate(runnable)).isSameAs(runnable);
        assertThat(Infrastructure.decorate(function)).isSameAs(function);
    }

    @Test
    void createdAnswersStillCarryAnAbsoluteLocation() {
        // Built from the request inside a callback on the SDK's thread, this threw ContextNotActiveException.
        String id = TestProfiles.newId();
        given().contentType("application/json").body(TestProfiles.ALICE)
                .put("/v1/users/" + id)
                .then().statusCode(201)
                .header("Location", startsWith("http://"))
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/users/" + id));
    }
}
