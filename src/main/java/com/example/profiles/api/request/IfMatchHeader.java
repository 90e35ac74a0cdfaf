package com.example.profiles.api.request;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestHeader;

import com.example.profiles.profile.WriteCondition;

/** The {@code If-Match} header of the profile writes, as text until {@link EntityTags} checks it. */
public class IfMatchHeader {

    @RestHeader("If-Match")
    @Parameter(description = "Write only if the stored version has this ETag (or `*`, if it exists).")
    String ifMatch;

    /** The write's condition. */
    public WriteCondition condition() {
        return EntityTags.condition(ifMatch, null);
    }

    /** The write's condition, with a PUT's {@code If-None-Match} too. */
    public WriteCondition condition(String ifNoneMatch) {
        return EntityTags.condition(ifMatch, ifNoneMatch);
    }
}
