package booster.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion",
    description = {"Print a shell completion script for kubectl-booster (bash, or zsh through bashcompinit).",
        "kubectl itself completes plugin names only, so the script completes the kubectl-booster executable."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  # Current bash session",
        "  source <(kubectl booster completion bash)",
        "",
        "  # zsh, permanently",
        "  kubectl booster completion zsh > \"${fpath[1]}/_kubectl-booster\""})
public class CompletionCommand implements Callable<Integer> {
  /** The shells picocli's script supports. */
  public enum Shell { bash, zsh }

  /** The executable kubectl dispatches to, which is what the script completes. */
  static final String EXECUTABLE = "kubectl-booster";

  @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
  Shell shell;

  @Mixin
  HelpOption help = new HelpOption();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    // One script serves both: picocli's script loads bashcompinit itself when sourced by zsh.
    spec.commandLine().getOut().print(AutoComplete.bash(EXECUTABLE, spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
