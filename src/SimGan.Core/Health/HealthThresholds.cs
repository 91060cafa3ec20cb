namespace SimGan.Core.Health;

/// <summary>What the health checks call a problem, and how long a problem must last before the run counts as collapsed.</summary>
public sealed record HealthThresholds
{
    /// <summary>Below this median contrast ratio the refined images have gone flat.</summary>
    public double MinContrastRatio { get; init; } = 0.2;

    /// <summary>Below this diversity ratio every input is refined to nearly the same image.</summary>
    public double MinDiversityRatio { get; init; } = 0.2;

    /// <summary>Below this structure correlation the eye the labels describe has left the refined images.</summary>
    public double MinStructureCorrelation { get; init; } = 0.3;

    /// <summary>A running mean of D's loss below this says D wins every patch: R's adversarial gradient has vanished.</summary>
    public double LowDiscriminatorLoss { get; init; } = 0.01;

    /// <summary>Consecutive unhealthy checks (one per sample sheet) before a run counts as collapsed; NaN counts at once.</summary>
    public int Patience { get; init; } = 3;

    public HealthProblem Judge(RefinedImageHealth health) =>
        !health.Finite ? HealthProblem.NotFinite
        : health.ContrastRatio < MinContrastRatio ? HealthProblem.Flat
        : health.DiversityRatio < MinDiversityRatio ? HealthProblem.AllAlike
        : health.StructureCorrelation < MinStructureCorrelation ? HealthProblem.StructureLost
        : HealthProblem.None;
}

public enum HealthProblem { None, NotFinite, Flat, AllAlike, StructureLost }

public enum HealthStatus { Healthy, Warning, Collapsed }
