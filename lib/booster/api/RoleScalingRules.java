package booster.api;

import java.util.List;

/**
 * A prefill or decode worker's {@code maxReplicas}: role autoscaling inside each serving group,
 * rendered as a Kthena v1.0 disaggregatedTarget whose role bounds are the worker's {@code replicas}
 * and {@code maxReplicas}. Whether the target Kthena can express it is the translator's concern;
 * these rules hold for every target.
 */
final class RoleScalingRules {
  private RoleScalingRules() {}

  /**
   * @param policyPath the policy that would scale this backend ({@code spec.autoscalingPolicy} or
   *     {@code spec.backends[i].autoscalingPolicy}), present or not
   */
  static void backend(
      ModelBackend backend,
      FieldPath path,
      FieldPath policyPath,
      boolean hasPolicy,
      FieldErrors errors) {
    if (!backend.scalesRoles()) {
      return;
    }
    List<ModelWorker> workers = backend.getWorkers();
    for (int j = 0; j < workers.size(); j++) {
      ModelWorker w = workers.get(j);
      if (w != null && w.getMaxReplicas() != null) {
        worker(
            w, path.child("workers").index(j).child("maxReplicas"), policyPath, hasPolicy, errors);
      }
    }
    groupsFixed(backend, path, errors);
    for (WorkerType role : List.of(WorkerType.PREFILL, WorkerType.DECODE)) {
      int j = backend.lastWorkerIndex(role);
      if (j >= 0
          && workers.get(j).getMaxReplicas() == null
          && workers.get(j).effectiveReplicas() < 1) {
        errors.invalid(
            path.child("workers").index(j).child("replicas"),
            0,
            "a role-autoscaled backend needs "
                + "every role at 1 replica or more, or a maxReplicas (Kthena wants each role's maxReplicas >= 1)");
      }
    }
  }

  private static void worker(
      ModelWorker w, FieldPath path, FieldPath policyPath, boolean hasPolicy, FieldErrors errors) {
    WorkerType type = w.effectiveType();
    if (type != WorkerType.PREFILL && type != WorkerType.DECODE) {
      errors.forbidden(
          path,
          "only prefill and decode workers scale by role; a "
              + type.value()
              + " worker scales with its serving group");
    } else if (w.getMaxReplicas() < w.effectiveReplicas()) {
      errors.invalid(
          path,
          w.getMaxReplicas(),
          "must be greater than or equal to replicas ("
              + w.effectiveReplicas()
              + "), the role's minimum");
    }
    if (!hasPolicy) {
      errors.forbidden(
          path, "role autoscaling needs " + policyPath + " (its metrics drive the roles)");
    }
  }

  /**
   * Role scaling and serving-group scaling cannot be combined, so the group count must be fixed.
   */
  private static void groupsFixed(ModelBackend backend, FieldPath path, FieldErrors errors) {
    Integer min = backend.getMinReplicas();
    Integer max = backend.getMaxReplicas();
    String why =
        "a worker sets maxReplicas (role autoscaling), which cannot be combined with serving-group "
            + "autoscaling: set minReplicas equal to maxReplicas";
    if (min == null || max == null) {
      errors.required(path.child("maxReplicas"), why);
    } else if (!min.equals(max)) {
      errors.invalid(path.child("maxReplicas"), max, why + " (" + min + ")");
    }
  }
}
