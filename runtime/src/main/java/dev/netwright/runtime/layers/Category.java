package dev.netwright.runtime.layers;

/** Palette groups, in the order the palette shows them. */
public enum Category {
    INPUT("Input"),
    CORE("Core"),
    CONVOLUTION("Convolution"),
    RECURRENT("Recurrent"),
    ATTENTION("Attention"),
    NORMALISATION("Normalisation"),
    MERGE("Merge"),
    OUTPUT("Output");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
