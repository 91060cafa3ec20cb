using System.Text.RegularExpressions;
using SimGan.Evaluation.Report;
using SimGan.Evaluation.Tests.TestData;

namespace SimGan.Evaluation.Tests.Report;

public class HtmlReportTests
{
    static readonly IReadOnlyList<SampleTriple> Samples = SampleTriple.Take(
        new RenderedEyes(3, 1, EyeStyle.Clean), new RenderedEyes(3, 1, EyeStyle.Clean with { Noise = 0.1f }),
        new RenderedEyes(3, 2, EyeStyle.Clean), 2);

    [Fact]
    public void Page_is_self_contained()
    {
        string html = HtmlReport.Render(SampleResults.Make(), Samples, null);
        Assert.Equal(6, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.DoesNotMatch("(src|href)=\"(?!data:)", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Tables_show_the_paper_rows_and_the_measured_values()
    {
        string html = HtmlReport.Render(SampleResults.Make(multiplied: true), Samples, null);
        Assert.Contains("<td>Synthetic data</td><td>100</td><td>50.0 %</td><td>7.50</td>", html);
        Assert.Contains("<td>Refined synthetic data 4×</td><td>400</td>", html);
        Assert.Contains("<td>Real data (oracle)</td>", html);
        Assert.Contains("<td>Synthetic vs real</td><td>81.0 %</td><td>75.0 % – 86.0 %</td><td>162 / 200</td>", html);
        Assert.Contains("2.00 ± 1.00", html);
        Assert.Contains("Cumulative error on real test images", html);
        Assert.Contains("&quot;seed&quot;: 7", html);
    }

    [Fact]
    public void Without_gaze_labels_one_sentence_replaces_the_gaze_table_and_curves()
    {
        string html = HtmlReport.Render(SampleResults.WithoutGaze(), Samples, null);
        Assert.Contains("<p>Gaze accuracy is not shown because the real test set has no gaze labels: realism and label " +
                        "preservation are measured, gaze error needs a labelled real test set.</p>", html);
        Assert.DoesNotContain("<td>Synthetic data</td>", html);
        Assert.DoesNotContain("Cumulative error on real test images", html);
        Assert.Contains("<td>Refined vs real</td>", html);
        Assert.DoesNotContain("not shown", HtmlReport.Render(SampleResults.Make(), Samples, null));
    }

    [Fact]
    public void The_realism_section_says_how_the_images_were_split()
    {
        string split = HtmlReport.Render(SampleResults.Make(), Samples, null);
        Assert.Contains("on half of the images and is scored on the other half", split);
        Assert.Contains("<th>Trained on</th>", split);

        string crossValidated = HtmlReport.Render(SampleResults.CrossValidated(), Samples, null);
        Assert.Contains("5-fold cross-validation", crossValidated);
        Assert.Contains("every image is scored once", crossValidated);
        Assert.Contains("<td>Synthetic vs real</td><td>95.0 %</td><td>91.0 % – 97.0 %</td><td>190 / 200</td><td>160</td>", crossValidated);
        Assert.DoesNotContain("the other half", crossValidated);
    }

    [Fact]
    public void Loss_curves_appear_when_metrics_are_given()
    {
        var metrics = Enumerable.Range(1, 5).Select(s => new TrainingMetric(s, "adversarial", 0.7, 0.6, 0.1, 10, 1)).ToList();
        string with = HtmlReport.Render(SampleResults.Make(), Samples, metrics);
        string without = HtmlReport.Render(SampleResults.Make(), Samples, null);
        Assert.Contains("Refiner adversarial loss", with);
        Assert.DoesNotContain("Refiner adversarial loss", without);
        Assert.Contains("No training metrics were given", without);
    }

    [Fact]
    public void Samples_are_taken_from_all_three_sets()
    {
        Assert.Equal(2, Samples.Count);
        Assert.NotEqual(Samples[0].SyntheticPng, Samples[0].RefinedPng);
        Assert.NotEqual(Samples[0].SyntheticPng, Samples[0].RealPng);
        Assert.Empty(SampleTriple.Take(new RenderedEyes(0, 1, EyeStyle.Clean), new RenderedEyes(3, 1, EyeStyle.Clean),
            new RenderedEyes(3, 1, EyeStyle.Clean), 2));
    }
}
