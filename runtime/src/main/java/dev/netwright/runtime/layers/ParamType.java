package dev.netwright.runtime.layers;

/** The value types a layer parameter can have, and the Java type each is held as. */
public enum ParamType {
    INT(Integer.class, "a whole number"),
    DOUBLE(Double.class, "a number"),
    BOOLEAN(Boolean.class, "true or false"),
    CHOICE(String.class, "one of the listed choices");

    private final Class<?> javaType;
    private final String inWords;

    ParamType(Class<?> javaType, String inWords) {
        this.javaType = javaType;
        this.inWords = inWords;
    }

    public Class<?> javaType() {
        return javaType;
    }

    public String inWords() {
        return inWords;
    }
}
