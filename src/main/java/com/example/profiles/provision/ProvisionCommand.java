package com.example.profiles.provision;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.example.profiles.dynamo.TableSpec;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * {@code provision --regions us-west-2,eu-west-1 [--endpoint URL] [--timeout 30m]}: makes the
 * profile and item tables (names from {@code profiles.table} and {@code recommend.items-table})
 * global tables across the regions; see {@link GlobalTableProvisioner}. Credentials come from the
 * same chain as the service's own client; {@code --endpoint} (else
 * {@code quarkus.dynamodb.endpoint-override}) points it at a local engine.
 */
@ApplicationScoped
public class ProvisionCommand {

    public static final String NAME = "provision";
    static final String USAGE = "usage: provision --regions <first-region>[,<replica-region>...] [--endpoint <url>] [--timeout <duration, e.g. 30m>]";

    private final ServiceTables tables;
    private final DynamoDbAsyncClient configured;
    private final Optional<URI> configuredEndpoint;

    public ProvisionCommand(ServiceTables tables, DynamoDbAsyncClient configured,
            @ConfigProperty(name = "quarkus.dynamodb.endpoint-override") Optional<URI> configuredEndpoint) {
        this.tables = tables;
        this.configured = configured;
        this.configuredEndpoint = configuredEndpoint;
    }

    /** Runs the command; the exit code: 0 done, 1 failed, 2 bad arguments. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Arguments parsed;
        try {
            parsed = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Optional<URI> endpoint = parsed.endpoint().or(() -> configuredEndpoint);
        out.println("provisioning tables " + String.join(", ", tables.all().stream().map(TableSpec::name).toList())
                + " in " + parsed.regions()
                + endpoint.map(e -> " via " + e).orElse(""));
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(parsed.regions().get(0)))
                .credentialsProvider(configured.serviceClientConfiguration().credentialsProvider())
                .httpClient(UrlConnectionHttpClient.builder().build());
        endpoint.ifPresent(builder::endpointOverride);
        try (DynamoDbClient dynamo = builder.build()) {
            new GlobalTableProvisioner(dynamo, out::println, parsed.timeout(), Duration.ofSeconds(2))
                    .provision(tables.all(), parsed.regions());
            out.println("done");
            return 0;
        } catch (RuntimeException e) {
            err.println("provisioning failed: " + e.getMessage());
            return 1;
        }
    }

    record Arguments(List<String> regions, Optional<URI> endpoint, Duration timeout) {

        static Arguments parse(List<String> args) {
            List<String> regions = null;
            Optional<URI> endpoint = Optional.empty();
            Duration timeout = Duration.ofMinutes(30);
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                switch (arg) {
                    case "--regions" -> regions = regions(require(arg, value));
                    case "--endpoint" -> endpoint = Optional.of(URI.create(require(arg, value)));
                    case "--timeout" -> timeout = duration(require(arg, value));
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
                i++;
            }
            if (regions == null) {
                throw new IllegalArgumentException("--regions is required");
            }
            return new Arguments(regions, endpoint, timeout);
        }

        private static String require(String option, String value) {
            if (value == null || value.startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static List<String> regions(String value) {
            List<String> regions = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(value.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList()));
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("--regions lists no region");
            }
            return regions;
        }

        private static Duration duration(String value) {
            try {
                return Duration.parse(value.startsWith("P") || value.startsWith("p") ? value : "PT" + value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--timeout: not a duration: " + value);
            }
        }
    }
}
