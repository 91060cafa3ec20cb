namespace SimGan.Cli;

/// <summary>A problem the user can fix (bad option, missing file): printed as one line, exit code 2.</summary>
public sealed class UserError(string message) : Exception(message);
