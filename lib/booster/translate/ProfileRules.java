package booster.translate;

import booster.api.ModelBackend;
import booster.api.ModelBooster;
import booster.api.ModelWorker;
import booster.api.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * What a valid booster asks for that a profile's child schemas cannot express. Only role
 * autoscaling so far: a Kthena v0.4 AutoscalingPolicyBinding scales whole serving groups, never the
 * roles inside one. Not in booster.api: whether a booster is valid there does not depend on the
 * Kthena release it is rendered for.
 */
final class ProfileRules {
  private ProfileRules() {}

  /**
   * Errors naming the field; null-safe like {@link booster.api.Validation}, which runs beside it.
   */
  static List<Problem> check(ModelBooster booster, KthenaProfile profile) {
    List<Problem> problems = new ArrayList<>();
    if (profile != KthenaProfile.V0_4 || booster == null || booster.getSpec() == null) {
      return problems;
    }
    List<ModelBackend> backends = booster.getSpec().allBackends();
    for (int i = 0; i < backends.size(); i++) {
      List<ModelWorker> workers = backends.get(i) == null ? null : backends.get(i).getWorkers();
      for (int j = 0; workers != null && j < workers.size(); j++) {
        if (workers.get(j) != null && workers.get(j).getMaxReplicas() != null) {
          problems.add(
              Problem.error(
                  booster.getSpec().backendPath(i) + ".workers[" + j + "].maxReplicas",
                  "Forbidden: role autoscaling needs Kthena v1.0; this render is for Kthena "
                      + profile.label()
                      + ", whose autoscaling scales whole serving groups"));
        }
      }
    }
    return problems;
  }
}
