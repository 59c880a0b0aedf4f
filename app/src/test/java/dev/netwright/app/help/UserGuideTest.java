package dev.netwright.app.help;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The user guide as the browser gets it. */
class UserGuideTest {
    @TempDir
    Path dir;

    @Test
    void theGuideIsWrittenAsAPageWithEveryImageItShows() throws Exception {
        Path page = UserGuide.writeTo(dir.resolve("guide"));

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1>Netwright user guide</h1>").contains("<table>");
        assertThat(UserGuide.images(UserGuide.parsed())).isNotEmpty().allSatisfy(image -> {
            assertThat(html).contains("src=\"" + image + "\"");
            assertThat(page.resolveSibling(image)).as(image).isRegularFile();
        });
    }

    @Test
    void theGuideCoversEveryPanelOfTheWindow() {
        String markdown = new String(readGuide(), StandardCharsets.UTF_8);

        for (String section : List.of("## Start", "## The designer", "### The inspector", "### Shapes, parameters and problems",
                "## Data", "## Training", "## Evaluation", "## Files, autosave and recovery", "## The command line")) {
            assertThat(markdown).contains(section);
        }
    }

    @Test
    void writingItAgainReplacesTheOldCopy() throws Exception {
        Path page = UserGuide.writeTo(dir);
        Files.writeString(page, "old");

        UserGuide.writeTo(dir);

        assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>");
    }

    private static byte[] readGuide() {
        try (var in = UserGuide.class.getResourceAsStream(UserGuide.RESOURCES + "guide.md")) {
            assertThat(in).as("guide.md in the build").isNotNull();
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
