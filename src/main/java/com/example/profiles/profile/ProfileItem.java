package com.example.profiles.profile;

import java.util.Map;

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
}
