using SimGan.Data.Datasets;
using SimGan.Evaluation.Labels;

namespace SimGan.Evaluation.Tests.Labels;

/// <summary>
/// The detector against the built-in domains' true pupil centres: its own error is the floor of any pupil shift it
/// reports. docs/evaluation.md quotes these figures.
/// </summary>
public class PupilDetectorAccuracyTests
{
    const int Images = 600;

    static (double Mean, double Median) ErrorOn(string spec)
    {
        var set = DatasetSpec.Open(spec, new DatasetOptions { Seed = 3 });
        var image = new float[set.Shape.Pixels];
        var errors = new List<double>();
        for (int i = 0; i < Images; i++)
        {
            set.ReadImage(i, image);
            var found = new PupilDetector().Detect(image, 1, set.Shape.Height, set.Shape.Width)
                        ?? throw new Xunit.Sdk.XunitException($"{spec}: no pupil in image {i}");
            var labels = set.Labels(i)!;
            // Labels put pixel (row i, column j) over [j, j+1) × [i, i+1); the detector puts pixel centres at integers.
            double dx = found.X + 0.5 - (double)labels["pupil_x"]!, dy = found.Y + 0.5 - (double)labels["pupil_y"]!;
            errors.Add(Math.Sqrt(dx * dx + dy * dy));
        }
        errors.Sort();
        return (errors.Average(), errors[errors.Count / 2]);
    }

    [Fact]
    public void On_simulator_images_the_detector_finds_the_pupil_to_about_a_pixel()
    {
        // Measured 1.06 px mean, 0.73 median; 0.79 and 0.34 before the simulator drew its hard-edged lid shadow over the
        // top of the iris, which pulls the dark core upwards (0.83 and 0.36 with that shadow left out).
        var (mean, median) = ErrorOn($"eyes-synthetic:{Images}");
        Assert.True(mean < 1.25 && median < 0.9, $"mean {mean:F2} px, median {median:F2} px");
    }

    [Fact]
    public void On_camera_images_the_pupil_is_found_inside_the_dark_iris_to_about_a_pixel()
    {
        // The iris is nearly as dark as the pupil there, and the lids cut its visible part unevenly: a detector that
        // took the whole dark blob was 1.94 px off on average (median 1.52), more than the demo's target.
        var (mean, median) = ErrorOn($"eyes-real:{Images}");
        Assert.True(mean < 1.5 && median < 1.0, $"mean {mean:F2} px, median {median:F2} px");
    }
}
