package com.example.profiles.profile;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A validated create-or-replace of one profile.
 *
 * @param features null when the profile has no feature vector
 */
public record ProfileWrite(String userName, Map<String, AttributeValue> attributes, float[] features) {
}
