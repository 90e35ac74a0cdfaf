package com.example.profiles.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The Dockerfiles follow the Quarkus conventions and agree with the application's settings. */
class ContainerImageTest {

    private static final Path DOCKER = KubernetesManifestsTest.ROOT.resolve("src/main/docker");

    @Test
    void jvmImageRunsTheFastJarWithTheVectorModuleAsUser185() {
        String dockerfile = YamlFiles.read(DOCKER.resolve("Dockerfile.jvm"));
        String javaOpts = instruction(dockerfile, "ENV JAVA_OPTS_APPEND=\"([^\"]*)\"");
        assertTrue(List.of(javaOpts.split("\\s+")).contains("--add-modules=jdk.incubator.vector"), javaOpts);
        assertTrue(javaOpts.contains("-Dquarkus.http.host=0.0.0.0"), javaOpts);
        assertEquals("/deployments/quarkus-run.jar", instruction(dockerfile, "ENV JAVA_APP_JAR=\"([^\"]*)\""));
        assertTrue(dockerfile.contains("target/quarkus-app/lib/"), "copies the fast-jar layout");
        assertEquals("185", instruction(dockerfile, "(?m)^USER (\\S+)"));
        assertTrue(dockerfile.matches("(?s).*openjdk-(2[1-9]|[3-9]\\d)-runtime.*"), "a JDK 21+ runtime base image");
        assertEquals(httpPort(), Integer.parseInt(instruction(dockerfile, "(?m)^EXPOSE (\\d+)")));
    }

    @Test
    void nativeImageRunsFromTheMicroImageAsUser1001() {
        String dockerfile = YamlFiles.read(DOCKER.resolve("Dockerfile.native"));
        assertTrue(instruction(dockerfile, "(?m)^FROM (\\S+)").contains("quarkus-micro-image"));
        assertEquals("1001", instruction(dockerfile, "(?m)^USER (\\S+)"));
        assertEquals(httpPort(), Integer.parseInt(instruction(dockerfile, "(?m)^EXPOSE (\\d+)")));
    }

    private static int httpPort() {
        ApplicationConfiguration config = ApplicationConfiguration.read(KubernetesManifestsTest.ROOT);
        return Integer.parseInt(config.effectiveValue("quarkus.http.port", Map.of(), "8080"));
    }

    private static String instruction(String dockerfile, String regex) {
        Matcher m = Pattern.compile(regex).matcher(dockerfile);
        assertTrue(m.find(), "no match for " + regex);
        return m.group(1);
    }
}
