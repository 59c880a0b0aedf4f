package dev.netwright.cluster.spark;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path of a trial's worker process on an executor: the jars Spark fetched for the application (spark.jars,
 * held by the task's class loader) before the executor's own class path (the cluster's Spark, and Netwright's jars
 * where the cluster has them installed).
 */
final class ExecutorClassPath {
    private ExecutorClassPath() {
    }

    static String current() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null;
             loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            entries.add(url.getPath());
                        }
                    }
                }
            }
        }
        Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }
}
