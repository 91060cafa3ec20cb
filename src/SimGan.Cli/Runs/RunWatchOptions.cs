namespace SimGan.Cli.Runs;

/// <summary>
/// How a run is watched while it trains: what a collapse does, and which refiner is exported. None of it changes the
/// arithmetic of training (that is <see cref="SimGan.Core.Training.TrainingOptions"/>), so it may change on --resume.
/// </summary>
public sealed record RunWatchOptions
{
    public const string Stop = "stop", Continue = "continue";
    public const string Best = "best", Last = "last";

    /// <summary>stop: end the run (exit 3) once it stays collapsed; continue: warn and train on.</summary>
    public string OnCollapse { get; init; } = Stop;

    /// <summary>Held-out real images (a dataset spec) that every checkpoint is scored against; none: no selection.</summary>
    public string? SelectReal { get; init; }

    /// <summary>Synthetic images (the run's first ones) that every checkpoint refines to be scored.</summary>
    public int SelectImages { get; init; } = 200;

    /// <summary>Which refiner refiner.safetensors holds: the last one trained, or the best scored (needs <see cref="SelectReal"/>).</summary>
    public string Select { get; init; } = Last;

    public void Validate()
    {
        if (OnCollapse is not (Stop or Continue)) throw new UserError($"--on-collapse must be {Stop} or {Continue}, not '{OnCollapse}'");
        if (Select is not (Best or Last)) throw new UserError($"--select must be {Best} or {Last}, not '{Select}'");
        if (Select == Best && SelectReal is null) throw new UserError("--select best needs held-out real images to score checkpoints against: give --select-real SPEC");
        if (SelectImages < 2) throw new UserError("--select-images must be at least 2");
    }
}
