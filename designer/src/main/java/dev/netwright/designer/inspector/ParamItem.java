package dev.netwright.designer.inspector;

import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

import java.util.Optional;

/** Adapts a {@link ParamField} to ControlsFX's property sheet: label, group, help text and live value. */
final class ParamItem implements PropertySheet.Item {
    private final ParamField field;

    ParamItem(ParamField field) {
        this.field = field;
    }

    ParamField field() {
        return field;
    }

    @Override
    public Class<?> getType() {
        return field.spec().type().javaType();
    }

    @Override
    public String getCategory() {
        return field.spec().group();
    }

    @Override
    public String getName() {
        return field.spec().label();
    }

    @Override
    public String getDescription() {
        return field.spec().help() + " Allowed: " + field.spec().allowed() + ".";
    }

    @Override
    public Object getValue() {
        return field.value();
    }

    @Override
    public void setValue(Object value) {
        field.submit(value);
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(field.valueProperty());
    }
}
