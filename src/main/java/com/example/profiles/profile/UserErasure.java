package com.example.profiles.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.example.profiles.history.FeatureHistoryStore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Right to erasure: a user's profile (with the user's vectors in every model), what other concerns keep about
 * the user ({@link UserData}: the behaviour events) and the feature history of every model. The profile goes first: once it is gone no event can be
 * posted for the user (posting needs the profile) and no vector can be replaced, so what is erased next
 * stays erased. Completes only when everything is gone.
 */
@ApplicationScoped
public class UserErasure {

    private final ProfileStore profiles;
    private final Instance<UserData> others;
    private final FeatureHistoryStore history;

    public UserErasure(ProfileStore profiles, Instance<UserData> others, FeatureHistoryStore history) {
        this.profiles = profiles;
        this.others = others;
        this.history = history;
    }

    public Uni<Void> erase(String userId, WriteCondition condition) {
        return profiles.delete(userId, condition)
                .flatMap(ignored -> Multi.createFrom().iterable(others.stream().toList())
                        .onItem().transformToUniAndConcatenate(data -> data.eraseUser(userId))
                        .collect().last())
                .flatMap(ignored -> history.deleteAll(userId));
    }
}
