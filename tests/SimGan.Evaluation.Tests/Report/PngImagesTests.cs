using SimGan.Evaluation.Report;

namespace SimGan.Evaluation.Tests.Report;

public class PngImagesTests
{
    [Fact]
    public void Data_uri_carries_the_bytes_as_base64_png()
    {
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G'];
        string uri = PngImages.DataUri(bytes);
        Assert.StartsWith("data:image/png;base64,", uri);
        Assert.Equal(bytes, Convert.FromBase64String(uri["data:image/png;base64,".Length..]));
    }
}
