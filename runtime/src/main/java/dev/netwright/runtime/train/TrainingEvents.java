package dev.netwright.runtime.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;

/** The JSON-lines form of training events: one compact JSON object per line. */
public final class TrainingEvents {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS) // isTerminal() is behaviour, not data
            .build();

    private TrainingEvents() {
    }

    public static String toJsonLine(TrainingEvent event) {
        try {
            return MAPPER.writerFor(TrainingEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one line; throws {@link IllegalArgumentException} naming the problem for anything else. */
    public static TrainingEvent fromJsonLine(String line) {
        try {
            return MAPPER.readValue(line, TrainingEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a training event: " + e.getOriginalMessage(), e);
        }
    }
}
