using SimGan.Data.Eyes;
using SimGan.Evaluation.Labels;

namespace SimGan.Evaluation.Tests.Labels;

/// <summary>
/// The pupil shift a perfect refiner would be charged with: each eye rendered twice from one geometry, once as the
/// simulator draws it and once as the camera domain does. Nothing moved, so every pixel of shift the detector reports
/// is the instrument's own, and it must sit under the demo's 1.5 px target or that target measures the detector.
/// Brow and lids are the scene's, so both looks get the same ones.
/// </summary>
public class PupilShiftFloorTests
{
    const int Pairs = 600;

    [Fact]
    public void The_same_eye_in_the_simulator_look_and_the_camera_look_shifts_about_a_pixel_on_average()
    {
        const int height = 35, width = 55;
        var synthetic = new float[height * width];
        var camera = new float[height * width];
        var shifts = new List<double>();
        for (int i = 0; i < Pairs; i++)
        {
            var random = SampleRandom.For(7, "same-eye-two-looks", i);
            var eye = EyeGeometry.Sample(ref random, height, width, EyeProportions.Default);
            var forSynthetic = random;
            var forCamera = random;
            var cameraLook = CameraLook.Sample(ref forCamera, height);
            var syntheticLook = SyntheticLook.Sample(ref forSynthetic, height) with { Lids = cameraLook.Lids, Brow = cameraLook.Brow };
            SyntheticEyeRenderer.Render(eye, syntheticLook, synthetic);
            CameraEyeRenderer.Render(eye, cameraLook, camera);
            var a = new PupilDetector().Detect(synthetic, 1, height, width) ?? throw new Xunit.Sdk.XunitException($"pair {i}: no pupil in the simulator look");
            var b = new PupilDetector().Detect(camera, 1, height, width) ?? throw new Xunit.Sdk.XunitException($"pair {i}: no pupil in the camera look");
            shifts.Add(a.DistanceTo(b));
        }
        shifts.Sort();
        double mean = shifts.Average(), median = shifts[Pairs / 2];
        // Measured 1.13 px mean, 0.71 median since the simulator draws lashes, crease and lid shadow (0.76 and 0.63
        // before); the detector that took the camera look's whole iris gave 1.78 and 1.18 on the older simulator.
        Assert.True(mean < 1.3 && median < 0.9, $"mean {mean:F2} px, median {median:F2} px");
    }
}
