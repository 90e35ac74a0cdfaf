package com.example.profiles.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RegionEntryTest {

    @Test
    void parsesRegionsWithAndWithoutEndpointsInOrder() {
        assertThat(RegionEntry.parseAll(List.of("eu-west-1=http://127.0.0.1:9001", " ap-southeast-2 ", ""), "us-west-2"))
                .containsExactly(
                        new RegionEntry("eu-west-1", Optional.of(URI.create("http://127.0.0.1:9001"))),
                        new RegionEntry("ap-southeast-2", Optional.empty()));
        assertThat(RegionEntry.parseAll(List.of(), "us-west-2")).isEmpty();
    }

    @Test
    void rejectsWhatWouldFailOverIntoNowhere() {
        assertThatThrownBy(() -> RegionEntry.parseAll(List.of("us-west-2"), "us-west-2")).hasMessageContaining("local region");
        assertThatThrownBy(() -> RegionEntry.parseAll(List.of("eu-west-1", "eu-west-1=http://x:1"), "us-west-2"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> RegionEntry.parseAll(List.of("EU WEST"), "us-west-2")).hasMessageContaining("not a region");
        assertThatThrownBy(() -> RegionEntry.parseAll(List.of("eu-west-1=127.0.0.1:9001"), "us-west-2"))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> RegionEntry.parseAll(List.of("eu-west-1=ftp://host"), "us-west-2"))
                .hasMessageContaining("http(s) URL");
    }
}
