namespace SimGan.Fuzz;

/// <summary>What a parser did with one input.</summary>
public enum FuzzOutcome { Accepted, Refused }

/// <summary>
/// One parser of outside bytes, with the exceptions that are its documented way of refusing them. Any other
/// exception escapes <see cref="Run"/>: that is what the fuzzer counts as a crash, and what the regression suite
/// fails on.
/// </summary>
public abstract class FuzzTarget : IDisposable
{
    public abstract string Name { get; }

    /// <summary>What the target feeds its input to, for --help and the docs.</summary>
    public abstract string Parser { get; }

    /// <summary>Parses the input as the product would; throws whatever the parser throws.</summary>
    protected abstract void Parse(byte[] input);

    /// <summary>True for the exceptions the parser promises for bad input (each carries a message for the user).</summary>
    protected abstract bool IsRefusal(Exception error);

    /// <summary>Well-formed inputs the fuzzer starts from; each must be accepted.</summary>
    public abstract IEnumerable<(string Name, byte[] Bytes)> Seeds();

    public FuzzOutcome Run(byte[] input) => Attempt(input, out _);

    /// <summary>Runs the input and says what happened in one line, for replaying kept inputs.</summary>
    public string Describe(byte[] input) =>
        Attempt(input, out var refusal) == FuzzOutcome.Accepted
            ? "accepted"
            : $"refused: {refusal!.GetType().Name}: {refusal.Message.Split('\n')[0]}";

    FuzzOutcome Attempt(byte[] input, out Exception? refusal)
    {
        refusal = null;
        try
        {
            Parse(input);
            return FuzzOutcome.Accepted;
        }
        catch (Exception error) when (IsRefusal(error))
        {
            refusal = error;
            return FuzzOutcome.Refused;
        }
    }

    public virtual void Dispose()
    {
    }
}
