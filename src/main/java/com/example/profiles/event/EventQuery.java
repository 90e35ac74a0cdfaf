package com.example.profiles.event;

import java.time.Instant;

/**
 * A page request over one user's history.
 *
 * @param type   null for every type
 * @param since  inclusive lower bound of {@code occurred_at}, or null
 * @param until  exclusive upper bound of {@code occurred_at}, or null
 * @param cursor the {@code next} of the previous page, or null
 */
public record EventQuery(String type, Instant since, Instant until, int limit, String cursor) {
}
