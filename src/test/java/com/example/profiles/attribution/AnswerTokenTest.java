package com.example.profiles.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * A recommendation id: what it binds comes back exactly from the id, any changed byte or another key's
 * signature is refused with its reason, every answer gets an id of its own, and the size is small. The keys'
 * setting refuses what cannot work, with a message that never quotes a secret.
 */
class AnswerTokenTest {

    static final String KEY_A = "a:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String KEY_B = "b:" + Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    private static final List<String> PAGE = IntStream.rangeClosed(1, 10).mapToObj(i -> "book-" + i * 7).toList();

    private static Answer answer(String subject) {
        return new Answer(Answer.About.USER, subject, "books-v2", "default", "vector", "10000-7a1e068e",
                1_780_000_000L, 20, PAGE);
    }

    @Test
    void anIdCarriesItsAnswerBackAndShowsWhichItemsWereWhere() {
        AnswerToken tokens = new AnswerToken(SigningKeys.parse(List.of(KEY_A)));
        String id = tokens.issue(answer("u-42"));
        AnswerToken.Checked checked = tokens.check(id);
        assertThat(checked.problem()).isNull();
        AnswerToken.Decoded d = checked.answer();
        assertThat(d.keyId()).isEqualTo("a");
        assertThat(d.about()).isEqualTo(Answer.About.USER);
        assertThat(d.subjectHash()).isEqualTo(Hashes.of("u-42")).isNotEqualTo(Hashes.of("u-43"));
        assertThat(List.of(d.model(), d.arm(), d.strategy(), d.catalogVersion()))
                .containsExactly("books-v2", "default", "vector", "10000-7a1e068e");
        assertThat(d.servedAt()).isEqualTo(1_780_000_000L);
        for (int i = 0; i < PAGE.size(); i++) {
            assertThat(d.positionOf(PAGE.get(i))).isEqualTo(21 + i);
            assertThat(d.shows(PAGE.get(i), 21 + i)).isTrue();
            assertThat(d.shows(PAGE.get(i), 22 + i)).isFalse();
        }
        assertThat(d.positionOf("book-8")).isZero();
        // arm equal to the model is not written twice
        String same = tokens.issue(new Answer(Answer.About.ITEM, "book-1", "default", "default", "popular", "v", 5, 0,
                List.of()));
        AnswerToken.Decoded s = tokens.check(same).answer();
        assertThat(List.of(s.model(), s.arm(), s.strategy())).containsExactly("default", "default", "popular");
        assertThat(s.about()).isEqualTo(Answer.About.ITEM);
    }

    @Test
    void aTenItemIdIsAboutOneHundredFiftyCharacters() {
        AnswerToken tokens = new AnswerToken(SigningKeys.parse(List.of(KEY_A)));
        String id = tokens.issue(new Answer(Answer.About.USER, "demo-tolkien", "default", "default", "vector",
                "10000-7a1e068e", 1_780_000_000L, 0, PAGE));
        System.out.printf("recommendation_id for k=10: %d characters%n", id.length());
        assertThat(id).matches("[A-Za-z0-9_-]+");
        assertThat(id.length()).isLessThanOrEqualTo(150);
    }

    @Test
    void everyAnswerGetsItsOwnIdEvenWhenNothingElseDiffers() {
        AnswerToken tokens = new AnswerToken(SigningKeys.parse(List.of(KEY_A)));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(tokens.issue(answer("u-42")));
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void everyChangedByteIsRefusedAsAlteredOrNotAnId() {
        AnswerToken tokens = new AnswerToken(SigningKeys.parse(List.of(KEY_A)));
        byte[] bytes = Base64.getUrlDecoder().decode(tokens.issue(answer("u-42")));
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = bytes.clone();
                changed[i] ^= (byte) (1 << bit);
                AnswerToken.Checked checked = tokens.check(Base64.getUrlEncoder().withoutPadding().encodeToString(changed));
                assertThat(checked.answer()).as("byte %d bit %d", i, bit).isNull();
                assertThat(checked.problem()).isNotBlank();
            }
        }
        assertThat(tokens.check("not an id!").problem()).contains("not base64url");
        assertThat(tokens.check("AAAA").problem()).contains("not a recommendation_id");
        byte[] body = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThat(tokens.check(Base64.getUrlEncoder().encodeToString(body)).answer()).isNull();
    }

    @Test
    void anIdSignedWithAnotherKeyIsForgedAndOneOfAKeyNoLongerListedIsRotatedOut() {
        AnswerToken old = new AnswerToken(SigningKeys.parse(List.of(KEY_B)));
        AnswerToken rotated = new AnswerToken(SigningKeys.parse(List.of(KEY_A, KEY_B)));
        AnswerToken next = new AnswerToken(SigningKeys.parse(List.of(KEY_A)));
        String signedByB = old.issue(answer("u-42"));
        assertThat(rotated.check(signedByB).problem()).as("the previous key still verifies").isNull();
        assertThat(rotated.issue(answer("u-42"))).as("the first key signs")
                .satisfies(id -> assertThat(next.check(id).problem()).isNull());
        assertThat(next.check(signedByB).problem()).contains("key 'b'").contains("rotated out");
        // key id a, signature made with b's secret: a forgery
        AnswerToken impostor = new AnswerToken(SigningKeys.parse(List.of(
                "a:" + Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes()))));
        assertThat(next.check(impostor.issue(answer("u-42"))).problem()).contains("altered or forged");
    }

    @Test
    void theKeySettingRefusesWhatCannotWorkWithoutQuotingTheSecret() {
        String secret = Base64.getEncoder().encodeToString("short-secret".getBytes());
        assertThatThrownBy(() -> SigningKeys.parse(List.of())).hasMessageContaining("no key is set");
        assertThatThrownBy(() -> SigningKeys.parse(List.of("k1:" + secret))).hasMessageContaining("12 bytes")
                .hasMessageContaining("at least 32").hasMessageNotContaining(secret);
        assertThatThrownBy(() -> SigningKeys.parse(List.of("k1:%%%not-base64%%%"))).hasMessageContaining("not base64")
                .hasMessageNotContaining("%%%");
        assertThatThrownBy(() -> SigningKeys.parse(List.of("no-colon-here"))).hasMessageContaining("not id:secret");
        assertThatThrownBy(() -> SigningKeys.parse(List.of("a key:" + KEY_A.substring(2))))
                .hasMessageContaining("key id");
        assertThatThrownBy(() -> SigningKeys.parse(List.of(KEY_A, KEY_A))).hasMessageContaining("listed twice");
        assertThat(SigningKeys.parse(List.of(KEY_B, KEY_A)).ids()).containsExactly("b", "a");
    }
}
