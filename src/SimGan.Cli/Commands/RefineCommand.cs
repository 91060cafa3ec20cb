using System.CommandLine;
using SimGan.Cli.Terminal;
using SimGan.Cli.Composition;
using SimGan.Cluster.Hosting;

namespace SimGan.Cli.Commands;

/// <summary><c>simgan refine</c>: applies a trained refiner to a whole dataset.</summary>
public static class RefineCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A run folder, a refiner.safetensors export or a .sgck checkpoint", Required = true };
        var input = new Option<string>("--input") { Description = "Dataset spec to refine (needs a count for generators, e.g. eyes-synthetic:1000)", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: images/, labels.jsonl, manifest.json", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Images per forward pass", DefaultValueFactory = _ => 64 };
        var seed = new Option<ulong>("--seed") { Description = "Seed for built-in generators", DefaultValueFactory = _ => 1 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress display" };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad sample instead of skipping it" };
        var allowDegenerate = new Option<bool>("--allow-degenerate") { Description = $"Refine even with a refiner whose output on the first {Datasets.FitnessImages} images is degenerate (flat, all alike, without the input's eye, or NaN); refused by default" };
        var engine = new Option<string>("--engine") { Description = "local: this process refines; cluster: discriminator nodes refine the batches (this process alone without --seeds)", DefaultValueFactory = _ => "local" };
        var precision = new Option<string>("--precision") { Description = "Number format of the refiner's passes: fp32, bf16 or fp16 (local engine)", DefaultValueFactory = _ => "fp32" };
        var workers = new Option<int>("--workers") { Description = "Cluster engine: refine workers to wait for before starting", DefaultValueFactory = _ => 1 };
        // The driver itself refines only with --roles discriminator; without --seeds it is its own (only) worker.
        var cluster = new ClusterOptionSet(defaultRoles: "discriminator", defaultAdminPort: null, rolesHelp: "discriminator alone, none with --seeds");
        var command = new Command("refine", "Refine a whole dataset with a trained refiner; labels are carried over unchanged")
        {
            model, input, output, batch, seed, quiet, strict, engine, workers, allowDegenerate, precision,
        };
        cluster.AddTo(command);
        command.SetAction((p, cancel) => CliErrors.GuardAsync(async () =>
        {
            if (p.GetValue(batch) <= 0) throw new UserError("--batch-size must be positive");
            string engineName = p.GetValue(engine)!;
            if (engineName is not ("cluster" or "local")) throw new UserError($"--engine must be local or cluster, not '{engineName}'");
            if (p.GetValue(workers) < 1) throw new UserError("--workers must be at least 1");
            var passes = Datasets.Precision(p.GetValue(precision)!);
            using var refiner = Datasets.LoadRefiner(p.GetValue(model)!);
            if (engineName == "local") refiner.PlaceOn(cluster.ResolveDevice(p), passes);
            var data = Datasets.Open(p.GetValue(input)!, p.GetValue(seed), p.GetValue(strict), refiner.Refiner.Spec.Channels);
            if (!p.GetValue(allowDegenerate)) Datasets.RequireFit(refiner, data);
            var result = engineName == "local"
                ? ProgressReporter.Run(p.GetValue(quiet), "refining", report =>
                    Datasets.Refine(refiner, data, p.GetValue(output)!, p.GetValue(batch),
                                    (done, total) => report($"refined {done}/{total}", (double)done / total), cancel))
                : await ClusterRefining.RunAsync(refiner, data, p.GetValue(output)!, p.GetValue(batch), p.GetValue(workers),
                                                 DriverNode(cluster, workers, p), cluster.ResolveAdmin(p), p.GetValue(quiet), cancel);
            if (cancel.IsCancellationRequested)
            {
                Console.Error.WriteLine($"interrupted after {result.Written} new images; run the same command again to finish");
                return CliErrors.Interrupted;
            }
            Console.WriteLine($"refined {result.Written} images ({result.Skipped} already done) into {Path.GetFullPath(result.OutputDirectory)}");
            return 0;
        }));
        return command;
    }

    /// <summary>The refine driver takes no training role; with --seeds it only hands out batches unless told to refine too.</summary>
    private static NodeSettings DriverNode(ClusterOptionSet cluster, Option<int> workers, ParseResult p)
    {
        var node = cluster.Resolve(p, defaultPersistence: null, quietByDefault: true);
        if (node.Roles.Any(r => r != Roles.Discriminator))
            throw new UserError("a refine driver can take only the discriminator role (it then refines batches too)");
        if (node.SingleNode && p.GetValue(workers) > 1)
            throw new UserError("a single node is one refine worker; give --seeds to use --workers above 1");
        if (!node.SingleNode && p.GetValue(cluster.RolesOption) is null && NodeEnvironment.Get(NodeEnvironment.Roles) is null)
            node = node with { Roles = [] };
        return node;
    }
}
