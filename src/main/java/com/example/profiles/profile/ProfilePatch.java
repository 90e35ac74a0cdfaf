package com.example.profiles.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated RFC 7396 merge patch over the writable fields of a profile.
 *
 * @param userName        new name, or null to keep it
 * @param touchesFeatures whether the patch names {@code user_features}
 * @param features        the new vector, or null to remove it (when {@code touchesFeatures})
 * @param touchesAttributes whether the patch names {@code attributes}
 * @param attributes      the nested merge patch, or null to remove all attributes
 * @param times           event time and expiry given with the patch
 */
public record ProfilePatch(String userName, boolean touchesFeatures, float[] features,
        boolean touchesAttributes, ObjectNode attributes, ProfileTimes times) {

    public ProfilePatch(String userName, boolean touchesFeatures, float[] features,
            boolean touchesAttributes, ObjectNode attributes) {
        this(userName, touchesFeatures, features, touchesAttributes, attributes, ProfileTimes.NONE);
    }
}
