using System.CommandLine;
using SimGan.Cli.Commands;

// The verbs, in the order a user meets them.
var root = new RootCommand("SimGanCluster: SimGAN refiner training (Shrivastava et al., CVPR 2017)")
{
    DemoCommand.Create(),
    TrainCommand.Create(),
    RefineCommand.Create(),
    SimulateCommand.Create(),
};
// Ctrl+C and SIGTERM cancel the running verb, which then saves a checkpoint; give it time to finish that.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(2) };
return await root.Parse(args).InvokeAsync(invocation);
