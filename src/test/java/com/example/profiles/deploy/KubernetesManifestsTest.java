package com.example.profiles.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every regional overlay under {@code k8s/overlays} and checks it against the
 * application's own configuration (application.properties, the {@code @ConfigMapping}
 * interfaces) and against the operational rules of the service: probes, graceful shutdown,
 * hardening, spreading, autoscaling and the region wiring.
 *
 * <p>Rendering uses {@code kubectl kustomize} when kubectl is on the PATH, else a built-in
 * interpreter of the kustomize subset the manifests use; {@code -Ddeploy.render=fallback} (or
 * {@code DEPLOY_RENDER=fallback}) forces the latter. See {@link KustomizeRenderer}.
 */
class KubernetesManifestsTest {

    private static final String APP = "user-profile-service";
    private static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
    private static final String IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    /**
     * Settings the manifests already pass although the code reading them is still being written
     * (none at the moment). Remove an entry once its key
     * is declared in a @ConfigMapping or application.properties: from then on the test checks it
     * against the code like every other key.
     */
    private static final Set<String> PENDING_KEYS = Set.of();

    /** Read by the container runtime or a library rather than declared by our code. */
    private static final Map<String, String> RUNTIME_VARIABLES = Map.of(
            "JAVA_OPTS_APPEND", "run-java.sh of the UBI OpenJDK image",
            "JDK_JAVA_OPTIONS", "the java launcher",
            "AWS_REGION", "the AWS SDK default region provider chain",
            "MP_JWT_VERIFY_ISSUER", "SmallRye JWT (MicroProfile JWT mp.jwt.verify.issuer)",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "SmallRye JWT (MicroProfile JWT mp.jwt.verify.publickey.location)");

    /** The overlays and what each must say about its region. */
    record Overlay(String region, List<String> fallbackRegions, int minReplicas, int maxReplicas) {
        Path dir() {
            return ROOT.resolve("k8s/overlays").resolve(region);
        }

        @Override
        public String toString() {
            return region;
        }
    }

    static final Path ROOT = Path.of("").toAbsolutePath();

    static Stream<Overlay> overlays() {
        return Stream.of(
                new Overlay("us-west-2", List.of("eu-west-1"), 3, 12),
                new Overlay("eu-west-1", List.of("us-west-2"), 2, 8));
    }

    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();
    private static ApplicationConfiguration config;

    @BeforeAll
    static void readApplicationConfiguration() {
        config = ApplicationConfiguration.read(ROOT);
        System.out.println("[deploy] rendering overlays with "
                + (KustomizeRenderer.usesKubectl() ? "kubectl kustomize" : "the built-in kustomize fallback"));
    }

    private static Rendering render(Overlay overlay) {
        return new Rendering(RENDERED.computeIfAbsent(overlay.region(), r -> KustomizeRenderer.render(overlay.dir())));
    }

    // ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void containerPortIsTheHttpPortOfTheApplication(Overlay overlay) {
        Rendering r = render(overlay);
        Map<String, Object> port = r.httpPort();
        int containerPort = number(port.get("containerPort"));
        int httpPort = Integer.parseInt(config.effectiveValue("quarkus.http.port", r.environment(), "8080"));
        assertEquals(httpPort, containerPort, "containerPort vs quarkus.http.port");
        assertEquals("TCP", port.getOrDefault("protocol", "TCP"));

        Map<String, Object> service = r.single("Service");
        assertTrue(r.podLabels().entrySet().containsAll(map(service, "spec", "selector").entrySet()),
                "Service selector must select the pods");
        List<Map<String, Object>> ports = list(service, "spec", "ports");
        assertEquals(1, ports.size());
        Object target = ports.get(0).get("targetPort");
        assertTrue("http".equals(target) || Objects.equals(target, containerPort), "Service targetPort " + target);
        assertEquals(80, number(ports.get(0).get("port")));
        assertEquals("ClusterIP", map(service, "spec").getOrDefault("type", "ClusterIP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void probesUseTheSmallRyeHealthEndpoints(Overlay overlay) {
        Rendering r = render(overlay);
        Map<String, Object> container = r.container();
        int containerPort = number(r.httpPort().get("containerPort"));
        Map<String, String> expected = Map.of(
                "startupProbe", "/q/health/started",
                "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready");
        expected.forEach((probe, path) -> {
            Map<String, Object> httpGet = map(container, probe, "httpGet");
            assertEquals(path, httpGet.get("path"), probe);
            Object port = httpGet.get("port");
            assertTrue("http".equals(port) || Objects.equals(port, containerPort), probe + " port " + port);
        });

        Map<String, Object> readiness = map(container, "readinessProbe");
        int readinessWindow = number(readiness.get("periodSeconds")) * number(readiness.get("failureThreshold"));
        assertTrue(readinessWindow <= 10, "readiness must drop within ~10 s, takes " + readinessWindow + " s");
        Duration healthTimeout = duration(config.effectiveValue("profiles.health.timeout", r.environment(), "2s"));
        assertTrue(number(readiness.get("timeoutSeconds")) > healthTimeout.toSeconds(),
                "readiness timeoutSeconds must exceed profiles.health.timeout " + healthTimeout);

        Map<String, Object> startup = map(container, "startupProbe");
        int startupBudget = number(startup.get("periodSeconds")) * number(startup.get("failureThreshold"));
        assertTrue(startupBudget >= 60, "startup probe must allow a JVM start and catalog load, allows " + startupBudget + " s");

        Map<String, Object> liveness = map(container, "livenessProbe");
        assertTrue(number(liveness.get("failureThreshold")) >= 3, "liveness restarts only after repeated failures");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyEnvironmentVariableIsAConfigurationKeyOfTheApplication(Overlay overlay) {
        Map<String, String> environment = render(overlay).environment();
        assertFalse(environment.isEmpty());
        List<String> unknown = new ArrayList<>();
        for (String variable : environment.keySet()) {
            if (variable.startsWith("QUARKUS_") || RUNTIME_VARIABLES.containsKey(variable)
                    || config.environmentReferences().contains(variable)
                    || config.keyForEnvironmentVariable(variable).isPresent()) {
                continue;
            }
            boolean pending = PENDING_KEYS.stream().anyMatch(k -> ApplicationConfiguration.environmentName(k).equals(variable));
            if (!pending) {
                unknown.add(variable);
            }
        }
        assertTrue(unknown.isEmpty(), "environment variables matching no configuration key: " + unknown
                + "\nknown configuration: " + config);
    }

    @Test
    void keysCheckedAgainstTheCodeAreReallyDeclared() {
        // Guards the check above against an empty or broken reading of the sources.
        assertEquals(Optional.of("profiles.region"), config.keyForEnvironmentVariable("PROFILES_REGION"));
        assertEquals(Optional.of("profiles.table"), config.keyForEnvironmentVariable("PROFILES_TABLE"));
        assertEquals(Optional.of("profiles.create-tables"), config.keyForEnvironmentVariable("PROFILES_CREATE_TABLES"));
        assertEquals(Optional.of("profiles.fallback-regions"), config.keyForEnvironmentVariable("PROFILES_FALLBACK_REGIONS"));
        assertEquals("false", config.declaredKeys().get("profiles.failover.writes-to-fallback"));
        assertEquals("UserProfiles", config.declaredKeys().get("profiles.table"));
        assertTrue(config.environmentReferences().contains("AWS_REGION"), "profiles.region defaults to ${AWS_REGION}");
        for (String pending : PENDING_KEYS) {
            config.keyForEnvironmentVariable(ApplicationConfiguration.environmentName(pending)).ifPresent(key ->
                    System.out.println("[deploy] " + key + " is declared now: drop " + pending + " from PENDING_KEYS"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void jvmOptionsEnableTheVectorApi(Overlay overlay) {
        Map<String, String> environment = render(overlay).environment();
        String options = Stream.of("JAVA_OPTS_APPEND", "JDK_JAVA_OPTIONS")
                .map(environment::get).filter(Objects::nonNull).collect(Collectors.joining(" "));
        assertTrue(Arrays.asList(options.split("\\s+")).contains(VECTOR_MODULE), "JVM options: " + options);
        if (environment.containsKey("JAVA_OPTS_APPEND")) {
            // It replaces the image's JAVA_OPTS_APPEND, which binds Quarkus to all interfaces.
            assertTrue(options.contains("-Dquarkus.http.host=0.0.0.0"), "JAVA_OPTS_APPEND: " + options);
        }
        assertTrue(options.contains("-XX:MaxRAMPercentage="), "heap sized from the memory limit: " + options);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void podAndContainerAreHardened(Overlay overlay) {
        Rendering r = render(overlay);
        Map<String, Object> pod = r.podSpec();
        Map<String, Object> podSecurity = map(pod, "securityContext");
        assertEquals(Boolean.TRUE, podSecurity.get("runAsNonRoot"));
        assertEquals("RuntimeDefault", map(podSecurity, "seccompProfile").get("type"));
        assertNotEquals(0, podSecurity.getOrDefault("runAsUser", -1));

        Map<String, Object> container = r.container();
        Map<String, Object> security = map(container, "securityContext");
        assertEquals(Boolean.TRUE, security.get("readOnlyRootFilesystem"));
        assertEquals(Boolean.FALSE, security.get("allowPrivilegeEscalation"));
        assertNotEquals(Boolean.TRUE, security.get("privileged"));
        assertTrue(list(security, "capabilities", "drop").contains("ALL"), "capabilities.drop must contain ALL");
        assertFalse(map(security, "capabilities").containsKey("add"), "no capabilities added");

        Map<String, Object> tmpMount = list(container, "volumeMounts").stream()
                .filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume mounted at /tmp"));
        Map<String, Object> tmpVolume = list(pod, "volumes").stream()
                .filter(v -> Objects.equals(v.get("name"), tmpMount.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + tmpMount.get("name")));
        assertTrue(tmpVolume.containsKey("emptyDir"), "/tmp must be an emptyDir");
        assertNotEquals(Boolean.TRUE, tmpMount.get("readOnly"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void podsSpreadAcrossZonesAndNodes(Overlay overlay) {
        Rendering r = render(overlay);
        List<Map<String, Object>> constraints = list(r.podSpec(), "topologySpreadConstraints");
        for (String topologyKey : List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname")) {
            Map<String, Object> constraint = constraints.stream()
                    .filter(c -> topologyKey.equals(c.get("topologyKey"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no topologySpreadConstraint on " + topologyKey));
            assertEquals(1, number(constraint.get("maxSkew")));
            assertEquals("ScheduleAnyway", constraint.get("whenUnsatisfiable"));
            assertTrue(r.podLabels().entrySet().containsAll(map(constraint, "labelSelector", "matchLabels").entrySet()),
                    topologyKey + " constraint must select the pods");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void gracePeriodCoversPreStopAndQuarkusShutdown(Overlay overlay) {
        Rendering r = render(overlay);
        Map<String, Object> preStop = map(r.container(), "lifecycle", "preStop");
        int sleepSeconds;
        if (preStop.containsKey("sleep")) {
            sleepSeconds = number(map(preStop, "sleep").get("seconds"));
        } else {
            List<?> command = (List<?>) map(preStop, "exec").get("command");
            Matcher sleep = Pattern.compile("(?:^|\\s)sleep\\s+(\\d+)").matcher(command.stream().map(String::valueOf)
                    .collect(Collectors.joining(" ")));
            assertTrue(sleep.find(), "preStop must sleep so that endpoints drain: " + command);
            sleepSeconds = Integer.parseInt(sleep.group(1));
        }
        assertTrue(sleepSeconds > 0);

        String timeout = config.effectiveValue("quarkus.shutdown.timeout", r.environment(), null);
        assertNotNull(timeout, "quarkus.shutdown.timeout must be set, or Quarkus does not wait for in-flight requests");
        Duration shutdown = duration(timeout);
        int grace = number(r.podSpec().get("terminationGracePeriodSeconds"));
        assertTrue(grace > sleepSeconds + shutdown.toSeconds(), "terminationGracePeriodSeconds " + grace
                + " must exceed preStop sleep " + sleepSeconds + " s + quarkus.shutdown.timeout " + shutdown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void resourcesAreRequestedAndLimited(Overlay overlay) {
        Rendering rendering = render(overlay);
        Map<String, Object> resources = map(rendering.container(), "resources");
        for (String resource : List.of("cpu", "memory")) {
            Object request = map(resources, "requests").get(resource);
            Object limit = map(resources, "limits").get(resource);
            assertNotNull(request, "requests." + resource);
            assertNotNull(limit, "limits." + resource);
            assertTrue(quantity(request).compareTo(quantity(limit)) <= 0, resource + " request above limit");
        }
        // Memory is not overcommitted: a pod evicted for memory drops its catalog and reloads it for minutes.
        assertEquals(0, quantity(map(resources, "requests").get("memory")).compareTo(quantity(map(resources, "limits").get("memory"))),
                "memory request equals the limit");
        // The heap is a percentage of the limit. A refresh of a 1M x 64 catalog in two models (a rollout) holds
        // two snapshots (live peak ~1.75 GiB, docs/deploy-kubernetes.md); G1 needs room beside them: 3.4 GiB.
        String options = rendering.environment().getOrDefault("JAVA_OPTS_APPEND", "");
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(options);
        assertTrue(percentage.find(), "no MaxRAMPercentage in " + options);
        BigDecimal heap = quantity(map(resources, "limits").get("memory")).multiply(new BigDecimal(percentage.group(1)))
                .divide(BigDecimal.valueOf(100));
        assertTrue(heap.compareTo(new BigDecimal("3.4").multiply(quantity("1Gi"))) >= 0, "heap " + heap + " bytes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void autoscalerAndDisruptionBudgetTargetTheDeployment(Overlay overlay) {
        Rendering r = render(overlay);
        Map<String, Object> deployment = r.deployment();
        assertFalse(map(deployment, "spec").containsKey("replicas"),
                "the HPA owns the replica count; spec.replicas would reset it on every apply");

        Map<String, Object> hpa = r.single("HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.get("apiVersion"));
        Map<String, Object> scaleTarget = map(hpa, "spec", "scaleTargetRef");
        assertEquals("Deployment", scaleTarget.get("kind"));
        assertEquals("apps/v1", scaleTarget.get("apiVersion"));
        assertEquals(map(deployment, "metadata").get("name"), scaleTarget.get("name"));
        assertEquals(overlay.minReplicas(), number(map(hpa, "spec").get("minReplicas")));
        assertEquals(overlay.maxReplicas(), number(map(hpa, "spec").get("maxReplicas")));
        assertTrue(list(hpa, "spec", "metrics").stream().anyMatch(m -> "Resource".equals(m.get("type"))
                && "cpu".equals(map(m, "resource").get("name"))), "HPA scales on CPU");

        Map<String, Object> pdb = r.single("PodDisruptionBudget");
        assertEquals("policy/v1", pdb.get("apiVersion"));
        Map<String, Object> pdbSpec = map(pdb, "spec");
        assertTrue(pdbSpec.containsKey("minAvailable") ^ pdbSpec.containsKey("maxUnavailable"),
                "PDB sets exactly one of minAvailable and maxUnavailable");
        assertEquals(map(deployment, "spec", "selector", "matchLabels"), map(pdbSpec, "selector", "matchLabels"),
                "PDB selects the Deployment's pods");
        if (pdbSpec.get("minAvailable") instanceof Integer minAvailable) {
            assertTrue(minAvailable < overlay.minReplicas(), "PDB would block every eviction");
        }
        if (pdbSpec.get("maxUnavailable") instanceof Integer maxUnavailable) {
            assertTrue(maxUnavailable >= 1 && maxUnavailable < overlay.minReplicas());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void serviceAccountCarriesTheIrsaRole(Overlay overlay) {
        Rendering r = render(overlay);
        String accountName = (String) r.podSpec().get("serviceAccountName");
        Map<String, Object> account = r.single("ServiceAccount");
        assertEquals(accountName, map(account, "metadata").get("name"));
        Object roleArn = map(account, "metadata", "annotations").get(IRSA_ANNOTATION);
        assertNotNull(roleArn, IRSA_ANNOTATION);
        assertTrue(ROLE_ARN.matcher(roleArn.toString()).matches(), "role ARN " + roleArn);
        assertTrue(roleArn.toString().contains(overlay.region()), "each region has its own role: " + roleArn);
    }

    @Test
    void overlaysUseDifferentRoles() {
        Set<Object> roles = overlays().map(o -> map(render(o).single("ServiceAccount"), "metadata", "annotations")
                .get(IRSA_ANNOTATION)).collect(Collectors.toSet());
        assertEquals(overlays().count(), roles.size(), "IRSA roles per overlay: " + roles);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlaySetsItsRegionAndFallbacks(Overlay overlay) {
        Rendering r = render(overlay);
        Map<String, String> environment = r.environment();
        assertEquals(overlay.region(), environment.get("PROFILES_REGION"));
        assertEquals(overlay.region(), environment.get("AWS_REGION"));
        assertEquals("false", environment.get("PROFILES_CREATE_TABLES"), "pods never create tables in AWS");
        assertEquals(config.declaredKeys().get("profiles.table"),
                environment.getOrDefault("PROFILES_TABLE", config.declaredKeys().get("profiles.table")));

        String fallbacks = environment.get("PROFILES_FALLBACK_REGIONS");
        assertNotNull(fallbacks, "PROFILES_FALLBACK_REGIONS");
        List<String> regions = new ArrayList<>();
        for (String entry : fallbacks.split(",")) {
            String region = entry.trim().split("=", 2)[0].trim();
            assertTrue(REGION.matcher(region).matches(), "fallback entry '" + entry + "'");
            regions.add(region);
        }
        assertEquals(overlay.fallbackRegions(), regions);
        assertFalse(regions.contains(overlay.region()), "a region does not fall back to itself");

        // Common label naming the region on every object.
        for (Map<String, Object> object : r.objects()) {
            assertTrue(map(object, "metadata", "labels").containsValue(overlay.region()),
                    object.get("kind") + " lacks the region label");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void referencedObjectsAndFilesExist(Overlay overlay) {
        Rendering r = render(overlay);
        for (Map<String, Object> source : list(r.container(), "envFrom")) {
            if (source.containsKey("configMapRef")) {
                Map<String, Object> ref = map(source, "configMapRef");
                assertNotEquals(Boolean.TRUE, ref.get("optional"), "settings must not silently vanish");
                r.named("ConfigMap", (String) ref.get("name"));
            }
        }
        // The JWT public key location lies on a mounted Secret or ConfigMap volume.
        String keyLocation = r.environment().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        if (keyLocation != null) {
            String path = keyLocation.replaceFirst("^file:", "");
            Map<String, Object> mount = list(r.container(), "volumeMounts").stream()
                    .filter(m -> path.startsWith(m.get("mountPath") + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError("no volume mounted for " + keyLocation));
            Map<String, Object> volume = list(r.podSpec(), "volumes").stream()
                    .filter(v -> Objects.equals(v.get("name"), mount.get("name"))).findFirst().orElseThrow();
            assertTrue(volume.containsKey("secret") || volume.containsKey("configMap"), "key volume " + volume);
        }
        assertEquals(1, r.objects().stream().map(o -> map(o, "metadata").get("namespace")).distinct().count(),
                "one namespace for all objects (the IRSA trust policy names it)");
    }

    /** The fallback renderer must render what kubectl renders, or the kubectl-free run proves nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void fallbackRendererAgreesWithKubectl(Overlay overlay) {
        Assumptions.assumeTrue(KustomizeRenderer.kubectl().isPresent(), "kubectl not on the PATH");
        Comparator<Map<String, Object>> order = Comparator.comparing(o -> o.get("kind") + "/" + map(o, "metadata").get("name"));
        List<Map<String, Object>> kubectl = new ArrayList<>(KustomizeRenderer.renderWithKubectl(overlay.dir()));
        List<Map<String, Object>> fallback = new ArrayList<>(KustomizeRenderer.renderWithoutKubectl(overlay.dir()));
        kubectl.sort(order);
        fallback.sort(order);
        assertEquals(kubectl, fallback);
    }

    // ------------------------------------------------------------------------------------------

    /** One rendered overlay. */
    record Rendering(List<Map<String, Object>> objects) {

        Map<String, Object> single(String kind) {
            List<Map<String, Object>> matches = objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
            assertEquals(1, matches.size(), "expected exactly one " + kind);
            return matches.get(0);
        }

        Map<String, Object> named(String kind, String name) {
            return objects.stream()
                    .filter(o -> kind.equals(o.get("kind")) && name.equals(map(o, "metadata").get("name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
        }

        Map<String, Object> deployment() {
            Map<String, Object> deployment = single("Deployment");
            assertEquals(APP, map(deployment, "metadata").get("name"));
            return deployment;
        }

        Map<String, Object> podSpec() {
            return map(deployment(), "spec", "template", "spec");
        }

        Map<String, String> podLabels() {
            Map<String, String> labels = new LinkedHashMap<>();
            map(deployment(), "spec", "template", "metadata", "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
            return labels;
        }

        Map<String, Object> container() {
            List<Map<String, Object>> containers = list(podSpec(), "containers");
            assertEquals(1, containers.size(), "one container per pod");
            return containers.get(0);
        }

        Map<String, Object> httpPort() {
            return list(container(), "ports").stream().filter(p -> "http".equals(p.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no container port named http"));
        }

        /** The container's environment: envFrom ConfigMaps first, explicit env entries over them. */
        Map<String, String> environment() {
            Map<String, String> environment = new TreeMap<>();
            Map<String, Object> container = container();
            for (Map<String, Object> source : list(container, "envFrom")) {
                if (source.containsKey("configMapRef")) {
                    Map<String, Object> configMap = named("ConfigMap", (String) map(source, "configMapRef").get("name"));
                    String prefix = String.valueOf(source.getOrDefault("prefix", ""));
                    map(configMap, "data").forEach((k, v) -> environment.put(prefix + k, String.valueOf(v)));
                } else {
                    fail("only configMapRef envFrom sources are checked: " + source);
                }
            }
            for (Map<String, Object> variable : list(container, "env")) {
                Object value = variable.get("value");
                environment.put((String) variable.get("name"), value == null ? "<valueFrom>" : String.valueOf(value));
            }
            return environment;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map)) {
                throw new AssertionError("missing " + String.join(".", path));
            }
            current = ((Map<String, Object>) current).get(key);
        }
        if (current == null) {
            throw new AssertionError("missing " + String.join(".", path));
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> root, String... path) {
        Map<String, Object> parent = path.length == 1 ? root : map(root, Arrays.copyOf(path, path.length - 1));
        Object value = parent.get(path[path.length - 1]);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    static int number(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new AssertionError("expected a number, got " + value);
    }

    /** A Quarkus duration: ISO-8601 (PT30S), a number with a unit (30s, 500ms, 2m), or plain seconds. */
    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt") || v.startsWith("p")) {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(v);
        if (!m.matches()) {
            throw new AssertionError("not a duration: " + value);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "d":
                return Duration.ofDays(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    /** A Kubernetes resource quantity (1, 500m, 1.5, 1536Mi, 2Gi, 1G) as a plain number. */
    static BigDecimal quantity(Object value) {
        Matcher m = Pattern.compile("([0-9.]+)([a-zA-Z]*)").matcher(String.valueOf(value));
        if (!m.matches()) {
            throw new AssertionError("not a quantity: " + value);
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        Map<String, BigDecimal> units = Map.of(
                "", BigDecimal.ONE, "m", new BigDecimal("0.001"),
                "k", BigDecimal.valueOf(1000L), "M", BigDecimal.valueOf(1000L * 1000), "G", BigDecimal.valueOf(1000L * 1000 * 1000),
                "Ki", BigDecimal.valueOf(1024L), "Mi", BigDecimal.valueOf(1024L * 1024), "Gi", BigDecimal.valueOf(1024L * 1024 * 1024));
        BigDecimal unit = units.get(m.group(2));
        if (unit == null) {
            throw new AssertionError("unknown quantity suffix in " + value);
        }
        return amount.multiply(unit);
    }
}
