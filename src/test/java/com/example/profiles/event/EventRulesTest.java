package com.example.profiles.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Configured types that cannot work are named at start-up. */
class EventRulesTest {

    @Test
    void typesMustBeNonEmptyLowerCaseWords() {
        assertThat(EventRules.typesProblem(List.of("view", "cart", "purchase", "rating", "return", "wish_list"))).isNull();
        assertThat(EventRules.typesProblem(List.of())).contains("empty");
        assertThat(EventRules.typesProblem(List.of("view", "Like"))).contains("'Like'");
        assertThat(EventRules.typesProblem(List.of("a b"))).contains("'a b'");
        assertThat(EventRules.typesProblem(List.of("x".repeat(33)))).contains("1..32");
    }
}
