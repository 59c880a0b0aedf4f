package dev.netwright.runtime.layers.dl4j;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The oneDNN primitives cache: made once per geometry, the least recently used closed beyond its size. */
class PrimitiveCacheTest {
    private final List<String> made = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();

    private final class Primitive implements AutoCloseable {
        private final String geometry;

        Primitive(String geometry) {
            this.geometry = geometry;
            made.add(geometry);
        }

        @Override
        public void close() {
            closed.add(geometry);
        }
    }

    @Test
    void switchingBetweenGeometriesReusesTheirPrimitives() {
        PrimitiveCache<String, Primitive> cache = new PrimitiveCache<>(Primitive::new);
        for (int i = 0; i < 5; i++) {
            assertThat(cache.get("forward").geometry).isEqualTo("forward");
            assertThat(cache.get("backward").geometry).isEqualTo("backward");
        }
        assertThat(made).containsExactly("forward", "backward");
        assertThat(closed).isEmpty();
    }

    @Test
    void beyondItsSizeTheLeastRecentlyUsedIsClosed() {
        PrimitiveCache<String, Primitive> cache = new PrimitiveCache<>(Primitive::new);
        for (int g = 0; g < PrimitiveCache.SIZE; g++) {
            cache.get("g" + g);
        }
        cache.get("g0"); // now g1 is the least recently used
        cache.get("new");
        assertThat(closed).containsExactly("g1");
        assertThat(cache.size()).isEqualTo(PrimitiveCache.SIZE);
        cache.get("g0");
        assertThat(made).containsExactly("g0", "g1", "g2", "g3", "new");
    }

    @Test
    void aGeometryOneDnnRefusesIsFoundEmptyAndNotAskedAgainWhileTheOthersAreMade() {
        List<String> asked = new ArrayList<>();
        PrimitiveCache<String, Primitive> cache = new PrimitiveCache<>(g -> {
            asked.add(g);
            if (g.equals("refused")) {
                throw new RuntimeException("could not create a primitive descriptor for a convolution forward");
            }
            return new Primitive(g);
        });

        assertThat(cache.find("refused")).isEmpty();
        assertThat(cache.find("refused")).isEmpty();
        assertThat(cache.find("fine")).map(p -> p.geometry).contains("fine");
        assertThat(asked).containsExactly("refused", "fine");
        assertThat(cache.size()).isEqualTo(1);
    }
}
