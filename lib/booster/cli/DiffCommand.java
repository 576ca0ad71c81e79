package booster.cli;

import booster.api.ModelBooster;
import booster.translate.KthenaProfile;
import booster.translate.Translator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
    name = "diff",
    description = {
      "Show what applying boosters would change: the booster itself, children to create, fields we set "
          + "that differ, and children that would be pruned, as a unified diff of LIVE and MERGED YAML.",
      "Compares like the operator does (only the fields a booster sets count) and warns about immutable fields.",
      "KUBECTL_EXTERNAL_DIFF selects another diff program, as for kubectl diff."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no differences",
      "1:differences found",
      ">1:kubectl booster or the diff program failed"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # What would applying this manifest change?",
      "  kubectl booster diff -f qwen.yaml",
      "",
      "  # Has a stored booster drifted from what the current translator renders?",
      "  kubectl booster diff qwen",
      "",
      "  # With another diff program",
      "  KUBECTL_EXTERNAL_DIFF=\"meld\" kubectl booster diff -f qwen.yaml"
    })
final class DiffCommand extends ClusterCommand {
  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      description = "A stored booster, rendered by this plugin.")
  String name;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      description = ManifestOptions.FILENAME_HELP)
  List<String> files = new ArrayList<>();

  @Option(
      names = {"-R", "--recursive"},
      description = ManifestOptions.RECURSIVE_HELP)
  boolean recursive;

  @Mixin TranslatorOptions translator = new TranslatorOptions();

  @Override
  int failureExitCode() {
    return 2;
  }

  @Override
  void checkArguments() {
    if ((name == null) == files.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          name == null
              ? "give -f FILE or a booster NAME"
              : "give either -f FILE or NAME, not both");
    }
  }

  @Override
  int run(KubeSession session) throws Exception {
    DiffPlan plan = new DiffPlan();
    if (name != null) {
      ModelBooster live = StoredBoosters.requireTyped(session.client(), session.namespace(), name);
      plan.children(session.client(), live, translator(session).translate(live));
    } else {
      Translator translate = translator(session);
      Map<Manifest, List<GenericKubernetesResource>> rendered =
          BoosterInput.translated(
              ManifestOptions.read(files, recursive, root.stdin()),
              "diff",
              namespace,
              session.namespace(),
              translate,
              err());
      for (Map.Entry<Manifest, List<GenericKubernetesResource>> e : rendered.entrySet()) {
        ModelBooster desired = e.getKey().booster();
        ModelBooster live =
            StoredBoosters.typed(
                session.client(),
                desired.getMetadata().getNamespace(),
                desired.getMetadata().getName());
        plan.booster(live, desired);
        if (live == null) {
          plan.additions(e.getValue());
        } else {
          // Children carry the stored booster's UID (labels, ownerReferences): render as the
          // operator would.
          desired.getMetadata().setUid(live.getMetadata().getUid());
          plan.children(session.client(), live, translate.translate(desired));
        }
      }
    }
    plan.warnings.forEach(w -> err().println("Warning: " + w));
    return DiffProgram.run(plan.objects, root.environment(), terminal, out(), err());
  }

  /**
   * The translator for the cluster's Kthena release (asked only once something is to be rendered).
   */
  private Translator translator(KubeSession session) {
    KthenaProfile profile =
        kthenaVersion.value(root.environment()).resolve(session.client()).profile();
    return new Translator(translator.config(root.environment()).withProfile(profile));
  }
}
