package dev.netwright.app.data;

import dev.netwright.runtime.data.DataSources;

import java.nio.file.Path;
import java.util.Objects;

/** The kinds of data source the user can pick, how each is chosen (nothing, a file or a folder) and its reference. */
public enum SourceKind {
    SAMPLE("Fashion-MNIST subset (bundled)", Pick.NOTHING, DataSources.SAMPLE),
    FULL("Fashion-MNIST full (Debian package)", Pick.NOTHING, DataSources.FULL),
    IDX("IDX folder…", Pick.FOLDER, "idx:"),
    CSV("CSV file…", Pick.FILE, "csv:"),
    IMAGES("Image folder…", Pick.FOLDER, "images:");

    /** What the user has to choose before the source can be opened. */
    public enum Pick { NOTHING, FILE, FOLDER }

    private final String label;
    private final Pick pick;
    private final String refPrefix;

    SourceKind(String label, Pick pick, String refPrefix) {
        this.label = label;
        this.pick = pick;
        this.refPrefix = refPrefix;
    }

    public String label() {
        return label;
    }

    public Pick pick() {
        return pick;
    }

    /** The reference for a kind that needs nothing chosen. */
    public String ref() {
        if (pick != Pick.NOTHING) {
            throw new IllegalStateException(label + " needs a " + pick.name().toLowerCase() + " to be chosen");
        }
        return refPrefix;
    }

    /** The reference for {@code chosen}, e.g. {@code csv:/home/me/iris.csv}. */
    public String ref(Path chosen) {
        Objects.requireNonNull(chosen, "chosen");
        if (pick == Pick.NOTHING) {
            return refPrefix;
        }
        return refPrefix + chosen.toAbsolutePath();
    }

    /**
     * The kind a reference belongs to; {@code fashion-mnist:DIR} counts as an IDX folder (same files), and a class
     * selection ({@code #classes=}, {@code #per-class=}) does not change the kind.
     */
    public static SourceKind of(String ref) {
        String r = ref == null ? "" : DataSources.sourcePart(ref);
        if (r.equals(DataSources.SAMPLE)) {
            return SAMPLE;
        }
        if (r.equals(DataSources.FULL)) {
            return FULL;
        }
        if (r.startsWith("csv:")) {
            return CSV;
        }
        if (r.startsWith("images:")) {
            return IMAGES;
        }
        if (r.startsWith("idx:") || r.startsWith(DataSources.FULL + ":")) {
            return IDX;
        }
        return null;
    }

    @Override
    public String toString() {
        return label;
    }
}
