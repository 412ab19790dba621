package dev.sockbench.report.claims;

/** What this machine says of a claim. */
public enum Verdict {
    HOLDS("holds"),
    HOLDS_IN_RANGE("holds only in a range"),
    PARTLY("holds in part"),
    DOES_NOT_HOLD("does not hold"),
    NOT_MEASURED("not measured in this run");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** For people, e.g. {@code holds only in a range}. */
    public String text() {
        return text;
    }

    /** A CSS class name: {@code holds}, {@code range}, {@code partly}, {@code not}, {@code none}. */
    public String cssClass() {
        return switch (this) {
            case HOLDS -> "holds";
            case HOLDS_IN_RANGE -> "range";
            case PARTLY -> "partly";
            case DOES_NOT_HOLD -> "not";
            case NOT_MEASURED -> "none";
        };
    }
}
