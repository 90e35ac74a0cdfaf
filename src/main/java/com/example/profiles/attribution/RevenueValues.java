package com.example.profiles.attribution;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a purchase's {@code value} adds to the revenue sums. DynamoDB numbers hold 38 significant digits, and an
 * {@code ADD} that needed more would fail the event's whole transaction: so each value is rounded to
 * {@value #SCALE} decimal places, and a value of 1E9 or more in magnitude is counted as a purchase but left out
 * of the sums. Squares then have at most 26 digits, and a trillion of them still fit.
 */
public final class RevenueValues {

    static final int SCALE = 4;
    private static final BigDecimal LIMIT = new BigDecimal("1E9");

    private RevenueValues() {
    }

    /** The value the sums take, or null when it is absent or too large to be summed. */
    public static BigDecimal summable(BigDecimal value) {
        if (value == null || value.abs().compareTo(LIMIT) >= 0) {
            return null;
        }
        return value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /** The square of a summable value, exact. */
    static BigDecimal square(BigDecimal summable) {
        return summable.multiply(summable);
    }
}
