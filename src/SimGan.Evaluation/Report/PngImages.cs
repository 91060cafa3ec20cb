namespace SimGan.Evaluation.Report;

/// <summary>Embeds PNG bytes (from <see cref="Data.Imaging.PngImage"/>) in a self-contained page.</summary>
public static class PngImages
{
    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
}
