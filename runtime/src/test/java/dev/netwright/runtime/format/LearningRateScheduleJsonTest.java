package dev.netwright.runtime.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.LearningRateSchedule;
import dev.netwright.runtime.design.LearningRateSchedules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code "lrSchedule"} object: round trips of every type, and strict reading. */
class LearningRateScheduleJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTypeRoundTrips() throws Exception {
        for (String type : LearningRateSchedule.TYPES) {
            LearningRateSchedule schedule = LearningRateSchedules.parse(type);
            ObjectNode node = JSON.createObjectNode();
            LearningRateScheduleJson.write(node, schedule);
            String written = JSON.writeValueAsString(node);
            assertThat(LearningRateScheduleJson.read(JSON.readTree(written))).isEqualTo(schedule);
        }
    }

    @Test
    void wholeValuesAreWrittenAsWholeNumbers() throws Exception {
        ObjectNode node = JSON.createObjectNode();
        LearningRateScheduleJson.write(node, new LearningRateSchedule.Step(3, 0.5));
        assertThat(JSON.writeValueAsString(node)).isEqualTo("{\"type\":\"step\",\"every\":3,\"factor\":0.5}");
    }

    @Test
    void wrongObjectsAreRefusedNamingTheField() {
        assertRefused("{\"every\":3,\"factor\":0.5}", "lrSchedule: 'type' must be one of constant, step, exponential, "
                + "cosine, onecycle, plateau and is missing");
        assertRefused("{\"type\":\"cyclic\"}", "lrSchedule: 'type' must be one of constant, step, exponential, "
                + "cosine, onecycle, plateau, not \"cyclic\"");
        assertRefused("{\"type\":\"step\",\"factor\":0.5}", "lrSchedule: missing field 'every'");
        assertRefused("{\"type\":\"step\",\"every\":2.5,\"factor\":0.5}",
                "lrSchedule: 'every' must be a whole number, not 2.5");
        assertRefused("{\"type\":\"step\",\"every\":2,\"factor\":\"half\"}",
                "lrSchedule: 'factor' must be a number, not \"half\"");
        assertRefused("{\"type\":\"step\",\"every\":2,\"factor\":1.5}",
                "lrSchedule: 'factor' must be a number between 0 and 1, not 1.5");
        assertRefused("{\"type\":\"exponential\",\"factor\":0.5,\"every\":1}",
                "lrSchedule: unknown field 'every' for the exponential schedule (its fields: factor)");
        assertRefused("[1]", "lrSchedule: must be an object, not [1]");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> LearningRateScheduleJson.read(JSON.readTree(json))).hasMessage(message);
    }
}
