package dev.netwright.cluster;

import dev.netwright.architecture.ArchitectureRules;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** Netwright's architecture rules (one shared set, ArchitectureRules) on this module's classes and those below it. */
class ArchitectureTest {
    @TestFactory
    Stream<DynamicTest> followsNetwrightsArchitecture() {
        return ArchitectureRules.checkAll();
    }
}
