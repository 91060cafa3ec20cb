namespace SimGan.Data.Datasets;

/// <summary>
/// A dataset cannot be used at all (unknown scheme, missing path, empty folder, mismatched sets, too many bad samples).
/// The message is one line that says what to do; the CLI prints it and exits non-zero.
/// </summary>
public sealed class DatasetException(string message, Exception? inner = null) : Exception(message, inner);
