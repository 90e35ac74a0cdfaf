package com.example.profiles.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Describes {@link com.example.profiles.api.view.BatchGetResponse} for the API document; never instantiated. */
@Schema(name = "BatchGetResponse")
public record BatchGetResponseBody(List<ProfileBody> users, List<String> missing) {
}
