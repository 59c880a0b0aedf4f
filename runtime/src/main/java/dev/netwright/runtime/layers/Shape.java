package dev.netwright.runtime.layers;

/**
 * The shape of one example as it flows between layers (the minibatch axis is left out): an image
 * (height × width × channels), a sequence (time steps × features) or a flat vector.
 */
public sealed interface Shape {
    /** The most values along one axis (a vector's size, an image's channels): what a Java array can index. */
    int MAX_SIZE = Integer.MAX_VALUE - 8;

    /** Values per example. */
    long elements();

    /** How the canvas and messages show it, e.g. {@code 28×28×1}, {@code 28×128 seq}, {@code 64}. */
    String label();

    /** The same in words for messages, e.g. "a 28×28×1 image". */
    String describe();

    /**
     * A batch of {@code batch} examples as Deeplearning4j holds it: images [N, C, H, W], sequences
     * [N, features, steps], vectors [N, size].
     */
    default long[] batchShape(long batch) {
        if (this instanceof Image i) {
            return new long[] {batch, i.channels(), i.height(), i.width()};
        }
        if (this instanceof Sequence s) {
            return new long[] {batch, s.features(), s.steps()};
        }
        return new long[] {batch, ((Vector) this).size()};
    }

    record Image(int height, int width, int channels) implements Shape {
        @Override
        public long elements() {
            return (long) height * width * channels;
        }

        @Override
        public String label() {
            return height + "×" + width + "×" + channels;
        }

        @Override
        public String describe() {
            return "a " + label() + " image";
        }
    }

    record Sequence(int steps, int features) implements Shape {
        @Override
        public long elements() {
            return (long) steps * features;
        }

        @Override
        public String label() {
            return steps + "×" + features + " seq";
        }

        @Override
        public String describe() {
            return "a sequence of " + steps + " steps × " + features + " features";
        }
    }

    record Vector(int size) implements Shape {
        @Override
        public long elements() {
            return size;
        }

        @Override
        public String label() {
            return Integer.toString(size);
        }

        @Override
        public String describe() {
            return "a vector of " + size;
        }
    }
}
