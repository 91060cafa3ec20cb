namespace SimGan.Evaluation.Report;

/// <summary>The JSON Schema (draft 2020-12) that every report.json satisfies, shipped inside the assembly.</summary>
public static class ReportSchema
{
    public static string Text()
    {
        using var stream = typeof(ReportSchema).Assembly.GetManifestResourceStream("SimGan.Evaluation.report.schema.json")
            ?? throw new InvalidOperationException("report.schema.json is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
