package com.example.profiles.profile;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.example.profiles.model.ModelNames;

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
    /** The user's vectors in models other than {@code default}, as far as they were read. */
    private Map<String, float[]> modelFeatures = Map.of();

    public String getFeaturesSince() {
        return featuresSince;
    }

    public void setFeaturesSince(String featuresSince) {
        this.featuresSince = featuresSince;
    }

    /** The user's vector in {@code model} ({@code default}: {@code user_features}), or null when none was read. */
    public float[] features(String model) {
        return ModelNames.DEFAULT.equals(model) ? features : modelFeatures.get(model);
    }

    public Map<String, float[]> getModelFeatures() {
        return modelFeatures;
    }

    public void setModelFeatures(Map<String, float[]> modelFeatures) {
        this.modelFeatures = modelFeatures;
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
