package com.example.profiles.profile;

/** The stored profile after a create-or-replace, and whether it was created. */
public record PutResult(ProfileItem profile, boolean created) {
}
