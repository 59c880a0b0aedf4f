package dev.netwright.app.doctor;

import dev.netwright.runtime.train.TrainingEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The Doctor tab: the training doctor's findings on the run in view, each with its explanation and what to try. */
public final class DoctorPanel extends BorderPane {
    private final DoctorModel model;
    private final ListView<TrainingEvent.Finding> list = new ListView<>();

    public DoctorPanel(DoctorModel model) {
        this.model = model;
        Label heading = new Label();
        heading.setId("doctor-heading");
        heading.setWrapText(true);
        heading.textProperty().bind(model.headingProperty());
        heading.setPadding(new Insets(6));
        list.setId("doctor-findings");
        list.setItems(model.findings());
        list.setPlaceholder(new Label("No findings."));
        list.setCellFactory(view -> new FindingCell(view));
        setTop(heading);
        setCenter(list);
        setId("doctor-panel");
    }

    public DoctorModel model() {
        return model;
    }

    ListView<TrainingEvent.Finding> list() {
        return list;
    }

    /** One finding: a bold title, the explanation wrapped to the list's width, then what to try. */
    private static final class FindingCell extends ListCell<TrainingEvent.Finding> {
        private final Label title = new Label();
        private final Label explanation = new Label();
        private final Label actions = new Label();
        private final VBox box = new VBox(2, title, explanation, actions);

        FindingCell(ListView<TrainingEvent.Finding> view) {
            title.setStyle("-fx-font-weight: bold;");
            explanation.setWrapText(true);
            actions.setWrapText(true);
            box.maxWidthProperty().bind(view.widthProperty().subtract(30));
            explanation.maxWidthProperty().bind(box.maxWidthProperty());
            actions.maxWidthProperty().bind(box.maxWidthProperty());
        }

        @Override
        protected void updateItem(TrainingEvent.Finding finding, boolean empty) {
            super.updateItem(finding, empty);
            if (empty || finding == null) {
                setGraphic(null);
                return;
            }
            title.setText(DoctorModel.title(finding));
            explanation.setText(finding.explanation());
            actions.setText(DoctorModel.actions(finding));
            setGraphic(box);
        }
    }
}
