package com.example.bare;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An item as plain values Jackson writes: what any app that returns a DynamoDB item as JSON does. */
final class ItemJson {

    private ItemJson() {
    }

    static Map<String, Object> of(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, value(value)));
        return out;
    }

    private static Object value(AttributeValue v) {
        return switch (v.type()) {
            case S -> v.s();
            case N -> new BigDecimal(v.n());
            case B -> Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe());
            case BOOL -> v.bool();
            case NUL -> null;
            case M -> of(v.m());
            case L -> list(v.l());
            case SS -> v.ss();
            case NS -> v.ns().stream().map(BigDecimal::new).toList();
            case BS -> v.bs().stream().map(b -> Base64.getEncoder().encodeToString(b.asByteArrayUnsafe())).toList();
            case UNKNOWN_TO_SDK_VERSION -> null;
        };
    }

    private static List<Object> list(List<AttributeValue> values) {
        List<Object> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(value(v)));
        return out;
    }
}
