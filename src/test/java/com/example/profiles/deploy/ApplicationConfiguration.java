package com.example.profiles.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * What the application itself says about its configuration, read from the project rather than
 * restated in the test: the production view of {@code application.properties}, every key of every
 * {@code @ConfigMapping} interface under {@code src/main/java} (by reflection, with defaults),
 * every {@code @ConfigProperty(name = ...)}, and every environment variable referenced as
 * {@code ${NAME...}} in the sources.
 */
final class ApplicationConfiguration {

    private static final Pattern MAPPING_PREFIX = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** Production view of application.properties: unprofiled keys, overridden by %prod. keys. */
    private final Map<String, String> properties;
    /** Keys declared by code, with their default value (null when none). */
    private final Map<String, String> declaredKeys;
    /** Map-typed mapping members: any key below these prefixes is valid. */
    private final Set<String> wildcardPrefixes;
    private final Set<String> environmentReferences;

    private ApplicationConfiguration(Map<String, String> properties, Map<String, String> declaredKeys,
            Set<String> wildcardPrefixes, Set<String> environmentReferences) {
        this.properties = properties;
        this.declaredKeys = declaredKeys;
        this.wildcardPrefixes = wildcardPrefixes;
        this.environmentReferences = environmentReferences;
    }

    static ApplicationConfiguration read(Path projectRoot) {
        Path propertiesFile = projectRoot.resolve("src/main/resources/application.properties");
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile)) {
            raw.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> prod = new TreeMap<>();
        raw.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> prod.put(k, raw.getProperty(k)));
        raw.stringPropertyNames().stream().filter(k -> k.startsWith("%prod."))
                .forEach(k -> prod.put(k.substring("%prod.".length()), raw.getProperty(k)));

        Set<String> envReferences = new TreeSet<>();
        collect(ENV_REFERENCE, YamlFiles.read(propertiesFile), envReferences);

        Map<String, String> declared = new TreeMap<>();
        Set<String> wildcards = new TreeSet<>();
        Path sources = projectRoot.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                String text = YamlFiles.read(file);
                collect(ENV_REFERENCE, text, envReferences);
                Set<String> names = new TreeSet<>();
                collect(CONFIG_PROPERTY, text, names);
                names.forEach(n -> declared.putIfAbsent(n, null));
                if (MAPPING_PREFIX.matcher(text).find()) {
                    Class<?> mapping = load(file, text);
                    ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
                    if (annotation == null) {
                        continue; // the annotation sits on a nested type; not used in this project
                    }
                    walk(mapping, annotation.prefix(), declared, wildcards);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApplicationConfiguration(prod, declared, wildcards, envReferences);
    }

    /** Keys set in the production view of application.properties. */
    Map<String, String> properties() {
        return properties;
    }

    /** Keys declared by {@code @ConfigMapping} members and {@code @ConfigProperty} injection points. */
    Map<String, String> declaredKeys() {
        return declaredKeys;
    }

    /** Environment variables the sources reference directly as {@code ${NAME}}. */
    Set<String> environmentReferences() {
        return environmentReferences;
    }

    /** The configuration key an environment variable of the deployment sets, if the application knows it. */
    Optional<String> keyForEnvironmentVariable(String variable) {
        return Stream.concat(declaredKeys.keySet().stream(), properties.keySet().stream())
                .filter(key -> environmentName(key).equals(variable))
                .findFirst()
                .or(() -> wildcardPrefixes.stream()
                        .filter(prefix -> variable.startsWith(environmentName(prefix) + "_"))
                        .map(prefix -> prefix + ".*")
                        .findFirst());
    }

    /**
     * The value the application runs with for {@code key}: the environment of the deployment,
     * then application.properties, then the declared default, then {@code fallback}.
     */
    String effectiveValue(String key, Map<String, String> environment, String fallback) {
        String fromEnvironment = environment.get(environmentName(key));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        if (properties.containsKey(key)) {
            return properties.get(key);
        }
        String declaredDefault = declaredKeys.get(key);
        return declaredDefault != null ? declaredDefault : fallback;
    }

    /** The MicroProfile Config environment form of a key: non-alphanumerics to '_', upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static Class<?> load(Path file, String text) {
        Matcher pkg = PACKAGE.matcher(text);
        String simpleName = file.getFileName().toString().replace(".java", "");
        String name = pkg.find() ? pkg.group(1) + "." + simpleName : simpleName;
        try {
            return Class.forName(name, false, ApplicationConfiguration.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("config mapping " + name + " is not on the test class path", e);
        }
    }

    private static void walk(Class<?> type, String prefix, Map<String, String> keys, Set<String> wildcards) {
        for (Method method : type.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String key;
            if (method.isAnnotationPresent(WithParentName.class)) {
                key = prefix;
            } else {
                WithName name = method.getAnnotation(WithName.class);
                key = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            }
            Type returned = method.getGenericReturnType();
            Class<?> raw = method.getReturnType();
            if (raw == Optional.class || raw == List.class || raw == Set.class) {
                returned = ((ParameterizedType) returned).getActualTypeArguments()[0];
                raw = returned instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) returned;
            }
            if (Map.class.isAssignableFrom(raw)) {
                wildcards.add(key);
            } else if (isGroup(raw)) {
                walk(raw, key, keys, wildcards);
            } else {
                WithDefault value = method.getAnnotation(WithDefault.class);
                keys.put(key, value == null ? null : value.value());
            }
        }
    }

    /** A nested configuration group: an interface of the application, not a value type. */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static String kebab(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("declared", declaredKeys.keySet());
        view.put("properties", properties.keySet());
        view.put("wildcards", wildcardPrefixes);
        view.put("envReferences", environmentReferences);
        return view.toString();
    }
}
