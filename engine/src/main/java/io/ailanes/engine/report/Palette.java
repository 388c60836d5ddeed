package io.ailanes.engine.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Colours: fixed ones for the two standard lanes and the token kinds, a colour-blind-safe rotation otherwise. */
final class Palette {

    static final String REASONING = "#6a3d9a";
    static final String EXECUTION = "#1b9e77";
    static final String MIXED = "#7f7f7f";
    private static final List<String> OTHERS = List.of("#e69f00", "#0072b2", "#d55e00", "#cc79a7", "#56b4e9",
            "#b8860b", "#8c564b", "#17becf");
    static final List<String> TOKEN_KINDS = List.of("#4c78a8", "#9ecae9", "#f58518", "#ffbf79", "#54a24b",
            "#b279a2");
    static final List<String> TOKEN_LABELS = List.of("input", "cache read", "cache write (5 min)",
            "cache write (1 h)", "output", "reasoning");

    private final Map<String, String> lanes = new HashMap<>();

    Palette(List<String> laneNames) {
        int next = 0;
        for (String lane : laneNames) {
            if ("reasoning".equalsIgnoreCase(lane)) {
                lanes.put(lane, REASONING);
            } else if ("execution".equalsIgnoreCase(lane)) {
                lanes.put(lane, EXECUTION);
            } else {
                lanes.put(lane, OTHERS.get(next++ % OTHERS.size()));
            }
        }
    }

    String lane(String lane) {
        return lanes.getOrDefault(lane, MIXED);
    }

    /** A model's colour: its lane's, or grey when several lanes used it. */
    String lanes(List<String> laneNames) {
        return laneNames.size() == 1 ? lane(laneNames.get(0)) : MIXED;
    }
}
