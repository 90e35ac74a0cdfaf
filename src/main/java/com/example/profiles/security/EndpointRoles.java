package com.example.profiles.security;

import static com.example.profiles.security.Roles.CATALOG_WRITE;
import static com.example.profiles.security.Roles.EVENTS_WRITE;
import static com.example.profiles.security.Roles.EXPORT;
import static com.example.profiles.security.Roles.MODELS_READ;
import static com.example.profiles.security.Roles.MODELS_WRITE;
import static com.example.profiles.security.Roles.PROFILES_READ;
import static com.example.profiles.security.Roles.PROFILES_WRITE;

import java.util.Set;

/**
 * Which roles open which {@code /v1} endpoint: one table for the JAX-RS resources and the Vert.x
 * import route alike. A caller needs any one of the returned roles. Requests this table does not
 * know (a wrong method, an unknown path) need an authenticated caller and no role, so that the
 * router still answers 404 or 405 rather than hiding the API's shape behind 403.
 */
public final class EndpointRoles {

    /** Reading items and the catalog's state: readers of profiles and catalog writers alike. */
    static final Set<String> CATALOG_READERS = Set.of(PROFILES_READ, CATALOG_WRITE);
    static final Set<String> ANY_AUTHENTICATED = Set.of();

    private EndpointRoles() {
    }

    /**
     * @param method the HTTP method, upper case (HEAD counts as GET)
     * @param path   the normalized request path
     */
    public static Set<String> required(String method, String path) {
        String verb = method.equals("HEAD") ? "GET" : method;
        String[] s = segments(path);
        if (s.length < 2 || !s[0].equals("v1")) {
            return ANY_AUTHENTICATED;
        }
        switch (s[1]) {
            case "users":
                if (s.length == 3 && s[2].equals("export") && verb.equals("GET")) {
                    return Set.of(EXPORT);
                }
                if (s.length == 3 && s[2].equals("batch-get") && verb.equals("POST")) {
                    return Set.of(PROFILES_READ);
                }
                if (s.length == 3) {
                    return switch (verb) {
                        case "GET" -> Set.of(PROFILES_READ);
                        case "PUT", "PATCH", "DELETE" -> Set.of(PROFILES_WRITE);
                        default -> ANY_AUTHENTICATED;
                    };
                }
                if (s.length == 4 && s[3].equals("recommendations") && (verb.equals("GET") || verb.equals("POST"))) {
                    return Set.of(PROFILES_READ);
                }
                if (s.length == 4 && s[3].equals("events")) {
                    return switch (verb) {
                        case "GET" -> Set.of(PROFILES_READ);
                        case "POST" -> Set.of(EVENTS_WRITE);
                        default -> ANY_AUTHENTICATED;
                    };
                }
                return ANY_AUTHENTICATED;
            case "items":
                if (s.length == 3 && s[2].equals("import") && verb.equals("POST")) {
                    return Set.of(CATALOG_WRITE);
                }
                if (s.length == 3) {
                    return switch (verb) {
                        case "GET" -> CATALOG_READERS;
                        case "PUT", "DELETE" -> Set.of(CATALOG_WRITE);
                        default -> ANY_AUTHENTICATED;
                    };
                }
                if (s.length == 4 && s[3].equals("similar") && verb.equals("GET")) {
                    return CATALOG_READERS;
                }
                return ANY_AUTHENTICATED;
            case "training":
                if (s.length == 3 && s[2].equals("events") && verb.equals("GET")) {
                    return Set.of(EXPORT);
                }
                return ANY_AUTHENTICATED;
            case "catalog":
                if (s.length == 2 && verb.equals("GET")) {
                    return CATALOG_READERS;
                }
                if (s.length == 3 && s[2].equals("reload") && verb.equals("POST")) {
                    return Set.of(CATALOG_WRITE);
                }
                return ANY_AUTHENTICATED;
            case "models":
                return models(verb, s);
            default:
                return ANY_AUTHENTICATED;
        }
    }

    /**
     * {@code /v1/models/...}: reading definitions, the split, reports and evaluations needs {@code models:read}
     * (a report, {@code export} too); everything that changes a model, its vectors or the split {@code models:write}.
     */
    private static Set<String> models(String verb, String[] s) {
        if (s.length == 2) {
            return verb.equals("GET") ? Set.of(MODELS_READ) : ANY_AUTHENTICATED;
        }
        if (s.length == 3 && s[2].equals("report")) {
            return verb.equals("GET") ? Set.of(MODELS_READ, EXPORT) : ANY_AUTHENTICATED;
        }
        if (s.length == 3) {
            return switch (verb) {
                case "GET" -> Set.of(MODELS_READ);
                case "PUT", "DELETE" -> Set.of(MODELS_WRITE);
                default -> ANY_AUTHENTICATED;
            };
        }
        boolean write = verb.equals("PUT") || verb.equals("POST") || verb.equals("DELETE");
        switch (s[3]) {
            case "items":
            case "users":
                return write ? Set.of(MODELS_WRITE) : ANY_AUTHENTICATED;
            case "evaluations":
                return verb.equals("GET") ? Set.of(MODELS_READ) : write ? Set.of(MODELS_WRITE) : ANY_AUTHENTICATED;
            default:
                return ANY_AUTHENTICATED;
        }
    }

    /** Path segments without the leading empty one and one trailing slash. */
    private static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
