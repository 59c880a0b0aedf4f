package dev.netwright.app.tryit;

import javafx.scene.control.ComboBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Attention method's choices in the Try it panel (the head, or the heads' mean; the token whose attention is drawn
 * over the input, or what each token receives), kept in step with the {@link TryItModel}, and how to read what they
 * show.
 */
final class AttentionChoices {
    static final String MEAN_OF_HEADS = "Mean of heads";
    static final String RECEIVED = "Attention each row receives";

    private final TryItModel model;
    private final ComboBox<String> heads = new ComboBox<>();
    private final ComboBox<String> tokens = new ComboBox<>();
    /** True while the lists are filled from the model: their selection then says nothing new. */
    private boolean filling;

    AttentionChoices(TryItModel model) {
        this.model = model;
        heads.setId("tryit-head");
        tokens.setId("tryit-token");
        tokens.setVisibleRowCount(12);
        model.attentionLayerProperty().addListener((o, was, now) -> fillHeads());
        model.headProperty().addListener((o, was, now) -> fillHeads());
        model.attentionProperty().addListener((o, was, now) -> fillTokens());
        model.tokenProperty().addListener((o, was, now) -> fillTokens());
        heads.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (!filling && now.intValue() >= 0) {
                model.headProperty().set(now.intValue() == 0 ? null : now.intValue() - 1);
            }
        });
        tokens.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (!filling && now.intValue() >= 0) {
                model.tokenProperty().set(now.intValue() == 0 ? null : now.intValue() - 1);
            }
        });
        fillHeads();
        fillTokens();
    }

    ComboBox<String> heads() {
        return heads;
    }

    ComboBox<String> tokens() {
        return tokens;
    }

    private void fillHeads() {
        List<String> items = new ArrayList<>(List.of(MEAN_OF_HEADS));
        for (int h = 0; h < model.heads(model.attentionLayerProperty().get()); h++) {
            items.add("Head " + h);
        }
        Integer head = model.headProperty().get();
        fill(heads, items, head == null ? 0 : head + 1);
    }

    private void fillTokens() {
        List<String> items = new ArrayList<>(List.of(RECEIVED));
        TryItModel.AttentionMap shown = model.attentionProperty().get();
        for (int t = 0; shown != null && t < shown.tokens(); t++) {
            items.add("What row " + t + " attends to");
        }
        Integer token = model.tokenProperty().get();
        fill(tokens, items, token == null ? 0 : token + 1);
    }

    private void fill(ComboBox<String> box, List<String> items, int selected) {
        filling = true;
        try {
            if (!box.getItems().equals(items)) {
                box.getItems().setAll(items);
            }
            box.getSelectionModel().select(Math.min(selected, items.size() - 1));
        } finally {
            filling = false;
        }
    }

    /**
     * The input's rows coloured by attention, {@code rows × width} values: what row {@code token} takes from each row,
     * or (null) the mean attention each row receives; the tokens are the image's rows.
     */
    static double[] rowBands(TryItModel.AttentionMap attention, Integer token, int width) {
        double[] perRow = token == null ? attention.received() : attention.paidBy(token);
        double[] map = new double[perRow.length * width];
        for (int y = 0; y < perRow.length; y++) {
            java.util.Arrays.fill(map, y * width, (y + 1) * width, perRow[y]);
        }
        return map;
    }

    /** How to read the attention shown, in a few sentences. */
    static String reading(TryItModel.AttentionMap attention, Integer token) {
        double[] perRow = token == null ? attention.received() : attention.paidBy(token);
        int most = 0;
        for (int j = 1; j < perRow.length; j++) {
            most = perRow[j] > perRow[most] ? j : most;
        }
        String over = token == null
                ? String.format(Locale.ROOT, "Over the input: the attention each row receives, averaged over the rows "
                        + "that ask; row %d gets the most (%.3f).", most, perRow[most])
                : String.format(Locale.ROOT, "Over the input: what row %d takes from each row; most from row %d "
                        + "(%.3f).", token, most, perRow[most]);
        return String.format(Locale.ROOT, "Attention at %s, %s. Each image row is a token: row i of the matrix is "
                + "how much row i takes from every row, and sums to 1 (uniform: %.3f each).%n", attention.layer(),
                attention.which(), 1.0 / attention.tokens()) + over;
    }
}
