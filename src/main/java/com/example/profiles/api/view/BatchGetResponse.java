package com.example.profiles.api.view;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Set;

import com.example.profiles.profile.BatchGetResult;

/** Answer of {@code POST /v1/users/batch-get}. */
/* Serialized by Jackson (nested records included): registered for a native image. */
@RegisterForReflection
public record BatchGetResponse(List<ProfileView> users, List<String> missing) {

    /** The profiles found, with the selected {@code fields} (null: all), and the ids not found. */
    public static BatchGetResponse of(BatchGetResult result, Set<String> fields) {
        return new BatchGetResponse(result.found().stream().map(item -> ProfileView.of(item, fields)).toList(),
                result.missing());
    }
}
