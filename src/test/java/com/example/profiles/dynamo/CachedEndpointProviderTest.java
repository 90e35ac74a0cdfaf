package com.example.profiles.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

class CachedEndpointProviderTest {

    private final DynamoDbEndpointProvider rules = DynamoDbEndpointProvider.defaultProvider();
    private final AtomicInteger asked = new AtomicInteger();
    private final CachedEndpointProvider cached = new CachedEndpointProvider(params -> {
        asked.incrementAndGet();
        return rules.resolveEndpoint(params);
    });

    private static DynamoDbEndpointParams.Builder params(String region) {
        return DynamoDbEndpointParams.builder().region(Region.of(region)).useFips(false).useDualStack(false);
    }

    private Endpoint resolve(DynamoDbEndpointProvider provider, DynamoDbEndpointParams params) {
        return provider.resolveEndpoint(params).join();
    }

    @Test
    void answersWhatTheRulesAnswerAndAsksThemOncePerParameterSet() {
        for (DynamoDbEndpointParams p : new DynamoDbEndpointParams[] {
                params("us-west-2").build(),
                params("us-west-2").useFips(true).build(),
                params("eu-central-1").useDualStack(true).build(),
                params("cn-north-1").build(),
                params("us-west-2").endpoint("http://127.0.0.1:8000").build(),
                params("us-west-2").resourceArn("arn:aws:dynamodb:us-west-2:111122223333:table/Users").build()}) {
            int before = asked.get();
            Endpoint first = resolve(cached, p);
            Endpoint again = resolve(cached, p);
            assertThat(first.url()).as("the rules' own answer for %s", p).isEqualTo(resolve(rules, p).url());
            assertThat(again).as("kept, not worked out again").isSameAs(first);
            assertThat(asked.get() - before).isEqualTo(1);
        }
        assertThat(resolve(cached, params("cn-north-1").build()).url().getHost()).endsWith(".amazonaws.com.cn");
        assertThat(resolve(cached, params("us-west-2").useFips(true).build()).url().getHost())
                .isEqualTo("dynamodb-fips.us-west-2.amazonaws.com");
    }

    @Test
    void equalParametersBuiltApartShareOneAnswer() {
        resolve(cached, params("us-east-1").build());
        resolve(cached, params("us-east-1").build());
        assertThat(asked.get()).isEqualTo(1);
        assertThat(cached.size()).isEqualTo(1);
    }

    @Test
    void aFailedResolutionIsNotKept() {
        // the rules refuse FIPS together with a custom endpoint
        DynamoDbEndpointParams invalid = params("us-west-2").useFips(true).endpoint("http://127.0.0.1:8000").build();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> resolve(cached, invalid)).isInstanceOf(CompletionException.class);
        }
        assertThat(asked.get()).isEqualTo(2);
        assertThat(cached.size()).isZero();
    }

    @Test
    void theKeyHoldsEveryParameterTheRulesRead() {
        // region() is regionId() as a Region; toBuilder() is not a parameter
        Set<String> parameters = Arrays.stream(DynamoDbEndpointParams.class.getMethods())
                .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getDeclaringClass() == DynamoDbEndpointParams.class)
                .map(Method::getName)
                .filter(name -> !name.equals("region") && !name.equals("toBuilder"))
                .collect(Collectors.toSet());
        Set<String> keyed = Arrays.stream(CachedEndpointProvider.Key.class.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
        assertThat(keyed).isEqualTo(parameters);
    }

    @Test
    void rememberedParameterSetsAreBounded() {
        int tables = CachedEndpointProvider.MAX_ENTRIES + 50;
        for (int t = 0; t < tables; t++) {
            String arn = "arn:aws:dynamodb:us-west-2:111122223333:table/T" + t;
            assertThat(resolve(cached, params("us-west-2").resourceArn(arn).build()).url())
                    .isEqualTo(resolve(rules, params("us-west-2").resourceArn(arn).build()).url());
        }
        assertThat(cached.size()).isEqualTo(CachedEndpointProvider.MAX_ENTRIES);
    }
}
