package com.example.profiles.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * YAML reading for the deployment tests: plain Kubernetes documents, and CloudFormation templates
 * whose short-form intrinsics ({@code !Ref X}, {@code !Sub "..."}, {@code !GetAtt A.B}) are turned
 * into their long form ({@code {Ref: X}}, {@code {Fn::Sub: ...}}, {@code {Fn::GetAtt: A.B}}).
 * Only safe constructors: no arbitrary classes are instantiated from the documents.
 */
final class YamlFiles {

    private YamlFiles() {
    }

    /** Every non-empty document of a (multi-document) YAML text, each a map. */
    static List<Map<String, Object>> loadAll(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc == null) {
                continue;
            }
            docs.add(asMap(doc, "YAML document"));
        }
        return docs;
    }

    static List<Map<String, Object>> loadAll(Path file) {
        return loadAll(read(file));
    }

    /** The single document of a file, as a map. */
    static Map<String, Object> load(Path file) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
        return asMap(doc, file.toString());
    }

    /** A CloudFormation template, with short-form intrinsic functions in long form. */
    static Map<String, Object> loadCloudFormation(Path file) {
        Object doc = new Yaml(new CloudFormationConstructor()).load(read(file));
        return asMap(doc, file.toString());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalStateException(what + " is not a mapping but " + value);
        }
        return (Map<String, Object>) value;
    }

    /** Maps {@code !Name} to {@code Fn::Name} ({@code !Ref} and {@code !Condition} keep their names). */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor() {
            super(new LoaderOptions());
            // The null key is SnakeYAML's fallback for tags without a constructor of their own.
            this.yamlConstructors.put(null, new Intrinsic());
        }

        private final class Intrinsic extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue();
                if (!tag.startsWith("!") || tag.startsWith("!!")) {
                    throw new IllegalStateException("unexpected YAML tag " + tag + " at " + node.getStartMark());
                }
                String name = tag.substring(1);
                String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(key, value);
                return intrinsic;
            }
        }
    }
}
