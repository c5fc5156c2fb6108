using VolumeBackup.ObjectStores;

namespace VolumeBackup.Testing.ObjectStores;

/// <summary>
/// Fresh containers in tenant A's Swift account through a given provider, each deleted (with its objects) on dispose,
/// so that tests against the real Swift leave nothing behind.
/// </summary>
public sealed class SwiftTestContainers(IObjectStoreProvider provider) : IAsyncDisposable
{
    private readonly List<string> _names = [];

    /// <summary>A new, uniquely named container; requires Swift (skips locally without it, fails in CI).</summary>
    public IObjectStore OpenNew()
    {
        SwiftFixture.Require();
        var name = SwiftFixture.NewContainerName();
        _names.Add(name);
        return provider.Open(SwiftFixture.TenantA, name);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _names)
        {
            await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantACredentials, name, CancellationToken.None);
        }

        (provider as IDisposable)?.Dispose();
    }
}
