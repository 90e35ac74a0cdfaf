package com.example.profiles.profile;

import java.util.List;

/** Found profiles in request order, and the ids that do not exist. */
public record BatchGetResult(List<ProfileItem> found, List<String> missing) {
}
