package com.example.profiles.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Answer of {@code POST /v1/users/batch-get}. */
/* Serialized by Jackson (nested records included): registered for a native image. */
@RegisterForReflection
public record BatchGetResponse(List<ProfileView> users, List<String> missing) {
}
