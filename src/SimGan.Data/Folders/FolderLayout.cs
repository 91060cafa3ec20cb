namespace SimGan.Data.Folders;

/// <summary>The layout simulate and refine write and folder:PATH reads: DIR/images/NAME.png and DIR/labels.jsonl.</summary>
public static class FolderLayout
{
    public const string ImagesDirectory = "images";
}
