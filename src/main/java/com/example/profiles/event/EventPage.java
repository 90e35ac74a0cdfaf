package com.example.profiles.event;

import java.util.List;

/** One page of a user's history, newest first; {@code next} is null on the last page. */
public record EventPage(List<StoredEvent> events, String next) {
}
