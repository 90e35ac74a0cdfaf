package com.example.profiles.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class EndpointRolesTest {

    private static Set<String> roles(String method, String path) {
        return EndpointRoles.required(method, path);
    }

    @Test
    void profilesNeedReadOrWrite() {
        assertThat(roles("GET", "/v1/users/alice")).containsExactly(Roles.PROFILES_READ);
        assertThat(roles("HEAD", "/v1/users/alice")).containsExactly(Roles.PROFILES_READ);
        assertThat(roles("GET", "/v1/users/alice/")).containsExactly(Roles.PROFILES_READ);
        assertThat(roles("GET", "/v1/users/alice/recommendations")).containsExactly(Roles.PROFILES_READ);
        assertThat(roles("POST", "/v1/users/batch-get")).containsExactly(Roles.PROFILES_READ);
        for (String write : new String[] { "PUT", "PATCH", "DELETE" }) {
            assertThat(roles(write, "/v1/users/alice")).containsExactly(Roles.PROFILES_WRITE);
        }
    }

    @Test
    void exportIsItsOwnRoleAndWinsOverTheIdTemplate() {
        assertThat(roles("GET", "/v1/users/export")).containsExactly(Roles.EXPORT);
        assertThat(roles("GET", "/v1/users/export/")).containsExactly(Roles.EXPORT);
        // A profile whose id is "export" can still be written by a writer.
        assertThat(roles("PUT", "/v1/users/export")).containsExactly(Roles.PROFILES_WRITE);
    }

    @Test
    void catalogWritesNeedCatalogWriteAndReadsEitherRole() {
        assertThat(roles("PUT", "/v1/items/b1")).containsExactly(Roles.CATALOG_WRITE);
        assertThat(roles("DELETE", "/v1/items/b1")).containsExactly(Roles.CATALOG_WRITE);
        assertThat(roles("POST", "/v1/items/import")).containsExactly(Roles.CATALOG_WRITE);
        assertThat(roles("POST", "/v1/catalog/reload")).containsExactly(Roles.CATALOG_WRITE);
        assertThat(roles("GET", "/v1/items/b1")).containsExactlyInAnyOrder(Roles.PROFILES_READ, Roles.CATALOG_WRITE);
        assertThat(roles("GET", "/v1/items/import")).containsExactlyInAnyOrder(Roles.PROFILES_READ, Roles.CATALOG_WRITE);
        assertThat(roles("GET", "/v1/catalog")).containsExactlyInAnyOrder(Roles.PROFILES_READ, Roles.CATALOG_WRITE);
    }

    @Test
    void eventsArePostedWithEventsWriteAndReadWithProfilesRead() {
        assertThat(roles("POST", "/v1/users/alice/events")).containsExactly(Roles.EVENTS_WRITE);
        assertThat(roles("GET", "/v1/users/alice/events")).containsExactly(Roles.PROFILES_READ);
        assertThat(roles("DELETE", "/v1/users/alice/events")).isEmpty();
        // A profile writer cannot post events, an event writer cannot write profiles.
        assertThat(roles("POST", "/v1/users/alice/events")).doesNotContain(Roles.PROFILES_WRITE);
        assertThat(roles("PUT", "/v1/users/alice")).doesNotContain(Roles.EVENTS_WRITE);
    }

    @Test
    void unknownRequestsNeedOnlyAnAuthenticatedCaller() {
        assertThat(roles("POST", "/v1/users/alice")).isEmpty();
        assertThat(roles("GET", "/v1/nothing/here")).isEmpty();
        assertThat(roles("GET", "/v1")).isEmpty();
        assertThat(roles("DELETE", "/v1/catalog")).isEmpty();
    }
}
