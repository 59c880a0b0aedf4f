package dev.netwright.app.files;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.format.DesignJson;

/** Small valid designs for the file tests. */
final class TinyDesigns {
    static final String VALID = """
            {
              "formatVersion" : 1,
              "name" : "tiny",
              "nodes" : [ {
                "id" : "input", "kind" : "Input", "params" : { "form" : "vector", "size" : 4 }
              }, {
                "id" : "output", "kind" : "Output", "x" : 200.0, "params" : { "units" : 3 }
              } ],
              "edges" : [ { "from" : "input", "to" : "output" } ]
            }
            """;

    private TinyDesigns() {
    }

    static Design named(String name) {
        try {
            return new DesignJson().read(VALID, "test").withName(name);
        } catch (DesignFormatException e) {
            throw new AssertionError(e);
        }
    }
}
