package dev.sockbench.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every model of a full run (fifteen, up to twenty) gets a colour of its own. */
class PaletteTest {
    @Test
    void twentyModelsGetTwentyColoursAndTheTwentyFirstReusesTheFirst() {
        List<String> models = IntStream.range(0, 21).mapToObj(i -> "m" + i).toList();
        Palette palette = Palette.of(models);
        List<Color> colours = models.stream().limit(20).map(palette::color).toList();
        assertThat(colours).doesNotHaveDuplicates();
        assertThat(palette.color("m20")).isEqualTo(palette.color("m0"));
        assertThat(palette.color("unknown")).isEqualTo(Color.DARK_GRAY);
    }
}
