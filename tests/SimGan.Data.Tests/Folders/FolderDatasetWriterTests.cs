using System.Text.Json.Nodes;
using SimGan.Core.Images;
using SimGan.Data.Folders;

namespace SimGan.Data.Tests.Folders;

public class FolderDatasetWriterTests
{
    static readonly ImageShape Shape = new(1, 4, 5);

    [Fact]
    public void A_name_is_complete_once_its_image_and_label_line_are_written()
    {
        using var temp = new TempDirectory();
        using var writer = new FolderDatasetWriter(temp.Path);
        Assert.False(writer.IsComplete("a.png"));
        writer.Write("a.png", new float[Shape.Pixels], Shape, new JsonObject { ["pupil_x"] = 1.5 });
        Assert.True(writer.IsComplete("a.png"));
        Assert.True(File.Exists(temp.Combine("images", "a.png")));
        var line = JsonNode.Parse(File.ReadAllLines(temp.Combine("labels.jsonl")).Single())!;
        Assert.Equal("a.png", line["file"]!.GetValue<string>());
        Assert.Equal(1.5, line["pupil_x"]!.GetValue<double>());
    }

    [Fact]
    public void A_reopened_folder_knows_its_finished_names_and_drops_a_torn_last_line()
    {
        using var temp = new TempDirectory();
        using (var writer = new FolderDatasetWriter(temp.Path))
        {
            writer.Write("a.png", new float[Shape.Pixels], Shape, null);
            writer.Write("b.png", new float[Shape.Pixels], Shape, null);
        }
        // A crash after c.png's image but midway through its line; and a line whose image vanished.
        File.Copy(temp.Combine("images", "a.png"), temp.Combine("images", "c.png"));
        File.AppendAllText(temp.Combine("labels.jsonl"), "{\"file\": \"d.png\"}\n{\"file\": \"c.pn");
        using (var reopened = new FolderDatasetWriter(temp.Path))
        {
            Assert.True(reopened.IsComplete("a.png"));
            Assert.True(reopened.IsComplete("b.png"));
            Assert.False(reopened.IsComplete("c.png"));
            Assert.False(reopened.IsComplete("d.png"));
            reopened.Write("c.png", new float[Shape.Pixels], Shape, null);
        }
        var lines = File.ReadAllLines(temp.Combine("labels.jsonl"));
        Assert.All(lines, l => Assert.NotNull(JsonNode.Parse(l)));
        Assert.Equal(4, lines.Length);
    }

    [Theory]
    [InlineData("../escape.png")]
    [InlineData("a.jpg")]
    [InlineData(".hidden.png")]
    public void Refuses_names_outside_the_layout(string name)
    {
        using var temp = new TempDirectory();
        using var writer = new FolderDatasetWriter(temp.Path);
        Assert.Throws<ArgumentException>(() => writer.Write(name, new float[Shape.Pixels], Shape, null));
    }
}
