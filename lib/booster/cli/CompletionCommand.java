package booster.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = {
      "Print a shell completion script for the kubectl-booster executable (bash, or zsh through "
          + "bashcompinit).",
      "For 'kubectl booster <TAB>', kubectl 1.26+ completes the plugin itself: it runs the executable "
          + "kubectl_complete-booster, installed beside the plugin (see its README), so kubectl's own completion "
          + "script is all a shell needs."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # kubectl booster <TAB>: kubectl's own completion, with kubectl_complete-booster on PATH",
      "  source <(kubectl completion bash)",
      "",
      "  # kubectl-booster <TAB> in this bash session",
      "  source <(kubectl booster completion bash)",
      "",
      "  # zsh, in ~/.zshrc after compinit",
      "  source <(kubectl booster completion zsh)"
    })
final class CompletionCommand implements Callable<Integer> {
  /** The shells picocli's script supports. */
  enum Shell {
    bash,
    zsh
  }

  /** The executable kubectl dispatches to, which is what the script completes. */
  static final String EXECUTABLE = "kubectl-booster";

  @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
  Shell shell;

  @Mixin HelpOptions help = new HelpOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // One script serves both: picocli's script loads bashcompinit itself when sourced by zsh.
    spec.commandLine().getOut().print(AutoComplete.bash(EXECUTABLE, spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
