package com.example.profiles.profile;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A validated create-or-replace of one profile.
 *
 * @param features null when the profile has no feature vector
 * @param times    event time and expiry given with the write
 */
public record ProfileWrite(String userName, Map<String, AttributeValue> attributes, float[] features, ProfileTimes times) {

    public ProfileWrite(String userName, Map<String, AttributeValue> attributes, float[] features) {
        this(userName, attributes, features, ProfileTimes.NONE);
    }
}
