namespace SimGan.Fuzz;

/// <summary>A private temporary folder for targets whose parser reads a path rather than bytes.</summary>
public sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string purpose)
    {
        Path = Directory.CreateTempSubdirectory($"simgan-fuzz-{purpose}-").FullName;
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
