package com.example.profiles.recommend;

import static com.example.profiles.recommend.RequestControl.Endpoint.RECOMMENDATIONS;
import static com.example.profiles.recommend.RequestControl.Endpoint.SIMILAR_ITEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.profiles.error.ProblemException;
import com.example.profiles.kernel.Metric;

/** The control table on its own: what each text reads as, per endpoint, in which order, and what is echoed. */
class RequestControlsTest {

    /** Every control given, as a query or a body would give it. */
    private static Map<String, Object> everything() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("k", "5");
        raw.put("offset", "3");
        raw.put("exclude_ids", List.of("book-2", "book-3"));
        raw.put("metric", "COSINE");
        raw.put("exclude", "seen");
        raw.put("filter", "in_stock");
        raw.put("max_per", "attributes.series:2");
        raw.put("explain", "true");
        raw.put("fallback", "popular");
        return raw;
    }

    private static RecommendRequest read(RequestControl.Endpoint endpoint, Map<String, Object> raw) {
        return RequestControls.read(endpoint, control -> raw.get(control.name()));
    }

    @Test
    void nothingGivenIsThePlainRequestTheDocumentPromises() {
        RecommendRequest plain = RecommendRequest.plain(10, Metric.DOT);
        assertThat(read(RECOMMENDATIONS, Map.of())).isEqualTo(plain);
        assertThat(read(SIMILAR_ITEMS, Map.of())).isEqualTo(plain);
        assertThat(RequestControls.K.doc().defaultValue()).isEqualTo(plain.k());
        assertThat(RequestControls.OFFSET.doc().defaultValue()).isEqualTo(plain.offset());
        assertThat(RequestControls.METRIC.doc().defaultValue()).isEqualTo("dot");
        assertThat(RequestControls.EXPLAIN.doc().defaultValue()).isEqualTo(false);
        assertThat(RequestControls.FALLBACK.doc().defaultValue()).isNull();
    }

    @Test
    void eachEndpointReadsItsOwnControlsAndLeavesTheOthersAbsent() {
        assertThat(read(RECOMMENDATIONS, everything())).isEqualTo(new RecommendRequest(5, 3, Metric.COSINE, true,
                List.of("book-2", "book-3"), "in_stock", new RecommendRequest.MaxPer("series", 2), true,
                RecommendRequest.Fallback.POPULAR));
        assertThat(read(SIMILAR_ITEMS, everything())).isEqualTo(new RecommendRequest(5, 3, Metric.COSINE, false,
                List.of("book-2", "book-3"), "in_stock", new RecommendRequest.MaxPer("series", 2), false,
                RecommendRequest.Fallback.NONE));
        assertThat(RequestControls.of(SIMILAR_ITEMS)).extracting(RequestControl::name)
                .containsExactly("k", "offset", "exclude_ids", "metric", "filter", "max_per", "model");
        assertThat(RequestControls.of(RECOMMENDATIONS)).hasSameElementsAs(RequestControls.ALL);
    }

    @Test
    void theFirstDefectInTheTablesOrderIsTheOneNamed() {
        Map<String, Object> raw = new HashMap<>(everything());
        raw.put("metric", "euclid");
        assertThatThrownBy(() -> read(RECOMMENDATIONS, raw)).isInstanceOf(ProblemException.class)
                .hasMessage("metric must be dot or cosine");
        raw.put("exclude_ids", List.of("book-2", "no spaces"));
        assertThatThrownBy(() -> read(RECOMMENDATIONS, raw))
                .hasMessage("exclude_ids[1] must be 1..128 characters of A-Z a-z 0-9 . _ : @ -");
        raw.put("k", "900");
        raw.put("offset", "200");
        assertThatThrownBy(() -> read(RECOMMENDATIONS, raw))
                .hasMessage("k + offset must be at most 1000: k is 900, offset 200");
        raw.put("k", "0");
        assertThatThrownBy(() -> read(RECOMMENDATIONS, raw)).hasMessage("k must be an integer in 1..1000");
        // a control the endpoint does not take is not read at all
        assertThat(read(SIMILAR_ITEMS, Map.of("fallback", "trending", "exclude", "all")))
                .isEqualTo(RecommendRequest.plain(10, Metric.DOT));
        assertThatThrownBy(() -> read(RECOMMENDATIONS, Map.of("exclude", "all")))
                .hasMessage("exclude must be 'seen' or absent");
    }

    @Test
    void theAnswerEchoesOnlyTheConstraintsTheRequestUsed() {
        assertThat(RequestControls.echo(RecommendRequest.plain(10, Metric.DOT))).isEmpty();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("offset", 3);
        expected.put("exclude_ids", 2);
        expected.put("exclude", "seen");
        expected.put("filter", "in_stock");
        expected.put("max_per", "series:2");
        assertThat(RequestControls.echo(read(RECOMMENDATIONS, everything()))).containsExactlyEntriesOf(expected);
    }

    @Test
    void everyControlIsNamedOnceAndDocumented() {
        assertThat(RequestControls.ALL).extracting(RequestControl::name).doesNotHaveDuplicates();
        for (RequestControl<?> control : RequestControls.ALL) {
            assertThat(control.doc().description()).as(control.name()).isNotBlank();
        }
    }
}
