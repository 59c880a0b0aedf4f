package dev.netwright.app.start;

import dev.netwright.designer.thumbnail.DesignThumbnail;
import dev.netwright.samples.Sample;
import dev.netwright.samples.Samples;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.List;
import java.util.function.Consumer;

/** The first screen: new or open a design, the samples with a miniature of each graph, and recent designs. */
public final class StartPage extends ScrollPane {
    private static final double THUMB_WIDTH = 240;
    private static final double THUMB_HEIGHT = 120;

    private final VBox recentBox = new VBox(4);
    private final Consumer<Path> openRecent;

    public StartPage(Runnable newDesign, Runnable openDesign, Consumer<String> openSample, Consumer<Path> openRecent,
                     Executor background, Consumer<Runnable> onFxThread) {
        this.openRecent = openRecent;
        setId("start-page");
        setFitToWidth(true);
        Label title = new Label("Netwright");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label subtitle = new Label("Design a deep-learning model by drawing it, train it, and see what it gets wrong.");
        Button create = new Button("New design");
        create.setId("start-new");
        create.setOnAction(e -> newDesign.run());
        Button open = new Button("Open…");
        open.setId("start-open");
        open.setOnAction(e -> openDesign.run());
        HBox actions = new HBox(8, create, open);

        FlowPane cards = new FlowPane(16, 16);
        for (Sample sample : Samples.list()) {
            cards.getChildren().add(card(sample, openSample, background, onFxThread));
        }
        Label samplesTitle = heading("Samples — Fashion-MNIST, train offline at once");
        Label recentTitle = heading("Recent designs");
        recentBox.setId("start-recent");
        VBox page = new VBox(14, title, subtitle, actions, samplesTitle, cards, recentTitle, recentBox);
        page.setPadding(new Insets(24, 32, 24, 32));
        setContent(page);
    }

    /** Replaces the recent designs list. */
    public void showRecent(List<Path> files) {
        recentBox.getChildren().clear();
        if (files.isEmpty()) {
            recentBox.getChildren().add(new Label("None yet: designs you open or save appear here."));
        }
        for (Path file : files) {
            Hyperlink link = new Hyperlink(file.getFileName() + "  —  " + file.toAbsolutePath().getParent());
            link.setOnAction(e -> openRecent.accept(file));
            recentBox.getChildren().add(link);
        }
    }

    private static VBox card(Sample sample, Consumer<String> open, Executor background, Consumer<Runnable> onFxThread) {
        VBox card = new VBox(6);
        card.setId("sample-" + sample.id());
        card.setPadding(new Insets(10));
        card.setPrefWidth(260);
        card.setAlignment(Pos.TOP_LEFT);
        card.setCursor(Cursor.HAND);
        card.setStyle("-fx-background-color: white; -fx-border-color: #c9ced6; -fx-border-radius: 6; -fx-background-radius: 6;");
        Label name = new Label(sample.title());
        name.setStyle("-fx-font-weight: bold; -fx-font-size: 14px;");
        Label description = new Label(sample.summary());
        description.setWrapText(true);
        description.setMaxWidth(240);
        StackPane thumbnail = new StackPane();
        thumbnail.setMinSize(THUMB_WIDTH, THUMB_HEIGHT);
        thumbnail.setPrefSize(THUMB_WIDTH, THUMB_HEIGHT);
        thumbnail.setStyle("-fx-background-color: #f3f4f6;");
        // Laying a sample out (ELK) and drawing it takes a moment: off the FX thread, so the window shows at once.
        background.execute(() -> {
            Canvas drawn = DesignThumbnail.canvas(Samples.load(sample.id()), THUMB_WIDTH, THUMB_HEIGHT);
            onFxThread.accept(() -> thumbnail.getChildren().setAll(drawn));
        });
        card.getChildren().addAll(thumbnail, name, description);
        card.setOnMouseClicked(e -> open.accept(sample.id()));
        return card;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-size: 16px; -fx-font-weight: bold; -fx-padding: 8 0 0 0;");
        return l;
    }
}
