package com.example.profiles.profile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The caller's clocks on a profile write.
 *
 * @param eventTime when the change happened at the source; when given, the write applies only over
 *                  a stored profile whose {@code event_time} is absent or older. Null: unordered.
 * @param expiresAt when the profile ceases to exist; null: from {@code profiles.retention}, if set
 */
public record ProfileTimes(Instant eventTime, Instant expiresAt) {

    public static final ProfileTimes NONE = new ProfileTimes(null, null);

    /** Millisecond precision with three fraction digits always, so that text order is time order. */
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public static String text(Instant instant) {
        return TEXT.format(instant);
    }
}
