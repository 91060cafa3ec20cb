using SimGan.Evaluation.Labels;
using SimGan.Evaluation.Tests.TestData;

namespace SimGan.Evaluation.Tests.Labels;

public class PupilDetectorTests
{
    readonly PupilDetector _detector = new();

    [Fact]
    public void Finds_rendered_pupil_centres_to_a_tenth_of_a_pixel()
    {
        var eyes = new RenderedEyes(40, seed: 4, EyeStyle.Clean);
        for (int i = 0; i < 40; i++)
        {
            var found = Detect(eyes, i) ?? throw new Xunit.Sdk.XunitException($"no pupil in image {i}");
            (double x, double y) = eyes.PupilCentreOf(i);
            Assert.True(Math.Abs(found.X - x) < 0.1 && Math.Abs(found.Y - y) < 0.1,
                $"image {i}: found ({found.X:F2}, {found.Y:F2}), drawn at ({x:F2}, {y:F2})");
            Assert.Equal(3.0, found.Radius, 0.3);
        }
    }

    [Fact]
    public void Sensor_noise_costs_well_under_half_a_pixel()
    {
        var eyes = new RenderedEyes(40, seed: 5, EyeStyle.Clean with { Noise = 0.05f });
        double meanError = Enumerable.Range(0, 40).Average(i =>
        {
            var found = Detect(eyes, i)!.Value;
            (double x, double y) = eyes.PupilCentreOf(i);
            return Math.Sqrt((found.X - x) * (found.X - x) + (found.Y - y) * (found.Y - y));
        });
        Assert.True(meanError < 0.3, $"mean error {meanError:F3} px");
    }

    [Theory]
    [InlineData("lash band")]
    [InlineData("corner blob")]
    public void Dark_structures_a_refiner_adds_away_from_the_pupil_do_not_capture_the_detection(string defect)
    {
        // Refined images carry lash bands along the lid and eye corners darkened into blobs, both darker than the
        // pupil; a detector seeded at the darkest pixel measured them as a shift of the whole eye.
        (int y0, int y1, int x0, int x1) = defect == "lash band" ? (1, 4, 5, 50) : (15, 21, 1, 7);
        var eyes = new RenderedEyes(10, seed: 8, EyeStyle.Clean);
        var damaged = new TransformedImages(eyes, (image, output) =>
        {
            image.CopyTo(output);
            for (int y = y0; y < y1; y++)
                for (int x = x0; x < x1; x++) output[y * 55 + x] = 0f;
        });
        for (int i = 0; i < 10; i++)
        {
            var found = Detect(damaged, i)!.Value;
            (double x, double y) = eyes.PupilCentreOf(i);
            Assert.True(Math.Abs(found.X - x) < 0.2 && Math.Abs(found.Y - y) < 0.2,
                $"{defect}, image {i}: found ({found.X:F2}, {found.Y:F2}), drawn at ({x:F2}, {y:F2})");
        }
    }

    [Fact]
    public void A_dark_line_joining_the_pupil_does_not_drag_the_centre_along()
    {
        var eyes = new RenderedEyes(10, seed: 10, EyeStyle.Clean);
        for (int i = 0; i < 10; i++)
        {
            (double px, double py) = eyes.PupilCentreOf(i);
            var joined = new TransformedImages(eyes, (image, output) =>
            {
                image.CopyTo(output);
                int row = (int)Math.Round(py);
                for (int x = 0; x < 55; x++) output[row * 55 + x] = Math.Min(output[row * 55 + x], 0.02f);
            });
            var found = Detect(joined, i)!.Value;
            Assert.True(Math.Abs(found.X - px) < 1.0 && Math.Abs(found.Y - py) < 1.0,
                $"image {i}: found ({found.X:F2}, {found.Y:F2}), drawn at ({px:F2}, {py:F2})");
        }
    }

    [Fact]
    public void Brightness_and_contrast_changes_do_not_move_the_centre()
    {
        var eyes = new RenderedEyes(10, seed: 6, EyeStyle.Clean with { Noise = 0.02f });
        var dimmer = new TransformedImages(eyes, (image, output) =>
        {
            for (int p = 0; p < image.Length; p++) output[p] = 0.5f * image[p] + 0.2f;
        });
        for (int i = 0; i < 10; i++)
        {
            var original = Detect(eyes, i)!.Value;
            var changed = Detect(dimmer, i)!.Value;
            Assert.True(original.DistanceTo(changed) < 1e-3, $"image {i} moved {original.DistanceTo(changed)} px");
        }
    }

    [Fact]
    public void Colour_images_are_read_through_their_mean()
    {
        var eyes = new RenderedEyes(1, seed: 7, EyeStyle.Clean);
        var gray = new float[eyes.Shape.Pixels];
        eyes.ReadImage(0, gray);
        float[] colour = [.. gray, .. gray, .. gray];
        var fromGray = _detector.Detect(gray, 1, 35, 55)!.Value;
        var fromColour = _detector.Detect(colour, 3, 35, 55)!.Value;
        Assert.True(fromGray.DistanceTo(fromColour) < 1e-4);
    }

    [Fact]
    public void A_flat_image_has_no_pupil()
    {
        Assert.Null(_detector.Detect(Enumerable.Repeat(0.5f, 35 * 55).ToArray(), 1, 35, 55));
    }

    [Fact]
    public void Wrong_buffer_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _detector.Detect(new float[10], 1, 35, 55));
    }

    PupilDetection? Detect(SimGan.Core.Images.IImageSource images, long index)
    {
        var pixels = new float[images.Shape.Pixels];
        images.ReadImage(index, pixels);
        return _detector.Detect(pixels, 1, images.Shape.Height, images.Shape.Width);
    }
}
