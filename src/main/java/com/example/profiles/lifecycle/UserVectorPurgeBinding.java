package com.example.profiles.lifecycle;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The purge's user side is the profile package's, which owns the profile row and the feature history. */
public class UserVectorPurgeBinding {

    @Produces
    @Singleton
    UserVectorPurge userVectorPurge(com.example.profiles.profile.UserVectorPurge profiles) {
        return profiles::removeModelVectors;
    }
}
