#:project ../src/SimGan.Data/SimGan.Data.csproj
// Prints the health numbers of every sample sheet of the given run folders (calibration of HealthThresholds).
using SimGan.Core.Health;
using SimGan.Core.Images;
using SimGan.Data.Imaging;

var shape = new ImageShape(1, 35, 55);
foreach (var run in args)
{
    Console.WriteLine(run);
    foreach (var file in Directory.GetFiles(Path.Combine(run, "samples"), "*.png").Order())
    {
        var image = ImageDecoder.Decode(File.ReadAllBytes(file));
        var grid = new float[image.Height * image.Width];
        ImageConversion.ToChannelsFirst(image, new ImageShape(1, image.Height, image.Width), grid);
        int tiles = 16, cols = 8;
        var syn = new float[8 * shape.Pixels]; var refi = new float[8 * shape.Pixels];
        for (int t = 0; t < tiles; t++)
        {
            int top = t / cols * (shape.Height + 1), left = t % cols * (shape.Width + 1);
            var dst = (t % 2 == 0 ? syn : refi).AsSpan(t / 2 * shape.Pixels, shape.Pixels);
            for (int r = 0; r < shape.Height; r++) grid.AsSpan((top + r) * image.Width + left, shape.Width).CopyTo(dst.Slice(r * shape.Width));
        }
        var h = RefinedImageHealth.Measure(syn, refi, 8, shape);
        Console.WriteLine($"  {Path.GetFileName(file)} contrast {h.ContrastRatio:F2} diversity {h.DiversityRatio:F2} structure {h.StructureCorrelation:F2}");
    }
}
