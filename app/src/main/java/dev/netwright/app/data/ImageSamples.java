package dev.netwright.app.data;

import dev.netwright.runtime.data.Examples;

import java.util.ArrayList;
import java.util.List;

/** Turns the first examples of an image data set (floats 0..255, channels last) into ARGB pictures. */
final class ImageSamples {

    private ImageSamples() {
    }

    static DataPreview.Images first(Examples examples, int count) {
        int n = Math.min(count, examples.size());
        List<DataPreview.SampleImage> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            samples.add(new DataPreview.SampleImage(examples.width(), examples.height(), ExamplePixels.argb(examples, i),
                    examples.classNames().get(examples.labels()[i])));
        }
        return new DataPreview.Images(samples);
    }
}
