package com.example.profiles.attribution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.example.profiles.stats.Interval;
import com.example.profiles.stats.Lift;

/**
 * The experiment of an hour range: one arm per model that served answers in it, the one that served most first
 * (the control every other arm is compared with).
 *
 * @param since the first hour counted
 * @param until the end of the last hour counted (exclusive)
 */
public record ExperimentReport(Instant since, Instant until, List<Arm> arms) {

    /**
     * One arm: the answers its model was assigned to serve, the events attributed to them, the rates per answer
     * served and, for every arm but the control, how it compares.
     *
     * @param lift null for the control arm
     */
    public record Arm(String model, long served, long views, long carts, long purchases, BigDecimal revenue,
                      Interval clickThrough, Interval conversion, Interval revenuePerAnswer, Lifts lift) {
    }

    /** An arm against the control: relative lifts with their intervals and p-values. */
    public record Lifts(Lift conversion, Lift clickThrough, Lift revenuePerAnswer) {
    }
}
