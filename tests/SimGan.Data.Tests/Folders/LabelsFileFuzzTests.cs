using System.Text;
using SimGan.Data.Folders;

namespace SimGan.Data.Tests.Folders;

public class LabelsFileFuzzTests
{
    [Fact]
    public void Random_bytes_become_listed_problems_never_exceptions()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine(LabelsFile.FileName);
        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
            var labels = LabelsFile.Read(path);
            Assert.All(labels.Problems, p => Assert.Contains(path, p));
        }
    }

    [Fact]
    public void Every_truncation_of_a_good_file_keeps_the_complete_lines()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine(LabelsFile.FileName);
        string good = "{\"file\":\"a.png\",\"gaze_yaw\":0.1}\n{\"file\":\"b.png\",\"iris_2d\":[[1,2],[3,4]]}\n";
        byte[] bytes = Encoding.UTF8.GetBytes(good);
        for (int length = 0; length <= bytes.Length; length++)
        {
            File.WriteAllBytes(path, bytes[..length]);
            var labels = LabelsFile.Read(path);
            int firstLineEnd = good.IndexOf('\n') + 1;
            if (length >= firstLineEnd) Assert.True(labels.ByFile.ContainsKey("a.png"));
            Assert.True(labels.ByFile.Count + labels.Problems.Count <= 2);
        }
    }

    [Fact]
    public void A_repeated_property_name_is_a_listed_problem_and_the_other_lines_load()
    {
        // Found by AFL++: System.Text.Json parsed such a line and threw ArgumentException on first lookup, which
        // stopped the whole folder dataset from loading.
        using var temp = new TempDirectory();
        string path = temp.Combine(LabelsFile.FileName);
        File.WriteAllText(path, "{\"file\":\"a.png\",\"file\":\"b.png\"}\n{\"file\":\"c.png\",\"gaze_yaw\":0.1}\n");
        var labels = LabelsFile.Read(path);
        Assert.Equal(["c.png"], labels.ByFile.Keys);
        Assert.Contains("line 1", Assert.Single(labels.Problems));
    }
}
