/*
 * The machine's measured peak of single-precision arithmetic: the yardstick for the engine benchmark's GFLOP/s
 * (issue 21). Each thread runs fused multiply-adds on 12 independent 8-float AVX2 registers, enough to cover the
 * FMA latency on two FMA pipes, so the loop is bound by the FMA units alone. Counts 2 floating-point operations per
 * lane per FMA, as GEMM's FLOP counts do.
 *
 * Build and run: bench/peak.sh (gcc -O2 -mavx2 -mfma -pthread bench/fma_peak.c).
 * Prints one line per thread count: "threads N: X GFLOP/s (best of R repetitions)".
 */
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ACCUMULATORS 12
#define LANES 8

static long iterations = 200000000L / ACCUMULATORS;
static volatile float sink;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void *fma_loop(void *unused) {
    (void) unused;
    __m256 acc[ACCUMULATORS];
    for (int i = 0; i < ACCUMULATORS; i++) {
        acc[i] = _mm256_set1_ps((float) i * 0.001f);
    }
    /* a * x + b with a just below 1 keeps the values bounded, so no denormals or infinities slow the loop */
    const __m256 a = _mm256_set1_ps(0.999999f);
    const __m256 b = _mm256_set1_ps(1e-7f);
    for (long n = 0; n < iterations; n++) {
        acc[0] = _mm256_fmadd_ps(acc[0], a, b);
        acc[1] = _mm256_fmadd_ps(acc[1], a, b);
        acc[2] = _mm256_fmadd_ps(acc[2], a, b);
        acc[3] = _mm256_fmadd_ps(acc[3], a, b);
        acc[4] = _mm256_fmadd_ps(acc[4], a, b);
        acc[5] = _mm256_fmadd_ps(acc[5], a, b);
        acc[6] = _mm256_fmadd_ps(acc[6], a, b);
        acc[7] = _mm256_fmadd_ps(acc[7], a, b);
        acc[8] = _mm256_fmadd_ps(acc[8], a, b);
        acc[9] = _mm256_fmadd_ps(acc[9], a, b);
        acc[10] = _mm256_fmadd_ps(acc[10], a, b);
        acc[11] = _mm256_fmadd_ps(acc[11], a, b);
    }
    __m256 sum = acc[0];
    for (int i = 1; i < ACCUMULATORS; i++) {
        sum = _mm256_add_ps(sum, acc[i]);
    }
    float out[LANES];
    _mm256_storeu_ps(out, sum);
    sink = out[0];
    return NULL;
}

/* GFLOP/s of `threads` threads running the loop at once. */
static double measure(int threads) {
    pthread_t ids[threads];
    double start = now();
    for (int t = 0; t < threads; t++) {
        pthread_create(&ids[t], NULL, fma_loop, NULL);
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
    }
    double seconds = now() - start;
    double flops = (double) threads * iterations * ACCUMULATORS * LANES * 2;
    return flops / seconds / 1e9;
}

int main(int argc, char **argv) {
    int max_threads = argc > 1 ? atoi(argv[1]) : 2;
    int repetitions = argc > 2 ? atoi(argv[2]) : 5;
    for (int threads = 1; threads <= max_threads; threads++) {
        double best = 0;
        for (int r = 0; r < repetitions; r++) {
            double g = measure(threads);
            best = g > best ? g : best;
        }
        printf("threads %d: %.1f GFLOP/s (best of %d repetitions)\n", threads, best, repetitions);
    }
    return 0;
}
