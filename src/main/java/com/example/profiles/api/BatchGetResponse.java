package com.example.profiles.api;

import java.util.List;

/** Answer of {@code POST /v1/users/batch-get}. */
public record BatchGetResponse(List<ProfileView> users, List<String> missing) {
}
