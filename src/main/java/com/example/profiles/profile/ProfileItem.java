package com.example.profiles.profile;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One UserProfiles item as mapped by {@link ProfileSchema}. Fields absent from a projection stay null. */
public final class ProfileItem {

    private String userId;
    private String userName;
    private float[] features;
    private Map<String, AttributeValue> attributes;
    private Long version;
    private String updatedAt;
    private String updatedRegion;
    private Long expiresAt;
    private String eventTime;
    private Map<String, AttributeValue> purchasedItems;
    private String featuresSince;

    public String getFeaturesSince() {
        return featuresSince;
    }

    public void setFeaturesSince(String featuresSince) {
        this.featuresSince = featuresSince;
    }

    /** Item ids purchased (and not returned) through behaviour events; empty when none or not read. */
    public Set<String> purchasedThroughEvents() {
        return purchasedItems == null ? Set.of() : new LinkedHashSet<>(purchasedItems.keySet());
    }

    /** Past its {@code expires_at}: DynamoDB may not have deleted it yet, but it no longer exists. */
    public boolean isExpired(Instant now) {
        return ProfileExpiry.isExpired(expiresAt, now);
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public float[] getFeatures() {
        return features;
    }

    public void setFeatures(float[] features) {
        this.features = features;
    }

    public Map<String, AttributeValue> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, AttributeValue> attributes) {
        this.attributes = attributes;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getUpdatedRegion() {
        return updatedRegion;
    }

    public void setUpdatedRegion(String updatedRegion) {
        this.updatedRegion = updatedRegion;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getEventTime() {
        return eventTime;
    }

    public void setEventTime(String eventTime) {
        this.eventTime = eventTime;
    }

    public Map<String, AttributeValue> getPurchasedItems() {
        return purchasedItems;
    }

    public void setPurchasedItems(Map<String, AttributeValue> purchasedItems) {
        this.purchasedItems = purchasedItems;
    }
}
