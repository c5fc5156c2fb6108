using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.ObjectStores.Swift;

namespace VolumeBackup.ObjectStores;

/// <summary>Builds the configured provider: the driver of <see cref="ObjectStoreOptions.Kind"/>, wrapped in retries.</summary>
public static class ObjectStoreProviderFactory
{
    /// <param name="options">The configuration.</param>
    /// <param name="swiftHandler">An HTTP handler for Swift instead of the built-in pool (tests inject faults with it).</param>
    /// <param name="timeProvider">The clock for retry delays and attempt timeouts.</param>
    /// <returns>A provider; dispose it (when it is <see cref="IDisposable"/>) to release its connections.</returns>
    public static IObjectStoreProvider Create(ObjectStoreOptions options, HttpMessageHandler? swiftHandler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IObjectStoreProvider driver = options.Kind switch
        {
            ObjectStoreKind.Filesystem => new FilesystemObjectStoreProvider(
                options.FilesystemRoot ?? throw new ArgumentException("The filesystem object store needs FilesystemRoot.", nameof(options))),
            ObjectStoreKind.Swift => new SwiftObjectStoreProvider(options.Swift, swiftHandler),
            _ => throw new ArgumentException($"Unknown object store kind {options.Kind}.", nameof(options)),
        };
        return options.Retry.MaxRetryAttempts > 0 ? new RetryingObjectStoreProvider(driver, options.Retry, timeProvider) : driver;
    }
}
