package booster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "tree",
    description = {
      "Show a booster's ownership tree: booster, its children, and the pods of each ModelServing.",
      "Reads one list per kind (about 7 requests), never every API type."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # The tree of one booster",
      "  kubectl booster tree qwen",
      "",
      "  # In another namespace and context",
      "  kubectl booster tree qwen -n models --context prod"
    })
final class TreeCommand extends ClusterCommand {
  /** The ModelServing controller labels each pod with the name of its ModelServing. */
  static final String SERVING_NAME = "modelserving.volcano.sh/name";

  @Parameters(paramLabel = "NAME", description = "The booster.")
  String name;

  @Override
  int run(KubeSession session) {
    TreeView.render(TreeNodes.read(session, name), terminal, clock.instant())
        .forEach(out()::println);
    return 0;
  }
}
