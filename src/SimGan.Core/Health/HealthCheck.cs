using System.Globalization;

namespace SimGan.Core.Health;

/// <summary>One check of a run's health, as metrics.jsonl and TensorBoard record it.</summary>
/// <param name="RecentDiscriminatorLoss">Running mean of D's loss (NaN before the first D step).</param>
/// <param name="UnhealthyChecks">Consecutive checks with an image problem, this one included.</param>
public sealed record HealthCheck(long Step, RefinedImageHealth Images, HealthProblem Problem, double RecentDiscriminatorLoss,
                                 bool DiscriminatorWins, int UnhealthyChecks, HealthStatus Status)
{
    public string Describe()
    {
        var i = Images;
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"contrast {i.ContrastRatio:0.00}, diversity {i.DiversityRatio:0.00}, structure {i.StructureCorrelation:0.00} of the synthetic images'");
        string images = Problem switch
        {
            HealthProblem.NotFinite => "refined images hold NaN or infinite values",
            HealthProblem.Flat => $"refined images have lost their contrast ({numbers})",
            HealthProblem.AllAlike => $"refined images all look alike ({numbers})",
            HealthProblem.StructureLost => $"refined images no longer show the input's eye ({numbers})",
            _ => "",
        };
        string d = DiscriminatorWins
            ? string.Create(CultureInfo.InvariantCulture, $"D's loss is pinned near 0 (running mean {RecentDiscriminatorLoss:0.0000}): R gets no useful gradient")
            : "";
        return string.Join("; ", new[] { images, d }.Where(s => s.Length > 0));
    }
}
