package com.example.profiles.profile;

import com.example.profiles.codec.AttributeMapConverter;
import com.example.profiles.codec.FeatureVectorConverter;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Explicit, reflection-free mapping of UserProfiles (works under Quarkus class loaders and in a
 * native image). Attribute names match the table of the original boto3 deployment.
 */
public final class ProfileSchema {

    public static final String USER_ID = "user_id";
    public static final String USER_NAME = "user_name";
    public static final String FEATURES = "user_features";
    public static final String ATTRIBUTES = "attributes";
    public static final String VERSION = "version";
    public static final String UPDATED_AT = "updated_at";
    public static final String UPDATED_REGION = "updated_region";
    /** DynamoDB TTL attribute (epoch seconds); an item past it is absent to every reader. */
    public static final String EXPIRES_AT = "expires_at";
    /** The caller's event time of the last ordered write (RFC 3339, UTC, millisecond precision). */
    public static final String EVENT_TIME = "event_time";
    /** Summary of behaviour events: purchased item id to the time of its purchase. */
    public static final String PURCHASED_ITEMS = "purchased_items";
    /** Summary of behaviour events: the recently viewed item ids, newest first. */
    public static final String RECENT_VIEWS = "recent_views";
    /** Summary of behaviour events: events applied per type. */
    public static final String EVENT_COUNTS = "event_counts";
    /** Summary of behaviour events: incremented per applied event, the summary's optimistic lock. */
    public static final String EVENTS_SEQ = "events_seq";
    /** Since when the current {@code user_features} are the user's vector (fixed-width UTC text). */
    public static final String FEATURES_SINCE = "features_since";
    /** The copy of a replaced vector and its start that earlier versions kept; removed by the next change of the vector. */
    public static final String PREVIOUS_FEATURES = "previous_features";
    public static final String PREVIOUS_FEATURES_SINCE = "previous_features_since";
    /** The caller-written list of purchased item ids inside {@code attributes}. */
    public static final String ATTRIBUTE_PURCHASED = "purchased";

    public static final StaticTableSchema<ProfileItem> SCHEMA = StaticTableSchema.builder(ProfileItem.class)
            .newItemSupplier(ProfileItem::new)
            .addAttribute(String.class, a -> a.name(USER_ID)
                    .getter(ProfileItem::getUserId).setter(ProfileItem::setUserId)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(USER_NAME)
                    .getter(ProfileItem::getUserName).setter(ProfileItem::setUserName))
            .addAttribute(float[].class, a -> a.name(FEATURES)
                    .getter(ProfileItem::getFeatures).setter(ProfileItem::setFeatures)
                    .attributeConverter(new FeatureVectorConverter()))
            .addAttribute(AttributeMapConverter.TYPE, a -> a.name(ATTRIBUTES)
                    .getter(ProfileItem::getAttributes).setter(ProfileItem::setAttributes)
                    .attributeConverter(new AttributeMapConverter()))
            .addAttribute(Long.class, a -> a.name(VERSION)
                    .getter(ProfileItem::getVersion).setter(ProfileItem::setVersion))
            .addAttribute(String.class, a -> a.name(UPDATED_AT)
                    .getter(ProfileItem::getUpdatedAt).setter(ProfileItem::setUpdatedAt))
            .addAttribute(String.class, a -> a.name(UPDATED_REGION)
                    .getter(ProfileItem::getUpdatedRegion).setter(ProfileItem::setUpdatedRegion))
            .addAttribute(Long.class, a -> a.name(EXPIRES_AT)
                    .getter(ProfileItem::getExpiresAt).setter(ProfileItem::setExpiresAt))
            .addAttribute(String.class, a -> a.name(EVENT_TIME)
                    .getter(ProfileItem::getEventTime).setter(ProfileItem::setEventTime))
            .addAttribute(String.class, a -> a.name(FEATURES_SINCE)
                    .getter(ProfileItem::getFeaturesSince).setter(ProfileItem::setFeaturesSince))
            .addAttribute(AttributeMapConverter.TYPE, a -> a.name(PURCHASED_ITEMS)
                    .getter(ProfileItem::getPurchasedItems).setter(ProfileItem::setPurchasedItems)
                    .attributeConverter(new AttributeMapConverter()))
            .build();

    private ProfileSchema() {
    }
}
