package com.example.profiles.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

/**
 * For tests about something other than access control: every REST Assured request of the test
 * carries a valid token with all roles. Tests of access control set their own headers instead.
 */
public class AllRolesToken implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", TestTokens.bearer(TestTokens.allRoles()))
                .build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RestAssured.requestSpecification = null;
    }
}
