namespace VolumeBackup.Testing;

/// <summary>A fresh directory under the system temp directory, removed on dispose.</summary>
public sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory(string prefix = "vb-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
    }
}
