package dev.netwright.runtime.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/** The settings of each trial, by strategy: every grid point, or draws at random that the seed makes reproducible. */
public final class TrialPlans {
    private TrialPlans() {
    }

    /**
     * Every combination of the dimensions' values, the first dimension changing slowest. Where {@code limit} is above
     * 0 and below their number, a random {@code limit} of them (drawn with {@code seed}), in grid order.
     */
    public static List<Map<String, Object>> grid(SweepSpace space, int limit, long seed) {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (SweepDimension dimension : space.dimensions()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> point : points) {
                for (Object value : dimension.gridValues()) {
                    Map<String, Object> extended = new LinkedHashMap<>(point);
                    extended.put(dimension.name(), value);
                    next.add(extended);
                }
            }
            points = next;
        }
        if (limit <= 0 || limit >= points.size()) {
            return points;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<Integer> kept = new ArrayList<>(order.subList(0, limit));
        Collections.sort(kept);
        List<Map<String, Object>> chosen = new ArrayList<>();
        for (int i : kept) {
            chosen.add(points.get(i));
        }
        return chosen;
    }

    /** {@code count} trials, each dimension drawn on its own: the same seed gives the same trials. */
    public static List<Map<String, Object>> random(SweepSpace space, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> trials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> settings = new LinkedHashMap<>();
            for (SweepDimension dimension : space.dimensions()) {
                settings.put(dimension.name(), dimension.draw(random));
            }
            trials.add(settings);
        }
        return trials;
    }
}
