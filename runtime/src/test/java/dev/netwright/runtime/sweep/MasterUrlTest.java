package dev.netwright.runtime.sweep;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterUrlTest {
    @Test
    void standaloneAndLocalMastersAreTaken() {
        MasterUrl standalone = MasterUrl.parse("spark://node1.example:7077");
        assertThat(standalone.host()).isEqualTo("node1.example");
        assertThat(standalone.port()).isEqualTo(7077);
        assertThat(standalone.isLocal()).isFalse();
        assertThat(MasterUrl.parse("local[2]").isLocal()).isTrue();
        assertThat(MasterUrl.parse("local[*]").isLocal()).isTrue();
        assertThat(MasterUrl.parse("local[2,3]").isLocal()).isTrue();
    }

    @Test
    void otherMastersAreRefusedSayingWhatIsTaken() {
        assertThatThrownBy(() -> MasterUrl.parse("yarn")).hasMessageStartingWith("'yarn' is not a Spark master URL")
                .hasMessageContaining("spark://HOST:PORT").hasMessageContaining("YARN, Kubernetes and Mesos are not supported yet");
        assertThatThrownBy(() -> MasterUrl.parse("spark://host")).hasMessageContaining("use spark://HOST:PORT");
        assertThatThrownBy(() -> MasterUrl.parse("spark://host:70770")).hasMessageContaining("the port must be from 1 to 65535");
    }

    @Test
    void aMasterNobodyListensAtIsNamed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } // closed: nothing listens there now
        MasterUrl url = MasterUrl.parse("spark://127.0.0.1:" + port);
        assertThatThrownBy(url::requireReachable)
                .hasMessageStartingWith("Cannot reach the Spark master spark://127.0.0.1:" + port + ": ")
                .hasMessageContaining("is the master running");
    }
}
