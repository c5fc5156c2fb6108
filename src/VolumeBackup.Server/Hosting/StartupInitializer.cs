using VolumeBackup.Persistence;
using VolumeBackup.Server.Identity;

namespace VolumeBackup.Server.Hosting;

/// <summary>
/// Runs before the server listens: creates the data directory, applies the database migrations and loads (or, on
/// the first start, creates) the token file. In Keystone mode there is no token file: Keystone knows the tokens.
/// </summary>
internal sealed class StartupInitializer(
    DataDirectory data, IServiceScopeFactory scopes, ITokenValidator tokens) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        data.EnsureExists();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
            await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        }

        if (tokens is StaticTokenValidator staticTokens)
        {
            await staticTokens.LoadAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
