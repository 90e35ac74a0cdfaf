package com.example.profiles.training;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.event.EventService;
import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.profile.ProfileStore;
import com.example.profiles.profile.WriteCondition;

import io.smallrye.mutiny.Uni;

/**
 * Right to erasure: a user's profile, behaviour events and feature history. The profile goes first:
 * once it is gone no event can be posted for the user (posting needs the profile), so the history
 * erased next stays erased. Completes only when everything is gone.
 */
@ApplicationScoped
public class UserErasure {

    private final ProfileStore profiles;
    private final EventService events;
    private final FeatureHistoryStore history;

    public UserErasure(ProfileStore profiles, EventService events, FeatureHistoryStore history) {
        this.profiles = profiles;
        this.events = events;
        this.history = history;
    }

    public Uni<Void> erase(String userId, WriteCondition condition) {
        return profiles.delete(userId, condition)
                .flatMap(ignored -> events.erase(userId))
                .flatMap(ignored -> history.deleteAll(userId));
    }
}
