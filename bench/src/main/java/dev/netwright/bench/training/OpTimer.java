package dev.netwright.bench.training;

/** Milliseconds per call of one operation in this JVM: 10 untimed calls, then the mean of {@code calls} timed ones. */
final class OpTimer {
    private OpTimer() {
    }

    static double msPerCall(int calls, Runnable call) {
        for (int i = 0; i < 10; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e6 / calls;
    }
}
