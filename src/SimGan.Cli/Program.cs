using System.CommandLine;
using SimGan.Cli.Commands;
using SimGan.Cli.Composition;

// Training and refining free and re-allocate activation-sized buffers every step; keeping freed native memory saves
// the page faults of mapping them again (docs/benchmarks.md).
SimGan.Core.Runtime.TorchRuntime.RetainFreedNativeMemory();

// The verbs, in the order a user meets them.
var root = new RootCommand("SimGanCluster: SimGAN refiner training (Shrivastava et al., CVPR 2017)")
{
    DemoCommand.Create(),
    TrainCommand.Create(),
    NodeCommand.Create(),
    RefineCommand.Create(),
    SimulateCommand.Create(),
    EvaluateCommand.Create(spec => Datasets.Open(spec), Datasets.RefineAndOpen),
    BenchCommand.Create(),
    CtlCommand.Create(),
};
// Ctrl+C and SIGTERM cancel the running verb, which then saves a checkpoint; give it time to finish that.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(2) };
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One line and the usage exit code, like every other input error; --help shows the details.
    Console.Error.WriteLine($"simgan: {parsed.Errors[0].Message} (see simgan {parsed.CommandResult.Command.Name} --help)");
    return SimGan.Cli.CliErrors.UsageOrInput;
}
return await parsed.InvokeAsync(invocation);
