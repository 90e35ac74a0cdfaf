package com.example.profiles.api.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import com.example.profiles.error.ProblemException;
import com.example.profiles.recommend.RecommendRequest;
import com.example.profiles.recommend.RequestControl;
import com.example.profiles.recommend.RequestControl.Endpoint;
import com.example.profiles.recommend.RequestControls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ranking controls of a GET's query or of a JSON body with the same names, as the table
 * {@link RequestControls} lists them. Query values are taken as text so that every defect is a 400 naming the
 * control; a body's members must have their control's JSON type first.
 */
@ApplicationScoped
public class RankingControls {

    private final ApiConfig config;

    public RankingControls(ApiConfig config) {
        this.config = config;
    }

    /** The controls {@code endpoint} takes, from the query; a repeated parameter counts once, the first. */
    public RecommendRequest fromQuery(Endpoint endpoint, UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        return RequestControls.read(endpoint, control -> {
            String text = query.getFirst(control.name());
            return control.wire() == RequestControl.Wire.ID_LIST ? splitIds(text) : text;
        });
    }

    /** The controls {@code endpoint} takes, from a JSON body; unknown members and wrong types are refused. */
    public RecommendRequest fromBody(Endpoint endpoint, byte[] body) {
        ObjectNode json = StrictJson.parseObject(body, config.maxBodyBytes());
        List<RequestControl<?>> controls = RequestControls.of(endpoint);
        Set<String> names = new TreeSet<>();
        controls.forEach(control -> names.add(control.name()));
        json.fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                throw ProblemException.badRequest("unknown field '" + name + "'; the fields are " + names);
            }
        });
        Map<RequestControl<?>, Object> raw = new HashMap<>();
        controls.forEach(control -> raw.put(control, member(control, json.get(control.name()))));
        return RequestControls.read(endpoint, raw::get);
    }

    /** {@code exclude_ids} in a query: comma-separated ids. */
    private static List<String> splitIds(String csv) {
        if (csv == null || csv.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String id : csv.split(",", -1)) {
            ids.add(id.trim());
        }
        return ids;
    }

    /** A body member as its control reads it: text, or a list of text; null when absent. */
    private static Object member(RequestControl<?> control, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String name = control.name();
        return switch (control.wire()) {
            case INTEGER -> {
                if (!node.isIntegralNumber()) {
                    throw ProblemException.badRequest(name + " must be an integer");
                }
                yield node.asText();
            }
            case TEXT -> {
                if (!node.isTextual()) {
                    throw ProblemException.badRequest(name + " must be a string");
                }
                yield node.textValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw ProblemException.badRequest(name + " must be true or false");
                }
                yield node.asText();
            }
            case ID_LIST -> ids(name, node);
        };
    }

    private static List<String> ids(String name, JsonNode node) {
        if (!node.isArray()) {
            throw ProblemException.badRequest(name + " must be an array of item ids");
        }
        List<String> ids = new ArrayList<>(node.size());
        for (JsonNode id : node) {
            if (!id.isTextual()) {
                throw ProblemException.badRequest(name + " must be an array of item ids (strings)");
            }
            ids.add(id.textValue());
        }
        return ids;
    }
}
