package dev.netwright.app.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceKindTest {
    @Test
    void aClassSelectionKeepsTheKindOfItsSource() {
        assertThat(SourceKind.of("fashion-mnist#classes=5,6,7,8,9#per-class=50")).isEqualTo(SourceKind.FULL);
        assertThat(SourceKind.of("fashion-mnist-sample#per-class=20")).isEqualTo(SourceKind.SAMPLE);
        assertThat(SourceKind.of("idx:/data/set#classes=1,2")).isEqualTo(SourceKind.IDX);
        assertThat(SourceKind.of("csv:/data/t.csv#label=y#classes=a")).isEqualTo(SourceKind.CSV);
    }
}
