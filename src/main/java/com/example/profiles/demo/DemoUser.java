package com.example.profiles.demo;

import java.util.Map;

/**
 * A synthetic demo user. {@code attributes} holds "interests" (List of String), "purchased"
 * (List of item ids) and "email" (String, under example.com), in that order.
 * {@code features} has {@link DemoEmbeddings#DIMENSION} entries and unit length; being an
 * array it is compared by reference in equals/hashCode.
 */
public record DemoUser(String userId, String userName, Map<String, Object> attributes, float[] features) {
}
