using System.Text.Json.Nodes;
using Json.Schema;
using SimGan.Evaluation.Labels;
using SimGan.Evaluation.Report;
using SimGan.Evaluation.Tests.TestData;

namespace SimGan.Evaluation.Tests.Report;

public class ReportJsonTests
{
    static readonly JsonSchema Schema = JsonSchema.FromText(ReportSchema.Text());

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Reports_satisfy_the_schema(bool withReal, bool multiplied)
    {
        var report = ReportJson.Build(SampleResults.Make(withReal, multiplied));
        AssertValid(report);
    }

    [Fact]
    public void Written_file_holds_the_issues_keys_and_values()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"report-json-{Guid.NewGuid():N}");
        try
        {
            string path = ReportJson.Write(directory, SampleResults.Make());
            var report = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal(7.5, report["gaze"]!["synthetic"]!["mean_error_deg"]!.GetValue<double>(), 1e-9);
            Assert.Equal(0.5, report["gaze"]!["synthetic"]!["within_7deg"]!.GetValue<double>(), 1e-9);
            Assert.Equal(0.75, report["gaze"]!["refined"]!["within_7deg"]!.GetValue<double>(), 1e-9);
            Assert.Equal(26, report["gaze"]!["real"]!["cumulative"]!.AsArray().Count);
            Assert.Equal(0.81, report["realism"]!["synthetic_vs_real"]!["accuracy"]!.GetValue<double>(), 1e-9);
            Assert.Equal(0.44, report["realism"]!["refined_vs_real"]!["ci95"]![0]!.GetValue<double>(), 1e-9);
            Assert.Equal(2.0, report["labels"]!["pupil_shift_px_mean"]!.GetValue<double>(), 1e-9);
            Assert.Equal(1.0, report["labels"]!["pupil_shift_px_sd"]!.GetValue<double>(), 1e-9);
            Assert.Equal(0.04, report["labels"]!["mean_abs_pixel_change"]!.GetValue<double>(), 1e-9);
            Assert.Equal(7, report["config"]!["seed"]!.GetValue<int>());
            Assert.Null(report["gaze"]!["synthetic_kx"]);
            AssertValid(report);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_report_without_gaze_keeps_every_gaze_key_null_and_says_why()
    {
        var report = ReportJson.Build(SampleResults.WithoutGaze());
        Assert.False(report["gaze_measured"]!.GetValue<bool>());
        Assert.Equal("the real test set has no gaze labels", report["gaze_skipped_reason"]!.GetValue<string>());
        Assert.Equal(["synthetic", "refined", "real", "synthetic_kx", "refined_kx"], report["gaze"]!.AsObject().Select(p => p.Key));
        Assert.All(report["gaze"]!.AsObject(), row => Assert.Null(row.Value));
        AssertValid(report);
    }

    [Fact]
    public void The_schema_holds_gaze_rows_to_what_gaze_measured_says()
    {
        var rowWithoutMeasurement = ReportJson.Build(SampleResults.WithoutGaze());
        rowWithoutMeasurement["gaze"]!["synthetic"] = ReportJson.Build(SampleResults.Make())["gaze"]!["synthetic"]!.DeepClone();
        Assert.False(Schema.Evaluate(rowWithoutMeasurement).IsValid);

        var noReason = ReportJson.Build(SampleResults.WithoutGaze());
        noReason["gaze_skipped_reason"] = null;
        Assert.False(Schema.Evaluate(noReason).IsValid);

        var measuredWithoutRow = ReportJson.Build(SampleResults.Make());
        measuredWithoutRow["gaze"]!["refined"] = null;
        Assert.False(Schema.Evaluate(measuredWithoutRow).IsValid);

        var measuredWithReason = ReportJson.Build(SampleResults.Make());
        measuredWithReason["gaze_skipped_reason"] = "why";
        Assert.False(Schema.Evaluate(measuredWithReason).IsValid);
    }

    [Fact]
    public void The_schema_accepts_only_the_version_the_writer_writes()
    {
        var report = ReportJson.Build(SampleResults.Make());
        Assert.Equal(ReportJson.SchemaVersion, report["schema_version"]!.GetValue<int>());
        report["schema_version"] = ReportJson.SchemaVersion - 1;
        Assert.False(Schema.Evaluate(report).IsValid);
    }

    [Fact]
    public void Realism_rows_and_settings_say_how_many_folds_the_test_used()
    {
        var split = ReportJson.Build(SampleResults.Make());
        Assert.Equal(1, split["realism"]!["refined_vs_real"]!["folds"]!.GetValue<int>());
        Assert.Equal(1, split["config"]!["realism"]!["folds"]!.GetValue<int>());

        var crossValidated = ReportJson.Build(SampleResults.CrossValidated());
        Assert.Equal(5, crossValidated["realism"]!["synthetic_vs_real"]!["folds"]!.GetValue<int>());
        Assert.Equal(200, crossValidated["realism"]!["synthetic_vs_real"]!["tested"]!.GetValue<int>());
        Assert.Equal(5, crossValidated["config"]!["realism"]!["folds"]!.GetValue<int>());
        AssertValid(crossValidated);

        crossValidated["realism"]!["refined_vs_real"]!.AsObject().Remove("folds");
        Assert.False(Schema.Evaluate(crossValidated).IsValid);
    }

    [Fact]
    public void Unmeasurable_values_are_null_not_NaN()
    {
        var results = SampleResults.Make() with { Labels = new LabelPreservationResult([], double.NaN, 0, 0) };
        var report = ReportJson.Build(results);
        Assert.Null(report["labels"]!["pupil_shift_px_mean"]);
        AssertValid(report);
    }

    [Fact]
    public void The_schema_rejects_a_short_curve_and_a_missing_section()
    {
        var shortCurve = ReportJson.Build(SampleResults.Make());
        shortCurve["gaze"]!["synthetic"]!["cumulative"]!.AsArray().RemoveAt(0);
        Assert.False(Schema.Evaluate(shortCurve).IsValid);

        var noRealism = ReportJson.Build(SampleResults.Make());
        noRealism.Remove("realism");
        Assert.False(Schema.Evaluate(noRealism).IsValid);
    }

    static void AssertValid(JsonNode report)
    {
        var result = Schema.Evaluate(report, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", result.Details
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }
}
