package dev.netwright.bench.training;

/** One way of training that the benchmark times; each call is a fresh process, so runs are independent. */
interface Contender {
    /** Short name for the tables. */
    String label();

    Measurement measure(BenchPlan plan, int round) throws Exception;
}
