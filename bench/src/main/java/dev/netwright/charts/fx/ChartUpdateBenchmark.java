package dev.netwright.charts.fx;

import dev.netwright.charts.metrics.RunMetrics;
import dev.netwright.runtime.train.TrainingEvent;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.fx.FXGraphics2D;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * Cost on the FX thread of one {@link MetricsChart#update} plus one render of the chart (1200×500) at 1k, 10k and
 * 100k iterations, for the chart as shipped (downsampled to {@link SeriesFill#MAX_POINTS} per series) against the
 * same chart fed every point, in the same run and alternating. Run it headless with Monocle (bench/charts.sh).
 * Prints a Markdown table. A benchmark, not a test: figures go to docs/benchmarks.md.
 */
public final class ChartUpdateBenchmark {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 500;
    private static final int PER_EPOCH = 1000;
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 10);
    private static final int MEASURED = Integer.getInteger("bench.measured", 40);

    private record Contender(String name, MetricsChart chart, BufferedImage image, Canvas canvas) {
        static Contender of(String name, MetricsChart chart) {
            return new Contender(name, chart, new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB),
                    new Canvas(WIDTH, HEIGHT));
        }
    }

    /** One round's times in nanoseconds. */
    private record Times(long update, long image, long canvas) {
    }

    public static void main(String[] args) throws Exception {
        Platform.startup(() -> { });
        int[] sizes = Arrays.stream(System.getProperty("bench.points", "1000,10000,100000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        warmUp(onFx(ChartUpdateBenchmark::contenders)); // on charts of their own: a chart keeps its epoch markers
        List<Contender> contenders = onFx(ChartUpdateBenchmark::contenders);
        RunMetrics metrics = new RunMetrics();
        Random noise = new Random(42);
        metrics.accept(new TrainingEvent.RunStarted("CPU", "bench", 1_000_000, PER_EPOCH * 64, 1000, 1,
                sizes[sizes.length - 1] / PER_EPOCH, 64, "generated"));
        List<String> rows = new ArrayList<>();
        long fed = 0;
        long feedNanos = 0;
        for (int size : sizes) {
            long start = System.nanoTime();
            for (long i = fed + 1; i <= size; i++) {
                feed(metrics, i, noise);
            }
            feedNanos += System.nanoTime() - start;
            fed = size;
            List<List<Times>> times = new ArrayList<>();
            contenders.forEach(c -> times.add(new ArrayList<>()));
            for (int round = 0; round < WARM_UP + MEASURED; round++) {
                for (int k = 0; k < contenders.size(); k++) {
                    // alternate who goes first, so neither always follows the other's garbage
                    int c = (round % 2 == 0) ? k : contenders.size() - 1 - k;
                    Contender contender = contenders.get(c);
                    Times t = onFx(() -> measure(contender, metrics));
                    if (round >= WARM_UP) {
                        times.get(c).add(t);
                    }
                }
            }
            for (int c = 0; c < contenders.size(); c++) {
                Contender contender = contenders.get(c);
                rows.add(row(size, contender, onFx(() -> pointsDrawn(contender.chart())), times.get(c)));
            }
            System.err.printf(Locale.ROOT, "%,d iterations measured%n", size);
        }
        long events = fed + fed / PER_EPOCH;
        System.out.printf(Locale.ROOT, "%d warm-up and %d measured rounds per size; RunMetrics.accept took %.2f µs "
                + "per event over %,d events.%n%n", WARM_UP, MEASURED, feedNanos / 1e3 / events, events);
        System.out.println("| iterations | chart | points drawn | update median (ms) | render median (ms) "
                + "| update + render median (ms) | update + render p95 (ms) | render on an FX canvas median (ms) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        Platform.exit();
    }

    private static List<Contender> contenders() {
        return List.of(Contender.of("downsampled (as shipped)", new MetricsChart()),
                Contender.of("every point (baseline)", new MetricsChart(Integer.MAX_VALUE)));
    }

    /** Lets the JIT compile the drawing code first, so the first size measured does not pay for it. */
    private static void warmUp(List<Contender> contenders) throws Exception {
        RunMetrics metrics = new RunMetrics();
        Random noise = new Random(7);
        for (long i = 1; i <= 10 * PER_EPOCH; i++) {
            feed(metrics, i, noise);
        }
        for (int round = 0; round < 3 * WARM_UP; round++) {
            for (Contender c : contenders) {
                onFx(() -> measure(c, metrics));
            }
        }
    }

    /** One iteration, and an epoch end every {@link #PER_EPOCH}: a loss that falls, with batch-to-batch noise. */
    private static void feed(RunMetrics metrics, long i, Random noise) {
        int epoch = (int) ((i - 1) / PER_EPOCH + 1);
        double loss = 0.3 + 2.0 * Math.exp(-i / 20_000.0) + 0.15 * Math.abs(noise.nextGaussian());
        metrics.accept(new TrainingEvent.Iteration(epoch, i, loss, 1e-3, 1000));
        if (i % PER_EPOCH == 0) {
            metrics.accept(new TrainingEvent.EpochEnd(epoch, i, loss, 1 - loss / 3, loss * 1.1, 1 - loss / 2.8, 6.4));
        }
    }

    /** On the FX thread: the update, then a Java2D render as for PNG export, then the viewer's FXGraphics2D path. */
    private static Times measure(Contender c, RunMetrics metrics) {
        Rectangle2D area = new Rectangle2D.Double(0, 0, WIDTH, HEIGHT);
        long t0 = System.nanoTime();
        c.chart().update(metrics);
        long t1 = System.nanoTime();
        Graphics2D g = c.image().createGraphics();
        c.chart().chart().draw(g, area);
        g.dispose();
        long t2 = System.nanoTime();
        c.canvas().getGraphicsContext2D().clearRect(0, 0, WIDTH, HEIGHT); // as ChartCanvas does: drops older commands
        c.chart().chart().draw(new FXGraphics2D(c.canvas().getGraphicsContext2D()), area);
        long t3 = System.nanoTime();
        return new Times(t1 - t0, t2 - t1, t3 - t2);
    }

    private static int pointsDrawn(MetricsChart chart) {
        int points = 0;
        for (XYPlot plot : ((CombinedDomainXYPlot) chart.chart().getPlot()).getSubplots()) {
            for (int d = 0; d < plot.getDatasetCount(); d++) {
                XYDataset dataset = plot.getDataset(d);
                for (int s = 0; dataset != null && s < dataset.getSeriesCount(); s++) {
                    points += dataset.getItemCount(s);
                }
            }
        }
        return points;
    }

    private static String row(int size, Contender c, int points, List<Times> times) {
        double[] update = times.stream().mapToDouble(t -> t.update() / 1e6).toArray();
        double[] image = times.stream().mapToDouble(t -> t.image() / 1e6).toArray();
        double[] both = times.stream().mapToDouble(t -> (t.update() + t.image()) / 1e6).toArray();
        double[] canvas = times.stream().mapToDouble(t -> t.canvas() / 1e6).toArray();
        return String.format(Locale.ROOT, "| %,d | %s | %,d | %.2f | %.2f | %.2f | %.2f | %.2f |", size, c.name(), points,
                percentile(update, 50), percentile(image, 50), percentile(both, 50), percentile(both, 95),
                percentile(canvas, 50));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get();
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.round(p / 100.0 * (sorted.length - 1)))];
    }
}
