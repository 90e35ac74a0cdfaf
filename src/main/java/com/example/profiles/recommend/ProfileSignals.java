package com.example.profiles.recommend;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.profiles.profile.ProfileItem;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What recommendations read from a profile besides its features: what the user has, and is interested in. */
final class ProfileSignals {

    /** Where a profile lists the item ids the user already has (its past behaviour). */
    static final String PURCHASED = "purchased";
    /** Where a profile lists the user's interests (genres, for the cold-start order). */
    static final String INTERESTS = "interests";

    private ProfileSignals() {
    }

    /**
     * The ids in {@code attributes.purchased}, in their order, then those purchased through behaviour
     * events; empty for a null profile.
     */
    static Set<String> purchased(ProfileItem profile) {
        Set<String> ids = strings(profile, PURCHASED);
        if (profile != null) {
            ids.addAll(profile.purchasedThroughEvents());
        }
        return ids;
    }

    /** The strings in {@code attributes.interests} (a list or a single string). */
    static List<String> interests(ProfileItem profile) {
        return new ArrayList<>(strings(profile, INTERESTS));
    }

    private static Set<String> strings(ProfileItem profile, String attribute) {
        Map<String, AttributeValue> attributes = profile == null ? null : profile.getAttributes();
        AttributeValue value = attributes == null ? null : attributes.get(attribute);
        Set<String> out = new LinkedHashSet<>();
        if (value == null) {
            return out;
        }
        if (value.s() != null) {
            out.add(value.s());
        } else if (value.hasL()) {
            for (AttributeValue element : value.l()) {
                if (element.s() != null) {
                    out.add(element.s());
                }
            }
        } else if (value.hasSs()) {
            out.addAll(value.ss());
        }
        return out;
    }
}
