package com.example.profiles.profile;

import io.smallrye.mutiny.Uni;

/**
 * What a concern keeps about a user beside the profile row (e.g. behaviour events). {@link UserErasure}
 * erases it after the profile, so that a concern which needs the profile to write cannot write again.
 */
public interface UserData {

    /** Erases everything kept about the user; completes when it is gone. */
    Uni<Void> eraseUser(String userId);
}
