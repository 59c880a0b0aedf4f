package dev.netwright.app.window;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;

import static dev.netwright.app.window.WindowTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15, defect 3: the keys went to the palette's search box after a run ended or a fix link was clicked. */
@ExtendWith(ApplicationExtension.class)
class FocusKeeperTest {
    private TextField search;
    private Button train;
    private Pane canvas;
    private Scene scene;

    @Start
    void start(Stage stage) {
        search = new TextField();
        train = new Button("Train");
        canvas = new Pane();
        canvas.setFocusTraversable(true);
        canvas.setPrefSize(200, 200);
        scene = new Scene(new VBox(search, canvas, train)); // the window's order: palette, canvas, training panel
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void withoutItJavaFxGivesTheFocusOfADisabledButtonToTheSearchBox() throws Exception {
        // what the window did: the focus moves on past the last control to the first, the palette's search box
        focusAndThen(train, () -> train.setDisable(true));

        assertThat(focusOwner()).isSameAs(search);
    }

    @Test
    void aButtonDisabledUnderTheFocusGivesItToTheCanvas() throws Exception {
        install();

        focusAndThen(train, () -> train.setDisable(true));

        assertThat(focusOwner()).isSameAs(canvas);
    }

    @Test
    void aLinkHiddenUnderTheFocusGivesItToTheCanvas() throws Exception {
        install();

        focusAndThen(train, () -> train.setVisible(false));

        assertThat(focusOwner()).isSameAs(canvas);
    }

    @Test
    void focusTheUserMovesStaysWhereTheyPutIt() throws Exception {
        install();

        focusAndThen(train, () -> search.requestFocus());

        assertThat(focusOwner()).isSameAs(search);
    }

    @Test
    void withNoDesignOpenNothingIsTaken() throws Exception {
        onFx(() -> FocusKeeper.install(scene, Optional::empty));

        focusAndThen(train, () -> train.setDisable(true));

        assertThat(focusOwner()).isNotSameAs(canvas);
    }

    private void install() throws Exception {
        onFx(() -> FocusKeeper.install(scene, () -> Optional.of(canvas)));
    }

    private void focusAndThen(Node first, Runnable change) throws Exception {
        onFx(first::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusOwner()).isSameAs(first);
        onFx(change);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node focusOwner() throws Exception {
        return onFx(() -> scene.getFocusOwner());
    }
}
