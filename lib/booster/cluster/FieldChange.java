package booster.cluster;

/**
 * One field where a live child differs from what the booster wants. {@code immutable} marks a
 * change the API server would refuse (docs/design.md §3.6): the operator does not send it and the
 * plugin's diff flags it.
 */
public record FieldChange(String path, Object desired, Object live, boolean immutable) {}
