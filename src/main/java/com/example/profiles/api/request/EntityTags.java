package com.example.profiles.api.request;

import java.util.ArrayList;
import java.util.List;

import com.example.profiles.error.ProblemException;
import com.example.profiles.profile.WriteCondition;

/** ETags are the profile version in quotes; this parses the precondition headers that carry them. */
final class EntityTags {

    private EntityTags() {
    }

    static WriteCondition condition(String ifMatch, String ifNoneMatch) {
        boolean ifNoneMatchAny = false;
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw ProblemException.badRequest("only 'If-None-Match: *' is supported on writes");
            }
            ifNoneMatchAny = true;
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            return new WriteCondition(false, List.of(), ifNoneMatchAny);
        }
        if (ifMatch.trim().equals("*")) {
            return new WriteCondition(true, List.of(), ifNoneMatchAny);
        }
        List<Long> versions = new ArrayList<>();
        boolean unmatchable = false;
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            // Weak tags never match under If-Match's strong comparison (RFC 9110 13.1.1).
            if (t.length() < 2 || !t.startsWith("\"") || !t.endsWith("\"")) {
                if (t.startsWith("W/\"")) {
                    unmatchable = true;
                    continue;
                }
                throw ProblemException.badRequest("If-Match must be '*' or a list of quoted ETags such as \"3\"");
            }
            try {
                versions.add(Long.parseLong(t.substring(1, t.length() - 1)));
            } catch (NumberFormatException e) {
                unmatchable = true;
            }
        }
        if (versions.isEmpty() && unmatchable) {
            // No stored profile can carry such a tag: the precondition is false whatever is stored.
            throw ProblemException.preconditionFailed("If-Match names no ETag this service issues");
        }
        return new WriteCondition(false, versions, ifNoneMatchAny);
    }
}
