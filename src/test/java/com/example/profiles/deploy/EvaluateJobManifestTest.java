package com.example.profiles.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.profiles.evaluation.command.EvaluateCommand;

/**
 * The evaluation Job runs the image's {@code evaluate} command with the pods' settings, identity and hardening,
 * and stays out of the kustomizations (an apply must never start an evaluation).
 */
class EvaluateJobManifestTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    @SuppressWarnings("unchecked")
    void runsTheEvaluateCommandAsThePodsRunTheService() {
        Map<String, Object> job = YamlFiles.load(ROOT.resolve("k8s/jobs/evaluate-job.yaml"));
        Map<String, Object> deployment = YamlFiles.load(ROOT.resolve("k8s/base/deployment.yaml"));
        Map<String, Object> configMap = YamlFiles.load(ROOT.resolve("k8s/base/configmap.yaml"));
        Map<String, Object> kustomization = YamlFiles.load(ROOT.resolve("k8s/base/kustomization.yaml"));
        assertThat(job.get("kind")).isEqualTo("Job");
        assertThat(((Map<String, Object>) job.get("metadata")).get("namespace")).isEqualTo(kustomization.get("namespace"));
        Map<String, Object> spec = (Map<String, Object>) job.get("spec");
        assertThat(spec.get("backoffLimit")).as("an evaluation is not retried behind the caller's back").isEqualTo(0);
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
        Map<String, Object> servicePod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                deployment.get("spec")).get("template")).get("spec");
        assertThat(pod.get("restartPolicy")).isEqualTo("Never");
        assertThat(pod.get("serviceAccountName")).isEqualTo(servicePod.get("serviceAccountName"));
        assertThat(pod.get("securityContext")).isEqualTo(servicePod.get("securityContext"));

        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        Map<String, Object> service = ((List<Map<String, Object>>) servicePod.get("containers")).get(0);
        assertThat(container.get("image")).as("the overlays' image rule names it").isEqualTo(service.get("image"));
        assertThat(container.get("securityContext")).isEqualTo(service.get("securityContext"));
        assertThat(container.get("resources")).as("it loads the whole catalog, as a pod does")
                .isEqualTo(service.get("resources"));
        List<Map<String, Object>> envFrom = (List<Map<String, Object>>) container.get("envFrom");
        assertThat(((Map<String, Object>) envFrom.get(0).get("configMapRef")).get("name"))
                .isEqualTo(((Map<String, Object>) configMap.get("metadata")).get("name"));

        List<String> args = ((List<Object>) container.get("args")).stream().map(String::valueOf).toList();
        assertThat(args.get(0)).isEqualTo(EvaluateCommand.NAME);
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 1; i + 1 < args.size(); i += 2) {
            options.put(args.get(i), args.get(i + 1));
        }
        assertThat(options).containsKeys("--model", "--cutoff", "--until");
        assertThat(Instant.parse(options.get("--cutoff"))).isBefore(Instant.parse(options.get("--until")));
        assertThat((List<Object>) kustomization.get("resources")).noneMatch(r -> String.valueOf(r).contains("job"));
    }
}
