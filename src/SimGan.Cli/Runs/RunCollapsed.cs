namespace SimGan.Cli.Runs;

/// <summary>A training run ended collapsed; the message is the one line that says how and what to do.</summary>
public sealed class RunCollapsed(string message) : Exception(message);
