using SimGan.Data.Datasets;
using SimGan.Data.Eyes;
using SimGan.Data.Hands;
using SimGan.Data.Folders;

namespace SimGan.Data.Simulation;

/// <summary>
/// Writes a finite dataset to the folder layout (what `simgan simulate` does). Samples already complete in the
/// folder are skipped, so an interrupted export resumes; every file is written atomically.
/// </summary>
public static class DatasetExporter
{
    /// <summary>Every built-in domain <see cref="Simulate"/> renders, for help texts and errors.</summary>
    public static string Domains => string.Join(", ", EyeDomainNames.All) + ", " + HandDomainNames.Synthetic + " or " + HandDomainNames.Real;

    /// <summary>Validates everything before the first file is created, then renders and writes the domain.</summary>
    public static ExportSummary Simulate(string domain, long count, ulong seed, string outputDirectory,
        int? height = null, int? width = null, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        if (EyeDomainNames.Parse(domain) is null && HandDomainNames.Parse(domain) is null)
            throw new DatasetException($"unknown domain \"{domain}\"; use {Domains}");
        if (count <= 0)
            throw new DatasetException($"--count must be positive, not {count}");
        var dataset = DatasetSpec.Open($"{domain}:{count}", new DatasetOptions(Seed: seed, Height: height, Width: width));
        return Export(dataset, outputDirectory, progress, cancellation);
    }

    public static ExportSummary Export(IDataset dataset, string outputDirectory, IProgress<long>? progress = null,
        CancellationToken cancellation = default)
    {
        if (dataset.Count is not long count)
            throw new DatasetException($"{dataset.Spec} is endless; give a count, e.g. {dataset.Spec}:1000");
        if (string.IsNullOrWhiteSpace(outputDirectory))
            throw new DatasetException("the output directory is empty; pass --out DIR");
        if (File.Exists(outputDirectory))
            throw new DatasetException($"{outputDirectory} is a file; pass a directory to --out");

        using var writer = new FolderDatasetWriter(outputDirectory);
        long skipped = 0, written = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation };
        try
        {
        Parallel.For(0L, count, options,
            () => new float[dataset.Shape.Pixels],
            (index, _, pixels) =>
            {
                string name = dataset.SampleName(index);
                if (writer.IsComplete(name))
                {
                    Interlocked.Increment(ref skipped);
                    return pixels;
                }
                dataset.ReadImage(index, pixels);
                writer.Write(name, pixels, dataset.Shape, dataset.Labels(index));
                long done = Interlocked.Increment(ref written);
                progress?.Report(done);
                return pixels;
            },
            _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Callers catch DatasetException and friends, not the parallel loop's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return new ExportSummary(outputDirectory, written, skipped);
    }
}

/// <summary>What an export did: samples written now, and samples already complete from an earlier run.</summary>
public sealed record ExportSummary(string Directory, long Written, long Skipped);
