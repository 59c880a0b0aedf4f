package dev.netwright.app.cli;

/** Small designs written as JSON for the export tests: an input and a chain of nodes, each built by these helpers. */
final class DesignCases {
    private DesignCases() {
    }

    /** A design: its input node and the nodes after it, one chain. */
    record Case(String name, String input, String... nodes) {
        String json() {
            StringBuilder edges = new StringBuilder();
            String previous = "input";
            for (String node : nodes) {
                String id = node.replaceAll("(?s)^\\{ \"id\" : \"([^\"]+)\".*", "$1");
                edges.append(edges.length() == 0 ? "" : ", ").append(edge(previous, id));
                previous = id;
            }
            return "{ \"formatVersion\" : 1, \"name\" : \"" + name + "\", \"nodes\" : [ " + input + ", "
                    + String.join(", ", nodes) + " ], \"edges\" : [ " + edges + " ] }";
        }
    }

    static String edge(String from, String to) {
        return "{ \"from\" : \"" + from + "\", \"to\" : \"" + to + "\" }";
    }

    static String node(String id, String kind, String params) {
        return "{ \"id\" : \"" + id + "\", \"kind\" : \"" + kind + "\", \"params\" : { " + params + " } }";
    }

    static String sequence(int steps, int features) {
        return node("input", "Input", "\"form\" : \"sequence\", \"steps\" : " + steps + ", \"features\" : " + features);
    }

    static String image(int height, int width, int channels) {
        return node("input", "Input", "\"form\" : \"image\", \"height\" : " + height + ", \"width\" : " + width
                + ", \"channels\" : " + channels);
    }

    static String vector(int size) {
        return node("input", "Input", "\"form\" : \"vector\", \"size\" : " + size);
    }

    static String flatten() {
        return node("flatten", "Flatten", "");
    }

    /** Three regression outputs: no softmax to hide a difference in the values before it. */
    static String output() {
        return node("output", "Output", "\"units\" : 3, \"loss\" : \"identity-mse\"");
    }
}
