package com.example.profiles.api.view;

import java.util.Set;

import jakarta.ws.rs.core.Response;

import com.example.profiles.error.ProblemException;
import com.example.profiles.profile.ProfileItem;
import com.example.profiles.profile.PutResult;

/** Profile answers: the view, with the profile's version as a strong ETag (the version in quotes). */
public final class ProfileResponses {

    private ProfileResponses() {
    }

    /** 200 with the selected fields of {@code item}, or 404 when there is none. */
    public static Response found(String userId, ProfileItem item, Set<String> fields) {
        if (item == null) {
            throw ProblemException.notFound("no profile with id " + userId);
        }
        return tagged(Response.ok(ProfileView.of(item, fields)), item);
    }

    /** 201 or 200 after a PUT. */
    public static Response written(Written at, PutResult result) {
        return tagged(at.answer(result.created(), ProfileView.of(result.profile())), result.profile());
    }

    /** 200 after a PATCH. */
    public static Response patched(ProfileItem item) {
        return tagged(Response.ok(ProfileView.of(item)), item);
    }

    private static Response tagged(Response.ResponseBuilder response, ProfileItem item) {
        return (item.getVersion() == null ? response : response.header("ETag", "\"" + item.getVersion() + "\"")).build();
    }
}
