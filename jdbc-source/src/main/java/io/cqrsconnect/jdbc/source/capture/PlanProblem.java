package io.cqrsconnect.jdbc.source.capture;

/** A target that cannot be captured as configured, with the setting to change. */
public final class PlanProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final String configKey;

    public PlanProblem(String configKey, String message) {
        super(message);
        this.configKey = configKey;
    }

    /** The setting the user should change. */
    public String configKey() {
        return configKey;
    }
}
