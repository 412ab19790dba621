package dev.sockbench.report.chart;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per model for the whole report, so a model looks the same in every chart. Tableau's
 * ten colours first (readable by most colour-blind readers), then ten more of its twenty, the
 * ones least like the first ten: distinct for the fifteen models a full run charts.
 */
public final class Palette {
    private static final List<Color> COLORS = List.of(
            new Color(0x4E79A7),
            new Color(0xF28E2B),
            new Color(0xE15759),
            new Color(0x76B7B2),
            new Color(0x59A14F),
            new Color(0xEDC948),
            new Color(0xB07AA1),
            new Color(0xFF9DA7),
            new Color(0x9C755F),
            new Color(0xBAB0AC),
            new Color(0xA0CBE8),
            new Color(0xFFBE7D),
            new Color(0x8CD17D),
            new Color(0xB6992D),
            new Color(0x499894),
            new Color(0x86BCB6),
            new Color(0xFF9D9A),
            new Color(0x79706E),
            new Color(0xD37295),
            new Color(0xD4A6C8));

    private final Map<String, Color> byModel = new LinkedHashMap<>();

    /** Assigns colours to {@code models} in order; a model past the twentieth reuses from the start. */
    public static Palette of(List<String> models) {
        Palette p = new Palette();
        for (String m : models) {
            p.byModel.putIfAbsent(m, COLORS.get(p.byModel.size() % COLORS.size()));
        }
        return p;
    }

    /** The model's colour; a model not given to {@link #of} gets dark grey. */
    public Color color(String model) {
        return byModel.getOrDefault(model, Color.DARK_GRAY);
    }
}
