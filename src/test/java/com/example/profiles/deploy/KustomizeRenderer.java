package com.example.profiles.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization directory into its list of Kubernetes objects.
 *
 * <p>With {@code kubectl} on the PATH it runs {@code kubectl kustomize <dir>}. Without it (CI
 * machines need not have it) it interprets the kustomization itself: {@code resources} (files
 * and directories), {@code namespace}, {@code labels}, {@code images} and strategic-merge
 * {@code patches}, with the merge keys of the fields the manifests of this project use. Any other
 * kustomize feature makes the fallback fail loudly rather than render something different from
 * kubectl; {@link KubernetesManifestsTest} checks both renderings agree where kubectl exists.
 *
 * <p>The choice is made by the system property {@code deploy.render} (or the environment variable
 * {@code DEPLOY_RENDER}): {@code auto} (default: kubectl when found on the PATH), {@code kubectl}
 * or {@code fallback}.
 */
final class KustomizeRenderer {

    enum Mode {
        AUTO, KUBECTL, FALLBACK
    }

    private static final Set<String> SUPPORTED_KEYS = Set.of(
            "apiVersion", "kind", "resources", "namespace", "labels", "images", "patches");

    /** Lists whose items strategic merge matches by a key instead of replacing the whole list. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name",
            "topologySpreadConstraints", "topologyKey");

    private static final Set<String> POD_TEMPLATE_KINDS = Set.of(
            "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private KustomizeRenderer() {
    }

    static Mode configuredMode() {
        String value = System.getProperty("deploy.render");
        if (value == null || value.isBlank()) {
            value = System.getenv("DEPLOY_RENDER");
        }
        if (value == null || value.isBlank()) {
            return Mode.AUTO;
        }
        return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** The kubectl executable on the PATH, if any. */
    static Optional<Path> kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether {@link #render} uses kubectl under the configured mode. */
    static boolean usesKubectl() {
        Mode mode = configuredMode();
        if (mode == Mode.KUBECTL && kubectl().isEmpty()) {
            throw new IllegalStateException("deploy.render=kubectl but no kubectl on the PATH");
        }
        return mode == Mode.KUBECTL || (mode == Mode.AUTO && kubectl().isPresent());
    }

    static List<Map<String, Object>> render(Path dir) {
        return usesKubectl() ? renderWithKubectl(dir) : renderWithoutKubectl(dir);
    }

    static List<Map<String, Object>> renderWithKubectl(Path dir) {
        Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException("no kubectl on the PATH"));
        ProcessBuilder builder = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed ("
                        + process.exitValue() + "): " + stderr.join());
            }
            return YamlFiles.loadAll(stdout.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                stream.transferTo(out);
                return out.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    // ------------------------------------------------------------------------------------------
    // Fallback: the subset of kustomize the manifests use.
    // ------------------------------------------------------------------------------------------

    static List<Map<String, Object>> renderWithoutKubectl(Path dir) {
        Path file = Files.isRegularFile(dir.resolve("kustomization.yaml"))
                ? dir.resolve("kustomization.yaml")
                : dir.resolve("kustomization.yml");
        Map<String, Object> kustomization = YamlFiles.load(file);
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED_KEYS.contains(key)) {
                throw new IllegalStateException(file + ": '" + key + "' is not supported by the fallback renderer"
                        + " of this test; extend KustomizeRenderer or run with kubectl");
            }
        }

        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object entry : list(kustomization.get("resources"))) {
            Path resource = dir.resolve((String) entry).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(renderWithoutKubectl(resource));
            } else {
                objects.addAll(YamlFiles.loadAll(resource));
            }
        }

        for (Object entry : list(kustomization.get("patches"))) {
            Map<String, Object> patchEntry = YamlFiles.asMap(entry, file + " patches entry");
            if (!patchEntry.keySet().equals(Set.of("path"))) {
                throw new IllegalStateException(file + ": only 'patches: - path: <strategic merge patch>' is supported");
            }
            for (Map<String, Object> patch : YamlFiles.loadAll(dir.resolve((String) patchEntry.get("path")))) {
                Map<String, Object> target = find(objects, patch).orElseThrow(() -> new IllegalStateException(
                        file + ": patch " + patchEntry.get("path") + " matches no resource"));
                strategicMerge(target, patch);
            }
        }

        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            for (Map<String, Object> object : objects) {
                map(object, "metadata").put("namespace", namespace);
            }
        }

        for (Object entry : list(kustomization.get("labels"))) {
            Map<String, Object> labels = YamlFiles.asMap(entry, file + " labels entry");
            if (Boolean.TRUE.equals(labels.get("includeSelectors"))) {
                throw new IllegalStateException(file + ": labels with includeSelectors: true are not supported"
                        + " by the fallback renderer (selectors must stay stable across overlays anyway)");
            }
            Map<String, Object> pairs = YamlFiles.asMap(labels.get("pairs"), file + " labels pairs");
            for (Map<String, Object> object : objects) {
                map(map(object, "metadata"), "labels").putAll(pairs);
                if (Boolean.TRUE.equals(labels.get("includeTemplates")) && POD_TEMPLATE_KINDS.contains(object.get("kind"))) {
                    map(map(map(map(object, "spec"), "template"), "metadata"), "labels").putAll(pairs);
                }
            }
        }

        for (Object entry : list(kustomization.get("images"))) {
            Map<String, Object> image = YamlFiles.asMap(entry, file + " images entry");
            for (Map<String, Object> object : objects) {
                if (!POD_TEMPLATE_KINDS.contains(object.get("kind"))) {
                    continue;
                }
                Map<String, Object> podSpec = map(map(map(object, "spec"), "template"), "spec");
                for (String field : List.of("containers", "initContainers")) {
                    for (Object container : list(podSpec.get(field))) {
                        retag(YamlFiles.asMap(container, "container"), image);
                    }
                }
            }
        }
        return objects;
    }

    private static Optional<Map<String, Object>> find(List<Map<String, Object>> objects, Map<String, Object> patch) {
        Object kind = patch.get("kind");
        Map<String, Object> patchMeta = YamlFiles.asMap(patch.get("metadata"), "patch metadata");
        return objects.stream()
                .filter(o -> Objects.equals(o.get("kind"), kind))
                .filter(o -> Objects.equals(map(o, "metadata").get("name"), patchMeta.get("name")))
                .filter(o -> patchMeta.get("namespace") == null
                        || Objects.equals(map(o, "metadata").get("namespace"), patchMeta.get("namespace")))
                .findFirst();
    }

    private static void retag(Map<String, Object> container, Map<String, Object> image) {
        String current = (String) container.get("image");
        if (current == null) {
            return;
        }
        String name = current;
        String tag = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            tag = name.substring(at);
            name = name.substring(0, at);
        } else {
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) {
                tag = name.substring(colon);
                name = name.substring(0, colon);
            }
        }
        if (!name.equals(image.get("name"))) {
            return;
        }
        if (image.get("newName") != null) {
            name = (String) image.get("newName");
        }
        if (image.get("digest") != null) {
            tag = "@" + image.get("digest");
        } else if (image.get("newTag") != null) {
            tag = ":" + image.get("newTag");
        }
        container.put("image", tag == null ? name : name + tag);
    }

    /** Kubernetes strategic merge, restricted to maps, scalars and the lists in {@link #MERGE_KEYS}. */
    @SuppressWarnings("unchecked")
    static void strategicMerge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object patchValue = entry.getValue();
            Object targetValue = target.get(key);
            if (patchValue == null) {
                target.remove(key);
            } else if (patchValue instanceof Map && targetValue instanceof Map) {
                strategicMerge((Map<String, Object>) targetValue, (Map<String, Object>) patchValue);
            } else if (patchValue instanceof List && targetValue instanceof List && MERGE_KEYS.containsKey(key)) {
                mergeList((List<Object>) targetValue, (List<Object>) patchValue, MERGE_KEYS.get(key));
            } else {
                target.put(key, patchValue);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeList(List<Object> target, List<Object> patch, String mergeKey) {
        for (Object item : patch) {
            Map<String, Object> patchItem = YamlFiles.asMap(item, "list item");
            Optional<Map<String, Object>> existing = target.stream()
                    .map(t -> (Map<String, Object>) t)
                    .filter(t -> Objects.equals(t.get(mergeKey), patchItem.get(mergeKey)))
                    .findFirst();
            if (existing.isPresent()) {
                strategicMerge(existing.get(), patchItem);
            } else {
                target.add(patchItem);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    private static Collection<?> list(Object value) {
        return value == null ? List.of() : (Collection<?>) value;
    }
}
