using System.CommandLine;
using Spectre.Console;

namespace SimGan.Cli.Ctl;

/// <summary>
/// Where ctl writes: the invocation's output and error writers (the terminal, or a test's), with a Spectre console
/// over the output for tables.
/// </summary>
public sealed class CtlOutput
{
    // Redirected output has no terminal width; wide enough that an Akka address never wraps inside a cell for grep.
    private const int RedirectedWidth = 200;

    public CtlOutput(ParseResult parse)
    {
        Out = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
        var toTerminal = ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;
        Tables = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = toTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = toTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!toTerminal) Tables.Profile.Width = RedirectedWidth;
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public IAnsiConsole Tables { get; }
}
